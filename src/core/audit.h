/* audit.h: the audit trail; every write leaves a row in its transaction,
 * and so do failed sign-ins and refused requests. */
#ifndef LANGSO_AUDIT_H
#define LANGSO_AUDIT_H
#include "core/accounts.h"
#include "db/db.h"
#include "util/arena.h"

/* audit_log: add one row for who (NULL: nobody signed in; the command line
 * is ACTOR_CLI), entity_id/unit_id 0 for none, detail_json a JSON object or
 * NULL. Call inside the write's transaction. Returns 0 or -1. Never put a
 * password or token in detail_json. */
int audit_log(struct db *db, const struct user *who, const char *action, const char *entity,
	      long long entity_id, long long unit_id, const char *detail_json);

struct audit_row {
	long long id;
	const char *at;	      /* UTC, ISO 8601 */
	const char *username; /* "" for nobody / the command line */
	const char *role;
	const char *action, *entity;
	long long entity_id, unit_id;
	const char *unit_name;
	const char *detail_json;
};

struct audit_filter {
	const char *username;  /* NULL or exact user name */
	long long unit;	       /* 0 or a unit: rows about it and below */
	const char *entity;    /* NULL or an entity */
	const char *from, *to; /* NULL or dates YYYY-MM-DD, inclusive */
	long long before;      /* cursor: rows with a smaller id */
	int limit;	       /* 1..200 */
};

/* audit_list: the newest rows first that who may see: every row for the
 * nation's scope; otherwise rows about units in who's scope or done by
 * users in it. Rows from a. Sets *next (0 on the last page). */
int audit_list(struct db *db, struct arena *a, const struct user *who, const struct audit_filter *f,
	       struct audit_row **rows, int *n, long long *next);

#endif
