/* reorg.c: units over time from the command line: langso units
 * import-nso, apply-conversion, unapply-conversion, waiting, assign,
 * unmove, diff, apply; villages unmerge; a closed unit's targets carried
 * to a successor (targets carry). */
#include "cli/cli.h"
#include "core/reorg.h"
#include "core/targets.h"
#include "core/units_diff.h"
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

/* A command on a FILE: the file read, the database open, the actor, an
 * arena and an import result; file_done prints the errors (RES_INVALID) or
 * fail (another failure), releases it all and gives the exit code. */
struct file_cmd {
	struct buf data;
	struct db *db;
	struct user who;
	struct arena a;
	struct import_result *r;
	const char *path;
	struct timespec t0;
};

static int file_open(int argc, char **argv, const char *what, struct file_cmd *c)
{
	memset(c, 0, sizeof *c);
	int failed = cli_import_open(argc, argv, what, &c->data, &c->db);
	if (failed)
		return failed;
	c->who = accounts_cli_actor(c->db);
	c->r = arena_alloc(&c->a, sizeof *c->r);
	memset(c->r, 0, sizeof *c->r);
	c->path = cli_positional(argc, argv, 0);
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	return 0;
}

static int file_done(struct file_cmd *c, int rc, const char *fail)
{
	if (rc == RES_INVALID)
		cli_print_import_errors(c->path, c->r);
	else if (rc != RES_OK && fail)
		fprintf(stderr, "langso: %s; nothing was changed\n", fail);
	arena_release(&c->a);
	buf_release(&c->data);
	db_close(c->db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_units_import_nso(int argc, char **argv)
{
	char until[11];
	if (date_opt(argc, argv, "--until", REORG_NSO_UNTIL, until) != 0)
		return 2;
	struct file_cmd c;
	int failed = file_open(argc, argv, "units import-nso", &c);
	if (failed)
		return failed;
	const char *province = cli_opt(argc, argv, "--province");
	struct nso_stats st;
	int rc = reorg_import_nso(c.db, &c.a, &c.who, buf_cstr(&c.data), c.data.len, until,
				  province, &st, c.r);
	if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: no province with code %s in the file\n", province);
	else if (rc == RES_OK)
		printf("valid until %s: provinces added %d, districts added %d, communes added %d,"
		       " already there %d (%.0f ms)\n",
		       until, st.provinces, st.districts, st.communes, st.unchanged,
		       ms_since(&c.t0));
	return file_done(&c, rc, rc == RES_NOT_FOUND ? NULL : "the import failed");
}

int cmd_units_apply_conversion(int argc, char **argv)
{
	char effective[11];
	if (date_opt(argc, argv, "--effective", NULL, effective) != 0)
		return 2;
	struct file_cmd c;
	int failed = file_open(argc, argv, "units apply-conversion", &c);
	if (failed)
		return failed;
	struct conversion_stats st;
	int rc = reorg_apply_conversion(c.db, &c.a, &c.who, buf_cstr(&c.data), c.data.len,
					effective, cli_opt(argc, argv, "--decision"), &st, c.r);
	if (rc == RES_OK)
		printf("%d rows from %s: %d links added, %d villages moved to their new commune,"
		       " %d villages of split communes waiting (langso units waiting);"
		       " %d rows of provinces not loaded, %d rows naming no unit (%.0f ms)\n",
		       st.rows, effective, st.linked, st.moved, st.waiting, st.not_loaded,
		       st.without_code, ms_since(&c.t0));
	if (rc == RES_OK && st.skipped) {
		printf("%d rows left out: their old commune is not in the pre-reform list or their"
		       " new one not in today's (lines",
		       st.skipped);
		for (int i = 0; i < st.skipped && i < REORG_SKIPPED_SHOWN; i++)
			printf(" %d", st.skipped_lines[i]);
		printf("%s)\n", st.skipped > REORG_SKIPPED_SHOWN ? " ..." : "");
	}
	return file_done(&c, rc, "the conversion failed");
}

int cmd_units_unapply_conversion(int argc, char **argv)
{
	char effective[11];
	if (date_opt(argc, argv, "--effective", NULL, effective) != 0)
		return 2;
	struct file_cmd c;
	int failed = file_open(argc, argv, "units unapply-conversion", &c);
	if (failed)
		return failed;
	struct conversion_stats st;
	int rc = reorg_unapply_conversion(c.db, &c.a, &c.who, buf_cstr(&c.data), c.data.len,
					  effective, &st, c.r);
	if (rc == RES_OK)
		printf("%d rows from %s: %d links removed, %d villages back under their old commune"
		       " (%.0f ms)\n",
		       st.rows, effective, st.linked, st.moved, ms_since(&c.t0));
	return file_done(&c, rc, "the undo failed");
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

int cmd_units_unmove(int argc, char **argv)
{
	const char *village = cli_positional(argc, argv, 0);
	if (!village) {
		fprintf(stderr, "langso: units unmove needs VILLAGE_ID\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct field_errors fe = {0};
	long long back;
	int rc = reorg_unmove(db, &cli, strtoll(village, NULL, 10), &fe, &back);
	if (rc == RES_OK)
		printf("village %s is back under unit #%lld\n", village, back);
	else if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: village %s has no move to undo\n", village);
	else if (rc == RES_INVALID)
		fprintf(stderr, "langso: %s\n", fe.e[0].msgid);
	else
		fprintf(stderr, "langso: the undo failed; nothing was changed\n");
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

int cmd_villages_unmerge(int argc, char **argv)
{
	const char *village = cli_positional(argc, argv, 0);
	if (!village) {
		fprintf(stderr, "langso: villages unmerge needs VILLAGE_ID (the new village)\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct field_errors fe = {0};
	int rc = villages_unmerge(db, &a, &cli, strtoll(village, NULL, 10), &fe);
	if (rc == RES_OK)
		printf("the merge that made village %s is undone\n", village);
	else if (rc == RES_NOT_FOUND)
		fprintf(stderr, "langso: no merge made village %s\n", village);
	else if (rc == RES_INVALID)
		fprintf(stderr, "langso: %s\n", fe.e[0].msgid);
	else
		fprintf(stderr, "langso: the undo failed; nothing was changed\n");
	arena_release(&a);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}

/* One difference as a line: what, code, today's and the list's. */
static void diff_line(const struct unit_diff *d)
{
	if (d->changes & DIFF_NEW)
		printf("new\t%s\t%s (%s)\n", d->code, d->name, d->kind);
	else if (d->changes & DIFF_CLOSED)
		printf("closed\t%s\t%s\n", d->code, d->name);
	else {
		if (d->changes & DIFF_CODE)
			printf("code\t%s\t%s → %s (%s)\n", d->old_code, d->old_code, d->code,
			       d->name);
		if (d->changes & DIFF_KIND)
			printf("kind\t%s\t%s → %s (%s)\n", d->code, d->old_kind, d->kind, d->name);
		if (d->changes & DIFF_NAME)
			printf("name\t%s\t%s → %s\n", d->code, d->old_name, d->name);
	}
}

/* units diff FILE, or units apply --effective DATE FILE when day. */
static int list_command(int argc, char **argv, const char *what, const char *day)
{
	struct file_cmd c;
	int failed = file_open(argc, argv, what, &c);
	if (failed)
		return failed;
	struct unit_diff *d;
	int n;
	const char *data = buf_cstr(&c.data);
	int rc = day ? units_apply_list(c.db, &c.a, &c.who, data, c.data.len, day, &d, &n, c.r)
		     : units_diff(c.db, &c.a, data, c.data.len, &d, &n, c.r);
	if (rc == RES_OK) {
		int count[5] = {0};
		static const unsigned bits[5] = {DIFF_NEW, DIFF_CLOSED, DIFF_NAME, DIFF_KIND,
						 DIFF_CODE};
		for (int i = 0; i < n; i++) {
			diff_line(&d[i]);
			for (int k = 0; k < 5; k++)
				count[k] += (d[i].changes & bits[k]) != 0;
		}
		printf(
		    "%d rows: %d new, %d closed, %d renamed, %d of another kind, %d under another"
		    " code%s%s\n",
		    c.r->rows, count[0], count[1], count[2], count[3], count[4],
		    day ? "; recorded from " : "", day ? day : "");
	}
	return file_done(&c, rc, "it failed");
}

int cmd_units_diff(int argc, char **argv)
{
	return list_command(argc, argv, "units diff", NULL);
}

int cmd_units_apply(int argc, char **argv)
{
	char day[11];
	if (date_opt(argc, argv, "--effective", NULL, day) != 0)
		return 2;
	return list_command(argc, argv, "units apply", day);
}

int cmd_villages_merge(int argc, char **argv)
{
	char day[11];
	if (date_opt(argc, argv, "--effective", NULL, day) != 0)
		return 2;
	struct file_cmd c;
	int failed = file_open(argc, argv, "villages merge", &c);
	if (failed)
		return failed;
	struct merge_stats st;
	int rc =
	    villages_merge_csv(c.db, &c.a, &c.who, buf_cstr(&c.data), c.data.len, day, &st, c.r);
	if (rc == RES_OK)
		printf("%d rows from %s: %d villages merged into %d new ones, %d new teams,"
		       " %d members carried over\n",
		       c.r->rows, day, st.villages, st.groups, st.teams, st.members);
	return file_done(&c, rc, "the merge failed");
}

/* The unit named by option name: "#ID", or an official code (on the day
 * of --at for --from, when given); 0 after saying why. */
static long long unit_opt(struct db *db, struct arena *a, int argc, char **argv, const char *name)
{
	const char *text = cli_opt(argc, argv, name), *at = cli_opt(argc, argv, "--at");
	long long id = 0;
	if (text && at && strcmp(name, "--from") == 0 && *text != '#') {
		char day[11];
		struct unit *u;
		int n;
		if (date_parse(at, day) == 0 && units_coded(db, a, text, day, &u, &n) == RES_OK &&
		    n == 1)
			id = u[0].id;
	} else if (text) {
		id = units_resolve(db, text);
	}
	if (!id)
		fprintf(stderr, "langso: %s needs a unit (#ID or an official code)%s\n", name,
			text ? ": none is called so" : "");
	return id;
}

int cmd_targets_carry(int argc, char **argv)
{
	int share = targets_share_parse(cli_opt(argc, argv, "--percent"));
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct arena a = ARENA_INIT;
	struct user cli = accounts_cli_actor(db);
	long long from = unit_opt(db, &a, argc, argv, "--from");
	long long to = from ? unit_opt(db, &a, argc, argv, "--to") : 0;
	int rc = RES_INVALID;
	struct carry_stats cs;
	struct field_errors fe = {0};
	if (from && to)
		rc = cli_flag(argc, argv, "--undo")
			 ? targets_uncarry(db, &a, &cli, from, to, &cs)
			 : targets_carry(db, &a, &cli, from, to, share, &cs, &fe);
	if (rc == RES_OK)
		printf("%s %d target(s) (%d%%)%s\n",
		       cli_flag(argc, argv, "--undo") ? "took back" : "carried", cs.targets,
		       cs.percent,
		       cs.skipped ? arena_printf(&a, "; %d of indicators not seen there left out",
						 cs.skipped)
				  : "");
	else if (rc == RES_NOT_FOUND && from && to)
		fprintf(stderr, "langso: the first unit is not a predecessor of the second%s\n",
			cli_flag(argc, argv, "--undo") ? ", or carried nothing there" : "");
	for (int i = 0; i < fe.n; i++) {
		fprintf(stderr, "langso: %s: ", fe.e[i].field);
		fprintf(stderr, fe.e[i].msgid, fe.e[i].arg ? fe.e[i].arg : "");
		fputc('\n', stderr);
	}
	if (rc == RES_ERROR)
		fprintf(stderr, "langso: carrying failed; nothing was changed\n");
	arena_release(&a);
	db_close(db);
	return rc == RES_OK ? 0 : 1;
}
