/* enterprises.c: the enterprises supporting the area (G12), the form to
 * register one with its communes, and to add its users. */
#include "core/enterprises.h"
#include "core/roles.h"
#include "core/users.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static const char *kind_label(struct req *r, const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
	    {"telecom", N_("Telecom")}, {"postal", N_("Postal")}, {"it", N_("IT")},
	    {"bank", N_("Bank")},	{"other", N_("Other")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(kind, labels[i].kind) == 0)
			return req_t(r, labels[i].label);
	return kind;
}

static void enterprises_page(struct req *r, const char *error, const char *notice)
{
	struct enterprise *list;
	int n;
	if (enterprises_list(r->db, &r->arena, r->user, &list, &n) != RES_OK) {
		req_fail(r, "enterprises_list");
		return;
	}
	struct buf *o = &r->out;
	int manage = role_rank(r->user->role) >= role_rank("province") && !r->user->enterprise_id;
	page_begin(r, req_t(r, "Enterprises"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Enterprises"));
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No enterprises yet."));
	for (int i = 0; i < n; i++) {
		const struct enterprise *e = &list[i];
		html_printf(
		    o,
		    "<section class=\"card\"><h2>%s</h2><p class=\"facts\">%s · %s %s %s</p>"
		    "<p>%d %s: %s</p>",
		    e->name, kind_label(r, e->kind), e->contact_name, e->contact_phone,
		    e->contact_email, e->communes, req_t(r, "communes"), e->commune_list);
		if (manage) {
			html_printf(o,
				    "<details><summary>%s</summary><form method=\"post\" "
				    "action=\"/enterprises/%lld/users\">",
				    req_t(r, "Add a user for this enterprise"), e->id);
			page_csrf(r);
			html_printf(
			    o,
			    "<label>%s<input name=\"username\" required autocapitalize=\"none\">"
			    "</label><label>%s<input name=\"full_name\"></label>"
			    "<label>%s<input name=\"password\" type=\"password\" minlength=\"12\" "
			    "autocomplete=\"new-password\" required></label>"
			    "<button type=\"submit\">%s</button></form></details>",
			    req_t(r, "User name"), req_t(r, "Full name"), req_t(r, "Password"),
			    req_t(r, "Create"));
		}
		buf_puts(o, "</section>\n");
	}
	if (manage) {
		html_printf(
		    o, "<form class=\"card\" method=\"post\" action=\"/enterprises\"><h2>%s</h2>",
		    req_t(r, "Register an enterprise"));
		page_csrf(r);
		html_printf(
		    o,
		    "<label>%s<input name=\"name\" required></label>"
		    "<label>%s<select name=\"kind\"><option value=\"telecom\">%s</option>"
		    "<option value=\"postal\">%s</option><option value=\"it\">%s</option>"
		    "<option value=\"bank\">%s</option><option value=\"other\">%s</option>"
		    "</select></label><label>%s<input name=\"contact_name\"></label>"
		    "<label>%s<input name=\"contact_phone\" type=\"tel\"></label>"
		    "<label>%s<input name=\"contact_email\" type=\"email\"></label>"
		    "<label>%s<input name=\"communes\" required placeholder=\"06184, 05977\">"
		    "</label><button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Name"), req_t(r, "Kind"), kind_label(r, "telecom"),
		    kind_label(r, "postal"), kind_label(r, "it"), kind_label(r, "bank"),
		    kind_label(r, "other"), req_t(r, "Contact person"), req_t(r, "Phone"),
		    req_t(r, "Email"), req_t(r, "Codes of the communes it supports"),
		    req_t(r, "Register"));
	}
	page_end(r);
}

void page_enterprises(struct req *r)
{
	enterprises_page(r, NULL, NULL);
}

/* The first error of fe as a sentence. */
static const char *first_error(struct req *r, const struct field_errors *fe)
{
	if (!fe->n)
		return req_t(r, "The change could not be saved.");
	return arena_printf(&r->arena, "%s: %s", fe->e[0].field,
			    page_error_text(r, fe->e[0].msgid, fe->e[0].arg));
}

void page_enterprise_create(struct req *r)
{
	struct enterprise_input in = {
	    .name = req_form(r, "name"),
	    .kind = req_form(r, "kind"),
	    .contact_name = req_form(r, "contact_name"),
	    .contact_phone = req_form(r, "contact_phone"),
	    .contact_email = req_form(r, "contact_email"),
	    .communes = req_form(r, "communes"),
	};
	struct field_errors fe = {0};
	long long id;
	int rc = enterprises_create(r->db, &r->arena, r->user, &in, &fe, &id);
	if (rc == RES_ERROR) {
		req_fail(r, "enterprises_create");
		return;
	}
	if (rc == RES_FORBIDDEN) {
		respond_error(r, 403, "forbidden", "You may not do this.", NULL);
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	enterprises_page(r, rc == RES_OK ? NULL : first_error(r, &fe),
			 rc == RES_OK ? req_t(r, "Saved.") : NULL);
}

void page_enterprise_user(struct req *r)
{
	const char *why = NULL;
	long long id;
	const char *u = req_form(r, "username"), *p = req_form(r, "password");
	int rc = role_rank(r->user->role) >= role_rank("province")
		     ? users_create_enterprise(r->db, r->user, req_param_id(r, 0), u ? u : "",
					       req_form(r, "full_name"), p ? p : "", &id, &why)
		     : RES_FORBIDDEN;
	if (rc == RES_ERROR) {
		req_fail(r, "users_create_enterprise");
		return;
	}
	if (rc == RES_FORBIDDEN) {
		respond_error(r, 403, "forbidden", "You may not do this.", NULL);
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	enterprises_page(
	    r, rc == RES_OK ? NULL : req_t(r, why ? why : N_("The change could not be saved.")),
	    rc == RES_OK ? req_t(r, "Saved.") : NULL);
}
