-- 022_rollup_queue_per_session.sql: the roll-up queue of 021 becomes each
-- session's own temporary table (session.sql); the shared one goes. It is
-- named with its schema: the session's temporary table of the same name
-- comes first in the search path.
DO $$ BEGIN EXECUTE format('DROP TABLE %I.rollup_queue', current_schema()); END $$;
