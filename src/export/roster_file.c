/* roster_file.c: a roster as CSV or XLSX. */
#include "export/roster_file.h"
#include "export/temp_file.h"
#include "util/escape.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#define NCOLS 11

static const char *const headers_vi[NCOLS] = {
    "Mã xã",	"Thôn/tổ dân phố", "Tên tổ",	    "Số quyết định", "Ngày quyết định", "Họ và tên",
    "Năm sinh", "Giới tính",	   "Số điện thoại", "Vai trò",	     "Thành phần",
};
static const char *const headers_en[NCOLS] = {
    "commune_code", "village", "team_name", "decision_no", "decision_date", "member_name",
    "birth_year",   "gender",  "phone",	    "role",	   "affiliation",
};

/* The cells of row i as text (dates dd/mm/yyyy; coded values in words). */
static void cells(const struct roster_row *x, enum lang lang, char by[8], char date[11],
		  const char *out[NCOLS])
{
	by[0] = '\0';
	if (x->birth_year)
		snprintf(by, 8, "%d", x->birth_year % 10000);
	date[0] = '\0';
	if (strlen(x->decision_date) == 10)
		snprintf(date, 11, "%.2s/%.2s/%.4s", x->decision_date + 8, x->decision_date + 5,
			 x->decision_date);
	out[0] = x->commune_code;
	out[1] = x->village;
	out[2] = x->team;
	out[3] = x->decision_no;
	out[4] = date;
	out[5] = x->member;
	out[6] = by;
	out[7] = *x->gender ? i18n_get(lang, gender_msgid(x->gender)) : "";
	out[8] = x->phone;
	out[9] = i18n_get(lang, member_role_msgid(x->role));
	out[10] = i18n_get(lang, affiliation_msgid(x->affiliation));
}

void roster_csv(const struct roster *r, enum lang lang, struct buf *out)
{
	const char *const *h = lang == LANG_EN ? headers_en : headers_vi;
	buf_puts(out, "\xEF\xBB\xBF");
	csv_row(out, h, NCOLS, ';');
	for (int i = 0; i < r->n; i++) {
		char by[8], date[11];
		const char *v[NCOLS];
		cells(&r->rows[i], lang, by, date, v);
		csv_row(out, v, NCOLS, ';');
	}
}

int roster_xlsx(const struct roster *r, enum lang lang, const char *path)
{
	const char *const *h = lang == LANG_EN ? headers_en : headers_vi;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, lang == LANG_EN ? "Teams" : "To CNSCD");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDE4EE);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	char line[512];
	snprintf(line, sizeof line, "%s — %s",
		 lang == LANG_EN ? "Community Digital Technology Teams"
				 : "Danh sách Tổ công nghệ số cộng đồng",
		 r->unit_name);
	worksheet_write_string(ws, 0, 0, line, title);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(line, sizeof line, "%s %02d/%02d/%04d · %d %s",
		 lang == LANG_EN ? "Exported on" : "Ngày xuất:", tm.tm_mday, tm.tm_mon + 1,
		 tm.tm_year + 1900, r->n, lang == LANG_EN ? "members" : "thành viên");
	worksheet_write_string(ws, 1, 0, line, NULL);
	const int top = 3; /* the header row */
	static const double widths[NCOLS] = {9, 22, 28, 14, 12, 26, 9, 9, 14, 12, 20};
	for (int c = 0; c < NCOLS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, top, (lxw_col_t)c, h[c], head);
	}
	for (int i = 0; i < r->n; i++) {
		char by[8], date[11];
		const char *v[NCOLS];
		cells(&r->rows[i], lang, by, date, v);
		for (int c = 0; c < NCOLS; c++)
			if (*v[c]) /* as text: "=..." is never a formula here */
				worksheet_write_string(ws, (lxw_row_t)(top + 1 + i), (lxw_col_t)c,
						       v[c], NULL);
	}
	worksheet_freeze_panes(ws, top + 1, 0);
	worksheet_autofilter(ws, top, 0, (lxw_row_t)(top + (r->n ? r->n : 1)), NCOLS - 1);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

struct roster_in_lang {
	const struct roster *r;
	enum lang lang;
};

static int write_roster(const void *ctx, const char *path)
{
	const struct roster_in_lang *x = ctx;
	return roster_xlsx(x->r, x->lang, path);
}

int roster_xlsx_bytes(const struct roster *r, enum lang lang, struct buf *out)
{
	struct roster_in_lang x = {r, lang};
	return temp_file_bytes(write_roster, &x, out);
}
