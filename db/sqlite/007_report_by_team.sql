-- 007_report_by_team.sql: a team's reports in period order, so that the
-- previous and next value of a stock are found by walking the index one
-- step, not by sorting all of the team's reports.
CREATE INDEX IF NOT EXISTS report_by_team_period ON report(team_id, period);
