/* catalog.c: the catalogue page: platforms' indicators and the forms that
 * hold them; the ministry adds national indicators, a province its own for
 * its campaigns (seen only below it). */
#include "core/catalog.h"
#include "core/roles.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

static void catalog_page(struct req *r, const struct field_errors *fe, const char *notice)
{
	struct indicator *inds;
	struct form *forms;
	int ni, nf;
	if (catalog_indicators(r->db, &r->arena, r->user->scope, &inds, &ni) != RES_OK ||
	    catalog_forms(r->db, &r->arena, r->user->scope, &forms, &nf) != RES_OK) {
		req_fail(r, "catalog");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Indicators"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Indicators"));
	if (fe && fe->n)
		html_printf(o, "<p class=\"card error\" role=\"alert\"><b>%s</b>: %s</p>\n",
			    fe->e[0].field, req_t(r, fe->e[0].msgid));
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);
	html_printf(
	    o,
	    "<div class=\"scroll\"><table class=\"progress\"><thead><tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th></tr></thead><tbody>\n",
	    req_t(r, "Code"), req_t(r, "Indicator"), req_t(r, "Unit of measure"),
	    req_t(r, "Largest plausible value"));
	for (int i = 0; i < ni; i++)
		html_printf(
		    o,
		    "<tr><td><code>%s</code></td><td>%s%s</td><td>%s</td><td class=\"num\">%lld"
		    "</td></tr>\n",
		    inds[i].code, r->lang == LANG_EN ? inds[i].name_en : inds[i].name_vi,
		    inds[i].owner ? req_t(r, " (this province's own)") : "",
		    r->lang == LANG_EN ? inds[i].unit_en : inds[i].unit_vi, inds[i].ceiling);
	buf_puts(o, "</tbody></table></div>\n");
	html_printf(o, "<h2>%s</h2><ul>", req_t(r, "Forms"));
	for (int i = 0; i < nf; i++)
		html_printf(o, "<li><code>%s</code> %s · %s · %s %d %s</li>", forms[i].code,
			    r->lang == LANG_EN ? forms[i].name_en : forms[i].name_vi,
			    forms[i].grain == PERIOD_WEEK ? req_t(r, "weekly")
							  : req_t(r, "monthly"),
			    req_t(r, "due"), forms[i].due_days, req_t(r, "days after the period"));
	buf_puts(o, "</ul>\n");
	if (role_rank(r->user->role) >= role_rank("province") && !r->user->enterprise_id) {
		html_printf(o,
			    "<form class=\"card\" method=\"post\" "
			    "action=\"/catalog/indicators\"><h2>%s</h2>",
			    role_of(r->user->role) == ROLE_PROVINCE
				? req_t(r, "Add an indicator for this province's campaign")
				: req_t(r, "Add a national indicator"));
		page_csrf(r);
		html_printf(
		    o,
		    "<label>%s<input name=\"code\" required placeholder=\"LS_OCOP\"></label>"
		    "<label>%s<input name=\"name_vi\" required></label>"
		    "<label>%s<input name=\"name_en\"></label>"
		    "<label>%s<input name=\"unit_vi\" placeholder=\"người\"></label>"
		    "<label>%s<select name=\"aggregation\"><option value=\"sum\">%s</option>"
		    "<option value=\"latest\">%s</option></select></label>"
		    "<label>%s<input name=\"ceiling\" inputmode=\"numeric\" value=\"1000\"></label>"
		    "<label>%s<select name=\"form\">",
		    req_t(r, "Code"), req_t(r, "Name in Vietnamese"), req_t(r, "Name in English"),
		    req_t(r, "Unit of measure"), req_t(r, "Totals"), req_t(r, "sum of the periods"),
		    req_t(r, "the latest period"), req_t(r, "Largest plausible value"),
		    req_t(r, "On the form"));
		for (int i = 0; i < nf; i++)
			html_printf(o, "<option value=\"%s\">%s</option>", forms[i].code,
				    r->lang == LANG_EN ? forms[i].name_en : forms[i].name_vi);
		html_printf(o, "</select></label><button type=\"submit\">%s</button></form>\n",
			    req_t(r, "Add"));
	}
	page_end(r);
}

void page_catalog(struct req *r)
{
	catalog_page(r, NULL, NULL);
}

void page_indicator_create(struct req *r)
{
	struct field_errors fe = {0};
	long long id;
	int rc = catalog_indicator_add(r->db, r->user, req_form(r, "code"), req_form(r, "name_vi"),
				       req_form(r, "name_en"), req_form(r, "unit_vi"),
				       req_form(r, "aggregation"), req_form(r, "ceiling"),
				       req_form(r, "form"), &fe, &id);
	if (rc == RES_FORBIDDEN) {
		respond_error(r, 403, "forbidden", "You may not do this.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "catalog_indicator_add");
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	catalog_page(r, &fe, rc == RES_OK ? req_t(r, "Saved.") : NULL);
}
