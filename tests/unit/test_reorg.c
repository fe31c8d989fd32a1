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

#include "core/catalog.h"
#include "core/reorg.h"
#include "core/targets.h"
#include "core/units_diff.h"
#include "testdb.h"
#include "util/buf.h"
#include "util/date.h"

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

/* The targets of unit, as "period ind" → value, into v (n of them). */
struct tv {
	char period[PERIOD_TEXT];
	long long ind, value;
};
static int targets_of(struct db *db, long long unit, struct tv *v, int max)
{
	struct db_stmt *st = db_prepare(db, "SELECT period, indicator_id, value FROM target"
					    " WHERE unit_id = :u ORDER BY period, indicator_id");
	assert_non_null(st);
	db_bind_int(st, ":u", unit);
	memset(v, 0, (size_t)max * sizeof *v); /* compared as bytes */
	int n = 0;
	while (db_step(st) == DB_ROW) {
		assert_true(n < max);
		snprintf(v[n].period, sizeof v[n].period, "%s", db_col_text(st, 0));
		v[n].ind = db_col_int(st, 1);
		v[n].value = db_col_int(st, 2);
		n++;
	}
	db_done(st);
	return n;
}

static long long value_in(const struct tv *v, int n, const char *period, long long ind)
{
	for (int i = 0; i < n; i++)
		if (v[i].ind == ind && strcmp(v[i].period, period) == 0)
			return v[i].value;
	return -1;
}

/* Every target of successor is what it had plus round(share × old's),
 * recomputed here from the old unit's rows. */
static void assert_carried(const struct tv *old, int nold, const struct tv *before, int nbefore,
			   const struct tv *after, int nafter, int share)
{
	int expected = nbefore;
	for (int i = 0; i < nold; i++) {
		long long had = value_in(before, nbefore, old[i].period, old[i].ind);
		long long add = (old[i].value * share + 50) / 100;
		expected += had < 0;
		assert_int_equal(value_in(after, nafter, old[i].period, old[i].ind),
				 (had < 0 ? 0 : had) + add);
	}
	assert_int_equal(nafter, expected);
}

/* A closed commune's targets carried to its two successors in shares
 * (never more than all of them, never twice to one), added to what they
 * had, and taken back exactly, on real dates and hostile shares. */
static void targets_are_carried_in_shares_and_taken_back(void **state)
{
	struct db *db = *state;
	struct arena a = ARENA_INIT;
	struct user admin = {.id = 0, .role = "admin", .scope = units_root(db)};
	static const char nso[] =
	    "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh\r\n"
	    "Tỉnh Lạng Sơn,20,Huyện Cao Lộc,178,Thị trấn Đồng Đăng,06184,Thị trấn,\r\n"
	    "Tỉnh Lạng Sơn,20,Huyện Cao Lộc,178,Xã Bảo Lâm,06187,Xã,\r\n";
	struct nso_stats ns;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	memset(r, 0, sizeof *r);
	assert_int_equal(
	    reorg_import_nso(db, &a, &admin, nso, sizeof nso - 1, REORG_NSO_UNTIL, NULL, &ns, r),
	    RES_OK);
	long long old = units_find_at(db, "commune", "06184", "2025-05-01");
	long long other = units_find_at(db, "commune", "06187", "2025-05-01");
	long long nu1 = units_find(db, "commune", "06184"),
		  nu2 = units_find(db, "commune", "06148");
	assert_true(old > 0 && other > 0 && nu1 > 0 && nu2 > 0 && old != nu1);
	assert_int_equal(reorg_link(db, old, nu1, 1, "2025-07-01", "19/2025/QĐ-TTg", ""), 1);
	assert_int_equal(reorg_link(db, old, nu2, 1, "2025-07-01", "19/2025/QĐ-TTg", ""), 1);
	assert_int_equal(reorg_link(db, other, nu1, 0, "2025-07-01", "19/2025/QĐ-TTg", ""), 1);

	/* the old commune's targets: values that round both ways */
	struct indicator *inds;
	int ni;
	assert_int_equal(catalog_indicators(db, &a, nu1, &inds, &ni), RES_OK);
	assert_true(ni >= 4);
	static const char *const periods[] = {"2024", "2024Q4", "2025-03", "2025"};
	static const long long values[] = {0, 1, 3, 50, 99, 101, 7777, 100000000};
	int k = 0;
	for (int p = 0; p < 4; p++)
		for (int i = 0; i < 4; i++, k++) {
			struct db_stmt *st = db_prepare(
			    db, "INSERT INTO target(unit_id, indicator_id, period, value)"
				" VALUES (:u, :i, :p, :v)");
			assert_non_null(st);
			db_bind_int(st, ":u", old);
			db_bind_int(st, ":i", inds[i].id);
			db_bind_text(st, ":p", periods[p]);
			db_bind_int(st, ":v", values[k % 8]);
			assert_int_equal(db_run(st), DB_OK);
		}
	/* nu1 has a target of its own where one is carried */
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO target(unit_id, indicator_id, period, value)"
			   " VALUES (:u, :i, '2024', 10)");
	assert_non_null(st);
	db_bind_int(st, ":u", nu1);
	db_bind_int(st, ":i", inds[1].id);
	assert_int_equal(db_run(st), DB_OK);

	/* shares as people type them */
	static const struct {
		const char *in;
		int share;
	} typed[] = {{"50", 50}, {"", 100},  {NULL, 100}, {"100", 100},
		     {"1", 1},	 {"1x", 0},  {"0", 0},	  {"101", 0},
		     {"+5", 0},	 {" 5", 0},  {"-5", 0},	  {"5.5", 0},
		     {"٥", 0},	 {"1e2", 0}, {"0x10", 0}, {"99999999999999999999", 0}};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
		assert_int_equal(targets_share_parse(typed[i].in), typed[i].share);

	struct tv oldv[32], before[32], after[32], v2[32];
	int nold = targets_of(db, old, oldv, 32), nbefore = targets_of(db, nu1, before, 32);
	assert_int_equal(nold, 16);
	struct carry_stats cs;
	struct field_errors fe = {0};
	/* shares out of range; a unit that is no predecessor; one outside */
	static const int bad[] = {0, -5, 101, 1000};
	for (int i = 0; i < 4; i++) {
		memset(&fe, 0, sizeof fe);
		assert_int_equal(targets_carry(db, &a, &admin, old, nu1, bad[i], &cs, &fe),
				 RES_INVALID);
		assert_string_equal(fe.e[0].field, "percent");
	}
	assert_int_equal(targets_carry(db, &a, &admin, nu2, nu1, 100, &cs, &fe), RES_NOT_FOUND);
	struct user commune = {.id = 0, .role = "commune", .scope = nu2};
	assert_int_equal(targets_carry(db, &a, &commune, old, nu1, 100, &cs, &fe), RES_NOT_FOUND);
	assert_int_equal(targets_carry(db, &a, &commune, old, nu2, 100, &cs, &fe), RES_FORBIDDEN);
	memset(&fe, 0, sizeof fe); /* nothing to carry */
	assert_int_equal(targets_carry(db, &a, &admin, other, nu1, 100, &cs, &fe), RES_INVALID);
	assert_string_equal(fe.e[0].field, "from");
	assert_int_equal(targets_of(db, nu1, after, 32), nbefore); /* nothing changed */

	/* 60 % here, then at most 40 % there, never twice here */
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu1, 60, &cs, &fe), RES_OK);
	assert_int_equal(cs.targets, 16);
	int nafter = targets_of(db, nu1, after, 32);
	assert_carried(oldv, nold, before, nbefore, after, nafter, 60);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu2, 41, &cs, &fe), RES_INVALID);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu1, 10, &cs, &fe), RES_INVALID);
	assert_string_equal(fe.e[0].field, "from");
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu2, 40, &cs, &fe), RES_OK);
	assert_carried(oldv, nold, NULL, 0, v2, targets_of(db, nu2, v2, 32), 40);
	/* what is offered on nu1's page */
	struct carry_offer *of;
	int nof;
	assert_int_equal(targets_carry_offers(db, &a, &admin, nu1, &of, &nof), RES_OK);
	assert_int_equal(nof, 1); /* Bảo Lâm has no targets */
	assert_int_equal(of[0].old.id, old);
	assert_int_equal(of[0].percent, 60);
	assert_int_equal(of[0].left, 0);
	assert_int_equal(of[0].targets, 16);
	assert_int_equal(targets_carry_offers(db, &a, &commune, nu1, &of, &nof), RES_NOT_FOUND);
	assert_int_equal(targets_carry_offers(db, &a, &admin, nu1, &of, &nof), RES_OK);
	char today[11]; /* the day in Vietnam, not in UTC */
	date_today(today);
	assert_string_equal(of[0].carried_on, today);
	/* evening in UTC is the next morning in Vietnam */
	st = db_prepare(db, "UPDATE target_carry SET carried_at = '2026-11-29T18:30:00Z'"
			    " WHERE old_id = :o AND new_id = :n");
	assert_non_null(st);
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu1);
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(targets_carry_offers(db, &a, &admin, nu1, &of, &nof), RES_OK);
	assert_string_equal(of[0].carried_on, "2026-11-30");

	/* taken back: nu1 exactly as before; then carried again */
	assert_int_equal(targets_uncarry(db, &a, &admin, old, nu1, &cs), RES_OK);
	assert_int_equal(cs.targets, 16);
	nafter = targets_of(db, nu1, after, 32);
	assert_int_equal(nafter, nbefore);
	assert_memory_equal(after, before, (size_t)nbefore * sizeof *after);
	assert_int_equal(targets_uncarry(db, &a, &admin, old, nu1, &cs), RES_NOT_FOUND);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu1, 61, &cs, &fe), RES_INVALID);
	memset(&fe, 0, sizeof fe);
	assert_int_equal(targets_carry(db, &a, &admin, old, nu1, 60, &cs, &fe), RES_OK);
	assert_carried(oldv, nold, before, nbefore, after, targets_of(db, nu1, after, 32), 60);
	/* the old commune keeps its own */
	struct tv again[32];
	assert_int_equal(targets_of(db, old, again, 32), nold);
	assert_memory_equal(again, oldv, (size_t)nold * sizeof *again);
	/* in the audit trail: three carries and one taken back */
	st = db_prepare(db, "SELECT count(*), sum(CASE WHEN action = 'uncarry' THEN 1 ELSE 0 END)"
			    " FROM audit WHERE entity = 'target'");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 4);
	assert_int_equal(db_col_int(st, 1), 1);
	db_done(st);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cut_is_the_first_period_beginning_on_or_after),
	    cmocka_unit_test_setup_teardown(a_newer_list_finds_real_changes_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(targets_are_carried_in_shares_and_taken_back, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
