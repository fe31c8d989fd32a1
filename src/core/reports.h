/* reports.h: periodic reports (G8): a team fills a form for a period (a
 * draft, then submitted), the commune returns it with a reason or accepts
 * it (then it is locked until an officer unlocks it with a reason). Every
 * change is a revision. Submitted and accepted values are counted into the
 * roll-ups (core/rollup.h) in the same transaction, so every level reads
 * its totals at once. A report can be filled only for a period that has
 * begun (in Vietnam time) and while its team exists. */
#ifndef LANGSO_REPORTS_H
#define LANGSO_REPORTS_H
#include "core/catalog.h"
#include "core/teams.h"
#include <stdio.h>
#include <time.h>

/* The statuses, in the order of the table in reports.c. */
enum report_status {
	REPORT_NONE,	  /* nothing saved yet */
	REPORT_DRAFT,	  /* saved, not sent */
	REPORT_SUBMITTED, /* sent: counted, waiting for review */
	REPORT_RETURNED,  /* sent back to the team with a reason: not counted */
	REPORT_ACCEPTED,  /* accepted by the commune: counted and locked */
};

/* report_status_name: as stored and in the API ("" for REPORT_NONE). */
const char *report_status_name(enum report_status s);
/* report_status_label: its msgid for people ("not sent", "submitted", ...). */
const char *report_status_label(enum report_status s);
/* report_status_of: the status stored as name (REPORT_NONE if unknown). */
enum report_status report_status_of(const char *name);
/* report_status_counted: do its values count in the roll-ups? */
int report_status_counted(enum report_status s);

/* What may be done to a report: a set of these bits. */
enum report_action {
	REPORT_SAVE = 1,   /* save a draft */
	REPORT_SUBMIT = 2, /* send */
	REPORT_RETURN = 4, /* send back with a reason */
	REPORT_ACCEPT = 8, /* accept and lock */
	REPORT_UNLOCK = 16 /* unlock an accepted report, with a reason */
};
/* report_action_of: "save", "submit", "return", "accept", "unlock" → its
 * bit, 0 for anything else; report_action_name: the reverse. */
unsigned report_action_of(const char *name);
const char *report_action_name(unsigned action);

/* Why a report cannot be filled. */
enum report_window {
	WINDOW_OPEN,	  /* it can */
	WINDOW_NOT_BEGUN, /* the period has not begun (opens_on says when) */
	WINDOW_NO_TEAM,	  /* the team did not exist during the period */
};

/* reports_open_early_days: how many days before it begins a period opens
 * (0: on its first day). Set once at start (serve --open-early). */
extern int reports_open_early_days;

struct report {
	long long id; /* 0: nothing saved yet */
	long long team_id, form_id;
	struct period period;
	char key[PERIOD_TEXT]; /* the period's canonical text */
	enum report_status status;
	const char *due_on, *submitted_at, *note; /* submitted_at: UTC, "" if never */
	int late, revision;
	int resubmitted;	   /* submitted again after a return */
	enum report_window window; /* may it be filled now? */
	char opens_on[11];	   /* WINDOW_NOT_BEGUN: the day it opens */
	unsigned actions;	   /* what the reader may do now (enum report_action) */
};

struct report_line {
	const struct indicator *ind;
	long long value;    /* -1: none */
	long long previous; /* the previous period's value, -1: none */
};

struct report_revision {
	int revision;
	const char *at, *username, *action, *values_json, *note;
	const char *full_name; /* of the user ("" when none) */
	enum report_status status;
	int nvalues;	    /* the values the report held after it */
	const char **codes; /* indicator codes, in the indicators' order */
	const long long *values;
};

/* reports_may_fill: may who enter team's report? (its own members, or an
 * officer of commune level and above in scope) */
int reports_may_fill(struct db *db, const struct user *who, long long team);

/* reports_get: the report of team for form and period p at instant now
 * (r->id 0 when none yet) with one line per indicator and the previous
 * period's values. RES_INVALID when p is not of the form's kind. */
int reports_get(struct db *db, struct arena *a, const struct user *who, long long team,
		const struct form *f, const struct period *p, time_t now, struct report *r,
		struct report_line **lines, int *n);

/* reports_save: at instant now, set the values named (codes[i] =
 * values[i]; an empty value clears one; others kept) and submit when
 * submit. Values are whole numbers from 0 to the indicator's ceiling; a
 * submission needs at least one value (0 is one). Refused (RES_INVALID,
 * field "period") for a period that has not begun or when the team did not
 * exist during it. Returns RES_OK (r, and lines and nlines unless NULL,
 * filled as by reports_get, from ra), RES_INVALID (fe), RES_CONFLICT (accepted, so
 * locked), RES_NOT_FOUND, RES_FORBIDDEN or RES_ERROR. */
int reports_save(struct db *db, struct arena *ra, const struct user *who, long long team,
		 const struct form *f, const struct period *p, const char *const *codes,
		 const char *const *values, int n, int submit, time_t now, struct field_errors *fe,
		 struct report *r, struct report_line **lines, int *nlines);

/* reports_review: REPORT_RETURN (with a reason; its values leave the
 * roll-ups), REPORT_ACCEPT (locks it) or REPORT_UNLOCK (with a reason) a
 * report, by an officer of commune level and above in scope. */
int reports_review(struct db *db, const struct user *who, long long report, unsigned action,
		   const char *reason, struct field_errors *fe);

/* reports_find: the id of team's report of form for the period key (0: none). */
long long reports_find(struct db *db, long long team, long long form, const char *key);
/* reports_team: the team of a report who may see (0: none), with its form
 * and period. */
long long reports_team(struct db *db, const struct user *who, long long report, long long *form,
		       struct period *period);

/* reports_revisions: every revision of a report, newest first. */
int reports_revisions(struct db *db, struct arena *a, long long report,
		      struct report_revision **out, int *n);

/* One team's report for a period, for the commune's review list. */
struct report_row {
	long long team_id, report_id; /* report 0: none yet */
	const char *team, *village, *submitted_at;
	enum report_status status;
	int late;
	int resubmitted; /* submitted again after a return */
};

/* The SQL test of a report r sent again after it was returned. */
#define REPORT_RESUBMITTED                                                                         \
	"(r.status = 'submitted' AND EXISTS (SELECT 1 FROM report_revision y"                      \
	" WHERE y.report_id = r.id AND y.action = 'return'))"

/* reports_list: a page of the teams below unit expected for period p (see
 * rollup_expected), with their report of form: submitted ones first
 * (waiting for review), then missing and drafts, returned, accepted; by
 * village. after: 0, or the cursor of the previous page; *next: the
 * cursor of the next, 0 on the last. limit 1..REPORTS_PAGE_MAX. */
#define REPORTS_PAGE_MAX 500
int reports_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct form *f, const struct period *p, long long after, int limit,
		 struct report_row **out, int *n, long long *next);

/* reports_team_life: the first and last day team exists (last "" while it
 * does). Returns RES_OK, RES_NOT_FOUND or RES_ERROR. */
int reports_team_life(struct db *db, long long team, char first[11], char last[11]);

#endif
