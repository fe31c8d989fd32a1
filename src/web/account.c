/* account.c: one's own account: change the password, and API tokens for
 * integrations (created for oneself, shown once, revocable). */
#include "core/tokens.h"
#include "core/users.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

static void account_page(struct req *r, const char *error, const char *notice, const char *token)
{
	struct buf *o = &r->out;
	struct api_token *toks;
	int n;
	if (tokens_list(r->db, &r->arena, r->user, &toks, &n) != RES_OK) {
		req_fail(r, "tokens_list");
		return;
	}
	page_begin(r, req_t(r, "My account"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s · %s · %s</p>\n", req_t(r, "My account"),
		    r->user->username, role_label(r, r->user->role), r->user->scope_name);
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);
	if (token)
		html_printf(o,
			    "<div class=\"card ok\" role=\"status\"><p>%s</p>"
			    "<p><code class=\"token\">%s</code></p></div>\n",
			    req_t(r, "Your new API token. Copy it now: it is shown only once."),
			    token);

	buf_puts(o, "<form class=\"card\" method=\"post\" action=\"/account/password\">");
	page_csrf(r);
	html_printf(
	    o,
	    "<h2>%s</h2><label for=\"old\">%s</label><input id=\"old\" name=\"old_password\" "
	    "type=\"password\" autocomplete=\"current-password\" required>"
	    "<label for=\"new\">%s</label><input id=\"new\" name=\"password\" type=\"password\" "
	    "autocomplete=\"new-password\" required minlength=\"12\">"
	    "<button type=\"submit\">%s</button></form>\n",
	    req_t(r, "Change my password"), req_t(r, "Current password"), req_t(r, "New password"),
	    req_t(r, "Change password"));

	html_printf(o, "<section class=\"card\"><h2>%s</h2>", req_t(r, "API tokens"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>", req_t(r, "No tokens yet."));
	for (int i = 0; i < n; i++) {
		html_printf(o, "<p>%s — ", toks[i].name);
		if (toks[i].revoked_at) {
			html_printf(o, "%s</p>", req_t(r, "revoked"));
			continue;
		}
		html_printf(o,
			    "<form class=\"inline\" method=\"post\" "
			    "action=\"/account/tokens/%lld/revoke\">",
			    toks[i].id);
		page_csrf(r);
		html_printf(o, "<button type=\"submit\" class=\"link\">%s</button></form></p>",
			    req_t(r, "Revoke"));
	}
	buf_puts(o, "<form method=\"post\" action=\"/account/tokens\">");
	page_csrf(r);
	html_printf(o,
		    "<label for=\"tname\">%s</label><input id=\"tname\" name=\"name\" required "
		    "maxlength=\"80\"><button type=\"submit\">%s</button></form></section>\n",
		    req_t(r, "Name of the new token (what it is for)"), req_t(r, "Create a token"));
	page_end(r);
}

void page_account(struct req *r)
{
	account_page(r, NULL, NULL, NULL);
}

void page_account_password(struct req *r)
{
	const char *why = NULL;
	const char *pw = req_form(r, "password");
	int rc = users_set_password(r->db, r->user, r->user->id, req_form(r, "old_password"),
				    pw ? pw : "", &why);
	if (rc == RES_ERROR) {
		req_fail(r, "users_set_password");
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	account_page(
	    r, rc == RES_OK ? NULL : req_t(r, why ? why : N_("The change could not be saved.")),
	    rc == RES_OK ? req_t(r, "Your password is changed; your other sessions have ended.")
			 : NULL,
	    NULL);
}

void page_token_create(struct req *r)
{
	char token[TOKEN_TEXT];
	long long id;
	int rc = tokens_create(r->db, r->user, req_form(r, "name"), r->now, token, &id);
	if (rc == RES_ERROR) {
		req_fail(r, "tokens_create");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		account_page(r, req_t(r, "Give the token a name of at most 80 characters."), NULL,
			     NULL);
		return;
	}
	account_page(r, NULL, NULL, token);
}

void page_token_revoke(struct req *r)
{
	int rc = tokens_revoke(r->db, r->user, req_param_id(r, 0), r->now);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such token.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "tokens_revoke");
		return;
	}
	account_page(r, NULL, req_t(r, "The token is revoked."), NULL);
}
