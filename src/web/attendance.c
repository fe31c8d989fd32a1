/* attendance.c: recording who came to a training: a team's members on a
 * phone, one checkbox each; or the whole sign-in sheet, downloaded with
 * the members of the invited teams and sent back filled in. */
#include "core/trainings.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static void attendance_page(struct req *r, long long id, long long team,
			    const struct field_errors *fe, const char *done)
{
	struct training t;
	struct attendance *list;
	int n;
	int rc = trainings_get(r->db, &r->arena, r->user, id, &t);
	if (rc == RES_OK)
		rc = trainings_attendance(r->db, &r->arena, r->user, id, team, &list, &n);
	if (!respond_result(r, rc, NULL, "trainings_attendance"))
		return;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Record attendance"));
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/trainings\">%s</a></li><li><a href=\"/trainings/%lld\">%s"
		    "</a></li><li aria-current=\"page\">%s</li></ol></nav>\n<h1>%s</h1>"
		    "<p class=\"facts\">%s · %s</p>\n",
		    req_t(r, "Trainings"), t.id, t.title, req_t(r, "Record attendance"),
		    req_t(r, "Record attendance"), t.title, page_training_days(r, &t));
	if (done)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", done);
	page_field_errors(r, fe);
	if (!n) {
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "The team had no members during the training."));
		page_end(r);
		return;
	}
	html_printf(o,
		    "<form method=\"post\" action=\"/trainings/%lld/teams/%lld\">"
		    "<ul class=\"members\">",
		    t.id, team);
	page_csrf(r);
	for (int i = 0; i < n; i++) {
		const struct attendance *m = &list[i];
		long long k = m->member_id;
		html_printf(
		    o,
		    "<li class=\"card\"><input type=\"hidden\" name=\"member\" value=\"%lld\">"
		    "<b>%s</b><label class=\"check\"><input type=\"checkbox\" "
		    "name=\"present_%lld\" value=\"1\"%s> %s</label><label class=\"check\">"
		    "<input type=\"checkbox\" name=\"completed_%lld\" value=\"1\"%s> %s</label>"
		    "<label for=\"cert_%lld\">%s</label><input id=\"cert_%lld\" "
		    "name=\"cert_%lld\" value=\"%s\"></li>",
		    k, m->name, k, m->present ? " checked" : "", req_t(r, "Present"), k,
		    m->completed ? " checked" : "", req_t(r, "Completed the course"), k,
		    req_t(r, "Certificate number (if any)"), k, k, m->certificate);
	}
	html_printf(o, "</ul><button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Save attendance"));
	page_end(r);
}

void page_attendance(struct req *r)
{
	attendance_page(r, req_param_id(r, 0), req_param_id(r, 1), NULL,
			req_query(r, "saved") ? req_t(r, "Attendance saved.") : NULL);
}

void page_attendance_save(struct req *r)
{
	long long id = req_param_id(r, 0), team = req_param_id(r, 1);
	struct attendance_input *rows =
	    arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *rows);
	int n = 0;
	for (int i = 0; i < r->nform; i++) {
		if (r->form[i].filename || strcmp(r->form[i].name, "member") != 0)
			continue;
		long long m = strtoll(r->form[i].value, NULL, 10);
		struct attendance_input *x = &rows[n++];
		x->member_id = m;
		x->present = req_form(r, arena_printf(&r->arena, "present_%lld", m)) != NULL;
		x->completed = req_form(r, arena_printf(&r->arena, "completed_%lld", m)) != NULL;
		x->certificate = req_form(r, arena_printf(&r->arena, "cert_%lld", m));
	}
	struct field_errors fe = {0};
	int rc = trainings_attend(r->db, &r->arena, r->user, id, team, rows, n, &fe);
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (rc == RES_INVALID) {
		r->status = 422;
		attendance_page(r, id, team, &fe, NULL);
		return;
	}
	if (respond_result(r, rc, &fe, "trainings_attend"))
		req_redirect(
		    r, 303,
		    arena_printf(&r->arena, "/trainings/%lld/teams/%lld?saved=1", id, team));
}

/* The sign-in sheet: every member of the invited teams of the user's area
 * during the training, with what is recorded; the columns the upload
 * reads (member_id, present, completed, certificate) and, to find people,
 * their commune, village, team and name. */
void page_attendance_sheet(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct sheet_line *l;
	int n;
	int rc = trainings_sheet(r->db, &r->arena, r->user, id, &l, &n);
	if (!respond_result(r, rc == RES_FORBIDDEN ? RES_NOT_FOUND : rc, NULL, "trainings_sheet"))
		return;
	struct buf *o = &r->out;
	int en = r->lang == LANG_EN;
	static const char *const vi_head[] = {"member_id",  "Xã, phường",   "Thôn",
					      "Tổ",	    "Họ và tên",    "có mặt",
					      "hoàn thành", "số chứng nhận"};
	static const char *const en_head[] = {"member_id", "Commune", "Village",   "Team",
					      "Name",	   "present", "completed", "certificate"};
	buf_puts(o, "\xEF\xBB\xBF"); /* a BOM: Excel reads the file as UTF-8 */
	csv_row(o, en ? en_head : vi_head, 8, ';');
	for (int k = 0; k < n; k++) {
		const char *v[8] = {arena_printf(&r->arena, "%lld", l[k].member_id),
				    l[k].commune,
				    l[k].village,
				    l[k].team,
				    l[k].name,
				    l[k].recorded ? (l[k].present ? "1" : "0") : "",
				    l[k].completed ? "1" : "",
				    l[k].certificate};
		csv_row(o, v, 8, ';');
	}
	r->content_type = "text/csv; charset=utf-8";
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"%s-%lld.csv\"",
				    en ? "sign-in-sheet" : "diem-danh", id));
}

void page_attendance_upload(struct req *r)
{
	long long id = req_param_id(r, 0);
	const struct form_field *f = req_file(r, "file");
	struct import_result *res = arena_alloc(&r->arena, sizeof *res);
	memset(res, 0, sizeof *res);
	int rc = f && f->len ? trainings_attendance_import(r->db, &r->arena, r->user, id, f->value,
							   f->len, res)
			     : RES_INVALID;
	if (rc == RES_OK) {
		req_redirect(
		    r, 303, arena_printf(&r->arena, "/trainings/%lld?recorded=%d", id, res->added));
		return;
	}
	if (rc != RES_INVALID) {
		respond_result(r, rc, NULL, "trainings_attendance_import");
		return;
	}
	r->status = 422;
	page_begin(r, req_t(r, "Record attendance"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Record attendance"));
	if (!f || !f->len)
		html_printf(&r->out, "<p class=\"card error\" role=\"alert\">%s</p>\n",
			    req_t(r, "Choose a CSV file to import."));
	else
		import_errors_table(r, res);
	html_printf(&r->out,
		    "<p><a class=\"button secondary\" href=\"/trainings/%lld\">%s</a></p>\n", id,
		    req_t(r, "Back to the training"));
	page_end(r);
}
