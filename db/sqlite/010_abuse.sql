-- 010_abuse.sql: failed sign-ins remember the address they came from (the
-- throttle counts by name and by address), and a user remembers the rank
-- of whoever last disabled it, moved its role or area, or reset its
-- password: only that rank or a higher one may change that again.
ALTER TABLE login_failure ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failure_by_address ON login_failure(address, at);
ALTER TABLE app_user ADD COLUMN disabled_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN role_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN password_rank INTEGER NOT NULL DEFAULT 0;
