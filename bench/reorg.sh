#!/usr/bin/env bash
# reorg.sh: the 2025 reform at national scale. The Statistics Office's
# pre-reform list (63 provinces, 10,056 communes) is loaded beside today's
# units; ten villages with a team each are placed under every old commune
# (~100,000), each team with a year of monthly reports before the reform
# (2024-07 to 2025-06: 5 values a month, ~6 million values) and their
# roll-ups; then the whole official conversion table (~11,500 rows) is
# applied. Measures, in one run:
#  1. the time to apply the table (and a second run, which changes nothing);
#  2. progress of the nation and of a new province over 2025 (a year that
#     spans the reform) as now and as then, p50 of 20 through the API,
#     against the raw GROUP BY of the same figures;
#  3. the first page of the villages waiting for their new commune;
#  4. the whole table undone, and applied again;
#  5. langso check after it all (0 differences).
# Needs the reference files of ../shared/data/units (LANGSO_SHARED).
# Usage: bench/reorg.sh (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
OUT=${OUT:-bench/out/reorg}
PORT=${PORT:-18193}
DATA=${LANGSO_SHARED:-../shared}/data/units
[ -f "$DATA/nso-communes-2025-01-04.csv" ] || { echo "reorg.sh: no reference lists in $DATA" >&2; exit 2; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

rm -rf "$OUT" && mkdir -p "$OUT"
DB=$OUT/r.db
printf 'may trang tren dinh nui cao\n' | "$BIN" init --db "$DB" >/dev/null
printf 'may trang tren dinh nui cao\n' | "$BIN" user add --db "$DB" --username bench --role admin >/dev/null
"$BIN" units import-nso --db "$DB" "$DATA/nso-communes-2025-01-04.csv"
# (two files: an import takes at most 100,000 rows)
for half in 1 6; do
  { echo 'commune_code,village'
    sqlite3 "$DB" "SELECT code FROM unit WHERE level = 'commune' AND valid_to IS NOT NULL ORDER BY code" |
      awk -v h="$half" '{ for (i = h; i < h + 5; i++) printf "%s,Thôn %d\n", $1, i }'; } > "$OUT/villages.csv"
  "$BIN" import villages --db "$DB" --at 2025-05-01 "$OUT/villages.csv"
done

# a team in every village, a year of monthly reports, their roll-ups as
# langso keeps them (langso check below says they agree)
t0=$(ms)
sqlite3 "$DB" <<'SQL'
PRAGMA journal_mode = WAL;
BEGIN;
INSERT INTO team(unit_id, name, name_fold, established_on)
  SELECT id, 'Tổ CNSCĐ ' || name, 'to cnscd ' || name_fold, '2024-01-01' FROM unit
  WHERE level = 'village';
CREATE TEMP TABLE months(period TEXT);
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 11)
  INSERT INTO months SELECT strftime('%Y-%m', '2024-07-01', '+' || i || ' months') FROM m;
INSERT INTO report(team_id, form_id, period, status, due_on, submitted_at)
  SELECT t.id, f.id, m.period, 'submitted', m.period || '-28', m.period || '-28T03:00:00Z'
  FROM team t CROSS JOIN months m JOIN form f ON f.code = 'MONTHLY';
INSERT INTO report_value(report_id, indicator_id, value)
  SELECT r.id, i.id, (r.id * 7 + i.id * 13) % 40 + (CASE i.aggregation WHEN 'latest' THEN 60 ELSE 0 END)
  FROM report r JOIN form_indicator fi ON fi.form_id = r.form_id
  JOIN indicator i ON i.id = fi.indicator_id;
INSERT INTO agg(unit_id, indicator_id, period, value, reports, stripe)
  SELECT u.ancestor_id, v.indicator_id, r.period, sum(v.value), count(*), 0
  FROM report r JOIN team t ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id
  JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'sum'
  JOIN unit_tree u ON u.unit_id = t.unit_id AND u.depth > 0 GROUP BY 1, 2, 3;
INSERT INTO agg_report(unit_id, form_id, period, received, late, stripe)
  SELECT u.ancestor_id, r.form_id, r.period, count(*), sum(r.late), 0
  FROM report r JOIN team t ON t.id = r.team_id JOIN unit_tree u ON u.unit_id = t.unit_id
  GROUP BY 1, 2, 3;
INSERT INTO agg_stock(unit_id, indicator_id, period, value, teams, reports, stripe)
  SELECT u.ancestor_id, c.indicator_id, c.period, sum(c.value), sum(c.teams), sum(c.reports), 0
  FROM stock_change c JOIN team t ON t.id = c.team_id
  JOIN unit_tree u ON u.unit_id = t.unit_id GROUP BY 1, 2, 3;
COMMIT;
SQL
t1=$(ms)
echo "teams and reports: $(sqlite3 "$DB" "SELECT count(*) FROM team") teams," \
  "$(sqlite3 "$DB" "SELECT count(*) FROM report_value") values ($(( (t1 - t0) / 1000 )) s)"
"$BIN" check --db "$DB" | tail -1

# 1. the table applied, then again
t0=$(ms)
"$BIN" units apply-conversion --db "$DB" --effective 2025-07-01 --decision 19/2025/QĐ-TTg \
  "$DATA/conversion-2025-07-01.csv"
t1=$(ms)
"$BIN" units apply-conversion --db "$DB" --effective 2025-07-01 "$DATA/conversion-2025-07-01.csv"
t2=$(ms)
echo "apply-conversion: $(( t1 - t0 )) ms; again: $(( t2 - t1 )) ms"

# 2. progress over 2025 through the API, as now and as then
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >/dev/null 2>"$OUT/serve.log" &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
login=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"bench","password":"may trang tren dinh nui cao"}' "http://127.0.0.1:$PORT/api/v1/session")
cookie=$(printf '%s' "$login" | tr -d '\r' | awk -F': ' 'tolower($1) == "set-cookie" {split($2, a, ";"); print a[1]}')
nation=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'nation'")
province=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'province' AND code = '20' AND valid_to IS NULL")
for u in "nation $nation" "Lạng Sơn $province"; do
  set -- $u
  name=$1; id=${!#}
  for as in now then; do
    echo "progress of $name over 2025 as $as (p50 p90 bytes): $(node bench/p50.mjs \
      "http://127.0.0.1:$PORT/api/v1/units/$id/progress?period=2025&as=$as" "$cookie" 20)"
  done
  t0=$(ms)
  sqlite3 "$DB" "SELECT sum(v.value) FROM report r JOIN team t ON t.id = r.team_id
    JOIN unit_tree u ON u.unit_id = t.unit_id AND u.ancestor_id = $id
    JOIN report_value v ON v.report_id = r.id JOIN indicator i ON i.id = v.indicator_id
    AND i.aggregation = 'sum' WHERE r.period BETWEEN '2025-01' AND '2025-12'" >/dev/null
  t1=$(ms)
  echo "the raw GROUP BY of its flows over 2025: $(( t1 - t0 )) ms"
done
# 3. the villages of split communes waiting, first page, as the ministry
echo "waiting villages, first page (p50 p90 bytes): $(node bench/p50.mjs \
  "http://127.0.0.1:$PORT/api/v1/reorganisation/waiting" "$cookie" 20)"
kill "$pid"; pid=
# 4. the whole table undone (every village moved back, the links removed),
# then applied again
t0=$(ms)
"$BIN" units unapply-conversion --db "$DB" --effective 2025-07-01 "$DATA/conversion-2025-07-01.csv"
t1=$(ms)
"$BIN" units apply-conversion --db "$DB" --effective 2025-07-01 --decision 19/2025/QĐ-TTg \
  "$DATA/conversion-2025-07-01.csv" >/dev/null
t2=$(ms)
echo "unapply-conversion: $(( t1 - t0 )) ms; applied again: $(( t2 - t1 )) ms"
# 5. the roll-ups agree with the raw rows under both readings, after it all
"$BIN" check --db "$DB" | tail -1
