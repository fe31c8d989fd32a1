/* units_diff.h: today's communes against a newer official list, and its
 * changes recorded with history (unit_change). */
#ifndef LANGSO_UNITS_DIFF_H
#define LANGSO_UNITS_DIFF_H
#include "core/accounts.h"
#include "core/periods.h"
#include "core/result.h"
#include "core/units.h"
#include "db/db.h"
#include "util/arena.h"

enum {
	DIFF_NEW = 1,	 /* in the list, not among today's units */
	DIFF_CLOSED = 2, /* among today's units, not in the list */
	DIFF_NAME = 4,	 /* another name (not only another spelling) */
	DIFF_KIND = 8,	 /* another kind: a commune made a ward */
	DIFF_CODE = 16,	 /* the same unit (name, province) under another code */
};

/* One difference: what changes (DIFF_ bits), the unit (0 when new), as
 * the list says it and as it is today. */
struct unit_diff {
	unsigned changes;
	int line; /* of the file; 0 for a closed unit */
	long long unit;
	const char *province, *code, *name, *kind;
	const char *old_code, *old_name, *old_kind;
};

/* units_diff: the differences of the list in data (post-reform layout:
 * province_code, province_name, commune_code, commune_name, kind) with
 * today's communes into *out, *n of them, strings from a; errors by line
 * into r. Changes nothing. Returns RES_OK, RES_INVALID or RES_ERROR. */
int units_diff(struct db *db, struct arena *a, const char *data, size_t len, struct unit_diff **out,
	       int *n, struct import_result *r);

/* units_apply_list: the same differences recorded, taking effect on the
 * ISO date day: new communes begun, missing ones closed the day before,
 * names, kinds and codes changed in place with their history (a lookup by
 * code on a day before finds the unit by its code of then). All or
 * nothing; a second run finds nothing. Returns as units_diff. */
int units_apply_list(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, const char *day, struct unit_diff **out, int *n,
		     struct import_result *r);

/* units_change_add: keep the change of field ("name", "kind", "code") of
 * unit from from to to, taking effect on the ISO date day (inside the
 * caller's transaction). Returns 0 or -1. */
int units_change_add(struct db *db, const struct user *who, long long unit, const char *day,
		     const char *field, const char *from, const char *to);

/* One change of a unit's name, kind or code. */
struct unit_change {
	const char *field, *old_value, *new_value, *effective_on;
};

/* units_changes: the changes of unit, oldest first, strings from a.
 * Returns RES_OK or RES_ERROR. */
int units_changes(struct db *db, struct arena *a, long long unit, struct unit_change **out, int *n);

#endif
