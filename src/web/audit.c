/* audit.c: the audit trail page for administrators and provincial
 * officers, filtered by user, unit, entity and date, within their area. */
#include "core/audit.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* An ISO date (YYYY-MM-DD) or NULL. */
static const char *date_or_null(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return NULL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return NULL;
	return s;
}

static const char *empty_null(const char *s)
{
	return s && *s ? s : NULL;
}

void page_audit(struct req *r)
{
	struct audit_filter f = {.limit = 100};
	f.username = empty_null(req_query(r, "user"));
	f.entity = empty_null(req_query(r, "entity"));
	f.from = date_or_null(req_query(r, "from"));
	f.to = date_or_null(req_query(r, "to"));
	const char *unit = empty_null(req_query(r, "unit"));
	if (unit) {
		f.unit = units_resolve(r->db, unit);
		if (!f.unit)
			f.unit = -1; /* names no unit: no rows */
	}
	const char *before = req_query(r, "before");
	if (before)
		f.before = strtoll(before, NULL, 10);
	struct audit_row *rows;
	int n;
	long long next;
	if (audit_list(r->db, &r->arena, r->user, &f, &rows, &n, &next) != RES_OK) {
		req_fail(r, "audit_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Audit trail"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Audit trail"));
	html_printf(
	    o,
	    "<form class=\"card filters\" method=\"get\" action=\"/audit\">"
	    "<label for=\"user\">%s</label><input id=\"user\" name=\"user\" value=\"%s\">"
	    "<label for=\"unit\">%s</label><input id=\"unit\" name=\"unit\" value=\"%s\">"
	    "<label for=\"entity\">%s</label><input id=\"entity\" name=\"entity\" value=\"%s\">"
	    "<label for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"date\" "
	    "value=\"%s\">"
	    "<label for=\"to\">%s</label><input id=\"to\" name=\"to\" type=\"date\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>\n",
	    req_t(r, "User name"), f.username ? f.username : "", req_t(r, "Unit (code or #id)"),
	    unit ? unit : "", req_t(r, "Object (user, unit, village, session...)"),
	    f.entity ? f.entity : "", req_t(r, "From"), f.from ? f.from : "", req_t(r, "To"),
	    f.to ? f.to : "", req_t(r, "Filter"));
	if (!n) {
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "Nothing recorded."));
	} else {
		html_printf(o,
			    "<div class=\"scroll\"><table class=\"errors\"><thead><tr><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
			    req_t(r, "Time (Vietnam)"), req_t(r, "User"), req_t(r, "Action"),
			    req_t(r, "Unit"), req_t(r, "Details"));
		for (int i = 0; i < n; i++) {
			const struct audit_row *a = &rows[i];
			buf_puts(o, "<tr><td>");
			page_stamp(r, a->at);
			html_printf(o, "</td><td>%s <small>%s</small></td><td>%s", a->username,
				    a->role, page_action_words(r, a->action, a->entity));
			buf_puts(o, "</td><td>");
			if (a->unit_id)
				html_printf(o, "<a href=\"/units/%lld\">%s</a>", a->unit_id,
					    a->unit_name);
			buf_puts(o, "</td><td>");
			page_detail_words(r, a->detail_json);
			buf_puts(o, "</td></tr>\n");
		}
		buf_puts(o, "</tbody></table></div>\n");
	}
	if (next) {
		struct buf more = BUF_INIT;
		buf_printf(&more, "/audit?before=%lld", next);
		const char *keys[] = {"user", "unit", "entity", "from", "to"};
		const char *vals[] = {f.username, unit, f.entity, f.from, f.to};
		for (int i = 0; i < 5; i++) {
			if (!vals[i])
				continue;
			buf_printf(&more, "&%s=", keys[i]);
			url_escape(&more, vals[i]);
		}
		html_printf(o, "<p><a class=\"button secondary\" href=\"%s\">%s</a></p>\n",
			    buf_cstr(&more), req_t(r, "Older"));
		buf_release(&more);
	}
	page_end(r);
}
