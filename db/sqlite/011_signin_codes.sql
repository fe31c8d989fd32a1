-- 011_signin_codes.sql: accounts made from the roster. A team member's
-- account remembers its member (one account per member), and a one-time
-- sign-in code (only its hash) lets its holder set a password: given with
-- the accounts of a whole commune or province, or issued again by an
-- officer when a password is forgotten. One live code per user.
ALTER TABLE app_user ADD COLUMN member_id INTEGER REFERENCES member(id);
CREATE UNIQUE INDEX app_user_by_member ON app_user(member_id) WHERE member_id IS NOT NULL;
CREATE TABLE signin_code (
  user_id INTEGER PRIMARY KEY REFERENCES app_user(id),
  code_hash TEXT NOT NULL UNIQUE,
  issued_by INTEGER REFERENCES app_user(id),
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
