/* accounts.h: who is acting: users, passwords (argon2id), sign-in with
 * lockout, and sessions kept in the database (only token hashes stored), so
 * any server process can serve any request. User management is users.h,
 * API tokens tokens.h. */
#ifndef LANGSO_ACCOUNTS_H
#define LANGSO_ACCOUNTS_H
#include "db/db.h"
#include "util/arena.h"
#include <time.h>

#define PASSWORD_MIN 12	 /* characters */
#define PASSWORD_MAX 256 /* characters */
#define TOKEN_TEXT 48	 /* room for a base64url token of 32 bytes and a prefix */

/* A user as the rules see them: the actor of every core call. */
struct user {
	long long id; /* 0 for the command line */
	const char *username, *full_name;
	const char
	    *role; /* admin, ministry, province, district, commune, enterprise, team, viewer */
	long long scope; /* scope unit id */
	const char *scope_name;
	int disabled;
	long long enterprise_id; /* an enterprise user: its enterprise (scope = its communes) */
	const char *csrf;	 /* the session's CSRF token (NULL for API tokens) */
	const char *session;	 /* the session's token hash (NULL for API tokens) */
};

/* Limits in force; set once at start (server flags), read-only after. */
struct accounts_policy {
	int session_idle; /* seconds without a request before a session ends */
	int session_max;  /* seconds after sign-in when a session ends anyway */
	/* Sign-in throttling: failed sign-ins within window seconds count;
	 * after name_free failures of one name (from anywhere) or
	 * address_free failures from one address (for any name), each further
	 * attempt must wait 1, 2, 4 ... seconds after the last failure, at
	 * most max_delay. Nothing is locked: a waiting name's sessions go on. */
	int name_free, address_free;
	int window, max_delay;
};
extern struct accounts_policy accounts_policy;

/* accounts_init: libsodium and the password blocklist; call once. */
int accounts_init(void);

/* accounts_cli_actor: the actor of command-line commands: an administrator
 * with the nation as scope (id 0; audit rows say role "cli"). */
struct user accounts_cli_actor(struct db *db);

/* accounts_password_problem: NULL when password is acceptable for username,
 * else the English msgid saying why. */
const char *accounts_password_problem(const char *password, const char *username);

/* accounts_hash: the argon2id hash of password into out. Returns 0 or -1. */
int accounts_hash(const char *password, char *out, size_t size);

/* accounts_login: check username and password, tried from address at time
 * now; on success create a session (a new token: no fixation) and write
 * its token into token. Returns RES_OK, RES_FORBIDDEN (same answer for a
 * wrong name, a wrong password and a disabled user), RES_LIMITED with
 * *wait the seconds to wait (the policy's throttle: the password is not
 * even checked) or RES_ERROR. */
int accounts_login(struct db *db, const char *username, const char *password, const char *address,
		   time_t now, char token[TOKEN_TEXT], long long *wait);

/* accounts_session: the user of a live session token (strings from a);
 * renews its idle timer. Returns RES_OK, RES_NOT_FOUND or RES_ERROR. */
int accounts_session(struct db *db, struct arena *a, const char *token, time_t now, struct user *u);

/* accounts_logout: end the session of token. */
int accounts_logout(struct db *db, const char *token);

/* accounts_token_hash: the stored form (hex SHA-256) of a secret token. */
void accounts_token_hash(const char *token, char out[65]);
/* accounts_session_open: a new session of user id (inside the caller's
 * transaction), its token into token. RES_OK or RES_ERROR. */
int accounts_session_open(struct db *db, long long id, time_t now, char token[TOKEN_TEXT]);
/* accounts_wait: seconds that an attempt of name ("" when the attempt has
 * no name, like a sign-in code) from address must still wait. */
long long accounts_wait(struct db *db, const char *name, const char *address, time_t now);
/* accounts_failed: record a failed (or, waiting > 0, a throttled) attempt
 * in its own transaction: a failure counts toward accounts_wait, and both
 * leave an audit row. 0 or -1. */
int accounts_failed(struct db *db, const char *name, const char *address, long long uid,
		    const char *role, time_t now, long long waiting);
/* accounts_random_token: a new random token (prefix + 43 base64url chars). */
void accounts_random_token(const char *prefix, char out[TOKEN_TEXT]);

/* The columns of a user row (app_user u LEFT JOIN unit un on the scope), and
 * their reading into u (strings from a). */
#define ACCOUNTS_USER_COLUMNS                                                                      \
	"u.id, u.username, u.full_name, u.role, u.scope_unit_id, coalesce(un.name, ''), "          \
	"u.disabled, coalesce(u.enterprise_id, 0)"
void accounts_user_read(struct db_stmt *st, struct arena *a, struct user *u);

/* accounts_user_load: fill u with user id's row (strings from a). */
int accounts_user_load(struct db *db, struct arena *a, long long id, struct user *u);

#endif
