/* reorg.c: GET /api/v1/reorganisation/waiting (the villages of split
 * communes waiting for their new commune) and POST
 * /api/v1/reorganisation/waiting/{id} (one moved to a successor). */
#include "api/api.h"
#include "core/reorg.h"
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
