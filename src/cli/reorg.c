/* reorg.c: langso units import-nso, units apply-conversion, units waiting,
 * units assign: units over time from the command line. */
#include "cli/cli.h"
#include "core/reorg.h"
#include "core/result.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The ISO date of option name (def when absent) into out: 0, or 2 with
 * the message printed. */
static int date_opt(int argc, char **argv, const char *name, const char *def, char out[11])
{
	const char *s = cli_opt(argc, argv, name);
	if (!s && def) {
		snprintf(out, 11, "%s", def);
		return 0;
	}
	if (!s || date_parse(s, out) != 0) {
		fprintf(stderr, "langso: %s needs a date (2025-07-01)\n", name);
		return 2;
	}
	return 0;
}

int cmd_units_import_nso(int argc, char **argv)
{
	char until[11];
	if (date_opt(argc, argv, "--until", REORG_NSO_UNTIL, until) != 0)
		return 2;
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "units import-nso", &data, &db);
	if (failed)
		return failed;
	const char *province = cli_opt(argc, argv, "--province");
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	memset(r, 0, sizeof *r);
	struct nso_stats st;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = reorg_import_nso(db, &a, &cli, buf_cstr(&data), data.len, until, province, &st, r);
	if (rc == RES_INVALID)
		cli_print_import_errors(cli_positional(argc, argv, 0), r);
	else if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: no province with code %s in the file\n", province);
	else if (rc == RES_OK)
		printf("valid until %s: provinces added %d, districts added %d, communes added %d,"
		       " already there %d (%.0f ms)\n",
		       until, st.provinces, st.districts, st.communes, st.unchanged, ms_since(&t0));
	else
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_units_apply_conversion(int argc, char **argv)
{
	char effective[11];
	if (date_opt(argc, argv, "--effective", NULL, effective) != 0)
		return 2;
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "units apply-conversion", &data, &db);
	if (failed)
		return failed;
	const char *decision = cli_opt(argc, argv, "--decision");
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	memset(r, 0, sizeof *r);
	struct conversion_stats st;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = reorg_apply_conversion(db, &a, &cli, buf_cstr(&data), data.len, effective,
					decision, &st, r);
	if (rc == RES_INVALID)
		cli_print_import_errors(cli_positional(argc, argv, 0), r);
	else if (rc == RES_OK)
		printf("%d rows from %s: %d links added, %d villages moved to their new commune,"
		       " %d villages of split communes waiting (langso units waiting);"
		       " %d rows of provinces not loaded, %d rows naming no unit (%.0f ms)\n",
		       st.rows, effective, st.linked, st.moved, st.waiting, st.not_loaded,
		       st.without_code, ms_since(&t0));
	else
		fprintf(stderr, "langso: the conversion failed; nothing was changed\n");
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_units_waiting(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	long long after = 0;
	int rc = 0;
	do {
		struct unassigned *v;
		int n;
		if (reorg_unassigned(db, &a, &cli, after, UNASSIGNED_PAGE_MAX, &v, &n, &after) !=
		    RES_OK) {
			rc = 1;
			break;
		}
		for (int i = 0; i < n; i++) {
			printf("%lld\t%s\t%s %s\t%d\t", v[i].village.id, v[i].village.name,
			       v[i].old.code, v[i].old.name, v[i].teams);
			for (int k = 0; k < v[i].nchoices; k++)
				printf("%s%s %s", k ? ", " : "", v[i].choices[k].unit.code,
				       v[i].choices[k].unit.name);
			printf("\n");
		}
	} while (after);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_units_assign(int argc, char **argv)
{
	const char *village = cli_positional(argc, argv, 0), *code = cli_positional(argc, argv, 1);
	if (!village || !code) {
		fprintf(stderr, "langso: units assign needs VILLAGE_ID COMMUNE_CODE\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	long long to = units_find(db, "commune", code);
	int rc = to ? reorg_assign(db, &cli, strtoll(village, NULL, 10), to) : RES_INVALID;
	if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: no village %s waiting for its new commune\n", village);
	else if (rc == RES_INVALID)
		fprintf(stderr, "langso: %s is not a successor of the village's old commune\n",
			code);
	else if (rc != RES_OK)
		fprintf(stderr, "langso: the move failed; nothing was changed\n");
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}
