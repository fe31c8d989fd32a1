/* decision.c: the draft decision establishing a commune's teams
 * ("Quyết định thành lập Tổ công nghệ số cộng đồng"), laid out as a
 * Vietnamese administrative document on A4 and ready to print, with the
 * annexed list of teams and members. The document itself is always in
 * Vietnamese; the commune fills in the number and date when it signs. */
#include "core/teams.h"
#include "core/units.h"
#include "http/respond.h"
#include "http/static.h"
#include "util/escape.h"
#include "util/template.h"
#include "util/text.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define DECISION "templates/decision.html"

void page_decision(struct req *r)
{
	struct unit u;
	long long id = req_param_id(r, 0);
	if (!id || units_get(r->db, &r->arena, id, &u) != RES_OK || u.lvl != LEVEL_COMMUNE ||
	    !scope_visible(r, id)) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	struct team_filter f = {.unit = id, .limit = 500};
	struct team *teams;
	int nt;
	long long next;
	if (teams_list(r->db, &r->arena, r->user, &f, &teams, &nt, &next) != RES_OK) {
		req_fail(r, "teams_list");
		return;
	}
	/* the document is Vietnamese whatever the interface language */
	enum lang ui = r->lang;
	r->lang = LANG_VI;
	struct buf upper = BUF_INIT, kind_upper = BUF_INIT;
	text_upper(&upper, u.name);
	text_upper(&kind_upper, u.kind);
	time_t now = r->now;
	struct tm tm;
	localtime_r(&now, &tm);
	struct buf *o = &r->out;
	r->content_type = "text/html; charset=utf-8";
	char year[8], count[16], number[16], born[8];
	snprintf(year, sizeof year, "%d", (tm.tm_year + 1900) % 10000);
	snprintf(count, sizeof count, "%d", nt);
	const char *back = arena_printf(&r->arena, "/teams?unit=%lld", u.id);
	const char *head[] = {"commune",
			      u.name,
			      "commune_upper",
			      buf_cstr(&upper),
			      "place",
			      units_bare_name(&u),
			      "year",
			      year,
			      "teams",
			      count,
			      "css",
			      static_url("print.css"),
			      "js",
			      static_url("app.js"),
			      "back",
			      back,
			      "back_label",
			      i18n_get(ui, "Teams"),
			      "print_label",
			      i18n_get(ui, "Print"),
			      NULL};
	int bad = tpl_section(o, DECISION, "head", head) != 0;
	for (int i = 0; i < nt && !bad; i++) {
		struct member *ms;
		int nm;
		if (members_list(r->db, &r->arena, r->user, teams[i].id, 0, &ms, &nm) != RES_OK) {
			r->lang = ui;
			buf_release(&upper);
			buf_release(&kind_upper);
			req_fail(r, "members_list");
			return;
		}
		snprintf(number, sizeof number, "%d", i + 1);
		const char *team[] = {"number",	 number,	   "team", teams[i].name,
				      "village", teams[i].village, NULL};
		bad = tpl_section(o, DECISION, "team", team) != 0;
		for (int k = 0; k < nm && !bad; k++) {
			snprintf(number, sizeof number, "%d", k + 1);
			born[0] = '\0';
			if (ms[k].birth_year)
				snprintf(born, sizeof born, "%d", ms[k].birth_year % 10000);
			const char *member[] = {"number",
						number,
						"name",
						ms[k].full_name,
						"born",
						born,
						"affiliation",
						affiliation_label(r, ms[k].affiliation),
						"role",
						strcmp(ms[k].role, "leader") == 0 ? "Tổ trưởng"
						: strcmp(ms[k].role, "deputy") == 0 ? "Tổ phó"
										    : "Thành viên",
						"phone",
						ms[k].phone,
						NULL};
			bad = tpl_section(o, DECISION, "member", member) != 0;
		}
	}
	if (!bad)
		bad = tpl_section(o, DECISION, "foot", NULL) != 0;
	if (bad) {
		r->lang = ui;
		buf_release(&upper);
		buf_release(&kind_upper);
		req_fail(r, "the decision's template");
		return;
	}
	r->lang = ui;
	buf_release(&upper);
	buf_release(&kind_upper);
}
