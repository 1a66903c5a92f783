#!/usr/bin/env bash
# A real cluster on loopback: PostgreSQL (a throwaway database), two app instances in production
# mode on that one database (same secrets, cron on in both), and Debian's nginx as a round-robin
# load balancer in front of them; then bench/cluster.js checks them, and everything is stopped.
#
#   bash bench/cluster.sh            the full run (about 2 minutes), writes bench/results-cluster.json
#   bash bench/cluster.sh --smoke    small counts, for CI
#
# Ports: CLUSTER_PORT (default 1360) for nginx, the next two for the instances, the two after for
# bench/cluster.js's SMTP sink and rebuild receiver. Logs and nginx's configuration: .tmp/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
app_dir=$PWD
base=${CLUSTER_PORT:-1360}
lb_port=$base a_port=$((base + 1)) b_port=$((base + 2)) smtp_port=$((base + 3)) hook_port=$((base + 4))
work=$app_dir/.tmp/cluster
rm -rf "$work" && mkdir -p "$work"
stage() { echo "== [$(date +%T), ${SECONDS}s] $*"; }

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "nginx is missing: installing Debian's package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    echo "nginx is missing: run 'apt-get install nginx' as root first" >&2
    exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

source .ci/postgres.sh
# The server CI started already (DATABASE_PORT exported), or the machine's, or a private one.
if [ -z "${DATABASE_PORT:-}" ] || ! pg_ok "$DATABASE_PORT"; then ensure_postgres; fi
export DATABASE_HOST=${DATABASE_HOST:-127.0.0.1} DATABASE_USERNAME=${DATABASE_USERNAME:-postgres}
export DATABASE_CLIENT=postgres DATABASE_NAME="bluehats_cluster_$$" DATABASE_SSL=false
psql_admin() { psql -h "$DATABASE_HOST" -p "$DATABASE_PORT" -U "$DATABASE_USERNAME" -d postgres -Atqc "$1"; }

pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  psql_admin "DROP DATABASE IF EXISTS \"$DATABASE_NAME\" WITH (FORCE)" || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_admin "CREATE DATABASE \"$DATABASE_NAME\""

# One set of secrets for both instances, as a deployment shares its .env.
eval "$(node -e "for (const [k, v] of Object.entries(require('./database/seed/secrets').randomSecrets())) console.log('export ' + k + '=' + JSON.stringify(v))")"
export NODE_ENV=production HOST=127.0.0.1 TRUST_PROXY=true CRON_ENABLED=true REBUILD_ALLOW_PRIVATE_TARGETS=true
export PUBLIC_URL="http://127.0.0.1:$lb_port" SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp_port
export ADMIN_EMAIL=grappe@example.org ADMIN_PASSWORD=Grappe2026x
export CLUSTER_HOOK_URL="http://127.0.0.1:$hook_port/hook"

stage "seeding $DATABASE_NAME on $DATABASE_HOST:$DATABASE_PORT (compiling first if the build is older than the sources)"
timeout 300 node bench/cluster-seed.js >"$work/seed.log" 2>&1 || { tail -n 40 "$work/seed.log" >&2; exit 1; }

start_instance() { # name port
  PORT=$2 timeout 600 node_modules/.bin/strapi start >"$work/$1.log" 2>&1 &
  pids+=($!)
}
start_instance a "$a_port"
start_instance b "$b_port"

cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  upstream app {
    server 127.0.0.1:$a_port;
    server 127.0.0.1:$b_port;
    keepalive 64;
    keepalive_requests 100000;
  }
  server {
    listen 127.0.0.1:$lb_port;
    # nginx closes a client's connection after 1,000 requests by default: a load test's request in
    # flight at that moment is cut (an error that is nginx's, not the app's).
    keepalive_requests 100000;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
timeout 600 "$nginx_bin" -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" &
pids+=($!)

stage "waiting for the instances (ports $a_port, $b_port) and nginx ($lb_port)"
for port in "$a_port" "$b_port" "$lb_port"; do
  for i in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/_health" && break
    if [ "$i" = 120 ]; then
      echo "port $port never answered" >&2
      tail -n 30 "$work"/*.log >&2
      exit 1
    fi
    sleep 0.5
  done
done

stage "checks"
CLUSTER_LB="http://127.0.0.1:$lb_port" CLUSTER_A="http://127.0.0.1:$a_port" CLUSTER_B="http://127.0.0.1:$b_port" \
  CLUSTER_SMTP_PORT=$smtp_port CLUSTER_HOOK_PORT=$hook_port \
  timeout 240 node bench/cluster.js "$@"
