/* invites.c: accounts for a commune's or province's teams in one step and
 * their printable sign-in sheet (/accounts); a new code for one user
 * (/users/{id}/code); and the page where a member sets a password with a
 * code (/welcome). Codes are shown once: the sheet carries its CSV inside
 * the page, so nothing readable is kept on the server. */
#include "core/invites.h"
#include "core/roles.h"
#include "core/teams.h"
#include "core/units.h"
#include "export/invites_file.h"
#include "http/respond.h"
#include "http/server.h"
#include "i18n/i18n.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <sodium.h>
#include <string.h>

/* The site's address for links sent away: --public-url, else the address
 * this browser used (its Host, when it is a plain host name). */
static const char *site_base(struct req *r)
{
	if (server_cfg && server_cfg->public_url)
		return server_cfg->public_url;
	const char *host = req_header(r, "Host");
	if (!host || !*host ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(host))
		host = "localhost";
	return arena_printf(&r->arena, "%s://%s",
			    server_cfg && server_cfg->secure_cookies ? "https" : "http", host);
}

/* The unit named by ?unit= or the form's unit, else the user's area. */
static long long chosen_unit(struct req *r)
{
	const char *s = req_form(r, "unit");
	if (!s)
		s = req_query(r, "unit");
	long long id = s ? strtoll(s, NULL, 10) : 0;
	return id > 0 ? id : r->user->scope;
}

/* Communes in the user's area whose name matches q, as links (the search
 * itself keeps to the area). */
static void commune_matches(struct req *r, const char *q)
{
	struct unit_query uq = {.parent = r->user->scope, .level = "commune", .q = q, .limit = 20};
	struct unit_page pg;
	if (units_list(r->db, &r->arena, &uq, &pg) != RES_OK)
		return;
	if (!pg.n) {
		html_printf(&r->out, "<p class=\"hint\">%s</p>",
			    req_t(r, "No commune of your area has that name."));
		return;
	}
	buf_puts(&r->out, "<ul class=\"units\">");
	for (int i = 0; i < pg.n; i++)
		html_printf(&r->out, "<li><a href=\"/accounts?unit=%lld\">%s</a></li>",
			    pg.items[i].id, pg.items[i].name);
	buf_puts(&r->out, "</ul>");
}

void page_accounts(struct req *r)
{
	long long unit = chosen_unit(r), members, had;
	struct unit u;
	int rc = invites_count(r->db, r->user, unit, r->now, &members, &had);
	if (rc == RES_OK)
		rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "invites_count");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Accounts for the teams"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s</p>\n",
		    req_t(r, "Accounts for the teams"), u.name);
	html_printf(o, "<div class=\"card\"><p>%s %s</p><p>%s %s</p>",
		    req_t(r, "Current members of the teams here:"), page_number_text(r, members),
		    req_t(r, "Members with an account:"), page_number_text(r, had));
	if (members > had) {
		html_printf(o, "<p>%s</p><form method=\"post\" action=\"/accounts\">",
			    req_t(r, "Each member without an account gets one, with a sign-in "
				     "code and a link to choose a password (valid 30 days). The "
				     "codes are shown once, on the sheet that follows: print it or "
				     "save it, and give each member theirs."));
		page_csrf(r);
		html_printf(o,
			    "<input type=\"hidden\" name=\"unit\" value=\"%lld\">"
			    "<button type=\"submit\">%s %s</button></form>",
			    unit, req_t(r, "Make accounts:"), page_number_text(r, members - had));
	} else {
		html_printf(o, "<p>%s</p>",
			    req_t(r, "Every member has an account. A member who forgot the "
				     "password gets a new code from the user's page."));
	}
	buf_puts(o, "</div>\n");
	const char *q = req_query(r, "q");
	html_printf(o,
		    "<form class=\"search card\" method=\"get\" action=\"/accounts\" "
		    "role=\"search\"><label for=\"q\">%s</label><div class=\"row\">"
		    "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\" "
		    "autocomplete=\"off\"><button type=\"submit\">%s</button></div></form>\n",
		    req_t(r, "Only one commune: search it by name"), q ? q : "",
		    req_t(r, "e.g. dong dang"), req_t(r, "Search"));
	if (q && *q)
		commune_matches(r, q);
	page_end(r);
}

/* The sheet's CSV as a download link carried in the page (a data: URL). */
static void csv_link(struct req *r, const struct invite *list, int n)
{
	struct buf csv = BUF_INIT;
	invites_csv(&csv, site_base(r), list, n, r->lang);
	size_t len = sodium_base64_ENCODED_LEN(csv.len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = arena_alloc(&r->arena, len);
	sodium_bin2base64(b64, len, (const unsigned char *)csv.data, csv.len,
			  sodium_base64_VARIANT_ORIGINAL);
	buf_release(&csv);
	html_printf(&r->out,
		    "<a class=\"button\" download=\"tai-khoan.csv\" "
		    "href=\"data:text/csv;charset=utf-8;base64,%s\">%s</a>",
		    b64, req_t(r, "Download the sheet (CSV)"));
}

/* One account's row of the sheet, with its message for Zalo. */
static void sheet_row(struct req *r, const struct invite *x, const char *base)
{
	struct buf code = BUF_INIT, link = BUF_INIT, msg = BUF_INIT;
	invite_code_text(&code, x);
	invite_link(&link, base, x);
	invite_message(&msg, base, x, r->lang);
	html_printf(&r->out,
		    "<tr><td>%s</td><td>%s<br><span class=\"hint\">%s</span></td>"
		    "<td><strong>%s</strong></td><td class=\"code\"><strong>%s</strong></td>"
		    "<td class=\"link\">%s<details class=\"no-print\"><summary>%s</summary>"
		    "<textarea id=\"m%lld\" readonly rows=\"6\" aria-label=\"%s\">%s</textarea>"
		    "<button type=\"button\" class=\"secondary\" data-copy-target=\"m%lld\">%s"
		    "</button></details></td></tr>",
		    x->team_name, x->full_name,
		    *x->member_role ? req_t(r, member_role_msgid(x->member_role)) : "", x->username,
		    buf_cstr(&code), buf_cstr(&link), req_t(r, "Message for Zalo"), x->user_id,
		    req_t(r, "Message for Zalo"), buf_cstr(&msg), x->user_id, req_t(r, "Copy"));
	buf_release(&code);
	buf_release(&link);
	buf_release(&msg);
}

void page_accounts_create(struct req *r)
{
	long long unit = chosen_unit(r);
	struct invite *list;
	int n, had;
	int rc = invites_roster(r->db, &r->arena, r->user, unit, r->now, &list, &n, &had);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "invites_roster");
		return;
	}
	struct unit u;
	if (units_get(r->db, &r->arena, unit, &u) != RES_OK)
		u.name = "";
	struct buf *o = &r->out;
	const char *base = site_base(r);
	r->status = 201;
	req_add_header(r, "Cache-Control", "no-store");
	page_begin(r, req_t(r, "Sign-in sheet"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s · %s %s · %s %s</p>\n",
		    req_t(r, "Sign-in sheet"), u.name, req_t(r, "Accounts made:"),
		    page_number_text(r, n), req_t(r, "had one already:"), page_number_text(r, had));
	html_printf(o, "<p class=\"card ok no-print\" role=\"status\">%s</p>\n",
		    req_t(r, "The codes are shown only now: print this sheet or download it "
			     "before you leave the page. A lost code is replaced from the "
			     "user's page."));
	if (!n) {
		page_end(r);
		return;
	}
	buf_puts(o, "<p class=\"actions no-print\">");
	html_printf(o, "<button type=\"button\" data-print>%s</button> ", req_t(r, "Print"));
	csv_link(r, list, n);
	buf_puts(o, "</p>\n");
	for (int i = 0; i < n; i++) {
		if (i == 0 || list[i].commune_id != list[i - 1].commune_id) {
			if (i)
				buf_puts(o, "</tbody></table></section>\n");
			html_printf(o,
				    "<section class=\"sheet\"><h2>%s</h2><p class=\"hint\">%s</p>"
				    "<table class=\"grid\"><thead><tr><th>%s</th><th>%s</th>"
				    "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				    list[i].commune_name,
				    req_t(r, "Open the link, or go to the site's sign-in page and "
					     "choose \"First sign-in or forgotten password\", then "
					     "type the code. The code works once."),
				    req_t(r, "Team"), req_t(r, "Member"), req_t(r, "User name"),
				    req_t(r, "Code"), req_t(r, "Link"));
		}
		sheet_row(r, &list[i], base);
	}
	buf_puts(o, "</tbody></table></section>\n");
	page_end(r);
}

void page_user_code(struct req *r)
{
	struct invite x;
	const char *why = NULL;
	int rc = invites_reissue(r->db, &r->arena, r->user, req_param_id(r, 0), r->now, &x, &why);
	if (rc == RES_NOT_FOUND || (rc == RES_FORBIDDEN && !why)) {
		respond_error(r, 404, "not_found", "There is no such user.", NULL);
		return;
	}
	if (rc == RES_FORBIDDEN || rc == RES_INVALID) {
		respond_error(r, rc == RES_FORBIDDEN ? 403 : 422, "forbidden", why, NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "invites_reissue");
		return;
	}
	struct buf *o = &r->out;
	const char *base = site_base(r);
	struct buf code = BUF_INIT, link = BUF_INIT, msg = BUF_INIT;
	invite_code_text(&code, &x);
	invite_link(&link, base, &x);
	invite_message(&msg, base, &x, r->lang);
	req_add_header(r, "Cache-Control", "no-store");
	page_begin(r, req_t(r, "A new sign-in code"));
	page_crumbs(r);
	html_printf(
	    o,
	    "<ol><li><a href=\"/users\">%s</a></li>"
	    "<li><a href=\"/users/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n"
	    "<p class=\"card ok\" role=\"status\">%s</p>\n"
	    "<div class=\"card\"><p>%s <strong>%s</strong></p>"
	    "<p>%s <strong class=\"code\">%s</strong></p><p>%s %s</p>"
	    "<label for=\"msg\">%s</label><textarea id=\"msg\" readonly rows=\"6\">%s"
	    "</textarea><button type=\"button\" class=\"secondary\" data-copy-target=\"msg\">%s"
	    "</button>"
	    "</div>\n",
	    req_t(r, "Users"), x.user_id, x.username, req_t(r, "A new sign-in code"),
	    req_t(r, "The old code no longer works. Give this one to the user: it is "
		     "shown only now and works once, for 30 days; the password stays "
		     "until they choose a new one."),
	    req_t(r, "User name:"), x.username, req_t(r, "Code:"), buf_cstr(&code),
	    req_t(r, "Link:"), buf_cstr(&link), req_t(r, "Message for Zalo"), buf_cstr(&msg),
	    req_t(r, "Copy"));
	buf_release(&code);
	buf_release(&link);
	buf_release(&msg);
	page_end(r);
}

/* The first box: type the code. */
static void code_form(struct req *r, const char *error)
{
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "First sign-in or forgotten password"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "First sign-in or forgotten password"));
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	html_printf(o,
		    "<form class=\"card\" method=\"get\" action=\"/welcome\">"
		    "<label for=\"code\">%s</label>"
		    "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"off\" "
		    "required aria-describedby=\"code-hint\">"
		    "<p class=\"hint\" id=\"code-hint\">%s</p>"
		    "<button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Sign-in code (12 digits)"),
		    req_t(r, "The commune's officer who manages your team's accounts gives you "
			     "this code, on paper or by Zalo. If you have none, or it no "
			     "longer works, ask them for a new one."),
		    req_t(r, "Next"));
	page_end(r);
}

/* The answer to a code that does not open (or a wait). */
static void code_refused(struct req *r, int rc, long long wait)
{
	if (rc == RES_LIMITED) {
		r->status = 429;
		req_add_header(r, "Retry-After", arena_printf(&r->arena, "%lld", wait));
		code_form(r, page_error_text(r,
					     N_("Too many wrong codes. Please wait %s seconds "
						"and try again."),
					     arena_printf(&r->arena, "%lld", wait)));
		return;
	}
	r->status = 404;
	code_form(r, req_t(r, "This code is wrong, used or expired. Check the digits, or "
			      "ask the commune's officer for a new code."));
}

/* The second box: choose the password (code kept in the form). */
static void password_form(struct req *r, const char *code, const struct user *u, const char *error)
{
	struct buf *o = &r->out;
	req_add_header(r, "Referrer-Policy", "same-origin"); /* the code stays here */
	page_begin(r, req_t(r, "Choose your password"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s · %s <strong>%s</strong></p>\n",
		    req_t(r, "Choose your password"), u->full_name, req_t(r, "user name"),
		    u->username);
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/welcome\">"
		    "<input type=\"hidden\" name=\"code\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"username\" autocomplete=\"username\" "
		    "value=\"%s\">"
		    "<label for=\"password\">%s</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"new-password\" required minlength=\"12\" "
		    "aria-describedby=\"pw-hint\">"
		    "<p class=\"hint\" id=\"pw-hint\">%s</p>"
		    "<label for=\"again\">%s</label>"
		    "<input id=\"again\" name=\"again\" type=\"password\" "
		    "autocomplete=\"new-password\" required minlength=\"12\">"
		    "<button type=\"submit\">%s</button></form>\n",
		    code, u->username, req_t(r, "New password"),
		    req_t(r, "At least 12 characters: a few words you will remember, e.g. "
			     "\"lua chin vang ca dong\"."),
		    req_t(r, "The same password again"), req_t(r, "Save and sign in"));
	page_end(r);
}

void page_welcome(struct req *r)
{
	const char *code = r->nparams ? r->params[0] : req_query(r, "code");
	char digits[INVITE_CODE];
	if (!code) {
		code_form(r, NULL);
		return;
	}
	if (!r->nparams && invites_normalize(code, digits)) { /* typed: to its link */
		req_redirect(r, 303, arena_printf(&r->arena, "/welcome/%s", digits));
		return;
	}
	struct user u;
	long long wait;
	int rc = invites_open(r->db, &r->arena, code, r->client, r->now, &u, &wait);
	if (rc == RES_ERROR) {
		req_fail(r, "invites_open");
		return;
	}
	if (rc != RES_OK) {
		code_refused(r, rc, wait);
		return;
	}
	password_form(r, code, &u, NULL);
}

void page_welcome_post(struct req *r)
{
	const char *code = req_form(r, "code"), *pw = req_form(r, "password");
	const char *again = req_form(r, "again");
	char token[TOKEN_TEXT];
	long long wait = 0;
	const char *why = NULL;
	struct user u;
	if (pw && again && strcmp(pw, again) != 0) {
		int rc = invites_open(r->db, &r->arena, code, r->client, r->now, &u, &wait);
		if (rc == RES_OK) {
			r->status = 422;
			password_form(
			    r, code, &u,
			    req_t(r, "The two passwords differ: type the same one twice."));
		} else if (rc == RES_ERROR) {
			req_fail(r, "invites_open");
		} else {
			code_refused(r, rc, wait);
		}
		return;
	}
	int rc = invites_redeem(r->db, code ? code : "", pw ? pw : "", r->client, r->now, token,
				&wait, &why);
	if (rc == RES_INVALID &&
	    invites_open(r->db, &r->arena, code, r->client, r->now, &u, &wait) == RES_OK) {
		r->status = 422;
		password_form(r, code, &u, page_error_text(r, why, NULL));
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "invites_redeem");
		return;
	}
	if (rc != RES_OK) {
		code_refused(r, rc, wait);
		return;
	}
	page_signed_in(r, token, "/");
}
