#!/usr/bin/env bash
# fuzz.sh BUILD SECONDS: run every libFuzzer target built in BUILD for
# SECONDS each, from its committed seeds (fuzz/corpus/NAME, read only; new
# inputs go to BUILD/corpus/NAME), and print per target the inputs run and
# the crashes found. Exits 1 when any target crashed; the input that did
# is kept as BUILD/crash-NAME-*.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz.sh BUILD SECONDS} seconds=${2:-10}
status=0 ok=0 bad=0
printf '%-16s %12s %8s\n' target executions crashes
for bin in "$build"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin"); short=${name#fuzz_}
  mkdir -p "$build/corpus/$short"
  log="$build/$name.log"
  "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/crash-$short-" "$build/corpus/$short" "fuzz/corpus/$short" >"$log" 2>&1
  rc=$?
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  crashes=$(ls "$build"/crash-"$short"-* 2>/dev/null | wc -l)
  printf '%-16s %12s %8s\n' "$short" "${runs:-?}" "$crashes"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1 bad=$((bad + 1))
    grep -E "ERROR|invariant|SUMMARY" "$log" | head -5
  else
    ok=$((ok + 1))
  fi
done
# counted by scripts/test.sh like node's test runner: a target is a test
echo "# pass $ok"
echo "# fail $bad"
exit $status
