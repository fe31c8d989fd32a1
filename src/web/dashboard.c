/* dashboard.c: GET /units/{id}/dashboard: one unit at a glance for a
 * period: the headline indicators against target with the pace of the
 * period, the reports received on time and late over the last periods,
 * the trend of one indicator, the weakest units below, the open
 * difficulties by level and age, the households in the Zalo groups. Every
 * chart is drawn by Chart.js (assets/dashboard.js) from the table of its
 * numbers, which the page shows anyway: it reads without JavaScript. */
#include "core/breakdown.h"
#include "core/coverage.h"
#include "core/dashboard.h"
#include "core/practices.h"
#include "http/respond.h"
#include "http/static.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

#define SERIES 12 /* periods in the series */
#define WEAKEST 5

static const char *name_of(struct req *r, const struct indicator *ind)
{
	return r->lang == LANG_EN ? ind->name_en : ind->name_vi;
}

/* A bar of done against target (0..100+) with the pace marked on it. */
static void bar(struct req *r, int percent, int pace)
{
	int w = percent < 0 ? 0 : percent > 100 ? 100 : percent;
	html_printf(&r->out,
		    "<svg class=\"bar\" viewBox=\"0 0 100 12\" preserveAspectRatio=\"none\" "
		    "aria-hidden=\"true\"><rect class=\"track\" width=\"100\" height=\"12\"/>"
		    "<rect class=\"%s\" width=\"%d\" height=\"12\"/>"
		    "<line class=\"pace\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"12\"/></svg>",
		    percent >= 0 && percent < pace ? "done lag" : "done", w, pace, pace);
}

static void headline(struct req *r, const struct progress_item *items, int n, int pace)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<section class=\"card\" id=\"headline\"><h2>%s</h2><p class=\"facts\">%s %d%% "
		    "· %s</p><ul class=\"headline\">",
		    req_t(r, "Indicators against target"), req_t(r, "of the period gone by:"), pace,
		    req_t(r, "the line on each bar"));
	int shown = 0;
	for (int i = 0; i < n; i++) {
		/* without its own target, the sum of the targets of the units below */
		struct progress_item it = items[i];
		int below = it.target < 0 && it.children_targets >= 0;
		if (below) {
			it.target = it.children_targets;
			it.percent = it.target > 0 ? (int)(it.actual * 100 / it.target) : -1;
		}
		if (it.target < 0)
			continue;
		shown++;
		html_printf(o, "<li><span class=\"name\">%s</span><span class=\"meta\">",
			    name_of(r, it.ind));
		page_number(r, it.actual);
		buf_puts(o, " / ");
		page_number(r, it.target);
		if (below)
			html_printf(o, " (%s)", req_t(r, "the targets of the units below"));
		if (it.percent >= 0)
			html_printf(o, " · %d%%", it.percent);
		if (breakdown_lagging(&it, pace))
			html_printf(o, " <span class=\"badge warn\">%s</span>",
				    req_t(r, "behind pace"));
		buf_puts(o, "</span>");
		bar(r, it.percent, pace);
		buf_puts(o, "</li>");
	}
	buf_puts(o, "</ul>");
	if (!shown)
		html_printf(o, "<p class=\"empty\">%s</p>",
			    req_t(r, "No target is assigned for this period."));
	buf_puts(o, "</section>\n");
}

/* The reports of each period: expected, on time, late, missing. */
static void completeness(struct req *r, const struct trend_point *t, int n)
{
	struct buf *o = &r->out;
	html_printf(
	    o,
	    "<section class=\"card\" id=\"completeness\"><h2>%s</h2><div class=\"scroll\" "
	    "tabindex=\"0\">"
	    "<table class=\"breakdown\" data-chart=\"stacked\"><caption>%s</caption><thead><tr>"
	    "<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
	    "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	    req_t(r, "Reports, period by period"), req_t(r, "Reports, period by period"),
	    req_t(r, "Period"), req_t(r, "on time"), req_t(r, "late"), req_t(r, "missing"),
	    req_t(r, "expected"));
	for (int i = 0; i < n; i++) {
		char key[PERIOD_TEXT];
		period_format(&t[i].p, key);
		html_printf(o, "<tr><th scope=\"row\">%s</th>", page_period_words(r, &t[i].p));
		const long long v[] = {t[i].c.on_time, t[i].c.late, t[i].c.missing,
				       t[i].c.expected};
		for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
			buf_puts(o, "<td class=\"num\">");
			page_number(r, v[k]);
			buf_puts(o, "</td>");
		}
		buf_puts(o, "</tr>");
	}
	buf_puts(o, "</tbody></table></div></section>\n");
}

/* The trend of one indicator: done (and target) period by period. */
static void trend(struct req *r, const struct trend_point *t, int n, const struct indicator *ind)
{
	struct buf *o = &r->out;
	html_printf(
	    o,
	    "<section class=\"card\" id=\"trend\"><h2>%s</h2><div class=\"scroll\" tabindex=\"0\">"
	    "<table class=\"breakdown\" data-chart=\"line\"><caption>%s</caption><thead><tr>"
	    "<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
	    req_t(r, "Trend"), name_of(r, ind), req_t(r, "Period"), req_t(r, "Done"),
	    req_t(r, "Target"));
	for (int i = 0; i < n; i++) {
		const struct progress_item *it = NULL;
		for (int k = 0; k < t[i].n; k++)
			if (t[i].items[k].ind->id == ind->id)
				it = &t[i].items[k];
		html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">",
			    page_period_words(r, &t[i].p));
		if (it)
			page_number(r, it->actual);
		buf_puts(o, "</td><td class=\"num\">");
		if (it && it->target >= 0)
			page_number(r, it->target);
		buf_puts(o, "</td></tr>");
	}
	buf_puts(o, "</tbody></table></div></section>\n");
}

static void weakest(struct req *r, const struct unit *u, const struct period *p,
		    const char *indicator)
{
	struct breakdown_query q = {.unit = u->id,
				    .p = *p,
				    .level = LEVEL_UNKNOWN,
				    .indicator = indicator,
				    .sort = SORT_PERCENT,
				    .limit = WEAKEST};
	struct breakdown b;
	if (u->lvl == LEVEL_VILLAGE ||
	    breakdown_get(r->db, &r->arena, r->user, &q, r->now, &b) != RES_OK || !b.n)
		return;
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"card\" id=\"weakest\"><h2>%s</h2><ol class=\"units\">",
		    req_t(r, "The weakest units below"));
	for (int i = 0; i < b.n; i++) {
		const struct breakdown_row *x = &b.rows[i];
		html_printf(
		    o,
		    "<li><a href=\"/units/%lld/dashboard?period=%s\"><span class=\"name\">%s"
		    "</span><span class=\"meta\">",
		    x->unit.id, key, x->unit.name);
		if (x->n && x->items[0].percent >= 0)
			html_printf(o, "%d%% · ", x->items[0].percent);
		page_number(r, x->c.received);
		buf_puts(o, "/");
		page_number(r, x->c.expected);
		html_printf(o, " %s</span></a></li>", req_t(r, "reports"));
	}
	html_printf(o,
		    "</ol><p class=\"row-links\"><a class=\"button secondary\" "
		    "href=\"/units/%lld/breakdown?period=%s\">%s</a><a class=\"button secondary\" "
		    "href=\"/units/%lld/map?period=%s\">%s</a></p></section>\n",
		    u->id, key, req_t(r, "Units side by side"), u->id, key, req_t(r, "Map"));
}

static void difficulties(struct req *r, const struct unit *u)
{
	long long counts[AT_COUNT][AGE_COUNT];
	if (dashboard_difficulties(r->db, r->user, u->id, r->now, counts) != RES_OK)
		return;
	struct buf *o = &r->out;
	static const char *const levels[AT_COUNT] = {N_("at the commune"), N_("at the district"),
						     N_("at the province"), N_("at the ministry")};
	html_printf(o,
		    "<section class=\"card\" id=\"difficulties\"><h2>%s</h2><div class=\"scroll\" "
		    "tabindex=\"0\">"
		    "<table class=\"breakdown\"><thead><tr><th>%s</th><th class=\"num\">%s</th>"
		    "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
		    req_t(r, "Open difficulties"), req_t(r, "Waiting"), req_t(r, "under 7 days"),
		    req_t(r, "7 to 30 days"), req_t(r, "over 30 days"));
	for (int l = 0; l < AT_COUNT; l++) {
		if (l == AT_DISTRICT && !counts[l][0] && !counts[l][1] && !counts[l][2])
			continue; /* no districts since the 2025 reform */
		html_printf(o, "<tr><th scope=\"row\">%s</th>", req_t(r, levels[l]));
		for (int g = 0; g < AGE_COUNT; g++) {
			buf_puts(o, "<td class=\"num\">");
			page_number(r, counts[l][g]);
			buf_puts(o, "</td>");
		}
		buf_puts(o, "</tr>");
	}
	html_printf(o,
		    "</tbody></table></div><p><a class=\"button secondary\" "
		    "href=\"/difficulties?unit=%lld\">%s</a></p></section>\n",
		    u->id, req_t(r, "Difficulties"));
}

static void households(struct req *r, const struct unit *u)
{
	long long all, in_group, teams;
	if (dashboard_households(r->db, r->user, u->id, &all, &in_group, &teams) != RES_OK)
		return;
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"card\" id=\"zalo\"><h2>%s</h2><p class=\"facts\">",
		    req_t(r, "Households in the village Zalo groups"));
	if (!all) {
		html_printf(o, "%s</p></section>\n",
			    req_t(r, "No team has given its households yet."));
		return;
	}
	int pct = (int)(in_group * 100 / all);
	page_number(r, in_group);
	buf_puts(o, " / ");
	page_number(r, all);
	html_printf(o, " %s · %d%% · ", req_t(r, "households"), pct);
	page_number(r, teams);
	html_printf(o, " %s</p>", req_t(r, "teams"));
	bar(r, pct, 0);
	buf_puts(o, "</section>\n");
}

/* The latest good practices published from inside the unit. */
static void practices(struct req *r, const struct unit *u)
{
	struct practice_query q = {.below = u->parent_id ? u->id : 0, .limit = 3};
	struct practice *list;
	int n;
	long long next;
	if (practices_list(r->db, &r->arena, r->user, &q, &list, &n, &next) != RES_OK || !n)
		return;
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"card\" id=\"practices\"><h2>%s</h2><ul class=\"units\">",
		    req_t(r, "Good practices"));
	for (int i = 0; i < n; i++)
		html_printf(o,
			    "<li><a href=\"/practices/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · ♥ %s · %s %s</span></a></li>",
			    list[i].id, list[i].title, list[i].unit,
			    page_number_text(r, list[i].likes),
			    page_number_text(r, list[i].applied), req_t(r, "applied it"));
	html_printf(o,
		    "</ul><p><a class=\"button secondary\" href=\"/practices%s\">%s</a></p>"
		    "</section>\n",
		    u->lvl == LEVEL_PROVINCE ? arena_printf(&r->arena, "?province=%lld", u->id)
					     : "",
		    req_t(r, "Good practices"));
}

/* Training coverage at day: teams and members trained, with a bar. */
static void training(struct req *r, const struct unit *u, const char *day)
{
	struct coverage c;
	struct coverage_row *rows;
	int n;
	if (coverage_get(r->db, &r->arena, r->user, u->id, 0, day, &c, &rows, &n) != RES_OK)
		return;
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"card\" id=\"training\"><h2>%s</h2><p class=\"facts\">",
		    req_t(r, "Training coverage"));
	int pct = coverage_percent(c.teams_trained, c.teams);
	page_number(r, c.teams_trained);
	buf_puts(o, " / ");
	page_number(r, c.teams);
	html_printf(o, " %s", req_t(r, "teams have a trained member"));
	if (pct >= 0)
		html_printf(o, " · %d%%", pct);
	buf_puts(o, " · ");
	page_number(r, c.members_trained);
	buf_puts(o, " / ");
	page_number(r, c.members);
	html_printf(o, " %s</p>", req_t(r, "members trained"));
	if (pct >= 0)
		bar(r, pct, 0);
	html_printf(
	    o,
	    "<p class=\"row-links\"><a class=\"button secondary\" href=\"/units/%lld/coverage\">"
	    "%s</a><a class=\"button secondary\" href=\"/units/%lld/untrained\">%s</a></p>"
	    "</section>\n",
	    u->id, req_t(r, "Training coverage"), u->id, req_t(r, "Teams never trained"));
}

void page_dashboard(struct req *r)
{
	struct unit u;
	struct period p;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &p);
	struct progress_item *items;
	int n;
	struct completeness c;
	int rc = units_get(r->db, &r->arena, req_param_id(r, 0), &u);
	if (rc == RES_OK)
		rc = progress_get(r->db, &r->arena, r->user, u.id, &p, r->now, &items, &n, &c);
	/* the series: twelve weeks or months, to the end of p (or today) */
	struct period last;
	char first[11], end[11], today[11];
	period_days(&p, first, end);
	date_local(r->now, today);
	period_of(strcmp(end, today) < 0 ? end : today,
		  p.kind == PERIOD_WEEK ? PERIOD_WEEK : PERIOD_MONTH, &last);
	struct trend_point t[SERIES];
	if (rc == RES_OK)
		rc = dashboard_trend(r->db, &r->arena, r->user, u.id, &last, SERIES, r->now, t);
	if (!respond_result(r, rc, NULL, "the dashboard"))
		return;
	/* the indicator followed: the one asked, else the first with a target */
	const char *code = req_query(r, "indicator");
	const struct indicator *ind = NULL;
	for (int i = 0; i < n && !ind; i++)
		if (code ? strcmp(items[i].ind->code, code) == 0 : items[i].target >= 0)
			ind = items[i].ind;
	if (!ind && n)
		ind = items[0].ind;
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Dashboard"));
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/units/%lld\">%s</a></li><li aria-current=\"page\">%s</li>"
		    "</ol></nav>\n<h1>%s <span class=\"period\">%s</span></h1>\n",
		    u.id, u.name, req_t(r, "Dashboard"), u.name, page_period_words(r, &p));
	html_printf(o, "<form class=\"search\" method=\"get\" action=\"/units/%lld/dashboard\">",
		    u.id);
	page_period_select(r, req_t(r, "Period"), &p,
			   1u << PERIOD_WEEK | 1u << PERIOD_MONTH | 1u << PERIOD_QUARTER |
			       1u << PERIOD_YEAR);
	html_printf(o,
		    "<label for=\"indicator\">%s</label><select id=\"indicator\" "
		    "name=\"indicator\">",
		    req_t(r, "Indicator"));
	for (int i = 0; i < n; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", items[i].ind->code,
			    ind && ind->id == items[i].ind->id ? " selected" : "",
			    name_of(r, items[i].ind));
	html_printf(o, "</select><button type=\"submit\">%s</button></form>\n", req_t(r, "Show"));
	headline(r, items, n, breakdown_pace(&p, today));
	completeness(r, t, SERIES);
	if (ind)
		trend(r, t, SERIES, ind);
	weakest(r, &u, &p, ind ? ind->code : NULL);
	difficulties(r, &u);
	households(r, &u);
	training(r, &u, strcmp(end, today) < 0 ? end : today);
	practices(r, &u);
	html_printf(o,
		    "<p class=\"row-links\"><a class=\"button secondary\" "
		    "href=\"/units/%lld/export?period=%s\" download>%s</a><a class=\"button "
		    "secondary\" href=\"/units/%lld/summary?period=%s\">%s</a></p>\n",
		    u.id, key, req_t(r, "Download the workbook (Excel)"), u.id, key,
		    req_t(r, "Summary report to print"));
	/* the charts, for this page only: Chart.js fetched once it is usable */
	html_printf(o, "<script src=\"%s\" data-chart-js=\"%s\" defer></script>\n",
		    static_url("dashboard.js"), static_url("chart.umd.js"));
	page_end(r);
}
