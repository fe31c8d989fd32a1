/* progress.c: progress of a unit for a period (targets, actuals, percent,
 * completeness, the teams without a report and a reminder text for the
 * Zalo group), and the grid where targets are assigned to the units below.
 * Everything is read from the roll-ups (core/progress.c). */
#include "core/progress.h"
#include "core/result.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *period_or_month(struct req *r, const char *q)
{
	struct period p;
	return q && period_parse(q, &p) == 0 ? q : current_period(r, PERIOD_MONTH);
}

void page_progress(struct req *r)
{
	long long unit = req_param_id(r, 0);
	const char *period = period_or_month(r, req_query(r, "period"));
	struct period p;
	period_parse(period, &p);
	struct unit u;
	struct progress_item *items;
	int n, nm;
	struct completeness c;
	struct missing_team *missing;
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_OK)
		rc = progress_get(r->db, &r->arena, r->user, unit, &p, r->now, &items, &n, &c,
				  &missing, &nm);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "progress_get");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Progress"));
	html_printf(o,
		    "<nav class=\"crumbs\"><ol><li><a href=\"/units/%lld\">%s</a></li>"
		    "<li aria-current=\"page\">%s %s</li></ol></nav>\n<h1>%s</h1>\n",
		    u.id, u.name, req_t(r, "Progress"), period, req_t(r, "Progress"));
	html_printf(
	    o,
	    "<form class=\"search\" method=\"get\" action=\"/units/%lld/progress\">"
	    "<label for=\"period\">%s</label><div class=\"row\"><input id=\"period\" "
	    "name=\"period\" value=\"%s\"><button type=\"submit\">%s</button></div></form>\n",
	    u.id, req_t(r, "Period (2026W48, 2026-11, 2026Q4, 2026)"), period, req_t(r, "Show"));
	html_printf(o,
		    "<div class=\"scroll\"><table class=\"progress\"><thead><tr><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%%</th></tr></thead><tbody>\n",
		    req_t(r, "Indicator"), req_t(r, "Target"), req_t(r, "Done"));
	for (int i = 0; i < n; i++) {
		const struct progress_item *it = &items[i];
		html_printf(o, "<tr><td>%s",
			    r->lang == LANG_EN ? it->ind->name_en : it->ind->name_vi);
		if (it->target >= 0 && it->children_targets >= 0 &&
		    it->children_targets != it->target) {
			html_printf(o, "<br><span class=\"badge warn\">%s ",
				    req_t(r, "targets below add up to"));
			page_number(r, it->children_targets);
			buf_puts(o, "</span>");
		}
		buf_puts(o, "</td><td class=\"num\">");
		if (it->target >= 0)
			page_number(r, it->target);
		buf_puts(o, "</td><td class=\"num\">");
		page_number(r, it->actual);
		buf_puts(o, "</td><td class=\"num\">");
		if (it->percent >= 0)
			html_printf(o, "<meter min=\"0\" max=\"100\" value=\"%d\"></meter> %d%%",
				    it->percent > 100 ? 100 : it->percent, it->percent);
		buf_puts(o, "</td></tr>\n");
	}
	buf_puts(o, "</tbody></table></div>\n");
	html_printf(o, "<h2>%s</h2><p class=\"facts\">", req_t(r, "Reports received"));
	page_number(r, c.received);
	buf_puts(o, "/");
	page_number(r, c.expected);
	html_printf(o, " %s · ", req_t(r, "expected"));
	page_number(r, c.on_time);
	html_printf(o, " %s · ", req_t(r, "on time"));
	page_number(r, c.late);
	html_printf(o, " %s · ", req_t(r, "late"));
	page_number(r, c.missing);
	html_printf(o, " %s</p>\n", req_t(r, "missing"));
	if (nm) {
		html_printf(o, "<details class=\"card\"><summary>%s (%d)</summary><ul>",
			    req_t(r, "Teams without a report"), nm);
		struct buf remind = BUF_INIT;
		buf_printf(&remind, "%s %s:\n", req_t(r, "Reminder: please send the report of"),
			   period);
		for (int i = 0; i < nm; i++) {
			html_printf(o,
				    "<li><a href=\"/teams/%lld/reports/%s\">%s</a> · %s · %s</li>",
				    missing[i].id, missing[i].period, missing[i].village,
				    missing[i].commune, missing[i].period);
			if (i < 60)
				buf_printf(&remind, "- %s (%s)\n", missing[i].village,
					   missing[i].period);
		}
		html_printf(
		    o,
		    "</ul><label for=\"remind\">%s</label><textarea id=\"remind\" rows=\"6\" "
		    "readonly data-copy>%s</textarea><button type=\"button\" "
		    "data-copy-target=\"remind\">%s</button></details>\n",
		    req_t(r, "Reminder for the Zalo group"), buf_cstr(&remind), req_t(r, "Copy"));
		buf_release(&remind);
	}
	if (strcmp(u.level, "village") != 0)
		html_printf(
		    o,
		    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/reports?unit=%lld"
		    "&amp;period=%s\">%s</a>",
		    u.id,
		    p.kind == PERIOD_WEEK || p.kind == PERIOD_MONTH
			? period
			: current_period(r, PERIOD_WEEK),
		    req_t(r, "Reports"));
	if (p.kind != PERIOD_WEEK && strcmp(u.level, "village") != 0 && teams_may_write(r->user))
		html_printf(o,
			    " <a class=\"button secondary\" "
			    "href=\"/targets?unit=%lld&amp;period=%s\">%s</a>",
			    u.id, period, req_t(r, "Assign targets"));
	buf_puts(o, "</p>\n");
	page_end(r);
}

/* The targets of the units right below unit, one row each, one column per
 * indicator; inputs when who may set them. */
void page_targets(struct req *r)
{
	const char *unit_s = req_query(r, "unit");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
	const char *period = period_or_month(r, req_query(r, "period"));
	targets_grid(r, unit, period, NULL, NULL);
}

void targets_grid(struct req *r, long long unit, const char *period, const char *error,
		  const char *notice)
{
	struct target_grid g;
	int rc = targets_grid_get(r->db, &r->arena, r->user, unit, period, &g);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "targets_grid_get");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Targets"));
	html_printf(o, "<h1>%s <span class=\"period\">%s</span></h1><p class=\"facts\">%s</p>\n",
		    req_t(r, "Targets"), period, g.unit.name);
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);
	html_printf(
	    o,
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/targets.csv?unit=%lld"
	    "&amp;period=%s\">%s</a></p>\n",
	    unit, period, req_t(r, "Download CSV"));
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
		    unit, period, req_t(r, "The columns of the downloaded file. All or nothing."),
		    req_t(r, "Import"));
	}
	html_printf(
	    o,
	    "<form method=\"post\" action=\"/targets\"><input type=\"hidden\" name=\"unit\" "
	    "value=\"%lld\"><input type=\"hidden\" name=\"period\" value=\"%s\">",
	    unit, period);
	page_csrf(r);
	buf_puts(o, "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th></th>");
	for (int k = 0; k < g.ni; k++)
		html_printf(o, "<th title=\"%s\">%s</th>", g.inds[k].name_vi, g.inds[k].code);
	buf_puts(o, "</tr></thead><tbody>\n");
	/* the unit's own targets first, then its children's */
	for (int i = 0; i <= g.children.n; i++) {
		const struct unit *row = i ? &g.children.items[i - 1] : &g.unit;
		html_printf(o, "<tr%s><th>%s</th>", i ? "" : " class=\"parent\"", row->name);
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

void page_targets_save(struct req *r)
{
	const char *unit_s = req_form(r, "unit"), *period = req_form(r, "period");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : 0;
	if (!period)
		period = "";
	/* fields t_<unit>_<CODE>: one call per unit */
	long long done[256];
	int ndone = 0, failed = 0;
	struct field_errors fe = {0};
	for (int i = 0; i < r->nform && !failed; i++) {
		const char *name = r->form[i].name;
		if (strncmp(name, "t_", 2) != 0)
			continue;
		long long row = strtoll(name + 2, NULL, 10);
		int seen = 0;
		for (int k = 0; k < ndone; k++)
			seen |= done[k] == row;
		if (seen || ndone == 256)
			continue;
		done[ndone++] = row;
		const char **codes = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *codes);
		const char **values =
		    arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *values);
		int n = 0;
		for (int k = 0; k < r->nform; k++) {
			const char *nm = r->form[k].name;
			if (strncmp(nm, "t_", 2) != 0 || strtoll(nm + 2, NULL, 10) != row)
				continue;
			const char *code = strchr(nm + 2, '_');
			if (!code)
				continue;
			codes[n] = code + 1;
			values[n++] = r->form[k].value;
		}
		int rc = targets_set(r->db, r->user, row, period, codes, values, n, &fe);
		if (rc == RES_ERROR) {
			req_fail(r, "targets_set");
			return;
		}
		failed = rc != RES_OK;
	}
	if (failed)
		r->status = 422;
	targets_grid(r, unit, period,
		     failed ? arena_printf(&r->arena, "%s: %s", fe.n ? fe.e[0].field : "",
					   req_t(r, fe.n ? fe.e[0].msgid : "You may not do this."))
			    : NULL,
		     failed ? NULL : req_t(r, "Saved."));
}

void page_targets_import(struct req *r)
{
	const struct form_field *f = req_file(r, "file");
	const char *unit_s = req_form(r, "unit"), *period = req_form(r, "period");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
	struct import_result *res = arena_alloc(&r->arena, sizeof *res);
	int rc = f && f->len ? targets_import_csv(r->db, &r->arena, r->user, f->value, f->len, res)
			     : RES_INVALID;
	if (rc == RES_ERROR) {
		req_fail(r, "targets_import_csv");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		page_begin(r, req_t(r, "Targets"));
		html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Targets"));
		if (!f || !f->len)
			import_error_add(res, 0, 0, NULL, N_("the file is empty"), NULL);
		import_errors_table(r, res);
		html_printf(&r->out, "<p><a href=\"/targets?unit=%lld&amp;period=%s\">%s</a></p>",
			    unit, period ? period : "", req_t(r, "Targets"));
		page_end(r);
		return;
	}
	targets_grid(r, unit, period ? period : current_period(r, PERIOD_MONTH), NULL,
		     req_t(r, "Saved."));
}

void page_targets_csv(struct req *r)
{
	const char *unit_s = req_query(r, "unit");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
	const char *period = period_or_month(r, req_query(r, "period"));
	struct target_grid g;
	int rc = targets_grid_get(r->db, &r->arena, r->user, unit, period, &g);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "targets_grid_get");
		return;
	}
	struct buf *o = &r->out;
	r->content_type = "text/csv; charset=utf-8";
	req_add_header(r, "Content-Disposition", "attachment; filename=\"chi-tieu.csv\"");
	buf_puts(o, "\xEF\xBB\xBFunit_id;unit;period");
	for (int k = 0; k < g.ni; k++) {
		buf_putc(o, ';');
		csv_cell(o, g.inds[k].code, ';');
	}
	buf_puts(o, "\r\n");
	for (int i = 1; i <= g.children.n; i++) { /* the rows below: the unit's own are set above */
		buf_printf(o, "%lld;", g.children.items[i - 1].id);
		csv_cell(o, g.children.items[i - 1].name, ';');
		buf_putc(o, ';');
		csv_cell(o, period, ';');
		for (int k = 0; k < g.ni; k++) {
			buf_putc(o, ';');
			if (g.values[i * g.ni + k] >= 0)
				buf_printf(o, "%lld", g.values[i * g.ni + k]);
		}
		buf_puts(o, "\r\n");
	}
}
