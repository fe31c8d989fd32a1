/* demo.h: the Lạng Sơn demo: official units, generated villages, one user
 * per role. */
#ifndef LANGSO_DEMO_H
#define LANGSO_DEMO_H
#include "db/db.h"

#define DEMO_PROVINCE "20" /* Lạng Sơn, where the teams began */
#define DEMO_PASSWORD "langso-demo-2026"

struct demo_login {
	const char *username, *full_name, *role;
	const char *scope_level, *scope_code; /* the scope unit */
};

extern const struct demo_login demo_logins[];
extern const int demo_logins_count;

/* demo_build: fill an empty, migrated database with the demo. Returns
 * RES_OK or RES_ERROR (with a message on stderr). */
int demo_build(struct db *db);

/* demo_trainings: a year of the province's trainings with attendance. */
struct user;
int demo_trainings(struct db *db, long long province, const struct user *cli);
/* demo_practices: good practices written, published and marked by the
 * demo's users (after they exist). */
int demo_practices(struct db *db);
/* demo_group: the management groups' contacts and announcements, read and
 * answered by some of their recipients (after the users exist). */
int demo_group(struct db *db);
/* demo_user: the demo user called name, as a session would load it: 0,
 * or -1. */
struct arena;
int demo_user(struct db *db, struct arena *a, const char *name, struct user *u);

#endif
