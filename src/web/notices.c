/* notices.c: the list of what calls for the signed-in user (/notices), the
 * newest first, unread ones marked; each opens the report or difficulty,
 * which marks it read. */
#include "core/notices.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"

/* What an item is, in words. */
static const char *kind_words(struct req *r, enum notice_kind k)
{
	switch (k) {
	case NOTICE_RETURNED:
		return req_t(r, "Report returned to the team");
	case NOTICE_ANSWERED:
		return req_t(r, "Difficulty answered");
	case NOTICE_WAITING:
		return req_t(r, "Report waiting for your review");
	case NOTICE_SENT_UP:
		return req_t(r, "Difficulty waiting at your level");
	}
	return "";
}

void page_notices(struct req *r)
{
	struct notice *list;
	int n;
	long long unread;
	if (notices_list(r->db, &r->arena, r->user, 200, &list, &n, &unread) != RES_OK) {
		req_fail(r, "notices_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Notifications"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s ", req_t(r, "Notifications"),
		    req_t(r, "Unread:"));
	page_number(r, unread);
	buf_puts(o, "</p>\n");
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "Nothing calls for you now."));
	else
		buf_puts(o, "<ul class=\"units notices\">\n");
	for (int i = 0; i < n; i++) {
		const struct notice *x = &list[i];
		int report = x->kind == NOTICE_RETURNED || x->kind == NOTICE_WAITING;
		page_markup(r, x->unread ? "<li class=\"unread\">" : "<li>");
		if (report)
			html_printf(o, "<a href=\"/teams/%lld/reports/%s\">", x->team_id,
				    x->period);
		else
			html_printf(o, "<a href=\"/difficulties/%lld\">", x->id);
		html_printf(o, "<span class=\"name\">%s%s</span><span class=\"meta\">%s · %s",
			    x->unread ? req_t(r, "New: ") : "", kind_words(r, x->kind), x->village,
			    x->team);
		if (report) {
			struct period p;
			if (period_parse(x->period, &p) == 0)
				html_printf(o, " · %s", page_period_words(r, &p));
		}
		if (*x->text)
			html_printf(o, " · «%s»", x->text);
		buf_puts(o, " · ");
		page_stamp(r, x->at);
		buf_puts(o, "</span></a></li>\n");
	}
	if (n)
		buf_puts(o, "</ul>\n");
	page_end(r);
}
