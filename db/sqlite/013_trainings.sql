-- 013_trainings.sql: trainings (bồi dưỡng, tập huấn, G4, G12): a course or
-- session organised by a province, a commune or an enterprise; the
-- platforms it covers; the teams invited; each member's attendance.
CREATE TABLE training (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  title_fold TEXT NOT NULL,
  organiser_unit_id INTEGER NOT NULL REFERENCES unit(id),  -- the province or commune it is for
  enterprise_id INTEGER REFERENCES enterprise(id),         -- the enterprise that trains, if any
  trainers TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
  place TEXT NOT NULL DEFAULT '',                          -- in person: where
  link TEXT NOT NULL DEFAULT '',                           -- online: the meeting or platform
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),
  topics TEXT NOT NULL DEFAULT '',
  materials TEXT NOT NULL DEFAULT '',                      -- links, one a line
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX training_by_unit ON training(organiser_unit_id, starts_on);
CREATE INDEX training_by_enterprise ON training(enterprise_id, starts_on);

CREATE TABLE training_platform (
  training_id INTEGER NOT NULL REFERENCES training(id),
  platform_id INTEGER NOT NULL REFERENCES platform(id),
  PRIMARY KEY (training_id, platform_id)
) WITHOUT ROWID;

CREATE TABLE training_team (
  training_id INTEGER NOT NULL REFERENCES training(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  invited_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (training_id, team_id)
) WITHOUT ROWID;
CREATE INDEX training_team_by_team ON training_team(team_id);

CREATE TABLE attendance (
  training_id INTEGER NOT NULL REFERENCES training(id),
  member_id INTEGER NOT NULL REFERENCES member(id),
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1) AND completed <= present),
  certificate TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (training_id, member_id)
) WITHOUT ROWID;
CREATE INDEX attendance_by_member ON attendance(member_id, training_id) WHERE present = 1;
