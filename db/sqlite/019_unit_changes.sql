-- 019_unit_changes.sql: a unit's name, kind and code over time. A newer
-- official list may rename a commune, make it a ward or give it another
-- code: the unit stays itself (its villages, teams and history), the
-- change is kept here with the day it takes effect, and a lookup by code
-- on a day before it still finds the unit by its code of then.
CREATE TABLE unit_change (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  effective_on TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('name', 'kind', 'code')),
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  changed_by INTEGER REFERENCES app_user(id),
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX unit_change_by_unit ON unit_change(unit_id, effective_on);
CREATE INDEX unit_change_by_old ON unit_change(field, old_value);
