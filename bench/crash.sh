#!/usr/bin/env bash
# crash.sh: nothing acknowledged is lost when the server is killed. A demo
# database; report PUTs with Idempotency-Keys from 16 clients; the server
# killed with SIGKILL at a random moment (KILLS times, 50 by default) and
# started again. Then every write answered 200 must be stored with its
# values, `langso check` must find 0 differences in the roll-ups and
# SQLite's integrity_check must say ok.
# Usage: bench/crash.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
KILLS=${1:-50}
OUT=bench/out/crash
PORT=${PORT:-18231}
rm -rf "$OUT" && mkdir -p "$OUT"
. bench/lib.sh
trap bench_cleanup EXIT
DB=$OUT/crash.db
"$BIN" init --demo --db "$DB" >/dev/null
serve() { bench_serve "$DB" "$PORT" "$OUT/serve.log"; }

# the writes: weeks of 2025 with no accepted (locked) report, of teams of
# the whole province that existed then, each written once
bench_writable_weeks "$DB" | head -40000 |
  awk -F'|' '{printf "{\"team\":%s,\"period\":\"%s\",\"values\":{\"DVC_GUIDED\":%d,\"VNEID_L2\":%d}}\n", $1, $2, NR % 97, NR % 89}' > "$OUT/jobs.jsonl"

serve
bench_login "http://127.0.0.1:$PORT" tinh.langson langso-demo-2026 "$OUT"

start=0
: > "$OUT/acked.jsonl"
for k in $(seq "$KILLS"); do
  node bench/crash-client.mjs "http://127.0.0.1:$PORT" "$cookie" "$csrf" "$OUT/jobs.jsonl" "$start" \
    "$OUT/acked.jsonl" 16 > "$OUT/next" &
  client=$!
  sleep "0.$(( RANDOM % 9 + 1 ))"
  kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
  wait "$client"
  start=$(cat "$OUT/next")
  serve
done
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

# every acknowledged write, stored with its values
acked=$(wc -l < "$OUT/acked.jsonl")
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
console.log(rows.map((j) => `${j.team}|${j.period}|DVC_GUIDED|${j.values.DVC_GUIDED}\n${j.team}|${j.period}|VNEID_L2|${j.values.VNEID_L2}`).join("\n"));
' "$OUT/acked.jsonl" | sort > "$OUT/expected.txt"
sqlite3 "$DB" "SELECT r.team_id || '|' || r.period || '|' || i.code || '|' || v.value FROM report r
  JOIN report_value v ON v.report_id = r.id JOIN indicator i ON i.id = v.indicator_id
  WHERE r.period LIKE '2025W%' AND r.status = 'submitted' AND i.code IN ('DVC_GUIDED', 'VNEID_L2')" | sort > "$OUT/stored.txt"
lost=$(comm -23 "$OUT/expected.txt" "$OUT/stored.txt" | wc -l)
check=$("$BIN" check --db "$DB" | sed 's/.*: //')
integrity=$(sqlite3 "$DB" "PRAGMA integrity_check")
echo
echo "== crash test: $KILLS kills (SIGKILL), $(cat "$OUT/next") writes begun, $acked acknowledged"
echo "acknowledged values missing or different: $lost"
echo "langso check: $check"
echo "integrity_check: $integrity"
[ "$lost" -eq 0 ] && [[ $check == "0 differences"* ]] && [ "$integrity" = ok ]
