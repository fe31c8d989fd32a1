-- 009_rollup_order.sql: the roll-up rows of one unit and period lie side
-- by side, a stripe's indicators together (see SQLite's 009).
ALTER TABLE agg DROP CONSTRAINT agg_pkey,
  ADD PRIMARY KEY (unit_id, period, stripe, indicator_id);
ALTER TABLE agg_stock DROP CONSTRAINT agg_stock_pkey,
  ADD PRIMARY KEY (unit_id, period, stripe, indicator_id);
CLUSTER agg USING agg_pkey;
CLUSTER agg_stock USING agg_stock_pkey;
