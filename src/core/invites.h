/* invites.h: accounts for a whole commune or province from its roster, and
 * one-time sign-in codes. There is no e-mail: an officer makes the accounts
 * of every team member at once, prints or sends each member a code (and a
 * link that carries it), and the member sets a password with it. A
 * forgotten password is a new code from an officer. Codes are 12 digits
 * (easy on a phone's number pad), live 30 days, are spent on use, and only
 * their hash is stored; guesses are throttled like sign-ins. */
#ifndef LANGSO_INVITES_H
#define LANGSO_INVITES_H
#include "core/accounts.h"
#include "core/result.h"
#include "util/arena.h"

#define INVITE_DIGITS 12
#define INVITE_CODE 16 /* the digits and a NUL */
#define INVITE_DAYS 30

/* An account with its new code (shown once: only its hash is kept). */
struct invite {
	long long user_id;
	const char *username, *full_name;
	const char *member_role; /* leader, deputy, member; "" for an officer's user */
	long long team_id;
	const char *team_name, *village_name;
	long long commune_id;
	const char *commune_name;
	char code[INVITE_CODE];
	long long expires_at; /* unix seconds */
};

/* invites_roster: an account of role team (in its team's village) with a
 * code for every current member of every team in unit or below that has
 * no account yet, in one transaction; out in order of commune, team,
 * leader first, name. Members who have one already are counted into *had
 * and left alone: running it again makes only the accounts still missing.
 * RES_OK, RES_FORBIDDEN (who manages no users), RES_NOT_FOUND (unit not in
 * who's area) or RES_ERROR. */
int invites_roster(struct db *db, struct arena *a, const struct user *who, long long unit,
		   time_t now, struct invite **out, int *n, int *had);

/* invites_count: the current members of the teams in unit or below, and
 * how many of them have an account (what invites_roster would leave). */
int invites_count(struct db *db, const struct user *who, long long unit, time_t now,
		  long long *members, long long *had);

/* invites_reissue: a new code for user id (the old one stops working),
 * when who may set its password; *why on RES_FORBIDDEN. */
int invites_reissue(struct db *db, struct arena *a, const struct user *who, long long id,
		    time_t now, struct invite *out, const char **why);

/* invites_normalize: the digits of a code as typed (spaces and dashes
 * dropped) into out: 1 when they are a code's length, else 0. */
int invites_normalize(const char *typed, char out[INVITE_CODE]);

/* invites_open: the user a live code belongs to (username, full name),
 * tried from address: RES_OK; RES_NOT_FOUND (no live code: counted as a
 * failed sign-in from address); RES_LIMITED (*wait seconds); RES_ERROR.
 * Spends nothing. */
int invites_open(struct db *db, struct arena *a, const char *code, const char *address, time_t now,
		 struct user *u, long long *wait);

/* invites_redeem: with a live code tried from address (as invites_open),
 * set the password of its user, spend the code, end the user's sessions
 * and open a new one (token). RES_OK; RES_INVALID (*why: the password);
 * RES_NOT_FOUND; RES_LIMITED (*wait seconds); RES_ERROR. */
int invites_redeem(struct db *db, const char *code, const char *password, const char *address,
		   time_t now, char token[TOKEN_TEXT], long long *wait, const char **why);

#endif
