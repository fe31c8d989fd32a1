/* demo.c: the Lạng Sơn demo: the official units of the nation, 5–15
 * generated villages in each of Lạng Sơn's 65 communes, one user per role. */
#include "core/demo.h"
#include "core/accounts.h"
#include "core/result.h"
#include "core/units.h"
#include "core/users.h"
#include "core/audit.h"
#include "core/enterprises.h"
#include "core/teams.h"
#include "util/date.h"
#include "core/difficulties.h"
#include "core/progress.h"
#include "core/reports.h"
#include <time.h>
#include "util/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct demo_login demo_logins[] = {
    {"admin", "Quản trị hệ thống", "admin", "nation", "VN"},
    {"tinh.langson", "Nguyễn Thị Hoa (Sở KH&CN Lạng Sơn)", "province", "province", "20"},
    {"xa.dongdang", "Hoàng Văn Thắng (UBND xã Đồng Đăng)", "commune", "commune", "06184"},
    {"phuong.dongkinh", "Lê Thu Hà (UBND phường Đông Kinh)", "commune", "commune", "05977"},
    /* a team member: scope is the first village of Xã Đồng Đăng */
    {"to.dongdang", "Nông Văn Tú (tổ trưởng Tổ CNSCĐ)", "team", "village", "06184"},
    {"xem.langson", "Lý Thị Mai (Văn phòng UBND tỉnh)", "viewer", "province", "20"},
};
const int demo_logins_count = sizeof demo_logins / sizeof *demo_logins;

/* Tày–Nùng place-name syllables, as villages in Lạng Sơn are called. */
static const char *const first[] = {
    "Nà",  "Khuổi", "Pác",  "Còn",  "Khòn", "Lũng", "Phai", "Pò",  "Cốc", "Khau",
    "Kéo", "Nặm",   "Tồng", "Vằng", "Thâm", "Bó",   "Co",   "Pàn", "Hát", "Slam",
};
static const char *const second[] = {
    "Lầu",  "Phục",   "Sla",   "Mò",  "Cáp", "Tèo",    "Riềng", "Lải",	 "Nọi",	 "Luông",
    "Mạ",   "Khoang", "Slằng", "Cạn", "Pục", "Thuông", "Hin",	"Nưa",	 "Tẩu",	 "Bây",
    "Ngần", "Rọ",     "Pheo",  "Lạn", "Mìn", "Chủ",    "Ca",	"Sliến", "Kham", "Lừa",
};
static const char *const kinh[] = {
    "Đồng Tâm", "Tân Lập",  "Hợp Thành", "Thống Nhất", "Quyết Thắng", "Tân Tiến",
    "Đoàn Kết", "Hòa Bình", "Minh Khai", "Trung Tâm",  "Bình Minh",   "Tiến Bộ",
};

static unsigned rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#define PICK(arr, s) arr[rnd(s) % (sizeof arr / sizeof *arr)]

static int add_villages(struct db *db, long long commune, const char *code, const char *kind)
{
	unsigned seed = (unsigned)strtoul(code, NULL, 10) * 2654435761u + 12345u;
	int n = 5 + (int)(rnd(&seed) % 11);
	char name[128];
	for (int i = 0, tries = 0; i < n && tries < 200; tries++) {
		const char *vkind;
		if (strcmp(kind, "Phường") == 0) {
			vkind = "Khối";
			snprintf(name, sizeof name, "Khối %d", i + 1);
		} else {
			unsigned k = rnd(&seed) % 10;
			vkind = k < 6 ? "Thôn" : "Bản";
			if (k == 9)
				snprintf(name, sizeof name, "Thôn %s", PICK(kinh, &seed));
			else
				snprintf(name, sizeof name, "%s %s %s", vkind, PICK(first, &seed),
					 PICK(second, &seed));
			if (k == 9)
				vkind = "Thôn";
		}
		long long id;
		int rc = units_add(db, commune, "village", NULL, name, vkind, NULL, "demo", &id);
		if (rc == RES_CONFLICT)
			continue; /* the same name twice in a commune: draw again */
		if (rc != RES_OK)
			return rc;
		i++;
	}
	return RES_OK;
}

/* Vietnamese names as they are in Lạng Sơn (Tày, Nùng and Kinh families). */
static const char *const families[] = {"Hoàng", "Nông",	 "Lương", "Vi",	    "Lục",   "Hà",
				       "Lý",	"Triệu", "Mã",	  "Nguyễn", "Vy",    "Đàm",
				       "Chu",	"Lăng",	 "Hứa",	  "Dương",  "Hoàng", "Nông"};
static const char *const men[] = {"Dũng", "Hùng", "Thắng", "Tuấn", "Minh", "Cường", "Quân", "Sơn",
				  "Hải",  "Long", "Tài",   "Phúc", "Đức",  "Khánh", "Bình"};
static const char *const women[] = {"Hạnh", "Lan",  "Mai",   "Hoa",  "Thu", "Hương", "Nga",
				    "Thảo", "Linh", "Huyền", "Dung", "Yến", "Nhung", "Vân"};
static const char *const later_affiliations[] = {
    "youth_union", "women_union", "youth_union", "police", "farmers_union", "veterans", "other"};

/* One generated member of a team; n is its place in the team. */
static void demo_member(unsigned *seed, int n, int head, struct member_input *in, char *name,
			char *phone, char *year)
{
	int female = rnd(seed) % 2;
	snprintf(name, 96, "%s %s %s", PICK(families, seed), female ? "Thị" : "Văn",
		 female ? PICK(women, seed) : PICK(men, seed));
	static const char *const prefixes[] = {"091", "098", "097", "036", "038", "088", "083"};
	snprintf(phone, 16, "%s%07u", PICK(prefixes, seed), rnd(seed) % 10000000);
	snprintf(year, 8, "%u", n == 0 ? 1960 + rnd(seed) % 20 : 1975 + rnd(seed) % 30);
	in->full_name = name;
	in->phone = phone;
	in->birth_year = year;
	in->gender = female ? "female" : "male";
	in->role = n == 0 ? "leader" : n == 1 ? "deputy" : "member";
	in->affiliation = n == 0 && head ? "village_head" : PICK(later_affiliations, seed);
	in->consent_on = "15/03/2022";
	in->consent_how = "Phiếu đồng ý ký tại UBND xã";
}

/* Teams in about nine villages of ten, 3–9 members each; a few with
 * warnings (two members, no leader, no village head). */
static int demo_teams(struct db *db, long long province)
{
	struct arena a = ARENA_INIT;
	struct unit_query q = {.parent = province, .limit = UNITS_PAGE_MAX};
	struct unit_page communes;
	int rc = units_list(db, &a, &q, &communes);
	if (rc == RES_OK && db_begin(db) != DB_OK)
		rc = RES_ERROR;
	int teams = 0, members = 0;
	for (int c = 0; rc == RES_OK && c < communes.n; c++) {
		const struct unit *co = &communes.items[c];
		unsigned seed = (unsigned)strtoul(co->code, NULL, 10) * 7919u + 17u;
		struct unit_query vq = {.parent = co->id, .limit = UNITS_PAGE_MAX};
		struct unit_page villages;
		if (units_list(db, &a, &vq, &villages) != RES_OK) {
			rc = RES_ERROR;
			break;
		}
		char chairman[96];
		snprintf(chairman, sizeof chairman, "%s Văn %s", PICK(families, &seed),
			 PICK(men, &seed));
		for (int v = 0; rc == RES_OK && v < villages.n; v++) {
			if (rnd(&seed) % 10 == 0)
				continue; /* no team here yet */
			const struct unit *vi = &villages.items[v];
			char name[160], dno[32], ddate[16], gname[160], link[64], hh[8], hhg[8];
			snprintf(name, sizeof name, "Tổ CNSCĐ %s", vi->name);
			snprintf(dno, sizeof dno, "%u/QĐ-UBND", 10 + rnd(&seed) % 180);
			snprintf(ddate, sizeof ddate, "%02u/%02u/2022", 1 + rnd(&seed) % 28,
				 3 + rnd(&seed) % 10);
			snprintf(gname, sizeof gname, "%s chung tay chuyển đổi số", vi->name);
			snprintf(link, sizeof link, "https://zalo.me/g/%08x", rnd(&seed));
			unsigned households = 60 + rnd(&seed) % 240;
			snprintf(hh, sizeof hh, "%u", households);
			snprintf(hhg, sizeof hhg, "%u", households * (40 + rnd(&seed) % 61) / 100);
			struct team_input ti = {.name = name,
						.decision_no = dno,
						.decision_date = ddate,
						.decided_by = chairman,
						.group_name = gname,
						.group_link = link,
						.households = hh,
						.households_in_group = hhg};
			struct team_values tv;
			struct field_errors fe = {0};
			teams_check(&ti, &tv, &fe);
			long long team;
			if (fe.n || teams_insert(db, vi->id, &tv, &team) != RES_OK) {
				fprintf(stderr, "langso: demo: team %s: %s %s\n", name,
					fe.n ? fe.e[0].field : "insert", fe.n ? fe.e[0].msgid : "");
				rc = RES_ERROR;
				break;
			}
			teams++;
			unsigned odd = rnd(&seed) % 25;
			int n = odd == 0 ? 2 : 3 + (int)(rnd(&seed) % 7);
			for (int m = 0; m < n && rc == RES_OK; m++) {
				struct member_input mi = {0};
				char mname[96], phone[16], year[8];
				demo_member(&seed, m, odd != 1, &mi, mname, phone, year);
				mi.joined_on = ddate;
				if (odd == 2 && m == 0)
					mi.role = "member"; /* a team without a leader */
				struct member_values mv;
				members_check(&mi, &mv, &fe);
				long long mid;
				if (fe.n ||
				    members_insert(db, team, province, &mv, &mid) != RES_OK) {
					fprintf(stderr, "langso: demo: member %s: %s %s\n", mname,
						fe.n ? fe.e[0].field : "insert",
						fe.n ? fe.e[0].msgid : "");
					rc = RES_ERROR;
				}
				members++;
			}
		}
	}
	if (rc == RES_OK) {
		char detail[64];
		snprintf(detail, sizeof detail, "{\"teams\":%d,\"members\":%d}", teams, members);
		if (audit_log(db, NULL, "import", "team", 0, province, detail) != 0 ||
		    db_commit(db) != DB_OK)
			rc = RES_ERROR;
	}
	if (rc != RES_OK)
		db_rollback(db);
	arena_release(&a);
	return rc;
}

/* Two enterprises that train teams in Lạng Sơn (G12). */
static int demo_enterprises(struct db *db, const struct user *cli)
{
	static const struct enterprise_input list[] = {
	    {"VNPT Lạng Sơn", "telecom", "Phạm Văn Hòa", "0913000111", "langson@vnpt.example",
	     "06184 05977 05983 05986 06187 06196 06211"},
	    {"Bưu điện tỉnh Lạng Sơn", "postal", "Đinh Thị Thu", "0205388100",
	     "buudien.langson@example.vn", "06001 06004 06019 06037 06040 06046"},
	};
	for (size_t i = 0; i < sizeof list / sizeof *list; i++) {
		struct field_errors fe = {0};
		long long id;
		struct arena ea = ARENA_INIT;
		int rc = enterprises_create(db, &ea, cli, &list[i], &fe, &id);
		arena_release(&ea);
		if (rc != RES_OK) {
			fprintf(stderr, "langso: demo: enterprise %s: %s\n", list[i].name,
				fe.n ? fe.e[0].msgid : "insert");
			return RES_ERROR;
		}
	}
	long long vnpt = enterprises_find(db, "VNPT Lạng Sơn"), uid;
	const char *why = NULL;
	return users_create_enterprise(db, cli, vnpt, "vnpt.langson", "VNPT Lạng Sơn (đào tạo)",
				       DEMO_PASSWORD, &uid, &why);
}

/* Noon UTC of an ISO date. */
static time_t noon(const char *iso)
{
	struct tm tm = {0};
	sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

/* One report of team for period: mostly on time, some late, some
 * returned, some never sent; the older ones mostly accepted. */
static int demo_report(struct db *db, struct arena *a, const struct user *cli, long long team,
		       const struct form *f, const char *period, int age, unsigned *seed)
{
	unsigned dice = rnd(seed) % 100;
	if (dice < 8 && age > 0)
		return RES_OK; /* missing */
	struct period p;
	char start[11], last[11], when[11];
	period_parse(period, &p);
	period_days(&p, start, last);
	/* sent from the day after the period ends, or today for this one */
	time_t now = time(NULL);
	period_add_days(last, dice < 18 ? f->due_days + 2 + (int)(rnd(seed) % 5) : 1, when);
	struct report_line *lines;
	struct report r;
	int n;
	if (reports_get(db, a, cli, team, f, &p, now, &r, &lines, &n) != RES_OK)
		return RES_ERROR;
	const char **codes = arena_alloc(a, (size_t)(n + 1) * sizeof *codes);
	const char **values = arena_alloc(a, (size_t)(n + 1) * sizeof *values);
	for (int i = 0; i < n; i++) {
		long long max = lines[i].ind->ceiling / 40 + 3;
		if (strcmp(lines[i].ind->aggregation, "latest") == 0)
			max = 80 + rnd(seed) % 150;
		codes[i] = lines[i].ind->code;
		values[i] = arena_printf(a, "%u", rnd(seed) % (unsigned)max);
	}
	struct field_errors fe = {0};
	time_t sent = noon(when) < now ? noon(when) : now;
	int rc = reports_save(db, a, cli, team, f, &p, codes, values, n, age > 0 || dice < 70, sent,
			      &fe, &r, NULL, NULL);
	if (rc != RES_OK || !r.id || r.status != REPORT_SUBMITTED)
		return rc;
	if (dice >= 18 && dice < 21)
		return reports_review(db, cli, r.id, REPORT_RETURN,
				      "Số liệu chưa khớp với sổ theo dõi", &fe);
	if (age > 2 && dice > 40)
		return reports_review(db, cli, r.id, REPORT_ACCEPT, NULL, &fe);
	return RES_OK;
}

/* Reports of the past 12 weeks and 12 months, targets for 2026, and a
 * dozen difficulties at different levels. */
static int demo_reports(struct db *db, long long province)
{
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct form weekly, monthly;
	struct team_filter tf = {.unit = province, .limit = 500};
	struct team *teams;
	int nt, rc = RES_OK;
	long long next;
	if (catalog_form(db, &a, "WEEKLY", &weekly) != RES_OK ||
	    catalog_form(db, &a, "MONTHLY", &monthly) != RES_OK ||
	    teams_list(db, &a, &cli, &tf, &teams, &nt, &next) != RES_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	char today[11];
	time_t now = time(NULL);
	date_local(now, today);
	unsigned seed = 2026;
	for (int t = 0; rc == RES_OK; t++) {
		if (t == nt) { /* the next page of teams */
			if (!next)
				break;
			tf.after = next;
			if (teams_list(db, &a, &cli, &tf, &teams, &nt, &next) != RES_OK || !nt)
				break;
			t = 0;
		}
		struct arena ta = ARENA_INIT;
		for (int kind = 0; kind < 2 && rc == RES_OK; kind++) {
			const struct form *f = kind ? &monthly : &weekly;
			struct period p;
			period_of(today, f->grain, &p);
			for (int age = 12; age >= 0 && rc == RES_OK; age--) {
				struct period q = p;
				char key[PERIOD_TEXT];
				period_step(&q, -age);
				period_format(&q, key);
				rc = demo_report(db, &ta, &cli, teams[t].id, f, key, age, &seed);
			}
		}
		arena_release(&ta);
	}
	/* targets for 2026: the province, its communes, and each month of the
	 * reports (this one and the eleven before) */
	struct indicator *inds = NULL;
	int ni = 0;
	struct unit_query q = {.parent = province, .limit = UNITS_PAGE_MAX};
	struct unit_page communes = {0};
	if (rc == RES_OK && (catalog_indicators(db, &a, province, &inds, &ni) != RES_OK ||
			     units_list(db, &a, &q, &communes) != RES_OK))
		rc = RES_ERROR;
	const char **codes = arena_alloc(&a, (size_t)(ni + 1) * sizeof *codes);
	const char **yearly = arena_alloc(&a, (size_t)(ni + 1) * sizeof *yearly);
	const char **monthly_v = arena_alloc(&a, (size_t)(ni + 1) * sizeof *monthly_v);
	struct period pm;
	period_of(today, PERIOD_MONTH, &pm);
	struct period y2026 = {PERIOD_YEAR, 2026, 0};
	long long *province_year = arena_alloc(&a, (size_t)(ni + 1) * sizeof *province_year);
	for (int c = 0; c < communes.n && rc == RES_OK; c++) {
		struct field_errors fe = {0};
		for (int i = 0; i < ni; i++) {
			/* about what a team does in a year: a level for "latest"
			 * indicators (households), a sum of ~40 weeks' work else */
			int latest = strcmp(inds[i].aggregation, "latest") == 0;
			long long per = latest ? 150 : (inds[i].ceiling / 40 + 3) / 2 * 40;
			long long v = per * (long long)communes.items[c].children;
			codes[i] = inds[i].code;
			yearly[i] = arena_printf(&a, "%lld", v);
			monthly_v[i] = arena_printf(&a, "%lld", latest ? v : v / 12);
			province_year[i] += v;
		}
		struct target_row year_row = {communes.items[c].id, codes, yearly, ni};
		struct target_row month_row = {communes.items[c].id, codes, monthly_v, ni};
		rc = targets_set(db, &a, &cli, &y2026, &year_row, 1, &fe);
		struct period m = pm;
		for (int k = 0; k < 12 && rc == RES_OK; k++, period_step(&m, -1))
			rc = targets_set(db, &a, &cli, &m, &month_row, 1, &fe);
	}
	if (rc == RES_OK) {
		struct field_errors fe = {0};
		for (int i = 0; i < ni; i++)
			yearly[i] = arena_printf(&a, "%lld", province_year[i]);
		struct target_row row = {province, codes, yearly, ni};
		rc = targets_set(db, &a, &cli, &y2026, &row, 1, &fe);
	}
	static const struct {
		const char *category, *text;
		int climb; /* 0 commune, 1 province, 2 ministry, -1 resolved */
	} issues[] = {
	    {"device", "Nhiều hộ người cao tuổi không có điện thoại thông minh để cài VNeID.", 0},
	    {"connectivity", "Sóng 4G yếu ở khu vực bản xa, không tải được ứng dụng.", 1},
	    {"platform", "Cổng dịch vụ công báo lỗi khi nộp hồ sơ đăng ký khai sinh.", 2},
	    {"residents", "Người dân ngại mở tài khoản thanh toán vì sợ lừa đảo.", 0},
	    {"funding", "Tổ chưa có kinh phí in tài liệu hướng dẫn.", 1},
	    {"platform", "Ứng dụng sổ sức khỏe điện tử không hiện hồ sơ tiêm chủng.", 0},
	    {"connectivity", "Chưa có cáp quang đến nhà văn hóa thôn.", 1},
	    {"residents", "Nhiều hộ đi làm ăn xa, khó tập trung hướng dẫn.", -1},
	    {"device", "Máy chiếu của nhà văn hóa bị hỏng.", -1},
	    {"other", "Cần thêm tập huấn về sàn thương mại điện tử cho Tổ.", 0},
	    {"platform", "Tài khoản VNeID mức 2 chờ duyệt quá lâu.", 2},
	    {"funding", "Đề nghị hỗ trợ 4G cho thành viên Tổ.", 0},
	};
	for (size_t i = 0; i < sizeof issues / sizeof *issues && rc == RES_OK && nt; i++) {
		struct field_errors fe = {0};
		long long id;
		rc = difficulties_open(db, &cli, teams[(i * 37) % (size_t)nt].id, 0, issues[i].text,
				       issues[i].category, &fe, &id);

		if (rc == RES_OK && i % 2 == 0)
			rc = difficulties_act(db, &cli, id, "reply",
					      "Xã đã ghi nhận, đang phối hợp xử lý.", &fe);
		if (rc == RES_OK && issues[i].climb < 0)
			rc = difficulties_act(db, &cli, id, "resolve", "Đã xử lý xong", &fe);
		for (int k = 0; k < issues[i].climb && rc == RES_OK; k++)
			rc = difficulties_act(db, &cli, id, "escalate",
					      "Vượt thẩm quyền, đề nghị cấp trên hỗ trợ.", &fe);
	}
	arena_release(&a);
	return rc;
}

int demo_build(struct db *db)
{
	struct official_stats st;
	if (units_import_official(db, NULL, NULL, &st) != RES_OK) {
		fprintf(stderr, "langso: demo: cannot load the official units\n");
		return RES_ERROR;
	}
	long long province = units_find(db, "province", DEMO_PROVINCE);
	if (!province)
		return RES_ERROR;

	/* The communes of the province, then their villages, in one transaction. */
	struct arena a = ARENA_INIT;
	struct unit_query q = {.parent = province, .limit = UNITS_PAGE_MAX};
	struct unit_page page;
	int rc = units_list(db, &a, &q, &page);
	if (rc == RES_OK && db_begin(db) != DB_OK)
		rc = RES_ERROR;
	for (int i = 0; rc == RES_OK && i < page.n; i++)
		rc = add_villages(db, page.items[i].id, page.items[i].code, page.items[i].kind);
	if (rc == RES_OK && db_commit(db) != DB_OK)
		rc = RES_ERROR;
	if (rc != RES_OK)
		db_rollback(db);
	arena_release(&a);
	if (rc != RES_OK) {
		fprintf(stderr, "langso: demo: cannot add the villages\n");
		return RES_ERROR;
	}

	struct user cli = accounts_cli_actor(db);
	/* a fresh demo database: no need to wait for the disk at every commit */
	db_durable(db, 0);
	int built = demo_teams(db, province) == RES_OK && demo_enterprises(db, &cli) == RES_OK &&
		    demo_reports(db, province) == RES_OK &&
		    demo_trainings(db, province, &cli) == RES_OK;
	db_durable(db, 1);
	if (!built) {
		fprintf(stderr, "langso: demo: cannot add the teams, enterprises and reports\n");
		return RES_ERROR;
	}
	for (int i = 0; i < demo_logins_count; i++) {
		const struct demo_login *l = &demo_logins[i];
		long long scope, id;
		if (strcmp(l->scope_level, "village") == 0) {
			struct arena va = ARENA_INIT;
			struct unit_query vq = {.parent = units_find(db, "commune", l->scope_code),
						.limit = 1};
			struct unit_page vp;
			scope =
			    units_list(db, &va, &vq, &vp) == RES_OK && vp.n ? vp.items[0].id : 0;
			arena_release(&va);
		} else {
			scope = units_find(db, l->scope_level, l->scope_code);
		}
		const char *why = NULL;
		if (!scope || users_create(db, &cli, l->username, l->full_name, l->role, scope,
					   DEMO_PASSWORD, &id, &why) != RES_OK) {
			fprintf(stderr, "langso: demo: cannot add user %s: %s\n", l->username,
				why ? why : "?");
			return RES_ERROR;
		}
	}
	rc = demo_practices(db);
	return rc == RES_OK ? demo_group(db) : rc;
}
