/* summary.h: what goes up for a unit and a period, gathered whole: its own
 * progress, every child side by side (by name), every team still missing
 * a report, every open difficulty below it and its training coverage.
 * What the workbook, the
 * printable report and the DHIS2 export are written from. */
#ifndef LANGSO_SUMMARY_H
#define LANGSO_SUMMARY_H
#include "core/breakdown.h"
#include "core/coverage.h"
#include "core/difficulties.h"

struct summary {
	struct unit unit;
	struct period p;
	struct progress_item *items; /* the unit's own */
	int n;
	struct completeness c;
	struct breakdown_row *rows; /* its children, by name */
	int nrows;
	struct missing_team *missing; /* none for a quarter or a year */
	int nmissing;
	struct difficulty *difficulties; /* open ones, oldest first */
	int ndifficulties;
	/* training coverage at the period's end (or today, while it runs):
	 * the unit's and its children's */
	char coverage_day[11];
	struct coverage coverage;
	struct coverage_row *coverage_rows;
	int ncoverage;
};

/* summary_get: the summary of unit for p at instant now, inside who's
 * scope, every list read to its end page by page. RES_NOT_FOUND when the
 * unit is not in scope. Strings from a. */
int summary_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		const struct period *p, time_t now, struct summary *out);

#endif
