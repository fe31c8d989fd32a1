-- 014_practices.sql: good practices (cách làm hay, G13): written by a team,
-- a commune or a province, reviewed and published by the level above,
-- then read, searched, liked and applied nationwide.
CREATE TABLE practice (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),          -- where it was done
  team_id INTEGER REFERENCES team(id),                   -- the team that wrote it, if one did
  review_unit_id INTEGER NOT NULL REFERENCES unit(id),   -- the level above, which publishes it
  title TEXT NOT NULL,
  body TEXT NOT NULL,                                    -- the Markdown subset
  results TEXT NOT NULL DEFAULT '',
  platform_id INTEGER REFERENCES platform(id),
  domain TEXT NOT NULL CHECK (domain IN ('government', 'economy', 'society', 'skills', 'propagation')),
  place TEXT NOT NULL DEFAULT '',
  search TEXT NOT NULL,                                  -- title, body, results, place folded
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'published')),
  review_note TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES app_user(id),
  reviewed_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  published_at TEXT
);
CREATE INDEX practice_by_status ON practice(status, published_at);
CREATE INDEX practice_by_review ON practice(review_unit_id, status);

-- Results in numbers, where an indicator says them.
CREATE TABLE practice_indicator (
  practice_id INTEGER NOT NULL REFERENCES practice(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  value INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (practice_id, indicator_id)
) WITHOUT ROWID;

CREATE TABLE practice_photo (
  practice_id INTEGER NOT NULL REFERENCES practice(id),
  file_id INTEGER NOT NULL REFERENCES file_blob(id),
  PRIMARY KEY (practice_id, file_id)
) WITHOUT ROWID;

-- "Hay" (a like) and "đã áp dụng" (applied here, with the unit where).
CREATE TABLE practice_mark (
  practice_id INTEGER NOT NULL REFERENCES practice(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  kind TEXT NOT NULL CHECK (kind IN ('like', 'applied')),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (practice_id, user_id, kind)
) WITHOUT ROWID;
