/* tokens.h: API tokens for integrations (Authorization: Bearer ...): made
 * by a user for themselves, with their own role and scope, shown once,
 * revocable; only their hash is stored. Also the one-time setup token of a
 * new installation. */
#ifndef LANGSO_TOKENS_H
#define LANGSO_TOKENS_H
#include "core/accounts.h"
#include "core/result.h"

struct api_token {
	long long id;
	const char *name;
	long long created_at, last_used_at, revoked_at; /* unix seconds, 0 = never */
};

/* tokens_create: a new token for who named name, written to token (shown
 * to the user once). Returns RES_OK, RES_INVALID or RES_ERROR. */
int tokens_create(struct db *db, const struct user *who, const char *name, time_t now,
		  char token[TOKEN_TEXT], long long *id);
/* tokens_list: who's own tokens, newest first. */
int tokens_list(struct db *db, struct arena *a, const struct user *who, struct api_token **out,
		int *n);
/* tokens_revoke: revoke one of who's tokens (RES_NOT_FOUND otherwise). */
int tokens_revoke(struct db *db, const struct user *who, long long id, time_t now);
/* tokens_auth: the user of a live token (not revoked, user enabled). */
int tokens_auth(struct db *db, struct arena *a, const char *token, time_t now, struct user *u);

/* setup_token_create: a one-time token (valid 24 hours) to create the first
 * administrator from the web page /setup/TOKEN. */
int setup_token_create(struct db *db, time_t now, char token[TOKEN_TEXT]);
/* setup_first_admin: with a valid setup token and no user yet, create the
 * administrator and spend the token. */
int setup_first_admin(struct db *db, const char *token, const char *username, const char *password,
		      time_t now, const char **why);
/* setup_token_valid: 1 when token may still be used. */
int setup_token_valid(struct db *db, const char *token, time_t now);

#endif
