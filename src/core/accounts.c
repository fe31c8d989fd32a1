/* accounts.c: users, passwords (argon2id) and database-held sessions. */
#include "core/accounts.h"
#include "core/audit.h"
#include "core/result.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/text.h"
#include <ctype.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

static const char *const roles[] = {"admin",   "ministry", "province",	 "district",
				    "commune", "team",	   "enterprise", "viewer"};

/* A few of the most common passwords; longer lists come with issue 3. */
static const char *const common_passwords[] = {
    "123456789012", "1234567890123", "qwertyuiopas", "passwordpassword",
    "matkhau12345", "matkhaucuatoi", "admin1234567", "123456123456",
};

/* A hash to verify against for unknown users, so that a wrong name and a
 * wrong password take the same time. Written once by accounts_init. */
static char dummy_hash[crypto_pwhash_STRBYTES];

int accounts_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(dummy_hash, "langso-no-such-user", 19,
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
		   ? 0
		   : -1;
}

int accounts_role_valid(const char *role)
{
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

const char *accounts_password_problem(const char *password)
{
	size_t n = strlen(password);
	if (!utf8_valid(password, n))
		return N_("the password is not valid UTF-8");
	size_t chars = utf8_chars(password);
	if (chars < PASSWORD_MIN)
		return N_("the password must have at least 12 characters");
	if (chars > PASSWORD_MAX)
		return N_("the password must have at most 256 characters");
	for (size_t i = 0; i < sizeof common_passwords / sizeof *common_passwords; i++)
		if (strcmp(password, common_passwords[i]) == 0)
			return N_("this password is too common");
	return NULL;
}

static int username_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 64)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '.' &&
		    *s != '_' && *s != '-')
			return 0;
	return 1;
}

int accounts_add(struct db *db, const char *username, const char *full_name, const char *role,
		 long long scope, const char *password, long long by_user, long long *id,
		 const char **why)
{
	if (!username_ok(username)) {
		*why =
		    N_("the user name must be 2 to 64 lower-case letters, digits, '.', '_' or '-'");
		return RES_INVALID;
	}
	if (!accounts_role_valid(role)) {
		*why = N_("unknown role");
		return RES_INVALID;
	}
	if ((*why = accounts_password_problem(password)))
		return RES_INVALID;
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return RES_ERROR;
	if (db_begin(db) != DB_OK)
		return RES_ERROR;
	int res = RES_ERROR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO app_user(username, full_name, role,"
					    " scope_unit_id, password_hash)"
					    " VALUES (:u, :n, :r, :s, :h)");
	if (st) {
		db_bind_text(st, ":u", username);
		db_bind_text(st, ":n", full_name ? full_name : "");
		db_bind_text(st, ":r", role);
		db_bind_int(st, ":s", scope);
		db_bind_text(st, ":h", hash);
		int rc = db_step(st);
		db_done(st);
		res = rc == DB_DONE ? RES_OK : rc == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
	}
	if (res == RES_OK) {
		*id = db_last_id(db);
		struct buf d = BUF_INIT;
		struct json j;
		json_init(&j, &d);
		json_obj_begin(&j);
		json_kv_str(&j, "username", username);
		json_kv_str(&j, "role", role);
		json_kv_int(&j, "scope_unit_id", scope);
		json_obj_end(&j);
		if (audit_log(db, by_user, "create", "user", *id, scope, buf_cstr(&d)) != 0)
			res = RES_ERROR;
		buf_release(&d);
	}
	sodium_memzero(hash, sizeof hash);
	if (res == RES_OK && db_commit(db) == DB_OK)
		return RES_OK;
	db_rollback(db);
	if (res == RES_CONFLICT)
		*why = N_("this user name is taken");
	return res == RES_OK ? RES_ERROR : res;
}

/* The stored form of a session token: hex SHA-256. */
static void token_hash(const char *token, char out[2 * crypto_hash_sha256_BYTES + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 2 * crypto_hash_sha256_BYTES + 1, h, sizeof h);
}

static void random_token(char out[TOKEN_TEXT])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_TEXT, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int accounts_login(struct db *db, const char *username, const char *password, time_t now,
		   char token[TOKEN_TEXT])
{
	struct db_stmt *st = db_prepare(db, "SELECT id, password_hash, disabled FROM app_user"
					    " WHERE username = :u");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":u", username);
	long long id = 0;
	int disabled = 1;
	char hash[crypto_pwhash_STRBYTES] = "";
	int rc = db_step(st);
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 1));
		disabled = (int)db_col_int(st, 2);
	}
	db_done(st);
	if (rc == DB_ERR)
		return RES_ERROR;
	int ok = crypto_pwhash_str_verify(id ? hash : dummy_hash, password, strlen(password)) == 0;
	if (!id || !ok || disabled) {
		if (db_begin(db) == DB_OK) {
			audit_log(db, id, "login-failed", "session", 0, 0, NULL);
			db_commit(db);
		}
		return RES_FORBIDDEN;
	}

	char th[2 * crypto_hash_sha256_BYTES + 1], csrf[TOKEN_TEXT];
	random_token(token);
	random_token(csrf);
	token_hash(token, th);
	if (db_begin(db) != DB_OK)
		return RES_ERROR;
	st = db_prepare(db, "INSERT INTO session(token_hash, user_id, csrf, created_at, seen_at)"
			    " VALUES (:h, :u, :c, :now, :now)");
	if (!st) {
		db_rollback(db);
		return RES_ERROR;
	}
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":u", id);
	db_bind_text(st, ":c", csrf);
	db_bind_int(st, ":now", (long long)now);
	rc = db_step(st);
	db_done(st);
	if (rc != DB_DONE || audit_log(db, id, "login", "session", 0, 0, NULL) != 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return RES_ERROR;
	}
	return RES_OK;
}

int accounts_session(struct db *db, struct arena *a, const char *token, time_t now, struct user *u)
{
	char th[2 * crypto_hash_sha256_BYTES + 1];
	token_hash(token, th);
	struct db_stmt *st =
	    db_prepare(db, "SELECT u.id, u.username, u.full_name, u.role, u.scope_unit_id, s.csrf,"
			   " s.seen_at FROM session s JOIN app_user u ON u.id = s.user_id"
			   " WHERE s.token_hash = :h AND u.disabled = 0"
			   " AND s.seen_at > :idle AND s.created_at > :absolute");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":idle", (long long)now - SESSION_IDLE);
	db_bind_int(st, ":absolute", (long long)now - SESSION_ABSOLUTE);
	int rc = db_step(st);
	long long seen = 0;
	if (rc == DB_ROW) {
		u->id = db_col_int(st, 0);
		u->username = arena_strdup(a, db_col_text(st, 1));
		u->full_name = arena_strdup(a, db_col_text(st, 2));
		u->role = arena_strdup(a, db_col_text(st, 3));
		u->scope = db_col_int(st, 4);
		u->csrf = arena_strdup(a, db_col_text(st, 5));
		seen = db_col_int(st, 6);
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	if (now - seen >= 60) { /* renew the idle timer at most once a minute */
		st = db_prepare(db, "UPDATE session SET seen_at = :now WHERE token_hash = :h");
		if (st) {
			db_bind_int(st, ":now", (long long)now);
			db_bind_text(st, ":h", th);
			db_step(st);
			db_done(st);
		}
	}
	return RES_OK;
}

int accounts_logout(struct db *db, const char *token)
{
	char th[2 * crypto_hash_sha256_BYTES + 1];
	token_hash(token, th);
	if (db_begin(db) != DB_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(db, "DELETE FROM session WHERE token_hash = :h"
					    " RETURNING user_id");
	if (!st) {
		db_rollback(db);
		return RES_ERROR;
	}
	db_bind_text(st, ":h", th);
	int rc = db_step(st);
	long long uid = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc == DB_ERR || (uid && audit_log(db, uid, "logout", "session", 0, 0, NULL) != 0) ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return RES_ERROR;
	}
	return RES_OK;
}
