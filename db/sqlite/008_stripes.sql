-- 008_stripes.sql: roll-up rows of the few units that every submission
-- touches (provinces, the nation: two or more levels above the village) are
-- split into stripes by team, so that concurrent submissions do not queue
-- on one row; reads sum the stripes as they sum periods. The key's columns
-- come first and in its order (SQLite 3.40's integrity_check misreads a
-- WITHOUT ROWID table whose key columns are not).

CREATE TABLE agg_striped (
  unit_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  stripe INTEGER NOT NULL DEFAULT 0,                -- team id mod 16 above the commune, else 0
  value INTEGER NOT NULL,
  reports INTEGER NOT NULL,                         -- counted reports in the sum
  PRIMARY KEY (unit_id, indicator_id, period, stripe)
) WITHOUT ROWID;
INSERT INTO agg_striped(unit_id, indicator_id, period, value, reports, stripe)
  SELECT unit_id, indicator_id, period, value, reports, 0 FROM agg;
DROP TABLE agg;
ALTER TABLE agg_striped RENAME TO agg;

CREATE TABLE agg_report_striped (
  unit_id INTEGER NOT NULL,
  form_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  stripe INTEGER NOT NULL DEFAULT 0,
  received INTEGER NOT NULL,
  late INTEGER NOT NULL,
  PRIMARY KEY (unit_id, form_id, period, stripe)
) WITHOUT ROWID;
INSERT INTO agg_report_striped(unit_id, form_id, period, received, late, stripe)
  SELECT unit_id, form_id, period, received, late, 0 FROM agg_report;
DROP TABLE agg_report;
ALTER TABLE agg_report_striped RENAME TO agg_report;

CREATE TABLE agg_stock_striped (
  unit_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  period TEXT NOT NULL,                             -- a week or a month
  stripe INTEGER NOT NULL DEFAULT 0,
  value INTEGER NOT NULL,                           -- change of the carried-forward sum
  teams INTEGER NOT NULL,                           -- change of the teams holding a value
  reports INTEGER NOT NULL,                         -- counted values in this period
  PRIMARY KEY (unit_id, indicator_id, period, stripe)
) WITHOUT ROWID;
INSERT INTO agg_stock_striped(unit_id, indicator_id, period, value, teams, reports, stripe)
  SELECT unit_id, indicator_id, period, value, teams, reports, 0 FROM agg_stock;
DROP TABLE agg_stock;
ALTER TABLE agg_stock_striped RENAME TO agg_stock;
