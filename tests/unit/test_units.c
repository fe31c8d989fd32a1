/* test_units.c: the unit store: migrations, the official import, the
 * closure table, search, and the all-or-nothing village import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "db/db.h"
#include "testdb.h"
#include "util/buf.h"
#include "util/text.h"

static long long count(struct db *db, const char *level)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM unit WHERE level = :l"
					    " AND valid_to IS NULL");
	db_bind_text(st, ":l", level);
	assert_int_equal(db_step(st), DB_ROW);
	long long n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static long long scalar(struct db *db, const char *sql_literal_unused, long long id)
{
	(void)sql_literal_unused;
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM unit_tree WHERE unit_id = :id");
	db_bind_int(st, ":id", id);
	assert_int_equal(db_step(st), DB_ROW);
	long long n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static int setup(void **state)
{
	char err[256];
	struct db *db = test_db_open();
	assert_non_null(db);
	assert_int_equal(db_migrate(db, err, sizeof err), 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

static void migrations_refuse_a_newer_database(void **state)
{
	struct db *db = *state;
	char err[256];
	assert_int_equal(db_migrate(db, err, sizeof err), 0); /* again: nothing to do */
	assert_int_equal(db->ops->set_version(db, 999), DB_OK);
	assert_int_equal(db_migrate(db, err, sizeof err), -1);
	assert_non_null(strstr(err, "newer"));
}

static void official_import_is_complete_and_idempotent(void **state)
{
	struct db *db = *state;
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, "20", &st), RES_OK);
	assert_int_equal(st.provinces_added, 1);
	assert_int_equal(st.communes_added, 65); /* Lạng Sơn */
	assert_int_equal(units_import_official(db, NULL, NULL, &st), RES_OK);
	assert_int_equal(st.provinces_added, 33);
	assert_int_equal(st.communes_added, 3321 - 65);
	assert_int_equal(st.unchanged, 66);
	assert_int_equal(count(db, "province"), 34);
	assert_int_equal(count(db, "commune"), 3321);
	assert_int_equal(units_import_official(db, NULL, NULL, &st), RES_OK);
	assert_int_equal(st.provinces_added + st.communes_added + st.updated, 0);
	assert_int_equal(st.unchanged, 34 + 3321);
	assert_int_equal(units_import_official(db, NULL, "99", &st), RES_NOT_FOUND);

	/* a commune has three closure rows: nation, province, itself */
	long long dd = units_find(db, "commune", "06184");
	assert_true(dd > 0);
	assert_int_equal(scalar(db, NULL, dd), 3);
	struct arena a = ARENA_INIT;
	struct unit *up, self;
	int n;
	assert_int_equal(units_lineage(db, &a, dd, &self, &up, &n), RES_OK);
	assert_int_equal(n, 2);
	assert_string_equal(up[0].level, "nation");
	assert_string_equal(up[1].name, "Lạng Sơn");
	assert_string_equal(self.name, "Xã Đồng Đăng");
	assert_int_equal(self.children, 0);
	assert_int_equal(units_lineage(db, &a, 987654321, &self, &up, &n), RES_NOT_FOUND);
	struct unit u;
	assert_int_equal(units_get(db, &a, dd, &u), RES_OK);
	assert_string_equal(u.name, "Xã Đồng Đăng");
	assert_string_equal(u.kind, "Xã");
	assert_int_equal(units_get(db, &a, 987654321, &u), RES_NOT_FOUND);
	arena_release(&a);
}

static void search_ignores_accents_and_pages(void **state)
{
	struct db *db = *state;
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, NULL, &st), RES_OK);
	struct arena a = ARENA_INIT;
	struct unit_page p;
	struct unit_query q = {.q = "dong dang", .limit = 10};
	assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.items[0].name, "Xã Đồng Đăng");
	q = (struct unit_query){.q = "ĐẮK LẮK", .level = "province", .limit = 10};
	assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.items[0].name, "Đắk Lắk");
	/* LIKE wildcards in the query are literal */
	q = (struct unit_query){.q = "%", .limit = 10};
	assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
	assert_int_equal(p.n, 0);

	/* all communes of the nation, 200 a page, each once */
	q = (struct unit_query){.level = "commune", .limit = 200};
	int total = 0, pages = 0;
	long long last_seen = 0;
	do {
		assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
		total += p.n;
		pages++;
		assert_true(p.n <= 200);
		assert_true(p.items[0].id != last_seen);
		last_seen = p.items[p.n - 1].id;
		q.after = p.next;
	} while (q.after);
	assert_int_equal(total, 3321);
	assert_int_equal(pages, 17);
	arena_release(&a);
}

static void villages_import_good_file(void **state)
{
	struct db *db = *state;
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, "20", &st), RES_OK);
	struct arena a = ARENA_INIT;
	struct import_result r;
	const char *csv = "\xEF\xBB\xBFMã xã;Tên thôn/tổ dân phố;Mã thôn (nếu có);Loại\r\n"
			  "06184;Thôn Nà Lầu;;Thôn\r\n"
			  "06184;Khuổi Phục;KP-1;bản\r\n"
			  "05977;Tổ dân phố Số 3;;\r\n";
	long long root = units_root(db);
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_OK);
	assert_int_equal(r.added, 3);
	assert_int_equal(count(db, "village"), 3);
	/* again: nothing new */
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_OK);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.unchanged, 3);

	struct unit_page p;
	struct unit_query q = {.q = "khuoi phuc"};
	assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.items[0].kind, "Bản");
	assert_string_equal(p.items[0].code, "KP-1");
	q = (struct unit_query){.q = "so 3"};
	assert_int_equal(units_list(db, &a, &q, &p), RES_OK);
	assert_string_equal(p.items[0].kind, "Tổ dân phố");
	assert_int_equal(scalar(db, NULL, p.items[0].id), 4);
	arena_release(&a);
}

static void villages_import_bad_file_changes_nothing(void **state)
{
	struct db *db = *state;
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, "20", &st), RES_OK);
	assert_int_equal(units_import_official(db, NULL, "04", &st), RES_OK);
	struct arena a = ARENA_INIT;
	struct import_result r;
	const char *csv = "commune_code,village,village_code,kind\n"
			  "06184,Thôn Một,,\n"
			  "99999,Thôn Hai,,\n"	   /* line 3: no such commune */
			  "06184,,,\n"		   /* line 4: no name */
			  "06184,Thôn Ba,a b,\n"   /* line 5: bad code */
			  "06184,Thôn Bốn,,Quận\n" /* line 6: bad kind */
			  "06184,THÔN MỘT,,\n";	   /* line 7: twice */
	long long root = units_root(db);
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_INVALID);
	assert_int_equal(r.nerrors, 5);
	assert_int_equal(r.errors[0].line, 3);
	assert_int_equal(r.errors[0].col, 1);
	assert_string_equal(r.errors[0].column, "commune_code");
	assert_string_equal(r.errors[0].arg, "99999");
	assert_int_equal(r.errors[1].line, 4);
	assert_int_equal(r.errors[1].col, 2);
	assert_int_equal(r.errors[2].line, 5);
	assert_int_equal(r.errors[2].col, 3);
	assert_int_equal(r.errors[3].line, 6);
	assert_int_equal(r.errors[3].col, 4);
	assert_int_equal(r.errors[4].line, 7);
	assert_int_equal(count(db, "village"), 0);

	/* a commune outside the importer's scope is refused like a missing one */
	long long cao_bang = units_find(db, "province", "04");
	csv = "commune_code,village\n06184,Thôn Năm\n";
	assert_int_equal(villages_import_csv(db, &a,
					     &(struct user){.role = "admin", .scope = cao_bang},
					     csv, strlen(csv), &r),
			 RES_INVALID);
	assert_string_equal(r.errors[0].msgid, "no commune with code %s in your area");
	assert_int_equal(count(db, "village"), 0);

	csv = "foo,bar\n1,2\n";
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_INVALID);
	assert_int_equal(r.nerrors, 2);
	assert_int_equal(r.errors[0].line, 1);
	csv = "commune_code;village\n06184;\"Thôn\n";
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_INVALID);
	assert_int_equal(r.errors[0].line, 2);
	assert_int_equal(count(db, "village"), 0);
	arena_release(&a);
}

/* The embedded list against the reference list of 25 Jul 2026 from
 * ../shared/data: same codes and names; only a few kinds changed since. */
static void official_list_matches_reference(void **state)
{
	struct db *db = *state;
	const char *shared = getenv("LANGSO_SHARED");
	char path[1024];
	snprintf(path, sizeof path, "%s/data/units/communes-2026-07-25.csv", shared ? shared : "");
	FILE *f = shared ? fopen(path, "r") : NULL;
	if (!f) {
		printf("skipped: %s not found (the reference data lives in ../shared)\n", path);
		skip();
	}
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, NULL, &st), RES_OK);
	char line[512];
	int rows = 0, missing = 0, renamed = 0;
	struct arena a = ARENA_INIT;
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		char *fields[5];
		char *p = line;
		for (int i = 0; i < 5; i++) {
			fields[i] = p;
			p = strpbrk(p, ",\r\n");
			if (p)
				*p++ = '\0';
			else
				p = "";
		}
		rows++;
		long long id = units_find(db, "commune", fields[2]);
		if (!id) {
			missing++;
			continue;
		}
		struct unit u;
		assert_int_equal(units_get(db, &a, id, &u), RES_OK);
		/* Sources place tone marks differently ("Hòa" / "Hoà"): both are
		 * NFC, so names are compared by their search fold. */
		struct buf x = BUF_INIT, y = BUF_INIT;
		text_fold(&x, u.name);
		text_fold(&y, fields[3]);
		if (strcmp(buf_cstr(&x), buf_cstr(&y)) != 0)
			renamed++;
		buf_release(&x);
		buf_release(&y);
	}
	fclose(f);
	arena_release(&a);
	assert_int_equal(rows, 3321);
	/* two communes carry a new code in the 2026 list (Xã Ba Chẽ 06970 → 06978,
	 * Xã Ia Mơ 23737 → 23938): the package is a year older */
	assert_true(missing <= 2);
	/* ten communes became wards between the package (2025) and this list */
	assert_true(renamed <= 10);
	printf("reference: %d communes, %d with another code, %d named differently\n", rows,
	       missing, renamed);
}

/* A unit a person names: by name with or without accents and kind, by
 * code or #id, inside the area only; two of one name need their commune. */
static void units_picked_by_name(void **state)
{
	struct db *db = *state;
	struct official_stats st;
	assert_int_equal(units_import_official(db, NULL, "20", &st), RES_OK);
	assert_int_equal(units_import_official(db, NULL, "04", &st), RES_OK);
	struct arena a = ARENA_INIT;
	struct import_result r;
	const char *csv = "commune_code;village\n06184;Thôn Nà Lầu\n05977;Thôn Nà Lầu\n"
			  "06184;Bản Khuổi Phục\n";
	long long root = units_root(db);
	assert_int_equal(villages_import_csv(db, &a, &(struct user){.role = "admin", .scope = root},
					     csv, strlen(csv), &r),
			 RES_OK);
	long long ls = units_find(db, "province", "20"), dd = units_find(db, "commune", "06184");
	struct unit_choice *c;
	int n;
	assert_int_equal(units_pick(db, &a, ls, "dong dang", &c, &n), dd);
	assert_int_equal(units_pick(db, &a, ls, "Xã Đồng Đăng", &c, &n), dd);
	assert_int_equal(units_pick(db, &a, ls, "  XA   dong DANG ", &c, &n), dd);
	assert_int_equal(units_pick(db, &a, ls, "06184", &c, &n), dd);
	assert_int_equal(units_pick(db, &a, root, "dong dang", &c, &n), dd);
	/* outside the area: nothing, whatever the spelling */
	long long cb = units_find(db, "province", "04");
	assert_int_equal(units_pick(db, &a, cb, "dong dang", &c, &n), 0);
	assert_int_equal(units_pick(db, &a, cb, "06184", &c, &n), 0);
	assert_int_equal(units_pick(db, &a, cb, "#1", &c, &n), 0);
	/* two villages of one name: both offered, the commune decides */
	assert_int_equal(units_pick(db, &a, ls, "thon na lau", &c, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].name, "Thôn Nà Lầu");
	long long v = units_pick(db, &a, ls, "Thôn Nà Lầu \xE2\x80\x94 Xã Đồng Đăng", &c, &n);
	assert_true(v > 0);
	struct unit u;
	assert_int_equal(units_get(db, &a, v, &u), RES_OK);
	assert_int_equal(u.parent_id, dd);
	assert_int_equal(units_pick(db, &a, dd, "na lau", &c, &n), v); /* one in the commune */
	assert_int_equal(units_pick(db, &a, ls, "no such place", &c, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(units_pick(db, &a, ls, "", &c, &n), 0);
	/* choices: a commune's villages; a province's are too many to offer */
	assert_int_equal(units_choices(db, &a, dd, "village", 400, &c, &n), RES_OK);
	assert_int_equal(n, 2);
	assert_int_equal(units_choices(db, &a, ls, NULL, 10, &c, &n), RES_OK);
	assert_int_equal(n, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(migrations_refuse_a_newer_database, setup, teardown),
	    cmocka_unit_test_setup_teardown(official_import_is_complete_and_idempotent, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(search_ignores_accents_and_pages, setup, teardown),
	    cmocka_unit_test_setup_teardown(units_picked_by_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(villages_import_good_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(villages_import_bad_file_changes_nothing, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(official_list_matches_reference, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
