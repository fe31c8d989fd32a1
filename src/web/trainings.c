/* trainings.c: the trainings of one's area (latest first), planning and
 * changing one, inviting teams (the untrained ones of a unit in one
 * step), and recording a team's attendance from a phone. */
#include "core/catalog.h"
#include "core/enterprises.h"
#include "core/perm.h"
#include "core/roles.h"
#include "core/trainings.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static const char *mode_label(struct req *r, enum training_mode m)
{
	return req_t(r, m == MODE_ONLINE ? N_("Online") : N_("In person"));
}

static const char *platform_name(struct req *r, const struct platform *p)
{
	return r->lang == LANG_EN ? p->name_en : p->name_vi;
}

/* "dd/mm/yyyy" or "dd/mm/yyyy – dd/mm/yyyy" of a training's days. */
const char *page_training_days(struct req *r, const struct training *t)
{
	const char *a = t->starts_on, *b = t->ends_on;
	if (strcmp(a, b) == 0)
		return arena_printf(&r->arena, "%.2s/%.2s/%.4s", a + 8, a + 5, a);
	return arena_printf(&r->arena, "%.2s/%.2s/%.4s – %.2s/%.2s/%.4s", a + 8, a + 5, a, b + 8,
			    b + 5, b);
}

void page_trainings(struct req *r)
{
	const char *unit = req_query(r, "unit"), *cursor = req_query(r, "cursor");
	long long below = unit ? strtoll(unit, NULL, 10) : 0;
	struct training *list;
	int n;
	long long next;
	if (trainings_list(r->db, &r->arena, r->user, below > 0 ? below : 0,
			   cursor ? strtoll(cursor, NULL, 10) : 0, 50, &list, &n,
			   &next) != RES_OK) {
		req_fail(r, "trainings_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Trainings"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"row-links\">", req_t(r, "Trainings"));
	if (perm_allows(r->user->role, PERM_TRAININGS_WRITE))
		html_printf(o, "<a class=\"button\" href=\"/trainings/new\">%s</a>",
			    req_t(r, "Plan a training"));
	html_printf(o, "<a class=\"button secondary\" href=\"/units/%lld/coverage\">%s</a></p>\n",
		    r->user->scope, req_t(r, "Training coverage"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No trainings yet."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		const struct training *t = &list[i];
		html_printf(o,
			    "<li><a href=\"/trainings/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · %s · %s",
			    t->id, t->title, page_training_days(r, t), t->unit,
			    mode_label(r, t->mode));
		if (*t->enterprise)
			html_printf(o, " · %s", t->enterprise);
		html_printf(o, " · %s %s · %s %s</span></a></li>\n", page_number_text(r, t->teams),
			    req_t(r, "teams invited"), page_number_text(r, t->present),
			    req_t(r, "present"));
	}
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/trainings");
	if (below > 0)
		url_add_int(&url, "unit", below);
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}

/* A field of the form sent back, else the training's value. */
static const char *kept(struct req *r, const char *name, const char *value)
{
	const char *v = req_form(r, name);
	return v ? v : value;
}

/* The platforms ticked in the form (every "platform" field). */
static void ticked_platforms(struct req *r, struct training_input *in)
{
	long long *ids = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *ids);
	int n = 0;
	for (int i = 0; i < r->nform; i++)
		if (!r->form[i].filename && strcmp(r->form[i].name, "platform") == 0)
			ids[n++] = strtoll(r->form[i].value, NULL, 10);
	in->platforms = ids;
	in->nplatforms = n;
}

static void training_input(struct req *r, struct training_input *in)
{
	memset(in, 0, sizeof *in);
	const char *unit = req_form(r, "unit");
	in->unit_id = unit ? strtoll(unit, NULL, 10) : 0;
	in->title = req_form(r, "title");
	in->enterprise = req_form(r, "enterprise");
	in->trainers = req_form(r, "trainers");
	in->mode = req_form(r, "mode");
	in->place = req_form(r, "place");
	in->link = req_form(r, "link");
	in->starts_on = req_form(r, "starts_on");
	in->ends_on = req_form(r, "ends_on");
	in->topics = req_form(r, "topics");
	in->materials = req_form(r, "materials");
	ticked_platforms(r, in);
}

static int listed(const long long *ids, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The fields of the training form: t's values (NULL for a new one). */
static void training_fields(struct req *r, const struct training *t)
{
	struct buf *o = &r->out;
	if (!t) { /* the unit, chosen once */
		struct unit_choice *units;
		int nu = 0;
		if (trainings_units(r->db, &r->arena, r->user, &units, &nu) != RES_OK)
			nu = 0;
		const char *chosen = kept(r, "unit", "");
		html_printf(o, "<label for=\"unit\">%s</label><select id=\"unit\" name=\"unit\">",
			    req_t(r, "For"));
		for (int i = 0; i < nu; i++)
			html_printf(o, "<option value=\"%lld\"%s>%s</option>", units[i].id,
				    strtoll(chosen, NULL, 10) == units[i].id ? " selected" : "",
				    units[i].name);
		buf_puts(o, "</select>");
	}
	const char *mode = kept(r, "mode", t ? trainings_mode_name(t->mode) : "in_person");
	html_printf(
	    o,
	    "<label for=\"title\">%s</label><input id=\"title\" name=\"title\" required "
	    "value=\"%s\" placeholder=\"%s\">"
	    "<fieldset><legend>%s</legend><label class=\"check\"><input type=\"radio\" "
	    "name=\"mode\" value=\"in_person\"%s> %s</label><label class=\"check\"><input "
	    "type=\"radio\" name=\"mode\" value=\"online\"%s> %s</label></fieldset>"
	    "<label for=\"place\">%s</label><input id=\"place\" name=\"place\" value=\"%s\">"
	    "<label for=\"link\">%s</label><input id=\"link\" name=\"link\" type=\"url\" "
	    "value=\"%s\" placeholder=\"https://\">"
	    "<label for=\"starts_on\">%s</label><input id=\"starts_on\" name=\"starts_on\" "
	    "type=\"date\" required value=\"%s\">"
	    "<label for=\"ends_on\">%s</label><input id=\"ends_on\" name=\"ends_on\" "
	    "type=\"date\" value=\"%s\">"
	    "<label for=\"trainers\">%s</label><input id=\"trainers\" name=\"trainers\" "
	    "value=\"%s\">",
	    req_t(r, "Title"), kept(r, "title", t ? t->title : ""),
	    req_t(r, "e.g. Guiding residents through VNeID level 2"), req_t(r, "How"),
	    strcmp(mode, "online") ? " checked" : "", req_t(r, "In person"),
	    strcmp(mode, "online") ? "" : " checked", req_t(r, "Online"),
	    req_t(r, "Place (in person)"), kept(r, "place", t ? t->place : ""),
	    req_t(r, "Link (online)"), kept(r, "link", t ? t->link : ""), req_t(r, "First day"),
	    kept(r, "starts_on", t ? t->starts_on : ""), req_t(r, "Last day"),
	    kept(r, "ends_on", t ? t->ends_on : ""), req_t(r, "Trainers"),
	    kept(r, "trainers", t ? t->trainers : ""));
	if (role_of(r->user->role) != ROLE_ENTERPRISE) {
		struct enterprise *es;
		int ne = 0;
		if (enterprises_list(r->db, &r->arena, r->user, &es, &ne) != RES_OK)
			ne = 0;
		long long chosen = strtoll(
		    kept(r, "enterprise",
			 t && t->enterprise_id ? arena_printf(&r->arena, "%lld", t->enterprise_id)
					       : ""),
		    NULL, 10);
		html_printf(o,
			    "<label for=\"enterprise\">%s</label><select id=\"enterprise\" "
			    "name=\"enterprise\"><option value=\"\">%s</option>",
			    req_t(r, "With the enterprise"), req_t(r, "none"));
		for (int i = 0; i < ne; i++)
			html_printf(o, "<option value=\"%lld\"%s>%s</option>", es[i].id,
				    es[i].id == chosen ? " selected" : "", es[i].name);
		buf_puts(o, "</select>");
	}
	struct platform *ps;
	int np = 0;
	if (catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
		np = 0;
	/* ticked: as sent back, else the training's */
	struct training_input sent = {0};
	if (req_form(r, "title"))
		ticked_platforms(r, &sent);
	else if (t)
		sent.platforms = t->platforms, sent.nplatforms = t->nplatforms;
	html_printf(o, "<fieldset><legend>%s</legend>", req_t(r, "Platforms covered"));
	for (int i = 0; i < np; i++)
		html_printf(o,
			    "<label class=\"check\"><input type=\"checkbox\" name=\"platform\" "
			    "value=\"%lld\"%s> %s</label>",
			    ps[i].id,
			    listed(sent.platforms, sent.nplatforms, ps[i].id) ? " checked" : "",
			    platform_name(r, &ps[i]));
	html_printf(
	    o,
	    "</fieldset><label for=\"topics\">%s</label><textarea id=\"topics\" "
	    "name=\"topics\" rows=\"3\">%s</textarea>"
	    "<label for=\"materials\">%s</label><textarea id=\"materials\" "
	    "name=\"materials\" rows=\"3\" aria-describedby=\"materials-hint\">%s</textarea>"
	    "<p class=\"hint\" id=\"materials-hint\">%s</p>",
	    req_t(r, "Topics"), kept(r, "topics", t ? t->topics : ""), req_t(r, "Materials"),
	    kept(r, "materials", t ? t->materials : ""),
	    req_t(r, "One link a line (slides, videos, the national platform's course)."));
}

static void new_form(struct req *r, const struct field_errors *fe)
{
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Plan a training"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Plan a training"));
	page_field_errors(r, fe);
	buf_puts(o, "<form class=\"card\" method=\"post\" action=\"/trainings\">");
	page_csrf(r);
	training_fields(r, NULL);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Save"));
	page_end(r);
}

void page_training_new(struct req *r)
{
	new_form(r, NULL);
}

void page_training_create(struct req *r)
{
	struct training_input in;
	training_input(r, &in);
	struct field_errors fe = {0};
	long long id;
	int rc = trainings_create(r->db, &r->arena, r->user, &in, &fe, &id);
	if (rc == RES_INVALID) {
		r->status = 422;
		new_form(r, &fe);
		return;
	}
	if (respond_result(r, rc, &fe, "trainings_create"))
		req_redirect(r, 303, arena_printf(&r->arena, "/trainings/%lld", id));
}

/* The training's facts, as a definition list. */
static void facts(struct req *r, const struct training *t)
{
	struct buf *o = &r->out;
	html_printf(o, "<dl class=\"facts-list\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		    req_t(r, "For"), t->unit, req_t(r, "When"), page_training_days(r, t));
	html_printf(o, "<dt>%s</dt><dd>%s", req_t(r, "How"), mode_label(r, t->mode));
	if (*t->place)
		html_printf(o, " · %s", t->place);
	if (*t->link)
		html_printf(o, " · <a href=\"%s\" rel=\"noopener\">%s</a>", t->link, t->link);
	buf_puts(o, "</dd>");
	if (*t->enterprise)
		html_printf(o, "<dt>%s</dt><dd>%s</dd>", req_t(r, "With the enterprise"),
			    t->enterprise);
	if (*t->trainers)
		html_printf(o, "<dt>%s</dt><dd>%s</dd>", req_t(r, "Trainers"), t->trainers);
	if (t->nplatforms) {
		struct platform *ps;
		int np = 0;
		if (catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
			np = 0;
		html_printf(o, "<dt>%s</dt><dd>", req_t(r, "Platforms covered"));
		int k = 0;
		for (int i = 0; i < np; i++)
			if (listed(t->platforms, t->nplatforms, ps[i].id))
				html_printf(o, "%s%s", k++ ? ", " : "", platform_name(r, &ps[i]));
		buf_puts(o, "</dd>");
	}
	if (*t->topics)
		html_printf(o, "<dt>%s</dt><dd>%s</dd>", req_t(r, "Topics"), t->topics);
	if (*t->materials) {
		html_printf(o, "<dt>%s</dt><dd><ul>", req_t(r, "Materials"));
		for (const char *p = t->materials; *p;) {
			size_t k = strcspn(p, "\n");
			const char *link = arena_strndup(&r->arena, p, k);
			html_printf(o, "<li><a href=\"%s\" rel=\"noopener\">%s</a></li>", link,
				    link);
			p += k + (p[k] == '\n');
		}
		buf_puts(o, "</ul></dd>");
	}
	html_printf(o, "<dt>%s</dt><dd>%s · %s %s · %s %s</dd></dl>\n", req_t(r, "Attendance"),
		    arena_printf(&r->arena, "%s %s", page_number_text(r, t->teams),
				 req_t(r, "teams invited")),
		    page_number_text(r, t->present), req_t(r, "present"),
		    page_number_text(r, t->completed), req_t(r, "completed"));
}

/* The invitation form: the teams of a unit, all or the untrained ones. */
static void invite_form(struct req *r, const struct training *t)
{
	struct buf *o = &r->out;
	struct unit_choice *units;
	int nu = 0;
	if (trainings_units(r->db, &r->arena, r->user, &units, &nu) != RES_OK)
		nu = 0;
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/trainings/%lld/invite\">"
		    "<h2>%s</h2>",
		    t->id, req_t(r, "Invite teams"));
	page_csrf(r);
	html_printf(
	    o, "<label for=\"invite-unit\">%s</label><select id=\"invite-unit\" name=\"unit\">",
	    req_t(r, "The teams of"));
	for (int i = 0; i < nu; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", units[i].id,
			    units[i].id == t->unit_id ? " selected" : "", units[i].name);
	html_printf(o,
		    "</select><label class=\"check\"><input type=\"checkbox\" name=\"untrained\" "
		    "value=\"1\" checked> %s</label><button type=\"submit\">%s</button></form>\n",
		    t->nplatforms == 1 ? req_t(r, "only those never trained on this platform")
				       : req_t(r, "only those never trained"),
		    req_t(r, "Invite"));
}

/* The sign-in sheet: download it, send it back filled in. */
static void sheet_form(struct req *r, long long id)
{
	html_printf(&r->out,
		    "<form class=\"card\" method=\"post\" action=\"/trainings/%lld/sheet\" "
		    "enctype=\"multipart/form-data\"><h2>%s</h2><p class=\"hint\">%s "
		    "<a href=\"/trainings/%lld/sheet.csv\" download>%s</a></p>",
		    id, req_t(r, "The sign-in sheet"),
		    req_t(r,
			  "Download the sheet of the invited members, mark who came, and send it "
			  "back."),
		    id, req_t(r, "Download the sheet (CSV)"));
	page_csrf(r);
	html_printf(
	    &r->out,
	    "<label for=\"sheet\">%s</label><input id=\"sheet\" name=\"file\" type=\"file\" "
	    "accept=\".csv,text/csv\" required><button type=\"submit\">%s</button></form>\n",
	    req_t(r, "The filled sheet"), req_t(r, "Record attendance"));
}

/* The materials kept as files: to download; for those who manage the
 * training, to add (from a phone too) and remove. */
static void files(struct req *r, const struct training *t)
{
	struct buf *o = &r->out;
	struct training_file *list;
	int n = 0;
	if (trainings_files(r->db, &r->arena, t->id, &list, &n) != RES_OK)
		n = 0;
	if (!n && !t->may_manage)
		return;
	html_printf(o, "<section class=\"card\"><h2>%s</h2>", req_t(r, "Material files"));
	if (n)
		buf_puts(o, "<ul>");
	for (int i = 0; i < n; i++) {
		html_printf(o, "<li><a href=\"/trainings/%lld/files/%lld\">%s</a> (%s KB)", t->id,
			    list[i].id, list[i].name,
			    page_number_text(r, (list[i].bytes + 1023) / 1024));
		if (t->may_manage) {
			html_printf(o,
				    " <form method=\"post\" class=\"inline\" "
				    "action=\"/trainings/%lld/files/%lld/delete\">",
				    t->id, list[i].id);
			page_csrf(r);
			html_printf(o, "<button type=\"submit\" class=\"link\">%s</button></form>",
				    req_t(r, "Remove"));
		}
		buf_puts(o, "</li>");
	}
	if (n)
		buf_puts(o, "</ul>");
	if (t->may_manage) {
		html_printf(o,
			    "<form method=\"post\" action=\"/trainings/%lld/files\" "
			    "enctype=\"multipart/form-data\">",
			    t->id);
		page_csrf(r);
		html_printf(
		    o,
		    "<label for=\"file\">%s</label><input id=\"file\" name=\"file\" "
		    "type=\"file\" required aria-describedby=\"file-hint\"><p class=\"hint\" "
		    "id=\"file-hint\">%s</p><button type=\"submit\">%s</button></form>",
		    req_t(r, "Add a file"),
		    req_t(r, "PDF, images, Word, Excel, PowerPoint or OpenDocument; at most 10 "
			     "MB."),
		    req_t(r, "Add the file"));
	}
	buf_puts(o, "</section>\n");
}

static void training_page(struct req *r, long long id, const struct field_errors *fe,
			  const char *done)
{
	struct training t;
	if (!respond_result(r, trainings_get(r->db, &r->arena, r->user, id, &t), NULL,
			    "trainings_get"))
		return;
	const char *cursor = req_query(r, "cursor");
	long long offset = cursor ? strtoll(cursor, NULL, 10) : 0;
	struct training_team *teams;
	int n;
	long long next;
	if (trainings_teams(r->db, &r->arena, r->user, id, offset, 100, &teams, &n, &next) !=
	    RES_OK) {
		req_fail(r, "trainings_teams");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, t.title);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/trainings\">%s</a></li><li aria-current=\"page\">%s</li>"
		    "</ol></nav>\n<h1>%s</h1>\n",
		    req_t(r, "Trainings"), t.title, t.title);
	if (done)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", done);
	page_field_errors(r, fe);
	facts(r, &t);
	if (t.may_manage)
		html_printf(o,
			    "<p class=\"row-links\"><a class=\"button secondary\" "
			    "href=\"/trainings/%lld/edit\">%s</a></p>\n",
			    t.id, req_t(r, "Change"));
	files(r, &t);
	html_printf(o, "<h2>%s</h2>\n", req_t(r, "Teams invited"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No team invited yet."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		const struct training_team *x = &teams[i];
		html_printf(o, "<li>");
		if (x->may_record)
			html_printf(o, "<a href=\"/trainings/%lld/teams/%lld\">", t.id, x->team_id);
		html_printf(o,
			    "<span class=\"name\">%s</span><span class=\"meta\">%s · %s · %s/%s %s",
			    x->team, x->village, x->commune, page_number_text(r, x->present),
			    page_number_text(r, x->members), req_t(r, "present"));
		if (x->completed)
			html_printf(o, " · %s %s", page_number_text(r, x->completed),
				    req_t(r, "completed"));
		buf_puts(o, "</span>");
		if (x->may_record)
			html_printf(o, "<span class=\"meta\">%s</span></a>",
				    req_t(r, "Record attendance"));
		buf_puts(o, "</li>\n");
	}
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_printf(&url, "/trainings/%lld", t.id);
	page_next_link(r, &url, next);
	buf_release(&url);
	if (n && teams[0].may_record)
		sheet_form(r, t.id);
	if (t.may_manage)
		invite_form(r, &t);
	page_end(r);
}

void page_training(struct req *r)
{
	const char *invited = req_query(r, "invited"), *recorded = req_query(r, "recorded");
	const char *done = NULL;
	if (invited)
		done = arena_printf(&r->arena, "%s: %s", req_t(r, "Teams invited"),
				    page_number_text(r, strtoll(invited, NULL, 10)));
	else if (recorded)
		done = arena_printf(&r->arena, "%s: %s", req_t(r, "Attendance recorded"),
				    page_number_text(r, strtoll(recorded, NULL, 10)));
	training_page(r, req_param_id(r, 0), NULL, done);
}

static void edit_form(struct req *r, long long id, const struct field_errors *fe)
{
	struct training t;
	if (!respond_result(r, trainings_get(r->db, &r->arena, r->user, id, &t), NULL,
			    "trainings_get"))
		return;
	if (!t.may_manage) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Change the training"));
	html_printf(o, "<h1>%s</h1><p class=\"facts\">%s · %s</p>\n",
		    req_t(r, "Change the training"), t.title, t.unit);
	page_field_errors(r, fe);
	html_printf(o, "<form class=\"card\" method=\"post\" action=\"/trainings/%lld\">", t.id);
	page_csrf(r);
	training_fields(r, &t);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Save"));
	page_end(r);
}

void page_training_edit(struct req *r)
{
	edit_form(r, req_param_id(r, 0), NULL);
}

void page_training_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct training_input in;
	training_input(r, &in);
	struct field_errors fe = {0};
	int rc = trainings_update(r->db, &r->arena, r->user, id, &in, &fe);
	if (rc == RES_INVALID) {
		r->status = 422;
		edit_form(r, id, &fe);
		return;
	}
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "trainings_update"))
		req_redirect(r, 303, arena_printf(&r->arena, "/trainings/%lld", id));
}

void page_training_invite(struct req *r)
{
	long long id = req_param_id(r, 0);
	const char *unit = req_form(r, "unit"), *team = req_form(r, "team");
	long long team_id = team ? strtoll(team, NULL, 10) : 0, added = 0;
	struct field_errors fe = {0};
	int rc =
	    trainings_invite(r->db, r->user, id, team_id > 0 ? &team_id : NULL, team_id > 0,
			     unit ? strtoll(unit, NULL, 10) : 0, req_form(r, "untrained") != NULL,
			     TRAININGS_OWN_PLATFORM, &fe, &added);
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (rc == RES_INVALID) {
		r->status = 422;
		training_page(r, id, &fe, NULL);
		return;
	}
	if (respond_result(r, rc, &fe, "trainings_invite"))
		req_redirect(r, 303,
			     arena_printf(&r->arena, "/trainings/%lld?invited=%lld", id, added));
}

void page_training_file_add(struct req *r)
{
	long long id = req_param_id(r, 0), file;
	struct field_errors fe = {0};
	const struct form_field *f = req_file(r, "file");
	int rc = f ? trainings_add_file(r->db, &r->arena, r->user, id, f->filename, f->value,
					f->len, &fe, &file)
		   : RES_INVALID;
	if (!f)
		field_error_add(&fe, "file", N_("Choose a file."), NULL);
	if (rc == RES_INVALID) {
		r->status = 422;
		training_page(r, id, &fe, NULL);
		return;
	}
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "trainings_add_file"))
		req_redirect(r, 303, arena_printf(&r->arena, "/trainings/%lld", id));
}

void page_training_file(struct req *r)
{
	struct training_file f;
	const void *data;
	if (!respond_result(r,
			    trainings_file(r->db, &r->arena, r->user, req_param_id(r, 0),
					   req_param_id(r, 1), &f, &data),
			    NULL, "trainings_file"))
		return;
	respond_attachment(r, f.mime, f.name);
	req_add_header(r, "Cache-Control", "private, no-store");
	buf_append(&r->out, data, (size_t)f.bytes);
}

void page_training_file_remove(struct req *r)
{
	long long id = req_param_id(r, 0);
	int rc = trainings_remove_file(r->db, &r->arena, r->user, id, req_param_id(r, 1));
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, NULL, "trainings_remove_file"))
		req_redirect(r, 303, arena_printf(&r->arena, "/trainings/%lld", id));
}
