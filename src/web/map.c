/* map.c: GET /units/{id}/map: the units below a unit coloured by one
 * measure for a period, drawn by the server. For the nation, a tile grid
 * of the 34 provinces laid out roughly as the country lies, with the
 * archipelagos of Hoàng Sa (Thành phố Đà Nẵng) and Trường Sa (Khánh Hòa)
 * drawn and labelled as part of Việt Nam; for a province or a commune, its
 * units as a grid of tiles in the same colours. Each tile links to that
 * unit's dashboard; the numbers are also in a table under the map
 * (for screen readers and for copying), and nothing needs JavaScript. */
#include "core/breakdown.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* Where each province lies on the grid (column, row), by official code:
 * north at the top, the coast to the right. */
static const struct {
	const char *code;
	int col, row;
} tiles[] = {
    {"12", 1, 0},  {"15", 2, 0},  {"08", 3, 0},	 {"04", 4, 0},	{"11", 0, 1},  {"14", 1, 1},
    {"25", 2, 1},  {"19", 3, 1},  {"20", 4, 1},	 {"01", 2, 2},	{"24", 3, 2},  {"22", 4, 2},
    {"37", 2, 3},  {"33", 3, 3},  {"31", 4, 3},	 {"38", 2, 4},	{"40", 2, 5},  {"42", 3, 6},
    {"44", 3, 7},  {"46", 4, 8},  {"48", 4, 9},	 {"51", 4, 10}, {"52", 4, 11}, {"66", 4, 12},
    {"68", 3, 13}, {"56", 4, 13}, {"80", 1, 14}, {"75", 2, 14}, {"91", 0, 15}, {"82", 1, 15},
    {"79", 2, 15}, {"92", 1, 16}, {"86", 2, 16}, {"96", 1, 17},
};
#define TILE 64 /* px, the side of a tile */
#define GAP 4	/* px between tiles */
#define COLS 7	/* the last two columns are the sea, where the archipelagos are */
#define ROWS 18

/* The archipelagos: where they are drawn and whose they are. */
static const struct {
	const char *name, *of_code, *of_name;
	int col, row;
} islands[] = {
    {"Quần đảo Hoàng Sa", "48", "Thành phố Đà Nẵng", 5, 9},
    {"Quần đảo Trường Sa", "56", "Khánh Hòa", 5, 14},
};

/* The measure a map colours by: % of target of one indicator, or % of the
 * expected reports received. */
enum measure { MEASURE_TARGET, MEASURE_RECEIVED };

/* A unit's value in percent, or -1 when it has none. */
static int value_of(const struct breakdown_row *row, enum measure m)
{
	if (m == MEASURE_RECEIVED)
		return row->c.expected ? (int)(row->c.received * 100 / row->c.expected) : -1;
	return row->n ? row->items[0].percent : -1;
}

/* The colour class of a percent: the same scale at every level. */
static const char *shade(int pct)
{
	return pct < 0 ? "s-none" : pct < 50 ? "s0" : pct < 80 ? "s1" : pct < 100 ? "s2" : "s3";
}

/* One tile: a coloured square linking to the unit, its short name and value. */
static void tile(struct req *r, int col, int row, const struct breakdown_row *x, int pct,
		 const char *key, const char *label)
{
	int px = col * (TILE + GAP), py = row * (TILE + GAP);
	html_printf(&r->out,
		    "<a href=\"/units/%lld/dashboard?period=%s\"><title>%s: %s</title>"
		    "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text><text class=\"v\" x=\"%d\" y=\"%d\">%s</text>"
		    "</a>",
		    x->unit.id, key, x->unit.name,
		    pct < 0 ? req_t(r, "no figures") : arena_printf(&r->arena, "%d%%", pct),
		    shade(pct), px, py, TILE, TILE, px + TILE / 2, py + 26, label, px + TILE / 2,
		    py + 48, pct < 0 ? "–" : arena_printf(&r->arena, "%d%%", pct));
}

static void nation_map(struct req *r, const struct breakdown *b, enum measure m, const char *key)
{
	struct buf *o = &r->out;
	html_printf(
	    o,
	    "<svg class=\"map\" viewBox=\"0 0 %d %d\" role=\"group\" aria-labelledby=\"map-title\">"
	    "<title id=\"map-title\">%s</title>",
	    COLS * (TILE + GAP), ROWS * (TILE + GAP), req_t(r, "Map of Việt Nam by province"));
	for (int i = 0; i < b->n; i++) {
		const struct breakdown_row *x = &b->rows[i];
		for (size_t k = 0; k < sizeof tiles / sizeof *tiles; k++)
			if (strcmp(tiles[k].code, x->unit.code) == 0)
				tile(r, tiles[k].col, tiles[k].row, x, value_of(x, m), key,
				     units_bare_name(&x->unit));
	}
	/* the archipelagos, in their province's colour, part of the country */
	for (size_t k = 0; k < sizeof islands / sizeof *islands; k++) {
		const struct breakdown_row *of = NULL;
		for (int i = 0; i < b->n; i++)
			if (strcmp(b->rows[i].unit.code, islands[k].of_code) == 0)
				of = &b->rows[i];
		int px = islands[k].col * (TILE + GAP), py = islands[k].row * (TILE + GAP);
		html_printf(
		    o,
		    "<g class=\"islands\"><title>%s (%s)</title>"
		    "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\"/>"
		    "<circle cx=\"%d\" cy=\"%d\" r=\"3\"/><circle cx=\"%d\" cy=\"%d\" r=\"2\"/>"
		    "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\">(%s)</text>"
		    "</g>",
		    islands[k].name, islands[k].of_name, of ? shade(value_of(of, m)) : "s-none", px,
		    py, 2 * TILE + GAP, TILE, TILE / 2, px + 20, py + 14, px + 30, py + 20, px + 40,
		    py + 12, px + TILE + GAP / 2, py + 38, islands[k].name, px + TILE + GAP / 2,
		    py + 54, islands[k].of_name);
	}
	buf_puts(o, "</svg>\n");
}

/* Below a province or a commune: its units as a grid, in the same colours. */
static void grid_map(struct req *r, const struct breakdown *b, enum measure m, const char *key)
{
	int cols = 8, rows = (b->n + cols - 1) / cols;
	html_printf(
	    &r->out,
	    "<svg class=\"map\" viewBox=\"0 0 %d %d\" role=\"group\" aria-labelledby=\"map-title\">"
	    "<title id=\"map-title\">%s</title>",
	    cols * (TILE + GAP), (rows ? rows : 1) * (TILE + GAP),
	    req_t(r, "The units below, coloured"));
	for (int i = 0; i < b->n; i++)
		tile(r, i % cols, i / cols, &b->rows[i], value_of(&b->rows[i], m), key,
		     units_bare_name(&b->rows[i].unit));
	buf_puts(&r->out, "</svg>\n");
}

static void legend(struct req *r)
{
	html_printf(
	    &r->out,
	    "<ul class=\"legend\"><li><span class=\"s0\"></span>%s</li>"
	    "<li><span class=\"s1\"></span>50–79%%</li><li><span class=\"s2\"></span>80–99%%</li>"
	    "<li><span class=\"s3\"></span>%s</li><li><span class=\"s-none\"></span>%s</li></ul>\n",
	    req_t(r, "below 50%"), req_t(r, "100% or more"), req_t(r, "no figures"));
}

void page_map(struct req *r)
{
	struct unit u;
	int rc = units_get(r->db, &r->arena, req_param_id(r, 0), &u);
	struct breakdown_query q = {
	    .level = LEVEL_UNKNOWN, .sort = SORT_NAME, .limit = BREAKDOWN_PAGE_MAX};
	const char *what = req_query(r, "measure");
	enum measure m = what && strcmp(what, "received") == 0 ? MEASURE_RECEIVED : MEASURE_TARGET;
	struct breakdown b;
	if (!respond_result(r, rc, NULL, "units_get"))
		return;
	q.unit = u.id;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &q.p);
	const char *ind = req_query(r, "indicator");
	q.indicator = ind && *ind ? ind : NULL;
	if (page_breakdown_read(r, &q, &b, 1) != 0)
		return;
	if (!q.indicator && b.ranked) { /* one indicator on the map */
		q.indicator = b.ranked->code;
		if (page_breakdown_read(r, &q, &b, 1) != 0)
			return;
	}
	char key[PERIOD_TEXT];
	period_format(&q.p, key);
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Map"));
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/units/%lld\">%s</a></li><li aria-current=\"page\">%s</li>"
		    "</ol></nav>\n<h1>%s <span class=\"period\">%s</span></h1>\n",
		    u.id, u.name, req_t(r, "Map"), u.name, page_period_words(r, &q.p));
	html_printf(o, "<form class=\"search\" method=\"get\" action=\"/units/%lld/map\">", u.id);
	page_period_select(r, req_t(r, "Period"), &q.p,
			   1u << PERIOD_WEEK | 1u << PERIOD_MONTH | 1u << PERIOD_QUARTER |
			       1u << PERIOD_YEAR);
	html_printf(o,
		    "<label for=\"measure\">%s</label><select id=\"measure\" name=\"measure\">"
		    "<option value=\"target\"%s>%s</option><option value=\"received\"%s>%s</option>"
		    "</select>",
		    req_t(r, "Colour by"), m == MEASURE_TARGET ? " selected" : "",
		    b.ranked ? (r->lang == LANG_EN ? b.ranked->name_en : b.ranked->name_vi)
			     : req_t(r, "% of target"),
		    m == MEASURE_RECEIVED ? " selected" : "", req_t(r, "Reports received"));
	if (b.ranked)
		html_printf(o, "<input type=\"hidden\" name=\"indicator\" value=\"%s\">",
			    b.ranked->code);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Show"));
	legend(r);
	if (u.lvl == LEVEL_NATION)
		nation_map(r, &b, m, key);
	else
		grid_map(r, &b, m, key);
	/* the same numbers as a table */
	html_printf(
	    o,
	    "<div class=\"scroll\"><table class=\"breakdown\"><caption>%s</caption><thead><tr>"
	    "<th>%s</th><th class=\"num\">%%</th></tr></thead><tbody>",
	    m == MEASURE_RECEIVED ? req_t(r, "Reports received")
	    : b.ranked		  ? (r->lang == LANG_EN ? b.ranked->name_en : b.ranked->name_vi)
				  : "",
	    req_t(r, "Unit"));
	for (int i = 0; i < b.n; i++) {
		int pct = value_of(&b.rows[i], m);
		html_printf(o, "<tr><td>%s</td><td class=\"num\">%s</td></tr>", b.rows[i].unit.name,
			    pct < 0 ? "–" : arena_printf(&r->arena, "%d%%", pct));
	}
	buf_puts(o, "</tbody></table></div>\n");
	page_end(r);
}
