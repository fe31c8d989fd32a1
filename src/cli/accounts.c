/* accounts.c: langso accounts issue|code: accounts for a commune's or a
 * province's roster with their sign-in sheet, and a new sign-in code for
 * one user, through core/invites.c (each leaves its audit rows). */
#include "cli/cli.h"
#include "core/invites.h"
#include "core/units.h"
#include "core/users.h"
#include "export/invites_file.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The site's address for the links: --public-url or the settings file. */
static const char *public_url(int argc, char **argv)
{
	const char *url = cli_setting(argc, argv, "--public-url");
	if (!url || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)) {
		fprintf(stderr, "langso: give the site's address for the links: --public-url "
				"https://... (or public-url in the settings file)\n");
		return NULL;
	}
	return url;
}

int cmd_accounts_issue(int argc, char **argv)
{
	const char *code = cli_opt(argc, argv, "--unit"), *out = cli_opt(argc, argv, "-o");
	if (!code || !out) {
		fprintf(stderr, "langso: accounts issue needs --unit CODE and -o FILE.csv\n");
		return 2;
	}
	const char *url = public_url(argc, argv);
	if (!url)
		return 2;
	FILE *f = fopen(out, "wx"); /* never over a sheet printed before */
	if (!f) {
		fprintf(stderr, "langso: cannot create %s (it must not exist yet)\n", out);
		return 1;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db) {
		fclose(f);
		remove(out);
		return 1;
	}
	struct user cli = accounts_cli_actor(db);
	long long unit = units_resolve(db, code);
	struct arena a = ARENA_INIT;
	struct invite *list;
	int n, had, rc = 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int res =
	    unit ? invites_roster(db, &a, &cli, unit, time(NULL), &list, &n, &had) : RES_NOT_FOUND;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (res == RES_NOT_FOUND) {
		fprintf(stderr, "langso: no unit %s\n", code);
	} else if (res != RES_OK) {
		fprintf(stderr, "langso: cannot make the accounts (database error); none made\n");
	} else {
		struct buf b = BUF_INIT;
		invites_csv(&b, url, list, n, cli_lang());
		rc = fwrite(b.data, 1, b.len, f) != b.len;
		buf_release(&b);
	}
	if (fclose(f) != 0)
		rc = 1;
	if (res != RES_OK)
		remove(out);
	else if (rc)
		fprintf(stderr,
			"langso: the accounts were made but %s could not be written:"
			" issue new codes with `langso accounts code`\n",
			out);
	else
		printf("%s: %d accounts made, %d members had one (%.0f ms)\n", out, n, had,
		       (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			   (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_accounts_code(int argc, char **argv)
{
	const char *name = cli_positional(argc, argv, 0);
	const char *url = public_url(argc, argv);
	if (!name || !url) {
		if (!name)
			fprintf(stderr, "langso: accounts code needs a user name\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct invite x;
	const char *why = NULL;
	long long id = users_find(db, name);
	int res = id ? invites_reissue(db, &a, &cli, id, time(NULL), &x, &why) : RES_NOT_FOUND;
	if (res == RES_OK) {
		struct buf b = BUF_INIT;
		invite_message(&b, url, &x, cli_lang());
		printf("%s\n", buf_cstr(&b));
		buf_release(&b);
	} else {
		fprintf(stderr, "langso: no new code for %s: %s\n", name,
			res == RES_NOT_FOUND ? "no such user"
			: why		     ? why
					     : "database error");
	}
	arena_release(&a);
	db_close(db);
	return res == RES_OK ? 0 : 1;
}
