/* announcements.c: announcements of the management group: the list (the
 * unread ones marked), writing one to an area, reading one (which is the
 * read receipt), answering it, and who has read and answered. */
#include "core/announcements.h"
#include "core/perm.h"
#include "core/roles.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "util/markdown.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static void item(struct req *r, const struct announcement *x)
{
	struct buf *o = &r->out;
	html_printf(o, "<li%s><a href=\"/announcements/%lld\"><span class=\"name\">%s%s</span>",
		    x->unread ? " class=\"unread\"" : "", x->id, x->unread ? "● " : "", x->title);
	html_printf(o, "<span class=\"meta\">%s → %s · ", x->unit, x->scope);
	page_stamp(r, x->posted_at);
	if (x->asks_answer)
		html_printf(o, " · %s", req_t(r, "asks for an answer"));
	if (x->may_receipts)
		html_printf(o, " · %s %s · %s %s", page_number_text(r, x->read), req_t(r, "read"),
			    page_number_text(r, x->answers), req_t(r, "answers"));
	buf_puts(o, "</span></a></li>\n");
}

void page_announcements(struct req *r)
{
	const char *cursor = req_query(r, "cursor");
	long long offset = cursor ? strtoll(cursor, NULL, 10) : 0;
	struct announcement *list;
	int n;
	long long next;
	if (announcements_list(r->db, &r->arena, r->user, offset, 50, &list, &n, &next) != RES_OK) {
		req_fail(r, "announcements_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Announcements"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Announcements"));
	if (perm_allows(r->user->role, PERM_TEAMS_WRITE))
		html_printf(o,
			    "<p class=\"row-links\"><a class=\"button\" "
			    "href=\"/announcements/new\">%s</a></p>\n",
			    req_t(r, "Write an announcement"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No announcement yet."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++)
		item(r, &list[i]);
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/announcements");
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}

/* The areas who may write to: their own, and the units one level down. */
static void scope_select(struct req *r, const char *chosen)
{
	struct buf *o = &r->out;
	struct unit own;
	if (units_get(r->db, &r->arena, r->user->scope, &own) != RES_OK)
		return;
	html_printf(o,
		    "<label for=\"scope\">%s</label><select id=\"scope\" name=\"scope\">"
		    "<option value=\"%lld\">%s (%s)</option>",
		    req_t(r, "To"), own.id, own.name, req_t(r, "all of it"));
	const char *below = own.lvl == LEVEL_NATION				     ? "province"
			    : own.lvl == LEVEL_PROVINCE || own.lvl == LEVEL_DISTRICT ? "commune"
										     : NULL;
	struct unit_choice *ch;
	int nch = 0;
	if (below && units_choices(r->db, &r->arena, own.id, below, 500, &ch, &nch) != RES_OK)
		nch = 0;
	for (int i = 0; i < nch; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", ch[i].id);
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", ch[i].id,
			    chosen && strcmp(chosen, id) == 0 ? " selected" : "", ch[i].name);
	}
	buf_puts(o, "</select>");
}

static void new_form(struct req *r, const struct field_errors *fe)
{
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Write an announcement"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Write an announcement"));
	page_field_errors(r, fe);
	buf_puts(o, "<form class=\"card\" method=\"post\" action=\"/announcements\">");
	page_csrf(r);
	const char *title = req_form(r, "title"), *body = req_form(r, "body");
	html_printf(o,
		    "<label for=\"title\">%s</label><input id=\"title\" name=\"title\" required "
		    "maxlength=\"200\" value=\"%s\"><label for=\"body\">%s</label>"
		    "<textarea id=\"body\" name=\"body\" rows=\"8\" required "
		    "aria-describedby=\"body-hint\">%s</textarea><p class=\"hint\" "
		    "id=\"body-hint\">%s</p>",
		    req_t(r, "Subject"), title ? title : "", req_t(r, "Text"), body ? body : "",
		    req_t(r, "Plain text; a blank line starts a paragraph, \"- \" a list item, "
			     "**bold**, [a link](https://...)."));
	scope_select(r, req_form(r, "scope"));
	const char *aud = req_form(r, "audience");
	html_printf(o,
		    "<label for=\"audience\">%s</label><select id=\"audience\" name=\"audience\">",
		    req_t(r, "Who"));
	for (int i = 0; i < AUDIENCE_COUNT; i++)
		html_printf(
		    o, "<option value=\"%s\"%s>%s</option>", audience_name((enum audience)i),
		    aud && strcmp(aud, audience_name((enum audience)i)) == 0 ? " selected" : "",
		    req_t(r, audience_msgid((enum audience)i)));
	const char **kinds;
	int nk = 0;
	if (units_kinds(r->db, &r->arena, &kinds, &nk) != RES_OK)
		nk = 0;
	const char *kind = req_form(r, "unit_kind");
	html_printf(o,
		    "</select><label for=\"unit_kind\">%s</label><select id=\"unit_kind\" "
		    "name=\"unit_kind\"><option value=\"\">%s</option>",
		    req_t(r, "Only in communes or villages of the kind"), req_t(r, "any kind"));
	for (int i = 0; i < nk; i++)
		html_printf(o, "<option%s>%s</option>",
			    kind && strcmp(kind, kinds[i]) == 0 ? " selected" : "", kinds[i]);
	const char *by = req_form(r, "answer_by");
	html_printf(o,
		    "</select><label class=\"check\"><input type=\"checkbox\" name=\"asks_answer\" "
		    "value=\"1\"%s> %s</label><label for=\"answer_by\">%s</label>"
		    "<input id=\"answer_by\" name=\"answer_by\" type=\"date\" value=\"%s\">"
		    "<button type=\"submit\">%s</button></form>\n",
		    req_form(r, "asks_answer") ? " checked" : "", req_t(r, "Ask for an answer"),
		    req_t(r, "Answers due by (optional)"), by ? by : "", req_t(r, "Send"));
	page_end(r);
}

void page_announcement_new(struct req *r)
{
	new_form(r, NULL);
}

void page_announcement_post(struct req *r)
{
	const char *scope = req_form(r, "scope");
	struct announcement_input in = {
	    .title = req_form(r, "title"),
	    .body = req_form(r, "body"),
	    .scope = scope ? strtoll(scope, NULL, 10) : 0,
	    .audience = req_form(r, "audience"),
	    .unit_kind = req_form(r, "unit_kind"),
	    .asks_answer = req_form(r, "asks_answer") != NULL,
	    .answer_by = req_form(r, "answer_by"),
	};
	struct field_errors fe = {0};
	long long id = 0;
	int rc = announcements_post(r->db, &r->arena, r->user, &in, &fe, &id);
	if (rc == RES_INVALID) {
		r->status = 422;
		new_form(r, &fe);
		return;
	}
	if (respond_result(r, rc, &fe, "announcements_post"))
		req_redirect(r, 303, arena_printf(&r->arena, "/announcements/%lld", id));
}

/* Who has read it and what they answered, a page at a time. */
static void receipts(struct req *r, const struct announcement *x)
{
	struct buf *o = &r->out;
	const char *cursor = req_query(r, "cursor");
	struct receipt *list;
	int n;
	long long next, total;
	if (announcements_receipts(r->db, &r->arena, r->user, x->id,
				   cursor ? strtoll(cursor, NULL, 10) : 0, 100, &list, &n, &next,
				   &total) != RES_OK)
		return;
	html_printf(o, "<section class=\"card\"><h2>%s</h2><p>%s / %s %s",
		    req_t(r, "Read receipts"), page_number_text(r, x->read),
		    page_number_text(r, total), req_t(r, "recipients have read it"));
	if (x->asks_answer)
		html_printf(o, "; %s %s", page_number_text(r, x->answers), req_t(r, "answered"));
	html_printf(o,
		    ".</p><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th></tr></thead><tbody>",
		    req_t(r, "Recipient"), req_t(r, "Unit"), req_t(r, "Read"), req_t(r, "Answer"));
	for (int i = 0; i < n; i++) {
		const struct receipt *c = &list[i];
		html_printf(o, "<tr><td>%s <span class=\"hint\">%s</span></td><td>%s</td><td>",
			    *c->name ? c->name : c->username, c->username, c->unit);
		if (*c->read_at)
			page_stamp(r, c->read_at);
		else
			html_printf(o, "<b>%s</b>", req_t(r, "not yet"));
		html_printf(o, "</td><td>%s</td></tr>", c->answer);
	}
	buf_puts(o, "</tbody></table></div>");
	struct buf url = BUF_INIT;
	buf_printf(&url, "/announcements/%lld", x->id);
	page_next_link(r, &url, next);
	buf_release(&url);
	buf_puts(o, "</section>\n");
}

static void show(struct req *r, long long id, const struct field_errors *fe)
{
	struct announcement x;
	if (!respond_result(r, announcements_get(r->db, &r->arena, r->user, id, &x), NULL,
			    "announcements_get"))
		return;
	struct buf *o = &r->out;
	page_begin(r, x.title);
	html_printf(o, "<h1>%s</h1>\n<p class=\"meta\">%s → %s (%s", x.title, x.unit, x.scope,
		    req_t(r, audience_msgid(x.audience)));
	if (*x.unit_kind)
		html_printf(o, ", %s", x.unit_kind);
	html_printf(o, ") · %s · ", x.author);
	page_stamp(r, x.posted_at);
	buf_puts(o, "</p>\n");
	page_field_errors(r, fe);
	buf_puts(o, "<article class=\"card\">");
	markdown_html(o, x.body, strlen(x.body));
	buf_puts(o, "</article>\n");
	if (x.recipient && x.asks_answer) {
		const char *typed = req_form(r, "answer");
		html_printf(
		    o,
		    "<form class=\"card\" method=\"post\" action=\"/announcements/%lld/answer\">"
		    "<label for=\"answer\">%s",
		    x.id, req_t(r, "Your answer"));
		if (*x.answer_by)
			html_printf(o, " (%s %s)", req_t(r, "due by"), x.answer_by);
		buf_puts(o, "</label>");
		page_csrf(r);
		html_printf(
		    o,
		    "<textarea id=\"answer\" name=\"answer\" rows=\"4\" required>%s</textarea>"
		    "<button type=\"submit\">%s</button></form>\n",
		    typed ? typed : x.my_answer,
		    *x.my_answer ? req_t(r, "Change my answer") : req_t(r, "Send my answer"));
	}
	if (x.may_receipts)
		receipts(r, &x);
	html_printf(o, "<p><a href=\"/announcements\">%s</a></p>", req_t(r, "All announcements"));
	page_end(r);
}

void page_announcement(struct req *r)
{
	show(r, req_param_id(r, 0), NULL);
}

void page_announcement_answer(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	int rc = announcements_answer(r->db, &r->arena, r->user, id, req_form(r, "answer"), &fe);
	if (rc == RES_INVALID) {
		r->status = 422;
		show(r, id, &fe);
		return;
	}
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "announcements_answer"))
		req_redirect(r, 303, arena_printf(&r->arena, "/announcements/%lld", id));
}
