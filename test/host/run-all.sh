#!/usr/bin/env bash
# The tests that need a real VS Code (code-server, offline), after `npm run build`:
#   1. install the host (test/host/install.sh; quick when already installed)
#   2. node esbuild.mjs --tests           (test/ -> out/test/)
#   3. the package                        (scripts/package.mjs: the .vsix users install, built afresh)
#   4. extension-host tests               (mocha in VS Code's Node extension host, on the development
#                                          folder: test/integration/*.test.ts)
#   5. UI end-to-end tests, one at a time, on the .vsix installed with --install-extension into a fresh
#      profile (test/ui/*.ui.mjs; screenshots in test/output/screenshots/):
#        ui-NAME   in code-server's Node extension host (the `main` bundle)
#        web-NAME  in the browser's web-worker extension host (the `browser` bundle)
# Every layer runs even if an earlier one failed; the exit code is non-zero if any failed.
# Ends with one line "host: N passed, N failed" over layers 4 and 5.
# Env: UI_TESTS / WEB_TESTS = names of the UI files to run in each host (default: all of test/ui/*.ui.mjs).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# Each layer's output is captured in a private folder (runs in the same tree may overlap) and copied to
# test/output/<layer>.log at the end.
OUT=$(mktemp -d /tmp/coach-run-all-XXXXXX)
mkdir -p test/output
trap 'cp "$OUT"/*.log test/output/ 2>/dev/null; rm -rf "$OUT"' EXIT

failed_layers=()
passed=0
failed=0
timings=()
now() { date +%s; }
T0=$(now)

# count LOG: add the last "N passed, N failed" line of LOG to the totals (a layer that died before it counts as 1 failure).
count() {
  local line
  line=$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  else
    failed=$((failed + 1))
  fi
}

# layer NAME COMMAND...: run, tee the output into NAME.log, record time and result.
layer() {
  local name=$1; shift
  local log=$OUT/$name.log start=$(now) rc
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  timings+=("$(printf '%-28s %4ss  %s' "$name" $(( $(now) - start )) "$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")")")
  [ "$rc" = 0 ] || failed_layers+=("$name")
  return "$rc"
}

summary() {
  echo
  echo "=== test/host/run-all.sh: time per layer"
  printf '  %s\n' "${timings[@]}"
  printf '  %-28s %4ss\n' total $(( $(now) - T0 ))
  [ ${#failed_layers[@]} -eq 0 ] || echo "  failed: ${failed_layers[*]}"
  echo "host: $passed passed, $failed failed"
}

layer install bash test/host/install.sh || { summary; exit 1; }
[ -f dist/extension.js ] || layer build npm run build || { summary; exit 1; }
layer build-tests node esbuild.mjs --tests --quiet || { summary; exit 1; }

# Into the private folder: runs in the same tree may overlap. Its name is what `npm run package` writes.
VSIX=$OUT/$(node -p 'const p = require("./package.json"); `${p.name}-${p.version}.vsix`')
layer package node scripts/package.mjs --out "$VSIX" || { summary; exit 1; }

layer exthost node test/host/run-exthost-tests.cjs
count "$OUT/exthost.log"

all_ui=$(for f in test/ui/*.ui.mjs; do basename "$f" .ui.mjs; done)
for host in ui web; do
  if [ "$host" = ui ]; then names=${UI_TESTS:-$all_ui}; else names=${WEB_TESTS:-$all_ui}; fi
  for name in $names; do
    layer "$host-$name" env COACH_VSIX="$VSIX" COACH_EXTENSION_HOST="$([ "$host" = web ] && echo web || echo node)" node "test/ui/$name.ui.mjs"
    count "$OUT/$host-$name.log"
  done
done

summary
[ ${#failed_layers[@]} -eq 0 ]
