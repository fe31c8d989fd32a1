/* setup.c: the first administrator of a new installation, created once
 * with the setup token that `langso init` printed. */
#include "core/tokens.h"
#include "http/respond.h"
#include "web/layout.h"
#include "web/pages.h"
#include "util/escape.h"

static void setup_form(struct req *r, const char *error)
{
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Set up langso"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Set up langso"));
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	html_printf(o,
		    "<form class=\"card\" method=\"post\"><p>%s</p>"
		    "<label for=\"username\">%s</label><input id=\"username\" name=\"username\" "
		    "value=\"admin\" required autocapitalize=\"none\">"
		    "<label for=\"password\">%s</label><input id=\"password\" name=\"password\" "
		    "type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required>"
		    "<button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Create the first administrator. This page works once."),
		    req_t(r, "User name"), req_t(r, "Password"), req_t(r, "Create"));
	page_end(r);
}

void page_setup(struct req *r)
{
	if (!setup_token_valid(r->db, r->params[0], r->now)) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	setup_form(r, NULL);
}

void page_setup_post(struct req *r)
{
	const char *why = NULL;
	const char *u = req_form(r, "username"), *p = req_form(r, "password");
	int rc = setup_first_admin(r->db, r->params[0], u ? u : "", p ? p : "", r->now, &why);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "setup_first_admin");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		setup_form(r, req_t(r, why ? why : N_("The change could not be saved.")));
		return;
	}
	req_redirect(r, 303, "/login");
}
