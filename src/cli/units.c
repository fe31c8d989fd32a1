/* units.c: langso units import-official, langso units list,
 * langso import villages. */
#include "cli/cli.h"
#include "core/result.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_units_import_official(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	const char *province = cli_opt(argc, argv, "--province");
	struct official_stats st;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct user cli = accounts_cli_actor(db);
	int rc = units_import_official(db, &cli, province, &st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	db_close(db);
	if (rc == RES_NOT_FOUND) {
		fprintf(stderr, "langso: no province with code %s in the official list\n",
			province);
		return 1;
	}
	if (rc != RES_OK) {
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
		return 1;
	}
	printf("provinces added %d, communes added %d, updated %d, unchanged %d (%.0f ms)\n",
	       st.provinces_added, st.communes_added, st.updated, st.unchanged,
	       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	return 0;
}

int cmd_units_list(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct arena a = ARENA_INIT;
	struct unit_query q = {.limit = UNITS_PAGE_MAX};
	const char *parent = cli_opt(argc, argv, "--parent");
	if (parent)
		q.parent = strtoll(parent, NULL, 10);
	q.q = cli_positional(argc, argv, 0);
	int rc = 0;
	do {
		struct unit_page page;
		if (units_list(db, &a, &q, &page) != RES_OK) {
			rc = 1;
			break;
		}
		for (int i = 0; i < page.n; i++)
			printf("%lld\t%s\t%s\t%s\t%lld\n", page.items[i].id, page.items[i].level,
			       page.items[i].code, page.items[i].name, page.items[i].children);
		q.after = page.next;
	} while (q.after);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_import_villages(int argc, char **argv)
{
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "villages", &data, &db);
	if (failed)
		return failed;
	const char *file = cli_positional(argc, argv, 0);
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	const char *at = cli_opt(argc, argv, "--at");
	char day[11];
	if (at && date_parse(at, day) != 0) {
		fprintf(stderr, "langso: --at needs a date (2025-05-01)\n");
		arena_release(&a);
		buf_release(&data);
		db_close(db);
		return 2;
	}
	int rc =
	    villages_import_csv_at(db, &a, &cli, buf_cstr(&data), data.len, at ? day : NULL, r);
	if (rc == RES_INVALID) {
		cli_print_import_errors(file, r);
	} else if (rc == RES_OK) {
		printf("%d rows: %d villages added, %d already present\n", r->rows, r->added,
		       r->unchanged);
	} else {
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
	}
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}
