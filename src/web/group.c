/* group.c: a commune's management group: its directory by section, to
 * download as CSV or vCard (to make the Zalo group from), and the
 * contacts an officer adds or removes. */
#include "core/directory.h"
#include "core/teams.h"
#include "core/units.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

static const char *title_label(struct req *r, const struct dir_entry *e)
{
	if (e->section == DIR_TEAMS)
		return req_t(r, member_role_msgid(e->title));
	return e->title;
}

static void section(struct req *r, const struct directory *d, enum dir_section s)
{
	struct buf *o = &r->out;
	int any = 0;
	for (int i = 0; i < d->n; i++)
		any |= d->items[i].section == s;
	html_printf(o, "<section class=\"card\"><h2>%s</h2>", req_t(r, directory_section_msgid(s)));
	if (!any) {
		html_printf(o, "<p class=\"empty\">%s</p></section>\n", req_t(r, "No one yet."));
		return;
	}
	html_printf(o,
		    "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		    "<th>%s</th>%s</tr></thead><tbody>",
		    req_t(r, "Full name"), s == DIR_TEAMS ? req_t(r, "Role") : req_t(r, "Position"),
		    s == DIR_TEAMS ? req_t(r, "Team") : req_t(r, "Unit or enterprise"),
		    req_t(r, "Phone"), d->may_edit && s <= DIR_ABOVE ? "<th></th>" : "");
	for (int i = 0; i < d->n; i++) {
		const struct dir_entry *e = &d->items[i];
		if (e->section != s)
			continue;
		html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s%s%s</td><td>", e->name,
			    title_label(r, e), e->org, *e->place ? ", " : "", e->place);
		if (*e->phone && !strchr(e->phone, 'x'))
			html_printf(o, "<a href=\"tel:%s\">%s</a>", e->phone, e->phone);
		else
			html_printf(o, "%s", e->phone);
		if (*e->email)
			html_printf(o, " <a href=\"mailto:%s\">%s</a>", e->email, e->email);
		buf_puts(o, "</td>");
		if (d->may_edit && s <= DIR_ABOVE && !scope_visible(r, e->unit_id)) {
			buf_puts(o, "<td></td>");
		} else if (d->may_edit && s <= DIR_ABOVE) {
			html_printf(o,
				    "<td><form method=\"post\" action=\"/contacts/%lld/delete\" "
				    "class=\"inline\"><input type=\"hidden\" name=\"commune\" "
				    "value=\"%lld\">",
				    e->contact_id, d->commune);
			page_csrf(r);
			html_printf(
			    o, "<button type=\"submit\" class=\"link\">%s</button></form></td>",
			    req_t(r, "Remove"));
		}
		buf_puts(o, "</tr>");
	}
	buf_puts(o, "</tbody></table></div></section>\n");
}

/* The form to add a contact: to the commune, or to a unit above it that
 * lies in the officer's scope (shown in every commune's group below it). */
static void contact_form(struct req *r, const struct directory *d, const struct field_errors *fe)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<form class=\"card\" method=\"post\" action=\"/units/%lld/contacts\">"
		    "<h2>%s</h2>",
		    d->commune, req_t(r, "Add a contact"));
	page_csrf(r);
	page_field_errors(r, fe);
	html_printf(o,
		    "<input type=\"hidden\" name=\"commune\" value=\"%lld\">"
		    "<label for=\"at\">%s</label><select id=\"at\" name=\"at\">"
		    "<option value=\"%lld\">%s</option>",
		    d->commune, req_t(r, "In the group of"), d->commune, d->name);
	/* the units above, nearest first, while in the officer's area */
	struct unit self, *up;
	int nup = 0;
	if (units_lineage(r->db, &r->arena, d->commune, &self, &up, &nup) != RES_OK)
		nup = 0;
	for (int i = nup - 1; i >= 0 && scope_visible(r, up[i].id); i--)
		html_printf(o, "<option value=\"%lld\">%s (%s)</option>", up[i].id, up[i].name,
			    req_t(r, "every commune of it"));
	const char *name = req_form(r, "full_name"), *title = req_form(r, "title");
	const char *phone = req_form(r, "phone"), *email = req_form(r, "email");
	html_printf(
	    o,
	    "</select><label for=\"full_name\">%s</label><input id=\"full_name\" "
	    "name=\"full_name\" required value=\"%s\"><label for=\"title\">%s</label>"
	    "<input id=\"title\" name=\"title\" value=\"%s\" placeholder=\"%s\">"
	    "<label for=\"phone\">%s</label><input id=\"phone\" name=\"phone\" type=\"tel\" "
	    "value=\"%s\"><label for=\"email\">%s</label><input id=\"email\" name=\"email\" "
	    "type=\"email\" value=\"%s\"><button type=\"submit\">%s</button></form>\n",
	    req_t(r, "Full name"), name ? name : "", req_t(r, "Position"), title ? title : "",
	    req_t(r, "e.g. Chairman of the commune People's Committee"), req_t(r, "Phone"),
	    phone ? phone : "", req_t(r, "Email"), email ? email : "", req_t(r, "Add"));
}

static void group_page(struct req *r, long long commune, const struct field_errors *fe)
{
	struct directory d;
	if (!respond_result(r, directory_get(r->db, &r->arena, r->user, commune, &d), NULL,
			    "directory_get"))
		return;
	struct buf *o = &r->out;
	const char *title = arena_printf(&r->arena, "%s: %s", req_t(r, "Management group"), d.name);
	page_begin(r, title);
	html_printf(o,
		    "<h1>%s</h1>\n<p class=\"row-links\"><a class=\"button\" "
		    "href=\"/units/%lld/group.vcf\">%s</a> <a class=\"button secondary\" "
		    "href=\"/units/%lld/group.csv\">%s</a> <a class=\"button secondary\" "
		    "href=\"/announcements\">%s</a></p>\n",
		    title, commune, req_t(r, "Download the contacts (vCard, for the phone)"),
		    commune, req_t(r, "Download the list (CSV)"), req_t(r, "Announcements"));
	if (!d.personal)
		html_printf(o, "<p class=\"hint\">%s</p>\n",
			    req_t(r, "Phone numbers of persons are hidden: only the officers who "
				     "manage the rosters see them."));
	else
		html_printf(o, "<p class=\"hint\">%s</p>\n",
			    req_t(r, "Phone numbers are personal data: this reading is written to "
				     "the audit trail."));
	for (int s = 0; s < DIR_SECTIONS; s++)
		section(r, &d, (enum dir_section)s);
	if (d.may_edit)
		contact_form(r, &d, fe);
	page_end(r);
}

void page_group(struct req *r)
{
	group_page(r, req_param_id(r, 0), NULL);
}

/* /units/{id}/group.csv and .vcf */
static void download(struct req *r, int vcard)
{
	struct directory d;
	if (!respond_result(r, directory_get(r->db, &r->arena, r->user, req_param_id(r, 0), &d),
			    NULL, "directory_get"))
		return;
	const char *mime, *name;
	directory_export(&d, r->lang, vcard, &r->out, &mime, &name);
	respond_attachment(r, mime, name);
}

void page_group_csv(struct req *r)
{
	download(r, 0);
}

void page_group_vcard(struct req *r)
{
	download(r, 1);
}

void page_contact_add(struct req *r)
{
	const char *commune = req_form(r, "commune"), *at = req_form(r, "at");
	long long back = commune ? strtoll(commune, NULL, 10) : req_param_id(r, 0);
	long long unit = at ? strtoll(at, NULL, 10) : req_param_id(r, 0);
	struct contact_input in = {.full_name = req_form(r, "full_name"),
				   .title = req_form(r, "title"),
				   .phone = req_form(r, "phone"),
				   .email = req_form(r, "email")};
	struct field_errors fe = {0};
	long long id;
	int rc = directory_contact_add(r->db, &r->arena, r->user, unit, &in, &fe, &id);
	if (rc == RES_INVALID) {
		r->status = 422;
		group_page(r, back, &fe);
		return;
	}
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, &fe, "directory_contact_add"))
		req_redirect(r, 303, arena_printf(&r->arena, "/units/%lld/group", back));
}

void page_contact_remove(struct req *r)
{
	const char *commune = req_form(r, "commune");
	int rc = directory_contact_remove(r->db, r->user, req_param_id(r, 0));
	if (rc == RES_FORBIDDEN)
		rc = RES_NOT_FOUND;
	if (respond_result(r, rc, NULL, "directory_contact_remove"))
		req_redirect(r, 303,
			     commune ? arena_printf(&r->arena, "/units/%lld/group",
						    strtoll(commune, NULL, 10))
				     : "/units");
}
