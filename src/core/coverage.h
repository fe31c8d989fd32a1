/* coverage.h: training coverage (G4): of the teams and members that exist
 * on a day, how many have been trained: present at a training begun by
 * that day (on a given platform, or any). A member counts while in a team
 * (joined by the day, not left); a team counts as trained when one of its
 * members of the day is. Members who join later start untrained; members
 * who leave take their training with them. */
#ifndef LANGSO_COVERAGE_H
#define LANGSO_COVERAGE_H
#include "core/accounts.h"
#include "core/result.h"
#include "core/units.h"

struct coverage {
	long long teams, teams_trained, members, members_trained;
};

struct coverage_row {
	struct unit u;
	struct coverage c;
};

/* coverage_percent: part of whole in percent (-1 when whole is 0). */
int coverage_percent(long long part, long long whole);

/* coverage_get: the coverage of unit on day (ISO) for platform (0: any):
 * its total and every unit right below it in who's area, by name. */
int coverage_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 long long platform, const char *day, struct coverage *total,
		 struct coverage_row **rows, int *n);

struct untrained_team {
	long long team_id, village_id, commune_id;
	const char *team, *village, *commune;
	long long members; /* its members on the day */
};
#define UNTRAINED_PAGE_MAX 500
/* coverage_untrained: a page of the teams below unit in who's area
 * without a trained member on day, by commune and village (the list to
 * invite next); offset paging: *next is 0 after the last page. */
int coverage_untrained(struct db *db, struct arena *a, const struct user *who, long long unit,
		       long long platform, const char *day, long long offset, int limit,
		       struct untrained_team **out, int *n, long long *next);

#endif
