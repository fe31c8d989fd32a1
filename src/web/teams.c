/* teams.c: the team pages: the teams of an area with their warnings, a
 * team with its members and history, and the forms to establish, edit and
 * dissolve a team and to add, edit and remove members. The rules are in
 * core/teams.c and core/members.c. */
#include "core/teams.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *member_role_label(struct req *r, const char *code)
{
	return req_t(r, member_role_msgid(code));
}

const char *affiliation_label(struct req *r, const char *code)
{
	return req_t(r, affiliation_msgid(code));
}

static void warning_badges(struct req *r, unsigned w)
{
	if (w & TEAM_FEW_MEMBERS)
		html_printf(&r->out, " <span class=\"badge warn\">%s</span>",
			    req_t(r, "fewer than 3 members"));
	if (w & TEAM_NO_LEADER)
		html_printf(&r->out, " <span class=\"badge warn\">%s</span>",
			    req_t(r, "no leader"));
	if (w & TEAM_NO_VILLAGE_HEAD)
		html_printf(&r->out, " <span class=\"badge warn\">%s</span>",
			    req_t(r, "village head not on the team"));
}

void page_teams(struct req *r)
{
	struct team_filter f = {.q = req_query(r, "q"), .limit = 200};
	const char *unit = req_query(r, "unit"), *after = req_query(r, "after");
	if (unit)
		f.unit = strtoll(unit, NULL, 10);
	if (after)
		f.after = strtoll(after, NULL, 10);
	f.dissolved = req_query(r, "dissolved") != NULL;
	struct team *list;
	int n;
	long long next;
	int rc = teams_list(r->db, &r->arena, r->user, &f, &list, &n, &next);
	if (rc != RES_OK) {
		req_fail(r, "teams_list");
		return;
	}
	struct unit u;
	const char *where = r->user->scope_name;
	if (f.unit && units_get(r->db, &r->arena, f.unit, &u) == RES_OK)
		where = u.name;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Teams"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s</p>\n", req_t(r, "Teams"), where);
	html_printf(
	    o,
	    "<form class=\"search\" method=\"get\" action=\"/teams\" role=\"search\">"
	    "<input type=\"hidden\" name=\"unit\" value=\"%lld\">"
	    "<label for=\"q\">%s</label><div class=\"row\"><input id=\"q\" name=\"q\" "
	    "type=\"search\" value=\"%s\"><button type=\"submit\">%s</button></div></form>\n",
	    f.unit, req_t(r, "Search teams, villages and members (accents optional)"),
	    f.q ? f.q : "", req_t(r, "Search"));
	if (f.unit && teams_may_write(r->user)) {
		html_printf(o,
			    "<p class=\"row-links\"><a class=\"button secondary\" "
			    "href=\"/export/teams?unit=%lld&amp;format=xlsx\">%s</a> "
			    "<a class=\"button secondary\" href=\"/export/teams?unit=%lld&amp;"
			    "format=csv\">%s</a> <a class=\"button secondary\" href=\"/units/%lld/"
			    "decision\">%s</a></p>\n",
			    f.unit, req_t(r, "Download Excel"), f.unit, req_t(r, "Download CSV"),
			    f.unit, req_t(r, "Draft establishment decision"));
	}
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No teams."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		const struct team *t = &list[i];
		html_printf(o,
			    "<li><a href=\"/teams/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s, %s · %d %s",
			    t->id, t->name, t->village, t->commune, t->active_members,
			    req_t(r, "members"));
		if (*t->dissolved_on)
			html_printf(o, " · %s", req_t(r, "dissolved"));
		warning_badges(r, t->warnings);
		buf_puts(o, "</span></a></li>\n");
	}
	buf_puts(o, "</ul>\n");
	if (next) {
		struct buf more = BUF_INIT;
		buf_printf(&more, "/teams?unit=%lld&after=%lld", f.unit, next);
		if (f.q) {
			buf_puts(&more, "&q=");
			url_escape(&more, f.q);
		}
		html_printf(o, "<p><a class=\"button secondary\" href=\"%s\">%s</a></p>\n",
			    buf_cstr(&more), req_t(r, "More"));
		buf_release(&more);
	}
	page_end(r);
}

/* A field of the form, or kept when the form does not carry it. */
static const char *form_or(struct req *r, const char *name, const char *kept)
{
	const char *v = req_form(r, name);
	return v ? v : kept;
}

static const char *count_or_empty(struct req *r, long long n)
{
	return n >= 0 ? arena_printf(&r->arena, "%lld", n) : "";
}

/* Inputs of the team form, named like the fields. */
static void team_fields(struct req *r, const struct team *t)
{
	struct buf *o = &r->out;
	const char *v[8];
	v[0] = form_or(r, "name", t ? t->name : "");
	v[1] = form_or(r, "decision_no", t ? t->decision_no : "");
	v[2] = form_or(r, "decision_date", t ? t->decision_date : "");
	v[3] = form_or(r, "decided_by", t ? t->decided_by : "");
	v[4] = form_or(r, "group_name", t ? t->group_name : "");
	v[5] = form_or(r, "group_link", t ? t->group_link : "");
	v[6] = form_or(r, "households", t ? count_or_empty(r, t->households) : "");
	v[7] =
	    form_or(r, "households_in_group", t ? count_or_empty(r, t->households_in_group) : "");
	html_printf(
	    o,
	    "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required "
	    "value=\"%s\">"
	    "<label for=\"decision_no\">%s</label><input id=\"decision_no\" "
	    "name=\"decision_no\" value=\"%s\" placeholder=\"12/QĐ-UBND\">"
	    "<label for=\"decision_date\">%s</label><input id=\"decision_date\" "
	    "name=\"decision_date\" type=\"date\" value=\"%s\">"
	    "<label for=\"decided_by\">%s</label><input id=\"decided_by\" name=\"decided_by\" "
	    "value=\"%s\">"
	    "<label for=\"group_name\">%s</label><input id=\"group_name\" name=\"group_name\" "
	    "value=\"%s\" placeholder=\"Zalo\">"
	    "<label for=\"group_link\">%s</label><input id=\"group_link\" name=\"group_link\" "
	    "type=\"url\" value=\"%s\" placeholder=\"https://zalo.me/g/...\">"
	    "<label for=\"households\">%s</label><input id=\"households\" name=\"households\" "
	    "inputmode=\"numeric\" value=\"%s\">"
	    "<label for=\"households_in_group\">%s</label><input id=\"households_in_group\" "
	    "name=\"households_in_group\" inputmode=\"numeric\" value=\"%s\">",
	    req_t(r, "Team name"), v[0], req_t(r, "Decision number"), v[1],
	    req_t(r, "Decision date"), v[2], req_t(r, "Signed by (commune chairman)"), v[3],
	    req_t(r, "Community group (Zalo...)"), v[4], req_t(r, "Link to the group"), v[5],
	    req_t(r, "Households in the village"), v[6], req_t(r, "Households in the group"), v[7]);
}

/* The team input of the form; a field the form does not carry keeps the
 * value of t (the team changed, or NULL for a new one): the edit form has
 * no establishment date, and a partial post must not wipe what it omits. */
static void team_input(struct req *r, struct team_input *in, const struct team *t)
{
	in->name = form_or(r, "name", t ? t->name : NULL);
	in->decision_no = form_or(r, "decision_no", t ? t->decision_no : NULL);
	in->decision_date = form_or(r, "decision_date", t ? t->decision_date : NULL);
	in->decided_by = form_or(r, "decided_by", t ? t->decided_by : NULL);
	in->established_on = form_or(r, "established_on", t ? t->established_on : NULL);
	in->group_name = form_or(r, "group_name", t ? t->group_name : NULL);
	in->group_link = form_or(r, "group_link", t ? t->group_link : NULL);
	in->households = form_or(r, "households", t ? count_or_empty(r, t->households) : NULL);
	in->households_in_group =
	    form_or(r, "households_in_group", t ? count_or_empty(r, t->households_in_group) : NULL);
}

static void new_team_form(struct req *r, long long village, const struct field_errors *fe)
{
	struct unit u;
	if (units_get(r->db, &r->arena, village, &u) != RES_OK || u.lvl != LEVEL_VILLAGE ||
	    !scope_visible(r, village)) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Establish a team"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s</p>\n", req_t(r, "Establish a team"),
		    u.name);
	page_field_errors(r, fe);
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/teams\">"
		    "<input type=\"hidden\" name=\"village\" value=\"%lld\">",
		    village);
	page_csrf(r);
	struct team t = {.name = arena_printf(&r->arena, "Tổ CNSCĐ %s", u.name),
			 .decision_no = "",
			 .decision_date = "",
			 .decided_by = "",
			 .group_name = "",
			 .group_link = "",
			 .households = -1,
			 .households_in_group = -1};
	team_fields(r, &t);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Establish"));
	page_end(r);
}

void page_team_new(struct req *r)
{
	const char *v = req_query(r, "village");
	new_team_form(r, v ? strtoll(v, NULL, 10) : 0, NULL);
}

void page_team_create(struct req *r)
{
	const char *v = req_form(r, "village");
	long long village = v ? strtoll(v, NULL, 10) : 0, id;
	struct team_input in;
	struct field_errors fe = {0};
	team_input(r, &in, NULL);
	int rc = teams_create(r->db, r->user, village, &in, &fe, &id);
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, "teams_create");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		new_team_form(r, village, &fe);
		return;
	}
	req_redirect(r, 303, arena_printf(&r->arena, "/teams/%lld", id));
}

static void select_options(struct req *r, const char *name, const char *label,
			   const char *const *codes,
			   const char *(*text)(struct req *, const char *), const char *selected)
{
	html_printf(&r->out, "<label>%s<select name=\"%s\">", label, name);
	for (int i = 0; codes[i]; i++)
		html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", codes[i],
			    selected && strcmp(selected, codes[i]) == 0 ? " selected" : "",
			    text(r, codes[i]));
	buf_puts(&r->out, "</select></label>");
}

static const char *gender_label(struct req *r, const char *code)
{
	return *code ? req_t(r, gender_msgid(code)) : "—";
}

static void member_fields(struct req *r, const struct member *m)
{
	static const char *const roles[] = {"leader", "deputy", "member", NULL};
	static const char *const genders[] = {"", "male", "female", NULL};
	static const char *const affs[] = {"village_head",  "youth_union", "women_union",
					   "farmers_union", "veterans",	   "police",
					   "other",	    NULL};
	struct buf *o = &r->out;
	char by[8] = "";
	if (m && m->birth_year)
		snprintf(by, sizeof by, "%d", m->birth_year);
	html_printf(
	    o,
	    "<label>%s<input name=\"full_name\" required value=\"%s\"></label>"
	    "<label>%s<input name=\"birth_year\" inputmode=\"numeric\" value=\"%s\"></label>"
	    "<label>%s<input name=\"phone\" type=\"tel\" value=\"%s\"></label>",
	    req_t(r, "Full name"), m ? m->full_name : "", req_t(r, "Year of birth"), by,
	    req_t(r, "Phone"), m && !strchr(m->phone, 'x') ? m->phone : "");
	select_options(r, "gender", req_t(r, "Gender"), genders, gender_label, m ? m->gender : "");
	select_options(r, "role", req_t(r, "Role in the team"), roles, member_role_label,
		       m ? m->role : "member");
	select_options(r, "affiliation", req_t(r, "Affiliation"), affs, affiliation_label,
		       m ? m->affiliation : "other");
	html_printf(o,
		    "<label>%s<input name=\"consent_on\" type=\"date\" value=\"%s\"></label>"
		    "<label>%s<input name=\"consent_how\" value=\"%s\" placeholder=\"%s\"></label>",
		    req_t(r, "Consent given on"), m ? m->consent_on : "",
		    req_t(r, "How consent was given"), m ? m->consent_how : "",
		    req_t(r, "e.g. signed form at the commune"));
}

static void team_page(struct req *r, long long id, const struct field_errors *fe,
		      const char *notice)
{
	struct team t;
	int rc = teams_get(r->db, &r->arena, r->user, id, &t);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such team.", NULL);
		return;
	}
	struct member *ms;
	int n;
	if (rc != RES_OK || members_list(r->db, &r->arena, r->user, id, 1, &ms, &n) != RES_OK) {
		req_fail(r, "teams_get");
		return;
	}
	int write = teams_may_write(r->user) && !*t.dissolved_on;
	struct buf *o = &r->out;
	page_begin(r, t.name);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/teams?unit=%lld\">%s</a></li>"
		    "<li><a href=\"/units/%lld\">%s</a></li><li aria-current=\"page\">%s</li>"
		    "</ol></nav>\n<h1>%s</h1>\n<p class=\"facts\">",
		    t.commune_id, t.commune, t.unit_id, t.village, t.name, t.name);
	if (*t.decision_no)
		html_printf(o, "%s %s", req_t(r, "Decision"), t.decision_no);
	if (*t.decision_date) {
		html_printf(o, " %s ", req_t(r, "of"));
		i18n_date(o, r->lang, t.decision_date);
	}
	if (*t.decided_by)
		html_printf(o, " · %s", t.decided_by);
	if (t.scan_id)
		html_printf(o, " · <a href=\"/teams/%lld/scan\">%s</a>", t.id,
			    req_t(r, "scanned decision"));
	if (*t.dissolved_on) {
		html_printf(o, " · <b>%s ", req_t(r, "dissolved on"));
		i18n_date(o, r->lang, t.dissolved_on);
		html_printf(o, "</b> %s", t.dissolved_reason);
	}
	buf_puts(o, "</p>\n");
	if (*t.group_name || t.households >= 0) {
		html_printf(o, "<p>%s: ", req_t(r, "Community group"));
		if (*t.group_link)
			html_printf(o, "<a href=\"%s\" rel=\"noopener\">%s</a>", t.group_link,
				    *t.group_name ? t.group_name : t.group_link);
		else
			html_printf(o, "%s", t.group_name);
		if (t.households > 0 && t.households_in_group >= 0)
			html_printf(o, " · %lld/%lld %s (%lld%%)", t.households_in_group,
				    t.households, req_t(r, "households"),
				    t.households_in_group * 100 / t.households);
		buf_puts(o, "</p>\n");
	}
	if (t.warnings) {
		buf_puts(o, "<p class=\"warnings\">");
		warning_badges(r, t.warnings);
		buf_puts(o, "</p>\n");
	}
	page_field_errors(r, fe);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);

	html_printf(o, "<h2>%s (%d)</h2>\n<ul class=\"members\">\n", req_t(r, "Members"),
		    t.active_members);
	for (int i = 0; i < n; i++) {
		const struct member *m = &ms[i];
		html_printf(o, "<li class=\"card%s\"><div class=\"mname\"><b>%s</b> · %s · %s",
			    *m->left_on ? " left" : "", m->full_name, member_role_label(r, m->role),
			    affiliation_label(r, m->affiliation));
		buf_puts(o, "</div><div class=\"meta\">");
		if (m->birth_year)
			html_printf(o, "%s %d · ", req_t(r, "born"), m->birth_year);
		if (*m->phone)
			html_printf(o, "%s %s", req_t(r, "phone"), m->phone);
		if (m->phone_shared)
			html_printf(o, " <span class=\"badge warn\">%s</span>",
				    req_t(r, "same phone as another member in the province"));
		if (*m->left_on) {
			html_printf(o, " · %s ", req_t(r, "left on"));
			i18n_date(o, r->lang, m->left_on);
		}
		buf_puts(o, "</div>");
		if (write && !*m->left_on) {
			html_printf(o,
				    "<details><summary>%s</summary><form method=\"post\" "
				    "action=\"/members/%lld\" class=\"grid\">",
				    req_t(r, "Edit"), m->id);
			page_csrf(r);
			member_fields(r, m);
			html_printf(o,
				    "<button type=\"submit\">%s</button></form>"
				    "<form method=\"post\" action=\"/members/%lld/leave\">",
				    req_t(r, "Save"), m->id);
			page_csrf(r);
			html_printf(o,
				    "<button type=\"submit\" class=\"secondary\">%s</button></form>"
				    "</details>",
				    req_t(r, "Remove from the team"));
		}
		buf_puts(o, "</li>\n");
	}
	buf_puts(o, "</ul>\n");
	struct team *hist;
	int nh;
	if (teams_history(r->db, &r->arena, r->user, t.unit_id, &hist, &nh) == RES_OK && nh) {
		html_printf(o, "<h2>%s</h2><ul class=\"units\">",
			    req_t(r, "Earlier teams of this village"));
		for (int i = 0; i < nh; i++) {
			if (hist[i].id == t.id)
				continue;
			html_printf(o,
				    "<li><a href=\"/teams/%lld\"><span class=\"name\">%s</span>"
				    "<span class=\"meta\">%s ",
				    hist[i].id, hist[i].name, req_t(r, "dissolved on"));
			i18n_date(o, r->lang, hist[i].dissolved_on);
			html_printf(o, " · %s</span></a></li>", hist[i].dissolved_reason);
		}
		buf_puts(o, "</ul>\n");
	}
	if (write) {
		html_printf(o,
			    "<details class=\"card\" open><summary><b>%s</b></summary>"
			    "<form method=\"post\" action=\"/teams/%lld/members\" class=\"grid\">",
			    req_t(r, "Add a member"), t.id);
		page_csrf(r);
		member_fields(r, NULL);
		html_printf(o, "<button type=\"submit\">%s</button></form></details>\n",
			    req_t(r, "Add"));
		html_printf(o,
			    "<details class=\"card\"><summary><b>%s</b></summary>"
			    "<form method=\"post\" action=\"/teams/%lld\">",
			    req_t(r, "Edit the team"), t.id);
		page_csrf(r);
		team_fields(r, &t);
		html_printf(o,
			    "<button type=\"submit\">%s</button></form>"
			    "<form method=\"post\" action=\"/teams/%lld/scan\" "
			    "enctype=\"multipart/form-data\">",
			    req_t(r, "Save"), t.id);
		page_csrf(r);
		html_printf(o,
			    "<label>%s<input type=\"file\" name=\"scan\" accept=\".pdf,.jpg,.jpeg,"
			    ".png,application/pdf,image/jpeg,image/png\" required "
			    "data-max-bytes=\"5242880\" data-too-large=\"%s\"></label>"
			    "<button type=\"submit\" class=\"secondary\">%s</button></form>"
			    "<form method=\"post\" action=\"/teams/%lld/dissolve\">",
			    req_t(r, "Scanned decision (PDF, JPEG or PNG, at most 5 MB)"),
			    req_t(r, "the file is larger than 5 MB"), req_t(r, "Upload"), t.id);
		page_csrf(r);
		html_printf(o,
			    "<label>%s<input name=\"dissolved_on\" type=\"date\" required></label>"
			    "<label>%s<input name=\"reason\"></label>"
			    "<button type=\"submit\" class=\"secondary\">%s</button></form>"
			    "</details>\n",
			    req_t(r, "Dissolved on"), req_t(r, "Reason"),
			    req_t(r, "Dissolve the team"));
	}
	page_end(r);
}

void page_team(struct req *r)
{
	team_page(r, req_param_id(r, 0), NULL, NULL);
}

/* After a change to team id: its page with the errors or a notice. */
static void after_change(struct req *r, long long id, int rc, const struct field_errors *fe,
			 const char *done, const char *what)
{
	if (rc == RES_NOT_FOUND || rc == RES_FORBIDDEN || !id) {
		respond_error(r, 404, "not_found", "There is no such team.", NULL);
		return;
	}
	if (rc == RES_ERROR) {
		req_fail(r, what);
		return;
	}
	if (rc != RES_OK)
		r->status = 422;
	team_page(r, id, fe, rc == RES_OK ? req_t(r, done) : NULL);
}

void page_team_update(struct req *r)
{
	struct team_input in;
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	struct team t;
	int rc = teams_get(r->db, &r->arena, r->user, id, &t);
	if (rc == RES_OK) {
		team_input(r, &in, &t);
		rc = teams_update(r->db, r->user, id, &in, &fe);
	}
	after_change(r, id, rc, &fe, N_("Saved."), "teams_update");
}

void page_team_dissolve(struct req *r)
{
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	int rc = teams_dissolve(r->db, r->user, id, req_form(r, "dissolved_on"),
				req_form(r, "reason"), &fe);
	after_change(r, id, rc, &fe, N_("The team is dissolved; its history is kept."),
		     "teams_dissolve");
}

void page_team_scan_upload(struct req *r)
{
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	const struct form_field *f = req_file(r, "scan");
	int rc = f ? teams_set_scan(r->db, r->user, id, f->filename, f->value, f->len, &fe)
		   : RES_INVALID;
	if (!f)
		field_error_add(&fe, "scan", N_("the file is not a PDF, JPEG or PNG"), NULL);
	after_change(r, id, rc, &fe, N_("The scanned decision is saved."), "teams_set_scan");
}

void page_team_scan(struct req *r)
{
	const char *mime;
	const void *data;
	size_t len;
	int rc = teams_scan(r->db, &r->arena, r->user, req_param_id(r, 0), &mime, &data, &len);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "teams_scan");
		return;
	}
	r->content_type = mime;
	req_add_header(r, "Content-Disposition", "inline");
	req_add_header(r, "Cache-Control", "private, no-store");
	buf_append(&r->out, data, len);
}

static void member_input(struct req *r, struct member_input *in)
{
	in->full_name = req_form(r, "full_name");
	in->birth_year = req_form(r, "birth_year");
	in->gender = req_form(r, "gender");
	in->phone = req_form(r, "phone");
	in->role = req_form(r, "role");
	in->affiliation = req_form(r, "affiliation");
	in->joined_on = req_form(r, "joined_on");
	in->consent_on = req_form(r, "consent_on");
	in->consent_how = req_form(r, "consent_how");
}

void page_member_add(struct req *r)
{
	struct member_input in;
	struct field_errors fe = {0};
	member_input(r, &in);
	long long id = req_param_id(r, 0), mid;
	int rc = members_add(r->db, r->user, id, &in, &fe, &mid);
	after_change(r, id, rc, &fe, N_("The member is added."), "members_add");
}

void page_member_update(struct req *r)
{
	struct member_input in;
	struct field_errors fe = {0};
	member_input(r, &in);
	long long mid = req_param_id(r, 0);
	long long team = members_team(r->db, r->user, mid);
	int rc = members_update(r->db, r->user, mid, &in, &fe);
	after_change(r, team, rc, &fe, N_("Saved."), "members_update");
}

void page_member_leave(struct req *r)
{
	struct field_errors fe = {0};
	long long mid = req_param_id(r, 0);
	long long team = members_team(r->db, r->user, mid);
	int rc = members_leave(r->db, r->user, mid, req_form(r, "left_on"), &fe);
	after_change(r, team, rc, &fe, N_("The member has left the team; the history is kept."),
		     "members_leave");
}
