/* test_reports.c: the report life cycle, revisions, the late flag, the
 * roll-ups (checked against the raw values after random work), targets,
 * progress and completeness, and difficulties' escalation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/difficulties.h"
#include "core/progress.h"
#include "core/reports.h"
#include "core/roster.h"
#include "core/units.h"

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
	f.db = db_open(":memory:", err, sizeof err);
	assert_int_equal(db_migrate(f.db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(f.db, NULL, "20", &st), RES_OK);
	f.cli = accounts_cli_actor(f.db);
	struct import_result r;
	const char *v =
	    "commune_code,village\n06184,Thôn A\n06184,Thôn B\n05977,Khối 1\n05977,Khối 2\n";
	assert_int_equal(villages_import_csv(f.db, &f.a, &f.cli, v, strlen(v), &r), RES_OK);
	const char *t = "commune_code,village,member_name,role,affiliation\n"
			"06184,Thôn A,Hoàng Văn A,leader,village head\n"
			"06184,Thôn B,Hoàng Văn B,leader,village head\n"
			"05977,Khối 1,Lục Thị C,leader,village head\n"
			"05977,Khối 2,Lục Thị D,leader,village head\n";
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

static int save(struct fx *f, long long team, const struct form *form, const char *period,
		const char *code, const char *value, int submit, const char *when)
{
	struct field_errors fe = {0};
	struct report r;
	const char *codes[] = {code}, *values[] = {value};
	return reports_save(f->db, &f->a, &f->cli, team, form, period, codes, values, 1, submit,
			    at(when), &fe, &r);
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
	assert_int_equal(
	    reports_get(f->db, &f->a, &f->cli, t, &f->weekly, "2026W47", &r, &lines, &n), RES_OK);
	assert_string_equal(r.status, "submitted");
	assert_int_equal(r.late, 0);
	/* an edit of a submitted report moves the totals, no double count */
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "20", 1, "2026-11-25"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 20);
	/* returned: out of the totals; resubmitted: back */
	long long id = reports_find(f->db, t, f->weekly.id, "2026W47");
	struct field_errors fe = {0};
	assert_int_equal(reports_review(f->db, &f->cli, id, "return", NULL, &fe), RES_INVALID);
	fe.n = 0;
	assert_int_equal(reports_review(f->db, &f->cli, id, "return", "số liệu chưa khớp", &fe),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 0);
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "18", 1, "2026-11-26"),
			 RES_OK);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 18);
	/* accepted: locked */
	assert_int_equal(reports_review(f->db, &f->cli, id, "accept", NULL, &fe), RES_OK);
	assert_int_equal(save(f, t, &f->weekly, "2026W47", "DVC_GUIDED", "99", 1, "2026-11-27"),
			 RES_CONFLICT);
	assert_int_equal(agg_of(f, f->dd, "DVC_GUIDED", "2026W47"), 18);
	assert_int_equal(reports_review(f->db, &f->cli, id, "unlock", "sửa số hộ", &fe), RES_OK);
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
	assert_int_equal(
	    reports_get(f->db, &f->a, &f->cli, f->teams[1], &f->weekly, "2026W47", &r, &lines, &n),
	    RES_OK);
	assert_int_equal(r.late, 1);
	assert_int_equal(reports_check(f->db, NULL), 0);
}

static void bad_values_name_the_field(void **state)
{
	struct fx *f = *state;
	struct field_errors fe = {0};
	struct report r;
	const char *codes[] = {"DVC_GUIDED", "VNEID_L2", "ECOM_STORES", "PROP_SESSIONS"};
	const char *values[] = {"-3", "2001", "1", "1,5"};
	assert_int_equal(reports_save(f->db, &f->a, &f->cli, f->teams[0], &f->weekly, "2026W48",
				      codes, values, 4, 1, at("2026-11-28"), &fe, &r),
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

/* Random saves, submissions, returns, acceptances and unlocks over teams and
 * periods; the roll-ups must equal a recomputation from the raw values. */
static void property_random_work_keeps_rollups_exact(void **state)
{
	struct fx *f = *state;
	srand(20261128);
	const char *weeks[] = {"2026W44", "2026W45", "2026W46", "2026W47", "2026W48"};
	const char *months[] = {"2026-09", "2026-10", "2026-11"};
	const char *wcodes[] = {"DVC_GUIDED", "VNEID_L2", "PAY_ACCOUNTS", "PROP_REACHED"};
	const char *mcodes[] = {"DVC_FILED", "GROUP_HOUSEHOLDS", "ECOM_STORES"};
	char value[16];
	for (int i = 0; i < 600; i++) {
		long long team = f->teams[rand() % 4];
		int monthly = rand() % 3 == 0;
		const struct form *form = monthly ? &f->monthly : &f->weekly;
		const char *period = monthly ? months[rand() % 3] : weeks[rand() % 5];
		int op = rand() % 10;
		long long id = reports_find(f->db, team, form->id, period);
		struct field_errors fe = {0};
		if (op < 6 || !id) {
			snprintf(value, sizeof value, "%d", rand() % 50);
			const char *code = monthly ? mcodes[rand() % 3] : wcodes[rand() % 4];
			save(f, team, form, period, code, rand() % 8 ? value : "", rand() % 2,
			     "2026-11-28");
		} else {
			const char *actions[] = {"return", "accept", "unlock", "accept"};
			reports_review(f->db, &f->cli, id, actions[op % 4], "kiểm tra", &fe);
		}
	}
	assert_int_equal(reports_check(f->db, stderr), 0);
	/* and progress reads the same totals */
	struct progress_item *items;
	int n, nm;
	struct completeness c;
	struct missing_team *missing;
	struct period p;
	period_parse("2026-11", &p);
	assert_int_equal(progress_get(f->db, &f->a, &f->cli, f->ls, &p, at("2026-11-28"), &items,
				      &n, &c, &missing, &nm),
			 RES_OK);
	for (int i = 0; i < n; i++) {
		if (strcmp(items[i].ind->code, "DVC_GUIDED") != 0)
			continue;
		struct db_stmt *st = db_prepare(
		    f->db, "SELECT coalesce(sum(v.value), 0) FROM report r JOIN report_value v"
			   " ON v.report_id = r.id JOIN indicator i ON i.id = v.indicator_id"
			   " WHERE i.code = 'DVC_GUIDED' AND r.status IN ('submitted', 'accepted')"
			   " AND r.period BETWEEN '2026W45' AND '2026W48'");
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(items[i].actual, db_col_int(st, 0));
		db_done(st);
	}
}

static void targets_progress_and_completeness(void **state)
{
	struct fx *f = *state;
	struct field_errors fe = {0};
	const char *codes[] = {"DVC_GUIDED"}, *v100[] = {"100"}, *v60[] = {"60"}, *v30[] = {"30"};
	assert_int_equal(targets_set(f->db, &f->cli, f->ls, "2026-11", codes, v100, 1, &fe),
			 RES_OK);
	assert_int_equal(targets_set(f->db, &f->cli, f->dd, "2026-11", codes, v60, 1, &fe), RES_OK);
	assert_int_equal(targets_set(f->db, &f->cli, f->dk, "2026-11", codes, v30, 1, &fe), RES_OK);
	assert_int_equal(targets_set(f->db, &f->cli, f->dd, "2026W48", codes, v30, 1, &fe),
			 RES_INVALID);
	/* a commune officer sets the targets of its villages, not its own */
	struct user com = {.id = 0, .role = "commune", .scope = f->dd};
	fe.n = 0;
	assert_int_equal(targets_set(f->db, &com, f->dd, "2026-11", codes, v30, 1, &fe),
			 RES_FORBIDDEN);
	assert_int_equal(targets_set(f->db, &com, f->dk, "2026-11", codes, v30, 1, &fe),
			 RES_NOT_FOUND);

	save(f, f->teams[0], &f->weekly, "2026W45", "DVC_GUIDED", "25", 1, "2026-11-10");
	save(f, f->teams[0], &f->weekly, "2026W46", "DVC_GUIDED", "20", 1, "2026-11-17");
	save(f, f->teams[2], &f->weekly, "2026W46", "DVC_GUIDED", "5", 1, "2026-11-30");
	struct progress_item *items;
	int n, nm;
	struct completeness c;
	struct missing_team *missing;
	struct period p;
	period_parse("2026-11", &p);
	assert_int_equal(progress_get(f->db, &f->a, &f->cli, f->ls, &p, at("2026-11-28"), &items,
				      &n, &c, &missing, &nm),
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
	long long village = 0;
	struct db_stmt *st = db_prepare(f->db, "SELECT unit_id FROM team WHERE id = 1");
	db_step(st);
	village = db_col_int(st, 0);
	db_done(st);
	assert_int_equal(progress_get(f->db, &f->a, &f->cli, village, &p, at("2026-11-28"), &items,
				      &n, &c, &missing, &nm),
			 RES_OK);
	assert_int_equal(items[0].actual, 45);
	/* one week: a week has no target, and the missing teams are listed */
	period_parse("2026W46", &p);
	assert_int_equal(progress_get(f->db, &f->a, &f->cli, f->dd, &p, at("2026-11-28"), &items,
				      &n, &c, &missing, &nm),
			 RES_OK);
	assert_int_equal(items[0].target, -1);
	assert_int_equal(c.expected, 2);
	assert_int_equal(nm, 1);
	assert_string_equal(missing[0].village, "Thôn B");
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

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(life_cycle_revisions_and_rollups, setup, teardown),
	    cmocka_unit_test_setup_teardown(bad_values_name_the_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(property_random_work_keeps_rollups_exact, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(targets_progress_and_completeness, setup, teardown),
	    cmocka_unit_test_setup_teardown(difficulties_escalate_to_the_ministry, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
