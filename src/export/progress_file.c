/* progress_file.c: a unit's summary for a period as an XLSX workbook. */
#include "export/progress_file.h"
#include "export/temp_file.h"
#include "util/date.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

/* The words of the workbook, in the two languages. */
struct words {
	const char *progress, *missing, *difficulties, *title, *exported, *code, *unit, *target,
	    *done, *expected, *received, *on_time, *late, *not_sent, *open, *total, *commune,
	    *village, *team, *opened, *category, *level, *status, *text, *none;
	const char *training, *teams, *teams_trained, *members, *members_trained, *as_of;
};
static const struct words vi = {
    "Tiến độ",
    "Chưa gửi báo cáo",
    "Khó khăn",
    "Kết quả thực hiện",
    "Ngày xuất:",
    "Mã",
    "Đơn vị",
    "Chỉ tiêu",
    "Thực hiện",
    "Phải báo cáo",
    "Đã nhận",
    "Đúng hạn",
    "Muộn",
    "Chưa gửi",
    "Khó khăn chưa giải quyết",
    "Tổng cộng",
    "Xã, phường",
    "Thôn, tổ dân phố",
    "Tổ CNSCĐ",
    "Ngày nêu",
    "Nhóm",
    "Cấp đang xử lý",
    "Trạng thái",
    "Nội dung",
    "Không có",
    "Tập huấn",
    "Số Tổ",
    "Tổ có thành viên đã tập huấn",
    "Số thành viên",
    "Thành viên đã tập huấn",
    "Tính đến ngày",
};
static const struct words en = {
    "Progress",
    "Missing reports",
    "Difficulties",
    "Results",
    "Exported on",
    "Code",
    "Unit",
    "Target",
    "Done",
    "Expected",
    "Received",
    "On time",
    "Late",
    "Not sent",
    "Open difficulties",
    "Total",
    "Commune",
    "Village",
    "Team",
    "Raised on",
    "Category",
    "Level",
    "Status",
    "Text",
    "None",
    "Training",
    "Teams",
    "Teams with a trained member",
    "Members",
    "Members trained",
    "As of",
};

struct book {
	lxw_workbook *wb;
	lxw_format *title, *head, *number, *bold_number, *bold;
	const struct words *w;
	enum lang lang;
};

/* The title rows of a sheet: what, whose, when; returns the next row. */
static int title_rows(struct book *b, lxw_worksheet *ws, const struct summary *s, const char *what)
{
	struct buf line = BUF_INIT;
	buf_printf(&line, "%s — %s — ", what, s->unit.name);
	i18n_period_words(b->lang, &s->p, &line);
	worksheet_write_string(ws, 0, 0, buf_cstr(&line), b->title);
	char today[11];
	date_today(today);
	buf_reset(&line);
	buf_printf(&line, "%s %.2s/%.2s/%.4s", b->w->exported, today + 8, today + 5, today);
	worksheet_write_string(ws, 1, 0, buf_cstr(&line), NULL);
	buf_release(&line);
	return 3;
}

/* A cell: the number, or nothing for none (-1). */
static void number(lxw_worksheet *ws, int row, int col, long long v, lxw_format *f)
{
	if (v >= 0)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)v, f);
}

/* One row of the progress sheet: code, name, per indicator target, done
 * and percent, then completeness and open difficulties. */
static void progress_row(struct book *b, lxw_worksheet *ws, int row, const char *code,
			 const char *name, const struct progress_item *items, int n,
			 const struct completeness *c, long long difficulties, int total)
{
	lxw_format *f = total ? b->bold_number : b->number;
	worksheet_write_string(ws, (lxw_row_t)row, 0, code, total ? b->bold : NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 1, name, total ? b->bold : NULL);
	for (int i = 0; i < n; i++) {
		number(ws, row, 2 + 3 * i, items[i].target, f);
		number(ws, row, 3 + 3 * i, items[i].actual, f);
		number(ws, row, 4 + 3 * i, items[i].percent, f);
	}
	int col = 2 + 3 * n;
	const long long counts[] = {c->expected, c->received, c->on_time,
				    c->late,	 c->missing,  difficulties};
	for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
		number(ws, row, col + (int)k, counts[k], f);
}

static void progress_sheet(struct book *b, const struct summary *s)
{
	const struct words *w = b->w;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, w->progress);
	int top = title_rows(b, ws, s, w->title);
	/* two header rows: the indicator over its three columns */
	worksheet_merge_range(ws, (lxw_row_t)top, 0, (lxw_row_t)top + 1, 0, w->code, b->head);
	worksheet_merge_range(ws, (lxw_row_t)top, 1, (lxw_row_t)top + 1, 1, w->unit, b->head);
	worksheet_set_column(ws, 0, 0, 9, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	for (int i = 0; i < s->n; i++) {
		lxw_col_t c = (lxw_col_t)(2 + 3 * i);
		const struct indicator *ind = s->items[i].ind;
		worksheet_merge_range(ws, (lxw_row_t)top, c, (lxw_row_t)top, c + 2,
				      b->lang == LANG_EN ? ind->name_en : ind->name_vi, b->head);
		worksheet_write_string(ws, (lxw_row_t)top + 1, c, w->target, b->head);
		worksheet_write_string(ws, (lxw_row_t)top + 1, c + 1, w->done, b->head);
		worksheet_write_string(ws, (lxw_row_t)top + 1, c + 2, "%", b->head);
		worksheet_set_column(ws, c, c + 1, 11, NULL);
		worksheet_set_column(ws, c + 2, c + 2, 6, NULL);
	}
	const char *counts[] = {w->expected, w->received, w->on_time,
				w->late,     w->not_sent, w->open};
	lxw_col_t c0 = (lxw_col_t)(2 + 3 * s->n);
	for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
		lxw_col_t c = c0 + (lxw_col_t)k;
		worksheet_merge_range(ws, (lxw_row_t)top, c, (lxw_row_t)top + 1, c, counts[k],
				      b->head);
		worksheet_set_column(ws, c, c, 11, NULL);
	}
	int row = top + 2;
	for (int i = 0; i < s->nrows; i++) {
		const struct breakdown_row *x = &s->rows[i];
		progress_row(b, ws, row++, x->unit.code, x->unit.name, x->items, x->n, &x->c,
			     x->difficulties, 0);
	}
	struct buf total = BUF_INIT;
	buf_printf(&total, "%s %s", w->total, s->unit.name);
	progress_row(b, ws, row, s->unit.code, buf_cstr(&total), s->items, s->n, &s->c,
		     s->ndifficulties, 1);
	buf_release(&total);
	worksheet_freeze_panes(ws, (lxw_row_t)top + 2, 2);
}

static void missing_sheet(struct book *b, const struct summary *s)
{
	const struct words *w = b->w;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, w->missing);
	int top = title_rows(b, ws, s, w->missing);
	const char *heads[] = {w->code, w->commune, w->village, w->team};
	static const double widths[] = {9, 24, 24, 34};
	for (int c = 0; c < 4; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, (lxw_row_t)top, (lxw_col_t)c, heads[c], b->head);
	}
	for (int i = 0; i < s->nmissing; i++) {
		const struct missing_team *m = &s->missing[i];
		const char *cells[] = {m->commune_code, m->commune, m->village, m->name};
		for (int c = 0; c < 4; c++)
			worksheet_write_string(ws, (lxw_row_t)(top + 1 + i), (lxw_col_t)c, cells[c],
					       NULL);
	}
	if (!s->nmissing)
		worksheet_write_string(ws, (lxw_row_t)top + 1, 0, w->none, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)top + 1, 0);
}

static void difficulties_sheet(struct book *b, const struct summary *s)
{
	const struct words *w = b->w;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, w->difficulties);
	int top = title_rows(b, ws, s, w->open);
	const char *heads[] = {w->opened, w->village, w->team, w->category,
			       w->level,  w->status,  w->text};
	static const double widths[] = {17, 22, 30, 14, 14, 12, 60};
	for (int c = 0; c < 7; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, (lxw_row_t)top, (lxw_col_t)c, heads[c], b->head);
	}
	for (int i = 0; i < s->ndifficulties; i++) {
		const struct difficulty *d = &s->difficulties[i];
		char when[17];
		date_stamp_local(d->opened_at, when);
		const char *cells[] = {when,
				       d->village,
				       d->team,
				       i18n_get(b->lang, difficulty_category_msgid(d->category)),
				       i18n_get(b->lang, unit_level_label(unit_level_of(d->level))),
				       i18n_get(b->lang, difficulty_status_msgid(d->status)),
				       d->text};
		for (int c = 0; c < 7; c++) /* as text: "=..." is never a formula here */
			worksheet_write_string(ws, (lxw_row_t)(top + 1 + i), (lxw_col_t)c, cells[c],
					       NULL);
	}
	if (!s->ndifficulties)
		worksheet_write_string(ws, (lxw_row_t)top + 1, 0, w->none, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)top + 1, 0);
}

/* One row of the training sheet: code, name, teams, trained, %, members,
 * trained, %. */
static void training_row(struct book *b, lxw_worksheet *ws, int row, const char *code,
			 const char *name, const struct coverage *c, int total)
{
	lxw_format *f = total ? b->bold_number : b->number;
	worksheet_write_string(ws, (lxw_row_t)row, 0, code, total ? b->bold : NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 1, name, total ? b->bold : NULL);
	const long long cells[] = {
	    c->teams,	c->teams_trained,   coverage_percent(c->teams_trained, c->teams),
	    c->members, c->members_trained, coverage_percent(c->members_trained, c->members)};
	for (int k = 0; k < 6; k++)
		number(ws, row, 2 + k, cells[k], f);
}

static void training_sheet(struct book *b, const struct summary *s)
{
	const struct words *w = b->w;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, w->training);
	int top = title_rows(b, ws, s, w->training);
	struct buf day = BUF_INIT;
	const char *d = s->coverage_day;
	buf_printf(&day, "%s %.2s/%.2s/%.4s", w->as_of, d + 8, d + 5, d);
	worksheet_write_string(ws, (lxw_row_t)top - 1, 0, buf_cstr(&day), NULL);
	buf_release(&day);
	const char *heads[] = {w->code, w->unit,    w->teams,		w->teams_trained,
			       "%",	w->members, w->members_trained, "%"};
	static const double widths[] = {9, 28, 10, 14, 6, 12, 14, 6};
	for (int c = 0; c < 8; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, (lxw_row_t)top, (lxw_col_t)c, heads[c], b->head);
	}
	for (int i = 0; i < s->ncoverage; i++)
		training_row(b, ws, top + 1 + i, s->coverage_rows[i].u.code,
			     s->coverage_rows[i].u.name, &s->coverage_rows[i].c, 0);
	struct buf total = BUF_INIT;
	buf_printf(&total, "%s %s", w->total, s->unit.name);
	training_row(b, ws, top + 1 + s->ncoverage, s->unit.code, buf_cstr(&total), &s->coverage,
		     1);
	buf_release(&total);
	worksheet_freeze_panes(ws, (lxw_row_t)top + 1, 2);
}

int progress_xlsx(const struct summary *s, enum lang lang, const char *path)
{
	struct book b = {.wb = workbook_new(path), .w = lang == LANG_EN ? &en : &vi, .lang = lang};
	if (!b.wb)
		return -1;
	b.title = workbook_add_format(b.wb);
	format_set_bold(b.title);
	format_set_font_size(b.title, 14);
	b.head = workbook_add_format(b.wb);
	format_set_bold(b.head);
	format_set_bg_color(b.head, 0xDDE4EE);
	format_set_border(b.head, LXW_BORDER_THIN);
	format_set_text_wrap(b.head);
	format_set_align(b.head, LXW_ALIGN_CENTER);
	format_set_align(b.head, LXW_ALIGN_VERTICAL_CENTER);
	b.number = workbook_add_format(b.wb);
	format_set_num_format(b.number, "#,##0");
	b.bold_number = workbook_add_format(b.wb);
	format_set_num_format(b.bold_number, "#,##0");
	format_set_bold(b.bold_number);
	b.bold = workbook_add_format(b.wb);
	format_set_bold(b.bold);
	progress_sheet(&b, s);
	missing_sheet(&b, s);
	difficulties_sheet(&b, s);
	training_sheet(&b, s);
	return workbook_close(b.wb) == LXW_NO_ERROR ? 0 : -1;
}

struct summary_in_lang {
	const struct summary *s;
	enum lang lang;
};

static int write_summary(const void *ctx, const char *path)
{
	const struct summary_in_lang *x = ctx;
	return progress_xlsx(x->s, x->lang, path);
}

int progress_xlsx_bytes(const struct summary *s, enum lang lang, struct buf *out)
{
	struct summary_in_lang x = {s, lang};
	return temp_file_bytes(write_summary, &x, out);
}
