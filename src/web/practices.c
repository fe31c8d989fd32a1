/* practices.c: good practices: the national network's list (search
 * without accents, filters by platform, domain and province), one's own
 * and those waiting for one's review; a practice with its photos, marks
 * and review; writing one on a phone, with photos. */
#include "core/catalog.h"
#include "core/perm.h"
#include "core/practices.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "util/markdown.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static const char *const domain_msgids[][2] = {
    {"government", N_("Digital government")}, {"economy", N_("Digital economy")},
    {"society", N_("Digital society")},	      {"skills", N_("Digital skills")},
    {"propagation", N_("Propagation")},
};

static const char *domain_label(struct req *r, const char *d)
{
	for (size_t i = 0; i < sizeof domain_msgids / sizeof *domain_msgids; i++)
		if (strcmp(domain_msgids[i][0], d) == 0)
			return req_t(r, domain_msgids[i][1]);
	return d;
}

static const char *platform_label(struct req *r, const struct practice *p)
{
	return r->lang == LANG_EN ? p->platform_en : p->platform_vi;
}

/* The search form: words, platform, domain, province. */
static void search_form(struct req *r, const struct practice_query *q)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<form class=\"card search\" method=\"get\" action=\"/practices\">"
		    "<label for=\"q\">%s</label><input id=\"q\" name=\"q\" value=\"%s\" "
		    "placeholder=\"%s\">",
		    req_t(r, "Words (with or without accents)"), q->q ? q->q : "",
		    req_t(r, "e.g. vneid nguoi cao tuoi"));
	struct platform *ps;
	int np = 0;
	if (catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
		np = 0;
	html_printf(o,
		    "<label for=\"platform\">%s</label><select id=\"platform\" name=\"platform\">"
		    "<option value=\"\">%s</option>",
		    req_t(r, "Platform"), req_t(r, "any platform"));
	for (int i = 0; i < np; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", ps[i].code,
			    q->platform == ps[i].id ? " selected" : "",
			    r->lang == LANG_EN ? ps[i].name_en : ps[i].name_vi);
	html_printf(o,
		    "</select><label for=\"domain\">%s</label><select id=\"domain\" "
		    "name=\"domain\"><option value=\"\">%s</option>",
		    req_t(r, "Domain"), req_t(r, "any domain"));
	for (size_t i = 0; i < sizeof domain_msgids / sizeof *domain_msgids; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", domain_msgids[i][0],
			    q->domain && strcmp(q->domain, domain_msgids[i][0]) == 0 ? " selected"
										     : "",
			    req_t(r, domain_msgids[i][1]));
	struct unit_choice *pv;
	int npv = 0;
	if (units_choices(r->db, &r->arena, units_root(r->db), "province", 100, &pv, &npv) !=
	    RES_OK)
		npv = 0;
	html_printf(o,
		    "</select><label for=\"province\">%s</label><select id=\"province\" "
		    "name=\"province\"><option value=\"\">%s</option>",
		    req_t(r, "Province"), req_t(r, "the whole country"));
	for (int i = 0; i < npv; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", pv[i].id,
			    q->below == pv[i].id ? " selected" : "", pv[i].name);
	html_printf(o, "</select><button type=\"submit\">%s</button></form>\n", req_t(r, "Search"));
}

static void practice_item(struct req *r, const struct practice *p)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<li><a href=\"/practices/%lld\"><span class=\"name\">%s</span>"
		    "<span class=\"meta\">%s%s%s · %s",
		    p->id, p->title, p->unit, *p->province ? ", " : "", p->province,
		    p->platform_id ? platform_label(r, p) : domain_label(r, p->domain));
	if (p->status != PRACTICE_PUBLISHED)
		html_printf(o, " · <b>%s</b>", req_t(r, practices_status_msgid(p->status)));
	else
		html_printf(o, " · ♥ %s · %s %s", page_number_text(r, p->likes),
			    page_number_text(r, p->applied), req_t(r, "applied it"));
	buf_puts(o, "</span></a></li>\n");
}

void page_practices(struct req *r)
{
	const char *platform = req_query(r, "platform"), *cursor = req_query(r, "cursor");
	const char *province = req_query(r, "province"), *domain = req_query(r, "domain");
	struct practice_query q = {.q = req_query(r, "q"),
				   .domain = domain && *domain ? domain : NULL,
				   .mine = req_query(r, "mine") != NULL,
				   .to_review = req_query(r, "review") != NULL,
				   .offset = cursor ? strtoll(cursor, NULL, 10) : 0,
				   .limit = 50};
	q.platform = platform && *platform ? catalog_platform_find(r->db, platform) : 0;
	q.below = province ? strtoll(province, NULL, 10) : 0;
	struct practice *list;
	int n;
	long long next;
	if (practices_list(r->db, &r->arena, r->user, &q, &list, &n, &next) != RES_OK) {
		req_fail(r, "practices_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Good practices"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"row-links\">", req_t(r, "Good practices"));
	if (perm_allows(r->user->role, PERM_PRACTICES_WRITE))
		html_printf(o,
			    "<a class=\"button\" href=\"/practices/new\">%s</a><a class=\"button "
			    "secondary\" href=\"/practices?mine=1\">%s</a>",
			    req_t(r, "Write a practice"), req_t(r, "Mine"));
	long long waiting = practices_waiting(r->db, r->user);
	if (waiting)
		html_printf(o,
			    "<a class=\"button secondary\" href=\"/practices?review=1\">%s "
			    "<span class=\"count\">%lld</span></a>",
			    req_t(r, "Waiting for my review"), waiting);
	buf_puts(o, "</p>\n");
	if (!q.mine && !q.to_review)
		search_form(r, &q);
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No practice found."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++)
		practice_item(r, &list[i]);
	buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/practices");
	const char *const keep[] = {"q", "platform", "domain", "province", "mine", "review"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		if (req_query(r, keep[i]))
			url_add(&url, keep[i], req_query(r, keep[i]));
	page_next_link(r, &url, next);
	buf_release(&url);
	page_end(r);
}

/* The fields of the practice form: p's (NULL for a new one), or those
 * sent back. */
static void practice_fields(struct req *r, const struct practice *p)
{
	struct buf *o = &r->out;
	const char *title = req_form(r, "title"), *body = req_form(r, "body");
	const char *results = req_form(r, "results"), *place = req_form(r, "place");
	const char *platform = req_form(r, "platform");
	html_printf(
	    o,
	    "<label for=\"title\">%s</label><input id=\"title\" name=\"title\" required "
	    "value=\"%s\"><label for=\"body\">%s</label><textarea id=\"body\" name=\"body\" "
	    "rows=\"8\" required aria-describedby=\"body-hint\">%s</textarea>"
	    "<p class=\"hint\" id=\"body-hint\">%s</p>",
	    req_t(r, "Title"),
	    title ? title
	    : p	  ? p->title
		  : "",
	    req_t(r, "What was done"),
	    body ? body
	    : p	 ? p->body
		 : "",
	    req_t(r, "Plain text; a blank line starts a paragraph, \"- \" a list item, "
		     "**bold**, [a link](https://...)."));
	struct platform *ps;
	int np = 0;
	if (catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
		np = 0;
	long long chosen = platform ? strtoll(platform, NULL, 10) : p ? p->platform_id : 0;
	html_printf(o,
		    "<label for=\"platform\">%s</label><select id=\"platform\" name=\"platform\">",
		    req_t(r, "Platform"));
	for (int i = 0; i < np; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", ps[i].id,
			    ps[i].id == chosen ? " selected" : "",
			    r->lang == LANG_EN ? ps[i].name_en : ps[i].name_vi);
	html_printf(o,
		    "</select><label for=\"results\">%s</label><textarea id=\"results\" "
		    "name=\"results\" rows=\"3\">%s</textarea><label for=\"place\">%s</label>"
		    "<input id=\"place\" name=\"place\" value=\"%s\">",
		    req_t(r, "Results"),
		    results ? results
		    : p	    ? p->results
			    : "",
		    req_t(r, "Place"),
		    place ? place
		    : p	  ? p->place
			  : "");
}

static void practice_input(struct req *r, struct practice_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = req_form(r, "title");
	in->body = req_form(r, "body");
	in->results = req_form(r, "results");
	in->platform = req_form(r, "platform");
	in->place = req_form(r, "place");
}

static void new_form(struct req *r, const struct field_errors *fe)
{
	page_begin(r, req_t(r, "Write a practice"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Write a practice"));
	page_field_errors(r, fe);
	buf_puts(&r->out, "<form class=\"card\" method=\"post\" action=\"/practices\">");
	page_csrf(r);
	practice_fields(r, NULL);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Save the draft"));
	page_end(r);
}

void page_practice_new(struct req *r)
{
	new_form(r, NULL);
}

void page_practice_create(struct req *r)
{
	struct practice_input in;
	practice_input(r, &in);
	struct field_errors fe = {0};
	long long id;
	int rc = practices_create(r->db, &r->arena, r->user, &in, &fe, &id);
	if (rc == RES_INVALID) {
		r->status = 422;
		new_form(r, &fe);
		return;
	}
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "practices_create"))
		req_redirect(r, 303, arena_printf(&r->arena, "/practices/%lld", id));
}

/* What the author, the reviewer and every reader may do on the page. */
static void practice_actions(struct req *r, const struct practice *p)
{
	struct buf *o = &r->out;
	if (p->may_edit) {
		html_printf(
		    o,
		    "<p class=\"row-links\"><a class=\"button secondary\" "
		    "href=\"/practices/%lld/edit\">%s</a></p>\n"
		    "<form class=\"card\" method=\"post\" action=\"/practices/%lld/photos\" "
		    "enctype=\"multipart/form-data\">",
		    p->id, req_t(r, "Change"), p->id);
		page_csrf(r);
		html_printf(o,
			    "<label for=\"photo\">%s</label><input id=\"photo\" name=\"photo\" "
			    "type=\"file\" accept=\"image/jpeg,image/png\" capture=\"environment\" "
			    "required><button type=\"submit\">%s</button></form>\n",
			    req_t(r, "Add a photo (JPEG or PNG)"), req_t(r, "Add the photo"));
		if (p->status != PRACTICE_SUBMITTED) {
			html_printf(o, "<form method=\"post\" action=\"/practices/%lld/submit\">",
				    p->id);
			page_csrf(r);
			html_printf(o, "<button type=\"submit\">%s %s</button></form>\n",
				    req_t(r, "Send for review to"), p->review_unit);
		}
	}
	if (p->may_review) {
		html_printf(
		    o,
		    "<form class=\"card\" method=\"post\" action=\"/practices/%lld/review\">"
		    "<h2>%s</h2>",
		    p->id, req_t(r, "Review"));
		page_csrf(r);
		html_printf(o,
			    "<label for=\"note\">%s</label><textarea id=\"note\" name=\"note\" "
			    "rows=\"3\"></textarea><div class=\"actions\"><button type=\"submit\" "
			    "name=\"action\" value=\"publish\">%s</button><button type=\"submit\" "
			    "name=\"action\" value=\"return\" class=\"secondary\">%s</button></div>"
			    "</form>\n",
			    req_t(r, "Note to the author (to return it)"), req_t(r, "Publish"),
			    req_t(r, "Return it"));
	}
	if (p->status == PRACTICE_PUBLISHED && r->user->id) {
		static const char *const kinds[] = {"like", "applied"};
		const int on[] = {p->liked, p->applied_here};
		const char *const words[][2] = {{N_("♥ Useful"), N_("♥ You found it useful")},
						{N_("We applied it"), N_("Applied here ✓")}};
		buf_puts(o, "<div class=\"row-links\">");
		for (int k = 0; k < 2; k++) {
			html_printf(o,
				    "<form method=\"post\" action=\"/practices/%lld/mark\">"
				    "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
				    "<input type=\"hidden\" name=\"on\" value=\"%d\">",
				    p->id, kinds[k], !on[k]);
			page_csrf(r);
			html_printf(o,
				    "<button type=\"submit\" class=\"%s\" aria-pressed=\"%s\">%s"
				    "</button></form>",
				    on[k] ? "" : "secondary", on[k] ? "true" : "false",
				    req_t(r, words[k][on[k]]));
		}
		buf_puts(o, "</div>\n");
	}
}

static void practice_page(struct req *r, long long id, const struct field_errors *fe)
{
	struct practice p;
	if (!respond_result(r, practices_get(r->db, &r->arena, r->user, id, &p), NULL,
			    "practices_get"))
		return;
	struct buf *o = &r->out;
	page_begin(r, p.title);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/practices\">%s</a></li><li aria-current=\"page\">%s</li>"
		    "</ol></nav>\n<h1>%s</h1>\n<p class=\"facts\">%s%s%s",
		    req_t(r, "Good practices"), p.title, p.title, p.team_id ? p.team : p.unit,
		    *p.province ? " · " : "", p.province);
	if (*p.place)
		html_printf(o, " · %s", p.place);
	html_printf(o, " · %s · %s</p>\n",
		    p.platform_id ? platform_label(r, &p) : domain_label(r, p.domain),
		    req_t(r, practices_status_msgid(p.status)));
	if (p.status == PRACTICE_RETURNED && *p.review_note)
		html_printf(o, "<p class=\"card error\" role=\"alert\">%s: %s</p>\n",
			    req_t(r, "Returned with the note"), p.review_note);
	page_field_errors(r, fe);
	buf_puts(o, "<article class=\"card practice\">");
	markdown_html(o, p.body, strlen(p.body));
	for (int i = 0; i < p.nphotos; i++)
		html_printf(
		    o,
		    "<img src=\"/practices/%lld/photos/%lld\" alt=\"%s %d\" loading=\"lazy\" "
		    "width=\"640\">",
		    p.id, p.photos[i], req_t(r, "Photo"), i + 1);
	if (*p.results || p.nnumbers) {
		html_printf(o, "<h2>%s</h2>", req_t(r, "Results"));
		if (*p.results)
			markdown_html(o, p.results, strlen(p.results));
		if (p.nnumbers)
			buf_puts(o, "<ul>");
		for (int i = 0; i < p.nnumbers; i++)
			html_printf(o, "<li>%s: %s</li>",
				    r->lang == LANG_EN ? p.numbers[i].name_en
						       : p.numbers[i].name_vi,
				    page_number_text(r, p.numbers[i].value));
		if (p.nnumbers)
			buf_puts(o, "</ul>");
	}
	buf_puts(o, "</article>\n");
	if (p.status == PRACTICE_PUBLISHED)
		html_printf(o, "<p class=\"facts\">♥ %s · %s %s</p>\n",
			    page_number_text(r, p.likes), page_number_text(r, p.applied),
			    req_t(r, "applied it"));
	practice_actions(r, &p);
	page_end(r);
}

void page_practice(struct req *r)
{
	practice_page(r, req_param_id(r, 0), NULL);
}

static void edit_form(struct req *r, long long id, const struct field_errors *fe)
{
	struct practice p;
	int rc = practices_get(r->db, &r->arena, r->user, id, &p);
	if (rc == RES_OK && !p.may_edit)
		rc = RES_NOT_FOUND;
	if (!respond_result(r, rc, NULL, "practices_get"))
		return;
	page_begin(r, req_t(r, "Change the practice"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Change the practice"));
	page_field_errors(r, fe);
	html_printf(&r->out, "<form class=\"card\" method=\"post\" action=\"/practices/%lld\">",
		    id);
	page_csrf(r);
	practice_fields(r, &p);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Save"));
	page_end(r);
}

void page_practice_edit(struct req *r)
{
	edit_form(r, req_param_id(r, 0), NULL);
}

/* The answer to a change of practice id: its page again (303), the form
 * or the page with the errors (422), or 404. */
static void after_change(struct req *r, long long id, int rc, const struct field_errors *fe,
			 int form)
{
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (rc == RES_INVALID) {
		r->status = 422;
		if (form)
			edit_form(r, id, fe);
		else
			practice_page(r, id, fe);
		return;
	}
	if (respond_result(r, rc, fe, "practices"))
		req_redirect(r, 303, arena_printf(&r->arena, "/practices/%lld", id));
}

void page_practice_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct practice_input in;
	practice_input(r, &in);
	struct field_errors fe = {0};
	after_change(r, id, practices_update(r->db, &r->arena, r->user, id, &in, &fe), &fe, 1);
}

void page_practice_submit(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	after_change(r, id, practices_submit(r->db, r->user, id, &fe), &fe, 0);
}

void page_practice_review(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	after_change(r, id,
		     practices_review(r->db, &r->arena, r->user, id, req_form(r, "action"),
				      req_form(r, "note"), &fe),
		     &fe, 0);
}

void page_practice_mark(struct req *r)
{
	long long id = req_param_id(r, 0);
	const char *on = req_form(r, "on");
	struct field_errors fe = {0};
	after_change(r, id,
		     practices_mark(r->db, r->user, id, req_form(r, "kind"), on && *on == '1'), &fe,
		     0);
}

void page_practice_photo_add(struct req *r)
{
	long long id = req_param_id(r, 0);
	const struct form_field *f = req_file(r, "photo");
	struct field_errors fe = {0};
	int rc = f && f->len ? practices_add_photo(r->db, r->user, id, f->value, f->len, &fe)
			     : RES_INVALID;
	if (rc == RES_INVALID && !fe.n)
		field_error_add(&fe, "photo", N_("choose a photo"), NULL);
	after_change(r, id, rc, &fe, 0);
}

void page_practice_photo(struct req *r)
{
	const void *data;
	size_t len;
	if (!respond_result(r,
			    practices_photo(r->db, &r->arena, r->user, req_param_id(r, 0),
					    req_param_id(r, 1), &data, &len),
			    NULL, "practices_photo"))
		return;
	buf_append(&r->out, data, len);
	r->content_type = "image/jpeg";
	req_add_header(r, "Cache-Control", "private, max-age=86400");
}
