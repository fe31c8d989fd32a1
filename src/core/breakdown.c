/* breakdown.c: a unit's children side by side. The ranking reads one
 * column for every child at once (a few set-wise queries over the
 * roll-ups); the rows of the page asked for are then read by
 * progress_many, the same reads as each child's own progress page. */
#include "core/breakdown.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "util/date.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

static const char *const sort_names[SORT_COUNT] = {
    [SORT_PERCENT] = "percent",		  [SORT_ACTUAL] = "actual",   [SORT_TARGET] = "target",
    [SORT_RECEIVED] = "received",	  [SORT_MISSING] = "missing", [SORT_LATE] = "late",
    [SORT_DIFFICULTIES] = "difficulties", [SORT_NAME] = "name",
};

int breakdown_sort_parse(const char *text, enum breakdown_sort *s, int *reverse)
{
	*reverse = text && *text == '-';
	if (!text)
		return -1;
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(text + *reverse, sort_names[i]) == 0) {
			*s = (enum breakdown_sort)i;
			return 0;
		}
	return -1;
}

const char *breakdown_sort_name(enum breakdown_sort s)
{
	return s >= 0 && s < SORT_COUNT ? sort_names[s] : "percent";
}

int breakdown_pace(const struct period *p, const char *today)
{
	char first[11], last[11];
	period_days(p, first, last);
	if (strcmp(today, first) < 0)
		return 0;
	if (strcmp(today, last) >= 0)
		return 100;
	long all = period_days_between(first, last) + 1;
	long gone = period_days_between(first, today) + 1;
	return (int)(gone * 100 / all);
}

int breakdown_lagging(const struct progress_item *it, int pace)
{
	/* behind when actual / target < pace / 100 */
	return it->target > 0 && it->actual * 100 < it->target * pace;
}

/* The units compared: right below :u when :lvl is '', else those of level
 * :lvl below it (when :u is the whole nation, every unit of the level:
 * read by level, not by walking the tree below it); inside the scope.
 * As now: those that exist today (a unit closed by a reorganisation has
 * given its history to its successors; one closed without successors in
 * the period still counts). As then: those that existed on a day of the
 * period. The branches are in one
 * literal (statements are cached by their text); those not asked for read
 * nothing. */
#define KIDS_ALIVE                                                                                 \
	"((:then = 0 AND (c.valid_to IS NULL OR (c.valid_to >= :first AND NOT EXISTS"              \
	" (SELECT 1 FROM unit_succession s WHERE s.old_id = c.id))))"                              \
	" OR (:then = 1 AND c.valid_from <= :plast AND (c.valid_to IS NULL"                        \
	" OR c.valid_to >= :first))) AND " SCOPE_HAS("c.id")
#define KIDS                                                                                       \
	"WITH kids(id) AS (SELECT c.id FROM unit c WHERE CAST(:lvl AS TEXT) = ''"                  \
	" AND c.parent_id = :u AND " KIDS_ALIVE " UNION ALL SELECT c.id FROM unit c"               \
	" WHERE CAST(:lvl AS TEXT) <> '' AND :whole = 1 AND c.level = :lvl AND " KIDS_ALIVE        \
	" UNION ALL SELECT c.id FROM unit_tree y JOIN unit c ON c.id = y.unit_id"                  \
	" WHERE CAST(:lvl AS TEXT) <> '' AND :whole = 0 AND y.ancestor_id = :u"                    \
	" AND y.depth > 0 AND c.level = :lvl AND " KIDS_ALIVE ") "

struct kid {
	long long id;
	const char *sort_key;
	/* the ranked column: key, or none (ranked after every other) */
	long long key;
	int none;
	/* what the keys are made of */
	long long actual, target, expected, received, late, difficulties;
	int has_target;
	int row; /* as then: its row read whole */
};

struct ctx {
	struct db *db;
	struct arena *a;
	const struct user *who;
	long long unit;
	const char *level;		     /* "" or a level code */
	int whole;			     /* unit is the nation */
	char first[11], last[11], today[11]; /* the period's days; Vietnam's */
	enum progress_as as;
	struct kid *kids; /* by id */
	int n;
};

static void kids_bind(struct db_stmt *st, const struct ctx *x)
{
	db_bind_int(st, ":u", x->unit);
	db_bind_text(st, ":lvl", x->level);
	db_bind_int(st, ":whole", x->whole);
	db_bind_text(st, ":first", x->first);
	db_bind_text(st, ":plast", x->last);
	db_bind_int(st, ":then", x->as == AS_THEN);
	scope_bind(st, x->who);
}

static int by_id(const void *a, const void *b)
{
	long long x = ((const struct kid *)a)->id, y = ((const struct kid *)b)->id;
	return x < y ? -1 : x > y;
}

static struct kid *kid_of(const struct ctx *x, long long id)
{
	struct kid probe;
	probe.id = id;
	return x->n ? bsearch(&probe, x->kids, (size_t)x->n, sizeof *x->kids, by_id) : NULL;
}

static int kids_read(struct ctx *x)
{
	struct db_stmt *st = db_prepare(x->db, KIDS "SELECT u.id, u.sort_key FROM kids k"
						    " JOIN unit u ON u.id = k.id ORDER BY u.id");
	if (!st)
		return -1;
	kids_bind(st, x);
	VEC(struct kid) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct kid *k = VEC_PUSH(x->a, &v);
		memset(k, 0, sizeof *k);
		k->id = db_col_int(st, 0);
		k->sort_key = arena_strdup(x->a, db_col_text(st, 1));
	}
	db_done(st);
	x->kids = v.items;
	x->n = v.n;
	return rc == DB_DONE ? 0 : -1;
}

/* Read (id, value[, value2]) rows of st into the kids: into *field at
 * offset off (and off2 when not -1). */
static int kids_fill(struct ctx *x, struct db_stmt *st, size_t off, long off2)
{
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct kid *k = kid_of(x, db_col_int(st, 0));
		if (!k)
			continue;
		*(long long *)((char *)k + off) += db_col_int(st, 1);
		if (off2 >= 0)
			*(long long *)((char *)k + off2) += db_col_int(st, 2);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* What writes committed and the folder has not folded yet (rollup.h). */
#define PENDING_FLOWS ROLLUP_PENDING(1, 1)
#define PENDING_STOCKS ROLLUP_PENDING(3, 0)
#define PENDING_REPORTS ROLLUP_PENDING(2, 0)

/* The ranked indicator's actual for every kid: flows from the roll-ups
 * (a village's from its teams' reports), stocks at the period's end. */
static int actual_keys(struct ctx *x, const struct indicator *ind, const struct form *f,
		       int villages, const struct period *p, const char *from, const char *to)
{
	struct db_stmt *st;
	char f_from[PERIOD_TEXT], f_to[PERIOD_TEXT];
	if (strcmp(ind->aggregation, "latest") == 0) {
		st = db_prepare(x->db,
				KIDS ", " PENDING_STOCKS " SELECT unit_id, sum(value) FROM"
				     " (SELECT a.unit_id, a.value FROM kids k"
				     " JOIN agg_stock a ON a.unit_id = k.id"
				     " AND a.indicator_id = :i AND a.period BETWEEN :floor"
				     " AND :to AND substr(a.period, 5, 1) = :sep UNION ALL"
				     " SELECT d.unit_id, d.value FROM kids k JOIN pending d"
				     " ON d.unit_id = k.id AND d.item_id = :i"
				     " AND d.period BETWEEN :floor AND :to"
				     " AND substr(d.period, 5, 1) = :sep) x GROUP BY unit_id");
		if (st) {
			db_bind_text(st, ":floor", rollup_grain_floor(f->grain));
			db_bind_text(st, ":sep", f->grain == PERIOD_WEEK ? "W" : "-");
		}
	} else if (villages) {
		st = db_prepare(x->db, KIDS "SELECT t.unit_id, sum(v.value) FROM kids k"
					    " JOIN team t ON t.unit_id = k.id"
					    " JOIN report r ON r.team_id = t.id"
					    " AND r.period BETWEEN :from AND :to"
					    " AND r.status IN ('submitted', 'accepted')"
					    " JOIN report_value v ON v.report_id = r.id"
					    " AND v.indicator_id = :i GROUP BY t.unit_id");
		if (st)
			db_bind_text(st, ":from", from);
	} else {
		if (rollup_flow_range(p, f->grain, f_from, f_to) == 1)
			st = db_prepare(x->db,
					KIDS ", " PENDING_FLOWS " SELECT unit_id,"
					     " sum(value) FROM (SELECT a.unit_id, a.value"
					     " FROM kids k JOIN agg_coarse a ON a.unit_id = k.id"
					     " AND a.period BETWEEN :from AND :to"
					     " AND a.indicator_id = :i UNION ALL"
					     " SELECT d.unit_id, d.value FROM kids k"
					     " JOIN pending d ON d.unit_id = k.id"
					     " AND d.item_id = :i"
					     " JOIN week_period w ON w.week = d.period"
					     " AND w.period BETWEEN :from AND :to) x"
					     " GROUP BY unit_id");
		else
			st = db_prepare(x->db, KIDS ", " PENDING_FLOWS " SELECT unit_id,"
						    " sum(value) FROM (SELECT a.unit_id, a.value"
						    " FROM kids k JOIN agg a ON a.unit_id = k.id"
						    " AND a.period BETWEEN :from AND :to"
						    " AND a.indicator_id = :i UNION ALL"
						    " SELECT d.unit_id, d.value FROM kids k"
						    " JOIN pending d ON d.unit_id = k.id"
						    " AND d.item_id = :i"
						    " AND d.period BETWEEN :from AND :to) x"
						    " GROUP BY unit_id");
		if (st)
			db_bind_text(st, ":from", f_from);
		to = f_to;
	}
	if (!st)
		return -1;
	kids_bind(st, x);
	db_bind_int(st, ":i", ind->id);
	db_bind_text(st, ":to", to);
	return kids_fill(x, st, offsetof(struct kid, actual), -1);
}

static int target_keys(struct ctx *x, const struct indicator *ind, const char *key)
{
	struct db_stmt *st =
	    db_prepare(x->db, KIDS "SELECT t.unit_id, t.value FROM kids k"
				   " JOIN target t ON t.unit_id = k.id AND t.period = :p"
				   " AND t.indicator_id = :i");
	if (!st)
		return -1;
	kids_bind(st, x);
	db_bind_int(st, ":i", ind->id);
	db_bind_text(st, ":p", key);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct kid *k = kid_of(x, db_col_int(st, 0));
		if (k) {
			k->target = db_col_int(st, 1);
			k->has_target = 1;
		}
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Completeness of every kid, form by form, as progress_get counts it. */
static int completeness_keys(struct ctx *x, const struct period *p, struct form *forms, int nf)
{
	for (int f = 0; f < nf; f++) {
		char from[PERIOD_TEXT], to[PERIOD_TEXT], last_begun[PERIOD_TEXT];
		struct period first;
		if (period_range(p, forms[f].grain, from, to) != 0)
			continue;
		int begun = progress_begun(from, to, x->today, &first, last_begun);
		if (!begun)
			continue;
		struct db_stmt *st = db_prepare(
		    x->db, KIDS ", " PENDING_REPORTS " SELECT unit_id, sum(received), sum(late)"
				" FROM (SELECT g.unit_id, g.received, g.late FROM kids k"
				" JOIN agg_report g ON g.unit_id = k.id AND g.form_id = :f"
				" AND g.period BETWEEN :from AND :to UNION ALL"
				" SELECT d.unit_id, d.value, d.late FROM kids k"
				" JOIN pending d ON d.unit_id = k.id AND d.item_id = :f"
				" AND d.period BETWEEN :from AND :to) x GROUP BY unit_id");
		if (!st)
			return -1;
		kids_bind(st, x);
		db_bind_int(st, ":f", forms[f].id);
		db_bind_text(st, ":from", from);
		db_bind_text(st, ":to", last_begun);
		if (kids_fill(x, st, offsetof(struct kid, received), offsetof(struct kid, late)) !=
		    0)
			return -1;
		/* the teams expected: each kid's span rows, walked period by period */
		struct period end = first;
		period_step(&end, begun - 1);
		char d1[11], d2[11];
		period_days(&end, d1, d2);
		st = db_prepare(x->db,
				KIDS "SELECT s.unit_id, s.day, s.starts, s.ends FROM kids k"
				     " JOIN team_span s ON s.unit_id = k.id AND s.day <= :last"
				     " ORDER BY s.unit_id, s.day");
		if (!st)
			return -1;
		kids_bind(st, x);
		db_bind_text(st, ":last", d2);
		VEC(struct team_span_row) rows = {0};
		long long *per = arena_alloc(x->a, (size_t)begun * sizeof *per);
		long long unit = 0;
		int rc;
		for (;;) {
			rc = db_step(st);
			long long id = rc == DB_ROW ? db_col_int(st, 0) : 0;
			if (rows.n && id != unit) { /* the previous kid's rows are all in */
				struct kid *k = kid_of(x, unit);
				rollup_expected_walk(rows.items, rows.n, &first, begun, per);
				for (int i = 0; k && i < begun; i++)
					k->expected += per[i];
				rows.n = 0;
			}
			if (rc != DB_ROW)
				break;
			unit = id;
			struct team_span_row *s = VEC_PUSH(x->a, &rows);
			snprintf(s->day, sizeof s->day, "%s", db_col_text(st, 1));
			s->starts = db_col_int(st, 2);
			s->ends = db_col_int(st, 3);
		}
		db_done(st);
		if (rc != DB_DONE)
			return -1;
	}
	return 0;
}

static int difficulty_keys(struct ctx *x)
{
	struct db_stmt *st = db_prepare(
	    x->db, KIDS "SELECT y.ancestor_id, count(*) FROM difficulty d CROSS JOIN team t"
			" CROSS JOIN unit_tree y WHERE d.status <> 'resolved' AND t.id = d.team_id"
			" AND y.unit_id = t.unit_id AND y.ancestor_id IN (SELECT id FROM kids)"
			" GROUP BY y.ancestor_id");
	if (!st)
		return -1;
	kids_bind(st, x);
	return kids_fill(x, st, offsetof(struct kid, difficulties), -1);
}

/* As then, a kid may exist for part of the period only: every kid read
 * whole (progress_many_as), its keys taken from its row. */
static int then_keys(struct ctx *x, const struct period *p, const struct indicator *ranked,
		     time_t now, struct unit **units, struct progress_row **rows)
{
	*units = arena_alloc(x->a, (size_t)(x->n + 1) * sizeof **units);
	*rows = arena_alloc(x->a, (size_t)(x->n + 1) * sizeof **rows);
	for (int i = 0; i < x->n; i++)
		if (units_get(x->db, x->a, x->kids[i].id, &(*units)[i]) != RES_OK)
			return -1;
	if (progress_many_as(x->db, x->a, *units, x->n, p, AS_THEN, now, *rows) != RES_OK)
		return -1;
	for (int i = 0; i < x->n; i++) {
		struct kid *k = &x->kids[i];
		const struct progress_row *row = &(*rows)[i];
		k->row = i;
		k->expected = row->c.expected;
		k->received = row->c.received;
		k->late = row->c.late;
		for (int j = 0; ranked && j < row->n; j++)
			if (row->items[j].ind->id == ranked->id) {
				k->actual = row->items[j].actual;
				k->target = row->items[j].target;
				k->has_target = k->target >= 0;
			}
	}
	return 0;
}

/* The column's key of each kid; none where it has nothing to rank on. */
static void set_keys(struct ctx *x, enum breakdown_sort s)
{
	for (int i = 0; i < x->n; i++) {
		struct kid *k = &x->kids[i];
		switch (s) {
		case SORT_PERCENT: /* without a target: after, by what is done */
			k->none = !k->has_target || k->target <= 0;
			k->key = k->none ? k->actual : k->actual * 10000 / k->target;
			break;
		case SORT_ACTUAL:
			k->key = k->actual;
			break;
		case SORT_TARGET:
			k->none = !k->has_target;
			k->key = -k->target;
			break;
		case SORT_RECEIVED:
			k->none = k->expected <= 0;
			k->key = k->none ? 0 : k->received * 10000 / k->expected;
			break;
		case SORT_MISSING:
			k->key = -(k->expected > k->received ? k->expected - k->received : 0);
			break;
		case SORT_LATE:
			k->key = -k->late;
			break;
		case SORT_DIFFICULTIES:
			k->key = -k->difficulties;
			break;
		case SORT_NAME:
		case SORT_COUNT:
			break;
		}
	}
}

/* Worst first: the smaller key, then by name and id; those with nothing
 * to rank on come last, in the same order among themselves. */
static int worst_first(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	if (x->none != y->none)
		return x->none - y->none;
	int c = x->key < y->key ? -1 : x->key > y->key;
	if (!c)
		c = strcmp(x->sort_key, y->sort_key);
	if (!c)
		c = x->id < y->id ? -1 : x->id > y->id;
	return c;
}

static void turn_round(struct kid *k, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		struct kid t = k[i];
		k[i] = k[j];
		k[j] = t;
	}
}

/* Best first: both groups in the opposite order, those without a key
 * still last. */
static void best_first(struct kid *k, int n)
{
	int m = 0;
	while (m < n && !k[m].none)
		m++;
	turn_round(k, m);
	turn_round(k + m, n - m);
}

/* The indicator ranked on: the one named (RES_INVALID when none of the
 * forms of p has it), else the first in the forms' order that some kid has
 * a target for, else the first of all; with the form it is in. */
static int ranked_indicator(struct ctx *x, const struct period *p, const char *code,
			    struct form *forms, int nf, const struct indicator **ind,
			    const struct form **form)
{
	*ind = NULL;
	*form = NULL;
	char key[PERIOD_TEXT];
	period_format(p, key);
	VEC(long long) targeted = {0};
	if (!code && p->kind != PERIOD_WEEK) {
		struct db_stmt *st =
		    db_prepare(x->db, KIDS "SELECT DISTINCT t.indicator_id FROM kids k"
					   " JOIN target t ON t.unit_id = k.id AND t.period = :p");
		if (!st)
			return RES_ERROR;
		kids_bind(st, x);
		db_bind_text(st, ":p", key);
		int rc;
		while ((rc = db_step(st)) == DB_ROW)
			*VEC_PUSH(x->a, &targeted) = db_col_int(st, 0);
		db_done(st);
		if (rc != DB_DONE)
			return RES_ERROR;
	}
	for (int f = 0; f < nf; f++) {
		char from[PERIOD_TEXT], to[PERIOD_TEXT];
		if (period_range(p, forms[f].grain, from, to) != 0)
			continue;
		struct indicator *inds;
		int ni;
		if (catalog_form_indicators(x->db, x->a, forms[f].id, x->unit, &inds, &ni) !=
		    RES_OK)
			return RES_ERROR;
		for (int i = 0; i < ni; i++) {
			int has_target = 0;
			for (int t = 0; t < targeted.n; t++)
				has_target |= targeted.items[t] == inds[i].id;
			int pick = code ? strcmp(inds[i].code, code) == 0 : has_target;
			if (pick || (!code && !*ind)) {
				*ind = &inds[i];
				*form = &forms[f];
			}
			if (pick)
				return RES_OK;
		}
	}
	return code ? RES_INVALID : RES_OK;
}

int breakdown_get(struct db *db, struct arena *a, const struct user *who,
		  const struct breakdown_query *q, time_t now, struct breakdown *out)
{
	memset(out, 0, sizeof *out);
	struct unit u;
	int rc = units_get(db, a, q->unit, &u);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, q->unit))
		return RES_NOT_FOUND;
	if (q->level != LEVEL_UNKNOWN && (q->level <= u.lvl || q->level >= LEVEL_COUNT))
		return RES_INVALID;
	struct ctx x = {.db = db, .a = a, .who = who, .unit = q->unit, .as = q->as};
	x.level = q->level == LEVEL_UNKNOWN ? "" : unit_level_name(q->level);
	x.whole = u.lvl == LEVEL_NATION;
	period_days(&q->p, x.first, x.last);
	date_local(now, x.today);
	out->pace = breakdown_pace(&q->p, x.today);

	struct form *forms;
	int nf;
	if (catalog_forms(db, a, q->unit, &forms, &nf) != RES_OK)
		return RES_ERROR;
	const struct form *form;
	rc = ranked_indicator(&x, &q->p, q->indicator, forms, nf, &out->ranked, &form);
	if (rc != RES_OK)
		return rc;
	if (kids_read(&x) != 0)
		return RES_ERROR;
	out->total = x.n;

	/* the column ranked on, for every kid */
	char key[PERIOD_TEXT];
	period_format(&q->p, key);
	int villages =
	    q->level == LEVEL_VILLAGE || (q->level == LEVEL_UNKNOWN && u.lvl == LEVEL_COMMUNE);
	int ok = 1;
	struct unit *then_units = NULL;
	struct progress_row *then_rows = NULL;
	if (q->as == AS_THEN)
		ok = then_keys(&x, &q->p, out->ranked, now, &then_units, &then_rows) == 0;
	else
		switch (q->sort) {
		case SORT_PERCENT:
		case SORT_ACTUAL:
		case SORT_TARGET:
			if (out->ranked) {
				char from[PERIOD_TEXT], to[PERIOD_TEXT];
				period_range(&q->p, form->grain, from, to);
				ok = actual_keys(&x, out->ranked, form, villages, &q->p, from,
						 to) == 0 &&
				     (q->p.kind == PERIOD_WEEK ||
				      target_keys(&x, out->ranked, key) == 0);
			}
			break;
		case SORT_RECEIVED:
		case SORT_MISSING:
		case SORT_LATE:
			ok = completeness_keys(&x, &q->p, forms, nf) == 0;
			break;
		case SORT_DIFFICULTIES:
		case SORT_NAME:
		case SORT_COUNT:
			break;
		}
	if (!ok || difficulty_keys(&x) != 0)
		return RES_ERROR;
	set_keys(&x, q->sort);
	if (x.n > 1)
		qsort(x.kids, (size_t)x.n, sizeof *x.kids, worst_first);
	if (q->reverse)
		best_first(x.kids, x.n);

	/* the page, its rows read set-wise as each one's own progress page
	 * reads it */
	int limit = q->limit < 1 || q->limit > BREAKDOWN_PAGE_MAX ? BREAKDOWN_PAGE_MAX : q->limit;
	long long from = q->offset < 0 ? 0 : q->offset;
	int n = from >= x.n ? 0 : (int)(x.n - from < limit ? x.n - from : limit);
	out->rows = arena_alloc(a, (size_t)(n + 1) * sizeof *out->rows);
	struct unit *units = arena_alloc(a, (size_t)(n + 1) * sizeof *units);
	struct progress_row *read = arena_alloc(a, (size_t)(n + 1) * sizeof *read);
	for (int i = 0; i < n && then_rows; i++) {
		units[i] = then_units[x.kids[from + i].row];
		read[i] = then_rows[x.kids[from + i].row];
	}
	for (int i = 0; i < n && !then_rows; i++)
		if (units_get(db, a, x.kids[from + i].id, &units[i]) != RES_OK)
			return RES_ERROR;
	if (!then_rows && progress_many(db, a, units, n, &q->p, now, read) != RES_OK)
		return RES_ERROR;
	for (int i = 0; i < n; i++) {
		struct kid *k = &x.kids[from + i];
		struct breakdown_row *row = &out->rows[i];
		row->unit = units[i];
		row->rank = from + i + 1;
		row->difficulties = k->difficulties;
		row->items = read[i].items;
		row->n = read[i].n;
		row->c = read[i].c;
		int keep = 0;
		for (int j = 0; j < row->n; j++) {
			const struct progress_item *it = &row->items[j];
			if (out->ranked && it->ind->id == out->ranked->id && !row->lagging)
				row->lagging = breakdown_lagging(it, out->pace);
			if (!q->indicator || (out->ranked && it->ind->id == out->ranked->id))
				row->items[keep++] = *it;
		}
		row->n = keep;
	}
	out->n = n;
	out->next = from + n < x.n ? from + n : 0;
	return RES_OK;
}
