/* coverage.c: training coverage of a unit and of each unit below it, and
 * the teams never trained, to invite to a training in one step. */
#include "core/catalog.h"
#include "core/coverage.h"
#include "core/perm.h"
#include "core/trainings.h"
#include "http/respond.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* The platform chosen (?platform=ID, 0: any) and its select. */
static long long platform_param(struct req *r)
{
	const char *p = req_query(r, "platform");
	return p ? strtoll(p, NULL, 10) : 0;
}

static void platform_form(struct req *r, const char *action, long long chosen)
{
	struct platform *ps;
	int np = 0;
	if (catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
		np = 0;
	html_printf(
	    &r->out,
	    "<form class=\"card\" method=\"get\" action=\"%s\"><label for=\"platform\">%s"
	    "</label><select id=\"platform\" name=\"platform\"><option value=\"\">%s</option>",
	    action, req_t(r, "Trained on"), req_t(r, "any platform"));
	for (int i = 0; i < np; i++)
		html_printf(&r->out, "<option value=\"%lld\"%s>%s</option>", ps[i].id,
			    ps[i].id == chosen ? " selected" : "",
			    r->lang == LANG_EN ? ps[i].name_en : ps[i].name_vi);
	html_printf(&r->out, "</select><button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Show"));
}

static void percent_cell(struct req *r, long long part, long long whole)
{
	int p = coverage_percent(part, whole);
	if (p < 0)
		buf_puts(&r->out, "<td>–</td>");
	else
		html_printf(&r->out, "<td>%d%%</td>", p);
}

static void coverage_cells(struct req *r, const struct coverage *c)
{
	html_printf(&r->out, "<td>%s</td><td>%s</td>", page_number_text(r, c->teams),
		    page_number_text(r, c->teams_trained));
	percent_cell(r, c->teams_trained, c->teams);
	html_printf(&r->out, "<td>%s</td><td>%s</td>", page_number_text(r, c->members),
		    page_number_text(r, c->members_trained));
	percent_cell(r, c->members_trained, c->members);
}

void page_coverage(struct req *r)
{
	long long unit = req_param_id(r, 0), platform = platform_param(r);
	char today[11];
	date_local(r->now, today);
	struct unit u;
	struct coverage total;
	struct coverage_row *rows;
	int n;
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_OK)
		rc = coverage_get(r->db, &r->arena, r->user, unit, platform, today, &total, &rows,
				  &n);
	if (!respond_result(r, rc, NULL, "coverage_get"))
		return;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Training coverage"));
	html_printf(o, "<h1>%s</h1><p class=\"facts\">%s</p>\n", req_t(r, "Training coverage"),
		    u.name);
	platform_form(r, arena_printf(&r->arena, "/units/%lld/coverage", unit), platform);
	struct buf url = BUF_INIT;
	buf_printf(&url, "/units/%lld/untrained", unit);
	if (platform)
		url_add_int(&url, "platform", platform);
	html_printf(o,
		    "<p class=\"row-links\"><a class=\"button\" href=\"%s\">%s</a>"
		    "<a class=\"button secondary\" href=\"/trainings?unit=%lld\">%s</a></p>\n",
		    buf_cstr(&url), req_t(r, "Teams never trained"), unit, req_t(r, "Trainings"));
	buf_release(&url);
	html_printf(
	    o,
	    "<div class=\"scroll\"><table class=\"breakdown\"><caption>%s</caption><thead>"
	    "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%%</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%%</th></tr></thead><tbody>",
	    req_t(r, "Teams and members trained, today"), req_t(r, "Unit"), req_t(r, "Teams"),
	    req_t(r, "trained"), req_t(r, "Members"), req_t(r, "trained"));
	for (int i = 0; i < n; i++) {
		struct coverage_row *x = &rows[i];
		if (x->u.lvl == LEVEL_VILLAGE)
			html_printf(o, "<tr><th scope=\"row\">%s</th>", x->u.name);
		else
			html_printf(
			    o,
			    "<tr><th scope=\"row\"><a href=\"/units/%lld/coverage%s\">%s</a>"
			    "</th>",
			    x->u.id,
			    platform ? arena_printf(&r->arena, "?platform=%lld", platform) : "",
			    x->u.name);
		coverage_cells(r, &x->c);
		buf_puts(o, "</tr>");
	}
	html_printf(o, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", req_t(r, "Total"));
	coverage_cells(r, &total);
	buf_puts(o, "</tr></tfoot></table></div>\n");
	page_end(r);
}

/* The form that invites every untrained team of unit to a training the
 * user manages that has not ended. */
static void invite_to(struct req *r, long long unit)
{
	struct training *list;
	int n;
	long long next;
	if (!perm_allows(r->user->role, PERM_TRAININGS_WRITE) ||
	    trainings_list(r->db, &r->arena, r->user, 0, 0, 100, &list, &n, &next) != RES_OK)
		return;
	char today[11];
	date_local(r->now, today);
	int shown = 0;
	for (int i = 0; i < n; i++) {
		if (!list[i].may_manage || strcmp(list[i].ends_on, today) < 0)
			continue;
		if (!shown++) {
			html_printf(
			    &r->out,
			    "<form class=\"card\" method=\"post\" action=\"/units/%lld/untrained\">"
			    "<h2>%s</h2><input type=\"hidden\" name=\"unit\" value=\"%lld\">"
			    "<input type=\"hidden\" name=\"untrained\" value=\"1\">",
			    unit, req_t(r, "Invite them"), unit);
			page_csrf(r);
			html_printf(&r->out,
				    "<label for=\"training\">%s</label><select id=\"training\" "
				    "name=\"training\">",
				    req_t(r, "To the training"));
		}
		html_printf(&r->out, "<option value=\"%lld\">%s (%s)</option>", list[i].id,
			    list[i].title, list[i].starts_on);
	}
	if (shown)
		html_printf(&r->out, "</select><button type=\"submit\">%s</button></form>\n",
			    req_t(r, "Invite"));
}

void page_untrained(struct req *r)
{
	long long unit = req_param_id(r, 0), platform = platform_param(r);
	const char *cursor = req_query(r, "cursor");
	char today[11];
	date_local(r->now, today);
	struct unit u;
	struct untrained_team *list;
	int n;
	long long next;
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_OK)
		rc = coverage_untrained(r->db, &r->arena, r->user, unit, platform, today,
					cursor ? strtoll(cursor, NULL, 10) : 0, 200, &list, &n,
					&next);
	if (!respond_result(r, rc, NULL, "coverage_untrained"))
		return;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Teams never trained"));
	html_printf(o, "<h1>%s</h1><p class=\"facts\">%s</p>\n", req_t(r, "Teams never trained"),
		    u.name);
	platform_form(r, arena_printf(&r->arena, "/units/%lld/untrained", unit), platform);
	invite_to(r, unit);
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "Every team has a trained member."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++)
		html_printf(o,
			    "<li><a href=\"/teams/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · %s · %s %s</span></a></li>\n",
			    list[i].team_id, list[i].team, list[i].village, list[i].commune,
			    page_number_text(r, list[i].members), req_t(r, "members"));
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_printf(&url, "/units/%lld/untrained", unit);
	if (platform)
		url_add_int(&url, "platform", platform);
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}

/* POST /units/{id}/untrained: invite them to the training chosen. */
void page_untrained_invite(struct req *r)
{
	const char *t = req_form(r, "training");
	long long training = t ? strtoll(t, NULL, 10) : 0, unit = req_param_id(r, 0), added = 0;
	struct field_errors fe = {0};
	int rc = trainings_invite(r->db, r->user, training, NULL, 0, unit, 1,
				  TRAININGS_OWN_PLATFORM, &fe, &added);
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "trainings_invite"))
		req_redirect(
		    r, 303,
		    arena_printf(&r->arena, "/trainings/%lld?invited=%lld", training, added));
}
