/* reports.h: periodic reports (G8): a team fills a form for a period (a
 * draft, then submitted), the commune returns it with a reason or accepts
 * it (then it is locked until an officer unlocks it with a reason). Every
 * change is a revision. Submitted and accepted values are counted into the
 * roll-ups (agg) of every ancestor unit in the same transaction, so every
 * level reads its totals at once. */
#ifndef LANGSO_REPORTS_H
#define LANGSO_REPORTS_H
#include "core/catalog.h"
#include "core/teams.h"
#include <stdio.h>

struct report {
	long long id; /* 0: nothing saved yet */
	long long team_id, form_id;
	const char *period, *status; /* draft, submitted, returned, accepted */
	const char *due_on, *submitted_at, *note;
	int late, revision;
};

struct report_line {
	const struct indicator *ind;
	long long value;    /* -1: none */
	long long previous; /* the previous period's value, -1: none */
};

struct report_revision {
	int revision;
	const char *at, *username, *action, *status, *values_json, *note;
};

/* reports_may_fill: may who enter team's report? (its own members, or an
 * officer of commune level and above in scope) */
int reports_may_fill(struct db *db, const struct user *who, long long team);

/* reports_get: the report of team for form and period (r->id 0 when none
 * yet) with one line per indicator and the previous period's values. */
int reports_get(struct db *db, struct arena *a, const struct user *who, long long team,
		const struct form *f, const char *period, struct report *r,
		struct report_line **lines, int *n);

/* reports_save: set the values named (codes[i] = values[i]; others kept),
 * and submit when submit. Values are whole numbers from 0 to the
 * indicator's ceiling. An accepted report is locked. Returns RES_OK (r
 * filled, strings from ra), RES_INVALID (fe), RES_CONFLICT (locked), RES_NOT_FOUND,
 * RES_FORBIDDEN or RES_ERROR. */
int reports_save(struct db *db, struct arena *ra, const struct user *who, long long team,
		 const struct form *f, const char *period, const char *const *codes,
		 const char *const *values, int n, int submit, time_t now, struct field_errors *fe,
		 struct report *r);

/* reports_review: "return" (with a reason; its values leave the roll-ups),
 * "accept" (locks it) or "unlock" (with a reason) a report, by an officer
 * of commune level and above in scope. */
int reports_review(struct db *db, const struct user *who, long long report, const char *action,
		   const char *reason, struct field_errors *fe);

/* reports_find: the id of team's report of form for period (0: none). */
long long reports_find(struct db *db, long long team, long long form, const char *period);
/* reports_team: the team of a report who may see (0: none). */
long long reports_team(struct db *db, const struct user *who, long long report, long long *form,
		       const char **period, struct arena *a);

int reports_revisions(struct db *db, struct arena *a, long long report,
		      struct report_revision **out, int *n);

/* One team's report for a period, for the commune's review list. */
struct report_row {
	long long team_id, report_id; /* report 0: none yet */
	const char *team, *village, *status, *submitted_at;
	int late;
};

/* reports_list: the active teams below unit with their report of form for
 * period: submitted ones first (waiting for review), then missing, returned,
 * accepted. */
int reports_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct form *f, const char *period, struct report_row **out, int *n);

/* reports_check: recompute every roll-up from the counted reports and count
 * the differences with agg (0 when they agree); prints each difference to
 * f when f is not NULL. Returns the count, or -1 on error. */
long long reports_check(struct db *db, FILE *f);

#endif
