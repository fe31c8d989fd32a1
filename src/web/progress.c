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

/* One progress row: the indicator, its target, what is done, the percent. */
static void progress_row(struct req *r, const struct progress_item *it)
{
	struct buf *o = &r->out;
	html_printf(o, "<tr><td>%s", r->lang == LANG_EN ? it->ind->name_en : it->ind->name_vi);
	if (it->target >= 0 && it->children_targets >= 0 && it->children_targets != it->target) {
		html_printf(o, "<br><span class=\"badge warn\">%s ",
			    req_t(r, "targets below add up to"));
		page_number(r, it->children_targets);
		buf_puts(o, "</span>");
	}
	if (it->stock) {
		html_printf(o, "<br><small>%s", req_t(r, "latest value of each team"));
		if (it->teams) {
			buf_puts(o, " · ");
			page_number(r, it->teams);
			html_printf(o, " %s", req_t(r, "teams"));
		}
		if (it->carried)
			html_printf(o, " · %s %s", req_t(r, "newest value from"), it->as_of);
		buf_puts(o, "</small>");
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

/* The teams still without a report for one reporting period: a page of
 * them by commune, with a reminder to paste into each commune's group;
 * folded away under the progress (base "progress"), or the page itself
 * (base "missing"). */
static void missing_section(struct req *r, long long unit, const struct period *p, const char *base)
{
	int folded = strcmp(base, "progress") == 0;
	const char *cursor = req_query(r, "cursor");
	long long after = cursor ? strtoll(cursor, NULL, 10) : 0, next;
	struct missing_team *m;
	int n;
	int rc = progress_missing(r->db, &r->arena, r->user, unit, p, after, 200, &m, &n, &next);
	if (rc != RES_OK || !n) {
		if (!folded)
			html_printf(&r->out, "<p class=\"empty\">%s</p>",
				    req_t(r, "Every team expected has sent its report."));
		return;
	}
	char key[PERIOD_TEXT];
	period_format(p, key);
	struct buf *o = &r->out;
	if (folded)
		html_printf(o, "<details class=\"card\" id=\"missing\"><summary>%s</summary>",
			    req_t(r, "Teams without a report"));
	for (int i = 0; i < n;) {
		/* one commune: its teams, then its reminder */
		int j = i;
		while (j < n && m[j].commune_id == m[i].commune_id)
			j++;
		html_printf(o, "<h3>%s</h3><ul>", m[i].commune);
		struct buf remind = BUF_INIT;
		progress_reminder(r->lang, p, m + i, j - i, &remind);
		for (int k = i; k < j; k++)
			html_printf(o, "<li><a href=\"/teams/%lld/reports/%s\">%s</a> · %s</li>",
				    m[k].id, key, m[k].village, m[k].name);
		html_printf(o,
			    "</ul><label for=\"remind%lld\">%s</label><textarea id=\"remind%lld\" "
			    "rows=\"4\" readonly data-copy>%s</textarea><button type=\"button\" "
			    "data-copy-target=\"remind%lld\">%s</button>",
			    m[i].commune_id, req_t(r, "Reminder for the Zalo group"),
			    m[i].commune_id, buf_cstr(&remind), m[i].commune_id, req_t(r, "Copy"));
		buf_release(&remind);
		i = j;
	}
	struct buf url = BUF_INIT;
	buf_printf(&url, "/units/%lld/%s", unit, base);
	url_add(&url, "period", key);
	page_next_link(r, &url, next);
	buf_release(&url);
	if (folded)
		buf_puts(o, "</details>\n");
}

void page_missing(struct req *r)
{
	long long unit = req_param_id(r, 0);
	struct period p;
	page_period_or_current(r, req_query(r, "period"), PERIOD_WEEK, &p);
	if (p.kind != PERIOD_WEEK && p.kind != PERIOD_MONTH)
		page_period_or_current(r, NULL, PERIOD_MONTH, &p);
	struct unit u;
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_NOT_FOUND || (rc == RES_OK && !scope_visible(r, unit))) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "units_get");
		return;
	}
	page_begin(r, req_t(r, "Teams without a report"));
	page_crumbs(r);
	html_printf(&r->out,
		    "<ol><li><a href=\"/units/%lld\">%s</a></li>"
		    "<li aria-current=\"page\">%s</li></ol></nav>\n"
		    "<h1>%s <span class=\"period\">%s</span></h1>\n",
		    u.id, u.name, req_t(r, "Teams without a report"), u.name,
		    page_period_words(r, &p));
	missing_section(r, unit, &p, "missing");
	page_end(r);
}

void page_progress(struct req *r)
{
	long long unit = req_param_id(r, 0);
	struct period p;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &p);
	char key[PERIOD_TEXT];
	period_format(&p, key);
	struct unit u;
	struct progress_item *items;
	int n;
	struct completeness c;
	int then = page_as(r);
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_OK)
		rc = progress_get_as(r->db, &r->arena, r->user, unit, &p, then ? AS_THEN : AS_NOW,
				     r->now, &items, &n, &c);
	if (!respond_result(r, rc, NULL, "progress_get"))
		return;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Progress"));
	const char *words = page_period_words(r, &p);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/units/%lld\">%s</a></li>"
		    "<li aria-current=\"page\">%s · %s</li></ol></nav>\n"
		    "<h1>%s <span class=\"period\">%s</span></h1>\n",
		    u.id, u.name, req_t(r, "Progress"), words, req_t(r, "Progress"), words);
	html_printf(o, "<form class=\"search\" method=\"get\" action=\"/units/%lld/progress\">",
		    u.id);
	page_period_select(r, req_t(r, "Period"), &p,
			   1u << PERIOD_WEEK | 1u << PERIOD_MONTH | 1u << PERIOD_QUARTER |
			       1u << PERIOD_YEAR);
	page_as_select(r, then);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Show"));
	if (!progress_existed(&u, &p))
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "This unit did not exist during this period: its figures are"
				     " those of the units it was formed from."));
	html_printf(o,
		    "<div class=\"scroll\"><table class=\"progress\"><thead><tr><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%%</th></tr></thead><tbody>\n",
		    req_t(r, "Indicator"), req_t(r, "Target"), req_t(r, "Done"));
	for (int i = 0; i < n; i++)
		progress_row(r, &items[i]);
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
	if (p.kind == PERIOD_WEEK || p.kind == PERIOD_MONTH)
		missing_section(r, unit, &p, "progress");
	buf_puts(o, "<p class=\"row-links\">");
	if (u.lvl != LEVEL_VILLAGE)
		html_printf(o,
			    "<a class=\"button secondary\" href=\"/reports?unit=%lld"
			    "&amp;period=%s\">%s</a>",
			    u.id,
			    p.kind == PERIOD_WEEK || p.kind == PERIOD_MONTH
				? key
				: current_period(r, PERIOD_WEEK),
			    req_t(r, "Reports"));
	if (u.lvl != LEVEL_VILLAGE)
		html_printf(o,
			    " <a class=\"button secondary\" "
			    "href=\"/units/%lld/breakdown?period=%s\">%s</a>"
			    " <a class=\"button secondary\" href=\"/units/%lld/export?period=%s\" "
			    "download>%s</a>",
			    u.id, key, req_t(r, "Units side by side"), u.id, key,
			    req_t(r, "Download the workbook (Excel)"));
	if (p.kind != PERIOD_WEEK && u.lvl != LEVEL_VILLAGE && teams_may_write(r->user))
		html_printf(o,
			    " <a class=\"button secondary\" "
			    "href=\"/targets?unit=%lld&amp;period=%s\">%s</a>",
			    u.id, key, req_t(r, "Assign targets"));
	buf_puts(o, "</p>\n");
	page_end(r);
}
