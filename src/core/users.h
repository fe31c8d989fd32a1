/* users.h: managing users inside one's scope: list, create, edit, disable,
 * reset passwords, unlock. A user manages only users of a lower rank whose
 * scope lies in their own (a peer of the same rank: RES_FORBIDDEN; above or
 * outside: RES_NOT_FOUND, like a missing user), grants only roles at or
 * below their own, and cannot change a disable, role or password that a
 * higher rank decided (RES_FORBIDDEN). Every refusal is audited. */
#ifndef LANGSO_USERS_H
#define LANGSO_USERS_H
#include "core/accounts.h"
#include "core/result.h"

struct user_filter {
	const char *q;	  /* NULL or part of the user name or full name */
	const char *role; /* NULL or one role */
	long long after;  /* cursor: the last id of the previous page */
	int limit;	  /* 1..200 */
};

/* users_rank: the rank who acts with (role_rank; the command line acts
 * as an administrator). */
int users_rank(const struct user *who);

/* users_may_manage: 1 when who's role may manage users at all. */
int users_may_manage(const struct user *who);

/* What who may change about target (users_allowed): */
enum {
	USER_MAY_RENAME = 1u,	/* the full name */
	USER_MAY_MOVE = 2u,	/* the role or area */
	USER_MAY_PASSWORD = 4u, /* set a new password */
	USER_MAY_ACCESS = 8u,	/* disable or enable */
	USER_MAY_UNLOCK = 16u,	/* clear the sign-in failures */
};
unsigned users_allowed(struct db *db, const struct user *who, const struct user *target);

int users_list(struct db *db, struct arena *a, const struct user *who, const struct user_filter *f,
	       struct user **out, int *n, long long *next);

/* users_get: user id if who may see it (scope), else RES_NOT_FOUND. */
int users_get(struct db *db, struct arena *a, const struct user *who, long long id,
	      struct user *out);

/* users_create: a new user; *why set on RES_INVALID / RES_CONFLICT. */
int users_create(struct db *db, const struct user *who, const char *username, const char *full_name,
		 const char *role, long long scope, const char *password, long long *id,
		 const char **why);

/* users_create_enterprise: a user of role enterprise for one of the
 * enterprises who can see; it works in that enterprise's communes. */
int users_create_enterprise(struct db *db, const struct user *who, long long enterprise,
			    const char *username, const char *full_name, const char *password,
			    long long *id, const char **why);

/* users_update: name, role and scope; a change of role or scope ends the
 * user's sessions and revokes nothing else. */
int users_update(struct db *db, const struct user *who, long long id, const char *full_name,
		 const char *role, long long scope, const char **why);

/* users_set_disabled: disable (ends sessions, API tokens stop working) or
 * enable a user. */
int users_set_disabled(struct db *db, const struct user *who, long long id, int disabled,
		       const char **why);

/* users_set_password: set a user's password (who may be the user: then
 * old_password must be right). Ends the user's other sessions. */
int users_set_password(struct db *db, const struct user *who, long long id,
		       const char *old_password, const char *password, const char **why);

/* users_password_store: in the caller's transaction, give user id the
 * password hash, end its sessions (but who's own, when who is the user)
 * and record who decided it (undone when the user chose it). RES_OK or
 * RES_ERROR. */
int users_password_store(struct db *db, const struct user *who, long long id, const char *hash);

/* users_check_password: may who replace the password of user id (loaded
 * into target)? As users_set_password decides, audited as action when
 * refused. */
int users_check_password(struct db *db, struct arena *a, const struct user *who, long long id,
			 const char *action, struct user *target, const char **why);
/* users_password_decided: record, in the caller's transaction, that who
 * decided user id's password (so that only who's rank or higher may
 * replace it; undone when the user sets it themselves). 0 or -1. */
int users_password_decided(struct db *db, const struct user *who, long long id);

/* users_unlock: forget the failed sign-ins of user id. */
int users_unlock(struct db *db, const struct user *who, long long id);

/* users_find: the id of username, or 0. */
long long users_find(struct db *db, const char *username);

#endif
