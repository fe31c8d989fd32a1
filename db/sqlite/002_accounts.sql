-- 002_accounts.sql: lockout, API tokens, first-run setup, the actor's role
-- in the audit trail.

ALTER TABLE audit ADD COLUMN role TEXT;       -- role of the user at the time
CREATE INDEX audit_by_user ON audit(user_id, at);
CREATE INDEX audit_by_unit ON audit(unit_id, at);

-- Failed sign-ins by the name typed (known or not, so that an unknown name
-- and a wrong password behave alike).
CREATE TABLE login_failure (
  username TEXT NOT NULL,
  at INTEGER NOT NULL                          -- unix seconds
);
CREATE INDEX login_failure_by_name ON login_failure(username, at);

CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,             -- hex SHA-256; the token is shown once
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_token_by_user ON api_token(user_id);

-- A one-time token that lets the first administrator be created from the web.
CREATE TABLE setup_token (
  token_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
