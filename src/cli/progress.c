/* progress.c: langso export progress: what goes up for a unit and a
 * period, as the XLSX workbook of the page's download. */
#include "cli/cli.h"
#include "core/summary.h"
#include "export/progress_file.h"
#include <stdio.h>
#include <time.h>

int cmd_export_progress(int argc, char **argv)
{
	const char *code = cli_opt(argc, argv, "--unit"), *period = cli_opt(argc, argv, "--period");
	const char *out = cli_opt(argc, argv, "-o");
	if (!code || !period || !out) {
		fprintf(stderr,
			"langso: export progress needs --unit CODE --period P and -o FILE\n");
		return 2;
	}
	struct period p;
	if (period_read(period, &p) != 0) {
		fprintf(stderr,
			"langso: --period: %s is not a period (2026W48, 2026-11, 2026Q4, 2026)\n",
			period);
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	long long unit = units_resolve(db, code);
	struct arena a = ARENA_INIT;
	struct summary s;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = 1;
	if (!unit || summary_get(db, &a, &cli, unit, &p, time(NULL), &s) != RES_OK)
		fprintf(stderr, "langso: no unit %s\n", code);
	else if (progress_xlsx(&s, cli_lang(), out) != 0)
		fprintf(stderr, "langso: cannot write %s\n", out);
	else
		rc = 0;
	if (rc == 0)
		printf("%s: %s, %d units below, %d teams missing, %d open difficulties (%.0f ms)\n",
		       out, s.unit.name, s.nrows, s.nmissing, s.ndifficulties, ms_since(&t0));
	arena_release(&a);
	db_close(db);
	return rc;
}
