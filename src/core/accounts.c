/* accounts.c: passwords (argon2id), sign-in with lockout, and sessions
 * held in the database. */
#include "core/accounts.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/result.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/escape.h"
#include "util/text.h"
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct accounts_policy accounts_policy = {
    .session_idle = 30 * 60,
    .session_max = 12 * 60 * 60,
    .name_free = 5,
    .address_free = 10,
    .window = 15 * 60,
    .max_delay = 5 * 60,
};

/* A hash to verify against for unknown names, so that every refusal takes
 * the same time. Written once by accounts_init. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static const struct embedded_file *blocklist;

int accounts_init(void)
{
	if (sodium_init() < 0)
		return -1;
	blocklist = embedded_find("data/common-passwords.txt");
	return accounts_hash("langso-no-such-user", dummy_hash, sizeof dummy_hash);
}

int accounts_hash(const char *password, char *out, size_t size)
{
	if (size < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

struct user accounts_cli_actor(struct db *db)
{
	struct user u = {.id = 0, .username = "", .full_name = "", .role = "admin"};
	u.scope = units_root(db);
	return u;
}

/* Is lower-case s one line of the blocklist? */
static int blocked(const char *s)
{
	if (!blocklist)
		return 0;
	size_t n = strlen(s);
	const char *p = (const char *)blocklist->data, *end = p + blocklist->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		if (len == n && memcmp(p, s, n) == 0)
			return 1;
		p += len + 1;
	}
	return 0;
}

const char *accounts_password_problem(const char *password, const char *username)
{
	size_t n = strlen(password);
	if (!utf8_valid(password, n))
		return N_("the password is not valid UTF-8");
	size_t chars = utf8_chars(password);
	if (chars < PASSWORD_MIN)
		return N_("the password must have at least 12 characters");
	if (chars > PASSWORD_MAX)
		return N_("the password must have at most 256 characters");
	char lower[1100];
	size_t k = 0;
	for (; password[k] && k < sizeof lower - 1; k++)
		lower[k] = (char)tolower((unsigned char)password[k]);
	lower[k] = '\0';
	int same = 1;
	for (size_t i = 1; i < k; i++)
		if (lower[i] != lower[0])
			same = 0;
	if (same || blocked(lower) ||
	    (username && strstr(lower, username) && strlen(username) >= 4))
		return N_("this password is too common or too easy to guess");
	return NULL;
}

void accounts_token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

void accounts_random_token(const char *prefix, char out[TOKEN_TEXT])
{
	unsigned char raw[32];
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, TOKEN_TEXT, "%s%s", prefix, b64);
	sodium_memzero(raw, sizeof raw);
}

/* Seconds from the last of k failures to the next attempt allowed: none
 * for the first free, then 1, 2, 4 ... up to the policy's most. */
static long long delay_after(long long k, int free)
{
	long long most = accounts_policy.max_delay;
	if (k < free)
		return 0;
	long long d = k - free >= 30 ? most : 1LL << (k - free);
	return d < most ? d : most;
}

/* Seconds still to wait after the failures that st counts (count and
 * newest time of those in the window). */
static long long wait_of(struct db_stmt *st, const char *key, int free, time_t now)
{
	if (!st)
		return 0;
	db_bind_text(st, ":k", key);
	db_bind_int(st, ":since", (long long)now - accounts_policy.window);
	long long k = 0, newest = 0;
	if (db_step(st) == DB_ROW) {
		k = db_col_int(st, 0);
		newest = db_col_int(st, 1);
	}
	db_done(st);
	long long until = newest + delay_after(k, free);
	return until > now ? until - now : 0;
}

long long accounts_wait(struct db *db, const char *name, const char *address, time_t now)
{
	const struct accounts_policy *p = &accounts_policy;
	long long by_name =
	    *name
		? wait_of(db_prepare(db, "SELECT count(*), coalesce(max(at), 0) FROM login_failure"
					 " WHERE username = :k AND at > :since"),
			  name, p->name_free, now)
		: 0;
	long long by_address =
	    wait_of(db_prepare(db, "SELECT count(*), coalesce(max(at), 0) FROM login_failure"
				   " WHERE address = :k AND at > :since"),
		    address, p->address_free, now);
	return by_name > by_address ? by_name : by_address;
}

int accounts_failed(struct db *db, const char *name, const char *address, long long uid,
		    const char *role, time_t now, long long waiting)
{
	if (tx_begin(db) != RES_OK)
		return -1;
	int ok = 1;
	if (!waiting) {
		struct db_stmt *st =
		    db_prepare(db, "INSERT INTO login_failure(username, address, at)"
				   " VALUES (:u, :a, :at)");
		ok = st != NULL;
		if (st) {
			db_bind_text(st, ":u", name);
			db_bind_text(st, ":a", address);
			db_bind_int(st, ":at", (long long)now);
			ok = db_step(st) == DB_DONE;
			db_done(st);
		}
	}
	struct user who = {.id = uid, .role = role};
	struct buf d = BUF_INIT;
	buf_puts(&d, "{\"username\":");
	json_escape(&d, name, strlen(name));
	buf_puts(&d, ",\"address\":");
	json_escape(&d, address, strlen(address));
	buf_printf(&d, ",\"wait\":%lld}", waiting);
	ok = ok && audit_log(db, uid ? &who : NULL, waiting ? "login-throttled" : "login-failed",
			     "session", 0, 0, buf_cstr(&d)) == 0;
	buf_release(&d);
	if (!ok || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int accounts_session_open(struct db *db, long long id, time_t now, char token[TOKEN_TEXT])
{
	char th[65], csrf[TOKEN_TEXT];
	accounts_random_token("", token);
	accounts_random_token("", csrf);
	accounts_token_hash(token, th);
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO session(token_hash, user_id, csrf, created_at, seen_at)"
			   " VALUES (:h, :u, :c, :now, :now)");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":u", id);
	db_bind_text(st, ":c", csrf);
	db_bind_int(st, ":now", (long long)now);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int accounts_login(struct db *db, const char *username, const char *password, const char *address,
		   time_t now, char token[TOKEN_TEXT], long long *wait)
{
	*wait = 0;
	if (!address)
		address = "";
	char name[65];
	size_t nl = strlen(username);
	if (nl >= sizeof name || !utf8_valid(username, nl))
		nl = 0; /* a name that cannot exist: still do the same work */
	for (size_t i = 0; i < nl; i++)
		name[i] = (char)tolower((unsigned char)username[i]);
	name[nl] = '\0';

	struct db_stmt *st = db_prepare(db, "SELECT id, password_hash, disabled, role FROM app_user"
					    " WHERE username = :u");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":u", name);
	long long id = 0;
	int disabled = 1;
	char hash[crypto_pwhash_STRBYTES] = "", role[16] = "";
	int rc = db_step(st);
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 1));
		disabled = (int)db_col_int(st, 2);
		snprintf(role, sizeof role, "%s", db_col_text(st, 3));
	}
	db_done(st);
	if (rc == DB_ERR)
		return RES_ERROR;
	long long waiting = accounts_wait(db, name, address, now);
	if (waiting) {
		*wait = waiting;
		return accounts_failed(db, name, address, id, role, now, waiting) != 0
			   ? RES_ERROR
			   : RES_LIMITED;
	}
	int ok = crypto_pwhash_str_verify(id ? hash : dummy_hash, password, strlen(password)) == 0;
	if (!id || !ok || disabled) {
		if (accounts_failed(db, name, address, id, role, now, 0) != 0)
			return RES_ERROR;
		return RES_FORBIDDEN;
	}

	char newhash[crypto_pwhash_STRBYTES];
	int rehash = crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
						    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0 &&
		     accounts_hash(password, newhash, sizeof newhash) == 0;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = accounts_session_open(db, id, now, token);
	st = res == RES_OK ? db_prepare(db, "DELETE FROM login_failure WHERE username = :u"
					    " OR at < :old")
			   : NULL;
	if (st) {
		db_bind_text(st, ":u", name);
		db_bind_int(st, ":old", (long long)now - 86400);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	if (res == RES_OK && rehash) {
		st = db_prepare(db, "UPDATE app_user SET password_hash = :h WHERE id = :id");
		res = RES_ERROR;
		if (st) {
			db_bind_text(st, ":h", newhash);
			db_bind_int(st, ":id", id);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	struct user who = {.id = id, .role = role};
	if (res != RES_OK || audit_log(db, &who, "login", "session", 0, 0, NULL) != 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return RES_ERROR;
	}
	return RES_OK;
}

void accounts_user_read(struct db_stmt *st, struct arena *a, struct user *u)
{
	*u = (struct user){0}; /* what the row does not say (the session) is none */
	u->id = db_col_int(st, 0);
	u->username = arena_strdup(a, db_col_text(st, 1));
	u->full_name = arena_strdup(a, db_col_text(st, 2));
	u->role = arena_strdup(a, db_col_text(st, 3));
	u->scope = db_col_int(st, 4);
	u->scope_name = arena_strdup(a, db_col_text(st, 5));
	u->disabled = (int)db_col_int(st, 6);
	u->enterprise_id = db_col_int(st, 7);
}

int accounts_user_load(struct db *db, struct arena *a, long long id, struct user *u)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ACCOUNTS_USER_COLUMNS " FROM app_user u"
					    " LEFT JOIN unit un ON un.id = u.scope_unit_id"
					    " WHERE u.id = :id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		accounts_user_read(st, a, u);
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int accounts_session(struct db *db, struct arena *a, const char *token, time_t now, struct user *u)
{
	char th[65];
	accounts_token_hash(token, th);
	struct db_stmt *st = db_prepare(
	    db, "SELECT " ACCOUNTS_USER_COLUMNS ", s.csrf, s.seen_at FROM session s"
		" JOIN app_user u ON u.id = s.user_id LEFT JOIN unit un ON un.id = u.scope_unit_id"
		" WHERE s.token_hash = :h AND u.disabled = 0"
		" AND s.seen_at > :idle AND s.created_at > :absolute");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", th);
	db_bind_int(st, ":idle", (long long)now - accounts_policy.session_idle);
	db_bind_int(st, ":absolute", (long long)now - accounts_policy.session_max);
	int rc = db_step(st);
	long long seen = 0;
	if (rc == DB_ROW) {
		accounts_user_read(st, a, u);
		u->csrf = arena_strdup(a, db_col_text(st, 8));
		u->session = arena_strdup(a, th);
		seen = db_col_int(st, 9);
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
	char th[65];
	accounts_token_hash(token, th);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st =
	    db_prepare(db, "DELETE FROM session WHERE token_hash = :h RETURNING"
			   " user_id, (SELECT role FROM app_user WHERE id = user_id)");
	if (!st) {
		db_rollback(db);
		return RES_ERROR;
	}
	db_bind_text(st, ":h", th);
	int rc = db_step(st);
	long long uid = rc == DB_ROW ? db_col_int(st, 0) : 0;
	char role[16] = "";
	if (rc == DB_ROW)
		snprintf(role, sizeof role, "%s", db_col_text(st, 1));
	db_done(st);
	struct user who = {.id = uid, .role = role};
	if (rc == DB_ERR || (uid && audit_log(db, &who, "logout", "session", 0, 0, NULL) != 0) ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return RES_ERROR;
	}
	return RES_OK;
}
