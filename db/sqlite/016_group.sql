-- 016_group.sql: the commune management group (G9): the people of a
-- commune's group who are not team members (its leaders, the province's
-- IT division, a district's), and announcements from a province or a
-- commune to an area, with who has read them and their answers.
CREATE TABLE contact (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),     -- a commune's leaders, a province's contacts
  full_name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',                   -- "Chủ tịch UBND xã", "Phòng CNTT, Sở KH&CN"
  phone TEXT,                                       -- 0xxxxxxxxx
  email TEXT NOT NULL DEFAULT '',
  added_by INTEGER REFERENCES app_user(id),
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX contact_by_unit ON contact(unit_id);

CREATE TABLE announcement (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),     -- who sends it: the author's unit
  scope_unit_id INTEGER NOT NULL REFERENCES unit(id), -- to whom: the users of this area
  audience TEXT NOT NULL CHECK (audience IN ('everyone', 'teams', 'officers')),
  unit_kind TEXT NOT NULL DEFAULT '',              -- '': any; else only users in a commune or village of this kind ("Phường", "Thôn")
  title TEXT NOT NULL,
  body TEXT NOT NULL,                               -- the Markdown subset
  asks_answer INTEGER NOT NULL DEFAULT 0,
  answer_by TEXT,                                   -- the day answers are due (Vietnam)
  author_id INTEGER REFERENCES app_user(id),
  posted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX announcement_by_scope ON announcement(scope_unit_id, posted_at);
CREATE INDEX announcement_by_unit ON announcement(unit_id, posted_at);

CREATE TABLE announcement_read (
  announcement_id INTEGER NOT NULL REFERENCES announcement(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  read_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (announcement_id, user_id)
) WITHOUT ROWID;

CREATE TABLE announcement_answer (
  announcement_id INTEGER NOT NULL REFERENCES announcement(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  text TEXT NOT NULL,
  answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (announcement_id, user_id)
) WITHOUT ROWID;
