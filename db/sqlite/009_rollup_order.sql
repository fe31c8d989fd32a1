-- 009_rollup_order.sql: the roll-up rows of one unit and period lie side
-- by side, a stripe's indicators together: a submission dirties a page or
-- two per unit instead of one per indicator, and a unit's progress over a
-- range of periods is one range read for all its indicators. The key's
-- columns come first and in its order (see 008).

CREATE TABLE agg_by_period (
  unit_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  stripe INTEGER NOT NULL DEFAULT 0,
  indicator_id INTEGER NOT NULL,
  value INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (unit_id, period, stripe, indicator_id)
) WITHOUT ROWID;
INSERT INTO agg_by_period(unit_id, period, stripe, indicator_id, value, reports)
  SELECT unit_id, period, stripe, indicator_id, value, reports FROM agg
  ORDER BY unit_id, period, stripe, indicator_id;
DROP TABLE agg;
ALTER TABLE agg_by_period RENAME TO agg;

CREATE TABLE agg_stock_by_period (
  unit_id INTEGER NOT NULL,
  period TEXT NOT NULL,                             -- a week or a month
  stripe INTEGER NOT NULL DEFAULT 0,
  indicator_id INTEGER NOT NULL,
  value INTEGER NOT NULL,                           -- change of the carried-forward sum
  teams INTEGER NOT NULL,                           -- change of the teams holding a value
  reports INTEGER NOT NULL,                         -- counted values in this period
  PRIMARY KEY (unit_id, period, stripe, indicator_id)
) WITHOUT ROWID;
INSERT INTO agg_stock_by_period(unit_id, period, stripe, indicator_id, value, teams, reports)
  SELECT unit_id, period, stripe, indicator_id, value, teams, reports FROM agg_stock
  ORDER BY unit_id, period, stripe, indicator_id;
DROP TABLE agg_stock;
ALTER TABLE agg_stock_by_period RENAME TO agg_stock;
