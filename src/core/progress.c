/* progress.c: targets, and progress read from the roll-ups. */
#include "core/progress.h"
#include "core/audit.h"
#include "core/scope.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/escape.h"
#include <stdlib.h>
#include <string.h>

static long long targets_get(struct db *db, long long unit, long long indicator, const char *period)
{
	struct db_stmt *st = db_prepare(db, "SELECT value FROM target WHERE unit_id = :u"
					    " AND indicator_id = :i AND period = :p");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":i", indicator);
	db_bind_text(st, ":p", period);
	long long v = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_done(st);
	return v;
}

/* Sum of the targets of the units right below unit. */
static long long children_targets(struct db *db, long long unit, long long indicator,
				  const char *period)
{
	struct db_stmt *st = db_prepare(db, "SELECT sum(t.value) FROM target t JOIN unit u"
					    " ON u.id = t.unit_id WHERE u.parent_id = :u"
					    " AND t.indicator_id = :i AND t.period = :p");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":i", indicator);
	db_bind_text(st, ":p", period);
	long long v = db_step(st) == DB_ROW && !db_col_is_null(st, 0) ? db_col_int(st, 0) : -1;
	db_done(st);
	return v;
}

/* The actual value of indicator at unit over grain periods [from, to]:
 * a sum, or the last period's value for "latest" indicators. */
static long long actual(struct db *db, long long unit, int village, const struct indicator *ind,
			const char *from, const char *to)
{
	int latest = strcmp(ind->aggregation, "latest") == 0;
	struct db_stmt *st;
	if (village)
		st = latest
			 ? db_prepare(
			       db, "SELECT sum(v.value) FROM report r JOIN team t"
				   " ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id"
				   " WHERE t.unit_id = :u AND v.indicator_id = :i"
				   " AND r.status IN ('submitted', 'accepted') AND r.period ="
				   " (SELECT max(r2.period) FROM report r2 JOIN team t2"
				   "  ON t2.id = r2.team_id JOIN report_value v2"
				   "  ON v2.report_id = r2.id WHERE t2.unit_id = :u"
				   "  AND v2.indicator_id = :i AND r2.status IN"
				   "  ('submitted', 'accepted') AND r2.period BETWEEN :f AND :t)")
			 : db_prepare(
			       db, "SELECT sum(v.value) FROM report r JOIN team t"
				   " ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id"
				   " WHERE t.unit_id = :u AND v.indicator_id = :i"
				   " AND r.status IN ('submitted', 'accepted')"
				   " AND r.period BETWEEN :f AND :t");
	else
		st = latest ? db_prepare(db, "SELECT value FROM agg WHERE unit_id = :u"
					     " AND indicator_id = :i AND period BETWEEN :f AND :t"
					     " AND reports > 0 ORDER BY period DESC LIMIT 1")
			    : db_prepare(db, "SELECT sum(value) FROM agg WHERE unit_id = :u"
					     " AND indicator_id = :i AND period BETWEEN :f AND :t");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":i", ind->id);
	db_bind_text(st, ":f", from);
	db_bind_text(st, ":t", to);
	long long v = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return v;
}

/* The teams active now below unit. */
static long long active_teams(struct db *db, long long unit)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM unit_tree x JOIN team t"
					    " ON t.unit_id = x.unit_id AND t.dissolved_on IS NULL"
					    " WHERE x.ancestor_id = :u");
	if (!st)
		return 0;
	db_bind_int(st, ":u", unit);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return n;
}

/* The active teams below unit without a counted report of form for period. */
static int missing_teams(struct db *db, struct arena *a, long long unit, long long form,
			 const char *period, struct missing_team *out, int *n)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT t.id, t.name, v.name, c.name FROM unit_tree x"
			   " JOIN team t ON t.unit_id = x.unit_id AND t.dissolved_on IS NULL"
			   " JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id"
			   " WHERE x.ancestor_id = :u AND NOT EXISTS (SELECT 1 FROM report r"
			   "  WHERE r.team_id = t.id AND r.form_id = :f AND r.period = :p"
			   "  AND r.status IN ('submitted', 'accepted'))"
			   " ORDER BY c.sort_key, v.sort_key LIMIT 500");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":f", form);
	db_bind_text(st, ":p", period);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < 500) {
		struct missing_team *m = &out[(*n)++];
		m->id = db_col_int(st, 0);
		m->name = arena_strdup(a, db_col_text(st, 1));
		m->village = arena_strdup(a, db_col_text(st, 2));
		m->commune = arena_strdup(a, db_col_text(st, 3));
		m->period = arena_strdup(a, period);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int progress_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct period *p, time_t now, struct progress_item **items, int *n,
		 struct completeness *c, struct missing_team **missing, int *nmissing)
{
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	int village = strcmp(u.level, "village") == 0;
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct form *forms;
	int nf;
	if (catalog_forms(db, a, unit, &forms, &nf) != RES_OK)
		return RES_ERROR;
	*items = arena_alloc(a, 64 * sizeof **items);
	*n = 0;
	memset(c, 0, sizeof *c);
	*missing = arena_alloc(a, 500 * sizeof **missing);
	*nmissing = 0;
	char today[11];
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	for (int f = 0; f < nf; f++) {
		char from[PERIOD_TEXT], to[PERIOD_TEXT];
		if (period_range(p, forms[f].grain, from, to) != 0)
			continue; /* a monthly form has nothing to say about a week */
		struct indicator *inds;
		int ni;
		if (catalog_form_indicators(db, a, forms[f].id, unit, &inds, &ni) != RES_OK)
			return RES_ERROR;
		for (int i = 0; i < ni && *n < 64; i++) {
			struct progress_item *it = &(*items)[(*n)++];
			it->ind = &inds[i];
			it->actual = actual(db, unit, village, &inds[i], from, to);
			it->target =
			    p->kind == PERIOD_WEEK ? -1 : targets_get(db, unit, inds[i].id, key);
			it->percent = it->target > 0 ? (int)(it->actual * 100 / it->target) : -1;
			it->children_targets =
			    village ? -1 : children_targets(db, unit, inds[i].id, key);
		}
		/* completeness, from the counted reports' roll-up: the grain
		 * periods of p that have begun × the active teams */
		struct period g;
		char last_begun[PERIOD_TEXT] = "";
		int begun = 0;
		period_parse(from, &g);
		for (int k = 0; k < 60; k++) {
			char gkey[PERIOD_TEXT], first[11], last[11];
			period_format(&g, gkey);
			period_days(&g, first, last);
			if (strcmp(first, today) > 0)
				break;
			begun++;
			memcpy(last_begun, gkey, sizeof last_begun);
			if (strcmp(gkey, to) == 0)
				break;
			period_step(&g, 1);
		}
		if (!begun)
			continue;
		c->expected += begun * active_teams(db, unit);
		struct db_stmt *st = db_prepare(db, "SELECT coalesce(sum(received), 0),"
						    " coalesce(sum(late), 0) FROM agg_report"
						    " WHERE unit_id = :u AND form_id = :f"
						    " AND period BETWEEN :from AND :to");
		if (!st)
			return RES_ERROR;
		db_bind_int(st, ":u", unit);
		db_bind_int(st, ":f", forms[f].id);
		db_bind_text(st, ":from", from);
		db_bind_text(st, ":to", last_begun);
		if (db_step(st) == DB_ROW) {
			c->received += db_col_int(st, 0);
			c->late += db_col_int(st, 1);
		}
		db_done(st);
		/* the teams without a report: one reporting period, one commune */
		if (begun == 1 && strcmp(from, to) == 0 &&
		    (strcmp(u.level, "commune") == 0 || village) &&
		    missing_teams(db, a, unit, forms[f].id, from, *missing, nmissing) != RES_OK)
			return RES_ERROR;
	}
	c->on_time = c->received - c->late;
	c->missing = c->expected > c->received ? c->expected - c->received : 0;
	return RES_OK;
}

int targets_grid_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const char *period, struct target_grid *g)
{
	struct period p;
	memset(g, 0, sizeof *g);
	if (period_parse(period, &p) != 0 || p.kind == PERIOD_WEEK || !scope_has(db, who, unit))
		return RES_NOT_FOUND;
	int rc = units_get(db, a, unit, &g->unit);
	if (rc != RES_OK)
		return rc;
	struct unit_query q = {.parent = unit, .limit = UNITS_PAGE_MAX};
	if (catalog_indicators(db, a, unit, &g->inds, &g->ni) != RES_OK ||
	    units_list(db, a, &q, &g->children) != RES_OK)
		return RES_ERROR;
	int rows = 1 + g->children.n;
	g->values = arena_alloc(a, (size_t)(rows * g->ni + 1) * sizeof *g->values);
	g->editable = arena_alloc(a, (size_t)rows * sizeof *g->editable);
	for (int i = 0; i < rows * g->ni; i++)
		g->values[i] = -1;
	for (int i = 0; i < rows; i++)
		g->editable[i] = targets_may_set(db, who, i ? g->children.items[i - 1].id : unit);
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.unit_id, t.indicator_id, t.value FROM target t WHERE t.period = :p"
		" AND (t.unit_id = :u OR t.unit_id IN (SELECT id FROM unit WHERE parent_id = :u))");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":p", period);
	db_bind_int(st, ":u", unit);
	while ((rc = db_step(st)) == DB_ROW) {
		long long uid = db_col_int(st, 0), iid = db_col_int(st, 1);
		int row = -1, col = -1;
		if (uid == unit)
			row = 0;
		for (int i = 0; row < 0 && i < g->children.n; i++)
			if (g->children.items[i].id == uid)
				row = i + 1;
		for (int k = 0; col < 0 && k < g->ni; k++)
			if (g->inds[k].id == iid)
				col = k;
		if (row >= 0 && col >= 0)
			g->values[row * g->ni + col] = db_col_int(st, 2);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int targets_may_set(struct db *db, const struct user *who, long long unit)
{
	if (!teams_may_write(who) || unit == who->scope)
		return 0;
	return scope_has(db, who, unit);
}

int targets_set(struct db *db, const struct user *who, long long unit, const char *period,
		const char *const *codes, const char *const *values, int n, struct field_errors *fe)
{
	struct period p;
	if (!targets_may_set(db, who, unit)) {
		struct arena a = ARENA_INIT;
		struct unit u;
		int found = units_get(db, &a, unit, &u) == RES_OK && scope_has(db, who, unit);
		arena_release(&a);
		return found ? RES_FORBIDDEN : RES_NOT_FOUND;
	}
	if (period_parse(period, &p) != 0 || p.kind == PERIOD_WEEK)
		field_error_add(fe, "period",
				N_("a month, quarter or year (2026-11, 2026Q4, 2026)"), NULL);
	struct arena a = ARENA_INIT;
	struct indicator *inds;
	int ni = 0;
	if (catalog_indicators(db, &a, unit, &inds, &ni) != RES_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	long long *ids = arena_alloc(&a, (size_t)(n + 1) * sizeof *ids);
	long long *vals = arena_alloc(&a, (size_t)(n + 1) * sizeof *vals);
	for (int i = 0; i < n; i++) {
		ids[i] = 0;
		for (int k = 0; k < ni; k++)
			if (strcmp(inds[k].code, codes[i]) == 0)
				ids[i] = inds[k].id;
		vals[i] = -1;
		if (!ids[i]) {
			field_error_add(fe, codes[i], N_("not an indicator of this area"), NULL);
			continue;
		}
		if (values[i] && *values[i]) {
			char *end;
			vals[i] = strtoll(values[i], &end, 10);
			if (*end || vals[i] < 0 || vals[i] > 100000000)
				field_error_add(fe, codes[i], N_("a whole number, 0 or more"),
						NULL);
		}
	}
	if (fe->n) {
		arena_release(&a);
		return RES_INVALID;
	}
	if (db_begin(db) != DB_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	int res = RES_OK;
	for (int i = 0; i < n && res == RES_OK; i++) {
		struct db_stmt *st;
		if (vals[i] >= 0) {
			st = db_prepare(
			    db, "INSERT INTO target(unit_id, indicator_id, period, value,"
				" assigned_by) VALUES (:u, :i, :p, :v, :by)"
				" ON CONFLICT(unit_id, period, indicator_id) DO UPDATE SET"
				" value = excluded.value, assigned_by = excluded.assigned_by,"
				" assigned_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
			if (st) {
				db_bind_int(st, ":v", vals[i]);
				db_bind_id(st, ":by", who->id);
			}
		} else {
			st = db_prepare(
			    db, "DELETE FROM target WHERE unit_id = :u AND indicator_id = :i"
				" AND period = :p");
		}
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":u", unit);
			db_bind_int(st, ":i", ids[i]);
			db_bind_text(st, ":p", period);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	struct buf d = BUF_INIT;
	buf_puts(&d, "{\"period\":");
	json_escape(&d, period, strlen(period));
	buf_printf(&d, ",\"values\":%d}", n);
	if (res == RES_OK && audit_log(db, who, "targets", "target", 0, unit, buf_cstr(&d)) != 0)
		res = RES_ERROR;
	buf_release(&d);
	arena_release(&a);
	if (res == RES_OK && db_commit(db) == DB_OK)
		return RES_OK;
	db_rollback(db);
	return RES_ERROR;
}

int targets_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		       size_t len, struct import_result *r)
{
	memset(r, 0, sizeof *r);
	struct csv csv;
	struct csv_error ce;
	if (csv_parse(a, data, len, &csv, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	if (csv.nrows < 2 || csv.rows[0].nfields < 4 ||
	    strcmp(csv.rows[0].fields[0], "unit_id") != 0 ||
	    strcmp(csv.rows[0].fields[2], "period") != 0) {
		import_error_add(
		    r, 1, 0, NULL,
		    N_("the header must be unit_id;unit;period;CODE... as in the download"), NULL);
		return RES_INVALID;
	}
	const struct csv_row *head = &csv.rows[0];
	int ncodes = head->nfields - 3;
	long long *ind = arena_alloc(a, (size_t)ncodes * sizeof *ind);
	struct indicator *inds;
	int ni;
	if (catalog_indicators(db, a, who->scope, &inds, &ni) != RES_OK)
		return RES_ERROR;
	for (int k = 0; k < ncodes; k++) {
		ind[k] = 0;
		for (int i = 0; i < ni; i++)
			if (strcmp(inds[i].code, head->fields[k + 3]) == 0)
				ind[k] = inds[i].id;
		if (!ind[k])
			import_error_add(r, head->line, k + 4, head->fields[k + 3],
					 N_("not an indicator of this area"), NULL);
	}
	r->rows = csv.nrows - 1;
	long long *units = arena_alloc(a, (size_t)r->rows * sizeof *units);
	for (int i = 0; i < r->rows; i++) {
		const struct csv_row *row = &csv.rows[i + 1];
		char *end;
		units[i] = row->nfields > 0 ? strtoll(row->fields[0], &end, 10) : 0;
		struct period p;
		if (!units[i] || *end || !targets_may_set(db, who, units[i]))
			import_error_add(r, row->line, 1, "unit_id",
					 N_("no such unit in your area"), NULL);
		if (row->nfields < 3 || period_parse(row->fields[2], &p) != 0 ||
		    p.kind == PERIOD_WEEK)
			import_error_add(r, row->line, 3, "period",
					 N_("a month, quarter or year (2026-11, 2026Q4, 2026)"),
					 NULL);
		for (int k = 0; k < ncodes && k + 3 < row->nfields; k++) {
			const char *v = row->fields[k + 3];
			long long x = *v ? strtoll(v, &end, 10) : 0;
			if (*v && (*end || x < 0 || x > 100000000))
				import_error_add(r, row->line, k + 4, head->fields[k + 3],
						 N_("a whole number, 0 or more"), NULL);
		}
	}
	if (r->nerrors)
		return RES_INVALID;
	if (db_begin(db) != DB_OK)
		return RES_ERROR;
	int res = RES_OK;
	for (int i = 0; i < r->rows && res == RES_OK; i++) {
		const struct csv_row *row = &csv.rows[i + 1];
		for (int k = 0; k < ncodes && k + 3 < row->nfields && res == RES_OK; k++) {
			if (!*row->fields[k + 3])
				continue; /* an empty cell leaves the target as it is */
			struct db_stmt *st = db_prepare(
			    db,
			    "INSERT INTO target(unit_id, indicator_id, period, value, assigned_by)"
			    " VALUES (:u, :i, :p, :v, :by) ON CONFLICT(unit_id, period, "
			    "indicator_id)"
			    " DO UPDATE SET value = excluded.value, assigned_by = "
			    "excluded.assigned_by,"
			    " assigned_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
			res = RES_ERROR;
			if (st) {
				db_bind_int(st, ":u", units[i]);
				db_bind_int(st, ":i", ind[k]);
				db_bind_text(st, ":p", row->fields[2]);
				db_bind_int(st, ":v", strtoll(row->fields[k + 3], NULL, 10));
				db_bind_id(st, ":by", who->id);
				res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
				db_done(st);
				r->added++;
			}
		}
	}
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"rows\":%d,\"targets\":%d}", r->rows, r->added);
	if (res == RES_OK &&
	    audit_log(db, who, "import", "target", 0, who->scope, buf_cstr(&d)) != 0)
		res = RES_ERROR;
	buf_release(&d);
	if (res == RES_OK && db_commit(db) == DB_OK)
		return RES_OK;
	db_rollback(db);
	r->added = 0;
	return RES_ERROR;
}
