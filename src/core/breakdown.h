/* breakdown.h: a unit's children side by side for a period (G8, G10,
 * G11): each child's progress against its targets, the completeness of its
 * reports and its open difficulties, ranked on one column, worst first,
 * with the children behind the pace of the period flagged. Everything is
 * read from the roll-ups: the ranking in a few set-wise reads over all the
 * children, the rows of one page by progress_many, so that the children of
 * a unit add up to its own progress. */
#ifndef LANGSO_BREAKDOWN_H
#define LANGSO_BREAKDOWN_H
#include "core/progress.h"

/* The columns a breakdown is ranked on; each one's natural order puts the
 * worst first. */
enum breakdown_sort {
	SORT_PERCENT,	   /* % of target of the ranked indicator, lowest first */
	SORT_ACTUAL,	   /* its actual, lowest first */
	SORT_TARGET,	   /* its target, highest first */
	SORT_RECEIVED,	   /* % of the expected reports received, lowest first */
	SORT_MISSING,	   /* reports missing, most first */
	SORT_LATE,	   /* late reports, most first */
	SORT_DIFFICULTIES, /* open difficulties, most first */
	SORT_NAME,	   /* by name, A to Z */
	SORT_COUNT
};

/* breakdown_sort_parse: "percent", "missing", ... (a leading '-' turns the
 * order round: best first). Returns 0, or -1 for anything else. */
int breakdown_sort_parse(const char *text, enum breakdown_sort *s, int *reverse);
/* breakdown_sort_name: the name breakdown_sort_parse reads. */
const char *breakdown_sort_name(enum breakdown_sort s);

#define BREAKDOWN_PAGE_MAX 200

struct breakdown_query {
	long long unit;
	struct period p;
	enum unit_level level; /* LEVEL_UNKNOWN: the units right below unit;
				* else every unit of that level below it */
	const char *indicator; /* NULL: every indicator in the rows, ranked on
				* the first with a target; else this code alone */
	enum breakdown_sort sort;
	int reverse;	     /* best first */
	enum progress_as as; /* the children of today, or of the period's days */
	long long offset;    /* the rows of the pages before */
	int limit;	     /* 1..BREAKDOWN_PAGE_MAX */
};

struct breakdown_row {
	struct unit unit;
	long long rank; /* 1 for the first in the order asked */
	struct progress_item *items;
	int n;
	struct completeness c;
	long long difficulties; /* open ones (not resolved) of its teams */
	int lagging;		/* the ranked indicator is behind the pace */
};

struct breakdown {
	const struct indicator *ranked; /* the indicator ranked on, NULL when none */
	int pace;			/* percent of the period gone by, 0..100 */
	long long total;		/* the units compared */
	struct breakdown_row *rows;
	int n;
	long long next; /* the offset of the next page, 0 on the last */
};

/* breakdown_get: one page of q's units inside who's scope at instant now.
 * RES_NOT_FOUND when the unit is not in scope (or does not exist),
 * RES_INVALID when q->indicator names no indicator of its forms (or a
 * level not below the unit). Strings from a. */
int breakdown_get(struct db *db, struct arena *a, const struct user *who,
		  const struct breakdown_query *q, time_t now, struct breakdown *out);

/* breakdown_pace: the percent of period p gone by on the ISO date today
 * (0 before it begins, 100 once it has ended). */
int breakdown_pace(const struct period *p, const char *today);

/* breakdown_lagging: 1 when it has a target and its actual is behind the
 * share of it that pace (percent of the period gone by) implies. */
int breakdown_lagging(const struct progress_item *it, int pace);

#endif
