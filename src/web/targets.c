/* targets.c: the targets pages: the grid of a unit and the units right
 * below it (saved in one go), its CSV download and upload. Rules in
 * core/targets.c. */
#include "core/result.h"
#include "core/targets.h"
#include "core/teams.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The unit (query or form field "unit", else one's own) and the period
 * ("period", any spelling; else this month). */
static long long grid_args(struct req *r, const char *unit_s, const char *period, struct period *p)
{
	page_period_or_current(r, period, PERIOD_MONTH, p);
	return unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
}

/* The grid of unit for p: 0, or -1 after answering 404 or 500. */
static int grid_read(struct req *r, long long unit, const struct period *p, struct target_grid *g)
{
	int rc = targets_grid_get(r->db, &r->arena, r->user, unit, p, g);
	if (rc == RES_NOT_FOUND)
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
	else if (rc != RES_OK)
		req_fail(r, "targets_grid_get");
	return rc == RES_OK ? 0 : -1;
}

void page_targets(struct req *r)
{
	struct period p;
	long long unit = grid_args(r, req_query(r, "unit"), req_query(r, "period"), &p);
	targets_grid(r, unit, &p, NULL, NULL);
}

void targets_grid(struct req *r, long long unit, const struct period *p, const char *error,
		  const char *notice)
{
	struct target_grid g;
	if (grid_read(r, unit, p, &g) != 0)
		return;
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Targets"));
	html_printf(o, "<h1>%s <span class=\"period\">%s</span></h1><p class=\"facts\">%s</p>\n",
		    req_t(r, "Targets"), page_period_words(r, p), g.unit.name);
	html_printf(o,
		    "<form class=\"search\" method=\"get\" action=\"/targets\">"
		    "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
		    unit);
	page_period_select(r, req_t(r, "Period"), p,
			   1u << PERIOD_MONTH | 1u << PERIOD_QUARTER | 1u << PERIOD_YEAR);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Show"));
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);
	html_printf(
	    o,
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/targets.csv?unit=%lld"
	    "&amp;period=%s\">%s</a></p>\n",
	    unit, key, req_t(r, "Download CSV"));
	if (teams_may_write(r->user)) {
		html_printf(o,
			    "<details class=\"card\"><summary>%s</summary><form method=\"post\" "
			    "action=\"/import/targets\" enctype=\"multipart/form-data\">",
			    req_t(r, "Import targets from a CSV file"));
		page_csrf(r);
		html_printf(
		    o,
		    "<input type=\"hidden\" name=\"unit\" value=\"%lld\"><input type=\"hidden\" "
		    "name=\"period\" value=\"%s\"><input type=\"file\" name=\"file\" "
		    "accept=\".csv,text/csv\" required><p class=\"hint\">%s</p><button "
		    "type=\"submit\">%s</button></form></details>\n",
		    unit, key, req_t(r, "The columns of the downloaded file. All or nothing."),
		    req_t(r, "Import"));
	}
	html_printf(
	    o,
	    "<form method=\"post\" action=\"/targets\"><input type=\"hidden\" name=\"unit\" "
	    "value=\"%lld\"><input type=\"hidden\" name=\"period\" value=\"%s\">",
	    unit, key);
	page_csrf(r);
	buf_puts(o, "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th></th>");
	for (int k = 0; k < g.ni; k++)
		html_printf(o, "<th title=\"%s\">%s</th>", g.inds[k].code,
			    r->lang == LANG_EN ? g.inds[k].name_en : g.inds[k].name_vi);
	buf_puts(o, "</tr></thead><tbody>\n");
	/* the unit's own targets first, then its children's */
	for (int i = 0; i <= g.nchildren; i++) {
		const struct unit *row = i ? &g.children[i - 1] : &g.unit;
		page_markup(r, i ? "<tr>" : "<tr class=\"parent\">");
		html_printf(o, "<th>%s</th>", row->name);
		for (int k = 0; k < g.ni; k++) {
			long long v = g.values[i * g.ni + k];
			char value[24] = "";
			if (v >= 0)
				snprintf(value, sizeof value, "%lld", v);
			if (g.editable[i])
				html_printf(o,
					    "<td><input name=\"t_%lld_%s\" inputmode=\"numeric\" "
					    "value=\"%s\" aria-label=\"%s %s\"></td>",
					    row->id, g.inds[k].code, value, row->name,
					    g.inds[k].code);
			else
				html_printf(o, "<td class=\"num\">%s</td>", value);
		}
		buf_puts(o, "</tr>\n");
	}
	buf_puts(o, "</tbody></table></div>");
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Save"));
	page_end(r);
}

/* One field t_<unit>_<CODE> of the grid, with its place in the form. */
struct grid_cell {
	long long unit;
	int at;
	const char *code, *value;
};

static int by_unit_then_place(const void *a, const void *b)
{
	const struct grid_cell *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->at - y->at;
}

/* The rows of the grid's fields: one per unit, its fields in form order. */
static int grid_rows(struct req *r, struct target_row **out)
{
	struct grid_cell *cells = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *cells);
	int nc = 0;
	for (int i = 0; i < r->nform; i++) {
		const char *name = r->form[i].name;
		char *end;
		if (strncmp(name, "t_", 2) != 0)
			continue;
		long long unit = strtoll(name + 2, &end, 10);
		if (*end != '_' || unit <= 0)
			continue;
		cells[nc++] = (struct grid_cell){unit, i, end + 1, r->form[i].value};
	}
	qsort(cells, (size_t)nc, sizeof *cells, by_unit_then_place);
	const char **codes = arena_alloc(&r->arena, (size_t)(nc + 1) * sizeof *codes);
	const char **values = arena_alloc(&r->arena, (size_t)(nc + 1) * sizeof *values);
	struct target_row *rows = arena_alloc(&r->arena, (size_t)(nc + 1) * sizeof *rows);
	int n = 0;
	for (int i = 0; i < nc; i++) {
		codes[i] = cells[i].code;
		values[i] = cells[i].value;
		if (!n || rows[n - 1].unit != cells[i].unit)
			rows[n++] = (struct target_row){cells[i].unit, &codes[i], &values[i], 0};
		rows[n - 1].n++;
	}
	*out = rows;
	return n;
}

void page_targets_save(struct req *r)
{
	struct period p;
	long long unit = grid_args(r, req_form(r, "unit"), req_form(r, "period"), &p);
	struct target_row *rows;
	int n = grid_rows(r, &rows);
	struct field_errors fe = {0};
	int rc = targets_set(r->db, &r->arena, r->user, &p, rows, n, &fe);
	if (rc == RES_ERROR) {
		req_fail(r, "targets_set");
		return;
	}
	const char *error = NULL;
	if (rc != RES_OK) {
		r->status = 422;
		error = fe.n ? arena_printf(&r->arena, "%s: %s", fe.e[0].field,
					    page_error_text(r, fe.e[0].msgid, fe.e[0].arg))
			     : req_t(r, "You may not do this.");
	}
	targets_grid(r, unit, &p, error, rc == RES_OK ? req_t(r, "Saved.") : NULL);
}

void page_targets_import(struct req *r)
{
	const struct form_field *f = req_file(r, "file");
	struct period p;
	long long unit = grid_args(r, req_form(r, "unit"), req_form(r, "period"), &p);
	struct import_result *res = arena_alloc(&r->arena, sizeof *res);
	int rc = f && f->len ? targets_import_csv(r->db, &r->arena, r->user, f->value, f->len, res)
			     : RES_INVALID;
	if (rc == RES_ERROR) {
		req_fail(r, "targets_import_csv");
		return;
	}
	if (rc != RES_OK) {
		char key[PERIOD_TEXT];
		period_format(&p, key);
		r->status = 422;
		page_begin(r, req_t(r, "Targets"));
		html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Targets"));
		if (!f || !f->len)
			import_error_add(res, 0, 0, NULL, N_("the file is empty"), NULL);
		import_errors_table(r, res);
		html_printf(&r->out, "<p><a href=\"/targets?unit=%lld&amp;period=%s\">%s</a></p>",
			    unit, key, req_t(r, "Targets"));
		page_end(r);
		return;
	}
	targets_grid(r, unit, &p, NULL, req_t(r, "Saved."));
}

void page_targets_csv(struct req *r)
{
	struct period p;
	long long unit = grid_args(r, req_query(r, "unit"), req_query(r, "period"), &p);
	struct target_grid g;
	if (grid_read(r, unit, &p, &g) != 0)
		return;
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct buf *o = &r->out;
	r->content_type = "text/csv; charset=utf-8";
	req_add_header(r, "Content-Disposition", "attachment; filename=\"chi-tieu.csv\"");
	buf_puts(o, "\xEF\xBB\xBFunit_id;unit;period");
	for (int k = 0; k < g.ni; k++) {
		buf_putc(o, ';');
		csv_cell(o, g.inds[k].code, ';');
	}
	buf_puts(o, "\r\n");
	for (int i = 1; i <= g.nchildren; i++) { /* the rows below: the unit's own are set above */
		buf_printf(o, "%lld;", g.children[i - 1].id);
		csv_cell(o, g.children[i - 1].name, ';');
		buf_putc(o, ';');
		csv_cell(o, key, ';');
		for (int k = 0; k < g.ni; k++) {
			buf_putc(o, ';');
			if (g.values[i * g.ni + k] >= 0)
				buf_printf(o, "%lld", g.values[i * g.ni + k]);
		}
		buf_puts(o, "\r\n");
	}
}

/* POST /units/{id}/targets/carry (from, percent): a closed predecessor's
 * targets carried here; back to the unit page. */
void page_targets_carry(struct req *r)
{
	long long to = req_param_id(r, 0);
	const char *from = req_form(r, "from"), *percent = req_form(r, "percent");
	struct field_errors fe = {0};
	struct carry_stats cs;
	int rc = targets_carry(r->db, &r->arena, r->user, from ? strtoll(from, NULL, 10) : 0, to,
			       targets_share_parse(percent), &cs, &fe);
	if (!respond_result(r, rc, &fe, "targets_carry"))
		return;
	char *back = arena_printf(&r->arena, "/units/%lld#carry", to);
	req_redirect(r, 303, back);
}

/* POST /units/{id}/targets/uncarry (from): the carry taken back. */
void page_targets_uncarry(struct req *r)
{
	long long to = req_param_id(r, 0);
	const char *from = req_form(r, "from");
	struct carry_stats cs;
	int rc =
	    targets_uncarry(r->db, &r->arena, r->user, from ? strtoll(from, NULL, 10) : 0, to, &cs);
	if (!respond_result(r, rc, NULL, "targets_uncarry"))
		return;
	char *back = arena_printf(&r->arena, "/units/%lld#carry", to);
	req_redirect(r, 303, back);
}
