/* reorg.c: GET /api/v1/reorganisation/waiting (the villages of split
 * communes waiting for their new commune) and POST
 * /api/v1/reorganisation/waiting/{id} (one moved to a successor); a
 * closed unit's targets carried to a successor and taken back
 * (/api/v1/units/{id}/targets/carry). */
#include "api/api.h"
#include "core/reorg.h"
#include "core/targets.h"
#include "http/respond.h"
#include "util/jw.h"

static void unit_ref(struct jw *j, const char *key, const struct unit *u)
{
	jw_key(j, key);
	jw_obj_begin(j);
	jw_kv_int(j, "id", u->id);
	jw_kv_str(j, "code", *u->code ? u->code : NULL);
	jw_kv_str(j, "name", u->name);
	jw_obj_end(j);
}

void api_reorg_waiting(struct req *r)
{
	long long after;
	if (query_cursor(r, &after) != 0)
		return;
	struct unassigned *v;
	int n;
	long long next;
	if (reorg_unassigned(r->db, &r->arena, r->user, after, 100, &v, &n, &next) != RES_OK) {
		req_fail(r, "reorg_unassigned");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		unit_ref(&j, "village", &v[i].village);
		unit_ref(&j, "old_commune", &v[i].old);
		jw_kv_int(&j, "teams", v[i].teams);
		jw_key(&j, "choices");
		jw_arr_begin(&j);
		for (int k = 0; k < v[i].nchoices; k++) {
			jw_obj_begin(&j);
			jw_kv_int(&j, "id", v[i].choices[k].unit.id);
			jw_kv_str(&j, "code", v[i].choices[k].unit.code);
			jw_kv_str(&j, "name", v[i].choices[k].unit.name);
			jw_obj_end(&j);
		}
		jw_arr_end(&j);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static const struct jfield assign_body[] = {{"commune_id", J_ID, 0, J_REQUIRED}, {NULL, 0, 0, 0}};

void api_reorg_assign(struct req *r)
{
	json_t *doc = api_body_fields(r, assign_body);
	if (!doc)
		return;
	long long to = json_integer_value(json_object_get(doc, "commune_id"));
	json_decref(doc);
	long long village = req_param_id(r, 0);
	struct field_errors fe = {0};
	int rc = reorg_assign(r->db, r->user, village, to);
	if (rc == RES_INVALID)
		field_error_add(&fe, "commune_id",
				N_("not a successor of the village's old commune"), NULL);
	if (!respond_result(r, rc, &fe, "reorg_assign"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "village_id", village);
	jw_kv_int(&j, "commune_id", to);
	jw_obj_end(&j);
	respond_json(r, 200);
}

/* GET /api/v1/units/{id}/targets/carry: the unit's predecessors with
 * targets, and what they have carried here. */
void api_targets_carry_list(struct req *r)
{
	struct carry_offer *o;
	int n;
	int rc = targets_carry_offers(r->db, &r->arena, r->user, req_param_id(r, 0), &o, &n);
	if (!respond_result(r, rc, NULL, "targets_carry_offers"))
		return;
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		unit_ref(&j, "unit", &o[i].old);
		jw_kv_int(&j, "targets", o[i].targets);
		jw_kv_int(&j, "percent", o[i].percent);
		jw_kv_str(&j, "carried_on", *o[i].carried_on ? o[i].carried_on : NULL);
		jw_kv_int(&j, "left", o[i].left);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, 0);
}

static const struct jfield carry_body[] = {
    {"from", J_ID, 0, J_REQUIRED}, {"percent", J_COUNT, 100, 0}, {NULL, 0, 0, 0}};

static void carry_reply(struct req *r, long long from, long long to, const struct carry_stats *cs,
			int status)
{
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "from", from);
	jw_kv_int(&j, "to", to);
	jw_kv_int(&j, "percent", cs->percent);
	jw_kv_int(&j, "targets", cs->targets);
	jw_kv_int(&j, "skipped", cs->skipped);
	jw_obj_end(&j);
	respond_json(r, status);
}

/* POST /api/v1/units/{id}/targets/carry {"from": ID, "percent": N}. */
void api_targets_carry(struct req *r)
{
	json_t *doc = api_body_fields(r, carry_body);
	if (!doc)
		return;
	long long from = json_integer_value(json_object_get(doc, "from"));
	json_t *p = json_object_get(doc, "percent");
	int percent = json_is_integer(p) ? (int)json_integer_value(p) : 100;
	json_decref(doc);
	long long to = req_param_id(r, 0);
	struct field_errors fe = {0};
	struct carry_stats cs;
	int rc = targets_carry(r->db, &r->arena, r->user, from, to, percent, &cs, &fe);
	if (!respond_result(r, rc, &fe, "targets_carry"))
		return;
	carry_reply(r, from, to, &cs, 201);
}

/* DELETE /api/v1/units/{id}/targets/carry/{from}: the carry undone. */
void api_targets_uncarry(struct req *r)
{
	long long to = req_param_id(r, 0), from = req_param_id(r, 1);
	struct carry_stats cs;
	int rc = targets_uncarry(r->db, &r->arena, r->user, from, to, &cs);
	if (!respond_result(r, rc, NULL, "targets_uncarry"))
		return;
	carry_reply(r, from, to, &cs, 200);
}

/* DELETE /api/v1/reorganisation/moves/{id}: the last move of village {id}
 * undone. */
void api_reorg_unmove(struct req *r)
{
	long long village = req_param_id(r, 0), back;
	struct field_errors fe = {0};
	int rc = reorg_unmove(r->db, r->user, village, &fe, &back);
	if (!respond_result(r, rc, &fe, "reorg_unmove"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "village_id", village);
	jw_kv_int(&j, "commune_id", back);
	jw_obj_end(&j);
	respond_json(r, 200);
}

/* DELETE /api/v1/reorganisation/merges/{id}: the merge that made village
 * {id} undone. */
void api_reorg_unmerge(struct req *r)
{
	long long village = req_param_id(r, 0);
	struct field_errors fe = {0};
	int rc = villages_unmerge(r->db, &r->arena, r->user, village, &fe);
	if (!respond_result(r, rc, &fe, "villages_unmerge"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "village_id", village);
	jw_obj_end(&j);
	respond_json(r, 200);
}
