/* init.c: langso init, langso migrate, langso demo-info. */
#include "cli/cli.h"
#include "core/accounts.h"
#include "core/demo.h"
#include "core/result.h"
#include "core/tokens.h"
#include "core/units.h"
#include "core/users.h"
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include <time.h>

int cmd_migrate(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	printf("%s: schema version %d\n", cli_db_label(argc, argv), db_schema_latest(db));
	db_close(db);
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *path = cli_db_label(argc, argv);
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	int rc = 1;
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM app_user");
	long long users = st && db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_done(st);
	if (users != 0) {
		fprintf(stderr, "langso: %s already has users; nothing done\n", path);
		goto out;
	}
	if (cli_flag(argc, argv, "--demo")) {
		if (demo_build(db) != RES_OK)
			goto out;
		printf("%s: Lạng Sơn demo created\n", path);
		rc = 0;
		goto out;
	}
	struct official_stats os;
	if (units_import_official(db, NULL, NULL, &os) != RES_OK) {
		fprintf(stderr, "langso: cannot load the official units\n");
		goto out;
	}
	const char *admin = cli_opt(argc, argv, "--admin");
	if (!admin)
		admin = "admin";
	char password[1024];
	if (cli_read_password("Password for the first administrator (empty: a setup link): ",
			      password, sizeof password) != 0 ||
	    !*password) {
		/* No password given: a one-time link lets the administrator choose
		 * one in the browser, so no default password ever exists. */
		char token[TOKEN_TEXT];
		if (setup_token_create(db, time(NULL), token) != RES_OK) {
			fprintf(stderr, "langso: cannot create a setup token\n");
			goto out;
		}
		printf("%s: ready; %d provinces and %d communes.\n"
		       "Create the first administrator within 24 hours at\n"
		       "  http://HOST:PORT/setup/%s\n",
		       path, os.provinces_added, os.communes_added, token);
		rc = 0;
		goto out;
	}
	long long id;
	const char *why = NULL;
	struct user cli = accounts_cli_actor(db);
	int res = users_create(db, &cli, admin, "", "admin", cli.scope, password, &id, &why);
	sodium_memzero(password, sizeof password);
	if (res != RES_OK) {
		fprintf(stderr, "langso: cannot create %s: %s\n", admin,
			why ? why : "database error");
		goto out;
	}
	printf("%s: ready; %d provinces and %d communes; administrator %s\n", path,
	       os.provinces_added, os.communes_added, admin);
	rc = 0;
out:
	db_close(db);
	return rc;
}

int cmd_demo_info(int argc, char **argv)
{
	const char *listen = cli_opt(argc, argv, "--listen");
	printf("\n  langso demo: http://%s/\n\n  Sign in as (password %s):\n",
	       listen ? listen : "127.0.0.1:8080", DEMO_PASSWORD);
	for (int i = 0; i < demo_logins_count; i++)
		printf("    %-18s %-9s %s\n", demo_logins[i].username, demo_logins[i].role,
		       demo_logins[i].full_name);
	printf("    %-18s %-9s %s\n", "vnpt.langson", "enterprise", "VNPT Lạng Sơn (đào tạo)");
	printf("\n");
	return 0;
}
