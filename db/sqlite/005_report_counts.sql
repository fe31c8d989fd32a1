-- 005_report_counts.sql: counted reports per unit, form and period, kept
-- with the values' roll-ups so that completeness is read, not counted.
CREATE TABLE agg_report (
  unit_id INTEGER NOT NULL,
  form_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  received INTEGER NOT NULL,
  late INTEGER NOT NULL,
  PRIMARY KEY (unit_id, form_id, period)
) WITHOUT ROWID;
CREATE INDEX team_by_unit ON team(unit_id, dissolved_on);
