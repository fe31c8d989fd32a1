-- 021_rollup_queue.sql: the roll-up changes of a transaction, queued at
-- the village and folded into the roll-ups of every level above it just
-- before the transaction commits (core/rollup.c: rollup_fold). On the
-- server, the submissions committed together are folded together: the rows
-- of a province and of the nation are written once per batch, not once per
-- report. The table is empty outside a transaction (langso check says so).
CREATE TABLE rollup_queue (
  kind INTEGER NOT NULL,          -- 1 a flow, 2 a counted report, 3 a stock's change
  village_id INTEGER NOT NULL,
  period TEXT NOT NULL,           -- the grain period
  stripe INTEGER NOT NULL,        -- the team's stripe (rows of provinces and the nation)
  item_id INTEGER NOT NULL,       -- the indicator (flows, stocks) or the form (reports)
  value INTEGER NOT NULL,         -- the value; a report: 1 or -1
  teams INTEGER NOT NULL,         -- a stock: teams holding a value
  reports INTEGER NOT NULL,       -- counted reports (values)
  late INTEGER NOT NULL           -- a report: late ones
);
-- by kind: also what tells the planner that a kind's rows are few (no
-- statistics describe a table that is always empty)
CREATE INDEX rollup_queue_by_kind ON rollup_queue(kind);
