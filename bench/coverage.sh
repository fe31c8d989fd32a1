#!/usr/bin/env bash
# coverage.sh: training coverage at national scale. On a copy of the
# generated national database (bench/reports.sh makes it: 34 provinces,
# 3,321 communes, ~100,000 teams) this script adds 3–5 members a team, five
# trainings a province with every team invited, and a member of about
# three teams in five present (some at two of them); then times
# `langso export coverage` (the same core function as the page and the
# API) for the nation and for a province of about 4,000 teams (median of
# RUNS), against a bare count of the same members by a raw GROUP BY in the
# same run (sqlite3: what reading the members alone costs).
# Usage: bench/coverage.sh  (SQLite; the generated database must exist)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
GEN=${GEN:-bench/out/gen-52}
OUT=${OUT:-bench/out/coverage}
RUNS=${RUNS:-5}
[ -f "$GEN/done" ] || { echo "coverage.sh: run bench/reports.sh first (it generates $GEN)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT"' EXIT  # KEEP=1 keeps the copy
cp "$GEN/n.db" "$OUT/n.db"
DB=$OUT/n.db
"$BIN" migrate --db "$DB" >/dev/null
ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms)
sqlite3 -bail "$DB" >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
-- 3 to 5 members a team, joined when the team was made
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 5)
INSERT INTO member(team_id, province_id, full_name, name_fold, role, joined_on)
  SELECT t.id, (SELECT x.ancestor_id FROM unit_tree x JOIN unit p ON p.id = x.ancestor_id
                 WHERE x.unit_id = t.unit_id AND p.level = 'province'),
         'Thành viên ' || k.n, 'thanh vien ' || k.n,
         CASE k.n WHEN 1 THEN 'leader' WHEN 2 THEN 'deputy' ELSE 'member' END, '2022-01-01'
  FROM team t JOIN k ON k.n <= 3 + t.id % 3;
-- five trainings a province, on two platforms in turn
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 5)
INSERT INTO training(title, title_fold, organiser_unit_id, mode, place, starts_on, ends_on)
  SELECT 'Lớp ' || k.n, 'lop ' || k.n, p.id, 'in_person', 'Hội trường',
         '2026-0' || k.n || '-10', '2026-0' || k.n || '-11'
  FROM unit p JOIN k WHERE p.level = 'province';
INSERT INTO training_platform(training_id, platform_id)
  SELECT t.id, (SELECT id FROM platform WHERE code = CASE t.id % 2 WHEN 0 THEN 'DVC' ELSE 'VNEID' END)
  FROM training t;
INSERT INTO training_team(training_id, team_id)
  SELECT tr.id, t.id FROM training tr JOIN unit_tree x ON x.ancestor_id = tr.organiser_unit_id
  JOIN team t ON t.unit_id = x.unit_id;
-- the leader of three teams in five at one training, of one in five at a second
INSERT INTO attendance(training_id, member_id, present, completed)
  SELECT i.training_id, m.id, 1, 1 FROM training_team i JOIN training tr ON tr.id = i.training_id
  JOIN member m ON m.team_id = i.team_id AND m.role = 'leader'
  WHERE (i.team_id % 5 < 3 AND tr.title = 'Lớp 1') OR (i.team_id % 5 = 0 AND tr.title = 'Lớp 2');
COMMIT;
ANALYZE;
SQL
t1=$(ms)
read -r members attendance < <(sqlite3 -separator ' ' "$DB" "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM attendance)")
nation=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'nation'")
prov=$(sqlite3 "$DB" "SELECT p.code FROM unit p JOIN unit_tree x ON x.ancestor_id = p.id AND p.level = 'province'
  JOIN team t ON t.unit_id = x.unit_id GROUP BY p.id ORDER BY abs(count(*) - 4000) LIMIT 1")
prov_id=$(sqlite3 "$DB" "SELECT id FROM unit WHERE level = 'province' AND code = '$prov'")
prov_teams=$(sqlite3 "$DB" "SELECT count(*) FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id WHERE x.ancestor_id = $prov_id")

median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
# langso: the ms it reports for the count alone (the process and the
# database's opening left out)
timed() {
  for _ in $(seq "$RUNS"); do
    "$BIN" export coverage --db "$DB" --unit "$1" --date 2026-11-30 -o /dev/null 2>&1 | sed -n 's/.*(\([0-9]*\) ms)$/\1/p'
  done | median
}
raw() { # the members of the day below the unit, by child: a bare GROUP BY
  for _ in $(seq "$RUNS"); do
    a=$(ms)
    sqlite3 "$DB" "SELECT x.ancestor_id, count(*) FROM unit c JOIN unit_tree x ON x.ancestor_id = c.id
      JOIN team t ON t.unit_id = x.unit_id JOIN member m ON m.team_id = t.id
      WHERE c.parent_id = $1 AND m.left_on IS NULL GROUP BY 1" >/dev/null
    b=$(ms)
    echo $((b - a))
  done | median
}
nat_ms=$(timed VN)
prov_ms=$(timed "$prov")
raw_nat=$(raw "$nation")
raw_prov=$(raw "$prov_id")
cat <<REPORT

== training coverage at national scale on sqlite ($members members, $attendance attendance rows; set up in $(( (t1 - t0) / 1000 )) s)
nation (34 provinces):               ${nat_ms} ms; bare GROUP BY of its members ${raw_nat} ms; ratio $(awk -v a="$nat_ms" -v b="$raw_nat" 'BEGIN {printf "%.1f", a / b}')
province $prov ($prov_teams teams):          ${prov_ms} ms; bare GROUP BY of its members ${raw_prov} ms; ratio $(awk -v a="$prov_ms" -v b="$raw_prov" 'BEGIN {printf "%.1f", a / (b > 0 ? b : 1)}')
REPORT
