-- 015_coarse.sql: the flows of weekly forms summed by month and by year,
-- so that a month, a quarter or a year is read in one to three rows per
-- unit and indicator instead of up to 53 (a year of every commune of the
-- nation ranked in one read).
--
-- week_period: the month and the year each ISO week counts in, those of
-- its Thursday (as the weeks of a month or a year are counted everywhere
-- else): two rows per week, for every week a period can name (2000-2099).
CREATE TABLE week_period (
  week TEXT NOT NULL,
  period TEXT NOT NULL,
  PRIMARY KEY (week, period)
) WITHOUT ROWID;
WITH RECURSIVE thursday(d) AS (
  SELECT '2000-01-06'
  UNION ALL SELECT date(d, '+7 days') FROM thursday WHERE d < '2099-12-25'
), w(week, d) AS (
  SELECT strftime('%Y', d) || 'W' || printf('%02d', (strftime('%j', d) - 1) / 7 + 1), d
  FROM thursday
)
INSERT INTO week_period(week, period)
  SELECT week, strftime('%Y-%m', d) FROM w
  UNION ALL SELECT week, strftime('%Y', d) FROM w;

-- agg_coarse: as agg (flows per unit above the village, stripe and
-- indicator), under the months and years of week_period; kept in the same
-- transaction as agg and checked against it by langso check.
CREATE TABLE agg_coarse (
  unit_id INTEGER NOT NULL,
  period TEXT NOT NULL CHECK (                      -- canonical month or year
    (period GLOB '20[0-9][0-9]-[01][0-9]' AND substr(period, 6) BETWEEN '01' AND '12') OR
    period GLOB '20[0-9][0-9]'),
  stripe INTEGER NOT NULL DEFAULT 0,
  indicator_id INTEGER NOT NULL,
  value INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (unit_id, period, stripe, indicator_id)
) WITHOUT ROWID;
INSERT INTO agg_coarse(unit_id, period, stripe, indicator_id, value, reports)
  SELECT a.unit_id, w.period, a.stripe, a.indicator_id, sum(a.value), sum(a.reports)
  FROM agg a JOIN week_period w ON w.week = a.period
  GROUP BY a.unit_id, w.period, a.stripe, a.indicator_id
  ORDER BY a.unit_id, w.period, a.stripe, a.indicator_id;
