-- 021_rollup_queue.sql: the roll-up changes of a transaction, queued at
-- the village and folded before it commits (see SQLite's 021). Its rows
-- never outlive their transaction: unlogged, so they cost no WAL.
CREATE UNLOGGED TABLE rollup_queue (
  kind INTEGER NOT NULL,
  village_id BIGINT NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  stripe INTEGER NOT NULL,
  item_id BIGINT NOT NULL,
  value BIGINT NOT NULL,
  teams BIGINT NOT NULL,
  reports BIGINT NOT NULL,
  late BIGINT NOT NULL
);
CREATE INDEX rollup_queue_by_kind ON rollup_queue(kind);
