/* trainings.c: langso import attendance, langso export trainings, langso
 * export coverage: the same core functions as the pages. */
#include "cli/cli.h"
#include "core/catalog.h"
#include "core/coverage.h"
#include "core/trainings.h"
#include "core/units.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/escape.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_import_attendance(int argc, char **argv)
{
	const char *training = cli_opt(argc, argv, "--training");
	long long id = training ? strtoll(training, NULL, 10) : 0;
	if (id <= 0) {
		fprintf(stderr, "langso: import attendance needs --training ID\n");
		return 2;
	}
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "attendance", &data, &db);
	if (failed)
		return failed;
	const char *file = cli_positional(argc, argv, 0);
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = trainings_attendance_import(db, &a, &cli, id, buf_cstr(&data), data.len, r);
	if (rc == RES_INVALID)
		cli_print_import_errors(file, r);
	else if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: no training %lld\n", id);
	else if (rc == RES_OK)
		printf("%d rows: the attendance of %d members recorded (%.0f ms)\n", r->rows,
		       r->added, ms_since(&t0));
	else
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_import_trainings(int argc, char **argv)
{
	struct buf data = BUF_INIT;
	struct db *db;
	int failed = cli_import_open(argc, argv, "trainings", &data, &db);
	if (failed)
		return failed;
	const char *file = cli_positional(argc, argv, 0);
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct import_result *r = arena_alloc(&a, sizeof *r);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = trainings_import(db, &a, &cli, buf_cstr(&data), data.len, r);
	if (rc == RES_INVALID)
		cli_print_import_errors(file, r);
	else if (rc == RES_OK)
		printf("%d rows: %d trainings added, %d already there (%.0f ms)\n", r->rows,
		       r->added, r->unchanged, ms_since(&t0));
	else
		fprintf(stderr, "langso: the import failed; nothing was changed\n");
	arena_release(&a);
	buf_release(&data);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

/* Write out to the file -o names, or to stdout. 0, or 1 (printed). */
static int write_out(int argc, char **argv, const struct buf *out)
{
	const char *path = cli_opt(argc, argv, "-o");
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f || fwrite(out->data, 1, out->len, f) != out->len || (path && fclose(f) != 0)) {
		fprintf(stderr, "langso: cannot write %s\n", path ? path : "the output");
		return 1;
	}
	return 0;
}

int cmd_export_trainings(int argc, char **argv)
{
	const char *code = cli_opt(argc, argv, "--unit");
	if (!code) {
		fprintf(stderr, "langso: export trainings needs --unit CODE\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	long long unit = units_resolve(db, code);
	struct arena a = ARENA_INIT;
	struct buf o = BUF_INIT;
	static const char *const head[] = {"id",      "title",	  "unit",      "enterprise",
					   "mode",    "place",	  "link",      "starts_on",
					   "ends_on", "trainers", "platforms", "teams_invited",
					   "present", "completed"};
	csv_row(&o, head, 14, ',');
	int rc = unit ? 0 : 1, rows = 0;
	struct platform *ps;
	int np = 0;
	if (catalog_platforms(db, &a, &ps, &np) != RES_OK)
		rc = 1;
	long long offset = 0;
	do {
		struct training *list;
		int n;
		if (rc || trainings_list(db, &a, &cli, unit, offset, TRAININGS_PAGE_MAX, &list, &n,
					 &offset) != RES_OK) {
			rc = 1;
			break;
		}
		for (int i = 0; i < n; i++, rows++) {
			const struct training *t = &list[i];
			struct buf codes = BUF_INIT;
			for (int k = 0; k < t->nplatforms; k++)
				for (int j = 0; j < np; j++)
					if (ps[j].id == t->platforms[k])
						buf_printf(&codes, "%s%s", codes.len ? " " : "",
							   ps[j].code);
			const char *v[14] = {arena_printf(&a, "%lld", t->id),
					     t->title,
					     t->unit,
					     t->enterprise,
					     trainings_mode_name(t->mode),
					     t->place,
					     t->link,
					     t->starts_on,
					     t->ends_on,
					     t->trainers,
					     arena_strdup(&a, buf_cstr(&codes)),
					     arena_printf(&a, "%lld", t->teams),
					     arena_printf(&a, "%lld", t->present),
					     arena_printf(&a, "%lld", t->completed)};
			csv_row(&o, v, 14, ',');
			buf_release(&codes);
		}
	} while (offset);
	if (!unit)
		fprintf(stderr, "langso: no unit %s\n", code);
	else if (rc == 0)
		rc = write_out(argc, argv, &o);
	if (rc == 0 && cli_opt(argc, argv, "-o"))
		printf("%d trainings\n", rows);
	buf_release(&o);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_export_coverage(int argc, char **argv)
{
	const char *code = cli_opt(argc, argv, "--unit"),
		   *pcode = cli_opt(argc, argv, "--platform");
	const char *date = cli_opt(argc, argv, "--date");
	char day[11];
	if (!code) {
		fprintf(stderr, "langso: export coverage needs --unit CODE\n");
		return 2;
	}
	if (date && date_parse(date, day) != 0) {
		fprintf(stderr, "langso: --date: %s is not a date (dd/mm/yyyy)\n", date);
		return 2;
	}
	if (!date)
		date_today(day);
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	long long unit = units_resolve(db, code);
	long long platform = pcode ? catalog_platform_find(db, pcode) : 0;
	struct arena a = ARENA_INIT;
	struct coverage total;
	struct coverage_row *rows;
	int n, rc = 1;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!unit)
		fprintf(stderr, "langso: no unit %s\n", code);
	else if (pcode && !platform)
		fprintf(stderr, "langso: no platform %s\n", pcode);
	else if (coverage_get(db, &a, &cli, unit, platform, day, &total, &rows, &n) != RES_OK)
		fprintf(stderr, "langso: cannot count the coverage of %s\n", code);
	else
		rc = 0;
	double ms = ms_since(&t0);
	struct buf o = BUF_INIT;
	static const char *const head[] = {"code",	    "unit",    "teams",
					   "teams_trained", "members", "members_trained"};
	csv_row(&o, head, 6, ',');
	for (int i = 0; rc == 0 && i <= n; i++) {
		const struct unit *u = i < n ? &rows[i].u : NULL;
		const struct coverage *c = i < n ? &rows[i].c : &total;
		const char *v[6] = {u ? u->code : code,
				    u ? u->name : "total",
				    arena_printf(&a, "%lld", c->teams),
				    arena_printf(&a, "%lld", c->teams_trained),
				    arena_printf(&a, "%lld", c->members),
				    arena_printf(&a, "%lld", c->members_trained)};
		csv_row(&o, v, 6, ',');
	}
	if (rc == 0)
		rc = write_out(argc, argv, &o);
	if (rc == 0)
		fprintf(
		    stderr,
		    "coverage of %s on %s: %lld/%lld teams, %lld/%lld members trained (%.0f ms)\n",
		    code, day, total.teams_trained, total.teams, total.members_trained,
		    total.members, ms);
	buf_release(&o);
	arena_release(&a);
	db_close(db);
	return rc;
}
