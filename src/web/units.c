/* units.c: the unit browser: nation → province → commune → village, with
 * breadcrumbs, counts of children and accent-insensitive search. */
#include "core/perm.h"
#include "core/scope.h"
#include "core/targets.h"
#include "core/teams.h"
#include "core/reorg.h"
#include "core/units.h"
#include "core/units_diff.h"
#include "core/users.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* The label of the units one level below level (plural). */
static const char *children_label(struct req *r, const char *level)
{
	switch (unit_level_of(level)) {
	case LEVEL_NATION:
		return req_t(r, "provinces");
	case LEVEL_PROVINCE:
	case LEVEL_DISTRICT:
		return req_t(r, "communes");
	default:
		return req_t(r, "villages");
	}
}

static void breadcrumbs(struct req *r, const struct unit *u, const struct unit *up, int n)
{
	page_crumbs(r);
	buf_puts(&r->out, "<ol>");
	for (int i = 0; i < n; i++)
		html_printf(&r->out, "<li><a href=\"/units/%lld\">%s</a></li>", up[i].id,
			    up[i].name);
	html_printf(&r->out, "<li aria-current=\"page\">%s</li></ol></nav>\n", u->name);
}

static void unit_item(struct req *r, const struct unit *c, int show_level)
{
	struct buf *o = &r->out;
	html_printf(o, "<li><a href=\"/units/%lld\"><span class=\"name\">%s</span>", c->id,
		    c->name);
	buf_puts(o, "<span class=\"meta\">");
	if (show_level)
		html_printf(o, "%s · ", level_label(r, c->level));
	if (*c->code)
		html_printf(o, "%s %s", req_t(r, "code"), c->code);
	if (c->children) {
		buf_puts(o, " · ");
		page_number(r, c->children);
		html_printf(o, " %s", children_label(r, c->level));
	}
	buf_puts(o, "</span></a></li>\n");
}

/* What the signed-in user can do with the teams here: a commune's list and
 * decision, a village's team or the form to establish one. */
static void team_links(struct req *r, const struct unit *u)
{
	struct buf *o = &r->out;
	if (u->lvl == LEVEL_VILLAGE) {
		struct team t;
		if (teams_of_village(r->db, &r->arena, r->user, u->id, &t) == RES_OK) {
			html_printf(
			    o, "<p class=\"card\"><a href=\"/teams/%lld\"><b>%s</b></a> · %d %s",
			    t.id, t.name, t.active_members, req_t(r, "members"));
			buf_puts(o, "</p>\n");
		} else if (teams_may_write(r->user)) {
			struct team *hist;
			int nh;
			if (teams_history(r->db, &r->arena, r->user, u->id, &hist, &nh) == RES_OK &&
			    nh)
				html_printf(o, "<p>%s: <a href=\"/teams/%lld\">%s</a></p>\n",
					    req_t(r, "Earlier teams of this village"), hist[0].id,
					    hist[0].name);
			html_printf(o,
				    "<p class=\"card\">%s <a class=\"button\" "
				    "href=\"/teams/new?village=%lld\">%s</a></p>\n",
				    req_t(r, "This village has no team yet."), u->id,
				    req_t(r, "Establish a team"));
		}
	} else if (u->lvl != LEVEL_NATION) {
		html_printf(o,
			    "<p class=\"row-links\"><a class=\"button secondary\" "
			    "href=\"/teams?unit=%lld\">%s</a>"
			    " <a class=\"button secondary\" href=\"/units/%lld/progress\">%s</a>",
			    u->id, req_t(r, "Teams"), u->id, req_t(r, "Progress"));
		if (u->lvl == LEVEL_COMMUNE && scope_visible(r, u->id))
			html_printf(
			    o, " <a class=\"button secondary\" href=\"/units/%lld/group\">%s</a>",
			    u->id, req_t(r, "Management group"));
		if (u->lvl == LEVEL_COMMUNE && teams_may_write(r->user))
			html_printf(o,
				    " <a class=\"button secondary\" href=\"/units/%lld/decision\">"
				    "%s</a>",
				    u->id, req_t(r, "Draft establishment decision"));
		if (users_may_manage(r->user) && scope_visible(r, u->id))
			html_printf(o,
				    " <a class=\"button secondary\" href=\"/accounts?unit=%lld\">"
				    "%s</a>",
				    u->id, req_t(r, "Accounts for the teams"));
		buf_puts(o, "</p>\n");
	}
}

/* One side of a unit's lineage: its units linked, whole or in part, with
 * the day and the decision. */
static void lineage_list(struct req *r, const char *title, const struct succession *s, int n)
{
	struct buf *o = &r->out;
	html_printf(o, "<h3>%s</h3>\n<ul class=\"units\">\n", title);
	for (int i = 0; i < n; i++) {
		html_printf(o, "<li><a href=\"/units/%lld\">%s</a> <span class=\"facts\">",
			    s[i].unit.id, s[i].unit.name);
		if (*s[i].unit.code)
			html_printf(o, "%s %s · ", req_t(r, "code"), s[i].unit.code);
		html_printf(o, "%s",
			    strcmp(s[i].share, "whole") == 0 ? req_t(r, "whole")
							     : req_t(r, "in part"));
		if (*s[i].effective_on) {
			html_printf(o, " · %s ", req_t(r, "from"));
			i18n_date(o, r->lang, s[i].effective_on);
		}
		if (*s[i].decision_no)
			html_printf(o, " · %s", s[i].decision_no);
		buf_puts(o, "</span></li>\n");
	}
	buf_puts(o, "</ul>\n");
}

/* The units this one was formed from and those it went into, and its
 * former names, kinds and codes. */
static void lineage_section(struct req *r, const struct succession *before, int nb,
			    const struct succession *after, int na, const struct unit_change *ch,
			    int nc)
{
	if (!nb && !na && !nc)
		return;
	struct buf *o = &r->out;
	html_printf(o, "<section class=\"lineage\"><h2>%s</h2>\n", req_t(r, "Reorganisation"));
	if (nb)
		lineage_list(r, req_t(r, "Formed from"), before, nb);
	if (na)
		lineage_list(r, req_t(r, "Went into"), after, na);
	if (nc)
		html_printf(o, "<h3>%s</h3>\n<ul>\n", req_t(r, "Changes"));
	for (int i = 0; i < nc; i++) {
		const char *what = strcmp(ch[i].field, "code") == 0   ? req_t(r, "code")
				   : strcmp(ch[i].field, "kind") == 0 ? req_t(r, "kind")
								      : req_t(r, "name");
		html_printf(o, "<li>%s ", req_t(r, "from"));
		i18n_date(o, r->lang, ch[i].effective_on);
		html_printf(o, ": %s %s → %s</li>\n", what, ch[i].old_value, ch[i].new_value);
	}
	if (nc)
		buf_puts(o, "</ul>\n");
	buf_puts(o, "</section>\n");
}

/* The targets of the units this one was formed from, for those who set
 * its targets: each carried here (all or a share) or taken back. */
static void carry_section(struct req *r, const struct unit *u, const struct carry_offer *of, int n)
{
	if (!n)
		return;
	struct buf *o = &r->out;
	html_printf(
	    o, "<section id=\"carry\" class=\"carry\"><h2>%s</h2>\n<p class=\"hint\">%s</p><ul>\n",
	    req_t(r, "Targets of the former units"),
	    req_t(r, "A closed unit keeps its targets. Carry them here, all or a share, "
		     "to read this unit's past against them; they are added to its own."));
	for (int i = 0; i < n; i++) {
		const struct carry_offer *c = &of[i];
		html_printf(o,
			    "<li><a href=\"/units/%lld\">%s</a> <span class=\"facts\">%d %s</span>",
			    c->old.id, c->old.name, c->targets, req_t(r, "target(s)"));
		if (c->percent) {
			html_printf(o, " <span>%s %d%% ", req_t(r, "carried here:"), c->percent);
			i18n_date(o, r->lang, c->carried_on);
			html_printf(o,
				    "</span><form class=\"row\" method=\"post\" "
				    "action=\"/units/%lld/targets/uncarry\">",
				    u->id);
			page_csrf(r);
			html_printf(
			    o,
			    "<input type=\"hidden\" name=\"from\" value=\"%lld\">"
			    "<button type=\"submit\" class=\"secondary\">%s</button></form>",
			    c->old.id, req_t(r, "Take back"));
		} else if (c->left > 0) {
			html_printf(o,
				    "<form class=\"row\" method=\"post\" "
				    "action=\"/units/%lld/targets/carry\">",
				    u->id);
			page_csrf(r);
			html_printf(o,
				    "<input type=\"hidden\" name=\"from\" value=\"%lld\">"
				    "<label for=\"pc-%lld\">%s</label><input id=\"pc-%lld\" "
				    "name=\"percent\" type=\"number\" min=\"1\" max=\"%d\" "
				    "value=\"%d\" inputmode=\"numeric\">"
				    "<button type=\"submit\">%s</button></form>",
				    c->old.id, c->old.id, req_t(r, "Share (%)"), c->old.id, c->left,
				    c->left, req_t(r, "Carry here"));
		} else {
			html_printf(o, " <span class=\"facts\">%s</span>",
				    req_t(r, "all carried to other units"));
		}
		buf_puts(o, "</li>\n");
	}
	buf_puts(o, "</ul></section>\n");
}

/* A village's last move, and for those who may, the way back while
 * nothing was saved under the new commune. */
static void move_section(struct req *r, const struct unit *u, const struct village_move *mv)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<section id=\"move\" class=\"lineage\"><p>%s <a href=\"/units/%lld\">%s</a> ",
		    req_t(r, "Moved from"), mv->from.id, mv->from.name);
	html_printf(o, "%s <a href=\"/units/%lld\">%s</a> %s ", req_t(r, "into"), mv->to.id,
		    mv->to.name, req_t(r, "from"));
	i18n_date(o, r->lang, mv->effective_on);
	buf_puts(o, ".</p>\n");
	if (r->user && reorg_may_change(r->user) && scope_has(r->db, r->user, mv->to.id)) {
		if (mv->reversible) {
			html_printf(
			    o,
			    "<form method=\"post\" action=\"/reorganisation/villages/%lld/undo\">",
			    u->id);
			page_csrf(r);
			html_printf(
			    o, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
			    req_t(r, "Undo the move"));
		} else {
			html_printf(
			    o, "<p class=\"hint\">%s</p>\n",
			    req_t(r, "A report or a change of its team was saved since it moved: "
				     "the move can no longer be undone."));
		}
	}
	buf_puts(o, "</section>\n");
}

/* A village made by a merge: for those who may, the way back while
 * nothing of it was saved. */
static void merge_section(struct req *r, const struct unit *u, int reversible)
{
	struct buf *o = &r->out;
	if (!r->user || !teams_may_write(r->user) || !scope_has(r->db, r->user, u->id))
		return;
	if (!reversible) {
		html_printf(o, "<p class=\"hint\">%s</p>\n",
			    req_t(r,
				  "Something of this village was saved since the merge: the merge "
				  "can no longer be undone."));
		return;
	}
	html_printf(o, "<form method=\"post\" action=\"/reorganisation/merges/%lld/undo\">", u->id);
	page_csrf(r);
	html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
		    req_t(r, "Undo the merge"));
}

static void unit_page(struct req *r, long long id)
{
	struct unit u, *up;
	int nup;
	int rc = units_lineage(r->db, &r->arena, id, &u, &up, &nup);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "units_lineage");
		return;
	}
	const char *q = req_query(r, "q");
	if (q && !*q)
		q = NULL;
	const char *after = req_query(r, "after");
	struct unit_query uq = {.parent = u.id, .q = q, .limit = 100};
	if (after)
		uq.after = strtoll(after, NULL, 10);
	struct unit_page page;
	rc = units_list(r->db, &r->arena, &uq, &page);
	if (rc != RES_OK) {
		req_fail(r, "units_list");
		return;
	}
	struct succession *before, *later;
	int nb, na;
	struct unit_change *ch;
	int nc;
	if (reorg_lineage(r->db, &r->arena, u.id, &before, &nb, &later, &na) != RES_OK ||
	    units_changes(r->db, &r->arena, u.id, &ch, &nc) != RES_OK) {
		req_fail(r, "reorg_lineage");
		return;
	}
	struct village_move mv;
	int moved = 0, merged = 0, reversible = 0;
	if (u.lvl == LEVEL_VILLAGE) {
		rc = reorg_last_move(r->db, &r->arena, u.id, &mv);
		int mrc = villages_unmerge_info(r->db, u.id, &reversible);
		if (rc == RES_ERROR || mrc == RES_ERROR) {
			req_fail(r, "reorg_last_move");
			return;
		}
		moved = rc == RES_OK;
		merged = mrc == RES_OK;
	}
	struct carry_offer *offers = NULL;
	int noffers = 0;
	if (nb && r->user && targets_may_set(r->db, r->user, u.id) &&
	    targets_carry_offers(r->db, &r->arena, r->user, u.id, &offers, &noffers) != RES_OK) {
		req_fail(r, "targets_carry_offers");
		return;
	}

	struct buf *o = &r->out;
	page_begin(r, u.name);
	if (nup)
		breadcrumbs(r, &u, up, nup);
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s", u.name, level_label(r, u.level));
	if (*u.code)
		html_printf(o, " · %s %s", req_t(r, "code"), u.code);
	if (strcmp(u.valid_from, "0001-01-01") != 0) {
		html_printf(o, " · %s ", req_t(r, "since"));
		i18n_date(o, r->lang, u.valid_from);
	}
	if (*u.valid_to) {
		html_printf(o, " · %s ", req_t(r, "until"));
		i18n_date(o, r->lang, u.valid_to);
	}
	if (u.children) {
		buf_puts(o, " · ");
		page_number(r, u.children);
		html_printf(o, " %s", children_label(r, u.level));
	}
	buf_puts(o, "</p>\n");

	lineage_section(r, before, nb, later, na, ch, nc);
	carry_section(r, &u, offers, noffers);
	if (moved)
		move_section(r, &u, &mv);
	if (merged)
		merge_section(r, &u, reversible);

	if (r->user && perm_allows(r->user->role, PERM_UNITS_IMPORT) &&
	    (u.lvl == LEVEL_COMMUNE || u.lvl == LEVEL_PROVINCE) &&
	    units_in_scope(r->db, r->user->scope, u.id))
		html_printf(
		    o, "<p><a class=\"button secondary\" href=\"/import/villages\">%s</a></p>\n",
		    req_t(r, "Import villages"));

	if (r->user && scope_has(r->db, r->user, u.id))
		team_links(r, &u);
	if (u.children || q) {
		page_unit_search(r, u.id, q);
	}
	if (q) {
		html_printf(o, "<h2>%s</h2>\n", req_t(r, "Search results"));
		if (!page.n)
			html_printf(o, "<p class=\"empty\">%s</p>\n",
				    req_t(r, "Nothing matches this search."));
	}
	if (page.n) {
		buf_puts(o, "<ul class=\"units\">\n");
		for (int i = 0; i < page.n; i++)
			unit_item(r, &page.items[i], q != NULL);
		buf_puts(o, "</ul>\n");
	}
	if (page.next) {
		struct buf more = BUF_INIT;
		buf_printf(&more, "/units/%lld?after=%lld", u.id, page.next);
		if (q) {
			buf_puts(&more, "&q=");
			url_escape(&more, q);
		}
		html_printf(o, "<p><a class=\"button secondary\" href=\"%s\">%s</a></p>\n",
			    buf_cstr(&more), req_t(r, "More"));
		buf_release(&more);
	}
	if (!u.children && !q && u.lvl != LEVEL_VILLAGE)
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "No units below this one yet."));
	page_end(r);
}

void page_unit_search(struct req *r, long long unit, const char *q)
{
	html_printf(&r->out,
		    "<form class=\"search\" method=\"get\" action=\"/units/%lld\" role=\"search\">"
		    "<label for=\"q\">%s</label><div class=\"row\">"
		    "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" "
		    "placeholder=\"%s\" autocomplete=\"off\">"
		    "<button type=\"submit\">%s</button></div></form>\n",
		    unit, req_t(r, "Search by name, with or without accents"), q ? q : "",
		    req_t(r, "e.g. dong dang"), req_t(r, "Search"));
}

void page_units_root(struct req *r)
{
	long long root = units_root(r->db);
	if (!root) {
		page_begin(r, req_t(r, "Units"));
		html_printf(
		    &r->out, "<h1>%s</h1><p>%s</p>", req_t(r, "Units"),
		    req_t(r, "No administrative units yet: run langso units import-official."));
		page_end(r);
		return;
	}
	unit_page(r, root);
}

void page_unit(struct req *r)
{
	long long id = req_param_id(r, 0);
	if (!id) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	unit_page(r, id);
}
