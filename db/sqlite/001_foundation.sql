-- 001_foundation.sql: administrative units, their closure and succession,
-- users, sessions and the audit trail.

CREATE TABLE unit_level (
  code TEXT PRIMARY KEY,            -- nation, province, district, commune, village
  rank INTEGER NOT NULL UNIQUE      -- 0 = nation, larger = lower
);
INSERT INTO unit_level(code, rank) VALUES
  ('nation', 0), ('province', 1), ('district', 2), ('commune', 3), ('village', 4);

CREATE TABLE unit (
  id INTEGER PRIMARY KEY,           -- the identity; never the official code
  code TEXT,                        -- official code (may repeat across time)
  name TEXT NOT NULL,               -- NFC, as written officially
  name_fold TEXT NOT NULL,          -- search key: no marks, lower case, đ→d
  sort_key TEXT NOT NULL,           -- folded name without its kind (sorting)
  kind TEXT NOT NULL,               -- Tỉnh, Thành phố, Xã, Phường, Đặc khu, Thôn, Bản, ...
  level TEXT NOT NULL REFERENCES unit_level(code),
  parent_id INTEGER REFERENCES unit(id),
  valid_from TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to TEXT,                    -- NULL while the unit exists
  source TEXT NOT NULL DEFAULT '',  -- official, import, demo
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX unit_by_parent ON unit(parent_id, valid_to, sort_key, id);
CREATE INDEX unit_by_level_code ON unit(level, code);
CREATE UNIQUE INDEX unit_current_code ON unit(level, code)
  WHERE valid_to IS NULL AND code IS NOT NULL AND level <> 'village';
CREATE UNIQUE INDEX unit_current_village_name ON unit(parent_id, name_fold)
  WHERE valid_to IS NULL AND level = 'village';

-- Closure: one row per (ancestor, descendant), the unit itself at depth 0.
CREATE TABLE unit_tree (
  ancestor_id INTEGER NOT NULL REFERENCES unit(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX unit_tree_up ON unit_tree(unit_id, depth);

-- Reorganisations: old units merged into new ones, whole or in part.
CREATE TABLE unit_succession (
  old_id INTEGER NOT NULL REFERENCES unit(id),
  new_id INTEGER NOT NULL REFERENCES unit(id),
  share TEXT NOT NULL CHECK (share IN ('whole', 'part')),
  decided_on TEXT,
  PRIMARY KEY (old_id, new_id)
) WITHOUT ROWID;

CREATE TABLE app_user (   -- "user" is reserved in PostgreSQL
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,    -- lower case
  full_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN
    ('admin','ministry','province','district','commune','team','enterprise','viewer')),
  scope_unit_id INTEGER REFERENCES unit(id),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Sessions live in the database so that any server process can serve any
-- request; only the hash of the token is stored.
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,      -- unix seconds
  seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session(user_id);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  user_id INTEGER REFERENCES app_user(id),
  action TEXT NOT NULL,             -- create, update, import, login, ...
  entity TEXT NOT NULL,             -- unit, user, session, ...
  entity_id INTEGER,
  unit_id INTEGER,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_at ON audit(at);
