-- 012_seen.sql: what each user has seen of the things that call for them
-- (a returned report, a report waiting for review, a difficulty answered
-- or sent up): the item's version when the user opened it (a report's
-- revision, a difficulty's number of replies). An item changed since is
-- unread; the navigation counts those.
CREATE TABLE seen (
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  entity TEXT NOT NULL CHECK (entity IN ('report', 'difficulty')),
  entity_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (user_id, entity, entity_id)
);
CREATE INDEX difficulty_by_team ON difficulty(team_id, status);
CREATE INDEX difficulty_reply_by_difficulty ON difficulty_reply(difficulty_id, at);
