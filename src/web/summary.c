/* summary.c: what goes up for a unit and a period: GET /units/{id}/export
 * (the XLSX workbook of export/progress_file.c) and GET
 * /units/{id}/summary, the summary report laid out as a Vietnamese
 * administrative document on A4 (templates/summary.html): heading, number
 * and date lines, the reporting, the results per indicator and per unit
 * below, the difficulties, the signature block. Always in Vietnamese. */
#include "core/summary.h"
#include "export/progress_file.h"
#include "http/respond.h"
#include "http/static.h"
#include "util/date.h"
#include "util/template.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <string.h>

/* The summary of the unit and period the address names: 0, or -1 after
 * answering 404 or 500. */
static int read_summary(struct req *r, struct summary *s)
{
	struct period p;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &p);
	int rc = summary_get(r->db, &r->arena, r->user, req_param_id(r, 0), &p, r->now, s);
	return respond_result(r, rc, NULL, "summary_get") ? 0 : -1;
}

void page_export_progress(struct req *r)
{
	struct summary s;
	if (read_summary(r, &s) != 0)
		return;
	if (progress_xlsx_bytes(&s, r->lang, &r->out) != 0) {
		req_fail(r, "progress_xlsx");
		return;
	}
	char key[PERIOD_TEXT];
	period_format(&s.p, key);
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"tien-do-%s-%s.xlsx\"",
				    *s.unit.code ? s.unit.code : "donvi", key));
}

#define SUMMARY "templates/summary.html"

/* The unit's name with its kind ("Tỉnh Lạng Sơn", "Xã Đồng Đăng"). */
static const char *full_name(struct req *r, const struct unit *u)
{
	return units_bare_name(u) != u->name || !*u->kind
		   ? u->name
		   : arena_printf(&r->arena, "%s %s", u->kind, u->name);
}

/* Where the report is made: the unit's name without its kind. */
static const char *place(const struct unit *u)
{
	return u->lvl == LEVEL_NATION ? "Hà Nội" : units_bare_name(u);
}

static const char *num(struct req *r, long long v)
{
	return v < 0 ? "" : page_number_text(r, v);
}

/* The indicator the units are compared on: the unit's first with a
 * target, else its first. */
static const struct progress_item *ranked(const struct summary *s)
{
	for (int i = 0; i < s->n; i++)
		if (s->items[i].target >= 0)
			return &s->items[i];
	return s->n ? &s->items[0] : NULL;
}

static int head(struct req *r, const struct summary *s, const char *period, enum lang ui)
{
	const struct unit *u = &s->unit;
	struct buf upper = BUF_INIT;
	text_upper(&upper, full_name(r, u));
	char today[11];
	date_local(r->now, today);
	char day[3], month[3], year[5];
	snprintf(day, sizeof day, "%.2s", today + 8);
	snprintf(month, sizeof month, "%.2s", today + 5);
	snprintf(year, sizeof year, "%.4s", today);
	const struct completeness *c = &s->c;
	const char *text =
	    c->expected
		? arena_printf(
		      &r->arena,
		      "Trong %s, các Tổ công nghệ số cộng đồng phải gửi %s lượt báo cáo; đã "
		      "nhận %s lượt (%lld%%), trong đó %s đúng hạn và %s muộn; còn %s "
		      "lượt chưa gửi.",
		      period, num(r, c->expected), num(r, c->received),
		      c->received * 100 / c->expected, num(r, c->on_time), num(r, c->late),
		      num(r, c->missing))
		: arena_printf(&r->arena, "Trong %s, chưa có Tổ nào phải gửi báo cáo.", period);
	int nation = u->lvl == LEVEL_NATION;
	const char *kv[] = {"unit",
			    full_name(r, u),
			    "period",
			    period,
			    "css",
			    static_url("print.css"),
			    "js",
			    static_url("app.js"),
			    "back",
			    arena_printf(&r->arena, "/units/%lld/breakdown", u->id),
			    "back_label",
			    i18n_get(ui, "Units side by side"),
			    "print_label",
			    i18n_get(ui, "Print"),
			    "body1",
			    nation ? "BỘ KHOA HỌC" : "ỦY BAN NHÂN DÂN",
			    "body2",
			    nation ? "VÀ CÔNG NGHỆ" : buf_cstr(&upper),
			    "sign",
			    nation ? "BKHCN" : "UBND",
			    "place",
			    place(u),
			    "day",
			    day,
			    "month",
			    month,
			    "year",
			    year,
			    "completeness",
			    text,
			    NULL};
	int rc = tpl_section(&r->out, SUMMARY, "head", kv);
	buf_release(&upper);
	return rc;
}

static int results(struct req *r, const struct summary *s)
{
	for (int i = 0; i < s->n; i++) {
		const struct progress_item *it = &s->items[i];
		char number[12];
		snprintf(number, sizeof number, "%d", i + 1);
		const char *kv[] = {"number",  number,
				    "name",    it->ind->name_vi,
				    "measure", it->ind->unit_vi,
				    "target",  num(r, it->target),
				    "actual",  num(r, it->actual),
				    "percent", num(r, it->percent),
				    NULL};
		if (tpl_section(&r->out, SUMMARY, "result", kv) != 0)
			return -1;
	}
	const struct progress_item *by = ranked(s);
	const char *kv[] = {
	    "ranked", by ? arena_printf(&r->arena, "Theo chỉ tiêu: %s", by->ind->name_vi) : "",
	    NULL};
	return tpl_section(&r->out, SUMMARY, "units", kv);
}

static int units(struct req *r, const struct summary *s)
{
	const struct progress_item *by = ranked(s);
	for (int i = 0; i < s->nrows; i++) {
		const struct breakdown_row *x = &s->rows[i];
		const struct progress_item *it = NULL;
		for (int k = 0; by && k < x->n; k++)
			if (x->items[k].ind->id == by->ind->id)
				it = &x->items[k];
		char number[12];
		snprintf(number, sizeof number, "%d", i + 1);
		const char *kv[] = {"number",
				    number,
				    "name",
				    x->unit.name,
				    "target",
				    it ? num(r, it->target) : "",
				    "actual",
				    it ? num(r, it->actual) : "",
				    "percent",
				    it ? num(r, it->percent) : "",
				    "received",
				    arena_printf(&r->arena, "%s / %s", num(r, x->c.received),
						 num(r, x->c.expected)),
				    "missing",
				    num(r, x->c.missing),
				    "difficulties",
				    num(r, x->difficulties),
				    NULL};
		if (tpl_section(&r->out, SUMMARY, "unit", kv) != 0)
			return -1;
	}
	return 0;
}

static int difficulties(struct req *r, const struct summary *s)
{
	const char *kv[] = {"difficulties",
			    s->ndifficulties
				? arena_printf(&r->arena,
					       "Còn %s khó khăn, vướng mắc chưa giải quyết:",
					       num(r, s->ndifficulties))
				: "Không có khó khăn, vướng mắc nào chưa giải quyết.",
			    NULL};
	if (tpl_section(&r->out, SUMMARY, "difficulties", kv) != 0)
		return -1;
	for (int i = 0; i < s->ndifficulties; i++) {
		const struct difficulty *d = &s->difficulties[i];
		const char *row[] = {
		    "where",	arena_printf(&r->arena, "%s (%s)", d->village, d->team),
		    "text",	d->text,
		    "category", i18n_get(LANG_VI, difficulty_category_msgid(d->category)),
		    "status",	i18n_get(LANG_VI, difficulty_status_msgid(d->status)),
		    NULL};
		if (tpl_section(&r->out, SUMMARY, "difficulty", row) != 0)
			return -1;
	}
	return 0;
}

void page_summary(struct req *r)
{
	struct summary s;
	if (read_summary(r, &s) != 0)
		return;
	/* the report is Vietnamese whatever the interface language */
	enum lang ui = r->lang;
	r->lang = LANG_VI;
	const char *period = page_period_words(r, &s.p);
	static const char *const above[LEVEL_COUNT] = {
	    [LEVEL_NATION] = "Văn phòng Chính phủ",
	    [LEVEL_PROVINCE] = "Bộ Khoa học và Công nghệ",
	    [LEVEL_DISTRICT] = "UBND tỉnh",
	    [LEVEL_COMMUNE] = "UBND tỉnh, Sở Khoa học và Công nghệ",
	    [LEVEL_VILLAGE] = "UBND xã",
	};
	const char *foot[] = {"above", s.unit.lvl > LEVEL_UNKNOWN ? above[s.unit.lvl] : "Như trên",
			      "signer",
			      *r->user->full_name ? r->user->full_name : r->user->username, NULL};
	r->content_type = "text/html; charset=utf-8";
	int bad = head(r, &s, period, ui) != 0 || results(r, &s) != 0 || units(r, &s) != 0 ||
		  difficulties(r, &s) != 0 || tpl_section(&r->out, SUMMARY, "foot", foot) != 0;
	r->lang = ui;
	if (bad)
		req_fail(r, "the summary's template");
}
