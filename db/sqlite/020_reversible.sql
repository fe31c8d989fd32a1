-- 020_reversible.sql: targets given to a unit a reorganisation closed
-- stay with it; a person may carry them (all or a share) to one of its
-- successors. Each carried row is kept with the amount it added, so that
-- the carry can be undone exactly and done only once per pair.
CREATE TABLE target_carry (
  old_id INTEGER NOT NULL REFERENCES unit(id),
  new_id INTEGER NOT NULL REFERENCES unit(id),
  period TEXT NOT NULL,
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 100),
  value INTEGER NOT NULL CHECK (value >= 0),        -- what it added to new's target
  existed INTEGER NOT NULL,                         -- 1: new had a target there before
  carried_by INTEGER REFERENCES app_user(id),
  carried_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (old_id, new_id, period, indicator_id)
) WITHOUT ROWID;
CREATE INDEX target_carry_by_new ON target_carry(new_id);

-- A village's move may be undone while nothing of it was saved since: the
-- last audit row and the last team when it moved tell (ids only grow).
ALTER TABLE unit_move ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE unit_move ADD COLUMN team_seq INTEGER NOT NULL DEFAULT 0;
-- the villages a conversion's link moved, to undo them
CREATE INDEX unit_move_by_link ON unit_move(from_id, to_id, effective_on);

-- A merge of villages may be undone while nothing of the new village was
-- saved since: what it changed is kept (the new village and team, the old
-- teams it dissolved, the members and the accounts it moved, and from
-- where).
CREATE TABLE village_merge (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES unit(id),  -- the new village
  team_id INTEGER REFERENCES team(id),              -- its new team, if one was made
  effective_on TEXT NOT NULL,
  audit_seq INTEGER NOT NULL DEFAULT 0,
  team_seq INTEGER NOT NULL DEFAULT 0,
  merged_by INTEGER REFERENCES app_user(id),
  merged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX village_merge_by_village ON village_merge(village_id);
CREATE TABLE village_merge_undo (
  merge_id INTEGER NOT NULL REFERENCES village_merge(id),
  what TEXT NOT NULL CHECK (what IN ('team', 'member', 'account')),
  row_id INTEGER NOT NULL,                          -- the old team, the member, the user
  was INTEGER NOT NULL,                             -- its village, its old team, its old village
  PRIMARY KEY (merge_id, what, row_id)
) WITHOUT ROWID;
