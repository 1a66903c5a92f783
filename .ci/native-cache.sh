# better-sqlite3 downloads a prebuilt binary from GitHub, which CI cannot reach, so a clean install
# compiles SQLite (about 100 s of the install). prebuild-install looks in npm's cache
# (<cache>/_prebuilds) before it downloads, and loads what it finds there to check it (a binary that
# does not load is rebuilt). After the first compilation on a machine, keep the binary there under
# the name prebuild-install asks for (it names the version, Node's ABI, the platform and the CPU).

remember_better_sqlite3() {
  local package=node_modules/better-sqlite3 cached
  [ -f "$package/build/Release/better_sqlite3.node" ] || return 0
  cached=$(cd "$package" && npm_config_cache="$(npm config get cache)" node -e "
    const pkg = require('./package.json');
    const util = require('prebuild-install/util');
    const opts = { ...require('prebuild-install/rc')(pkg), pkg };
    process.stdout.write(util.cachedPrebuild(util.getDownloadUrl(opts)));
  ") || return 0
  [ -f "$cached" ] && return 0
  mkdir -p "$(dirname "$cached")"
  tar -czf "$cached.$$.tmp" -C "$package" build/Release/better_sqlite3.node && mv "$cached.$$.tmp" "$cached"
  echo "better-sqlite3's binary kept for the next clean install: $cached"
}
