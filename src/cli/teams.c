/* teams.c: langso import teams, langso export teams, langso enterprise add.
 * The same core functions as the upload page and the download buttons. */
#include "cli/cli.h"
#include "core/enterprises.h"
#include "core/reports.h"
#include "core/rollup.h"
#include "core/roster.h"
#include "core/units.h"
#include "export/roster_file.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_import_teams(int argc, char **argv)
{
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "teams", &data, &db);
	if (failed)
		return failed;
	const char *file = cli_positional(argc, argv, 0);
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	int teams;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = roster_import_csv(db, &a, &cli, buf_cstr(&data), data.len, r, &teams);
	if (rc == RES_INVALID)
		cli_print_import_errors(file, r);
	else if (rc == RES_OK)
		printf("%d rows: %d teams and %d members added (%.0f ms)\n", r->rows, teams,
		       r->added, ms_since(&t0));
	else
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_export_teams(int argc, char **argv)
{
	const char *code = cli_opt(argc, argv, "--unit"), *format = cli_opt(argc, argv, "--format");
	const char *out = cli_opt(argc, argv, "-o");
	if (!code || !out) {
		fprintf(stderr, "langso: export teams needs --unit CODE and -o FILE\n");
		return 2;
	}
	int xlsx = !format || strcmp(format, "xlsx") == 0;
	if (format && !xlsx && strcmp(format, "csv") != 0) {
		fprintf(stderr, "langso: --format is xlsx or csv\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	long long unit = units_resolve(db, code);
	struct arena a = ARENA_INIT;
	struct roster ro;
	int rc = 1;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum lang lang = cli_lang();
	if (!unit || roster_load(db, &a, &cli, unit, &ro) != RES_OK) {
		fprintf(stderr, "langso: no unit %s\n", code);
	} else if (xlsx) {
		rc = roster_xlsx(&ro, lang, out) == 0 ? 0 : 1;
	} else {
		struct buf b = BUF_INIT;
		roster_csv(&ro, lang, &b);
		FILE *f = fopen(out, "wb");
		rc = !f || fwrite(b.data, 1, b.len, f) != b.len;
		if (f && fclose(f) != 0)
			rc = 1;
		buf_release(&b);
	}
	if (rc == 0)
		printf("%s: %d members of %s (%.0f ms)\n", out, ro.n, ro.unit_name, ms_since(&t0));
	else if (unit)
		fprintf(stderr, "langso: cannot write %s\n", out);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_enterprise_add(int argc, char **argv)
{
	struct enterprise_input in = {
	    .name = cli_opt(argc, argv, "--name"),
	    .kind = cli_opt(argc, argv, "--kind"),
	    .contact_name = cli_opt(argc, argv, "--contact"),
	    .contact_phone = cli_opt(argc, argv, "--phone"),
	    .contact_email = cli_opt(argc, argv, "--email"),
	    .communes = cli_opt(argc, argv, "--communes"),
	};
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct field_errors fe = {0};
	long long id;
	struct arena a = ARENA_INIT;
	int rc = enterprises_create(db, &a, &cli, &in, &fe, &id);
	enum lang lang = cli_lang();
	for (int i = 0; i < fe.n; i++) {
		struct buf b = BUF_INIT;
		i18n_fill(&b, lang, fe.e[i].msgid, fe.e[i].arg);
		fprintf(stderr, "langso: --%s: %s\n", fe.e[i].field, buf_cstr(&b));
		buf_release(&b);
	}
	arena_release(&a);
	if (rc == RES_OK)
		printf("enterprise %s added (id %lld)\n", in.name, id);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_check(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* at national scale its groupings outgrow memory */
	long long diffs = db_spill(db) == DB_OK ? rollup_check(db, stderr) : -1;
	db_close(db);
	if (diffs < 0) {
		fprintf(stderr, "langso: the check failed\n");
		return 1;
	}
	printf("roll-ups (flows, stocks, reports received, teams expected) checked against"
	       " the raw rows: %lld difference%s (%.0f ms)\n",
	       diffs, diffs == 1 ? "" : "s", ms_since(&t0));
	return diffs ? 1 : 0;
}
