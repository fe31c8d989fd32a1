/* summary.c: what goes up for a unit and a period: GET /units/{id}/export
 * (the XLSX workbook of export/progress_file.c). */
#include "core/summary.h"
#include "export/progress_file.h"
#include "http/respond.h"
#include "web/layout.h"
#include "web/pages.h"

void page_export_progress(struct req *r)
{
	long long unit = req_param_id(r, 0);
	struct period p;
	page_period_or_current(r, req_query(r, "period"), PERIOD_MONTH, &p);
	struct summary s;
	int rc = summary_get(r->db, &r->arena, r->user, unit, &p, r->now, &s);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK || progress_xlsx_bytes(&s, r->lang, &r->out) != 0) {
		req_fail(r, "progress_xlsx");
		return;
	}
	char key[PERIOD_TEXT];
	period_format(&p, key);
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"tien-do-%s-%s.xlsx\"",
				    *s.unit.code ? s.unit.code : "donvi", key));
}
