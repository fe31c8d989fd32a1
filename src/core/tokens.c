/* tokens.c: API tokens and the one-time setup token. */
#include "core/tokens.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/result.h"
#include "core/units.h"
#include "core/users.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/text.h"
#include <string.h>

#define TOKEN_PREFIX "lso_"
#define SETUP_VALID (24 * 60 * 60)

int tokens_create(struct db *db, const struct user *who, const char *name, time_t now,
		  char token[TOKEN_TEXT], long long *id)
{
	if (!name || !*name || utf8_chars(name) > 80 || !utf8_valid(name, strlen(name)))
		return RES_INVALID;
	char th[65];
	accounts_random_token(TOKEN_PREFIX, token);
	accounts_token_hash(token, th);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_ERROR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO api_token(user_id, name, token_hash,"
					    " created_at) VALUES (:u, :n, :h, :now)");
	if (st) {
		db_bind_int(st, ":u", who->id);
		db_bind_text(st, ":n", name);
		db_bind_text(st, ":h", th);
		db_bind_int(st, ":now", (long long)now);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	*id = db_last_id(db);
	struct buf d = BUF_INIT;
	buf_puts(&d, "{\"name\":");
	json_escape(&d, name, strlen(name));
	buf_puts(&d, "}");
	res = tx_end(db, res == RES_OK ? RES_OK : RES_ERROR, who, "create", "api_token", *id,
		     who->scope, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int tokens_list(struct db *db, struct arena *a, const struct user *who, struct api_token **out,
		int *n)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id, name, created_at, coalesce(last_used_at, 0),"
			   " coalesce(revoked_at, 0) FROM api_token"
			   " WHERE user_id = :u ORDER BY id DESC LIMIT 100");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", who->id);
	*out = arena_alloc(a, 100 * sizeof **out);
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct api_token *t = &(*out)[(*n)++];
		t->id = db_col_int(st, 0);
		t->name = arena_strdup(a, db_col_text(st, 1));
		t->created_at = db_col_int(st, 2);
		t->last_used_at = db_col_int(st, 3);
		t->revoked_at = db_col_int(st, 4);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int tokens_revoke(struct db *db, const struct user *who, long long id, time_t now)
{
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st =
	    db_prepare(db, "UPDATE api_token SET revoked_at = :now"
			   " WHERE id = :id AND user_id = :u AND revoked_at IS NULL RETURNING id");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":now", (long long)now);
		db_bind_int(st, ":id", id);
		db_bind_int(st, ":u", who->id);
		int rc = db_step(st);
		db_done(st);
		res = rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	}
	return tx_end(db, res, who, "revoke", "api_token", id, who->scope, NULL);
}

int tokens_auth(struct db *db, struct arena *a, const char *token, time_t now, struct user *u)
{
	if (strncmp(token, TOKEN_PREFIX, strlen(TOKEN_PREFIX)) != 0 || strlen(token) > 100)
		return RES_NOT_FOUND;
	char th[65];
	accounts_token_hash(token, th);
	struct db_stmt *st = db_prepare(db, "SELECT t.id, t.user_id, coalesce(t.last_used_at, 0)"
					    " FROM api_token t JOIN app_user u ON u.id = t.user_id"
					    " WHERE t.token_hash = :h AND t.revoked_at IS NULL"
					    " AND u.disabled = 0");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", th);
	int rc = db_step(st);
	long long tid = 0, uid = 0, used = 0;
	if (rc == DB_ROW) {
		tid = db_col_int(st, 0);
		uid = db_col_int(st, 1);
		used = db_col_int(st, 2);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	if (now - used >= 60) {
		st = db_prepare(db, "UPDATE api_token SET last_used_at = :now WHERE id = :id");
		if (st) {
			db_bind_int(st, ":now", (long long)now);
			db_bind_int(st, ":id", tid);
			db_step(st);
			db_done(st);
		}
	}
	return accounts_user_load(db, a, uid, u);
}

int setup_token_create(struct db *db, time_t now, char token[TOKEN_TEXT])
{
	char th[65];
	accounts_random_token("", token);
	accounts_token_hash(token, th);
	struct db_stmt *st = db_prepare(db, "INSERT INTO setup_token(token_hash, created_at)"
					    " VALUES (:h, :now)");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":now", (long long)now);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int setup_token_valid(struct db *db, const char *token, time_t now)
{
	char th[65];
	accounts_token_hash(token, th);
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM setup_token WHERE token_hash = :h"
					    " AND created_at > :since"
					    " AND NOT EXISTS (SELECT 1 FROM app_user)");
	if (!st)
		return 0;
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":since", (long long)now - SETUP_VALID);
	int ok = db_step(st) == DB_ROW;
	db_done(st);
	return ok;
}

int setup_first_admin(struct db *db, const char *token, const char *username, const char *password,
		      time_t now, const char **why)
{
	if (!setup_token_valid(db, token, now))
		return RES_NOT_FOUND;
	struct user cli = accounts_cli_actor(db);
	long long id;
	int rc = users_create(db, &cli, username, "", "admin", cli.scope, password, &id, why);
	if (rc != RES_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, "DELETE FROM setup_token");
	if (st) {
		db_step(st);
		db_done(st);
	}
	return RES_OK;
}
