/* layout.c: the chrome every page shares: head, navigation, language
 * switch, footer. */
#include "web/layout.h"
#include "core/result.h"
#include "core/units.h"
#include "core/difficulties.h"
#include "core/announcements.h"
#include "core/notices.h"
#include "core/perm.h"
#include "core/reorg.h"
#include "core/scope.h"
#include "http/static.h"
#include "util/date.h"
#include "util/escape.h"
#include <string.h>

int scope_visible(struct req *r, long long unit)
{
	return r->user && scope_has(r->db, r->user, unit);
}

const char *level_label(struct req *r, const char *level)
{
	enum unit_level l = unit_level_of(level);
	return l == LEVEL_UNKNOWN ? level : req_t(r, unit_level_label(l));
}

const char *page_error_text(struct req *r, const char *msgid, const char *arg)
{
	struct buf b = BUF_INIT;
	i18n_fill(&b, r->lang, msgid, arg);
	const char *t = arena_strdup(&r->arena, buf_cstr(&b));
	buf_release(&b);
	return t;
}

void page_stamp(struct req *r, const char *stamp)
{
	char local[17];
	date_stamp_local(stamp, local);
	html_printf(&r->out, "%s", local);
}

void page_markup(struct req *r, const char *markup)
{
	buf_puts(&r->out, markup);
}

void page_next_link(struct req *r, const struct buf *url, long long next)
{
	if (!next)
		return;
	struct buf u = BUF_INIT;
	buf_append(&u, url->data, url->len);
	url_add_int(&u, "cursor", next);
	html_printf(&r->out,
		    "<p class=\"pager\"><a class=\"button secondary\" rel=\"next\" href=\"%s\">%s "
		    "→</a></p>\n",
		    buf_cstr(&u), req_t(r, "Next page"));
	buf_release(&u);
}

const char *page_number_text(struct req *r, long long n)
{
	struct buf b = BUF_INIT;
	i18n_number(&b, r->lang, n);
	const char *s = arena_strdup(&r->arena, buf_cstr(&b));
	buf_release(&b);
	return s;
}

void page_number(struct req *r, long long n)
{
	i18n_number(&r->out, r->lang, n);
}

void page_csrf(struct req *r)
{
	if (r->user)
		html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
			    r->user->csrf);
}

void page_begin(struct req *r, const char *title)
{
	struct buf *o = &r->out;
	r->content_type = "text/html; charset=utf-8";
	html_printf(o,
		    "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s · langso</title>"
		    "<link rel=\"stylesheet\" href=\"%s\">"
		    "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
		    "<script src=\"%s\" defer></script></head><body>\n",
		    i18n_code(r->lang), title, static_url("style.css"), static_url("favicon.svg"),
		    static_url("app.js"));
	html_printf(o,
		    "<a class=\"skip\" href=\"#main\">%s</a>"
		    "<header class=\"top\"><a class=\"brand\" href=\"/\">"
		    "<img src=\"%s\" alt=\"\" width=\"28\" height=\"28\"> langso</a>"
		    "<nav class=\"nav\" aria-label=\"%s\"><a href=\"/units\">%s</a>",
		    req_t(r, "Skip to the content"), static_url("favicon.svg"),
		    req_t(r, "Main menu"), req_t(r, "Units"));
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_READ)) {
		long long unread = notices_unread(r->db, r->user);
		html_printf(o, "<a href=\"/notices\">%s", req_t(r, "Notifications"));
		if (unread)
			html_printf(
			    o, " <span class=\"count\">%lld<span class=\"sr\"> %s</span></span>",
			    unread, req_t(r, "unread"));
		buf_puts(o, "</a>");
	}
	if (r->user) {
		long long unread = announcements_unread(r->db, r->user);
		html_printf(o, "<a href=\"/announcements\">%s", req_t(r, "Announcements"));
		if (unread)
			html_printf(
			    o, " <span class=\"count\">%lld<span class=\"sr\"> %s</span></span>",
			    unread, req_t(r, "unread"));
		buf_puts(o, "</a>");
	}
	if (r->user && perm_allows(r->user->role, PERM_REPORTS_FILL))
		html_printf(o, "<a href=\"/report\">%s</a>", req_t(r, "Report"));
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_READ))
		html_printf(o, "<a href=\"/teams\">%s</a>", req_t(r, "Teams"));
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_READ)) {
		long long waiting = difficulties_count_waiting(r->db, r->user);
		html_printf(o, "<a href=\"/difficulties%s\">%s", waiting ? "?mine=1" : "",
			    req_t(r, "Difficulties"));
		if (waiting)
			html_printf(o, " <span class=\"count\">%lld</span>", waiting);
		buf_puts(o, "</a>");
	}
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_READ))
		html_printf(o, "<a href=\"/trainings\">%s</a><a href=\"/practices\">%s</a>",
			    req_t(r, "Trainings"), req_t(r, "Good practices"));
	if (r->user && perm_allows(r->user->role, PERM_UNITS_IMPORT))
		html_printf(o, "<a href=\"/import/villages\">%s</a>", req_t(r, "Import villages"));
	if (r->user && perm_allows(r->user->role, PERM_UNITS_IMPORT))
		html_printf(o, "<a href=\"/reorganisation\">%s</a>", req_t(r, "Reorganisation"));
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_WRITE))
		html_printf(o, "<a href=\"/import/teams\">%s</a>", req_t(r, "Import teams"));
	if (r->user && perm_allows(r->user->role, PERM_TEAMS_READ))
		html_printf(o, "<a href=\"/enterprises\">%s</a><a href=\"/catalog\">%s</a>",
			    req_t(r, "Enterprises"), req_t(r, "Indicators"));
	if (r->user && perm_allows(r->user->role, PERM_USERS_MANAGE))
		html_printf(o, "<a href=\"/users\">%s</a>", req_t(r, "Users"));
	if (r->user && perm_allows(r->user->role, PERM_AUDIT_READ))
		html_printf(o, "<a href=\"/audit\">%s</a>", req_t(r, "Audit trail"));
	buf_puts(o, "</nav><div class=\"who\">");
	if (r->user) {
		html_printf(o,
			    "<a class=\"user\" href=\"/account\">%s</a>"
			    "<form method=\"post\" action=\"/logout\" class=\"inline\">",
			    r->user->username);
		page_csrf(r);
		html_printf(o, "<button type=\"submit\" class=\"link\">%s</button></form>",
			    req_t(r, "Sign out"));
	} else {
		html_printf(o, "<a href=\"/login\">%s</a>", req_t(r, "Sign in"));
	}
	/* The same page in the other language: the path, each segment escaped. */
	struct buf here = BUF_INIT;
	for (const char *p = r->path; *p;) {
		size_t n = strcspn(p, "/");
		char *seg = arena_strndup(&r->arena, p, n);
		url_escape(&here, seg);
		p += n;
		if (*p == '/')
			buf_putc(&here, *p++);
	}
	html_printf(o, "<span class=\"lang\"><a href=\"%s?lang=vi\"", buf_cstr(&here));
	if (r->lang == LANG_VI)
		page_markup(r, " aria-current=\"true\"");
	html_printf(o, ">VI</a> <a href=\"%s?lang=en\"", buf_cstr(&here));
	if (r->lang == LANG_EN)
		page_markup(r, " aria-current=\"true\"");
	page_markup(r, ">EN</a></span></div></header>\n<main id=\"main\" tabindex=\"-1\">\n");
	buf_release(&here);
}

void page_error(struct req *r, const char *title, const char *message)
{
	page_begin(r, title);
	html_printf(&r->out,
		    "<section class=\"card error\"><h1>%s</h1><p>%s</p>"
		    "<p><a href=\"/\">%s</a></p></section>\n",
		    title, message, req_t(r, "Back to the home page"));
	page_end(r);
}

void page_crumbs(struct req *r)
{
	html_printf(&r->out, "<nav class=\"crumbs\" aria-label=\"%s\">", req_t(r, "You are here"));
}

void page_end(struct req *r)
{
	html_printf(&r->out, "</main>\n<footer class=\"foot\">%s</footer></body></html>\n",
		    req_t(r, "langso — Community Digital Technology Teams"));
}

void page_field_errors(struct req *r, const struct field_errors *fe)
{
	if (!fe || !fe->n)
		return;
	html_printf(&r->out, "<div class=\"card error\" role=\"alert\"><p>%s</p><ul>",
		    req_t(r, "Nothing was saved:"));
	for (int i = 0; i < fe->n; i++) {
		html_printf(&r->out, "<li><b>%s</b>: %s</li>", fe->e[i].field,
			    page_error_text(r, fe->e[i].msgid, fe->e[i].arg));
	}
	buf_puts(&r->out, "</ul></div>\n");
}
