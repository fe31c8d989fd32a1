/* targets.h: targets (G6, G11): provinces assign them to their communes,
 * communes to their villages' teams, per indicator and month, quarter or
 * year; a grid of a unit and the units right below it, saved at once. */
#ifndef LANGSO_TARGETS_H
#define LANGSO_TARGETS_H
#include "core/catalog.h"
#include "core/units.h"

/* The targets of a unit and of all the units right below it, for one period. */
struct target_grid {
	struct unit unit;
	struct unit *children; /* every one, by name */
	int nchildren;
	struct indicator *inds;
	int ni;
	long long *values; /* row-major, (1 + nchildren) × ni; row 0 is the unit; -1: none */
	int *editable;	   /* per row: may the caller set these targets? */
};

/* targets_grid_get: the grid of unit (inside who's scope) for period p (a
 * month, quarter or year). Returns RES_OK, RES_NOT_FOUND (missing, outside
 * scope, or a week) or RES_ERROR. */
int targets_grid_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const struct period *p, struct target_grid *g);

/* targets_may_set: may who assign targets to unit (a unit below its scope)? */
int targets_may_set(struct db *db, const struct user *who, long long unit);

/* The targets of one unit: codes[i] = values[i] (an empty value removes
 * the target). */
struct target_row {
	long long unit;
	const char *const *codes;
	const char *const *values;
	int n;
};

/* targets_set: the targets of the rows for period p (a month, quarter or
 * year), all in one transaction, or nothing. Errors (strings from ra) name
 * the field "t_<unit>_<CODE>" (rows > 1) or "<CODE>" (one row). */
int targets_set(struct db *db, struct arena *ra, const struct user *who, const struct period *p,
		const struct target_row *rows, int nrows, struct field_errors *fe);

/* targets_import_csv: targets from a CSV file in the columns of the
 * download (unit_id;unit;period;CODE...), all or nothing; an empty cell
 * leaves a target as it is. */
struct import_result;
int targets_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		       size_t len, struct import_result *r);

#endif
