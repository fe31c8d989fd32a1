-- 008_stripes.sql: roll-up rows of the few units that every submission
-- touches (provinces, the nation: two or more levels above the village) are
-- split into stripes by team, so that concurrent submissions do not queue
-- on one row lock until the previous commit; reads sum the stripes as they
-- sum periods.
ALTER TABLE agg ADD COLUMN stripe BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agg DROP CONSTRAINT agg_pkey, ADD PRIMARY KEY (unit_id, indicator_id, period, stripe);
ALTER TABLE agg_report ADD COLUMN stripe BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agg_report DROP CONSTRAINT agg_report_pkey,
  ADD PRIMARY KEY (unit_id, form_id, period, stripe);
ALTER TABLE agg_stock ADD COLUMN stripe BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agg_stock DROP CONSTRAINT agg_stock_pkey,
  ADD PRIMARY KEY (unit_id, indicator_id, period, stripe);
