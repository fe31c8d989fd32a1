/* test_reorg.c: units over time. The cut of a reorganisation against a
 * brute force over every day of 2000-2099 (the first week and month that
 * begin on or after it); a newer list's differences on hostile spellings
 * (tone-mark placement, case, apostrophes) and real changes; a code looked
 * up on the days before and after it changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/reorg.h"
#include "core/units_diff.h"
#include "testdb.h"
#include "util/buf.h"

/* Every day of 2000-2099: the cut is the first period that begins on or
 * after the day (its first day >= day, the one before begins before it). */
static void cut_is_the_first_period_beginning_on_or_after(void **state)
{
	(void)state;
	static const enum period_kind kinds[] = {PERIOD_WEEK, PERIOD_MONTH};
	char day[11] = "2000-01-03", next[11];
	long days = 0;
	while (strcmp(day, "2099-12-01") < 0) {
		for (int k = 0; k < 2; k++) {
			char key[PERIOD_TEXT], first[11], last[11];
			struct period p;
			reorg_cut_key(day, kinds[k], key);
			assert_int_equal(period_parse(key, &p), 0);
			assert_int_equal(p.kind, kinds[k]);
			period_days(&p, first, last);
			assert_true(strcmp(first, day) >= 0);
			period_step(&p, -1);
			period_days(&p, first, last);
			assert_true(strcmp(first, day) < 0);
		}
		period_date_add(day, 1, next);
		memcpy(day, next, sizeof day);
		days++;
	}
	assert_true(days > 36000);
	char key[PERIOD_TEXT];
	reorg_cut_key("2025-07-01", PERIOD_WEEK, key); /* a Tuesday */
	assert_string_equal(key, "2025W28");
	reorg_cut_key("2025-07-01", PERIOD_MONTH, key);
	assert_string_equal(key, "2025-07");
	reorg_cut_key("2026-01-01", PERIOD_WEEK, key); /* week 1 began on 29/12 */
	assert_string_equal(key, "2026W02");
}

static int setup(void **state)
{
	char err[256];
	struct db *db = test_db_open();
	assert_non_null(db);
	assert_int_equal(db_migrate(db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, "20", &st), RES_OK);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

/* Today's list of Lạng Sơn written another way, and changed: the same
 * names in other spellings are no change; a kind, a name, a code, a new
 * commune and one gone are found, each once. */
static void a_newer_list_finds_real_changes_only(void **state)
{
	struct db *db = *state;
	struct arena a = ARENA_INIT;
	struct db_stmt *st = db_prepare(
	    db, "SELECT code, name, kind FROM unit WHERE level = 'commune' AND valid_to IS NULL"
		" ORDER BY code");
	struct buf csv = BUF_INIT;
	buf_puts(&csv, "province_code,province_name,commune_code,commune_name,kind\r\n");
	int rows = 0;
	while (db_step(st) == DB_ROW) {
		const char *code = db_col_text(st, 0), *name = db_col_text(st, 1),
			   *kind = db_col_text(st, 2);
		rows++;
		if (strcmp(code, "06184") == 0) /* a commune made a ward */
			buf_printf(&csv, "20,Tỉnh Lạng Sơn,%s,Phường Đồng Đăng,Phường\r\n", code);
		else if (strcmp(code, "06148") == 0) /* Thụy Hùng: another spelling only */
			buf_printf(&csv, "20,Tỉnh Lạng Sơn,%s,xã Thuỵ Hùng,xã\r\n", code);
		else if (strcmp(code, "06076") == 0) /* renamed */
			buf_printf(&csv, "20,Tỉnh Lạng Sơn,%s,Xã Quý Hòa Mới,Xã\r\n", code);
		else if (strcmp(code, "06085") == 0) /* another code */
			buf_printf(&csv, "20,Tỉnh Lạng Sơn,06999,%s,%s\r\n", name, kind);
		else if (strcmp(code, "06325") != 0) /* 06325 is gone */
			buf_printf(&csv, "20,Tỉnh Lạng Sơn,%s,\"%s\",%s\r\n", code, name, kind);
	}
	db_done(st);
	buf_puts(&csv, "20,Tỉnh Lạng Sơn,06998,Xã Mới Lập,Xã\r\n");
	struct import_result *r = arena_alloc(&a, sizeof *r);
	memset(r, 0, sizeof *r);
	struct unit_diff *d;
	int n;
	assert_int_equal(units_diff(db, &a, csv.data, csv.len, &d, &n, r), RES_OK);
	assert_int_equal(r->rows, rows);
	unsigned seen = 0;
	for (int i = 0; i < n; i++) {
		if (d[i].changes == DIFF_KIND)
			assert_string_equal(d[i].code, "06184");
		else if (d[i].changes == DIFF_NAME)
			assert_string_equal(d[i].code, "06076");
		else if (d[i].changes == DIFF_CODE)
			assert_string_equal(d[i].old_code, "06085");
		else if (d[i].changes == DIFF_NEW)
			assert_string_equal(d[i].code, "06998");
		else if (d[i].changes == DIFF_CLOSED)
			assert_string_equal(d[i].code, "06325");
		else
			fail_msg("unexpected change %u of %s", d[i].changes, d[i].code);
		assert_false(seen & d[i].changes);
		seen |= d[i].changes;
	}
	assert_int_equal(n, 5);
	/* recorded: the code of each day finds the same unit */
	long long moved = units_find(db, "commune", "06085");
	memset(r, 0, sizeof *r);
	struct user admin = {.role = "admin", .scope = units_root(db)};
	assert_int_equal(
	    units_apply_list(db, &a, &admin, csv.data, csv.len, "2026-07-01", &d, &n, r), RES_OK);
	assert_int_equal(units_find_at(db, "commune", "06085", "2026-06-30"), moved);
	assert_int_equal(units_find_at(db, "commune", "06999", "2026-07-01"), moved);
	assert_int_equal(units_find_at(db, "commune", "06085", "2026-07-01"), 0);
	assert_int_equal(units_find_at(db, "commune", "06999", "2026-06-30"), 0);
	assert_int_equal(units_find_at(db, "commune", "06998", "2026-06-30"), 0);
	assert_true(units_find_at(db, "commune", "06998", "2026-07-01") > 0);
	assert_int_equal(units_find(db, "commune", "06325"), 0); /* closed */
	memset(r, 0, sizeof *r);
	assert_int_equal(units_diff(db, &a, csv.data, csv.len, &d, &n, r), RES_OK);
	assert_int_equal(n, 0);
	buf_release(&csv);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cut_is_the_first_period_beginning_on_or_after),
	    cmocka_unit_test_setup_teardown(a_newer_list_finds_real_changes_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
