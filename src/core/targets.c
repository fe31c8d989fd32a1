/* targets.c: targets assigned to the units below one's scope, as a grid
 * saved in one transaction and as a CSV file that comes back in. */
#include "core/targets.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/escape.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A row of the grid by unit id: the children sorted by id. */
struct row_of {
	long long unit;
	int row;
};

static int by_unit(const void *a, const void *b)
{
	long long x = ((const struct row_of *)a)->unit, y = ((const struct row_of *)b)->unit;
	return x < y ? -1 : x > y;
}

int targets_grid_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const struct period *p, struct target_grid *g)
{
	memset(g, 0, sizeof *g);
	if (p->kind == PERIOD_WEEK || !scope_has(db, who, unit))
		return RES_NOT_FOUND;
	int rc = units_get(db, a, unit, &g->unit);
	if (rc != RES_OK)
		return rc;
	if (catalog_indicators(db, a, unit, &g->inds, &g->ni) != RES_OK)
		return RES_ERROR;
	/* every child, page after page */
	VEC(struct unit) kids = {0};
	struct unit_query q = {.parent = unit, .limit = UNITS_PAGE_MAX};
	for (;;) {
		struct unit_page page;
		if (units_list(db, a, &q, &page) != RES_OK)
			return RES_ERROR;
		for (int i = 0; i < page.n; i++)
			*VEC_PUSH(a, &kids) = page.items[i];
		if (!page.next)
			break;
		q.after = page.next;
	}
	g->children = kids.items;
	g->nchildren = kids.n;
	int rows = 1 + g->nchildren;
	g->values = arena_alloc(a, (size_t)(rows * g->ni + 1) * sizeof *g->values);
	g->editable = arena_alloc(a, (size_t)rows * sizeof *g->editable);
	for (int i = 0; i < rows * g->ni; i++)
		g->values[i] = -1;
	/* the units below one's own are all in scope: one check for them */
	g->editable[0] = targets_may_set(db, who, unit);
	int below = teams_may_write(who);
	struct row_of *index = arena_alloc(a, (size_t)rows * sizeof *index);
	index[0] = (struct row_of){unit, 0};
	for (int i = 1; i < rows; i++) {
		g->editable[i] = below;
		index[i] = (struct row_of){g->children[i - 1].id, i};
	}
	qsort(index, (size_t)rows, sizeof *index, by_unit);
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.unit_id, t.indicator_id, t.value FROM target t WHERE t.period = :p"
		" AND (t.unit_id = :u OR t.unit_id IN (SELECT id FROM unit WHERE parent_id = :u))");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":p", key);
	db_bind_int(st, ":u", unit);
	while ((rc = db_step(st)) == DB_ROW) {
		struct row_of want = {db_col_int(st, 0), 0};
		struct row_of *hit = bsearch(&want, index, (size_t)rows, sizeof *index, by_unit);
		long long iid = db_col_int(st, 1);
		int col = -1;
		for (int k = 0; col < 0 && k < g->ni; k++)
			if (g->inds[k].id == iid)
				col = k;
		if (hit && col >= 0)
			g->values[hit->row * g->ni + col] = db_col_int(st, 2);
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

/* A target as typed: a whole number 0..100,000,000, or -1. */
static long long parse_target(const char *s)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	long long v = strtoll(s, &end, 10);
	return *end || v > 100000000 ? -1 : v;
}

/* Write one target (value >= 0) or remove it (value -1). */
static int target_write(struct db *db, const struct user *who, long long unit, long long ind,
			const char *key, long long value)
{
	struct db_stmt *st;
	if (value >= 0) {
		st = db_prepare(db, "INSERT INTO target(unit_id, indicator_id, period, value,"
				    " assigned_by, assigned_at) VALUES (:u, :i, :p, :v, :by, :at)"
				    " ON CONFLICT(unit_id, period, indicator_id) DO UPDATE SET"
				    " value = excluded.value, assigned_by = excluded.assigned_by,"
				    " assigned_at = excluded.assigned_at");
		if (st) {
			char now[21];
			date_stamp(time(NULL), now);
			db_bind_text(st, ":at", now);
			db_bind_int(st, ":v", value);
			db_bind_id(st, ":by", who->id);
		}
	} else {
		st = db_prepare(db, "DELETE FROM target WHERE unit_id = :u AND indicator_id = :i"
				    " AND period = :p");
	}
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":i", ind);
	db_bind_text(st, ":p", key);
	return db_run(st) == DB_OK ? 0 : -1;
}

int targets_set(struct db *db, struct arena *ra, const struct user *who, const struct period *p,
		const struct target_row *rows, int nrows, struct field_errors *fe)
{
	struct arena a = ARENA_INIT;
	int res = RES_OK;
	if (p->kind == PERIOD_WEEK)
		field_error_add(fe, "period",
				N_("a month, quarter or year (2026-11, 2026Q4, 2026)"), NULL);
	/* who may set every row? (one refusal refuses the whole grid) */
	for (int r = 0; r < nrows && res == RES_OK; r++) {
		if (targets_may_set(db, who, rows[r].unit))
			continue;
		struct unit u;
		int found = units_get(db, &a, rows[r].unit, &u) == RES_OK &&
			    scope_has(db, who, rows[r].unit);
		res = found ? RES_FORBIDDEN : RES_NOT_FOUND;
	}
	struct indicator *inds;
	int ni = 0;
	if (res == RES_OK && nrows &&
	    catalog_indicators(db, &a, rows[0].unit, &inds, &ni) != RES_OK)
		res = RES_ERROR;
	long long **ids = arena_alloc(&a, (size_t)(nrows + 1) * sizeof *ids);
	long long **vals = arena_alloc(&a, (size_t)(nrows + 1) * sizeof *vals);
	for (int r = 0; r < nrows && res == RES_OK; r++) {
		const struct target_row *row = &rows[r];
		ids[r] = arena_alloc(&a, (size_t)(row->n + 1) * sizeof **ids);
		vals[r] = arena_alloc(&a, (size_t)(row->n + 1) * sizeof **vals);
		for (int i = 0; i < row->n; i++) {
			/* errors outlive this function: their strings come from ra */
			const char *field =
			    nrows == 1 ? arena_strdup(ra, row->codes[i])
				       : arena_printf(ra, "t_%lld_%s", row->unit, row->codes[i]);
			ids[r][i] = 0;
			for (int k = 0; k < ni; k++)
				if (strcmp(inds[k].code, row->codes[i]) == 0)
					ids[r][i] = inds[k].id;
			vals[r][i] = -1;
			if (!ids[r][i]) {
				field_error_add(fe, field, N_("not an indicator of this area"),
						NULL);
				continue;
			}
			const char *v = row->values[i];
			if (v && *v && (vals[r][i] = parse_target(v)) < 0)
				field_error_add(fe, field, N_("a whole number, 0 or more"), NULL);
		}
	}
	if (res == RES_OK && fe->n)
		res = RES_INVALID;
	if (res != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return res != RES_OK ? res : RES_ERROR;
	}
	int written = 0;
	char key[PERIOD_TEXT];
	period_format(p, key);
	for (int r = 0; r < nrows && res == RES_OK; r++)
		for (int i = 0; i < rows[r].n && res == RES_OK; i++, written++)
			if (target_write(db, who, rows[r].unit, ids[r][i], key, vals[r][i]) != 0)
				res = RES_ERROR;
	struct buf d = BUF_INIT;
	buf_puts(&d, "{\"period\":");
	json_escape(&d, key, strlen(key));
	buf_printf(&d, ",\"units\":%d,\"values\":%d}", nrows, written);
	res = tx_end(db, res, who, "targets", "target", 0, nrows == 1 ? rows[0].unit : who->scope,
		     buf_cstr(&d));
	buf_release(&d);
	arena_release(&a);
	return res;
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
	char(*keys)[PERIOD_TEXT] = arena_alloc(a, (size_t)r->rows * sizeof *keys);
	for (int i = 0; i < r->rows; i++) {
		const struct csv_row *row = &csv.rows[i + 1];
		char *end;
		units[i] = row->nfields > 0 ? strtoll(row->fields[0], &end, 10) : 0;
		struct period p;
		if (!units[i] || *end || !targets_may_set(db, who, units[i]))
			import_error_add(r, row->line, 1, "unit_id",
					 N_("no such unit in your area"), NULL);
		/* a period as people type it; stored only in its canonical text */
		if (row->nfields < 3 || period_read(row->fields[2], &p) != 0 ||
		    p.kind == PERIOD_WEEK)
			import_error_add(r, row->line, 3, "period",
					 N_("a month, quarter or year (2026-11, 2026Q4, 2026)"),
					 NULL);
		else
			period_format(&p, keys[i]);
		for (int k = 0; k < ncodes && k + 3 < row->nfields; k++) {
			const char *v = row->fields[k + 3];
			if (*v && parse_target(v) < 0)
				import_error_add(r, row->line, k + 4, head->fields[k + 3],
						 N_("a whole number, 0 or more"), NULL);
		}
	}
	if (r->nerrors)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_OK;
	for (int i = 0; i < r->rows && res == RES_OK; i++) {
		const struct csv_row *row = &csv.rows[i + 1];
		for (int k = 0; k < ncodes && k + 3 < row->nfields && res == RES_OK; k++) {
			if (!*row->fields[k + 3])
				continue; /* an empty cell leaves the target as it is */
			if (target_write(db, who, units[i], ind[k], keys[i],
					 parse_target(row->fields[k + 3])) != 0)
				res = RES_ERROR;
			r->added++;
		}
	}
	char *detail = arena_printf(a, "{\"rows\":%d,\"targets\":%d}", r->rows, r->added);
	res = tx_end(db, res, who, "import", "target", 0, who->scope, detail);
	if (res != RES_OK)
		r->added = 0;
	return res;
}
