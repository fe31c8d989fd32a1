/* reorg.c: the reorganisation page: the villages of split communes
 * waiting for their new commune (each moved with one choice), and the
 * official conversion table applied from a file, as `langso units
 * apply-conversion` does. */
#include "core/reorg.h"
#include "core/teams.h"
#include "http/respond.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* One waiting village: its old commune, its teams, and where it may go. */
static void waiting_row(struct req *r, const struct unassigned *v, int may)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<li><a href=\"/units/%lld\">%s</a> <span class=\"facts\">%s <a "
		    "href=\"/units/%lld\">%s</a> · %d %s</span>",
		    v->village.id, v->village.name, req_t(r, "was in"), v->old.id, v->old.name,
		    v->teams, req_t(r, "team(s)"));
	if (may && v->nchoices) {
		html_printf(o,
			    "<form class=\"row\" method=\"post\" action=\"/reorganisation/villages/"
			    "%lld\">",
			    v->village.id);
		page_csrf(r);
		html_printf(o,
			    "<label for=\"to-%lld\">%s</label><select id=\"to-%lld\" "
			    "name=\"commune\">",
			    v->village.id, req_t(r, "New commune"), v->village.id);
		for (int k = 0; k < v->nchoices; k++)
			html_printf(o, "<option value=\"%lld\">%s</option>", v->choices[k].unit.id,
				    v->choices[k].unit.name);
		html_printf(o, "</select><button type=\"submit\">%s</button></form>",
			    req_t(r, "Move here"));
	}
	buf_puts(o, "</li>\n");
}

static void conversion_form(struct req *r)
{
	html_printf(&r->out,
		    "<form class=\"card\" method=\"post\" action=\"/reorganisation/conversion\" "
		    "enctype=\"multipart/form-data\"><h2>%s</h2>",
		    req_t(r, "Apply a conversion table"));
	page_csrf(r);
	html_printf(
	    &r->out,
	    "<label for=\"file\">%s</label>"
	    "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>"
	    "<label for=\"effective\">%s</label>"
	    "<input id=\"effective\" name=\"effective\" type=\"date\" value=\"2025-07-01\" "
	    "required>"
	    "<label for=\"decision\">%s</label>"
	    "<input id=\"decision\" name=\"decision\" value=\"19/2025/QĐ-TTg\">"
	    "<p class=\"hint\">%s</p><button type=\"submit\">%s</button> <button "
	    "type=\"submit\" name=\"undo\" value=\"1\" class=\"secondary\">%s</button>"
	    "<p class=\"hint\">%s</p></form>\n",
	    req_t(r, "The official conversion table (CSV)"), req_t(r, "Takes effect on"),
	    req_t(r, "Decision"),
	    req_t(r, "Its own layout: new commune and code, old commune and code, note (Nhập toàn "
		     "bộ, Nhập một phần), old district, old province. Only the communes of your "
		     "area change. Villages of wholly merged communes move with their teams and "
		     "history; those of split communes wait here. Applying it again changes "
		     "nothing."),
	    req_t(r, "Apply"), req_t(r, "Undo this table"),
	    req_t(r, "Undo this table: every village it moved goes back under its old commune "
		     "and its links are removed, while nothing of those villages was saved "
		     "since; otherwise nothing changes and they are named."));
}

static void merge_form(struct req *r)
{
	html_printf(&r->out,
		    "<form class=\"card\" method=\"post\" action=\"/reorganisation/merge\" "
		    "enctype=\"multipart/form-data\"><h2>%s</h2>",
		    req_t(r, "Merge villages"));
	page_csrf(r);
	html_printf(
	    &r->out,
	    "<label for=\"merge-file\">%s</label>"
	    "<input id=\"merge-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" "
	    "required><label for=\"merge-day\">%s</label>"
	    "<input id=\"merge-day\" name=\"effective\" type=\"date\" required>"
	    "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form>\n",
	    req_t(r, "CSV file: commune code, old village, new village, decision number, decision "
		     "date"),
	    req_t(r, "Takes effect on"),
	    req_t(r, "The old villages close the day before; their teams are dissolved with their "
		     "reports kept; one new team takes their members. Rows already merged are left "
		     "as they are."),
	    req_t(r, "Merge"));
}

static void reorg_page(struct req *r, const struct conversion_stats *done, int undone)
{
	long long after = 0;
	const char *cursor = req_query(r, "cursor");
	if (cursor)
		after = strtoll(cursor, NULL, 10);
	struct unassigned *v;
	int n;
	long long next;
	if (reorg_unassigned(r->db, &r->arena, r->user, after, 50, &v, &n, &next) != RES_OK) {
		req_fail(r, "reorg_unassigned");
		return;
	}
	int may = reorg_may_change(r->user);
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Reorganisation"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "Reorganisation"));
	if (done && undone) {
		html_printf(o, "<section class=\"card ok\" role=\"status\"><h2>%s</h2><p>",
			    req_t(r, "Conversion undone"));
		page_number(r, done->linked);
		html_printf(o, " %s, ", req_t(r, "links removed"));
		page_number(r, done->moved);
		html_printf(o, " %s.</p></section>\n",
			    req_t(r, "villages back under their old commune"));
	} else if (done) {
		html_printf(o, "<section class=\"card ok\" role=\"status\"><h2>%s</h2><p>",
			    req_t(r, "Conversion applied"));
		page_number(r, done->linked);
		html_printf(o, " %s, ", req_t(r, "links added"));
		page_number(r, done->moved);
		html_printf(o, " %s, ", req_t(r, "villages moved to their new commune"));
		page_number(r, done->waiting);
		html_printf(o, " %s.", req_t(r, "villages waiting"));
		if (done->skipped) {
			buf_puts(o, " ");
			page_number(r, done->skipped);
			html_printf(o, " %s",
				    req_t(r, "rows left out: their old commune is not in "
					     "the pre-reform list or their new one not in "
					     "today's list."));
		}
		buf_puts(o, "</p></section>\n");
	}
	html_printf(o, "<h2>%s</h2>\n", req_t(r, "Villages of split communes"));
	if (!n && !after)
		html_printf(o, "<p class=\"empty\">%s</p>\n",
			    req_t(r, "No village is waiting for its new commune."));
	else
		html_printf(o, "<p class=\"hint\">%s</p>\n<ul class=\"units\">\n",
			    req_t(r, "Until a village is moved, its teams and their reports "
				     "stay with the old commune."));
	for (int i = 0; i < n; i++)
		waiting_row(r, &v[i], may);
	if (n)
		buf_puts(o, "</ul>\n");
	struct buf url = BUF_INIT;
	buf_puts(&url, "/reorganisation?");
	page_next_link(r, &url, next);
	buf_release(&url);
	if (teams_may_write(r->user))
		merge_form(r);
	if (may)
		conversion_form(r);
	page_end(r);
}

void page_reorg(struct req *r)
{
	reorg_page(r, NULL, 0);
}

void page_reorg_assign(struct req *r)
{
	const char *to = req_form(r, "commune");
	long long id = req_param_id(r, 0);
	int rc = to ? reorg_assign(r->db, r->user, id, strtoll(to, NULL, 10)) : RES_INVALID;
	if (rc == RES_INVALID) {
		respond_error(r, 422, "invalid", "Choose one of the old commune's successors.",
			      NULL);
		return;
	}
	if (!respond_result(r, rc, NULL, "reorg_assign"))
		return;
	req_redirect(r, 303, "/reorganisation");
}

/* The file and the day it takes effect of an upload: RES_OK, or
 * RES_INVALID with the reason in *res. */
static int upload_read(struct req *r, const struct form_field **f, char day[11],
		       struct import_result **res)
{
	*f = req_file(r, "file");
	const char *effective = req_form(r, "effective");
	*res = arena_alloc(&r->arena, sizeof **res);
	memset(*res, 0, sizeof **res);
	if (!*f || !(*f)->len)
		import_error_add(*res, 0, 0, NULL, N_("Choose a CSV file to import."), NULL);
	else if (!effective || date_parse(effective, day) != 0)
		import_error_add(*res, 0, 0, NULL, N_("the day it takes effect is not a date"),
				 NULL);
	return (*res)->nerrors ? RES_INVALID : RES_OK;
}

void page_reorg_conversion(struct req *r)
{
	const struct form_field *f;
	char day[11];
	struct import_result *res;
	struct conversion_stats st;
	const char *undo = req_form(r, "undo");
	int undoing = undo && strcmp(undo, "1") == 0;
	int rc = upload_read(r, &f, day, &res);
	if (rc == RES_OK && undoing)
		rc = reorg_unapply_conversion(r->db, &r->arena, r->user, f->value, f->len, day, &st,
					      res);
	else if (rc == RES_OK)
		rc = reorg_apply_conversion(r->db, &r->arena, r->user, f->value, f->len, day,
					    req_form(r, "decision"), &st, res);
	if (rc == RES_OK) {
		reorg_page(r, &st, undoing);
		return;
	}
	if (rc != RES_INVALID) {
		respond_result(r, rc, NULL, "reorg_apply_conversion");
		return;
	}
	page_begin(r, req_t(r, "Reorganisation"));
	r->status = 422;
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Reorganisation"));
	import_errors_table(r, res);
	conversion_form(r);
	page_end(r);
}

void page_reorg_merge(struct req *r)
{
	const struct form_field *f;
	char day[11];
	struct import_result *res;
	struct merge_stats st;
	int rc = upload_read(r, &f, day, &res);
	if (rc == RES_OK)
		rc = villages_merge_csv(r->db, &r->arena, r->user, f->value, f->len, day, &st, res);
	if (rc != RES_OK && rc != RES_INVALID) {
		respond_result(r, rc, NULL, "villages_merge_csv");
		return;
	}
	page_begin(r, req_t(r, "Merge villages"));
	html_printf(&r->out, "<h1>%s</h1>\n", req_t(r, "Merge villages"));
	if (rc == RES_INVALID) {
		r->status = 422;
		import_errors_table(r, res);
		merge_form(r);
	} else {
		struct buf *o = &r->out;
		html_printf(o, "<section class=\"card ok\" role=\"status\"><p>");
		page_number(r, st.villages);
		html_printf(o, " %s ", req_t(r, "villages merged into"));
		page_number(r, st.groups);
		html_printf(o, " %s; ", req_t(r, "new villages"));
		page_number(r, st.members);
		html_printf(o, " %s.</p></section>\n",
			    req_t(r, "members carried over to the new teams"));
		html_printf(o, "<p><a href=\"/reorganisation\">%s</a></p>",
			    req_t(r, "Reorganisation"));
	}
	page_end(r);
}

/* POST /reorganisation/villages/{id}/undo: the village's last move undone;
 * back to its page. */
void page_reorg_unmove(struct req *r)
{
	long long id = req_param_id(r, 0), back;
	struct field_errors fe = {0};
	int rc = reorg_unmove(r->db, r->user, id, &fe, &back);
	if (!respond_result(r, rc, &fe, "reorg_unmove"))
		return;
	req_redirect(r, 303, arena_printf(&r->arena, "/units/%lld", id));
}

/* POST /reorganisation/merges/{id}/undo: the merge that made village {id}
 * undone; to its old commune's page. */
void page_reorg_unmerge(struct req *r)
{
	long long id = req_param_id(r, 0);
	long long commune = 0;
	struct unit u;
	if (units_get(r->db, &r->arena, id, &u) == RES_OK)
		commune = u.parent_id;
	struct field_errors fe = {0};
	int rc = villages_unmerge(r->db, &r->arena, r->user, id, &fe);
	if (!respond_result(r, rc, &fe, "villages_unmerge"))
		return;
	req_redirect(r, 303, arena_printf(&r->arena, "/units/%lld", commune));
}
