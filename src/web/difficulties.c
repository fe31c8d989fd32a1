/* difficulties.c: the queue of difficulties in one's area (oldest first,
 * with their level and age), a difficulty's thread with answer, escalate
 * and resolve, and the form a team uses to raise one. */
#include "core/difficulties.h"
#include "core/notices.h"
#include "core/teams.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static const char *category_label(struct req *r, const char *c)
{
	return req_t(r, difficulty_category_msgid(c));
}

static const char *dstatus_label(struct req *r, const char *s)
{
	return req_t(r, difficulty_status_msgid(s));
}

void page_difficulties(struct req *r)
{
	const char *status = req_query(r, "status");
	if (status && !*status)
		status = NULL;
	int mine = req_query(r, "mine") != NULL;
	const char *cursor = req_query(r, "cursor"), *unit = req_query(r, "unit");
	long long below = unit ? strtoll(unit, NULL, 10) : 0;
	struct difficulty *list;
	int n;
	long long next;
	if (difficulties_list(r->db, &r->arena, r->user, status, mine, below > 0 ? below : 0,
			      cursor ? strtoll(cursor, NULL, 10) : 0, 100, &list, &n,
			      &next) != RES_OK) {
		req_fail(r, "difficulties_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Difficulties"));
	html_printf(o,
		    "<h1>%s</h1>\n<p class=\"row-links\"><a class=\"button secondary\" "
		    "href=\"/difficulties?mine=1\">%s</a><a class=\"button secondary\" "
		    "href=\"/difficulties\">%s</a><a class=\"button secondary\" "
		    "href=\"/difficulties?status=resolved\">%s</a></p>\n",
		    req_t(r, "Difficulties"), req_t(r, "Waiting for me"), req_t(r, "All open"),
		    req_t(r, "Resolved"));
	struct unit u;
	if (below > 0 && units_get(r->db, &r->arena, below, &u) == RES_OK)
		html_printf(o, "<p class=\"facts\">%s %s</p>\n", req_t(r, "Only those below"),
			    u.name);
	struct team own;
	if (teams_own(r->db, &r->arena, r->user, &own) == RES_OK)
		html_printf(
		    o, "<p><a class=\"button\" href=\"/difficulties/new?team=%lld\">%s</a></p>\n",
		    own.id, req_t(r, "Report a difficulty"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No difficulties."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		const struct difficulty *d = &list[i];
		html_printf(o,
			    "<li><a href=\"/difficulties/%lld\"><span class=\"name\">%.120s</span>"
			    "<span class=\"meta\">%s · %s · %s: %s · %s ",
			    d->id, d->text, d->village, category_label(r, d->category),
			    req_t(r, "at"), d->unit, dstatus_label(r, d->status));
		page_stamp(r, d->opened_at);
		buf_puts(o, "</span></a></li>\n");
	}
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/difficulties");
	if (mine)
		url_add(&url, "mine", "1");
	if (status)
		url_add(&url, "status", status);
	if (below > 0)
		url_add_int(&url, "unit", below);
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}

static void difficulty_page(struct req *r, long long id, const char *error)
{
	struct difficulty d;
	struct difficulty_reply *rs;
	int n;
	int rc = difficulties_get(r->db, &r->arena, r->user, id, &d, &rs, &n);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "difficulties_get");
		return;
	}
	if (notices_seen(r->db, r->user, "difficulty", id) != RES_OK) {
		req_fail(r, "notices_seen");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Difficulty"));
	page_crumbs(r);
	html_printf(
	    o,
	    "<ol><li><a href=\"/difficulties\">%s</a></li>"
	    "<li aria-current=\"page\">#%lld</li></ol></nav>\n"
	    "<h1>%s</h1><p class=\"facts\"><a href=\"/teams/%lld\">%s</a> · %s · %s: %s · %s</p>\n"
	    "<p class=\"card\">%s</p>\n",
	    req_t(r, "Difficulties"), d.id, category_label(r, d.category), d.team_id, d.team,
	    d.village, req_t(r, "at"), d.unit, dstatus_label(r, d.status), d.text);
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	buf_puts(o, "<ol class=\"history\">");
	for (int i = 0; i < n; i++) {
		buf_puts(o, "<li><b>");
		page_stamp(r, rs[i].at);
		html_printf(o, "</b> %s %s", rs[i].username,
			    page_action_words(r, rs[i].action, "difficulty"));
		if (*rs[i].text)
			html_printf(o, ": «%s»", rs[i].text);
		buf_puts(o, "</li>");
	}
	buf_puts(o, "</ol>\n");
	if (teams_may_write(r->user) && strcmp(d.status, "resolved") != 0 &&
	    scope_visible(r, d.unit_id)) {
		html_printf(
		    o, "<form class=\"card\" method=\"post\" action=\"/difficulties/%lld/act\">",
		    d.id);
		page_csrf(r);
		html_printf(o,
			    "<label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" "
			    "rows=\"3\"></textarea><div class=\"actions\"><button type=\"submit\" "
			    "name=\"action\" value=\"reply\">%s</button><button type=\"submit\" "
			    "name=\"action\" value=\"resolve\" class=\"secondary\">%s</button>",
			    req_t(r, "Answer"), req_t(r, "Send the answer"), req_t(r, "Resolved"));
		if (strcmp(d.level, "ministry") != 0)
			html_printf(o,
				    "<button type=\"submit\" name=\"action\" value=\"escalate\" "
				    "class=\"secondary\">%s</button>",
				    req_t(r, "Send to the level above"));
		buf_puts(o, "</div></form>\n");
	}
	page_end(r);
}

void page_difficulty(struct req *r)
{
	difficulty_page(r, req_param_id(r, 0), NULL);
}

void page_difficulty_act(struct req *r)
{
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	const char *action = req_form(r, "action");
	int rc =
	    difficulties_act(r->db, r->user, id, action ? action : "", req_form(r, "text"), &fe);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "difficulties_act");
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	difficulty_page(
	    r, id, rc == RES_OK ? NULL : req_t(r, fe.n ? fe.e[0].msgid : "You may not do this."));
}

static void new_form(struct req *r, long long team, long long report, const char *error)
{
	struct team t;
	if (teams_get(r->db, &r->arena, r->user, team, &t) != RES_OK) {
		respond_error(r, 404, "not_found", "There is no such team.", NULL);
		return;
	}
	static const char *const cats[] = {"platform",	"device",  "connectivity",
					   "residents", "funding", "other"};
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Report a difficulty"));
	html_printf(o, "<h1>%s</h1><p class=\"facts\">%s</p>\n", req_t(r, "Report a difficulty"),
		    t.name);
	if (error)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s</p>\n", error);
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/difficulties\">"
		    "<input type=\"hidden\" name=\"team\" value=\"%lld\"><input type=\"hidden\" "
		    "name=\"report\" value=\"%lld\">",
		    team, report);
	page_csrf(r);
	html_printf(o,
		    "<label for=\"category\">%s</label><select id=\"category\" name=\"category\">",
		    req_t(r, "Kind"));
	for (int i = 0; i < 6; i++)
		html_printf(o, "<option value=\"%s\">%s</option>", cats[i],
			    category_label(r, cats[i]));
	html_printf(o,
		    "</select><label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" "
		    "rows=\"4\" required></textarea><button type=\"submit\">%s</button></form>\n",
		    req_t(r, "What is the difficulty?"), req_t(r, "Send"));
	page_end(r);
}

void page_difficulty_new(struct req *r)
{
	const char *t = req_query(r, "team"), *rep = req_query(r, "report");
	new_form(r, t ? strtoll(t, NULL, 10) : 0, rep ? strtoll(rep, NULL, 10) : 0, NULL);
}

void page_difficulty_create(struct req *r)
{
	const char *t = req_form(r, "team"), *rep = req_form(r, "report");
	long long team = t ? strtoll(t, NULL, 10) : 0, report = rep ? strtoll(rep, NULL, 10) : 0,
		  id;
	struct field_errors fe = {0};
	int rc = difficulties_open(r->db, r->user, team, report, req_form(r, "text"),
				   req_form(r, "category"), &fe, &id);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, 404, "not_found", "There is no such team.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "difficulties_open");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		new_form(r, team, report, req_t(r, fe.e[0].msgid));
		return;
	}
	req_redirect(r, 303, arena_printf(&r->arena, "/difficulties/%lld", id));
}
