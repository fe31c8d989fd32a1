/* units.c: GET /api/v1/units and GET /api/v1/units/{id}. */
#include "api/api.h"
#include "core/reorg.h"
#include "core/units.h"
#include "core/units_diff.h"
#include "util/date.h"
#include "http/respond.h"
#include "util/jw.h"
#include <stdlib.h>
#include <string.h>

/* A positive integer query parameter: 0 when absent, -1 when malformed. */
void bad_param(struct req *r, const char *name)
{
	respond_error(r, 400, "invalid_parameter", "The parameter %s is not valid.", name);
}

long long query_id(struct req *r, const char *name)
{
	const char *s = req_query(r, name);
	if (!s)
		return 0;
	if (!*s || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s))
		return -1;
	long long v = strtoll(s, NULL, 10);
	return v > 0 ? v : -1;
}

int query_cursor(struct req *r, long long *after)
{
	*after = query_id(r, "cursor");
	if (*after >= 0)
		return 0;
	bad_param(r, "cursor");
	return -1;
}

void api_items_begin(struct req *r, struct jw *j)
{
	jw_init(j, &r->out);
	jw_obj_begin(j);
	jw_key(j, "items");
	jw_arr_begin(j);
}

void api_items_end(struct req *r, struct jw *j, long long next)
{
	jw_arr_end(j);
	jw_kv_cursor(j, "next_cursor", next);
	jw_obj_end(j);
	respond_json(r, 200);
}

static void unit_dates(struct jw *j, const struct unit *u)
{
	jw_kv_str(j, "valid_from", strcmp(u->valid_from, "0001-01-01") ? u->valid_from : NULL);
	jw_kv_str(j, "valid_to", *u->valid_to ? u->valid_to : NULL);
}

static void unit_fields(struct jw *j, const struct unit *u)
{
	jw_kv_int(j, "id", u->id);
	jw_kv_str(j, "code", *u->code ? u->code : NULL);
	jw_kv_str(j, "name", u->name);
	jw_kv_str(j, "kind", u->kind);
	jw_kv_str(j, "level", u->level);
	jw_key(j, "parent_id");
	if (u->parent_id)
		jw_int(j, u->parent_id);
	else
		jw_null(j);
}

/* GET /api/v1/units?code=C[&at=DATE]: the units with that official code
 * on that day (today by default): one code names different places at
 * different dates. */
static void units_by_code(struct req *r, const char *code)
{
	const char *at = req_query(r, "at");
	char day[11];
	if (at && date_parse(at, day) != 0) {
		bad_param(r, "at");
		return;
	}
	if (!at)
		date_local(r->now, day);
	struct unit *u;
	int n;
	if (units_coded(r->db, &r->arena, code, day, &u, &n) != RES_OK) {
		req_fail(r, "units_coded");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		unit_fields(&j, &u[i]);
		unit_dates(&j, &u[i]);
		jw_kv_int(&j, "children", u[i].children);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, 0);
}

void api_units_list(struct req *r)
{
	const char *code = req_query(r, "code");
	if (code) {
		units_by_code(r, code);
		return;
	}
	struct unit_query q = {0};
	q.parent = query_id(r, "parent");
	if (q.parent < 0) {
		bad_param(r, "parent");
		return;
	}
	if (query_cursor(r, &q.after) != 0)
		return;
	q.level = req_query(r, "level");
	if (q.level && !units_level_valid(q.level)) {
		bad_param(r, "level");
		return;
	}
	q.q = req_query(r, "q");
	long long limit = query_id(r, "limit");
	if (limit < 0 || limit > UNITS_PAGE_MAX) {
		bad_param(r, "limit");
		return;
	}
	q.limit = limit ? (int)limit : UNITS_PAGE_MAX;
	if (q.parent) {
		struct unit p;
		int rc = units_get(r->db, &r->arena, q.parent, &p);
		if (rc == RES_NOT_FOUND) {
			respond_error(r, 404, "not_found", "There is no such unit.", NULL);
			return;
		}
		if (rc != RES_OK) {
			req_fail(r, "units_get");
			return;
		}
	}
	struct unit_page page;
	if (units_list(r->db, &r->arena, &q, &page) != RES_OK) {
		req_fail(r, "units_list");
		return;
	}

	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < page.n; i++) {
		jw_obj_begin(&j);
		unit_fields(&j, &page.items[i]);
		jw_kv_int(&j, "children", page.items[i].children);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, page.next);
}

static void lineage_json(struct jw *j, const char *key, const struct succession *s, int n)
{
	jw_key(j, key);
	jw_arr_begin(j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(j);
		unit_fields(j, &s[i].unit);
		unit_dates(j, &s[i].unit);
		jw_kv_str(j, "share", s[i].share);
		jw_kv_str(j, "effective_on", *s[i].effective_on ? s[i].effective_on : NULL);
		jw_kv_str(j, "decision_no", *s[i].decision_no ? s[i].decision_no : NULL);
		jw_kv_str(j, "note", *s[i].note ? s[i].note : NULL);
		jw_obj_end(j);
	}
	jw_arr_end(j);
}

void api_unit_get(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct unit u, *up;
	int n;
	int rc = id ? units_lineage(r->db, &r->arena, id, &u, &up, &n) : RES_NOT_FOUND;
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "units_lineage");
		return;
	}

	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	unit_fields(&j, &u);
	unit_dates(&j, &u);
	jw_kv_int(&j, "children", u.children);
	struct succession *before, *after;
	int nb, na;
	if (reorg_lineage(r->db, &r->arena, id, &before, &nb, &after, &na) != RES_OK) {
		req_fail(r, "reorg_lineage");
		return;
	}
	lineage_json(&j, "predecessors", before, nb);
	lineage_json(&j, "successors", after, na);
	struct unit_change *ch;
	int nc;
	if (units_changes(r->db, &r->arena, id, &ch, &nc) != RES_OK) {
		req_fail(r, "units_changes");
		return;
	}
	jw_key(&j, "changes");
	jw_arr_begin(&j);
	for (int i = 0; i < nc; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "field", ch[i].field);
		jw_kv_str(&j, "from", ch[i].old_value);
		jw_kv_str(&j, "to", ch[i].new_value);
		jw_kv_str(&j, "effective_on", ch[i].effective_on);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_key(&j, "ancestors");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		unit_fields(&j, &up[i]);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}
