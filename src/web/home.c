/* home.c: the page after sign-in, one per role, saying what to do now: a
 * team its report of this week (status and deadline in words), the ones
 * returned to it and its difficulties; a commune the reports waiting for
 * its review, the teams still missing this week and the difficulties
 * waiting at it; a province, district or the ministry the units below
 * that lag this week and the difficulties sent up; anyone else where to
 * look. Signed out, "/" is the list of provinces. */
#include "core/catalog.h"
#include "core/difficulties.h"
#include "core/home.h"
#include "core/progress.h"
#include "core/roles.h"
#include "core/teams.h"
#include "util/date.h"
#include "util/escape.h"
#include "i18n/i18n.h"
#include <stdio.h>
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

#define HOME_ROWS 20

/* "Tuần 49 (30/11–06/12/2026) · hạn 08/12/2026" of a report. */
static void period_and_due(struct req *r, const struct period *p, const char *due_on)
{
	html_printf(&r->out, "%s · %s ", page_period_words(r, p), req_t(r, "due"));
	i18n_date(&r->out, r->lang, due_on);
}

/* A hint line: label and a count. */
static void count_hint(struct req *r, const char *label, long long n)
{
	html_printf(&r->out, "<p class=\"hint\">%s ", label);
	page_number(r, n);
	buf_puts(&r->out, "</p>");
}

/* A list of reports, each a link to its page, with its reason when it has
 * one; "more" when there are more than shown. */
static void report_list(struct req *r, const struct home_report *h, int n, long long total)
{
	buf_puts(&r->out, "<ul class=\"units\">");
	for (int i = 0; i < n; i++) {
		struct period p;
		period_parse(h[i].period, &p);
		html_printf(&r->out,
			    "<li><a href=\"/teams/%lld/reports/%s\"><span class=\"name\">%s · "
			    "%s</span><span class=\"meta\">%s · ",
			    h[i].team_id, h[i].period, h[i].village, page_period_words(r, &p),
			    h[i].team);
		page_status_badge(r, h[i].status, h[i].resubmitted, h[i].late);
		if (*h[i].note)
			html_printf(&r->out, " · %s: %s", req_t(r, "reason"), h[i].note);
		buf_puts(&r->out, "</span></a></li>");
	}
	buf_puts(&r->out, "</ul>");
	if (total > n)
		count_hint(r, req_t(r, "And more:"), total - n);
}

/* The difficulties in who's scope (mine: those waiting at who's unit),
 * oldest first, with how many days each has waited. */
static void difficulty_card(struct req *r, const char *title, int mine, long long team)
{
	struct difficulty *d;
	int n;
	long long next;
	if (difficulties_list(r->db, &r->arena, r->user, NULL, mine, 0, 0, HOME_ROWS, &d, &n,
			      &next) != RES_OK)
		n = 0;
	char today[11];
	date_local(r->now, today);
	html_printf(&r->out, "<section class=\"card\" id=\"difficulties\"><h2>%s ", title);
	html_printf(&r->out, "<span class=\"badge\">%d%s</span></h2>", n, next ? "+" : "");
	if (!n)
		html_printf(&r->out, "<p>%s</p>", req_t(r, "None open."));
	buf_puts(&r->out, "<ul class=\"units\">");
	for (int i = 0; i < n; i++) {
		char opened[11];
		snprintf(opened, sizeof opened, "%.10s", d[i].opened_at);
		long days = period_days_between(opened, today);
		html_printf(&r->out,
			    "<li><a href=\"/difficulties/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · %s · ",
			    d[i].id, d[i].text, d[i].village, d[i].team);
		page_number(r, days);
		html_printf(&r->out, " %s", req_t(r, "days waiting"));
		html_printf(&r->out, " · %d %s</span></a></li>", d[i].replies, req_t(r, "answers"));
	}
	buf_puts(&r->out, "</ul>");
	if (team)
		html_printf(&r->out,
			    "<p><a class=\"button secondary\" "
			    "href=\"/difficulties/new?team=%lld\">%s</a></p>",
			    team, req_t(r, "Raise a difficulty"));
	buf_puts(&r->out, "</section>\n");
}

static void team_home(struct req *r)
{
	struct team own;
	if (teams_own(r->db, &r->arena, r->user, &own) != RES_OK) {
		html_printf(&r->out, "<p class=\"card\">%s</p>",
			    req_t(r, "Your village has no team yet: ask the commune."));
		return;
	}
	const struct team *t = &own;
	struct period p;
	page_period_or_current(r, NULL, PERIOD_WEEK, &p);
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct form f;
	struct report rep;
	struct report_line *lines;
	int nl;
	html_printf(&r->out, "<section class=\"card\" id=\"this-week\"><h2>%s</h2>",
		    req_t(r, "This week's report"));
	if (catalog_form_for(r->db, &r->arena, t->unit_id, key, NULL, &f) == RES_OK &&
	    reports_get(r->db, &r->arena, r->user, t->id, &f, &p, r->now, &rep, &lines, &nl) ==
		RES_OK) {
		html_printf(
		    &r->out, "<p class=\"facts\">%s<br>%s: <b class=\"status-%s\">%s</b></p>",
		    t->name, req_t(r, "Status"), rep.id ? report_status_name(rep.status) : "none",
		    rep.id ? status_label(r, rep.status) : req_t(r, "not started"));
		buf_puts(&r->out, "<p>");
		period_and_due(r, &p, rep.due_on);
		buf_puts(&r->out, "</p>");
		html_printf(
		    &r->out, "<p><a class=\"button\" href=\"/teams/%lld/reports/%s\">%s</a></p>",
		    t->id, key,
		    (rep.actions & REPORT_SUBMIT) && (!rep.id || !report_status_counted(rep.status))
			? req_t(r, "Fill in the report")
			: req_t(r, "See the report"));
	}
	buf_puts(&r->out, "</section>\n");

	struct home_report *back;
	int nb;
	long long total;
	if (home_reports(r->db, &r->arena, r->user, t->unit_id, REPORT_RETURNED, HOME_ROWS, &back,
			 &nb, &total) == RES_OK &&
	    nb) {
		html_printf(&r->out,
			    "<section class=\"card warn\" id=\"returned\"><h2>%s <span "
			    "class=\"badge warn\">%lld</span></h2><p>%s</p>",
			    req_t(r, "Returned to you"), total,
			    req_t(r, "The commune sent these back: correct them and send again."));
		report_list(r, back, nb, total);
		buf_puts(&r->out, "</section>\n");
	}
	html_printf(&r->out,
		    "<p class=\"row-links\"><a class=\"button secondary\" "
		    "href=\"/units/%lld/progress?period=%s\">%s</a></p>\n",
		    t->unit_id, current_period(r, PERIOD_MONTH),
		    req_t(r, "The village's progress"));
	difficulty_card(r, req_t(r, "Our difficulties"), 0, t->id);
}

static void commune_home(struct req *r)
{
	long long unit = r->user->scope;
	struct home_report *wait;
	int nw;
	long long total;
	html_printf(&r->out, "<section class=\"card\" id=\"review\"><h2>%s ",
		    req_t(r, "Waiting for your review"));
	if (home_reports(r->db, &r->arena, r->user, unit, REPORT_SUBMITTED, HOME_ROWS, &wait, &nw,
			 &total) != RES_OK)
		nw = 0, total = 0;
	html_printf(&r->out, "<span class=\"badge\">%lld</span></h2>", total);
	if (!nw)
		html_printf(&r->out, "<p>%s</p>", req_t(r, "Nothing waits for review."));
	report_list(r, wait, nw, total);
	buf_puts(&r->out, "</section>\n");

	struct period p;
	page_period_or_current(r, NULL, PERIOD_WEEK, &p);
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct missing_team *m;
	int nm;
	long long next;
	if (progress_missing(r->db, &r->arena, r->user, unit, &p, 0, HOME_ROWS, &m, &nm, &next) !=
	    RES_OK)
		nm = 0, next = 0;
	html_printf(&r->out,
		    "<section class=\"card\" id=\"missing\"><h2>%s <span "
		    "class=\"badge\">%d%s</span></h2><p>%s</p>",
		    req_t(r, "Not yet sent this week"), nm, next ? "+" : "",
		    page_period_words(r, &p));
	buf_puts(&r->out, "<ul class=\"units\">");
	for (int i = 0; i < nm; i++)
		html_printf(&r->out,
			    "<li><a href=\"/teams/%lld/reports/%s\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s</span></a></li>",
			    m[i].id, key, m[i].village, m[i].name);
	html_printf(&r->out,
		    "</ul><p><a class=\"button secondary\" "
		    "href=\"/units/%lld/progress?period=%s#missing\">%s</a></p></section>\n",
		    unit, key, req_t(r, "Reminder for the Zalo group"));
	difficulty_card(r, req_t(r, "Difficulties waiting at the commune"), 1, 0);
}

static void steering_home(struct req *r)
{
	long long unit = r->user->scope;
	struct period p;
	page_period_or_current(r, NULL, PERIOD_WEEK, &p);
	period_step(&p, -1); /* the last whole week: this one is still coming in */
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct home_child *c;
	int nc;
	if (home_children(r->db, &r->arena, r->user, unit, &p, &c, &nc) != RES_OK)
		nc = 0;
	html_printf(&r->out, "<section class=\"card\" id=\"lagging\"><h2>%s</h2><p>%s</p>",
		    req_t(r, "Lagging behind"), page_period_words(r, &p));
	buf_puts(&r->out, "<ul class=\"units\">");
	int shown = 0, empty = 0;
	for (int i = 0; i < nc; i++) {
		if (!c[i].expected) { /* no team expected: nothing lags there */
			empty++;
			continue;
		}
		if (shown++ == HOME_ROWS)
			continue;
		int pct = c[i].expected ? (int)(c[i].received * 100 / c[i].expected) : 0;
		html_printf(&r->out,
			    "<li><a href=\"/units/%lld/progress?period=%s\"><span class=\"name\">%s"
			    "</span><span class=\"meta\"><meter min=\"0\" max=\"100\" value=\"%d\">"
			    "</meter> %d%% · ",
			    c[i].unit_id, key, c[i].name, pct, pct);
		page_number(r, c[i].received);
		buf_puts(&r->out, "/");
		page_number(r, c[i].expected);
		html_printf(&r->out, " %s</span></a></li>", req_t(r, "reports"));
	}
	buf_puts(&r->out, "</ul>");
	if (empty)
		count_hint(r, req_t(r, "Units without a team yet:"), empty);
	/* the units below ranked on last month, the weakest first */
	struct period month;
	page_period_or_current(r, NULL, PERIOD_MONTH, &month);
	period_step(&month, -1);
	char mkey[PERIOD_TEXT];
	period_format(&month, mkey);
	html_printf(&r->out,
		    "<p class=\"row-links\"><a class=\"button\" "
		    "href=\"/units/%lld/breakdown?period=%s\">%s</a>"
		    "<a class=\"button secondary\" href=\"/units/%lld/dashboard\">%s</a>"
		    "<a class=\"button secondary\" "
		    "href=\"/units/%lld/progress?period=%s\">%s</a></p></section>\n",
		    unit, mkey, req_t(r, "The weakest units last month"), unit,
		    req_t(r, "Dashboard"), unit, key, req_t(r, "Progress"));
	difficulty_card(r, req_t(r, "Difficulties sent up to you"), 1, 0);
}

static void glance_home(struct req *r)
{
	html_printf(&r->out,
		    "<section class=\"card\"><h2>%s</h2><p class=\"row-links\">"
		    "<a class=\"button\" href=\"/units/%lld/dashboard\">%s</a>"
		    "<a class=\"button secondary\" href=\"/units/%lld/progress?period=%s\">%s</a>"
		    "<a class=\"button secondary\" href=\"/units/%lld\">%s</a></p></section>\n",
		    r->user->scope_name, r->user->scope, req_t(r, "Dashboard"), r->user->scope,
		    current_period(r, PERIOD_MONTH), req_t(r, "Progress"), r->user->scope,
		    req_t(r, "Units"));
}

void page_home(struct req *r)
{
	if (!r->user) {
		page_units_root(r);
		return;
	}
	page_begin(r, req_t(r, "Home"));
	html_printf(&r->out, "<h1>%s</h1><p class=\"facts\">%s · %s</p>\n", req_t(r, "Today"),
		    *r->user->full_name ? r->user->full_name : r->user->username,
		    r->user->scope_name);
	if (role_is_officer(role_of(r->user->role)))
		page_unit_search(r, r->user->scope, NULL);
	switch (role_of(r->user->role)) {
	case ROLE_TEAM:
		team_home(r);
		break;
	case ROLE_COMMUNE:
		commune_home(r);
		break;
	case ROLE_ADMIN:
	case ROLE_MINISTRY:
	case ROLE_PROVINCE:
	case ROLE_DISTRICT:
		steering_home(r);
		break;
	default:
		glance_home(r);
	}
	page_end(r);
}
