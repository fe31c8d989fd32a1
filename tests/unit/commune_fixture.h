/* commune_fixture.h: a fresh database (testdb.h) with the official units
 * of Lạng Sơn and two villages in Xã Đồng Đăng (06184), for the tests of
 * teams and what hangs on them. */
#ifndef LANGSO_COMMUNE_FIXTURE_H
#define LANGSO_COMMUNE_FIXTURE_H
#include "testdb.h"
#include "core/units.h"

struct fx {
	struct db *db;
	struct user cli;
	long long dd, v1, v2; /* the commune; Bản Khuổi Phục, Thôn Nà Lầu */
};

static int setup(void **state)
{
	static struct fx f;
	char err[256];
	f.db = test_db_open();
	assert_int_equal(db_migrate(f.db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(f.db, NULL, "20", &st), RES_OK);
	f.cli = accounts_cli_actor(f.db);
	f.dd = units_find(f.db, "commune", "06184");
	struct arena a = ARENA_INIT;
	struct import_result r;
	const char *csv = "commune_code,village\n06184,Thôn Nà Lầu\n06184,Bản Khuổi Phục\n";
	assert_int_equal(villages_import_csv(f.db, &a, &f.cli, csv, strlen(csv), &r), RES_OK);
	struct unit_query q = {.parent = f.dd};
	struct unit_page p;
	assert_int_equal(units_list(f.db, &a, &q, &p), RES_OK);
	f.v1 = p.items[0].id; /* Bản Khuổi Phục (sorted by name) */
	f.v2 = p.items[1].id; /* Thôn Nà Lầu */
	arena_release(&a);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	db_close(((struct fx *)*state)->db);
	return 0;
}

#endif
