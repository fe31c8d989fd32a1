-- 018_history.sql: units over time. A reorganisation links old units to
-- new ones (whole or in part) with its legal basis, and moves villages
-- (with their teams) from a closed commune to its successor.
--
-- The roll-ups of an open unit follow today's tree ("as now": a new
-- commune's history is its villages' history); those of a closed unit are
-- kept as they were ("as then"). So a move adds a village's history to its
-- new ancestors, takes it from open old ones, and from closed old ones
-- only for the grain periods that begin on or after the day it takes
-- effect (a grain period belongs to the tree of its first day). The
-- closure rows it takes from closed ancestors are kept in unit_tree_past,
-- so that langso check recomputes their roll-ups too.
ALTER TABLE unit_succession ADD COLUMN decision_no TEXT NOT NULL DEFAULT '';
ALTER TABLE unit_succession ADD COLUMN effective_on TEXT;
ALTER TABLE unit_succession ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX unit_succession_by_new ON unit_succession(new_id);

CREATE TABLE unit_tree_past (
  ancestor_id INTEGER NOT NULL REFERENCES unit(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  cut_day TEXT NOT NULL,            -- the move's day: teams counted before it
  cut_week TEXT NOT NULL,           -- the first week (month) that begins on
  cut_month TEXT NOT NULL,          -- or after cut_day: no longer counted
  PRIMARY KEY (ancestor_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX unit_tree_past_up ON unit_tree_past(unit_id);

CREATE TABLE unit_move (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  from_id INTEGER NOT NULL REFERENCES unit(id),
  to_id INTEGER NOT NULL REFERENCES unit(id),
  effective_on TEXT NOT NULL,
  moved_by INTEGER REFERENCES app_user(id),
  moved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX unit_move_by_unit ON unit_move(unit_id);
CREATE INDEX unit_by_code ON unit(code, valid_from);
