/* reports.c: the report pages: a team's report for a period (one screen,
 * big number inputs, the previous period beside each, draft or submit),
 * its history and review; the commune's review list. Rules in
 * core/reports.c. */
#include "core/reports.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *status_label(struct req *r, const char *status)
{
	if (strcmp(status, "submitted") == 0)
		return req_t(r, "submitted");
	if (strcmp(status, "returned") == 0)
		return req_t(r, "returned");
	if (strcmp(status, "accepted") == 0)
		return req_t(r, "accepted");
	if (strcmp(status, "draft") == 0)
		return req_t(r, "draft");
	return req_t(r, "not sent");
}

/* The current period of kind (the week or month holding today). */
const char *current_period(struct req *r, enum period_kind kind)
{
	char today[11], *key = arena_alloc(&r->arena, PERIOD_TEXT);
	struct tm tm;
	gmtime_r(&r->now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	struct period p;
	period_of(today, kind, &p);
	period_format(&p, key);
	return key;
}

/* Where a signed-in user starts reporting: the team member's own report
 * of this week, the officer's review list. */
void page_report_start(struct req *r)
{
	struct team_filter f = {.limit = 2};
	struct team *list;
	int n;
	long long next;
	if (strcmp(r->user->role, "team") == 0 &&
	    teams_list(r->db, &r->arena, r->user, &f, &list, &n, &next) == RES_OK && n == 1) {
		req_redirect(r, 303,
			     arena_printf(&r->arena, "/teams/%lld/reports/%s", list[0].id,
					  current_period(r, PERIOD_WEEK)));
		return;
	}
	req_redirect(r, 303, "/reports");
}

static const char *ind_name(struct req *r, const struct indicator *x)
{
	return r->lang == LANG_EN ? x->name_en : x->name_vi;
}

static const char *ind_unit(struct req *r, const struct indicator *x)
{
	return r->lang == LANG_EN ? x->unit_en : x->unit_vi;
}

static void period_nav(struct req *r, long long team, const char *period)
{
	struct period p, q;
	char prev[PERIOD_TEXT], next[PERIOD_TEXT], other[PERIOD_TEXT];
	period_parse(period, &p);
	q = p;
	period_step(&q, -1);
	period_format(&q, prev);
	q = p;
	period_step(&q, 1);
	period_format(&q, next);
	snprintf(other, sizeof other, "%s",
		 current_period(r, p.kind == PERIOD_WEEK ? PERIOD_MONTH : PERIOD_WEEK));
	html_printf(
	    &r->out,
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">"
	    "← %s</a><a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">%s →</a>"
	    "<a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">%s</a></p>\n",
	    team, prev, prev, team, next, next, team, other,
	    p.kind == PERIOD_WEEK ? req_t(r, "Monthly report") : req_t(r, "Weekly report"));
}

static void report_page(struct req *r, long long team, const char *period,
			const struct field_errors *fe, const char *notice)
{
	struct team t;
	struct form f;
	int rc = teams_get(r->db, &r->arena, r->user, team, &t);
	if (rc == RES_OK)
		rc = catalog_form_for(r->db, &r->arena, t.unit_id, period, NULL, &f);
	struct report rep;
	struct report_line *lines;
	int n;
	if (rc == RES_OK)
		rc = reports_get(r->db, &r->arena, r->user, team, &f, period, &rep, &lines, &n);
	if (rc == RES_NOT_FOUND || rc == RES_INVALID) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "reports_get");
		return;
	}
	int fill = reports_may_fill(r->db, r->user, team) && strcmp(rep.status, "accepted") != 0;
	struct buf *o = &r->out;
	page_begin(r, r->lang == LANG_EN ? f.name_en : f.name_vi);
	html_printf(
	    o,
	    "<nav class=\"crumbs\"><ol><li><a href=\"/teams/%lld\">%s</a></li>"
	    "<li aria-current=\"page\">%s</li></ol></nav>\n"
	    "<h1>%s <span class=\"period\">%s</span></h1>\n<p class=\"facts\">%s: <b>%s</b>",
	    t.id, t.name, period, r->lang == LANG_EN ? f.name_en : f.name_vi, period,
	    req_t(r, "Status"), status_label(r, rep.status));
	if (rep.late)
		html_printf(o, " <span class=\"badge warn\">%s</span>", req_t(r, "late"));
	html_printf(o, " · %s ", req_t(r, "due"));
	i18n_date(o, r->lang, rep.due_on);
	buf_puts(o, "</p>\n");
	period_nav(r, team, period);
	if (strcmp(rep.status, "returned") == 0 && *rep.note)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s: %s</p>\n",
			    req_t(r, "Returned by the commune"), rep.note);
	if (fe && fe->n) {
		html_printf(o, "<div class=\"card error\" role=\"alert\"><p>%s</p><ul>",
			    req_t(r, "Nothing was saved:"));
		for (int i = 0; i < fe->n; i++) {
			const char *name = fe->e[i].field;
			for (int k = 0; k < n; k++)
				if (strcmp(lines[k].ind->code, fe->e[i].field) == 0)
					name = ind_name(r, lines[k].ind);
			const char *msg = req_t(r, fe->e[i].msgid);
			const char *at = fe->e[i].arg ? strstr(msg, "%s") : NULL;
			if (at)
				html_printf(o, "<li><b>%s</b>: %.*s%s%s</li>", name,
					    (int)(at - msg), msg, fe->e[i].arg, at + 2);
			else
				html_printf(o, "<li><b>%s</b>: %s</li>", name, msg);
		}
		buf_puts(o, "</ul></div>\n");
	}
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);

	html_printf(
	    o, "<form class=\"card report\" method=\"post\" action=\"/teams/%lld/reports/%s\">",
	    team, period);
	page_csrf(r);
	for (int i = 0; i < n; i++) {
		const struct report_line *l = &lines[i];
		const char *typed = fe && fe->n ? req_form(r, l->ind->code) : NULL;
		char value[24] = "";
		if (typed)
			snprintf(value, sizeof value, "%.20s", typed);
		else if (l->value >= 0)
			snprintf(value, sizeof value, "%lld", l->value);
		html_printf(
		    o,
		    "<div class=\"field\"><label for=\"v_%s\">%s <small>(%s)</small></label>"
		    "<input id=\"v_%s\" name=\"%s\" inputmode=\"numeric\" pattern=\"[0-9 .]*\" "
		    "autocomplete=\"off\" value=\"%s\"%s>",
		    l->ind->code, ind_name(r, l->ind), ind_unit(r, l->ind), l->ind->code,
		    l->ind->code, value, fill ? "" : " disabled");
		if (l->previous >= 0) {
			html_printf(o, "<span class=\"prev\">%s: ", req_t(r, "previous period"));
			page_number(r, l->previous);
			buf_puts(o, "</span>");
		}
		buf_puts(o, "</div>");
	}
	if (fill)
		html_printf(o,
			    "<div class=\"actions\"><button type=\"submit\" name=\"action\" "
			    "value=\"submit\">%s</button><button type=\"submit\" name=\"action\" "
			    "value=\"save\" class=\"secondary\">%s</button></div>",
			    req_t(r, "Send the report"), req_t(r, "Save draft"));
	buf_puts(o, "</form>\n");
	if (fill)
		html_printf(
		    o, "<p><a href=\"/difficulties/new?team=%lld&amp;report=%lld\">%s</a></p>\n",
		    team, rep.id, req_t(r, "Report a difficulty"));

	/* review, for the officers above the team */
	if (rep.id && teams_may_write(r->user)) {
		const char *actions[3][2] = {{"accept", N_("Accept")},
					     {"return", N_("Return to the team")},
					     {"unlock", N_("Unlock")}};
		int show[3] = {strcmp(rep.status, "submitted") == 0,
			       strcmp(rep.status, "submitted") == 0,
			       strcmp(rep.status, "accepted") == 0};
		if (show[0] || show[2]) {
			html_printf(
			    o,
			    "<form class=\"card\" method=\"post\" action=\"/reports/%lld/review\">"
			    "<h2>%s</h2>",
			    rep.id, req_t(r, "Review"));
			page_csrf(r);
			html_printf(o,
				    "<label for=\"reason\">%s</label><input id=\"reason\" "
				    "name=\"reason\"><div class=\"actions\">",
				    req_t(r, "Reason (to return or unlock)"));
			for (int k = 0; k < 3; k++)
				if (show[k])
					html_printf(o,
						    "<button type=\"submit\" name=\"action\" "
						    "value=\"%s\"%s>"
						    "%s</button>",
						    actions[k][0], k ? " class=\"secondary\"" : "",
						    req_t(r, actions[k][1]));
			buf_puts(o, "</div></form>\n");
		}
	}
	struct report_revision *revs;
	int nr;
	if (rep.id && reports_revisions(r->db, &r->arena, rep.id, &revs, &nr) == RES_OK && nr) {
		html_printf(
		    o, "<details class=\"card\"><summary>%s (%d)</summary><ol class=\"history\">",
		    req_t(r, "History"), nr);
		for (int i = 0; i < nr; i++)
			html_printf(o, "<li><b>%s</b> %s · %s → %s %s <code>%s</code></li>",
				    revs[i].at, revs[i].username, revs[i].action,
				    status_label(r, revs[i].status), revs[i].note,
				    revs[i].values_json);
		buf_puts(o, "</ol></details>\n");
	}
	page_end(r);
}

void page_report(struct req *r)
{
	report_page(r, req_param_id(r, 0), r->params[1], NULL, NULL);
}

void page_report_save(struct req *r)
{
	long long team = req_param_id(r, 0);
	const char *period = r->params[1];
	struct team t;
	struct form f;
	int rc = teams_get(r->db, &r->arena, r->user, team, &t);
	if (rc == RES_OK)
		rc = catalog_form_for(r->db, &r->arena, t.unit_id, period, NULL, &f);
	if (rc != RES_OK) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	const char **codes = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *codes);
	const char **values = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *values);
	int n = 0;
	for (int i = 0; i < r->nform; i++) {
		if (r->form[i].filename || strcmp(r->form[i].name, "csrf") == 0 ||
		    strcmp(r->form[i].name, "action") == 0)
			continue;
		codes[n] = r->form[i].name;
		values[n++] = r->form[i].value;
	}
	const char *action = req_form(r, "action");
	int submit = action && strcmp(action, "submit") == 0;
	struct field_errors fe = {0};
	struct report rep;
	rc = reports_save(r->db, &r->arena, r->user, team, &f, period, codes, values, n, submit,
			  r->now, &fe, &rep);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, rc == RES_FORBIDDEN ? 403 : 404,
			      rc == RES_FORBIDDEN ? "forbidden" : "not_found",
			      rc == RES_FORBIDDEN ? "You may not do this."
						  : "There is no such report.",
			      NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "reports_save");
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	report_page(r, team, period, &fe,
		    rc != RES_OK ? NULL
		    : submit	 ? req_t(r, "The report is sent. Thank you!")
				 : req_t(r, "The draft is saved."));
}

void page_report_review(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	const char *action = req_form(r, "action");
	int rc =
	    reports_review(r->db, r->user, id, action ? action : "", req_form(r, "reason"), &fe);
	long long form;
	const char *period = NULL;
	long long team = reports_team(r->db, r->user, id, &form, &period, &r->arena);
	if (rc == RES_NOT_FOUND || !team) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	if (rc == RES_ERROR || rc == RES_FORBIDDEN) {
		req_fail(r, "reports_review");
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	report_page(r, team, period, &fe, rc == RES_OK ? req_t(r, "Saved.") : NULL);
}

/* The review list: the teams below a unit with their report of a period. */
void page_reports(struct req *r)
{
	const char *unit_s = req_query(r, "unit"), *period = req_query(r, "period");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
	if (!period || !*period)
		period = current_period(r, PERIOD_WEEK);
	struct unit u;
	struct form f;
	if (!scope_visible(r, unit) || units_get(r->db, &r->arena, unit, &u) != RES_OK ||
	    catalog_form_for(r->db, &r->arena, unit, period, NULL, &f) != RES_OK) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	struct report_row *rows;
	int n;
	if (reports_list(r->db, &r->arena, r->user, unit, &f, period, &rows, &n) != RES_OK) {
		req_fail(r, "reports_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Reports"));
	html_printf(
	    o, "<h1>%s <span class=\"period\">%s</span></h1><p class=\"facts\">%s · %s</p>\n",
	    req_t(r, "Reports"), period, u.name, r->lang == LANG_EN ? f.name_en : f.name_vi);
	html_printf(
	    o,
	    "<form class=\"search\" method=\"get\" action=\"/reports\">"
	    "<input type=\"hidden\" name=\"unit\" value=\"%lld\"><label for=\"period\">%s"
	    "</label><div class=\"row\"><input id=\"period\" name=\"period\" value=\"%s\" "
	    "placeholder=\"2026W48, 2026-11\"><button type=\"submit\">%s</button></div></form>\n"
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/units/%lld/progress"
	    "?period=%s\">%s</a></p>\n",
	    unit, req_t(r, "Period (week 2026W48 or month 2026-11)"), period, req_t(r, "Show"),
	    unit, period, req_t(r, "Progress"));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		html_printf(o,
			    "<li><a href=\"/teams/%lld/reports/%s\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · %s%s</span></a></li>\n",
			    rows[i].team_id, period, rows[i].village, rows[i].team,
			    status_label(r, rows[i].status),
			    rows[i].late ? req_t(r, " · late") : "");
	}
	buf_puts(o, "</ul>\n");
	page_end(r);
}
