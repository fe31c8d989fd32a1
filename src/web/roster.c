/* roster.c: the roster upload page (teams and members from CSV), its
 * template, and the roster downloads (XLSX, CSV). The same core functions
 * serve `langso import teams` and `langso export teams`. */
#include "core/roster.h"
#include "core/units.h"
#include "export/roster_file.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static void upload_form(struct req *r)
{
	struct buf *o = &r->out;
	html_printf(o, "<form class=\"card\" method=\"post\" action=\"/import/teams\" "
		       "enctype=\"multipart/form-data\">");
	page_csrf(r);
	html_printf(o,
		    "<label for=\"file\">%s</label><input id=\"file\" name=\"file\" type=\"file\" "
		    "accept=\".csv,text/csv\" required><p class=\"hint\">%s</p>"
		    "<button type=\"submit\">%s</button></form>\n"
		    "<p><a href=\"/import/teams/template.csv\" download>%s</a></p>\n",
		    req_t(r, "CSV file of teams and members"),
		    req_t(r, "One row per member, as Excel saves it. Rows of the same village form "
			     "one team. The whole file is checked first: if any line is wrong, "
			     "nothing is imported."),
		    req_t(r, "Import"), req_t(r, "Download the template"));
}

void page_import_teams(struct req *r)
{
	page_begin(r, req_t(r, "Import teams"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Import teams"));
	upload_form(r);
	page_end(r);
}

void page_import_teams_post(struct req *r)
{
	const struct form_field *f = req_file(r, "file");
	struct import_result *res = arena_alloc(&r->arena, sizeof *res);
	int teams = 0;
	int rc = f && f->len
		     ? roster_import_csv(r->db, &r->arena, r->user, f->value, f->len, res, &teams)
		     : RES_INVALID;
	if (!f || !f->len)
		import_error_add(res, 0, 0, NULL, N_("the file is empty"), NULL);
	if (rc == RES_ERROR || rc == RES_FORBIDDEN) {
		req_fail(r, "roster_import_csv");
		return;
	}
	page_begin(r, req_t(r, "Import teams"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Import teams"));
	if (rc == RES_INVALID) {
		r->status = 422;
		import_errors_table(r, res);
		upload_form(r);
	} else {
		html_printf(&r->out, "<section class=\"card ok\" role=\"status\"><h2>%s</h2><p>",
			    req_t(r, "Import finished"));
		page_number(r, teams);
		html_printf(&r->out, " %s, ", req_t(r, "teams"));
		page_number(r, res->added);
		html_printf(&r->out, " %s.</p></section><p><a href=\"/teams\">%s</a></p>\n",
			    req_t(r, "members"), req_t(r, "Teams"));
	}
	page_end(r);
}

void page_teams_template(struct req *r)
{
	r->content_type = "text/csv; charset=utf-8";
	req_add_header(r, "Content-Disposition",
		       r->lang == LANG_EN ? "attachment; filename=\"teams-template.csv\""
					  : "attachment; filename=\"mau-to-cnscd.csv\"");
	buf_puts(&r->out, roster_template(i18n_code(r->lang)));
}

void page_export_teams(struct req *r)
{
	const char *unit = req_query(r, "unit"), *format = req_query(r, "format");
	long long id = unit ? strtoll(unit, NULL, 10) : r->user->scope;
	int xlsx = !format || strcmp(format, "csv") != 0;
	struct roster ro;
	int rc = id && scope_visible(r, id) ? roster_load(r->db, &r->arena, r->user, id, &ro)
					    : RES_NOT_FOUND;
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "roster_load");
		return;
	}
	if (xlsx) {
		if (roster_xlsx_bytes(&ro, r->lang, &r->out) != 0) {
			req_fail(r, "roster_xlsx");
			return;
		}
		r->content_type =
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else {
		roster_csv(&ro, r->lang, &r->out);
		r->content_type = "text/csv; charset=utf-8";
	}
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"to-cnscd-%lld.%s\"", id,
				    xlsx ? "xlsx" : "csv"));
}
