/* home.c: the lists a home page starts from (see home.h). */
#include "core/home.h"
#include "core/catalog.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int home_reports(struct db *db, struct arena *a, const struct user *who, long long unit,
		 enum report_status s, int limit, struct home_report **out, int *n,
		 long long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if (limit < 1 || limit > 100)
		limit = 100;
	struct db_stmt *st = db_prepare(
	    db, "SELECT r.id, t.id, t.name, v.name, coalesce(r.note, ''), r.period, r.late,"
		" count(*) OVER (), " REPORT_RESUBMITTED
		" FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id"
		" JOIN unit v ON v.id = t.unit_id JOIN report r ON r.team_id = t.id"
		" WHERE x.ancestor_id = :u AND r.status = :s AND " SCOPE_HAS(
		    "t.unit_id") " ORDER BY r.period DESC, v.sort_key, t.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":s", report_status_name(s));
	db_bind_int(st, ":limit", limit);
	VEC(struct home_report) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct home_report *h = VEC_PUSH(a, &v);
		h->report_id = db_col_int(st, 0);
		h->team_id = db_col_int(st, 1);
		h->team = arena_strdup(a, db_col_text(st, 2));
		h->village = arena_strdup(a, db_col_text(st, 3));
		h->note = arena_strdup(a, db_col_text(st, 4));
		snprintf(h->period, sizeof h->period, "%s", db_col_text(st, 5));
		h->late = (int)db_col_int(st, 6);
		h->status = s;
		*total = db_col_int(st, 7);
		h->resubmitted = db_col_int(st, 8) != 0;
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

static int less_complete(const void *x, const void *y)
{
	const struct home_child *a = x, *b = y;
	/* a/b's share of expected received, compared without division */
	long long l = a->received * (b->expected ? b->expected : 1),
		  r = b->received * (a->expected ? a->expected : 1);
	if (!a->expected != !b->expected)
		return a->expected ? -1 : 1; /* units without teams last */
	return l < r ? -1 : l > r ? 1 : (a->unit_id > b->unit_id) - (a->unit_id < b->unit_id);
}

int home_children(struct db *db, struct arena *a, const struct user *who, long long unit,
		  const struct period *p, struct home_child **out, int *n)
{
	*out = NULL;
	*n = 0;
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct form f;
	int rc = catalog_form_for(db, a, unit, key, NULL, &f);
	if (rc != RES_OK)
		return rc == RES_NOT_FOUND ? RES_INVALID : rc;
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT c.id, c.name, coalesce((SELECT sum(g.received) FROM agg_report g"
	    " WHERE g.unit_id = c.id AND g.form_id = :f AND g.period = :p), 0)"
	    " FROM unit c WHERE c.parent_id = :u AND " SCOPE_HAS("c.id") " ORDER BY c.sort_key");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":f", f.id);
	db_bind_text(st, ":p", key);
	VEC(struct home_child) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct home_child *c = VEC_PUSH(a, &v);
		c->unit_id = db_col_int(st, 0);
		c->name = arena_strdup(a, db_col_text(st, 1));
		c->received = db_col_int(st, 2);
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	for (int i = 0; i < v.n; i++)
		if (rollup_expected(db, a, v.items[i].unit_id, p, 1, &v.items[i].expected) != 0)
			return RES_ERROR;
	if (v.n > 1)
		qsort(v.items, (size_t)v.n, sizeof *v.items, less_complete);
	*out = v.items;
	*n = v.n;
	return RES_OK;
}
