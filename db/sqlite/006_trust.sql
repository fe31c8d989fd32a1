-- 006_trust.sql: numbers a province can sign.
--  1. Periods are stored only in their canonical text (2026W05, 2026-01,
--     2026Q1, 2026), guarded by CHECKs. Rows stored under other spellings
--     before this migration ("2026W+1", "2026W 1") are repaired: duplicate
--     reports of one team, form and period are merged into the most
--     advanced one, keeping every revision.
--  2. Stock ("latest") indicators get their own roll-up, agg_stock: per
--     unit and grain period the change of the carried-forward sum, so that
--     any period's value is a prefix sum; agg keeps the flows ("sum").
--  3. team_span: per unit and day, how many of its teams begin or end, so
--     that the teams expected for any period are counted, not joined.
-- Every roll-up is rebuilt here from the raw rows.
-- langso: rebuilds tables

-- 1. canonical periods ------------------------------------------------------
CREATE TEMP TABLE period_fix (old TEXT PRIMARY KEY, canon TEXT NOT NULL);
INSERT INTO period_fix(old, canon)
  SELECT p, CASE
      WHEN length(t) = 4 THEN t
      WHEN substr(t, 5, 1) = 'W' THEN substr(t, 1, 4) || 'W' || printf('%02d', n)
      WHEN substr(t, 5, 1) = '-' THEN substr(t, 1, 4) || '-' || printf('%02d', n)
      WHEN substr(t, 5, 1) = 'Q' THEN substr(t, 1, 4) || 'Q' || n
      ELSE t END
  FROM (SELECT p, ltrim(p) AS t,
               CAST(replace(trim(substr(ltrim(p), 6)), '+', '') AS INTEGER) AS n
        FROM (SELECT DISTINCT period AS p FROM report
              UNION SELECT DISTINCT period FROM target));

-- the report that stays for each team, form and canonical period
CREATE TEMP TABLE report_keep AS
  SELECT r.id AS id,
         (SELECT k.id FROM report k JOIN period_fix kf ON kf.old = k.period
          WHERE k.team_id = r.team_id AND k.form_id = r.form_id AND kf.canon = f.canon
          ORDER BY CASE k.status WHEN 'accepted' THEN 3 WHEN 'submitted' THEN 2
                                 WHEN 'returned' THEN 1 ELSE 0 END DESC,
                   coalesce(k.submitted_at, '') DESC, k.id DESC LIMIT 1) AS keeper,
         f.canon AS canon
  FROM report r JOIN period_fix f ON f.old = r.period;
INSERT INTO report_revision(report_id, revision, user_id, action, status, values_json, note)
  SELECT k.keeper, r.revision, NULL, 'merge', r.status,
         coalesce((SELECT json_group_object(i.code, v.value) FROM report_value v
                   JOIN indicator i ON i.id = v.indicator_id WHERE v.report_id = r.id), '{}'),
         'merged from the report stored as ' || r.period
  FROM report r JOIN report_keep k ON k.id = r.id WHERE k.keeper <> k.id;
UPDATE report_revision SET report_id = (SELECT keeper FROM report_keep k WHERE k.id = report_id)
  WHERE report_id IN (SELECT id FROM report_keep WHERE keeper <> id);
UPDATE difficulty SET report_id = (SELECT keeper FROM report_keep k WHERE k.id = report_id)
  WHERE report_id IN (SELECT id FROM report_keep WHERE keeper <> id);
DELETE FROM report_value WHERE report_id IN (SELECT id FROM report_keep WHERE keeper <> id);
DELETE FROM report WHERE id IN (SELECT id FROM report_keep WHERE keeper <> id);

CREATE TABLE report_new (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES team(id),
  form_id INTEGER NOT NULL REFERENCES form(id),
  period TEXT NOT NULL CHECK (                      -- canonical week or month
    (period GLOB '20[0-9][0-9]W[0-5][0-9]' AND substr(period, 6) BETWEEN '01' AND '53') OR
    (period GLOB '20[0-9][0-9]-[01][0-9]' AND substr(period, 6) BETWEEN '01' AND '12')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  due_on TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  submitted_by INTEGER REFERENCES app_user(id),
  submitted_at TEXT,
  reviewed_by INTEGER REFERENCES app_user(id),
  reviewed_at TEXT,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (team_id, form_id, period)
);
INSERT INTO report_new(id, team_id, form_id, period, status, due_on, late, revision,
                       submitted_by, submitted_at, reviewed_by, reviewed_at, note)
  SELECT r.id, r.team_id, r.form_id, k.canon, r.status, r.due_on, r.late, r.revision,
         r.submitted_by, r.submitted_at, r.reviewed_by, r.reviewed_at, r.note
  FROM report r JOIN report_keep k ON k.id = r.id;
DROP TABLE report;
ALTER TABLE report_new RENAME TO report;
CREATE INDEX report_by_period ON report(form_id, period, status);

CREATE TABLE target_new (
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  period TEXT NOT NULL CHECK (                      -- canonical month, quarter or year
    (period GLOB '20[0-9][0-9]-[01][0-9]' AND substr(period, 6) BETWEEN '01' AND '12') OR
    period GLOB '20[0-9][0-9]Q[1-4]' OR period GLOB '20[0-9][0-9]'),
  value INTEGER NOT NULL CHECK (value >= 0),
  assigned_by INTEGER REFERENCES app_user(id),
  assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (unit_id, period, indicator_id)
) WITHOUT ROWID;
INSERT INTO target_new(unit_id, indicator_id, period, value, assigned_by, assigned_at)
  SELECT t.unit_id, t.indicator_id, f.canon, t.value, t.assigned_by, t.assigned_at
  FROM target t JOIN period_fix f ON f.old = t.period
  WHERE true  -- the newest of targets stored under several spellings
  ORDER BY t.assigned_at
  ON CONFLICT(unit_id, period, indicator_id) DO UPDATE SET value = excluded.value,
    assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at;
DROP TABLE target;
ALTER TABLE target_new RENAME TO target;
DROP TABLE period_fix;
DROP TABLE report_keep;

-- 2. roll-ups ----------------------------------------------------------------
-- agg: flows only, for every ancestor of the team's village (not the
-- village itself), at the grain reported.
DELETE FROM agg;
INSERT INTO agg(unit_id, indicator_id, period, value, reports)
  SELECT u.ancestor_id, v.indicator_id, r.period, sum(v.value), count(*)
  FROM report r JOIN team t ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id
  JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'sum'
  JOIN unit_tree u ON u.unit_id = t.unit_id AND u.depth > 0
  WHERE r.status IN ('submitted', 'accepted') GROUP BY 1, 2, 3;
DELETE FROM agg_report;
INSERT INTO agg_report(unit_id, form_id, period, received, late)
  SELECT u.ancestor_id, r.form_id, r.period, count(*), sum(r.late)
  FROM report r JOIN team t ON t.id = r.team_id JOIN unit_tree u ON u.unit_id = t.unit_id
  WHERE r.status IN ('submitted', 'accepted') GROUP BY 1, 2, 3;

-- Stocks: a team's value of a stock indicator at a grain period is its
-- most recent counted value at or before it, while the team exists. Its
-- history is a list of points: each counted value (held 1), and after a
-- dissolution one closing point of value 0 (held 0) in the first grain
-- period after the one holding the dissolution day. agg_stock keeps, for
-- every unit from the village up, the sum over its teams of the change
-- each point makes (value - previous value, held - previous held): the
-- value of any period is the sum of the changes up to its last grain
-- period, and "teams" the number of teams whose value it holds.
CREATE TABLE agg_stock (
  unit_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  period TEXT NOT NULL,                             -- a week or a month
  value INTEGER NOT NULL,                           -- change of the carried-forward sum
  teams INTEGER NOT NULL,                           -- change of the teams holding a value
  reports INTEGER NOT NULL,                         -- counted values in this period
  PRIMARY KEY (unit_id, indicator_id, period)
) WITHOUT ROWID;

-- The points, recomputed from the raw rows (langso check compares).
CREATE VIEW stock_point AS
  SELECT r.team_id, v.indicator_id, f.period_type AS kind, r.period, v.value,
         1 AS held, 1 AS reported
  FROM report r JOIN form f ON f.id = r.form_id JOIN report_value v ON v.report_id = r.id
  JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'latest'
  WHERE r.status IN ('submitted', 'accepted')
  UNION ALL
  SELECT h.team_id, h.indicator_id, h.kind,
         CASE h.kind WHEN 'month' THEN strftime('%Y-%m', t.dissolved_on, 'start of month', '+1 month')
         ELSE strftime('%Y', date(t.dissolved_on, '+7 days', '-3 days', 'weekday 4')) || 'W' ||
              printf('%02d', (CAST(strftime('%j', date(t.dissolved_on, '+7 days', '-3 days',
                             'weekday 4')) AS INTEGER) - 1) / 7 + 1) END,
         0, 0, 0
  FROM (SELECT DISTINCT r.team_id, v.indicator_id, f.period_type AS kind
        FROM report r JOIN form f ON f.id = r.form_id JOIN report_value v ON v.report_id = r.id
        JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'latest'
        WHERE r.status IN ('submitted', 'accepted')) h
  JOIN team t ON t.id = h.team_id WHERE t.dissolved_on IS NOT NULL;
CREATE VIEW stock_change AS
  SELECT team_id, indicator_id, period,
         value - coalesce(lag(value) OVER w, 0) AS value,
         held - coalesce(lag(held) OVER w, 0) AS teams, reported AS reports
  FROM stock_point WINDOW w AS (PARTITION BY team_id, indicator_id, kind ORDER BY period);

INSERT INTO agg_stock(unit_id, indicator_id, period, value, teams, reports)
  SELECT u.ancestor_id, c.indicator_id, c.period, sum(c.value), sum(c.teams), sum(c.reports)
  FROM stock_change c JOIN team t ON t.id = c.team_id
  JOIN unit_tree u ON u.unit_id = t.unit_id GROUP BY 1, 2, 3;

-- 3. the teams' lives ----------------------------------------------------------
-- A team is expected to report for a period while it exists: from its
-- establishment (or, when unknown, the day it was recorded) to its
-- dissolution day, both included. team_span counts, for every unit from
-- the village up, the teams that begin on a day and those that have ended
-- by a day (the day after their dissolution); the teams of a period are
-- those begun by its last day less those ended by its first.
CREATE TABLE team_span (
  unit_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  starts INTEGER NOT NULL,
  ends INTEGER NOT NULL,
  PRIMARY KEY (unit_id, day)
) WITHOUT ROWID;

CREATE VIEW team_life AS
  SELECT id AS team_id, unit_id, coalesce(established_on, substr(created_at, 1, 10)) AS starts_on,
         CASE WHEN dissolved_on IS NULL THEN NULL ELSE date(dissolved_on, '+1 day') END AS ends_on
  FROM team;

INSERT INTO team_span(unit_id, day, starts, ends)
  SELECT unit_id, day, sum(starts), sum(ends) FROM (
    SELECT u.ancestor_id AS unit_id, l.starts_on AS day, 1 AS starts, 0 AS ends
    FROM team_life l JOIN unit_tree u ON u.unit_id = l.unit_id
    UNION ALL
    SELECT u.ancestor_id, l.ends_on, 0, 1
    FROM team_life l JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.ends_on IS NOT NULL)
  GROUP BY 1, 2;

-- Kept by triggers, so that no path that writes a team can forget it.
CREATE TRIGGER team_span_insert AFTER INSERT ON team BEGIN
  INSERT INTO team_span(unit_id, day, starts, ends)
    SELECT u.ancestor_id, l.starts_on, 1, 0 FROM team_life l
    JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.team_id = NEW.id
    ON CONFLICT(unit_id, day) DO UPDATE SET starts = starts + 1;
  INSERT INTO team_span(unit_id, day, starts, ends)
    SELECT u.ancestor_id, l.ends_on, 0, 1 FROM team_life l
    JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.team_id = NEW.id AND l.ends_on IS NOT NULL
    ON CONFLICT(unit_id, day) DO UPDATE SET ends = ends + 1;
END;

CREATE TRIGGER team_span_before_change BEFORE UPDATE OF unit_id, established_on, dissolved_on,
    created_at ON team BEGIN
  UPDATE team_span SET starts = starts - 1
    WHERE day = coalesce(OLD.established_on, substr(OLD.created_at, 1, 10))
    AND unit_id IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = OLD.unit_id);
  UPDATE team_span SET ends = ends - 1
    WHERE OLD.dissolved_on IS NOT NULL AND day = date(OLD.dissolved_on, '+1 day')
    AND unit_id IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = OLD.unit_id);
END;

CREATE TRIGGER team_span_after_change AFTER UPDATE OF unit_id, established_on, dissolved_on,
    created_at ON team BEGIN
  INSERT INTO team_span(unit_id, day, starts, ends)
    SELECT u.ancestor_id, l.starts_on, 1, 0 FROM team_life l
    JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.team_id = NEW.id
    ON CONFLICT(unit_id, day) DO UPDATE SET starts = starts + 1;
  INSERT INTO team_span(unit_id, day, starts, ends)
    SELECT u.ancestor_id, l.ends_on, 0, 1 FROM team_life l
    JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.team_id = NEW.id AND l.ends_on IS NOT NULL
    ON CONFLICT(unit_id, day) DO UPDATE SET ends = ends + 1;
END;

CREATE TRIGGER team_span_delete AFTER DELETE ON team BEGIN
  UPDATE team_span SET starts = starts - 1
    WHERE day = coalesce(OLD.established_on, substr(OLD.created_at, 1, 10))
    AND unit_id IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = OLD.unit_id);
  UPDATE team_span SET ends = ends - 1
    WHERE OLD.dissolved_on IS NOT NULL AND day = date(OLD.dissolved_on, '+1 day')
    AND unit_id IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = OLD.unit_id);
END;
