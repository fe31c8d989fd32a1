/* rollup.h: the roll-ups every level reads instead of the raw values, kept
 * in the transaction that changes a report or a team:
 *  - agg: flows ("sum" indicators) per ancestor unit and grain period;
 *  - agg_stock: stocks ("latest" indicators): per unit from the village up
 *    and grain period, the change of the sum over its teams of each team's
 *    most recent value (carried forward while the team exists), so that a
 *    period's value is the sum of the changes up to its end;
 *  - agg_report: counted reports (and late ones) per unit, form, period;
 *  - team_span: teams beginning and ending per unit and day (kept by
 *    triggers), from which the teams expected for a period are counted.
 * rollup_check recomputes all four from the raw rows. */
#ifndef LANGSO_ROLLUP_H
#define LANGSO_ROLLUP_H
#include "core/periods.h"
#include "db/db.h"
#include "util/arena.h"
#include <stdio.h>

/* rollup_report: add (sign 1) or take out (sign -1) the values of a
 * counted report of team (in village) for the grain period key, and the
 * report itself. Call inside the write's transaction, before its values
 * change (-1) and after (+1). Returns 0 or -1. */
int rollup_report(struct db *db, long long report, long long team, long long village,
		  enum period_kind grain, const char *key, int sign);

/* rollup_dissolve: close the stocks of team (in village), dissolved on the
 * ISO date day: from the grain period after the one holding that day its
 * values no longer count. Call in the dissolution's transaction. */
int rollup_dissolve(struct db *db, long long team, long long village, const char *day);

/* rollup_by_indicator: read the rows (indicator id, value) of st into
 * out[i] for each ids[i] of n; none where it has no row. Returns 0 or -1. */
int rollup_by_indicator(struct db_stmt *st, const long long *ids, int n, long long *out,
			long long none);

/* rollup_sums: the flows at unit (above villages) over the grain periods
 * [from, to] of the n indicators ids into out (0 when none). 0 or -1. */
int rollup_sums(struct db *db, long long unit, const char *from, const char *to,
		const long long *ids, int n, long long *out);

/* A stock's value at the end of a period. */
struct stock_value {
	long long value;	 /* sum of the teams' most recent values */
	long long teams;	 /* teams whose value it holds */
	char as_of[PERIOD_TEXT]; /* the newest grain period with a value, "" if none */
};

/* rollup_stocks: the stocks at unit (any level) at the end of the grain
 * period to of the n indicators ids into out. Returns 0 or -1. */
int rollup_stocks(struct db *db, long long unit, const char *to, const long long *ids, int n,
		  struct stock_value *out);

/* rollup_expected: the teams below unit expected to report for each of n
 * consecutive grain periods from first (out[0..n)): those existing on at
 * least one of its days. Returns 0 or -1. */
int rollup_expected(struct db *db, struct arena *a, long long unit, const struct period *first,
		    int n, long long *out);

/* One row of team_span: the teams of a unit beginning on day, and those
 * ended by it. */
struct team_span_row {
	char day[11];
	long long starts, ends;
};

/* rollup_expected_walk: rollup_expected from the span rows of one unit
 * (in day order, up to the last day of the last period). */
void rollup_expected_walk(const struct team_span_row *rows, int nrows, const struct period *first,
			  int n, long long *out);

/* rollup_grain_floor: the first grain period of kind k (a week or a
 * month) that can exist: where a stock's changes begin. */
const char *rollup_grain_floor(enum period_kind k);

/* rollup_check: recompute every roll-up from the raw rows and count the
 * differences (0 when all agree), printing each to f when not NULL.
 * Returns the count, or -1 on error. */
long long rollup_check(struct db *db, FILE *f);

#endif
