-- 015_coarse.sql: the flows of weekly forms summed by month and by year
-- (see SQLite's 015): week_period, the month and the year each ISO week
-- counts in (its Thursday's), and agg_coarse, kept beside agg.
CREATE TABLE week_period (
  week TEXT COLLATE "C" NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (week, period)
);
INSERT INTO week_period(week, period)
  SELECT to_char(d, 'IYYY"W"IW'), p
  FROM generate_series(DATE '2000-01-06', DATE '2099-12-31', INTERVAL '7 days') AS g(d)
  CROSS JOIN LATERAL (VALUES (to_char(d, 'YYYY-MM')), (to_char(d, 'YYYY'))) AS x(p);

CREATE TABLE agg_coarse (
  unit_id BIGINT NOT NULL,
  period TEXT COLLATE "C" NOT NULL CHECK (          -- canonical month or year
    period ~ '^20[0-9]{2}-(0[1-9]|1[0-2])$' OR period ~ '^20[0-9]{2}$'),
  stripe BIGINT NOT NULL DEFAULT 0,
  indicator_id BIGINT NOT NULL,
  value BIGINT NOT NULL,
  reports BIGINT NOT NULL,
  PRIMARY KEY (unit_id, period, stripe, indicator_id)
);
INSERT INTO agg_coarse(unit_id, period, stripe, indicator_id, value, reports)
  SELECT a.unit_id, w.period, a.stripe, a.indicator_id, sum(a.value), sum(a.reports)
  FROM agg a JOIN week_period w ON w.week = a.period
  GROUP BY a.unit_id, w.period, a.stripe, a.indicator_id;
