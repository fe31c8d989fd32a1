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
#include "core/targets.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include <time.h>

struct progress_item {
	const struct indicator *ind;
	long long target; /* -1: none */
	long long actual;
	int percent;		    /* -1: no target */
	long long children_targets; /* sum of the targets of the units right below (-1: none) */
	int stock;		    /* a "latest" indicator: actual is carried forward */
	long long teams;	    /* stock: the teams whose values it sums */
	char as_of[PERIOD_TEXT];    /* stock: the newest period with a value ("" none) */
	int carried;		    /* stock: as_of is before the period began */
};

struct completeness {
	long long expected, received, on_time, late, missing;
};

/* progress_get: progress of unit for period p at instant now, inside who's
 * scope, read from the roll-ups: flows summed over the grain periods of p,
 * stocks at its end (see core/rollup.h). Completeness: over the grain
 * periods of p that have begun (Vietnam time), the teams existing in each
 * against the counted reports. */
int progress_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct period *p, time_t now, struct progress_item **items, int *n,
		 struct completeness *c);

/* How a period before a reorganisation is read: by today's units (a new
 * commune's history is its villages'; the default), or by the units as
 * they were (each unit's grain periods that begin while it exists). */
enum progress_as { AS_NOW, AS_THEN };

/* progress_get_as: progress_get read as as says. */
int progress_get_as(struct db *db, struct arena *a, const struct user *who, long long unit,
		    const struct period *p, enum progress_as as, time_t now,
		    struct progress_item **items, int *n, struct completeness *c);

/* progress_existed: 1 when unit existed on some day of p. */
int progress_existed(const struct unit *u, const struct period *p);

/* One unit's progress, as progress_get reads it. */
struct progress_row {
	struct progress_item *items;
	int n;
	struct completeness c;
};

/* progress_many: progress_get of each of the n units (their scope already
 * checked) into out[0..n), read set-wise: a few reads for every
 * DB_IDS_MAX units, not a few for each. */
int progress_many(struct db *db, struct arena *a, const struct unit *units, int n,
		  const struct period *p, time_t now, struct progress_row *out);
/* progress_many_as: progress_many read as as says. */
int progress_many_as(struct db *db, struct arena *a, const struct unit *units, int n,
		     const struct period *p, enum progress_as as, time_t now,
		     struct progress_row *out);

/* progress_begun: of the grain periods [from, to], those begun by the ISO
 * date today: the first into *first, the last into last; their count. */
int progress_begun(const char *from, const char *to, const char *today, struct period *first,
		   char last[PERIOD_TEXT]);

struct missing_team {
	long long id;
	const char *name;
	long long village_id;
	const char *village;
	long long commune_id;
	const char *commune_code, *commune;
};

#define MISSING_PAGE_MAX 500

/* progress_reminder: the message to paste into a commune's Zalo group, in
 * lang, for its teams m[0..n) still missing the report of p. */
void progress_reminder(enum lang lang, const struct period *p, const struct missing_team *m, int n,
		       struct buf *out);

/* progress_missing: a page of the teams below unit (inside who's scope)
 * expected to report for the reporting period p (a week or a month) that
 * have no counted report for it, by commune and village. after: 0 or the
 * cursor of the previous page; *next: the next page's, 0 on the last.
 * RES_INVALID when p is not a reporting period of unit's forms. */
int progress_missing(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const struct period *p, long long after, int limit, struct missing_team **out,
		     int *n, long long *next);

#endif
