/* rollup.h: the roll-ups every level reads instead of the raw values, kept
 * in the transaction that changes a report or a team:
 *  - agg: flows ("sum" indicators) per ancestor unit and grain period;
 *  - agg_coarse: a weekly form's flows also per month and year (those of
 *    each week's Thursday, table week_period), so that a long period is
 *    read in a row or three;
 *  - agg_stock: stocks ("latest" indicators): per unit from the village up
 *    and grain period, the change of the sum over its teams of each team's
 *    most recent value (carried forward while the team exists), so that a
 *    period's value is the sum of the changes up to its end;
 *  - agg_report: counted reports (and late ones) per unit, form, period;
 *  - team_span: teams beginning and ending per unit and day (kept by
 *    triggers), from which the teams expected for a period are counted.
 * rollup_check recomputes them all from the raw rows (agg_coarse from agg). */
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

/* rollup_fold: add the changes queued by this transaction's writes, and
 * those writes committed for a later fold (rollup_pending), to the
 * roll-ups of every level; both are then empty. One fold at a time (it
 * holds the fold lock until the transaction ends). Writes ask for it
 * before their commit (db_before_commit) where the folder does not run;
 * code about to change the roll-ups itself (a reorganisation) calls it
 * first. Returns 0 or -1. */
int rollup_fold(struct db *db);

/* The folder: a thread of the server that folds what the server's writes
 * committed to rollup_pending, all of it at once, a few times a second.
 * While it runs, writes commit their changes there instead of folding
 * them (any server of the same database folds them: one fold at a time).
 * rollup_folder_start returns 0 or -1; rollup_folder_stop after the last
 * write (what is still pending is folded by the next fold, of this server
 * or another, or by the next write from the command line). */
int rollup_folder_start(const char *db_path);
void rollup_folder_stop(void);

/* rollup_pending_rows: the changes committed and not folded yet (a
 * backlog that stays small while the folders keep up), or -1. */
long long rollup_pending_rows(struct db *db);

/* rollup_defer: have this process's writes commit their changes to
 * rollup_pending (1), to be folded later, or fold them themselves (0):
 * what the folder sets while it runs; rollup_deferring tells. */
void rollup_defer(int on);
int rollup_deferring(void);

/* ROLLUP_PENDING(kind, depth): the common table "pending" (unit_id,
 * item_id, period, value, teams, reports, late) of the changes of kind (1
 * flows, 2 counted reports, 3 stocks) committed and not folded yet, at
 * every unit depth or more levels above their village. A read of the
 * roll-ups adds them in the same statement: one snapshot, so that a fold
 * committing meanwhile neither hides a change nor counts it twice. */
#define ROLLUP_PENDING(kind, depth)                                                                \
	"pending AS MATERIALIZED (SELECT u.ancestor_id AS unit_id, p.item_id, p.period,"           \
	" p.value, p.teams, p.reports, p.late FROM rollup_pending p JOIN unit_tree u"              \
	" ON u.unit_id = p.village_id AND u.depth >= " #depth " WHERE p.kind = " #kind ")"

/* rollup_dissolve: close the stocks of team (in village), dissolved on the
 * ISO date day: from the grain period after the one holding that day its
 * values no longer count (sign 1); or open them again (sign -1, the
 * dissolution undone). Call in that transaction. */
int rollup_dissolve(struct db *db, long long team, long long village, const char *day, int sign);

/* A stock's value at the end of a period. */
struct stock_value {
	long long value;	 /* sum of the teams' most recent values */
	long long teams;	 /* teams whose value it holds */
	char as_of[PERIOD_TEXT]; /* the newest grain period with a value, "" if none */
};

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

/* rollup_flow_range: where the flows of period p of a form of grain lie:
 * 1 when in agg_coarse (a weekly form's month, quarter or year) over the
 * keys [from, to], 0 when in agg over its grain periods [from, to]; -1
 * when the form says nothing about p (a monthly form and a week). */
int rollup_flow_range(const struct period *p, enum period_kind grain, char from[PERIOD_TEXT],
		      char to[PERIOD_TEXT]);

/* rollup_grain_floor: the first grain period of kind k (a week or a
 * month) that can exist: where a stock's changes begin. */
const char *rollup_grain_floor(enum period_kind k);

/* rollup_check: recompute every roll-up from the raw rows and count the
 * differences (0 when all agree), printing each to f when not NULL.
 * Returns the count, or -1 on error. */
long long rollup_check(struct db *db, FILE *f);

#endif
