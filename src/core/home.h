/* home.h: what a signed-in user should look at first: the reports of a
 * status below a unit (returned ones for a team, submitted ones waiting
 * for a commune's review) and how complete each unit right below is for a
 * reporting period (the lagging ones for a province or the ministry). */
#ifndef LANGSO_HOME_H
#define LANGSO_HOME_H
#include "core/accounts.h"
#include "core/periods.h"
#include "core/reports.h"
#include "core/result.h"

struct home_report {
	long long report_id, team_id;
	const char *team, *village, *note;
	char period[PERIOD_TEXT];
	enum report_status status;
	int late;
	int resubmitted; /* submitted again after a return */
};

/* home_reports: up to limit (1..100) reports of status s of the teams
 * below unit inside who's scope, the newest period first; *total counts
 * all of them. Strings from a. */
int home_reports(struct db *db, struct arena *a, const struct user *who, long long unit,
		 enum report_status s, int limit, struct home_report **out, int *n,
		 long long *total);

struct home_child {
	long long unit_id;
	const char *name;
	long long expected, received; /* teams expected for the period, reports counted */
};

/* home_children: for each unit right below unit (inside who's scope), the
 * teams expected to report for the reporting period p (a week or a month)
 * and the reports counted, the least complete first. RES_INVALID when no
 * form is filled for periods like p. */
int home_children(struct db *db, struct arena *a, const struct user *who, long long unit,
		  const struct period *p, struct home_child **out, int *n);

#endif
