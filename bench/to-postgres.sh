#!/usr/bin/env bash
# to-postgres.sh SQLITE_DB PG_URI: copy a langso SQLite database (as the
# national generator leaves it) into a new PostgreSQL database that
# `langso migrate` has given the schema: every table in one pass of COPY,
# triggers and reference checks set aside while loading (the rows are
# langso's own), then the identity counters moved past the copied ids and
# the statistics gathered. A benchmark tool, not part of langso.
set -euo pipefail
src=$1 dst=$2
tables=$(psql -X -At "$dst" -c "SELECT string_agg(quote_ident(table_name), ',') FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'langso_schema'")
psql -X -q "$dst" -c "TRUNCATE $tables"
for t in $(sqlite3 "$src" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); do
  # a table PostgreSQL keeps per session (the roll-up queue) has no rows to copy
  case ",$tables," in *",$t,"*) ;; *) continue ;; esac
  cols=$(sqlite3 "$src" "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
  sqlite3 -csv -nullvalue '\N' "$src" "SELECT $cols FROM $t" |
    PGOPTIONS='-c session_replication_role=replica' \
    psql -X -q "$dst" -c "\\copy $t($cols) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
done
psql -X -q "$dst" <<'SQL'
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES' LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false) FROM %I',
                   t.table_name, t.table_name);
  END LOOP;
END $$;
VACUUM ANALYZE;
SQL
