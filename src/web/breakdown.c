/* breakdown.c: GET /units/{id}/breakdown: a unit's children side by side
 * for a period, worst first (core/breakdown.c): each child's target, what
 * is done and the percent for one indicator, its reports received, late
 * and missing, its open difficulties; every column sorts, the children
 * behind the pace are flagged, and the list pages. */
#include "core/breakdown.h"
#include "core/catalog.h"
#include "http/respond.h"
#include "util/escape.h"
#include "util/vec.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* The address of this page with the choices of q, sorted on s (reversed
 * when rev); into u (a buf the caller releases). */
static void page_url(struct buf *u, const struct breakdown_query *q, const struct indicator *ind,
		     enum breakdown_sort s, int rev)
{
	char key[PERIOD_TEXT], sort[24];
	period_format(&q->p, key);
	buf_printf(u, "/units/%lld/breakdown", q->unit);
	url_add(u, "period", key);
	if (ind)
		url_add(u, "indicator", ind->code);
	if (q->level != LEVEL_UNKNOWN)
		url_add(u, "level", unit_level_name(q->level));
	if (q->as == AS_THEN)
		url_add(u, "as", "then");
	snprintf(sort, sizeof sort, "%s%s", rev ? "-" : "", breakdown_sort_name(s));
	url_add(u, "sort", sort);
}

/* A column's heading: a link that sorts on it (worst first; again: best
 * first), marked when it is the order shown. */
static void heading(struct req *r, const struct breakdown_query *q, const struct indicator *ind,
		    enum breakdown_sort s, const char *label, int num)
{
	int on = q->sort == s;
	struct buf u = BUF_INIT;
	page_url(&u, q, ind, s, on && !q->reverse);
	/* worst first is the natural order of each column: say "ascending"
	 * for it (the arrow points down the list, to the better ones) */
	html_printf(&r->out,
		    !on ? "<th class=\"%s\"><a href=\"%s\">%s</a></th>"
		    : q->reverse
			? "<th class=\"%s\" aria-sort=\"descending\"><a href=\"%s\">%s ▲</a></th>"
			: "<th class=\"%s\" aria-sort=\"ascending\"><a href=\"%s\">%s ▼</a></th>",
		    num ? "num" : "", buf_cstr(&u), label);
	buf_release(&u);
}

/* The choices: period, indicator, which units. */
static void choices(struct req *r, const struct unit *u, const struct breakdown_query *q,
		    const struct indicator *ranked)
{
	struct buf *o = &r->out;
	html_printf(o, "<form class=\"search\" method=\"get\" action=\"/units/%lld/breakdown\">",
		    u->id);
	page_period_select(r, req_t(r, "Period"), &q->p,
			   1u << PERIOD_WEEK | 1u << PERIOD_MONTH | 1u << PERIOD_QUARTER |
			       1u << PERIOD_YEAR);
	struct indicator *inds;
	int n;
	if (catalog_indicators(r->db, &r->arena, u->id, &inds, &n) != RES_OK)
		n = 0;
	html_printf(o,
		    "<label for=\"indicator\">%s</label><select id=\"indicator\" "
		    "name=\"indicator\">",
		    req_t(r, "Indicator"));
	for (int i = 0; i < n; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", inds[i].code,
			    ranked && ranked->id == inds[i].id ? " selected" : "",
			    r->lang == LANG_EN ? inds[i].name_en : inds[i].name_vi);
	buf_puts(o, "</select>");
	if (u->lvl < LEVEL_COMMUNE) {
		/* above a commune: the units right below, or every commune
		 * or village below */
		html_printf(o,
			    "<label for=\"level\">%s</label><select id=\"level\" name=\"level\">"
			    "<option value=\"\">%s</option>",
			    req_t(r, "Compare"), req_t(r, "The units right below"));
		static const enum unit_level deeper[] = {LEVEL_COMMUNE, LEVEL_VILLAGE};
		for (size_t i = 0; i < sizeof deeper / sizeof *deeper; i++)
			if (deeper[i] > u->lvl + 1)
				html_printf(o, "<option value=\"%s\"%s>%s</option>",
					    unit_level_name(deeper[i]),
					    q->level == deeper[i] ? " selected" : "",
					    deeper[i] == LEVEL_COMMUNE ? req_t(r, "Every commune")
								       : req_t(r, "Every village"));
		buf_puts(o, "</select>");
	}
	page_as_select(r, q->as == AS_THEN);
	html_printf(o, "<input type=\"hidden\" name=\"sort\" value=\"%s%s\">",
		    q->reverse ? "-" : "", breakdown_sort_name(q->sort));
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Show"));
}

static void row_html(struct req *r, const struct breakdown_query *q, const struct breakdown *b,
		     const struct breakdown_row *row)
{
	struct buf *o = &r->out;
	char key[PERIOD_TEXT];
	period_format(&q->p, key);
	const struct progress_item *it = NULL;
	for (int i = 0; i < row->n; i++)
		if (b->ranked && row->items[i].ind->id == b->ranked->id)
			it = &row->items[i];
	html_printf(o,
		    row->lagging ? "<tr class=\"lag\"><td class=\"num\">%lld</td><td>"
				 : "<tr><td class=\"num\">%lld</td><td>",
		    row->rank);
	if (row->unit.lvl == LEVEL_VILLAGE)
		html_printf(o, "<a href=\"/units/%lld/progress?period=%s\">%s</a>", row->unit.id,
			    key, row->unit.name);
	else
		html_printf(o, "<a href=\"/units/%lld/breakdown?period=%s\">%s</a>", row->unit.id,
			    key, row->unit.name);
	if (row->lagging)
		html_printf(o, " <span class=\"badge warn\">%s</span>", req_t(r, "behind pace"));
	buf_puts(o, "</td><td class=\"num\">");
	if (it && it->target >= 0)
		page_number(r, it->target);
	buf_puts(o, "</td><td class=\"num\">");
	if (it)
		page_number(r, it->actual);
	buf_puts(o, "</td><td class=\"num\">");
	if (it && it->percent >= 0)
		html_printf(o, "<meter min=\"0\" max=\"100\" value=\"%d\"></meter> %d%%",
			    it->percent > 100 ? 100 : it->percent, it->percent);
	buf_puts(o, "</td><td class=\"num\">");
	page_number(r, row->c.received);
	buf_puts(o, "/");
	page_number(r, row->c.expected);
	buf_puts(o, "</td><td class=\"num\">");
	page_number(r, row->c.late);
	buf_puts(o, "</td><td class=\"num\">");
	if (row->c.missing && (q->p.kind == PERIOD_WEEK || q->p.kind == PERIOD_MONTH))
		html_printf(o, "<a href=\"/units/%lld/missing?period=%s\">%s</a>", row->unit.id,
			    key, page_number_text(r, row->c.missing));
	else
		page_number(r, row->c.missing);
	buf_puts(o, "</td><td class=\"num\">");
	if (row->difficulties)
		html_printf(o, "<a href=\"/difficulties?unit=%lld\">%s</a>", row->unit.id,
			    page_number_text(r, row->difficulties));
	else
		buf_puts(o, "0");
	buf_puts(o, "</td></tr>\n");
}

/* The query of the page: what the address asks, with defaults for what
 * it does not (or asks wrongly: the page shows what it can). */
static void read_query(struct req *r, const struct unit *u, struct breakdown_query *q)
{
	memset(q, 0, sizeof *q);
	q->unit = u->id;
	q->level = LEVEL_UNKNOWN;
	q->as = page_as(r) ? AS_THEN : AS_NOW;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &q->p);
	const char *level = req_query(r, "level");
	enum unit_level l = unit_level_of(level);
	if (l > u->lvl + 1 && l < LEVEL_COUNT)
		q->level = l;
	if (breakdown_sort_parse(req_query(r, "sort"), &q->sort, &q->reverse) != 0)
		q->sort = SORT_PERCENT, q->reverse = 0;
	const char *ind = req_query(r, "indicator");
	q->indicator = ind && *ind ? ind : NULL;
	const char *cursor = req_query(r, "cursor");
	q->offset = cursor ? strtoll(cursor, NULL, 10) : 0;
	q->limit = 50;
}

int page_breakdown_read(struct req *r, struct breakdown_query *q, struct breakdown *b, int all)
{
	int rc = breakdown_get(r->db, &r->arena, r->user, q, r->now, b);
	if (rc == RES_INVALID) { /* an indicator not reported for this period */
		q->indicator = NULL;
		rc = breakdown_get(r->db, &r->arena, r->user, q, r->now, b);
	}
	if (rc == RES_OK && all && b->next) { /* the rest, page after page */
		VEC(struct breakdown_row) rows = {0};
		for (int i = 0; i < b->n; i++)
			*VEC_PUSH(&r->arena, &rows) = b->rows[i];
		struct breakdown_query next = *q;
		struct breakdown more = *b;
		while (rc == RES_OK && more.next) {
			next.offset = more.next;
			rc = breakdown_get(r->db, &r->arena, r->user, &next, r->now, &more);
			for (int i = 0; rc == RES_OK && i < more.n; i++)
				*VEC_PUSH(&r->arena, &rows) = more.rows[i];
		}
		b->rows = rows.items;
		b->n = rows.n;
		b->next = 0;
	}
	return respond_result(r, rc, NULL, "breakdown_get") ? 0 : -1;
}

void page_breakdown(struct req *r)
{
	struct unit u;
	int rc = units_get(r->db, &r->arena, req_param_id(r, 0), &u);
	struct breakdown_query q;
	struct breakdown b;
	if (!respond_result(r, rc, NULL, "units_get"))
		return;
	read_query(r, &u, &q);
	if (page_breakdown_read(r, &q, &b, 0) != 0)
		return;
	struct buf *o = &r->out;
	const char *words = page_period_words(r, &q.p);
	page_begin(r, req_t(r, "Units side by side"));
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/units/%lld\">%s</a></li>"
		    "<li aria-current=\"page\">%s</li></ol></nav>\n"
		    "<h1>%s <span class=\"period\">%s</span></h1>\n",
		    u.id, u.name, req_t(r, "Units side by side"), req_t(r, "Units side by side"),
		    words);
	choices(r, &u, &q, b.ranked);
	html_printf(o, "<p class=\"facts\">%s: %lld · %s %d%%", req_t(r, "Units"), b.total,
		    req_t(r, "of the period gone by:"), b.pace);
	if (b.ranked)
		html_printf(o, " · %s",
			    req_t(r, "a unit is behind pace when it has done less of "
				     "its target than that"));
	buf_puts(o, "</p>\n");
	if (!b.total) {
		html_printf(o, "<p>%s</p>", req_t(r, "There is no unit below this one yet."));
		page_end(r);
		return;
	}
	html_printf(o,
		    "<div class=\"scroll\"><table class=\"breakdown\"><caption>%s</caption>"
		    "<thead><tr><th class=\"num\">#</th>",
		    b.ranked ? (r->lang == LANG_EN ? b.ranked->name_en : b.ranked->name_vi) : "");
	heading(r, &q, b.ranked, SORT_NAME, req_t(r, "Unit"), 0);
	heading(r, &q, b.ranked, SORT_TARGET, req_t(r, "Target"), 1);
	heading(r, &q, b.ranked, SORT_ACTUAL, req_t(r, "Done"), 1);
	heading(r, &q, b.ranked, SORT_PERCENT, "%", 1);
	heading(r, &q, b.ranked, SORT_RECEIVED, req_t(r, "Reports received"), 1);
	heading(r, &q, b.ranked, SORT_LATE, req_t(r, "late"), 1);
	heading(r, &q, b.ranked, SORT_MISSING, req_t(r, "missing"), 1);
	heading(r, &q, b.ranked, SORT_DIFFICULTIES, req_t(r, "Open difficulties"), 1);
	buf_puts(o, "</tr></thead><tbody>\n");
	for (int i = 0; i < b.n; i++)
		row_html(r, &q, &b, &b.rows[i]);
	buf_puts(o, "</tbody></table></div>\n");
	struct buf url = BUF_INIT;
	page_url(&url, &q, b.ranked, q.sort, q.reverse);
	page_next_link(r, &url, b.next);
	buf_release(&url);
	char key[PERIOD_TEXT];
	period_format(&q.p, key);
	html_printf(
	    o,
	    "<p class=\"row-links\"><a class=\"button\" href=\"/units/%lld/export?period=%s\" "
	    "download>%s</a><a class=\"button secondary\" "
	    "href=\"/units/%lld/summary?period=%s\">%s</a><a class=\"button secondary\" "
	    "href=\"/units/%lld/map?period=%s\">%s</a><a class=\"button secondary\" "
	    "href=\"/units/%lld/progress?period=%s\">%s</a></p>\n",
	    u.id, key, req_t(r, "Download the workbook (Excel)"), u.id, key,
	    req_t(r, "Summary report to print"), u.id, key, req_t(r, "Map"), u.id, key,
	    req_t(r, "Progress"));
	page_end(r);
}
