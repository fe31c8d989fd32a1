/* rollup.c: flows, stocks, counted reports and the teams' lives, kept in
 * the writing transaction and recomputed by langso check. */
#include "core/rollup.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

#define COUNTED "('submitted', 'accepted')"

/* A write does not touch the roll-ups above its village itself: it queues
 * its changes at the village (kind 1 a flow, 2 a counted report, 3 a
 * stock's change), and rollup_fold adds them to every level, summed:
 *  - on a server (the folder runs), into rollup_pending, committed with
 *    the write and folded by the folder with all the others pending, a
 *    few times a second: the rows of a province and of the nation are
 *    written once for hundreds of submissions; reads add what is pending
 *    (ROLLUP_PENDING);
 *  - elsewhere (the command line, the tests), into the transaction's
 *    rollup_queue, folded just before its commit (db_before_commit).
 * Folds run one at a time (the fold lock), so no two wait on each other's
 * rows of a province or the nation: those rows have one stripe, 0 (older
 * databases keep theirs; reads sum the stripes). Rows are written in key
 * order. */
#define FOLD_LOCK 1

/* The first grain period that can exist (a floor for prefix sums: text of
 * months and weeks interleave across years, so reads also match the kind). */
const char *rollup_grain_floor(enum period_kind k)
{
	return k == PERIOD_WEEK ? "2000W01" : "2000-01";
}

int rollup_flow_range(const struct period *p, enum period_kind grain, char from[PERIOD_TEXT],
		      char to[PERIOD_TEXT])
{
	if (grain != PERIOD_WEEK || p->kind == PERIOD_WEEK)
		return period_range(p, grain, from, to) == 0 ? 0 : -1;
	if (p->kind == PERIOD_YEAR) {
		period_format(p, from);
		memcpy(to, from, PERIOD_TEXT);
		return 1;
	}
	return period_range(p, PERIOD_MONTH, from, to) == 0 ? 1 : -1;
}

/* Fold statements: what is pending moved into the queue, and the queue
 * summed into every level above its villages, in key order. */
static const char *const fold_sql[] = {
    /* what writes committed for a later fold, each row with its id:
     * exactly the rows moved are deleted */
    "INSERT INTO rollup_queue(kind, village_id, period, stripe, item_id, value, teams, reports,"
    " late, pending_id) SELECT kind, village_id, period, 0, item_id, value, teams, reports,"
    " late, id FROM rollup_pending",
    "DELETE FROM rollup_pending WHERE id IN (SELECT pending_id FROM rollup_queue"
    " WHERE pending_id IS NOT NULL)",
    /* flows above the village */
    "INSERT INTO agg(unit_id, indicator_id, period, value, reports, stripe)"
    " SELECT u.ancestor_id, q.item_id, q.period, sum(q.value), sum(q.reports), 0"
    " FROM rollup_queue q JOIN unit_tree u ON u.unit_id = q.village_id AND u.depth > 0"
    " WHERE q.kind = 1 GROUP BY u.ancestor_id, q.period, q.item_id"
    " ORDER BY u.ancestor_id, q.period, q.item_id"
    " ON CONFLICT(unit_id, period, stripe, indicator_id) DO UPDATE SET"
    " value = agg.value + excluded.value, reports = agg.reports + excluded.reports",
    /* a week's flows also under its month and its year */
    "INSERT INTO agg_coarse(unit_id, period, stripe, indicator_id, value, reports)"
    " SELECT u.ancestor_id, w.period, 0, q.item_id, sum(q.value), sum(q.reports)"
    " FROM rollup_queue q JOIN week_period w ON w.week = q.period"
    " JOIN unit_tree u ON u.unit_id = q.village_id AND u.depth > 0"
    " WHERE q.kind = 1 GROUP BY u.ancestor_id, w.period, q.item_id"
    " ORDER BY u.ancestor_id, w.period, q.item_id"
    " ON CONFLICT(unit_id, period, stripe, indicator_id) DO UPDATE SET"
    " value = agg_coarse.value + excluded.value,"
    " reports = agg_coarse.reports + excluded.reports",
    /* counted reports, the village too */
    "INSERT INTO agg_report(unit_id, form_id, period, received, late, stripe)"
    " SELECT u.ancestor_id, q.item_id, q.period, sum(q.value), sum(q.late), 0"
    " FROM rollup_queue q JOIN unit_tree u ON u.unit_id = q.village_id"
    " WHERE q.kind = 2 GROUP BY u.ancestor_id, q.item_id, q.period"
    " ORDER BY u.ancestor_id, q.item_id, q.period"
    " ON CONFLICT(unit_id, form_id, period, stripe) DO UPDATE SET"
    " received = agg_report.received + excluded.received,"
    " late = agg_report.late + excluded.late",
    /* stocks' changes, the village too */
    "INSERT INTO agg_stock(unit_id, indicator_id, period, value, teams, reports, stripe)"
    " SELECT u.ancestor_id, q.item_id, q.period, sum(q.value), sum(q.teams),"
    " sum(q.reports), 0 FROM rollup_queue q"
    " JOIN unit_tree u ON u.unit_id = q.village_id"
    " WHERE q.kind = 3 GROUP BY u.ancestor_id, q.period, q.item_id"
    " ORDER BY u.ancestor_id, q.period, q.item_id"
    " ON CONFLICT(unit_id, period, stripe, indicator_id) DO UPDATE SET"
    " value = agg_stock.value + excluded.value, teams = agg_stock.teams + excluded.teams,"
    " reports = agg_stock.reports + excluded.reports",
    "DELETE FROM rollup_queue",
};

/* No probe for empty tables first: a commit folds only where something was
 * queued, and the statements on empty tables cost less than the round
 * trip of a probe would on PostgreSQL. */
int rollup_fold(struct db *db)
{
	if (db_lock(db, FOLD_LOCK) != DB_OK)
		return -1;
	for (size_t i = 0; i < sizeof fold_sql / sizeof *fold_sql; i++)
		if (db_run(db_prepare(db, fold_sql[i])) != DB_OK)
			return -1;
	return 0;
}

long long rollup_pending_rows(struct db *db)
{
	return db_one_int(db_prepare(db, "SELECT count(*) FROM rollup_pending"), -1);
}

/* Where a write's changes go: 1 into rollup_pending, committed with it,
 * when the folder runs; 0 into the transaction's queue, folded before its
 * commit. */
static int deferred(struct db *db)
{
	if (rollup_deferring())
		return 1;
	db_before_commit(db, rollup_fold);
	return 0;
}

/* The same insert into the queue (0) or into rollup_pending (1). */
/* clang-format off */
#define QUEUE_COLUMNS "(kind, village_id, period, stripe, item_id, value, teams, reports, late) "
#define QUEUE_INTO(rest) \
	{"INSERT INTO rollup_queue" QUEUE_COLUMNS rest, \
	 "INSERT INTO rollup_pending" QUEUE_COLUMNS rest}
/* clang-format on */

static const char *const stock_sql[2] =
    QUEUE_INTO("VALUES (3, :village, :p, 0, :i, :v, :n, :r, 0)");
static const char *const flow_sql[2] =
    QUEUE_INTO("SELECT 1, :village, :p, 0, v.indicator_id, :s * v.value, 0, :s, 0"
	       " FROM report_value v JOIN indicator i ON i.id = v.indicator_id"
	       " AND i.aggregation = 'sum' WHERE v.report_id = :r");
static const char *const report_sql[2] =
    QUEUE_INTO("SELECT 2, :village, r.period, 0, r.form_id, :s, 0, 0, :s * r.late FROM report r"
	       " WHERE r.id = :r");

/* Queue the change (value, teams, reports) of a stock at period, for
 * every unit from village up. */
static int stock_add(struct db *db, long long village, long long ind, const char *period,
		     long long value, long long teams, long long reports)
{
	struct db_stmt *st = db_prepare(db, stock_sql[deferred(db)]);
	if (!st)
		return -1;
	db_bind_int(st, ":i", ind);
	db_bind_text(st, ":p", period);
	db_bind_int(st, ":v", value);
	db_bind_int(st, ":n", teams);
	db_bind_int(st, ":r", reports);
	db_bind_int(st, ":village", village);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* The closing period of a team dissolved on day: the grain period after
 * the one holding it. */
static void closing_period(const char *day, enum period_kind grain, char out[PERIOD_TEXT])
{
	struct period p;
	period_of(day, grain, &p);
	period_step(&p, 1);
	period_format(&p, out);
}

/* A neighbouring counted point of team for ind at grain, before (dir -1)
 * or after (dir 1) period, other than report skip: 1 with its value (and
 * its period into out, unless NULL), 0 when none, -1 on error. */
static int neighbour(struct db *db, long long team, long long ind, enum period_kind grain,
		     const char *period, long long skip, int dir, char out[PERIOD_TEXT],
		     long long *value)
{
	/* the period's text says its kind (2026W05, 2026-01): the same kind
	 * lies between the floor and the period, with the same separator */
	struct db_stmt *st =
	    dir < 0
		? db_prepare(db,
			     "SELECT r.period, v.value FROM report r"
			     " JOIN report_value v ON v.report_id = r.id AND v.indicator_id = :i"
			     " WHERE r.team_id = :t AND r.period < :p AND r.period >= :floor"
			     " AND substr(r.period, 5, 1) = substr(:p, 5, 1)"
			     " AND r.status IN " COUNTED " AND r.id <> :skip"
			     " ORDER BY r.period DESC LIMIT 1")
		: db_prepare(db,
			     "SELECT r.period, v.value FROM report r"
			     " JOIN report_value v ON v.report_id = r.id AND v.indicator_id = :i"
			     " WHERE r.team_id = :t AND r.period > :p"
			     " AND substr(r.period, 5, 1) = substr(:p, 5, 1)"
			     " AND r.status IN " COUNTED " AND r.id <> :skip"
			     " ORDER BY r.period LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":i", ind);
	db_bind_int(st, ":t", team);
	db_bind_int(st, ":skip", skip);
	db_bind_text(st, ":p", period);
	if (dir < 0)
		db_bind_text(st, ":floor", rollup_grain_floor(grain));
	int rc = db_step(st);
	if (rc == DB_ROW) {
		if (out)
			snprintf(out, PERIOD_TEXT, "%s", db_col_text(st, 0));
		*value = db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The team's dissolution day into day (11 bytes): 1, 0 when it exists
 * still, -1 on error. */
static int dissolved_on(struct db *db, long long team, char day[11])
{
	struct db_stmt *st = db_prepare(db, "SELECT dissolved_on FROM team WHERE id = :t");
	if (!st)
		return -1;
	db_bind_int(st, ":t", team);
	int rc = db_step(st), found = 0;
	if (rc == DB_ROW && !db_col_is_null(st, 0)) {
		snprintf(day, 11, "%s", db_col_text(st, 0));
		found = 1;
	}
	db_done(st);
	return rc == DB_ERR ? -1 : found;
}

/* A point's neighbours: the team's counted values before and after it. */
struct neighbours {
	int has_prev, has_next;
	long long prev, next_value;
	char next[PERIOD_TEXT];
};

/* Add sign × the changes that a point (value, held) of a team at period
 * makes: at period its change against the team's previous point, and at
 * its next point (the following counted value, or the closing point of a
 * dissolved team: dissolved, its day, or "" while it exists) the opposite,
 * since that point now follows this one. */
static int stock_apply(struct db *db, long long village, long long ind, enum period_kind grain,
		       const char *period, long long value, int held, int reported, int sign,
		       struct neighbours *nb, const char *dissolved)
{
	if (!nb->has_next && held && *dissolved) {
		closing_period(dissolved, grain, nb->next);
		nb->has_next = strcmp(nb->next, period) > 0;
	}
	long long dv = value - (nb->has_prev ? nb->prev : 0), dh = held - nb->has_prev;
	if (stock_add(db, village, ind, period, sign * dv, sign * dh, sign * reported) != 0)
		return -1;
	return nb->has_next ? stock_add(db, village, ind, nb->next, -sign * dv, -sign * dh, 0) : 0;
}

/* The closing point of a team dissolved (its value 0 and held by no
 * team) at period, its neighbours read one by one. */
static int closing_point(struct db *db, long long team, long long village, long long ind,
			 enum period_kind grain, const char *period, int sign)
{
	struct neighbours nb;
	nb.has_prev = neighbour(db, team, ind, grain, period, 0, -1, NULL, &nb.prev);
	nb.has_next = neighbour(db, team, ind, grain, period, 0, 1, nb.next, &nb.next_value);
	if (nb.has_prev < 0 || nb.has_next < 0)
		return -1;
	return stock_apply(db, village, ind, grain, period, 0, 0, 0, sign, &nb, "");
}

/* Run a statement queueing report's changes: sign, its village. */
static int rollup_run(struct db_stmt *st, long long report, long long village, int sign)
{
	if (!st)
		return -1;
	db_bind_int(st, ":s", sign);
	db_bind_int(st, ":village", village);
	db_bind_int(st, ":r", report);
	return db_run(st) == DB_OK ? 0 : -1;
}

int rollup_report(struct db *db, long long report, long long team, long long village,
		  enum period_kind grain, const char *key, int sign)
{
	int into = deferred(db);
	/* flows; the report itself, for completeness */
	struct db_stmt *st = db_prepare(db, flow_sql[into]);
	if (st)
		db_bind_text(st, ":p", key);
	if (rollup_run(st, report, village, sign) != 0)
		return -1;
	if (rollup_run(db_prepare(db, report_sql[into]), report, village, sign) != 0)
		return -1;
	/* stocks: every value with the team's previous and next counted
	 * values of its indicator, in one query (the period's text says its
	 * kind: the same kind lies between the floor and the period, with the
	 * same separator) */
	char day[11] = "";
	if (dissolved_on(db, team, day) < 0)
		return -1;
	st = db_prepare(
	    db, "SELECT x.indicator_id, x.value, pr.period, pv.value, nr.period, nv.value FROM"
		" (SELECT v.indicator_id, v.value,"
		"  (SELECT r.id FROM report r JOIN report_value w ON w.report_id = r.id"
		"   AND w.indicator_id = v.indicator_id WHERE r.team_id = :t AND r.period < :p"
		"   AND r.period >= :floor AND substr(r.period, 5, 1) = substr(:p, 5, 1)"
		"   AND r.status IN " COUNTED " AND r.id <> :r"
		"   ORDER BY r.period DESC LIMIT 1) AS prev_id,"
		"  (SELECT r.id FROM report r JOIN report_value w ON w.report_id = r.id"
		"   AND w.indicator_id = v.indicator_id WHERE r.team_id = :t AND r.period > :p"
		"   AND substr(r.period, 5, 1) = substr(:p, 5, 1)"
		"   AND r.status IN " COUNTED " AND r.id <> :r"
		"   ORDER BY r.period LIMIT 1) AS next_id"
		"  FROM report_value v JOIN indicator i ON i.id = v.indicator_id"
		"  AND i.aggregation = 'latest' WHERE v.report_id = :r) x"
		" LEFT JOIN report pr ON pr.id = x.prev_id"
		" LEFT JOIN report_value pv ON pv.report_id = x.prev_id"
		" AND pv.indicator_id = x.indicator_id"
		" LEFT JOIN report nr ON nr.id = x.next_id"
		" LEFT JOIN report_value nv ON nv.report_id = x.next_id"
		" AND nv.indicator_id = x.indicator_id ORDER BY x.indicator_id");
	if (!st)
		return -1;
	db_bind_int(st, ":r", report);
	db_bind_int(st, ":t", team);
	db_bind_text(st, ":p", key);
	db_bind_text(st, ":floor", rollup_grain_floor(grain));
	struct arena a = ARENA_INIT;
	struct point {
		long long ind, value;
		struct neighbours nb;
	};
	VEC(struct point) pts = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct point *x = VEC_PUSH(&a, &pts);
		x->ind = db_col_int(st, 0);
		x->value = db_col_int(st, 1);
		x->nb.has_prev = !db_col_is_null(st, 2);
		x->nb.prev = db_col_int(st, 3);
		x->nb.has_next = !db_col_is_null(st, 4);
		if (x->nb.has_next)
			snprintf(x->nb.next, sizeof x->nb.next, "%s", db_col_text(st, 4));
		x->nb.next_value = db_col_int(st, 5);
	}
	db_done(st);
	int res = rc == DB_DONE ? 0 : -1;
	for (int i = 0; i < pts.n && res == 0; i++)
		res = stock_apply(db, village, pts.items[i].ind, grain, key, pts.items[i].value, 1,
				  1, sign, &pts.items[i].nb, day);
	arena_release(&a);
	return res;
}

int rollup_dissolve(struct db *db, long long team, long long village, const char *day, int sign)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT DISTINCT v.indicator_id, f.period_type FROM report r"
		" JOIN form f ON f.id = r.form_id JOIN report_value v ON v.report_id = r.id"
		" JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'latest'"
		" WHERE r.team_id = :t AND r.status IN " COUNTED " ORDER BY v.indicator_id");
	if (!st)
		return -1;
	db_bind_int(st, ":t", team);
	struct arena a = ARENA_INIT;
	struct history {
		long long ind;
		enum period_kind grain;
	};
	VEC(struct history) hs = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct history *h = VEC_PUSH(&a, &hs);
		h->ind = db_col_int(st, 0);
		h->grain = strcmp(db_col_text(st, 1), "week") == 0 ? PERIOD_WEEK : PERIOD_MONTH;
	}
	db_done(st);
	int res = rc == DB_DONE ? 0 : -1;
	for (int i = 0; i < hs.n && res == 0; i++) {
		char closing[PERIOD_TEXT];
		closing_period(day, hs.items[i].grain, closing);
		res = closing_point(db, team, village, hs.items[i].ind, hs.items[i].grain, closing,
				    sign);
	}
	arena_release(&a);
	return res;
}

int rollup_expected(struct db *db, struct arena *a, long long unit, const struct period *first,
		    int n, long long *out)
{
	if (n <= 0)
		return 0;
	struct period last = *first;
	period_step(&last, n - 1);
	char f[11], l[11];
	period_days(&last, f, l);
	struct db_stmt *st = db_prepare(db, "SELECT day, starts, ends FROM team_span"
					    " WHERE unit_id = :u AND day <= :last ORDER BY day");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":last", l);
	VEC(struct team_span_row) rows = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct team_span_row *s = VEC_PUSH(a, &rows);
		snprintf(s->day, sizeof s->day, "%s", db_col_text(st, 0));
		s->starts = db_col_int(st, 1);
		s->ends = db_col_int(st, 2);
	}
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	rollup_expected_walk(rows.items, rows.n, first, n, out);
	return 0;
}

void rollup_expected_walk(const struct team_span_row *rows, int nrows, const struct period *first,
			  int n, long long *out)
{
	/* teams of g = begun by its last day - ended by its first day; both
	 * days grow with g, so two cursors walk the days once */
	long long begun = 0, ended = 0;
	int i = 0, k = 0;
	struct period g = *first;
	char f[11], l[11];
	for (int j = 0; j < n; j++, period_step(&g, 1)) {
		period_days(&g, f, l);
		for (; i < nrows && strcmp(rows[i].day, l) <= 0; i++)
			begun += rows[i].starts;
		for (; k < nrows && strcmp(rows[k].day, f) <= 0; k++)
			ended += rows[k].ends;
		out[j] = begun - ended;
	}
}

/* Each query yields the differences as (what, recomputed, kept). */
static long long differences(struct db_stmt *st, FILE *f)
{
	if (!st)
		return -1;
	long long n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		n++;
		if (f)
			fprintf(f, "%s: expected %lld, kept %lld\n", db_col_text(st, 0),
				db_col_int(st, 1), db_col_int(st, 2));
	}
	db_done(st);
	return rc == DB_DONE ? n : -1;
}

/* Under a closed ancestor a village has left (unit_tree_past), its teams
 * count for the grain periods before the cut; there their stocks close. */
#define PAST_CUT(col) "CASE WHEN substr(" col ", 5, 1) = 'W' THEN p.cut_week ELSE p.cut_month END"

/* Stocks: each change at every unit above the team's village; under a
 * closed ancestor up to the cut, where the change is taken back. */
/* clang-format off */
static const char check_stocks_sql[] =
	"SELECT 'stock: unit ' || unit_id || ' indicator ' || indicator_id || ' ' || period,"
	" sum(ev), sum(kv) FROM ("
	"  SELECT u.ancestor_id AS unit_id, c.indicator_id, c.period, c.value AS ev,"
	"  c.teams AS et, c.reports AS er, 0 AS kv, 0 AS kt, 0 AS kr"
	"  FROM stock_change c JOIN team t ON t.id = c.team_id"
	"  JOIN unit_tree u ON u.unit_id = t.unit_id"
	"  UNION ALL SELECT p.ancestor_id, c.indicator_id, c.period, c.value, c.teams,"
	"  c.reports, 0, 0, 0 FROM stock_change c JOIN team t ON t.id = c.team_id"
	"  JOIN unit_tree_past p ON p.unit_id = t.unit_id"
	"  WHERE c.period < " PAST_CUT("c.period")
	"  UNION ALL SELECT p.ancestor_id, c.indicator_id, " PAST_CUT("c.period") ","
	"  -c.value, -c.teams, 0, 0, 0, 0 FROM stock_change c JOIN team t ON t.id = c.team_id"
	"  JOIN unit_tree_past p ON p.unit_id = t.unit_id"
	"  WHERE c.period < " PAST_CUT("c.period")
	"  UNION ALL SELECT unit_id, indicator_id, period, 0, 0, 0, value, teams, reports"
	"  FROM agg_stock"
	"  UNION ALL SELECT u.ancestor_id, p.item_id, p.period, 0, 0, 0, p.value, p.teams,"
	"  p.reports FROM rollup_pending p JOIN unit_tree u ON u.unit_id = p.village_id"
	"  WHERE p.kind = 3) x GROUP BY unit_id, indicator_id, period"
	" HAVING sum(ev) <> sum(kv) OR sum(et) <> sum(kt) OR sum(er) <> sum(kr)";
/* clang-format on */

/* Each check sets the recomputed rows (e) beside the kept ones (k) and
 * groups them by key: one pass, no lookups (a full outer join). */
long long rollup_check(struct db *db, FILE *f)
{
	/* every write folds its queue, or commits it to rollup_pending, before
	 * it commits; what is pending counts below beside the roll-ups */
	long long total = differences(
	    db_prepare(db, "SELECT 'queued and never folded: ' || count(*) || ' rows', 0, count(*)"
			   " FROM rollup_queue HAVING count(*) > 0"),
	    f);
	if (total < 0)
		return -1;
	long long n;
	/* flows */
	n = differences(
	    db_prepare(
		db,
		"SELECT 'sum: unit ' || unit_id || ' indicator ' || indicator_id || ' ' || period,"
		" sum(ev), sum(kv) FROM ("
		"  SELECT u.ancestor_id AS unit_id, v.indicator_id, r.period, v.value AS ev,"
		"  1 AS en, 0 AS kv, 0 AS kn FROM report r"
		"  JOIN team t ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id"
		"  JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'sum'"
		"  JOIN unit_tree u ON u.unit_id = t.unit_id AND u.depth > 0"
		"  WHERE r.status IN " COUNTED
		"  UNION ALL SELECT p.ancestor_id, v.indicator_id, r.period, v.value, 1, 0, 0"
		"  FROM report r JOIN team t ON t.id = r.team_id"
		"  JOIN report_value v ON v.report_id = r.id"
		"  JOIN indicator i ON i.id = v.indicator_id AND i.aggregation = 'sum'"
		"  JOIN unit_tree_past p ON p.unit_id = t.unit_id"
		"  WHERE r.status IN " COUNTED " AND r.period < " PAST_CUT(
		    "r.period") "  UNION ALL SELECT unit_id, indicator_id, period, 0, 0, value, "
				"reports FROM agg"
				"  UNION ALL SELECT u.ancestor_id, p.item_id, p.period, 0, 0,"
				" p.value, p.reports FROM rollup_pending p JOIN unit_tree u"
				" ON u.unit_id = p.village_id AND u.depth > 0 WHERE p.kind = 1)"
				" x GROUP BY unit_id, indicator_id, period"
				" HAVING sum(ev) <> sum(kv) OR sum(en) <> sum(kn)"),
	    f);
	if (n < 0)
		return -1;
	total += n;
	/* a week's flows under its month and year: the sums of agg (checked
	 * above) */
	n = differences(
	    db_prepare(db, "SELECT 'sum: unit ' || unit_id || ' indicator ' || indicator_id || ' '"
			   " || period, sum(ev), sum(kv) FROM ("
			   "  SELECT a.unit_id, a.indicator_id, w.period, a.value AS ev,"
			   "  a.reports AS en, 0 AS kv, 0 AS kn FROM agg a"
			   "  JOIN week_period w ON w.week = a.period"
			   "  UNION ALL SELECT unit_id, indicator_id, period, 0, 0, value, reports"
			   "  FROM agg_coarse) x GROUP BY unit_id, indicator_id, period"
			   " HAVING sum(ev) <> sum(kv) OR sum(en) <> sum(kn)"),
	    f);
	if (n < 0)
		return -1;
	total += n;
	/* counted reports */
	n = differences(
	    db_prepare(
		db, "SELECT 'reports: unit ' || unit_id || ' form ' || form_id || ' ' || period,"
		    " sum(en), sum(kn) FROM ("
		    "  SELECT u.ancestor_id AS unit_id, r.form_id, r.period, 1 AS en, r.late AS el,"
		    "  0 AS kn, 0 AS kl FROM report r JOIN team t ON t.id = r.team_id"
		    "  JOIN unit_tree u ON u.unit_id = t.unit_id WHERE r.status IN " COUNTED
		    "  UNION ALL SELECT p.ancestor_id, r.form_id, r.period, 1, r.late, 0, 0"
		    "  FROM report r JOIN team t ON t.id = r.team_id"
		    "  JOIN unit_tree_past p ON p.unit_id = t.unit_id"
		    "  WHERE r.status IN " COUNTED " AND r.period < " PAST_CUT(
			"r.period") "  UNION ALL SELECT unit_id, form_id, period, 0, 0, received, "
				    "late FROM agg_report"
				    "  UNION ALL SELECT u.ancestor_id, p.item_id, p.period, 0, 0,"
				    " p.value, p.late FROM rollup_pending p JOIN unit_tree u"
				    " ON u.unit_id = p.village_id WHERE p.kind = 2)"
				    " x GROUP BY unit_id, form_id, period"
				    " HAVING sum(en) <> sum(kn) OR sum(el) <> sum(kl)"),
	    f);
	if (n < 0)
		return -1;
	total += n;
	/* stocks */
	n = differences(db_prepare(db, check_stocks_sql), f);
	if (n < 0)
		return -1;
	total += n;
	/* the teams' lives */
	n = differences(
	    db_prepare(db,
		       "SELECT 'teams: unit ' || unit_id || ' ' || day, sum(es) - sum(ee),"
		       " sum(ks) - sum(ke) FROM ("
		       "  SELECT u.ancestor_id AS unit_id, l.starts_on AS day, 1 AS es, 0 AS ee,"
		       "  0 AS ks, 0 AS ke FROM team_life l JOIN unit_tree u"
		       "  ON u.unit_id = l.unit_id"
		       "  UNION ALL SELECT u.ancestor_id, l.ends_on, 0, 1, 0, 0 FROM team_life l"
		       "  JOIN unit_tree u ON u.unit_id = l.unit_id WHERE l.ends_on IS NOT NULL"
		       "  UNION ALL SELECT p.ancestor_id, l.starts_on, 1, 0, 0, 0 FROM team_life l"
		       "  JOIN unit_tree_past p ON p.unit_id = l.unit_id"
		       "  WHERE l.starts_on < p.cut_day"
		       "  UNION ALL SELECT p.ancestor_id, CASE WHEN l.ends_on IS NOT NULL"
		       "  AND l.ends_on < p.cut_day THEN l.ends_on ELSE p.cut_day END, 0, 1, 0, 0"
		       "  FROM team_life l JOIN unit_tree_past p ON p.unit_id = l.unit_id"
		       "  WHERE l.starts_on < p.cut_day"
		       "  UNION ALL SELECT unit_id, day, 0, 0, starts, ends FROM team_span)"
		       " x GROUP BY unit_id, day HAVING sum(es) <> sum(ks) OR sum(ee) <> sum(ke)"),
	    f);
	if (n < 0)
		return -1;
	return total + n;
}
