/* test_reports.c: the report life cycle, revisions, the late flag, the
 * roll-ups (checked against the raw values after random work), targets,
 * progress and completeness, and difficulties' escalation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "testdb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/breakdown.h"
#include "core/difficulties.h"
#include "core/progress.h"
#include "core/reports.h"
#include "core/rollup.h"
#include "core/roster.h"
#include "core/units.h"
#include "util/embedded.h"

struct fx {
	struct db *db;
	struct user cli;
	struct form weekly, monthly;
	long long ls, dd, dk;
	long long teams[4]; /* two in Đồng Đăng, two in Đông Kinh */
	struct arena a;
};

static time_t at(const char *iso)
{
	struct tm tm = {0};
	sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

static int setup(void **state)
{
	static struct fx f;
	memset(&f, 0, sizeof f);
	char err[256];
	f.db = test_db_open();
	assert_int_equal(db_migrate(f.db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(f.db, NULL, "20", &st), RES_OK);
	f.cli = accounts_cli_actor(f.db);
	struct import_result r;
	const char *v = "commune_code,village\n06184,Thôn A\n06184,Thôn B\n05977,Khối 1\n"
			"05977,Khối 2\n06184,Thôn C\n06184,Thôn D\n05977,Khối 3\n05977,Khối 4\n";
	assert_int_equal(villages_import_csv(f.db, &f.a, &f.cli, v, strlen(v), &r), RES_OK);
	const char *t = "commune_code,village,decision_date,member_name,role,affiliation\n"
			"06184,Thôn A,01/01/2026,Hoàng Văn A,leader,village head\n"
			"06184,Thôn B,01/01/2026,Hoàng Văn B,leader,village head\n"
			"05977,Khối 1,01/01/2026,Lục Thị C,leader,village head\n"
			"05977,Khối 2,01/01/2026,Lục Thị D,leader,village head\n";
	int nteams;
	assert_int_equal(roster_import_csv(f.db, &f.a, &f.cli, t, strlen(t), &r, &nteams), RES_OK);
	for (int i = 0; i < 4; i++)
		f.teams[i] = i + 1;
	f.ls = units_find(f.db, "province", "20");
	f.dd = units_find(f.db, "commune", "06184");
	f.dk = units_find(f.db, "commune", "05977");
	assert_int_equal(catalog_form(f.db, &f.a, "WEEKLY", &f.weekly), RES_OK);
	assert_int_equal(catalog_form(f.db, &f.a, "MONTHLY", &f.monthly), RES_OK);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_release(&f->a);
	db_close(f->db);
	return 0;
}

static struct period per(const char *key)
{
	struct period p;
	assert_int_equal(period_parse(key, &p), 0);
	return p;
}

static int save(struct fx *f, long long team, const struct form *form, const char *period,
		const char *code, const char *value, int submit, const char *when)
{
	struct field_errors fe = {0};
	struct report r;
	struct period p = per(period);
	const char *codes[] = {code}, *values[] = {value};
	return reports_save(f->db, &f->a, &f->cli, team, form, &p, codes, values, 1, submit,
			    at(when), &fe, &r, NULL, NULL);
}

static int set_targets(struct fx *f, const struct user *who, long long unit, const char *period,
		       const char *code, const char *value)
{
	struct field_errors fe = {0};
	struct period p = per(period);
	const char *codes[] = {code}, *values[] = {value};
	struct target_row row = {unit, codes, values, 1};
	return targets_set(f->db, &f->a, who, &p, &row, 1, &fe);
}

static long long agg_of(struct fx *f, long long unit, const char *code, const char *period)
{
	struct db_stmt *st =
	    db_prepare(f->db, "SELECT coalesce(sum(a.value), 0) FROM agg a"
			      " JOIN indicator i ON i.id = a.indicator_id"
			      " WHERE a.unit_id = :u AND i.code = :c AND a.period = :p");
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":c", code);
	db_bind_text(st, ":p", period);
	assert_int_equal(db_step(st), DB_ROW);
	long long v = db_col_int(st, 0);
	db_done(st);
	return v;
}

static void life_cycle_revisions_and_rollups(void **state)
{
	struct fx *f = *state;
	long long t = f->teams[0];
	/* a draft counts for nothing */
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "12", 0, "2026-11-20"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 0);
	/* submitted on time (due two days after Sunday 22 Nov) */
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "VNEID_L2", "5", 1, "2026-11-24"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 12);
	assert_int_equal(agg_of(f, f->ls, "DVC_GUIDED", "2026W47"), 12);
	assert_int_equal(agg_of(f, units_root(f->db), "VNEID_L2", "2026W47"), 5);
	struct report r;
	struct report_line *lines;
	int n;
	struct period w47 = per("2026W47");
	assert_int_equal(reports_get(f->db, &f->a, &f->cli, t, &f->weekly, &w47, at("2026-11-24"),
				     &r, &lines, &n),
			 RES_OK);
	assert_int_equal(r.status, REPORT_SUBMITTED);
	assert_int_equal(r.late, 0);
	/* an edit of a submitted report moves the totals, no double count */
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "20", 1, "2026-11-25"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 20);
	/* returned: out of the totals; resubmitted: back */
	long long id = reports_find(f->db, t, f->weekly.id, "2026W47");
	struct field_errors fe = {0};
	assert_int_equal(reports_review(f->db, &f->cli, id, REPORT_RETURN, NULL, &fe), RES_INVALID);
	fe.n = 0;
	assert_int_equal(
	    reports_review(f->db, &f->cli, id, REPORT_RETURN, "số liệu chưa khớp", &fe), RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 0);
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "18", 1, "2026-11-26"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 18);
	/* accepted: locked */
	assert_int_equal(reports_review(f->db, &f->cli, id, REPORT_ACCEPT, NULL, &fe), RES_OK);
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "99", 1, "2026-11-27"),
			 RES_CONFLICT);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 18);
	assert_int_equal(reports_review(f->db, &f->cli, id, REPORT_UNLOCK, "sửa số hộ", &fe),
			 RES_OK);
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "19", 0, "2026-11-27"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 19);
	struct report_revision *revs;
	assert_int_equal(reports_revisions(f->db, &f->a, id, &revs, &n), RES_OK);
	assert_int_equal(n, 8); /* save, submit, submit, return, submit, accept, unlock, save */
	assert_string_equal(revs[0].values_json, "{\"DVC_GUIDED\":19,\"VNEID_L2\":5}");
	assert_string_equal(revs[4].action, "return");
	assert_string_equal(revs[4].note, "số liệu chưa khớp");
	/* late: the first submission after the due date */
	assert_int_equal(
	    save(f, f->teams[1], &f->weekly, "2026W47", "DVC_GUIDED", "3", 1, "2026-11-25"),
	    RES_OK);
	assert_int_equal(reports_get(f->db, &f->a, &f->cli, f->teams[1], &f->weekly, &w47,
				     at("2026-11-25"), &r, &lines, &n),
			 RES_OK);
	assert_int_equal(r.late, 1);
	assert_int_equal(rollup_check(f->db, NULL), 0);
}

static void bad_values_name_the_field(void **state)
{
	struct fx *f = *state;
	struct field_errors fe = {0};
	struct report r;
	const char *codes[] = {"DVC_GUIDED", "VNEID_L2", "ECOM_STORES", "PROP_SESSIONS"};
	const char *values[] = {"-3", "2001", "1", "1,5"};
	struct period w48 = per("2026W48");
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, f->teams[0], &f->weekly, &w48, codes,
				      values, 4, 1, at("2026-11-28"), &fe, &r, NULL, NULL),
			 RES_INVALID);
	assert_int_equal(fe.n, 4);
	assert_string_equal(fe.e[0].field, "DVC_GUIDED");
	assert_string_equal(fe.e[1].field, "VNEID_L2");
	assert_string_equal(fe.e[1].arg, "2000"); /* its plausibility ceiling */
	assert_string_equal(fe.e[2].msgid, "not an indicator of this form");
	assert_string_equal(fe.e[3].field, "PROP_SESSIONS");
	fe.n = 0;
	assert_int_equal(
	    save(f, f->teams[0], &f->weekly, "2026-11", "DVC_GUIDED", "1", 1, "2026-11-28"),
	    RES_INVALID);
	assert_int_equal(reports_find(f->db, f->teams[0], f->weekly.id, "2026W48"), 0);
}

/* A report with more values than one statement writes (write_values'
 * chunks of 32), some cleared and some named twice in one save: what is
 * kept is exactly the last word on each, in the report and its roll-ups. */
static void many_values_cleared_and_named_twice(void **state)
{
	struct fx *f = *state;
	enum { EXTRA = 45 };
	char codes_buf[EXTRA][16];
	for (int i = 0; i < EXTRA; i++) {
		struct field_errors fe = {0};
		long long id;
		snprintf(codes_buf[i], sizeof codes_buf[i], "MANY_%02d", i);
		assert_int_equal(catalog_indicator_add(f->db, &f->cli, codes_buf[i], "Chỉ tiêu",
						       NULL, NULL, "sum", "100000", "WEEKLY", &fe,
						       &id),
				 RES_OK);
	}
	/* every extra indicator set to 100 + i, then in the same save the
	 * first five named again (with 7) and the sixth with an empty value */
	const char *codes[EXTRA + 6], *values[EXTRA + 6];
	char vals[EXTRA][8];
	for (int i = 0; i < EXTRA; i++) {
		snprintf(vals[i], sizeof vals[i], "%d", 100 + i);
		codes[i] = codes_buf[i];
		values[i] = vals[i];
	}
	for (int i = 0; i < 5; i++) {
		codes[EXTRA + i] = codes_buf[i];
		values[EXTRA + i] = "7";
	}
	codes[EXTRA + 5] = codes_buf[5];
	values[EXTRA + 5] = "";
	struct field_errors fe = {0};
	struct report r;
	struct period w47 = per("2026W47");
	long long t = f->teams[0];
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w47, codes, values,
				      EXTRA + 6, 1, at("2026-11-24"), &fe, &r, NULL, NULL),
			 RES_OK);
	long long report = reports_find(f->db, t, f->weekly.id, "2026W47");
	for (int i = 0; i < EXTRA; i++) {
		struct db_stmt *st = db_prepare(
		    f->db, "SELECT count(*), coalesce(sum(v.value), -1) FROM report_value v"
			   " JOIN indicator i ON i.id = v.indicator_id"
			   " WHERE v.report_id = :r AND i.code = :c");
		db_bind_int(st, ":r", report);
		db_bind_text(st, ":c", codes_buf[i]);
		assert_int_equal(db_step(st), DB_ROW);
		long long want = i < 5 ? 7 : i == 5 ? -1 : 100 + i;
		assert_int_equal(db_col_int(st, 0), i == 5 ? 0 : 1);
		assert_int_equal(db_col_int(st, 1), want);
		db_done(st);
		assert_int_equal(agg_of(f, f->dd, codes_buf[i], "2026W47"), i == 5 ? 0 : want);
	}
	/* clearing 40 at once (more than a chunk) and setting the sixth */
	for (int i = 0; i < EXTRA; i++)
		values[i] = i == 5 ? "9" : i < 40 ? "" : vals[i];
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w47, codes, values,
				      EXTRA, 1, at("2026-11-24"), &fe, &r, NULL, NULL),
			 RES_OK);
	for (int i = 0; i < EXTRA; i++)
		assert_int_equal(agg_of(f, f->dd, codes_buf[i], "2026W47"), i == 5   ? 9
									    : i < 40 ? 0
										     : 100 + i);
	assert_int_equal(rollup_check(f->db, NULL), 0);
}

/* The window: no future period, no period before the team existed or
 * after it was dissolved, no empty submission; Vietnam time decides. */
static void window_blank_and_vietnam_time(void **state)
{
	struct fx *f = *state;
	long long t = f->teams[0];
	/* on Sunday 29 Nov 2026 (2026W48) the next week and 2027 are refused */
	assert_int_equal(save(f, t, &f->weekly, "2026W49", "DVC_GUIDED", "1", 1, "2026-11-29"),
			 RES_INVALID);
	assert_int_equal(save(f, t, &f->weekly, "2027W30", "DVC_GUIDED", "1", 1, "2026-11-29"),
			 RES_INVALID);
	assert_int_equal(save(f, t, &f->monthly, "2026-12", "DVC_FILED", "1", 1, "2026-11-29"),
			 RES_INVALID);
	/* the week begins at 00:00 Monday in Vietnam: 17:00 UTC on Sunday */
	time_t sunday_1659 = at("2026-11-29") + 4 * 3600 + 59 * 60; /* 23:59 in Hà Nội */
	time_t sunday_1700 = at("2026-11-29") + 5 * 3600;	    /* 00:00 Monday 30 Nov */
	struct field_errors fe = {0};
	struct report r;
	struct period w49 = per("2026W49");
	const char *codes[] = {"DVC_GUIDED"}, *one[] = {"1"};
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w49, codes, one, 1, 1,
				      sunday_1659, &fe, &r, NULL, NULL),
			 RES_INVALID);
	assert_string_equal(fe.e[0].field, "period");
	assert_string_equal(fe.e[0].arg, "2026-11-30");
	fe.n = 0;
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w49, codes, one, 1, 1,
				      sunday_1700, &fe, &r, NULL, NULL),
			 RES_OK);
	/* lateness: 2026W47 is due on Tuesday 24 Nov; 23:30 that day in Vietnam is on
	 * time, 06:00 on Wednesday in Vietnam (23:00 UTC on Tuesday) is late */
	struct period w47 = per("2026W47");
	time_t tue_2330 = at("2026-11-24") + 4 * 3600 + 30 * 60; /* 16:30 UTC */
	time_t wed_0600 = at("2026-11-24") + 11 * 3600;		 /* 23:00 UTC Tuesday */
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, f->teams[1], &f->weekly, &w47, codes,
				      one, 1, 1, tue_2330, &fe, &r, NULL, NULL),
			 RES_OK);
	assert_int_equal(r.late, 0);
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, f->teams[2], &f->weekly, &w47, codes,
				      one, 1, 1, wed_0600, &fe, &r, NULL, NULL),
			 RES_OK);
	assert_int_equal(r.late, 1);
	/* a submission with every field empty is refused; an explicit 0 is a value */
	const char *empty[] = {""}, *zero[] = {"0"};
	struct period w46 = per("2026W46");
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w46, codes, empty, 1,
				      1, at("2026-11-20"), &fe, &r, NULL, NULL),
			 RES_INVALID);
	assert_string_equal(fe.e[0].field, "values");
	fe.n = 0;
	assert_int_equal(reports_find(f->db, t, f->weekly.id, "2026W46"), 0);
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w46, codes, empty, 1,
				      0, at("2026-11-20"), &fe, &r, NULL, NULL),
			 RES_OK); /* an empty draft may be kept */
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, t, &f->weekly, &w46, codes, zero, 1, 1,
				      at("2026-11-20"), &fe, &r, NULL, NULL),
			 RES_OK);
	/* a team established on 28 Nov is not expected before 2026W48 and
	 * cannot report for 2026W47 */
	long long village = units_find(f->db, "commune", "06184");
	struct unit_query q = {.parent = village, .q = "Thôn C", .limit = 5};
	struct unit_page pg;
	assert_int_equal(units_list(f->db, &f->a, &q, &pg), RES_OK);
	assert_int_equal(pg.n, 1);
	struct team_input in = {.name = "Tổ CNSCĐ thôn C", .established_on = "28/11/2026"};
	long long nt;
	assert_int_equal(teams_create(f->db, &f->cli, pg.items[0].id, &in, &fe, &nt), RES_OK);
	assert_int_equal(save(f, nt, &f->weekly, "2026W47", "DVC_GUIDED", "4", 1, "2026-11-29"),
			 RES_INVALID);
	assert_int_equal(save(f, nt, &f->weekly, "2026W48", "DVC_GUIDED", "4", 1, "2026-11-29"),
			 RES_OK);
	struct progress_item *items;
	int n;
	struct completeness c;
	struct period p = per("2026W47");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->dd, &p, at("2026-11-29"), &items, &n, &c),
	    RES_OK);
	assert_int_equal(c.expected, 2); /* Thôn A and B, not C */
	p = per("2026-03");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->dd, &p, at("2026-11-29"), &items, &n, &c),
	    RES_OK);
	assert_int_equal(c.expected, 2 * 4 + 2); /* 4 weeks of March and the month, 2 teams */
	/* its establishment cannot move after its reports; nor a dissolution before */
	in.established_on = "01/12/2026";
	fe.n = 0;
	assert_int_equal(teams_update(f->db, &f->cli, nt, &in, &fe), RES_INVALID);
	fe.n = 0;
	assert_int_equal(teams_dissolve(f->db, &f->cli, t, "20/11/2026", "sáp nhập", &fe),
			 RES_INVALID);
	assert_int_equal(rollup_check(f->db, stderr), 0);
}

/* Stocks: 50 (Oct) then 61 (Nov); 62 (Nov); 40 (Oct only): 163 in Q4 at
 * every level, not the last month's 123. */
static void stock_indicators_carry_forward(void **state)
{
	struct fx *f = *state;
	const char *code = "GROUP_HOUSEHOLDS";
	assert_int_equal(save(f, f->teams[0], &f->monthly, "2026-10", code, "50", 1, "2026-11-02"),
			 RES_OK);
	assert_int_equal(save(f, f->teams[0], &f->monthly, "2026-11", code, "61", 1, "2026-11-28"),
			 RES_OK);
	assert_int_equal(save(f, f->teams[1], &f->monthly, "2026-11", code, "62", 1, "2026-11-28"),
			 RES_OK);
	assert_int_equal(save(f, f->teams[2], &f->monthly, "2026-10", code, "40", 1, "2026-11-02"),
			 RES_OK);
	long long units[] = {f->dd, f->ls, units_root(f->db)};
	long long want[] = {123, 163, 163};
	for (int u = 0; u < 3; u++) {
		const char *periods[] = {"2026Q4", "2026", "2026-11"};
		for (int k = 0; k < 3; k++) {
			struct progress_item *items;
			int n;
			struct completeness c;
			struct period p = per(periods[k]);
			assert_int_equal(progress_get(f->db, &f->a, &f->cli, units[u], &p,
						      at("2026-11-29"), &items, &n, &c),
					 RES_OK);
			int found = 0;
			for (int i = 0; i < n; i++) {
				if (strcmp(items[i].ind->code, code) != 0)
					continue;
				found = 1;
				assert_int_equal(items[i].actual, want[u]);
				assert_int_equal(items[i].teams, u ? 3 : 2);
				assert_string_equal(items[i].as_of, "2026-11");
			}
			assert_true(found);
		}
	}
	/* a returned value leaves, and the team's older one counts again */
	long long id = reports_find(f->db, f->teams[0], f->monthly.id, "2026-11");
	struct field_errors fe = {0};
	assert_int_equal(reports_review(f->db, &f->cli, id, REPORT_RETURN, "kiểm tra lại", &fe),
			 RES_OK);
	struct progress_item *items;
	int n;
	struct completeness c;
	struct period q4 = per("2026Q4");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->ls, &q4, at("2026-11-29"), &items, &n, &c),
	    RES_OK);
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].ind->code, code) == 0)
			assert_int_equal(items[i].actual, 50 + 62 + 40);
	/* a dissolved team's households stop counting after its last month */
	fe.n = 0;
	assert_int_equal(teams_dissolve(f->db, &f->cli, f->teams[2], "15/11/2026", "sáp nhập", &fe),
			 RES_OK);
	struct period dec = per("2026-12");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->ls, &dec, at("2026-12-02"), &items, &n, &c),
	    RES_OK);
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].ind->code, code) == 0)
			assert_int_equal(items[i].actual, 50 + 62);
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->ls, &q4, at("2026-12-02"), &items, &n, &c),
	    RES_OK);
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].ind->code, code) == 0)
			assert_int_equal(items[i].actual, 50 + 62);
	assert_int_equal(rollup_check(f->db, stderr), 0);
}

/* --- the brute force -------------------------------------------------- */

/* Everything the roll-ups are made of, read back raw. */
struct raw {
	int nteams;
	struct raw_team {
		long long id, village, commune;
		char start[11], end[11]; /* end "" while it exists */
	} teams[64];
	int nreports;
	struct raw_report {
		long long team;
		enum period_kind grain;
		struct period p;
		int counted;
		int nvalues;
		struct {
			long long ind, value;
		} values[16];
	} reports[512];
};

static void raw_read(struct fx *f, struct raw *raw)
{
	memset(raw, 0, sizeof *raw);
	struct db_stmt *st = db_prepare(
	    f->db, "SELECT t.id, t.unit_id, v.parent_id, coalesce(t.established_on,"
		   " substr(t.created_at, 1, 10)), coalesce(t.dissolved_on, '') FROM team t"
		   " JOIN unit v ON v.id = t.unit_id ORDER BY t.id");
	while (db_step(st) == DB_ROW) {
		assert_true(raw->nteams < 64);
		struct raw_team *t = &raw->teams[raw->nteams++];
		t->id = db_col_int(st, 0);
		t->village = db_col_int(st, 1);
		t->commune = db_col_int(st, 2);
		snprintf(t->start, sizeof t->start, "%s", db_col_text(st, 3));
		snprintf(t->end, sizeof t->end, "%s", db_col_text(st, 4));
	}
	db_done(st);
	st = db_prepare(f->db, "SELECT r.id, r.team_id, r.period, r.status IN ('submitted',"
			       " 'accepted') FROM report r ORDER BY r.id");
	while (db_step(st) == DB_ROW) {
		assert_true(raw->nreports < 512);
		struct raw_report *r = &raw->reports[raw->nreports++];
		r->team = db_col_int(st, 1);
		assert_int_equal(period_parse(db_col_text(st, 2), &r->p), 0);
		r->grain = r->p.kind;
		r->counted = (int)db_col_int(st, 3);
		struct db_stmt *vs = db_prepare(
		    f->db, "SELECT indicator_id, value FROM report_value WHERE report_id = :r");
		db_bind_int(vs, ":r", db_col_int(st, 0));
		while (db_step(vs) == DB_ROW) {
			assert_true(r->nvalues < 16);
			r->values[r->nvalues].ind = db_col_int(vs, 0);
			r->values[r->nvalues++].value = db_col_int(vs, 1);
		}
		db_done(vs);
	}
	db_done(st);
}

static int below(struct fx *f, const struct raw_team *t, long long unit)
{
	long long nation = units_root(f->db);
	return unit == nation || unit == f->ls || unit == t->commune || unit == t->village;
}

static int exists_in(const struct raw_team *t, const struct period *g)
{
	char first[11], last[11];
	period_days(g, first, last);
	return strcmp(t->start, last) <= 0 && (!*t->end || strcmp(t->end, first) >= 0);
}

/* The flow, stock and completeness of unit for p, recomputed. */
static void brute(struct fx *f, const struct raw *raw, long long unit, const struct period *p,
		  const struct indicator *ind, const struct form *form, const char *today,
		  long long *actual, long long *expected, long long *received)
{
	char from[PERIOD_TEXT], to[PERIOD_TEXT];
	*actual = *expected = *received = 0;
	if (period_range(p, form->grain, from, to) != 0)
		return;
	struct period a, b;
	period_parse(from, &a);
	period_parse(to, &b);
	int stock = strcmp(ind->aggregation, "latest") == 0;
	for (int i = 0; i < raw->nteams; i++) {
		const struct raw_team *t = &raw->teams[i];
		if (!below(f, t, unit))
			continue;
		/* completeness over the begun grain periods */
		for (struct period g = a;; period_step(&g, 1)) {
			char d1[11], d2[11], key[PERIOD_TEXT];
			period_days(&g, d1, d2);
			if (strcmp(d1, today) > 0)
				break;
			period_format(&g, key);
			*expected += exists_in(t, &g);
			for (int k = 0; k < raw->nreports; k++)
				*received += raw->reports[k].team == t->id &&
					     raw->reports[k].counted &&
					     raw->reports[k].grain == form->grain &&
					     period_cmp(&raw->reports[k].p, &g) == 0;
			if (period_cmp(&g, &b) == 0)
				break;
		}
		/* values */
		struct period newest = {0};
		long long latest = -1;
		for (int k = 0; k < raw->nreports; k++) {
			const struct raw_report *r = &raw->reports[k];
			if (r->team != t->id || !r->counted || r->grain != form->grain)
				continue;
			for (int v = 0; v < r->nvalues; v++) {
				if (r->values[v].ind != ind->id)
					continue;
				if (!stock && period_cmp(&r->p, &a) >= 0 &&
				    period_cmp(&r->p, &b) <= 0)
					*actual += r->values[v].value;
				if (stock && period_cmp(&r->p, &b) <= 0 &&
				    (latest < 0 || period_cmp(&r->p, &newest) > 0)) {
					newest = r->p;
					latest = r->values[v].value;
				}
			}
		}
		if (stock && latest >= 0 && exists_in(t, &b))
			*actual += latest;
	}
}

/* Random reports, drafts, returns, acceptances and unlocks, teams
 * established and dissolved, over six months of weeks and months, with
 * flows and stocks; then every level and period kind is compared with a
 * brute-force recomputation from the raw rows. */
/* The breakdown of unit into its children (or the units of level below
 * it) for p, read page by page in every order: each child once, in the
 * order asked, and the children adding up to the unit's own progress. */
static void breakdown_adds_up(struct fx *f, long long unit, enum unit_level level,
			      const struct period *p, const char *today)
{
	struct progress_item *items;
	int n;
	struct completeness c;
	assert_int_equal(progress_get(f->db, &f->a, &f->cli, unit, p, at(today), &items, &n, &c),
			 RES_OK);
	for (int s = 0; s < SORT_COUNT * 2; s++) {
		struct breakdown_query q = {.unit = unit,
					    .p = *p,
					    .level = level,
					    .sort = (enum breakdown_sort)(s / 2),
					    .reverse = s % 2,
					    .limit = 7};
		long long sum[64] = {0}, expected = 0, received = 0, late = 0, seen[256];
		long long last_key = 0, total = -1, rows = 0;
		int last_none = 0;
		do {
			struct breakdown b;
			assert_int_equal(breakdown_get(f->db, &f->a, &f->cli, &q, at(today), &b),
					 RES_OK);
			assert_true(total < 0 || total == b.total);
			total = b.total;
			for (int i = 0; i < b.n; i++) {
				const struct breakdown_row *row = &b.rows[i];
				assert_int_equal(row->rank, rows + 1);
				for (int k = 0; k < rows; k++)
					assert_true(seen[k] != row->unit.id);
				seen[rows++] = row->unit.id;
				assert_int_equal(row->n, n);
				long long key = 0;
				int none = 0;
				for (int k = 0; k < row->n; k++) {
					assert_int_equal(row->items[k].ind->id, items[k].ind->id);
					sum[k] += row->items[k].actual;
					if (b.ranked && row->items[k].ind->id == b.ranked->id) {
						const struct progress_item *it = &row->items[k];
						if (q.sort == SORT_PERCENT) {
							none = it->target <= 0;
							key = none
								  ? 0
								  : it->actual * 10000 / it->target;
						} else if (q.sort == SORT_ACTUAL) {
							key = it->actual;
						}
					}
				}
				if (q.sort == SORT_MISSING)
					key = -row->c.missing;
				else if (q.sort == SORT_LATE)
					key = -row->c.late;
				expected += row->c.expected;
				received += row->c.received;
				late += row->c.late;
				/* in order: those with a key first, each no worse
				 * (reversed: no better) than the one before */
				if (rows > 1 && q.sort != SORT_NAME && q.sort != SORT_TARGET &&
				    q.sort != SORT_RECEIVED && q.sort != SORT_DIFFICULTIES) {
					assert_true(!last_none || none);
					if (!none && !last_none)
						assert_true(q.reverse ? key <= last_key
								      : key >= last_key);
				}
				last_key = key;
				last_none = none;
			}
			q.offset = b.next;
		} while (q.offset);
		assert_int_equal(rows, total);
		for (int k = 0; k < n; k++)
			assert_int_equal(sum[k], items[k].actual);
		assert_int_equal(expected, c.expected);
		assert_int_equal(received, c.received);
		assert_int_equal(late, c.late);
	}
}

/* week_period, made by each backend's migration with its own date
 * functions, names for every week a period can name the month and the
 * year whose weeks period_range counts it in (its Thursday's). */
static void week_period_matches_period_range(void **state)
{
	struct fx *f = *state;
	struct period w;
	assert_int_equal(period_parse("2000W01", &w), 0);
	long long weeks = 0;
	for (; w.year < 2100; period_step(&w, 1), weeks++) {
		char key[PERIOD_TEXT], want[3][PERIOD_TEXT];
		period_format(&w, key);
		int n = 0;
		struct db_stmt *st = db_prepare(
		    f->db, "SELECT period FROM week_period WHERE week = :w ORDER BY period");
		db_bind_text(st, ":w", key);
		while (db_step(st) == DB_ROW && n < 3)
			snprintf(want[n++], PERIOD_TEXT, "%s", db_col_text(st, 0));
		db_done(st);
		assert_int_equal(n, 2);
		for (int i = 0; i < 2; i++) {
			struct period p;
			char from[PERIOD_TEXT], to[PERIOD_TEXT];
			assert_int_equal(period_parse(want[i], &p), 0);
			assert_int_equal(p.kind, i == 0 ? PERIOD_YEAR : PERIOD_MONTH);
			assert_int_equal(period_range(&p, PERIOD_WEEK, from, to), 0);
			if (strcmp(from, key) > 0 || strcmp(key, to) > 0)
				fail_msg("%s is counted in %s (weeks %s to %s)", key, want[i], from,
					 to);
		}
	}
	assert_int_equal(weeks, 5218); /* 100 years of ISO weeks */
	struct db_stmt *st = db_prepare(f->db, "SELECT count(*) FROM week_period");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2 * weeks);
	db_done(st);
}

/* The number of rows pending for the folder. */
static long long pending_rows(struct fx *f)
{
	return db_one_int(db_prepare(f->db, "SELECT count(*) FROM rollup_pending"), -1);
}

/* A fold, as the server's folder runs it. */
static void fold(struct fx *f)
{
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(rollup_fold(f->db), 0);
	assert_int_equal(db_commit(f->db), DB_OK);
	assert_int_equal(pending_rows(f), 0);
}

/* Random work, then every level's progress, completeness, missing teams
 * and breakdowns against the brute force; deferred: as on a server, the
 * writes commit their changes for the folder, which folds now and then,
 * and the reads happen with changes still pending. */
static void property_run(struct fx *f, int deferred)
{
	srand(20261129);
	rollup_defer(deferred);
	const char *wcodes[] = {"DVC_GUIDED", "VNEID_L2", "PAY_ACCOUNTS", "PROP_REACHED"};
	const char *mcodes[] = {"DVC_FILED", "GROUP_HOUSEHOLDS", "SMARTPHONE_HH", "ECOM_STORES"};
	const char *today = "2026-11-29";
	/* the villages without a team, where teams are established later */
	long long spare[4];
	int nspare = 0;
	struct db_stmt *st = db_prepare(f->db, "SELECT id FROM unit WHERE level = 'village'"
					       " AND id NOT IN (SELECT unit_id FROM team)");
	while (db_step(st) == DB_ROW && nspare < 4)
		spare[nspare++] = db_col_int(st, 0);
	db_done(st);
	assert_int_equal(nspare, 4);
	int established = 0, dissolved = 0;
	for (int i = 0; i < 900; i++) {
		static struct raw raw;
		raw_read(f, &raw);
		long long team = raw.teams[rand() % raw.nteams].id;
		int op = rand() % 20;
		struct field_errors fe = {0};
		char date[11];
		snprintf(date, sizeof date, "2026-%02u-%02u", 6u + (unsigned)rand() % 6u,
			 1u + (unsigned)rand() % 28u);
		if (op == 0 && nspare) { /* establish a team */
			int k = rand() % nspare;
			struct team_input in = {.name = "Tổ mới", .established_on = date};
			long long id;
			if (teams_create(f->db, &f->cli, spare[k], &in, &fe, &id) == RES_OK)
				established++;
			spare[k] = spare[--nspare];
			continue;
		}
		if (op == 1) {
			/* dissolve one, on a day after its last report (a day
			 * before it is refused), freeing its village for a new team */
			struct db_stmt *q = db_prepare(
			    f->db,
			    "SELECT t.unit_id, t.dissolved_on IS NULL, coalesce(max(r.period), '')"
			    " FROM team t LEFT JOIN report r ON r.team_id = t.id"
			    " WHERE t.id = :t GROUP BY t.id");
			db_bind_int(q, ":t", team);
			assert_int_equal(db_step(q), DB_ROW);
			long long village = db_col_int(q, 0);
			int active = (int)db_col_int(q, 1);
			struct period lastp;
			char d1[11], d2[11] = "2026-06-01";
			if (period_parse(db_col_text(q, 2), &lastp) == 0)
				period_days(&lastp, d1, d2);
			db_done(q);
			if (!active || strcmp(d2, today) >= 0)
				continue;
			if (strcmp(date, d2) < 0)
				memcpy(date, d2, sizeof date);
			if (teams_dissolve(f->db, &f->cli, team, date, "sáp nhập thôn", &fe) ==
			    RES_OK) {
				dissolved++;
				if (nspare < 4)
					spare[nspare++] = village;
			}
			continue;
		}
		int monthly = rand() % 3 == 0;
		const struct form *form = monthly ? &f->monthly : &f->weekly;
		struct period p;
		period_of(date, form->grain, &p);
		char key[PERIOD_TEXT];
		period_format(&p, key);
		long long id = reports_find(f->db, team, form->id, key);
		if (op < 14 || !id) {
			char value[16];
			snprintf(value, sizeof value, "%d", rand() % 90);
			const char *code = monthly ? mcodes[rand() % 4] : wcodes[rand() % 4];
			save(f, team, form, key, code, rand() % 10 ? value : "", rand() % 3 != 0,
			     today);
		} else {
			const unsigned acts[] = {REPORT_RETURN, REPORT_ACCEPT, REPORT_UNLOCK,
						 REPORT_ACCEPT};
			reports_review(f->db, &f->cli, id, acts[op % 4], "kiểm tra", &fe);
		}
		if (deferred && i % 97 == 96) {
			assert_true(pending_rows(f) > 0);
			assert_int_equal(rollup_check(f->db, stderr), 0);
			fold(f);
		}
	}
	/* deferred, the last writes are pending: read beside the roll-ups */
	assert_true(deferred ? pending_rows(f) > 0 : pending_rows(f) == 0);
	assert_int_equal(rollup_check(f->db, stderr), 0);
	/* the run did establish and dissolve teams (and re-establish in a
	 * dissolved team's village) */
	assert_true(established >= 2);
	assert_true(dissolved >= 2);
	struct raw raw;
	raw_read(f, &raw);
	struct db_stmt *vs = db_prepare(f->db, "SELECT id FROM unit WHERE level = 'village'");
	long long villages[16];
	int nv = 0;
	while (db_step(vs) == DB_ROW && nv < 16)
		villages[nv++] = db_col_int(vs, 0);
	db_done(vs);
	long long units[20] = {units_root(f->db), f->ls, f->dd, f->dk};
	int nu = 4;
	for (int i = 0; i < nv; i++)
		units[nu++] = villages[i];
	const char *periods[] = {"2026",    "2026Q3",  "2026Q4",  "2026-06", "2026-08",
				 "2026-10", "2026-11", "2026W27", "2026W40", "2026W48"};
	long long compared = 0;
	for (int u = 0; u < nu; u++) {
		for (size_t k = 0; k < sizeof periods / sizeof *periods; k++) {
			struct period p = per(periods[k]);
			struct progress_item *items;
			int n;
			struct completeness c;
			assert_int_equal(progress_get(f->db, &f->a, &f->cli, units[u], &p,
						      at(today), &items, &n, &c),
					 RES_OK);
			long long exp_total = 0, rec_total = 0, form_missing[2] = {0, 0};
			for (int form = 0; form < 2; form++) {
				const struct form *fm = form ? &f->monthly : &f->weekly;
				long long e = 0, rc = 0;
				int first = 1;
				for (int i = 0; i < n; i++) {
					long long actual, ex, re;
					brute(f, &raw, units[u], &p, items[i].ind, fm, today,
					      &actual, &ex, &re);
					char from[PERIOD_TEXT], to[PERIOD_TEXT];
					if (period_range(&p, fm->grain, from, to) != 0)
						continue;
					int in_form = 0;
					struct indicator *fi;
					int nfi;
					catalog_form_indicators(f->db, &f->a, fm->id, units[u], &fi,
								&nfi);
					for (int x = 0; x < nfi; x++)
						in_form |= fi[x].id == items[i].ind->id;
					if (!in_form)
						continue;
					if (items[i].actual != actual)
						fprintf(stderr,
							"unit %lld %s %s: %lld, brute %lld\n",
							units[u], periods[k], items[i].ind->code,
							items[i].actual, actual);
					assert_int_equal(items[i].actual, actual);
					compared++;
					if (first) {
						e = ex;
						rc = re;
						first = 0;
					}
				}
				exp_total += e;
				rec_total += rc;
				form_missing[form] = e - rc;
			}
			assert_int_equal(c.expected, exp_total);
			assert_int_equal(c.received, rec_total);
			if (p.kind != PERIOD_WEEK && p.kind != PERIOD_MONTH)
				continue;
			/* the missing teams, three a page: each once, as many as
			 * the brute force finds expected and not received */
			long long after = 0, next, listed = 0, ids[64];
			do {
				struct missing_team *m;
				int nm;
				assert_int_equal(progress_missing(f->db, &f->a, &f->cli, units[u],
								  &p, after, 3, &m, &nm, &next),
						 RES_OK);
				for (int i = 0; i < nm; i++) {
					for (int j = 0; j < listed; j++)
						assert_true(ids[j] != m[i].id);
					ids[listed++] = m[i].id;
				}
				after = next;
			} while (next && listed < 60);
			assert_int_equal(listed, form_missing[p.kind == PERIOD_MONTH]);
		}
	}
	assert_true(compared > 1000);
	/* the children of every level add up to their parent, in every order */
	assert_int_equal(set_targets(f, &f->cli, f->dd, "2026-11", "DVC_FILED", "40"), RES_OK);
	assert_int_equal(set_targets(f, &f->cli, f->dk, "2026-11", "DVC_FILED", "30"), RES_OK);
	for (size_t k = 0; k < sizeof periods / sizeof *periods; k++) {
		struct period p = per(periods[k]);
		breakdown_adds_up(f, units_root(f->db), LEVEL_UNKNOWN, &p, today);
		breakdown_adds_up(f, f->ls, LEVEL_UNKNOWN, &p, today);
		breakdown_adds_up(f, f->ls, LEVEL_VILLAGE, &p, today);
		breakdown_adds_up(f, units_root(f->db), LEVEL_COMMUNE, &p, today);
		breakdown_adds_up(f, f->dd, LEVEL_UNKNOWN, &p, today);
		breakdown_adds_up(f, f->dk, LEVEL_UNKNOWN, &p, today);
	}
	if (deferred) {
		assert_true(pending_rows(f) > 0);
		fold(f);
		assert_int_equal(rollup_check(f->db, stderr), 0);
		rollup_defer(0);
	}
}

static void property_rollups_match_brute_force(void **state)
{
	property_run(*state, 0);
}

static void property_rollups_pending_match_brute_force(void **state)
{
	property_run(*state, 1);
}

static void targets_progress_and_completeness(void **state)
{
	struct fx *f = *state;
	assert_int_equal(set_targets(f, &f->cli, f->ls, "2026-11", "DVC_GUIDED", "100"), RES_OK);
	assert_int_equal(set_targets(f, &f->cli, f->dd, "2026-11", "DVC_GUIDED", "60"), RES_OK);
	assert_int_equal(set_targets(f, &f->cli, f->dk, "2026-11", "DVC_GUIDED", "30"), RES_OK);
	assert_int_equal(set_targets(f, &f->cli, f->dd, "2026W48", "DVC_GUIDED", "30"),
			 RES_INVALID);
	/* a commune officer sets the targets of its villages, not its own */
	struct user com = {.id = 0, .role = "commune", .scope = f->dd};
	assert_int_equal(set_targets(f, &com, f->dd, "2026-11", "DVC_GUIDED", "30"), RES_FORBIDDEN);
	assert_int_equal(set_targets(f, &com, f->dk, "2026-11", "DVC_GUIDED", "30"), RES_NOT_FOUND);

	save(f, f->teams[0], &f->weekly, "2026W45", "DVC_GUIDED", "25", 1, "2026-11-10");
	save(f, f->teams[0], &f->weekly, "2026W46", "DVC_GUIDED", "20", 1, "2026-11-17");
	save(f, f->teams[2], &f->weekly, "2026W46", "DVC_GUIDED", "5", 1, "2026-11-30");
	struct progress_item *items;
	int n;
	struct completeness c;
	struct period p = per("2026-11");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->ls, &p, at("2026-11-28"), &items, &n, &c),
	    RES_OK);
	assert_string_equal(items[0].ind->code, "DVC_GUIDED");
	assert_int_equal(items[0].target, 100);
	assert_int_equal(items[0].actual, 50);
	assert_int_equal(items[0].percent, 50);
	assert_int_equal(items[0].children_targets, 90); /* 60 + 30: not the 100 asked */
	/* weeks 45..48 begun by 28 Nov × 4 teams, and the monthly form × 4 */
	assert_int_equal(c.expected, 16 + 4);
	assert_int_equal(c.received, 3);
	assert_int_equal(c.late, 1);
	assert_int_equal(c.on_time, 2);
	assert_int_equal(c.missing, 17);
	/* a village reads its team's own reports */
	struct db_stmt *st = db_prepare(f->db, "SELECT unit_id FROM team WHERE id = 1");
	db_step(st);
	long long village = db_col_int(st, 0);
	db_done(st);
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, village, &p, at("2026-11-28"), &items, &n, &c),
	    RES_OK);
	assert_int_equal(items[0].actual, 45);
	/* one week: a week has no target; the missing teams at every level */
	p = per("2026W46");
	assert_int_equal(
	    progress_get(f->db, &f->a, &f->cli, f->dd, &p, at("2026-11-28"), &items, &n, &c),
	    RES_OK);
	assert_int_equal(items[0].target, -1);
	assert_int_equal(c.expected, 2);
	struct missing_team *m;
	long long next;
	assert_int_equal(progress_missing(f->db, &f->a, &f->cli, f->dd, &p, 0, 10, &m, &n, &next),
			 RES_OK);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].village, "Thôn B");
	assert_string_equal(m[0].commune_code, "06184");
	/* the nation, a page of one at a time */
	long long after = 0;
	int seen = 0;
	do {
		assert_int_equal(progress_missing(f->db, &f->a, &f->cli, units_root(f->db), &p,
						  after, 1, &m, &n, &next),
				 RES_OK);
		seen += n;
		after = next;
	} while (next);
	assert_int_equal(seen, 2); /* Thôn B and Khối 2 */
}

/* A write inside an open transaction (the dispatcher's, for an
 * Idempotency-Key) is a savepoint: the outer rollback takes it all back,
 * the report and its roll-ups; its roll-ups are folded when the outer
 * transaction commits (or when read inside it, after rollup_fold). */
static void nested_write_rolls_back_with_the_outer_transaction(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(
	    save(f, f->teams[0], &f->weekly, "2026W40", "DVC_GUIDED", "9", 1, "2026-10-01"),
	    RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W40"), 0); /* queued */
	assert_int_equal(rollup_fold(f->db), 0);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W40"), 9);
	db_rollback(f->db);
	assert_int_equal(f->db->depth, 0);
	assert_int_equal(reports_find(f->db, f->teams[0], f->weekly.id, "2026W40"), 0);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W40"), 0);
	/* and commits with it */
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(
	    save(f, f->teams[0], &f->weekly, "2026W40", "DVC_GUIDED", "9", 1, "2026-10-01"),
	    RES_OK);
	assert_int_equal(db_commit(f->db), DB_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W40"), 9);
	assert_int_equal(rollup_check(f->db, stderr), 0);
}

static void difficulties_escalate_to_the_ministry(void **state)
{
	struct fx *f = *state;
	struct field_errors fe = {0};
	long long id;
	assert_int_equal(difficulties_open(f->db, &f->cli, f->teams[0], 0, "x", "device", &fe, &id),
			 RES_INVALID);
	fe.n = 0;
	assert_int_equal(difficulties_open(f->db, &f->cli, f->teams[0], 0,
					   "Người dân không có điện thoại thông minh", "device",
					   &fe, &id),
			 RES_OK);
	struct difficulty d;
	struct difficulty_reply *rs;
	int n;
	assert_int_equal(difficulties_get(f->db, &f->a, &f->cli, id, &d, &rs, &n), RES_OK);
	assert_string_equal(d.level, "commune");
	assert_int_equal(d.unit_id, f->dd);
	struct user com = {.role = "commune", .scope = f->dd};
	struct user prov = {.role = "province", .scope = f->ls};
	struct user other = {.role = "commune", .scope = f->dk};
	assert_int_equal(difficulties_act(f->db, &other, id, "reply", "?", &fe), RES_NOT_FOUND);
	assert_int_equal(difficulties_act(f->db, &com, id, "reply", "Đã liên hệ VNPT", &fe),
			 RES_OK);
	assert_int_equal(difficulties_act(f->db, &com, id, "escalate", "Cần hỗ trợ thiết bị", &fe),
			 RES_OK);
	assert_int_equal(difficulties_get(f->db, &f->a, &f->cli, id, &d, &rs, &n), RES_OK);
	assert_string_equal(d.level, "province");
	assert_int_equal(d.unit_id, f->ls);
	assert_int_equal(difficulties_act(f->db, &com, id, "resolve", "", &fe), RES_FORBIDDEN);
	assert_int_equal(difficulties_act(f->db, &prov, id, "escalate", "", &fe), RES_OK);
	assert_int_equal(difficulties_get(f->db, &f->a, &f->cli, id, &d, &rs, &n), RES_OK);
	assert_string_equal(d.level, "ministry");
	assert_int_equal(difficulties_act(f->db, &f->cli, id, "escalate", "", &fe), RES_INVALID);
	fe.n = 0;
	assert_int_equal(difficulties_act(f->db, &f->cli, id, "resolve", "Đã cấp máy", &fe),
			 RES_OK);
	assert_int_equal(difficulties_get(f->db, &f->a, &f->cli, id, &d, &rs, &n), RES_OK);
	assert_string_equal(d.status, "resolved");
	assert_int_equal(n, 4);
}

/* A database of schema 5 holding reports typed as 2026W+1, 2026W 1 and
 * 2026W01 for one team and week: migration 6 keeps one report (the most
 * advanced), every revision, and canonical periods only. */
static void migration_merges_old_spellings(void **state)
{
	(void)state;
	char err[256];
	struct db *db = test_db_open();
	assert_non_null(db);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys=OFF"), DB_OK);
	for (size_t i = 0; i < embedded_count; i++)
		if (strncmp(embedded_files[i].name, "sqlite/00", 9) == 0 &&
		    strcmp(embedded_files[i].name, "sqlite/006") < 0)
			assert_int_equal(db_exec(db, (const char *)embedded_files[i].data), DB_OK);
	assert_int_equal(
	    db_exec(
		db,
		"PRAGMA user_version=5;"
		"INSERT INTO unit(id, name, name_fold, sort_key, kind, level) VALUES"
		" (1, 'Việt Nam', 'viet nam', 'viet nam', 'Quốc gia', 'nation'),"
		" (2, 'Thôn A', 'thon a', 'thon a', 'Thôn', 'village');"
		"INSERT INTO unit_tree VALUES (1, 1, 0), (2, 2, 0), (1, 2, 1);"
		"INSERT INTO team(id, unit_id, name, name_fold, established_on) VALUES"
		" (1, 2, 'Tổ A', 'to a', '2025-01-01');"
		"INSERT INTO report(id, team_id, form_id, period, status, due_on, revision) VALUES"
		" (1, 1, 1, '2026W01', 'draft', '2026-01-06', 1),"
		" (2, 1, 1, '2026W+1', 'submitted', '2026-01-06', 2),"
		" (3, 1, 1, '2026W 1', 'returned', '2026-01-06', 3);"
		"INSERT INTO report_value VALUES (1, 1, 5), (2, 1, 7), (3, 1, 9);"
		"INSERT INTO report_revision(report_id, revision, action, status, values_json)"
		" VALUES (1, 1, 'save', 'draft', '{}'), (2, 1, 'submit', 'submitted', '{}'),"
		" (3, 1, 'return', 'returned', '{}');"
		"INSERT INTO target(unit_id, indicator_id, period, value, assigned_at) VALUES"
		" (2, 1, '2026- 3', 4, '2026-01-01T00:00:00Z'),"
		" (2, 1, '2026-03', 6, '2026-02-01T00:00:00Z');"),
	    DB_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys=ON"), DB_OK);
	assert_int_equal(db_migrate(db, err, sizeof err), 0);
	struct db_stmt *st = db_prepare(db, "SELECT count(*), min(id), min(period), min(status)"
					    " FROM report");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	assert_int_equal(db_col_int(st, 1), 2); /* the submitted one stays */
	assert_string_equal(db_col_text(st, 2), "2026W01");
	assert_string_equal(db_col_text(st, 3), "submitted");
	db_done(st);
	st = db_prepare(db, "SELECT count(*), sum(action = 'merge') FROM report_revision"
			    " WHERE report_id = 2");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 5); /* three revisions, two merges */
	assert_int_equal(db_col_int(st, 1), 2);
	db_done(st);
	st = db_prepare(db, "SELECT count(*), max(value) FROM target");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	assert_int_equal(db_col_int(st, 1), 6); /* the newest */
	db_done(st);
	/* the CHECK keeps it so */
	assert_int_equal(db_exec(db, "UPDATE report SET period = '2026W+1'"), DB_ERR);
	assert_int_equal(rollup_check(db, stderr), 0);
	db_close(db);
}

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(life_cycle_revisions_and_rollups, setup, teardown),
	    cmocka_unit_test_setup_teardown(bad_values_name_the_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(many_values_cleared_and_named_twice, setup, teardown),
	    cmocka_unit_test_setup_teardown(window_blank_and_vietnam_time, setup, teardown),
	    cmocka_unit_test_setup_teardown(stock_indicators_carry_forward, setup, teardown),
	    cmocka_unit_test_setup_teardown(week_period_matches_period_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(property_rollups_match_brute_force, setup, teardown),
	    cmocka_unit_test_setup_teardown(property_rollups_pending_match_brute_force, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(targets_progress_and_completeness, setup, teardown),
	    cmocka_unit_test_setup_teardown(nested_write_rolls_back_with_the_outer_transaction,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(difficulties_escalate_to_the_ministry, setup, teardown),
	    /* SQLite's own history: PostgreSQL databases start at schema 7 */
	    cmocka_unit_test(migration_merges_old_spellings),
	};
	size_t n = sizeof tests / sizeof *tests - (test_on_postgres() ? 1 : 0);
	return _cmocka_run_group_tests(test_on_postgres() ? "test_reports (postgresql)"
							  : "test_reports",
				       tests, n, NULL, NULL);
}
