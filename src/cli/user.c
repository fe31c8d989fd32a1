/* user.c: langso user add. */
#include "cli/cli.h"
#include "core/accounts.h"
#include "core/result.h"
#include "core/units.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int cmd_user_add(int argc, char **argv)
{
	const char *username = cli_opt(argc, argv, "--username");
	const char *role = cli_opt(argc, argv, "--role");
	const char *scope_code = cli_opt(argc, argv, "--scope");
	if (!username || !role) {
		fprintf(stderr, "langso: user add needs --username and --role\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	int rc = 1;
	long long scope = units_root(db);
	if (scope_code) {
		scope = units_find(db, "province", scope_code);
		if (!scope)
			scope = units_find(db, "commune", scope_code);
		if (!scope)
			scope = units_find(db, "district", scope_code);
		if (!scope) {
			fprintf(stderr, "langso: no province or commune with code %s\n",
				scope_code);
			goto out;
		}
	}
	char password[1024];
	if (cli_read_password("Password: ", password, sizeof password) != 0) {
		fprintf(stderr, "langso: give the password on stdin\n");
		goto out;
	}
	long long id;
	const char *why = NULL;
	int res = accounts_add(db, username, cli_opt(argc, argv, "--name"), role, scope, password,
			       0, &id, &why);
	sodium_memzero(password, sizeof password);
	if (res != RES_OK) {
		fprintf(stderr, "langso: cannot add %s: %s\n", username,
			why ? why : "database error");
		goto out;
	}
	printf("user %s added (id %lld)\n", username, id);
	rc = 0;
out:
	db_close(db);
	return rc;
}
