-- 003_teams.sql: teams (one active per village), members, enterprises,
-- uploaded files (decision scans).

CREATE TABLE file_blob (
  id INTEGER PRIMARY KEY,
  mime TEXT NOT NULL,                 -- application/pdf, image/jpeg, image/png
  name TEXT NOT NULL DEFAULT '',
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),        -- the village
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  decision_no TEXT NOT NULL DEFAULT '',                -- Quyết định thành lập: số
  decision_date TEXT,                                  -- ISO date
  decided_by TEXT NOT NULL DEFAULT '',                 -- người ký
  decision_scan_id INTEGER REFERENCES file_blob(id),
  established_on TEXT,
  dissolved_on TEXT,
  dissolved_reason TEXT NOT NULL DEFAULT '',
  group_name TEXT NOT NULL DEFAULT '',                 -- the village's Zalo/community group
  group_link TEXT NOT NULL DEFAULT '',
  households INTEGER CHECK (households >= 0),
  households_in_group INTEGER CHECK (households_in_group >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX team_one_active_per_village ON team(unit_id) WHERE dissolved_on IS NULL;
CREATE INDEX team_by_fold ON team(name_fold);

CREATE TABLE member (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES team(id),
  province_id INTEGER NOT NULL REFERENCES unit(id),    -- for duplicate phones in a province
  full_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
  gender TEXT CHECK (gender IN ('male', 'female')),
  phone TEXT,                                          -- 0xxxxxxxxx
  role TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
  affiliation TEXT NOT NULL DEFAULT 'other' CHECK (affiliation IN
    ('village_head', 'youth_union', 'women_union', 'farmers_union', 'veterans', 'police', 'other')),
  joined_on TEXT,
  left_on TEXT,
  consent_on TEXT,                                     -- legal basis / consent record
  consent_how TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_by_team ON member(team_id, left_on);
CREATE INDEX member_by_phone ON member(province_id, phone) WHERE left_on IS NULL AND phone IS NOT NULL;
CREATE INDEX member_by_fold ON member(name_fold);

CREATE TABLE enterprise (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('telecom', 'postal', 'it', 'bank', 'other')),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE enterprise_unit (
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),        -- a commune it supports
  PRIMARY KEY (enterprise_id, unit_id)
) WITHOUT ROWID;

-- An enterprise user works in its enterprise's communes.
ALTER TABLE app_user ADD COLUMN enterprise_id INTEGER REFERENCES enterprise(id);
