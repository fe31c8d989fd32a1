-- 004_reports.sql: the catalogue (platforms, indicators, forms), targets,
-- periodic reports with their revisions, roll-ups, idempotency keys and
-- difficulties.

CREATE TABLE platform (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  domain TEXT NOT NULL CHECK (domain IN ('government', 'economy', 'society', 'skills', 'propagation'))
);

CREATE TABLE indicator (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  platform_id INTEGER REFERENCES platform(id),
  unit_vi TEXT NOT NULL DEFAULT 'người',            -- unit of measure
  unit_en TEXT NOT NULL DEFAULT 'people',
  aggregation TEXT NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum', 'latest')),
  ceiling INTEGER NOT NULL DEFAULT 10000,           -- plausibility ceiling for one report
  owner_unit_id INTEGER REFERENCES unit(id),        -- NULL: national; else a province's own
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE form (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  period_type TEXT NOT NULL CHECK (period_type IN ('week', 'month')),
  due_days INTEGER NOT NULL DEFAULT 3,              -- days after the period ends
  owner_unit_id INTEGER REFERENCES unit(id)         -- NULL: every team; else the teams of a province
);
CREATE TABLE form_indicator (
  form_id INTEGER NOT NULL REFERENCES form(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (form_id, indicator_id)
) WITHOUT ROWID;
CREATE TABLE target (
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  period TEXT NOT NULL,                             -- 2026-11, 2026Q4, 2026
  value INTEGER NOT NULL CHECK (value >= 0),
  assigned_by INTEGER REFERENCES app_user(id),
  assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (unit_id, period, indicator_id)
) WITHOUT ROWID;

CREATE TABLE report (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES team(id),
  form_id INTEGER NOT NULL REFERENCES form(id),
  period TEXT NOT NULL,                             -- 2026W48 or 2026-11
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  due_on TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  submitted_by INTEGER REFERENCES app_user(id),
  submitted_at TEXT,
  reviewed_by INTEGER REFERENCES app_user(id),
  reviewed_at TEXT,
  note TEXT NOT NULL DEFAULT '',                    -- the reason of a return or unlock
  UNIQUE (team_id, form_id, period)
);
CREATE INDEX report_by_period ON report(form_id, period, status);

CREATE TABLE report_value (
  report_id INTEGER NOT NULL REFERENCES report(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  value INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (report_id, indicator_id)
) WITHOUT ROWID;

CREATE TABLE report_revision (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  revision INTEGER NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  user_id INTEGER REFERENCES app_user(id),
  action TEXT NOT NULL,                             -- save, submit, return, accept, unlock
  status TEXT NOT NULL,
  values_json TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_revision_by_report ON report_revision(report_id, revision);

-- Roll-ups: the counted (submitted or accepted) values summed for every
-- ancestor of the team's village, at the grain they were reported in.
CREATE TABLE agg (
  unit_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  value INTEGER NOT NULL,
  reports INTEGER NOT NULL,                         -- counted reports in the sum
  PRIMARY KEY (unit_id, indicator_id, period)
) WITHOUT ROWID;

-- A retried POST/PUT with the same Idempotency-Key gets the first answer.
CREATE TABLE idempotency (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

CREATE TABLE difficulty (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES team(id),
  report_id INTEGER REFERENCES report(id),
  text TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('platform', 'device', 'connectivity', 'residents', 'funding', 'other')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'resolved')),
  level TEXT NOT NULL DEFAULT 'commune' CHECK (level IN ('commune', 'district', 'province', 'ministry')),
  unit_id INTEGER NOT NULL REFERENCES unit(id),     -- whose queue it is in
  opened_by INTEGER REFERENCES app_user(id),
  opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  resolved_at TEXT
);
CREATE INDEX difficulty_by_unit ON difficulty(unit_id, status);
CREATE TABLE difficulty_reply (
  id INTEGER PRIMARY KEY,
  difficulty_id INTEGER NOT NULL REFERENCES difficulty(id),
  user_id INTEGER REFERENCES app_user(id),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  action TEXT NOT NULL CHECK (action IN ('reply', 'escalate', 'resolve')),
  text TEXT NOT NULL DEFAULT ''
);

-- The default catalogue: what teams are really asked for.
INSERT INTO platform(code, name_vi, name_en, domain) VALUES
  ('DVC', 'Dịch vụ công trực tuyến', 'Online public services', 'government'),
  ('VNEID', 'Ứng dụng VNeID', 'VNeID app', 'government'),
  ('PAY', 'Thanh toán điện tử', 'E-payment', 'economy'),
  ('ECOM', 'Sàn thương mại điện tử (voso.vn, postmart.vn...)', 'E-commerce marketplaces', 'economy'),
  ('HEALTH', 'Sổ sức khỏe điện tử', 'Electronic health record', 'society'),
  ('SKILLS', 'Bình dân học vụ số', 'Digital literacy for all', 'skills'),
  ('GROUP', 'Nhóm cộng đồng của thôn', 'The village community group', 'society'),
  ('PROP', 'Tuyên truyền chuyển đổi số', 'Digital transformation outreach', 'propagation');
INSERT INTO indicator(code, name_vi, name_en, platform_id, unit_vi, unit_en, aggregation, ceiling, position) VALUES
  ('DVC_GUIDED', 'Người được hướng dẫn sử dụng dịch vụ công trực tuyến', 'Residents guided to online public services', (SELECT id FROM platform WHERE code = 'DVC'), 'người', 'people', 'sum', 2000, 1),
  ('DVC_FILED', 'Hồ sơ dịch vụ công trực tuyến được nộp', 'Online public service applications filed', (SELECT id FROM platform WHERE code = 'DVC'), 'hồ sơ', 'applications', 'sum', 2000, 2),
  ('VNEID_L2', 'Tài khoản VNeID mức 2 được kích hoạt', 'VNeID level-2 accounts activated', (SELECT id FROM platform WHERE code = 'VNEID'), 'tài khoản', 'accounts', 'sum', 2000, 3),
  ('PAY_ACCOUNTS', 'Tài khoản thanh toán điện tử, Mobile Money được mở', 'E-payment and mobile-money accounts opened', (SELECT id FROM platform WHERE code = 'PAY'), 'tài khoản', 'accounts', 'sum', 2000, 4),
  ('ECOM_STORES', 'Hộ, doanh nghiệp mở gian hàng trên sàn thương mại điện tử', 'Stores opened on e-commerce marketplaces', (SELECT id FROM platform WHERE code = 'ECOM'), 'gian hàng', 'stores', 'sum', 500, 5),
  ('HEALTH_RECORDS', 'Người cài đặt sổ sức khỏe điện tử', 'Residents with an electronic health record', (SELECT id FROM platform WHERE code = 'HEALTH'), 'người', 'people', 'sum', 2000, 6),
  ('SKILLS_CERT', 'Người được công nhận hoàn thành Bình dân học vụ số', 'Adults certified in digital literacy', (SELECT id FROM platform WHERE code = 'SKILLS'), 'người', 'people', 'sum', 2000, 7),
  ('GROUP_HOUSEHOLDS', 'Hộ tham gia nhóm Zalo của thôn', 'Households in the village Zalo group', (SELECT id FROM platform WHERE code = 'GROUP'), 'hộ', 'households', 'latest', 5000, 8),
  ('SMARTPHONE_HH', 'Hộ có điện thoại thông minh', 'Households with a smartphone', (SELECT id FROM platform WHERE code = 'GROUP'), 'hộ', 'households', 'latest', 5000, 9),
  ('FIBRE_HH', 'Hộ có cáp quang', 'Households with fibre', (SELECT id FROM platform WHERE code = 'GROUP'), 'hộ', 'households', 'latest', 5000, 10),
  ('PROP_SESSIONS', 'Buổi tuyên truyền tổ chức', 'Outreach sessions held', (SELECT id FROM platform WHERE code = 'PROP'), 'buổi', 'sessions', 'sum', 100, 11),
  ('PROP_REACHED', 'Lượt người được tuyên truyền', 'People reached by outreach', (SELECT id FROM platform WHERE code = 'PROP'), 'lượt người', 'people', 'sum', 5000, 12);
INSERT INTO form(code, name_vi, name_en, period_type, due_days) VALUES
  ('WEEKLY', 'Báo cáo tuần của Tổ CNSCĐ', 'Weekly team report', 'week', 2),
  ('MONTHLY', 'Báo cáo tháng của Tổ CNSCĐ', 'Monthly team report', 'month', 5);
INSERT INTO form_indicator(form_id, indicator_id, position)
  SELECT (SELECT id FROM form WHERE code = 'WEEKLY'), id, position FROM indicator
  WHERE code IN ('DVC_GUIDED', 'VNEID_L2', 'PAY_ACCOUNTS', 'HEALTH_RECORDS', 'SKILLS_CERT', 'PROP_SESSIONS', 'PROP_REACHED');
INSERT INTO form_indicator(form_id, indicator_id, position)
  SELECT (SELECT id FROM form WHERE code = 'MONTHLY'), id, position FROM indicator
  WHERE code IN ('DVC_FILED', 'ECOM_STORES', 'GROUP_HOUSEHOLDS', 'SMARTPHONE_HH', 'FIBRE_HH');
