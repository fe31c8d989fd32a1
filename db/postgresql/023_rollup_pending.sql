-- 023_rollup_pending.sql: roll-up changes committed with their write and
-- folded later by the server's folder, many writes at once (see SQLite's
-- 023). Logged: they are part of what a 2xx promises. The session's queue
-- (session.sql) has the column pending_id for a fold.
CREATE TABLE rollup_pending (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
