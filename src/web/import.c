/* import.c: the village upload page for commune and provincial officers,
 * and its downloadable template. Calls the same core function as
 * `langso import villages`. */
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

static void upload_form(struct req *r)
{
	struct buf *o = &r->out;
	html_printf(o, "<form class=\"card\" method=\"post\" action=\"/import/villages\" "
		       "enctype=\"multipart/form-data\">");
	page_csrf(r);
	html_printf(
	    o,
	    "<label for=\"file\">%s</label>"
	    "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>"
	    "<p class=\"hint\">%s</p>"
	    "<button type=\"submit\">%s</button></form>\n",
	    req_t(r, "CSV file of villages"),
	    req_t(r, "UTF-8 CSV, as Excel saves it (comma or semicolon). Columns: commune "
		     "code, village name, village code (optional), kind (optional). The whole "
		     "file is checked first: if any line is wrong, nothing is imported."),
	    req_t(r, "Import"));
	html_printf(o, "<p><a href=\"/import/villages/template.csv\" download>%s</a></p>\n",
		    req_t(r, "Download the template"));
}

void page_import_villages(struct req *r)
{
	page_begin(r, req_t(r, "Import villages"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Import villages"));
	upload_form(r);
	page_end(r);
}

void import_errors_table(struct req *r, const struct import_result *res)
{
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"card error\" role=\"alert\"><h2>%s</h2><p>",
		    req_t(r, "Nothing was imported: the file has errors"));
	page_number(r, res->nerrors);
	html_printf(o,
		    " %s</p><table class=\"errors\"><thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th></tr></thead><tbody>\n",
		    req_t(r, "error(s)."), req_t(r, "Line"), req_t(r, "Column"),
		    req_t(r, "Problem"));
	int shown = res->nerrors < IMPORT_MAX_ERRORS ? res->nerrors : IMPORT_MAX_ERRORS;
	for (int i = 0; i < shown; i++) {
		const struct import_error *e = &res->errors[i];
		buf_puts(o, "<tr><td>");
		if (e->line)
			html_printf(o, "%d", e->line);
		buf_puts(o, "</td><td>");
		if (e->col)
			html_printf(o, "%d", e->col);
		if (e->column)
			html_printf(o, " (%s)", e->column);
		html_printf(o, "</td><td>%s</td></tr>\n", page_error_text(r, e->msgid, e->arg));
	}
	buf_puts(o, "</tbody></table></section>\n");
}

void page_import_villages_post(struct req *r)
{
	const struct form_field *f = req_file(r, "file");
	if (!f || f->len == 0) {
		page_begin(r, req_t(r, "Import villages"));
		r->status = 422;
		html_printf(&r->out, "<h1>%s</h1><p class=\"card error\" role=\"alert\">%s</p>\n",
			    req_t(r, "Import villages"), req_t(r, "Choose a CSV file to import."));
		upload_form(r);
		page_end(r);
		return;
	}
	struct import_result *res = arena_alloc(&r->arena, sizeof *res);
	int rc = villages_import_csv(r->db, &r->arena, r->user, f->value, f->len, res);
	if (rc == RES_ERROR) {
		req_fail(r, "villages_import_csv");
		return;
	}
	page_begin(r, req_t(r, "Import villages"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Import villages"));
	if (rc == RES_INVALID) {
		r->status = 422;
		import_errors_table(r, res);
		upload_form(r);
	} else {
		struct buf *o = &r->out;
		html_printf(o, "<section class=\"card ok\" role=\"status\"><h2>%s</h2><p>",
			    req_t(r, "Import finished"));
		page_number(r, res->added);
		html_printf(o, " %s, ", req_t(r, "villages added"));
		page_number(r, res->unchanged);
		html_printf(o, " %s.</p></section>\n", req_t(r, "already present"));
		html_printf(o, "<p><a href=\"/units\">%s</a></p>", req_t(r, "Browse the units"));
	}
	page_end(r);
}

void page_villages_template(struct req *r)
{
	r->content_type = "text/csv; charset=utf-8";
	req_add_header(r, "Content-Disposition",
		       r->lang == LANG_EN ? "attachment; filename=\"villages-template.csv\""
					  : "attachment; filename=\"mau-thon-to-dan-pho.csv\"");
	buf_puts(&r->out, villages_template(i18n_code(r->lang)));
}
