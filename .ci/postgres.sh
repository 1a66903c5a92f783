# Makes a PostgreSQL server reachable on 127.0.0.1 as the `postgres` role without a password,
# and exports DATABASE_HOST/DATABASE_PORT/DATABASE_USERNAME for the test harness, which creates
# (and drops) a throwaway database per run.
# 1. the machine's cluster, started if it is installed but stopped;
# 2. otherwise a private throwaway cluster on port 55432 (installing PostgreSQL first if needed).

pg_ok() { pg_isready -q -h 127.0.0.1 -p "$1" && psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  export DATABASE_HOST=127.0.0.1 DATABASE_USERNAME=postgres
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing it from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  if ! pg_ok 5432 && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
    for _ in $(seq 1 20); do pg_ok 5432 && break; sleep 0.5; done
  fi
  if pg_ok 5432; then
    export DATABASE_PORT=5432
    return 0
  fi
  echo "No usable PostgreSQL on 5432: starting a private cluster on 55432"
  local bin dir=/tmp/bluehats-ci-pg
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir" 2>/dev/null || true
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p 55432 -k $dir -c listen_addresses=127.0.0.1" -w start >/dev/null
  export DATABASE_PORT=55432
  pg_ok 55432
}
