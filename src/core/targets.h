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

/* Reorganisations: the targets of a unit that was closed stay with it; a
 * person may carry them, all or a share, to one of its successors (added
 * to what the successor has), once for each pair, and undo that. */
struct carry_offer {
	struct unit old;     /* a predecessor with targets */
	int targets;	     /* its targets */
	int percent;	     /* the share already carried to this unit, 0 if none */
	char carried_on[11]; /* and when (ISO date) */
	int left;	     /* the share not carried to any successor yet */
};

/* targets_carry_offers: unit's predecessors that have targets or have
 * carried them here (strings from a). Returns RES_OK, RES_NOT_FOUND (unit
 * outside who's area) or RES_ERROR. */
int targets_carry_offers(struct db *db, struct arena *a, const struct user *who, long long unit,
			 struct carry_offer **out, int *n);

struct carry_stats {
	int targets; /* targets carried (or taken back) */
	int skipped; /* targets of indicators not seen at the successor */
	int percent;
};

/* targets_share_parse: a share as typed, "1".."100" (empty or NULL:
 * 100); 0 when it is not one. */
int targets_share_parse(const char *s);

/* targets_carry: add percent (1..100) of every target of old to those of
 * nu, one of its successors, rounded half up. Returns RES_OK,
 * RES_NOT_FOUND (nu outside who's area, old not a predecessor of nu),
 * RES_FORBIDDEN, RES_INVALID (fe says why: a bad share, already carried
 * here, more than is left, nothing to carry) or RES_ERROR. */
int targets_carry(struct db *db, struct arena *a, const struct user *who, long long old,
		  long long nu, int percent, struct carry_stats *cs, struct field_errors *fe);

/* targets_uncarry: take back from nu what carrying old's targets added
 * (not below 0). Returns RES_OK, RES_NOT_FOUND (nothing carried, or not
 * in who's area), RES_FORBIDDEN or RES_ERROR. */
int targets_uncarry(struct db *db, struct arena *a, const struct user *who, long long old,
		    long long nu, struct carry_stats *cs);

#endif
