/* progress.h: targets (G6, G11) and progress against them (G10): targets
 * assigned to the units below one's scope per indicator and period (month,
 * quarter, year); for any unit and period, target, actual and percent per
 * indicator read from the roll-ups (never the raw values), and the
 * completeness of the reports. */
#ifndef LANGSO_PROGRESS_H
#define LANGSO_PROGRESS_H
#include "core/catalog.h"
#include "core/periods.h"
#include "core/teams.h"
#include "core/units.h"

struct progress_item {
	const struct indicator *ind;
	long long target; /* -1: none */
	long long actual;
	int percent;		    /* -1: no target */
	long long children_targets; /* sum of the targets of the units below (-1: none) */
};

struct completeness {
	long long expected, received, on_time, late, missing;
};

struct missing_team {
	long long id;
	const char *name, *village, *commune, *period;
};

/* progress_get: progress of unit for period p, inside who's scope. Reads
 * agg for units above villages and the team's own reports for a village.
 * Completeness: the begun reporting periods × the teams active now,
 * against the counted reports' roll-up. missing: the teams without a
 * report, when p is one reporting period and unit a commune or village
 * (at most 500). */
int progress_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct period *p, time_t now, struct progress_item **items, int *n,
		 struct completeness *c, struct missing_team **missing, int *nmissing);

/* The targets of a unit and of the units right below it, for one period. */
struct target_grid {
	struct unit unit;
	struct unit_page children; /* up to UNITS_PAGE_MAX */
	struct indicator *inds;
	int ni;
	long long *values; /* row-major, (1 + children.n) × ni; row 0 is the unit; -1: none */
	int *editable;	   /* per row: may the caller set these targets? */
};

/* targets_grid_get: the grid of unit (inside who's scope) for period (a
 * month, quarter or year), read in one query. Returns RES_OK,
 * RES_NOT_FOUND (missing, outside scope, or not such a period) or RES_ERROR. */
int targets_grid_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const char *period, struct target_grid *g);

/* targets_may_set: may who assign targets to unit (a unit below its scope)? */
int targets_may_set(struct db *db, const struct user *who, long long unit);

/* targets_set: the targets of unit for period (a month, quarter or year):
 * codes[i] = values[i] (an empty value removes the target). */
int targets_set(struct db *db, const struct user *who, long long unit, const char *period,
		const char *const *codes, const char *const *values, int n,
		struct field_errors *fe);

/* targets_import_csv: targets from a CSV file in the columns of the
 * download (unit_id;unit;period;CODE...), all or nothing; an empty cell
 * leaves a target as it is. */
struct import_result;
int targets_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		       size_t len, struct import_result *r);

#endif
