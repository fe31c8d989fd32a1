/* difficulties.h: difficulties and obstacles (khó khăn, vướng mắc, G8):
 * raised by a team (from a report or on their own), they land with the
 * commune, which answers, resolves or escalates them to the level above
 * (district where it exists, province, ministry). */
#ifndef LANGSO_DIFFICULTIES_H
#define LANGSO_DIFFICULTIES_H
#include "core/accounts.h"
#include "core/result.h"

struct difficulty {
	long long id, team_id, report_id, unit_id;
	const char *team, *village, *text, *category, *status, *level, *opened_at, *resolved_at;
	const char *unit; /* the unit whose queue holds it */
	int replies;
};

struct difficulty_reply {
	const char *at, *username, *action, *text;
};

/* difficulties_open: a new difficulty of team (report 0: none); by the
 * team's members or an officer in scope. */
int difficulties_open(struct db *db, const struct user *who, long long team, long long report,
		      const char *text, const char *category, struct field_errors *fe,
		      long long *id);
#define DIFFICULTIES_PAGE_MAX 200

/* difficulty_category_msgid, difficulty_status_msgid: the msgid of a
 * stored category or status, to translate. */
const char *difficulty_category_msgid(const char *code);
const char *difficulty_status_msgid(const char *code);

/* difficulties_list: a page of those in who's scope (status NULL: not
 * resolved), oldest first; mine: only those waiting at who's own unit;
 * below: when not 0, only those of the teams below that unit.
 * after: 0 or the previous page's cursor; *next: the next page's (0: last).
 * limit 1..DIFFICULTIES_PAGE_MAX. */
int difficulties_list(struct db *db, struct arena *a, const struct user *who, const char *status,
		      int mine, long long below, long long after, int limit,
		      struct difficulty **out, int *n, long long *next);
/* difficulties_count_waiting: the unresolved difficulties at who's unit. */
long long difficulties_count_waiting(struct db *db, const struct user *who);
int difficulties_get(struct db *db, struct arena *a, const struct user *who, long long id,
		     struct difficulty *out, struct difficulty_reply **replies, int *n);
/* difficulties_act: "reply", "escalate" (to the level above) or "resolve",
 * by an officer whose scope holds the difficulty's current unit. */
int difficulties_act(struct db *db, const struct user *who, long long id, const char *action,
		     const char *text, struct field_errors *fe);

#endif
