/* user.c: langso user add|list|disable|enable|passwd|unlock, langso token
 * create, langso audit. The command line acts as an administrator of the
 * nation; every change goes through core/users.c and leaves an audit row. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/enterprises.h"
#include "core/result.h"
#include "core/tokens.h"
#include "core/units.h"
#include "core/users.h"
#include "i18n/i18n.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *why_en(const char *why)
{
	return why ? why : "database error";
}

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
	long long scope = scope_code ? units_resolve(db, scope_code) : units_root(db);
	if (!scope) {
		fprintf(stderr, "langso: no unit with code %s\n", scope_code);
		goto out;
	}
	char password[1024];
	if (cli_read_password("Password: ", password, sizeof password) != 0) {
		fprintf(stderr, "langso: give the password on stdin\n");
		goto out;
	}
	long long id;
	const char *why = NULL;
	struct user cli = accounts_cli_actor(db);
	const char *ent = cli_opt(argc, argv, "--enterprise");
	int res = ent ? users_create_enterprise(db, &cli, enterprises_find(db, ent), username,
						cli_opt(argc, argv, "--name"), password, &id, &why)
		      : users_create(db, &cli, username, cli_opt(argc, argv, "--name"), role, scope,
				     password, &id, &why);
	sodium_memzero(password, sizeof password);
	if (res != RES_OK) {
		fprintf(stderr, "langso: cannot add %s: %s\n", username, why_en(why));
		goto out;
	}
	printf("user %s added (id %lld)\n", username, id);
	rc = 0;
out:
	db_close(db);
	return rc;
}

int cmd_user_list(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct user_filter f = {.q = cli_positional(argc, argv, 0),
				.role = cli_opt(argc, argv, "--role"),
				.limit = 200};
	int rc = 0;
	do {
		struct user *list;
		int n;
		long long next;
		if (users_list(db, &a, &cli, &f, &list, &n, &next) != RES_OK) {
			rc = 1;
			break;
		}
		for (int i = 0; i < n; i++)
			printf("%lld\t%s\t%s\t%s\t%s%s\n", list[i].id, list[i].username,
			       list[i].role, list[i].scope_name, list[i].full_name,
			       list[i].disabled ? "\t(disabled)" : "");
		f.after = next;
	} while (f.after);
	arena_release(&a);
	db_close(db);
	return rc;
}

/* The user named by the first positional argument, or 0 (message printed). */
static long long named_user(struct db *db, int argc, char **argv)
{
	const char *name = cli_positional(argc, argv, 0);
	long long id = name ? users_find(db, name) : 0;
	if (!id)
		fprintf(stderr, "langso: no user %s\n", name ? name : "(give a user name)");
	return id;
}

static int user_change(int argc, char **argv, int what)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	long long id = named_user(db, argc, argv);
	struct user cli = accounts_cli_actor(db);
	const char *why = NULL;
	int res = RES_NOT_FOUND;
	if (id && what == 'd')
		res = users_set_disabled(db, &cli, id, 1, &why);
	else if (id && what == 'e')
		res = users_set_disabled(db, &cli, id, 0, &why);
	else if (id && what == 'u')
		res = users_unlock(db, &cli, id);
	else if (id && what == 'p') {
		char password[1024];
		if (cli_read_password("New password: ", password, sizeof password) != 0) {
			fprintf(stderr, "langso: give the password on stdin\n");
			db_close(db);
			return 1;
		}
		res = users_set_password(db, &cli, id, NULL, password, &why);
		sodium_memzero(password, sizeof password);
	}
	db_close(db);
	if (id && res != RES_OK)
		fprintf(stderr, "langso: %s\n", why_en(why));
	return res == RES_OK ? 0 : 1;
}

int cmd_user_disable(int argc, char **argv)
{
	return user_change(argc, argv, 'd');
}
int cmd_user_enable(int argc, char **argv)
{
	return user_change(argc, argv, 'e');
}
int cmd_user_passwd(int argc, char **argv)
{
	return user_change(argc, argv, 'p');
}
int cmd_user_unlock(int argc, char **argv)
{
	return user_change(argc, argv, 'u');
}

int cmd_token_create(int argc, char **argv)
{
	const char *name = cli_opt(argc, argv, "--user");
	if (!name) {
		fprintf(stderr, "langso: token create needs --user NAME\n");
		return 2;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct arena a = ARENA_INIT;
	struct user u;
	long long id = users_find(db, name), tid;
	int rc = 1;
	char token[TOKEN_TEXT];
	const char *label = cli_opt(argc, argv, "--name");
	if (!id || accounts_user_load(db, &a, id, &u) != RES_OK)
		fprintf(stderr, "langso: no user %s\n", name);
	else if (tokens_create(db, &u, label ? label : "command line", time(NULL), token, &tid) !=
		 RES_OK)
		fprintf(stderr, "langso: cannot create the token\n");
	else {
		printf("%s\n", token);
		rc = 0;
	}
	sodium_memzero(token, sizeof token);
	arena_release(&a);
	db_close(db);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	struct user cli = accounts_cli_actor(db);
	struct arena a = ARENA_INIT;
	struct audit_filter f = {.username = cli_opt(argc, argv, "--user"),
				 .entity = cli_opt(argc, argv, "--entity"),
				 .from = cli_opt(argc, argv, "--from"),
				 .to = cli_opt(argc, argv, "--to"),
				 .limit = 200};
	const char *unit = cli_opt(argc, argv, "--unit");
	if (unit && !(f.unit = units_resolve(db, unit))) {
		fprintf(stderr, "langso: no unit %s\n", unit);
		db_close(db);
		return 1;
	}
	const char *limit = cli_opt(argc, argv, "--limit");
	int left = limit ? atoi(limit) : 100, rc = 0;
	while (left > 0) {
		struct audit_row *rows;
		int n;
		long long next;
		f.limit = left < 200 ? left : 200;
		if (audit_list(db, &a, &cli, &f, &rows, &n, &next) != RES_OK) {
			rc = 1;
			break;
		}
		for (int i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s\t%s\t%lld\t%s\t%s\n", rows[i].at,
			       *rows[i].username ? rows[i].username : "-", rows[i].role,
			       rows[i].action, rows[i].entity, rows[i].entity_id, rows[i].unit_name,
			       rows[i].detail_json);
		left -= n;
		if (!next)
			break;
		f.before = next;
	}
	arena_release(&a);
	db_close(db);
	return rc;
}
