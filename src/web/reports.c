/* reports.c: the report pages: a team's report for a period (one screen,
 * big number inputs, the previous period beside each, draft or submit),
 * its history and review; the commune's review list. Rules in
 * core/reports.c; what may be done to a report comes from there too. */
#include "core/notices.h"
#include "core/reports.h"
#include "core/roles.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *status_label(struct req *r, enum report_status status)
{
	return req_t(r, report_status_label(status));
}

void page_status_badge(struct req *r, enum report_status status, int resubmitted, int late)
{
	static const char *const kind[] = {[REPORT_NONE] = "none",
					   [REPORT_DRAFT] = "draft",
					   [REPORT_SUBMITTED] = "submitted",
					   [REPORT_RETURNED] = "returned",
					   [REPORT_ACCEPTED] = "accepted"};
	html_printf(&r->out, "<span class=\"status %s\">%s</span>", kind[status],
		    resubmitted ? req_t(r, "sent again") : status_label(r, status));
	if (late)
		html_printf(&r->out, " <span class=\"status late\">%s</span>", req_t(r, "late"));
}

/* The current period of kind (the week or month holding today in Vietnam). */
const char *current_period(struct req *r, enum period_kind kind)
{
	char *key = arena_alloc(&r->arena, PERIOD_TEXT);
	struct period p;
	page_period_or_current(r, NULL, kind, &p);
	period_format(&p, key);
	return key;
}

void page_period_or_current(struct req *r, const char *text, enum period_kind kind,
			    struct period *p)
{
	if (text && page_period(text, p) >= 0)
		return;
	char today[11];
	date_local(r->now, today);
	period_of(today, kind, p);
}

int page_period(const char *text, struct period *p)
{
	if (period_read(text, p) != 0)
		return -1;
	char key[PERIOD_TEXT];
	period_format(p, key);
	return strcmp(key, text) == 0 ? 0 : 1;
}

/* Where a signed-in user starts reporting: the team member's own report
 * of this week, the officer's review list. */
void page_report_start(struct req *r)
{
	struct team t;
	if (teams_own(r->db, &r->arena, r->user, &t) == RES_OK) {
		req_redirect(r, 303,
			     arena_printf(&r->arena, "/teams/%lld/reports/%s", t.id,
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

/* Links to the period before (while the team existed), after (while it is
 * open) and to the other form. */
static void period_nav(struct req *r, long long team, const struct period *p)
{
	struct period q;
	char key[PERIOD_TEXT], today[11], born[11], ended[11], first[11], last[11];
	date_local(r->now, today);
	if (reports_team_life(r->db, team, born, ended) != RES_OK)
		born[0] = '\0';
	buf_puts(&r->out, "<p class=\"row-links\">");
	q = *p;
	period_step(&q, -1);
	period_days(&q, first, last);
	period_format(&q, key);
	if (strcmp(last, born) >= 0)
		html_printf(
		    &r->out,
		    "<a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">← %s</a>", team,
		    key, page_period_words(r, &q));
	q = *p;
	period_step(&q, 1);
	period_format(&q, key);
	if (period_is_open(&q, today, reports_open_early_days))
		html_printf(
		    &r->out,
		    "<a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">%s →</a>", team,
		    key, page_period_words(r, &q));
	html_printf(
	    &r->out, "<a class=\"button secondary\" href=\"/teams/%lld/reports/%s\">%s</a></p>\n",
	    team, current_period(r, p->kind == PERIOD_WEEK ? PERIOD_MONTH : PERIOD_WEEK),
	    p->kind == PERIOD_WEEK ? req_t(r, "Monthly report") : req_t(r, "Weekly report"));
}

/* The label of a field named in an error: a word, not its code. */
static const char *field_label(struct req *r, const char *field)
{
	static const struct {
		const char *field, *msgid;
	} labels[] = {{"period", N_("Period")},
		      {"reason", N_("Reason")},
		      {"status", N_("Status")},
		      {"action", N_("Action")},
		      {"values", N_("Figures")}};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(labels[i].field, field) == 0)
			return req_t(r, labels[i].msgid);
	return field;
}

/* The review box: accepting is one button; returning and unlocking each
 * ask for the reason the team will read. */
static void review_box(struct req *r, const struct report *rep)
{
	if (!(rep->actions & (REPORT_ACCEPT | REPORT_RETURN | REPORT_UNLOCK)))
		return;
	struct buf *o = &r->out;
	html_printf(o,
		    "<section class=\"card review\" aria-labelledby=\"review-h\"><h2 "
		    "id=\"review-h\">%s</h2>",
		    req_t(r, "Review"));
	if (rep->actions & REPORT_ACCEPT) {
		html_printf(o, "<form method=\"post\" action=\"/reports/%lld/review\">", rep->id);
		page_csrf(r);
		html_printf(o,
			    "<p class=\"hint\">%s</p><button type=\"submit\" name=\"action\" "
			    "value=\"accept\" class=\"accept\">%s</button></form>",
			    req_t(r,
				  "The figures are right: accept them. The report is then locked "
				  "and counts in every total above."),
			    req_t(r, "Accept the report"));
	}
	unsigned second = rep->actions & (REPORT_RETURN | REPORT_UNLOCK);
	if (second) {
		int ret = (second & REPORT_RETURN) != 0;
		html_printf(o, "<form method=\"post\" action=\"/reports/%lld/review\">", rep->id);
		page_csrf(r);
		html_printf(
		    o,
		    "<label for=\"reason\">%s</label><textarea id=\"reason\" name=\"reason\" "
		    "rows=\"3\" required aria-describedby=\"reason-hint\">%s</textarea>"
		    "<p class=\"hint\" id=\"reason-hint\">%s</p>"
		    "<button type=\"submit\" name=\"action\" value=\"%s\" class=\"danger\">"
		    "%s</button></form>",
		    ret ? req_t(r, "Reason for returning it") : req_t(r, "Reason for unlocking it"),
		    req_form(r, "reason") ? req_form(r, "reason") : "",
		    ret ? req_t(r, "The team reads it on its home page, corrects the report "
				   "and sends it again.")
			: req_t(r, "The report leaves the totals until it is sent and "
				   "accepted again."),
		    ret ? "return" : "unlock",
		    ret ? req_t(r, "Return to the team") : req_t(r, "Unlock the report"));
	}
	buf_puts(o, "</section>\n");
}

/* The report read-only, each value beside the previous period's. */
static void report_table(struct req *r, const struct report_line *lines, int n)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<table class=\"grid values\"><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    req_t(r, "Indicator"), req_t(r, "This period"), req_t(r, "Previous period"));
	for (int i = 0; i < n; i++) {
		const struct report_line *l = &lines[i];
		html_printf(o, "<tr><th scope=\"row\">%s <small>(%s)</small></th><td>",
			    ind_name(r, l->ind), ind_unit(r, l->ind));
		if (l->value >= 0)
			page_number(r, l->value);
		else
			html_printf(o, "<span class=\"hint\">%s</span>", req_t(r, "empty"));
		buf_puts(o, "</td><td>");
		if (l->previous >= 0)
			page_number(r, l->previous);
		buf_puts(o, "</td></tr>");
	}
	buf_puts(o, "</tbody></table>\n");
}

/* The value of code in revision x, or -1. */
static long long revision_value(const struct report_revision *x, const char *code)
{
	for (int i = 0; i < x->nvalues; i++)
		if (strcmp(x->codes[i], code) == 0)
			return x->values[i];
	return -1;
}

/* The report's history in words: when (Vietnam time), who, what, why, and
 * which numbers changed from the revision before. Newest first. */
static void history(struct req *r, const struct report_revision *revs, int nr,
		    const struct report_line *lines, int n)
{
	struct buf *o = &r->out;
	html_printf(o, "<details class=\"card\"><summary>%s (%d)</summary><ol class=\"history\">",
		    req_t(r, "History"), nr);
	for (int i = 0; i < nr; i++) {
		const struct report_revision *x = &revs[i],
					     *before = i + 1 < nr ? &revs[i + 1] : NULL;
		buf_puts(o, "<li><time>");
		page_stamp(r, x->at);
		html_printf(o, "</time> <b>%s</b> %s",
			    *x->full_name  ? x->full_name
			    : *x->username ? x->username
					   : "langso",
			    page_action_words(r, x->action, "report"));
		if (*x->note)
			html_printf(o, ". %s: «%s»", req_t(r, "Reason"), x->note);
		int changed = 0;
		for (int k = 0; k < n; k++) {
			long long now = revision_value(x, lines[k].ind->code);
			long long was = before ? revision_value(before, lines[k].ind->code) : -1;
			if (now == was)
				continue;
			html_printf(o, "%s%s: ", changed++ ? "; " : ". ",
				    ind_name(r, lines[k].ind));
			if (was >= 0) {
				page_number(r, was);
				buf_puts(o, " → ");
			}
			if (now >= 0)
				page_number(r, now);
			else
				html_printf(o, "%s", req_t(r, "empty"));
		}
		buf_puts(o, "</li>");
	}
	buf_puts(o, "</ol></details>\n");
}

/* The report of team for p: its form to fill, or, for a reviewer who is
 * not editing it for the team (edit), the figures to read and the review. */
static void report_page(struct req *r, long long team, const struct period *p, int edit,
			const struct field_errors *fe, const char *notice)
{
	struct team t;
	struct form f;
	char key[PERIOD_TEXT];
	period_format(p, key);
	int rc = teams_get(r->db, &r->arena, r->user, team, &t);
	if (rc == RES_OK)
		rc = catalog_form_for(r->db, &r->arena, t.unit_id, key, NULL, &f);
	struct report rep;
	struct report_line *lines;
	int n;
	if (rc == RES_OK)
		rc = reports_get(r->db, &r->arena, r->user, team, &f, p, r->now, &rep, &lines, &n);
	if (rc == RES_NOT_FOUND || rc == RES_INVALID) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "reports_get");
		return;
	}
	if (notices_seen(r->db, r->user, "report", rep.id) != RES_OK) {
		req_fail(r, "notices_seen");
		return;
	}
	/* a reviewer reads the report; editing it for the team is a choice */
	int review = (rep.actions & (REPORT_ACCEPT | REPORT_RETURN | REPORT_UNLOCK)) != 0 && !edit;
	int fill = (rep.actions & REPORT_SUBMIT) != 0 && !review;
	struct buf *o = &r->out;
	page_begin(r, r->lang == LANG_EN ? f.name_en : f.name_vi);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/teams/%lld\">%s</a></li>"
		    "<li aria-current=\"page\">%s</li></ol></nav>\n"
		    "<h1>%s <span class=\"period\">%s</span></h1>\n<p class=\"facts\">%s: %s",
		    t.id, t.name, page_period_words(r, p),
		    r->lang == LANG_EN ? f.name_en : f.name_vi, page_period_words(r, p),
		    req_t(r, "Status"), "");
	page_status_badge(r, rep.status, rep.resubmitted, rep.late);
	html_printf(o, " · %s ", req_t(r, "due"));
	i18n_date(o, r->lang, rep.due_on);
	buf_puts(o, "</p>\n");
	period_nav(r, team, p);
	if (rep.window == WINDOW_NOT_BEGUN) {
		html_printf(o, "<p class=\"card\" role=\"status\">%s ",
			    req_t(r, "This period has not begun. Its report opens on"));
		i18n_date(o, r->lang, rep.opens_on);
		buf_puts(o, ".</p>\n");
	} else if (rep.window == WINDOW_NO_TEAM) {
		html_printf(o, "<p class=\"card\" role=\"status\">%s</p>\n",
			    req_t(r, "The team did not exist during this period."));
	}
	if (rep.status == REPORT_RETURNED && *rep.note)
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
			name = field_label(r, name);
			html_printf(o, "<li><b>%s</b>: %s</li>", name,
				    page_error_text(r, fe->e[i].msgid, fe->e[i].arg));
		}
		buf_puts(o, "</ul></div>\n");
	}
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);

	if (review) {
		report_table(r, lines, n);
		if (rep.actions & REPORT_SUBMIT)
			html_printf(o, "<p><a href=\"/teams/%lld/reports/%s?edit=1\">%s</a></p>\n",
				    team, key, req_t(r, "Correct the figures for the team"));
		review_box(r, &rep);
		goto history;
	}
	int kept = fill && !(fe && fe->n) && req_query(r, "kept");
	if (kept)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n",
			    req_t(r,
				  "You are signed in again. The figures you typed are back in "
				  "the boxes but not sent yet: check them and send the report."));
	/* data-empty: what app.js asks before sending a report with empty
	 * boxes (%d: how many) */
	html_printf(o,
		    "<form class=\"card report\" method=\"post\" action=\"/teams/%lld/reports/%s\" "
		    "data-empty=\"%s\">",
		    team, key,
		    req_t(r, "%d boxes are empty. Send the report anyway? (Empty is not 0.)"));
	page_csrf(r);
	for (int i = 0; i < n; i++) {
		const struct report_line *l = &lines[i];
		/* typed: sent with errors, or kept through a new sign-in */
		const char *typed = fe && fe->n ? req_form(r, l->ind->code)
				    : kept	? req_query(r, l->ind->code)
						: NULL;
		char value[24] = "";
		if (typed)
			snprintf(value, sizeof value, "%.20s", typed);
		else if (l->value >= 0)
			snprintf(value, sizeof value, "%lld", l->value);
		html_printf(
		    o,
		    "<div class=\"field\"><label for=\"v_%s\">%s <small>(%s)</small></label>"
		    "<input id=\"v_%s\" name=\"%s\" inputmode=\"numeric\" pattern=\"[0-9 .]*\" "
		    "autocomplete=\"off\" value=\"%s\"",
		    l->ind->code, ind_name(r, l->ind), ind_unit(r, l->ind), l->ind->code,
		    l->ind->code, value);
		page_markup(r, fill ? ">" : " disabled>");
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
	/* a difficulty can be raised from the report whatever its state */
	if (rep.id && reports_may_fill(r->db, r->user, team))
		html_printf(
		    o, "<p><a href=\"/difficulties/new?team=%lld&amp;report=%lld\">%s</a></p>\n",
		    team, rep.id, req_t(r, "Report a difficulty"));
	review_box(r, &rep);
history:;
	struct report_revision *revs;
	int nr;
	if (rep.id && reports_revisions(r->db, &r->arena, rep.id, &revs, &nr) == RES_OK && nr)
		history(r, revs, nr, lines, n);
	page_end(r);
}

/* The period of the path: 1 when done (a redirect to its canonical
 * spelling, or a 404). */
static int path_period(struct req *r, const char *prefix, struct period *p)
{
	int rc = page_period(r->params[1], p);
	if (rc < 0) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return 1;
	}
	if (rc > 0) {
		char key[PERIOD_TEXT];
		period_format(p, key);
		req_redirect(
		    r, strcmp(r->method, "GET") == 0 ? 301 : 308,
		    arena_printf(&r->arena, "%s/%lld/reports/%s", prefix, req_param_id(r, 0), key));
		return 1;
	}
	return 0;
}

void page_report(struct req *r)
{
	struct period p;
	if (path_period(r, "/teams", &p))
		return;
	report_page(r, req_param_id(r, 0), &p, req_query(r, "edit") != NULL, NULL, NULL);
}

void page_report_save(struct req *r)
{
	long long team = req_param_id(r, 0);
	struct period p;
	if (path_period(r, "/teams", &p))
		return;
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct team t;
	struct form f;
	int rc = teams_get(r->db, &r->arena, r->user, team, &t);
	if (rc == RES_OK)
		rc = catalog_form_for(r->db, &r->arena, t.unit_id, key, NULL, &f);
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
	int submit = report_action_of(req_form(r, "action")) == REPORT_SUBMIT;
	struct field_errors fe = {0};
	struct report rep;
	rc = reports_save(r->db, &r->arena, r->user, team, &f, &p, codes, values, n, submit, r->now,
			  &fe, &rep, NULL, NULL);
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
	report_page(r, team, &p, 1, &fe,
		    rc != RES_OK ? NULL
		    : submit	 ? req_t(r, "The report is sent. Thank you!")
				 : req_t(r, "The draft is saved."));
}

void page_report_review(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	int rc = reports_review(r->db, r->user, id, report_action_of(req_form(r, "action")),
				req_form(r, "reason"), &fe);
	long long form;
	struct period period;
	long long team = reports_team(r->db, r->user, id, &form, &period);
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
	unsigned action = report_action_of(req_form(r, "action"));
	const char *done =
	    action == REPORT_ACCEPT
		? req_t(r, "The report is accepted. It is locked now and counts in every total; "
			   "the team sees it as accepted.")
	    : action == REPORT_RETURN
		? req_t(r, "The report is returned to the team. The team sees your reason on its "
			   "home page and can correct the report and send it again.")
		: req_t(r, "The report is unlocked: it left the totals until it is sent and "
			   "accepted again.");
	report_page(r, team, &period, 0, &fe, rc == RES_OK ? done : NULL);
}

/* The review list: the teams below a unit with their report of a period,
 * a page at a time. */
void page_reports(struct req *r)
{
	const char *unit_s = req_query(r, "unit"), *period = req_query(r, "period");
	long long unit = unit_s ? strtoll(unit_s, NULL, 10) : r->user->scope;
	const char *cursor = req_query(r, "cursor");
	long long after = cursor ? strtoll(cursor, NULL, 10) : 0;
	struct period p;
	page_period_or_current(r, period, PERIOD_WEEK, &p);
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct unit u;
	struct form f;
	if (!scope_visible(r, unit) || units_get(r->db, &r->arena, unit, &u) != RES_OK ||
	    catalog_form_for(r->db, &r->arena, unit, key, NULL, &f) != RES_OK) {
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
		return;
	}
	struct report_row *rows;
	int n;
	long long next;
	if (reports_list(r->db, &r->arena, r->user, unit, &f, &p, after, 200, &rows, &n, &next) !=
	    RES_OK) {
		req_fail(r, "reports_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Reports"));
	html_printf(o,
		    "<h1>%s <span class=\"period\">%s</span></h1><p class=\"facts\">%s · %s</p>\n",
		    req_t(r, "Reports"), page_period_words(r, &p), u.name,
		    r->lang == LANG_EN ? f.name_en : f.name_vi);
	html_printf(o,
		    "<form class=\"search\" method=\"get\" action=\"/reports\">"
		    "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
		    unit);
	page_period_select(r, req_t(r, "Period"), &p, 1u << PERIOD_WEEK | 1u << PERIOD_MONTH);
	html_printf(
	    o,
	    "<button type=\"submit\">%s</button></form>\n"
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/units/%lld/progress"
	    "?period=%s\">%s</a></p>\n",
	    req_t(r, "Show"), unit, key, req_t(r, "Progress"));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		html_printf(o,
			    "<li><a href=\"/teams/%lld/reports/%s\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · ",
			    rows[i].team_id, key, rows[i].village, rows[i].team);
		page_status_badge(r, rows[i].status, rows[i].resubmitted, rows[i].late);
		buf_puts(o, "</span></a></li>\n");
	}
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/reports");
	url_add_int(&url, "unit", unit);
	url_add(&url, "period", key);
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}
