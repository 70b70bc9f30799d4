#!/usr/bin/env bash
# Runs the whole host suite (test/host/run-all.sh) N times in a row, to show it does not fail by chance.
#   bash test/host/repeat.sh N [--keep-going]
# One line per run: start time, duration, the suite's "host: N passed, N failed" and its failed layers.
# Stops after the first failing run unless --keep-going. Each run's layer logs and failure screenshots are
# kept in test/output/repeat/run-K/; the summary is test/output/repeat/summary.txt.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:?usage: bash test/host/repeat.sh N [--keep-going]}
keep_going=false
[ "${2:-}" = --keep-going ] && keep_going=true
DIR=test/output/repeat
rm -rf "$DIR"
mkdir -p "$DIR"
SUMMARY=$DIR/summary.txt

npm run build --silent >/dev/null || { echo "repeat.sh: npm run build failed" >&2; exit 1; }
echo "repeat.sh: $runs runs of test/host/run-all.sh on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$SUMMARY"

failures=0
for k in $(seq 1 "$runs"); do
  out=$DIR/run-$k
  mkdir -p "$out"
  rm -f test/output/screenshots/*FAIL-*.png
  start=$(date +%s)
  bash test/host/run-all.sh > "$out/run-all.log" 2>&1
  rc=$?
  seconds=$(( $(date +%s) - start ))
  # run-all.sh copies its layer logs to test/output/ when it ends.
  for log in test/output/*.log; do [ "$(basename "$log")" = ci.log ] || cp "$log" "$out/"; done
  cp test/output/screenshots/*FAIL-*.png "$out/" 2>/dev/null
  result=$(grep -E '^host: [0-9]+ passed, [0-9]+ failed' "$out/run-all.log" | tail -n 1)
  failed_layers=$(grep -E '^  failed: ' "$out/run-all.log" | tail -n 1 | sed 's/^  //')
  line="run $k: started $(date -d "@$start" +%T), ${seconds}s, ${result:-no summary line} $([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc) ${failed_layers}"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$line" | tee -a "$SUMMARY"
  if [ "$rc" != 0 ]; then
    failures=$((failures + 1))
    grep -E 'FAIL |failing|Error' "$out/run-all.log" | head -n 20 | sed 's/^/    /' | tee -a "$SUMMARY"
    $keep_going || break
  fi
done
echo "repeat.sh: $failures failing run(s)" | tee -a "$SUMMARY"
[ "$failures" = 0 ]
