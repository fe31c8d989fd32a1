/* login.c: signing in and out. */
#include "core/accounts.h"
#include "core/result.h"
#include "http/respond.h"
#include "http/server.h"
#include "i18n/i18n.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <string.h>

/* A safe place to go after signing in: a local path, never another site. */
static const char *local_next(const char *next)
{
	return url_local_path(next) ? next : "/";
}

/* The fields of a form sent after its session ended, as the server put
 * them in &keep= (a query string of escaped names and values), or NULL. */
static const char *kept(const char *keep)
{
	if (!keep || !*keep || strlen(keep) > SERVER_KEEP_MAX ||
	    strspn(keep, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			 "-._~%&=") != strlen(keep))
		return NULL;
	return keep;
}

static void login_form(struct req *r, const char *next, const char *username, const char *error,
		       const char *keep)
{
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Sign in"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Sign in"));
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	if (kept(keep))
		html_printf(o, "<p class=\"card\" role=\"status\">%s</p>\n",
			    req_t(r,
				  "Your session ended while you were filling in the form. Sign in "
				  "again: what you typed is kept and comes back in the form."));
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/login\">"
		    "<input type=\"hidden\" name=\"keep\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"next\" value=\"%s\">"
		    "<label for=\"username\">%s</label>"
		    "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
		    "autocapitalize=\"none\" required value=\"%s\">"
		    "<label for=\"password\">%s</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"current-password\" required>"
		    "<button type=\"submit\">%s</button></form>\n"
		    "<p class=\"card\"><a href=\"/welcome\">%s</a><br>"
		    "<span class=\"hint\">%s</span></p>\n",
		    kept(keep) ? keep : "", local_next(next), req_t(r, "User name"),
		    username ? username : "", req_t(r, "Password"), req_t(r, "Sign in"),
		    req_t(r, "First sign-in or forgotten password"),
		    req_t(r, "Type the sign-in code that the commune's officer gave you. No code, "
			     "or a forgotten password? Ask the officer who manages your team's "
			     "accounts (commune) for a new code."));
	page_end(r);
}

void page_login(struct req *r)
{
	login_form(r, req_query(r, "next"), NULL, NULL, req_query(r, "keep"));
}

void page_login_post(struct req *r)
{
	const char *username = req_form(r, "username");
	const char *password = req_form(r, "password");
	const char *next = local_next(req_form(r, "next"));
	const char *keep = kept(req_form(r, "keep"));
	char token[TOKEN_TEXT];
	long long wait = 0;
	int rc = username && password
		     ? accounts_login(r->db, username, password, r->client, r->now, token, &wait)
		     : RES_FORBIDDEN;
	if (rc == RES_ERROR) {
		req_fail(r, "accounts_login");
		return;
	}
	if (rc == RES_LIMITED) {
		r->status = 429;
		req_add_header(r, "Retry-After", arena_printf(&r->arena, "%lld", wait));
		struct buf m = BUF_INIT;
		i18n_fill(&m, r->lang,
			  N_("Too many failed sign-ins. Please wait %s seconds and try again."),
			  arena_printf(&r->arena, "%lld", wait));
		login_form(r, next, username, arena_strdup(&r->arena, buf_cstr(&m)), keep);
		buf_release(&m);
		return;
	}
	if (rc != RES_OK) {
		r->status = 401;
		login_form(r, next, username, req_t(r, "Wrong user name or password."), keep);
		return;
	}
	if (kept(keep)) /* back to the form, its fields in the address */
		next = arena_printf(&r->arena, "%s%c%s&kept=1", next, strchr(next, '?') ? '&' : '?',
				    keep);
	page_signed_in(r, token, next);
}

void page_signed_in(struct req *r, const char *token, const char *next)
{
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena, "sid=%s; Path=/; HttpOnly; SameSite=Lax%s", token,
				    server_cfg && server_cfg->secure_cookies ? "; Secure" : ""));
	req_redirect(r, 303, next);
}

void page_logout(struct req *r)
{
	if (r->session_token && accounts_logout(r->db, r->session_token) != RES_OK) {
		req_fail(r, "accounts_logout");
		return;
	}
	req_add_header(r, "Set-Cookie", "sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	req_redirect(r, 303, "/");
}
