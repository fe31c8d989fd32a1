/* accounts.h: users, roles, passwords (argon2id) and sessions kept in the
 * database (only token hashes stored), so any server process can serve any
 * request. */
#ifndef LANGSO_ACCOUNTS_H
#define LANGSO_ACCOUNTS_H
#include "db/db.h"
#include "util/arena.h"
#include <time.h>

#define PASSWORD_MIN 12	 /* characters */
#define PASSWORD_MAX 256 /* characters */
#define SESSION_IDLE (30 * 60)
#define SESSION_ABSOLUTE (12 * 60 * 60)
#define TOKEN_TEXT 44 /* base64url of 32 bytes, plus NUL */

struct user {
	long long id;
	const char *username, *full_name;
	const char
	    *role; /* admin, ministry, province, district, commune, team, enterprise, viewer */
	long long scope;  /* scope unit id */
	const char *csrf; /* the session's CSRF token */
};

/* accounts_init: libsodium set-up; call once. Returns 0 or -1. */
int accounts_init(void);

/* accounts_role_valid: 1 for a known role. */
int accounts_role_valid(const char *role);

/* accounts_password_problem: NULL when password is acceptable, else the
 * English msgid saying why. */
const char *accounts_password_problem(const char *password);

/* accounts_add: create a user with scope unit scope; writes an audit row
 * for by_user (0 = the command line). Returns RES_OK (*id set),
 * RES_CONFLICT (username taken), RES_INVALID (*why set) or RES_ERROR. */
int accounts_add(struct db *db, const char *username, const char *full_name, const char *role,
		 long long scope, const char *password, long long by_user, long long *id,
		 const char **why);

/* accounts_login: check username and password; on success create a session
 * and write its token (for the cookie) into token. Returns RES_OK,
 * RES_FORBIDDEN (wrong name or password, same answer for both) or RES_ERROR. */
int accounts_login(struct db *db, const char *username, const char *password, time_t now,
		   char token[TOKEN_TEXT]);

/* accounts_session: the user of a live session token (strings from a);
 * renews its idle timer. Returns RES_OK, RES_NOT_FOUND or RES_ERROR. */
int accounts_session(struct db *db, struct arena *a, const char *token, time_t now, struct user *u);

/* accounts_logout: end the session of token. */
int accounts_logout(struct db *db, const char *token);

#endif
