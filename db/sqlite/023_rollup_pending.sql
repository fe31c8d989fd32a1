-- 023_rollup_pending.sql: roll-up changes committed with their write and
-- folded later, many writes at once. On a server, a write does not fold
-- its changes into the rows of its commune, province and the nation
-- itself: it commits them here, at its village, and the server's folder
-- (core/rollup_folder.c) folds everything pending every moment, so that a
-- province's and the nation's rows are written once for hundreds of
-- submissions, not once for each. Reads add the rows still pending to the
-- roll-ups in the same statement: a committed write counts at once, and
-- nothing is counted twice.
CREATE TABLE rollup_pending (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,          -- as rollup_queue's (021)
  village_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  stripe INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  value INTEGER NOT NULL,
  teams INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  late INTEGER NOT NULL
);
-- a fold moves the pending rows into its queue, each with its id, and
-- deletes exactly those
ALTER TABLE rollup_queue ADD COLUMN pending_id INTEGER;
