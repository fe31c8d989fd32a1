-- 020_reversible.sql: targets carried from a closed unit to a successor
-- (see SQLite's 020).
CREATE TABLE target_carry (
  old_id BIGINT NOT NULL REFERENCES unit(id),
  new_id BIGINT NOT NULL REFERENCES unit(id),
  period TEXT COLLATE "C" NOT NULL,
  indicator_id BIGINT NOT NULL REFERENCES indicator(id),
  percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 100),
  value BIGINT NOT NULL CHECK (value >= 0),
  existed INTEGER NOT NULL,
  carried_by BIGINT REFERENCES app_user(id),
  carried_at TEXT COLLATE "C" NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  PRIMARY KEY (old_id, new_id, period, indicator_id)
);
CREATE INDEX target_carry_by_new ON target_carry(new_id);

-- A village's move may be undone while nothing of it was saved since (see
-- SQLite's 020).
ALTER TABLE unit_move ADD COLUMN audit_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE unit_move ADD COLUMN team_seq BIGINT NOT NULL DEFAULT 0;
