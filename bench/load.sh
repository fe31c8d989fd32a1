#!/usr/bin/env bash
# load.sh: SECONDS (60 by default) of mixed reads and writes with wrk
# (bench/load.lua: 80 % reads of progress, reports and team lists, 20 %
# report PUTs, each committed to disk) from 32 connections on the Lạng Sơn
# demo database; reports requests/s, errors (any status but 200, socket
# errors, timeouts) and latency percentiles; then, in the same run, nginx
# serving the same bytes as the provincial progress reply, as the baseline
# of requests/s.
# Usage: bench/load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
DUR=${1:-60}
OUT=bench/out/load
PORT=${PORT:-18251}
rm -rf "$OUT" && mkdir -p "$OUT"
. bench/lib.sh
trap bench_cleanup EXIT
DB=$OUT/load.db
"$BIN" init --demo --db "$DB" >/dev/null
bench_serve "$DB" "$PORT" "$OUT/serve.log"
bench_login "http://127.0.0.1:$PORT" tinh.langson langso-demo-2026 "$OUT"
export LOAD_COOKIE=$cookie LOAD_CSRF=$csrf
export LOAD_PROVINCE=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'province' AND code = '20'")
export LOAD_COMMUNE=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'commune' AND code = '06184'")
export LOAD_JOBS=$OUT/jobs.txt
bench_writable_weeks "$DB" > "$LOAD_JOBS"

wrk -t 2 -c 32 -d "${DUR}s" --timeout 5s --latency -s bench/load.lua "http://127.0.0.1:$PORT" > "$OUT/wrk.txt"
# the baseline: nginx serving the provincial progress reply's bytes
curl -s -H "cookie: $LOAD_COOKIE" "http://127.0.0.1:$PORT/api/v1/units/$LOAD_PROVINCE/progress?period=2026" > "$OUT/progress.json"
NPORT=$((PORT + 1))
echo "server { listen 127.0.0.1:$NPORT; location / { root $PWD/$OUT; default_type application/json; } }" > "$OUT/static.conf"
bench_nginx "$OUT/nginx" "$OUT/static.conf" "http://127.0.0.1:$NPORT/progress.json"
wrk -t 2 -c 32 -d "${DUR}s" --latency "http://127.0.0.1:$NPORT/progress.json" > "$OUT/nginx.txt"

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
errors=$(awk '/Non-2xx or 3xx responses/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$OUT/wrk.txt")
total=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
check=$("$BIN" check --db "$DB" | sed 's/.*: //')
cat <<REPORT

== mixed load, ${DUR} s, 32 connections (80 % reads, 20 % durable report PUTs), Lạng Sơn demo, 2 cores
langso: $(rps "$OUT/wrk.txt") requests/s; ${total} requests, ${errors} errors; latency p50 $(pct "$OUT/wrk.txt" 50%), p90 $(pct "$OUT/wrk.txt" 90%), p99 $(pct "$OUT/wrk.txt" 99%)
nginx serving the same bytes as the provincial progress: $(rps "$OUT/nginx.txt") requests/s, p99 $(pct "$OUT/nginx.txt" 99%); ratio $(awk -v a="$(rps "$OUT/wrk.txt")" -v b="$(rps "$OUT/nginx.txt")" 'BEGIN {printf "%.3f", a / b}')
langso check after the run: $check
REPORT
[ "$errors" -eq 0 ]
