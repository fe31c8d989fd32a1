/* teams.c: the team API: GET/POST /api/v1/teams, GET/PATCH
 * /api/v1/teams/{id}, POST /api/v1/teams/{id}/members, PATCH
 * /api/v1/members/{id}. Scoped like everything else: a team outside the
 * caller's area answers 404. */
#include "api/api.h"
#include "core/enterprises.h"
#include "core/teams.h"
#include "http/respond.h"
#include "util/jw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A member of the JSON body as text: strings as they are, integers
 * written out, null/absent as fallback. */
static const char *jtext(struct req *r, json_t *doc, const char *key, const char *fallback)
{
	json_t *v = json_object_get(doc, key);
	if (json_is_string(v))
		return arena_strdup(&r->arena, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	return fallback;
}

static const char *count_text(struct req *r, long long v)
{
	return v >= 0 ? arena_printf(&r->arena, "%lld", v) : "";
}

static void team_json(struct jw *j, const struct team *t)
{
	jw_kv_int(j, "id", t->id);
	jw_kv_int(j, "unit_id", t->unit_id);
	jw_kv_str(j, "name", t->name);
	jw_kv_int(j, "active_members", t->active_members);
	jw_kv_str(j, "village", t->village);
	jw_kv_int(j, "commune_id", t->commune_id);
	jw_kv_str(j, "commune", t->commune);
	jw_kv_str(j, "decision_no", t->decision_no);
	jw_kv_str(j, "decision_date", *t->decision_date ? t->decision_date : NULL);
	jw_kv_str(j, "decided_by", t->decided_by);
	jw_kv_str(j, "established_on", *t->established_on ? t->established_on : NULL);
	jw_kv_str(j, "dissolved_on", *t->dissolved_on ? t->dissolved_on : NULL);
	jw_kv_str(j, "group_name", t->group_name);
	jw_kv_str(j, "group_link", t->group_link);
	jw_key(j, "households");
	if (t->households >= 0)
		jw_int(j, t->households);
	else
		jw_null(j);
	jw_key(j, "households_in_group");
	if (t->households_in_group >= 0)
		jw_int(j, t->households_in_group);
	else
		jw_null(j);
	jw_key(j, "warnings");
	jw_arr_begin(j);
	if (t->warnings & TEAM_FEW_MEMBERS)
		jw_str(j, "few_members");
	if (t->warnings & TEAM_NO_LEADER)
		jw_str(j, "no_leader");
	if (t->warnings & TEAM_NO_VILLAGE_HEAD)
		jw_str(j, "no_village_head");
	jw_arr_end(j);
}

void api_teams_list(struct req *r)
{
	struct team_filter f = {.q = req_query(r, "q"), .limit = 200};
	const char *unit = req_query(r, "unit"), *cursor = req_query(r, "cursor");
	if (unit)
		f.unit = strtoll(unit, NULL, 10);
	if (cursor)
		f.after = strtoll(cursor, NULL, 10);
	if ((unit && f.unit <= 0) || (cursor && f.after <= 0)) {
		respond_error(r, 400, "invalid_parameter", "The parameter %s is not valid.",
			      unit && f.unit <= 0 ? "unit" : "cursor");
		return;
	}
	struct team *list;
	int n;
	long long next;
	if (teams_list(r->db, &r->arena, r->user, &f, &list, &n, &next) != RES_OK) {
		req_fail(r, "teams_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		team_json(&j, &list[i]);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static void team_reply(struct req *r, long long id, int status)
{
	struct team t;
	struct member *ms;
	int n;
	int rc = teams_get(r->db, &r->arena, r->user, id, &t);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such team.", NULL);
		return;
	}
	if (rc != RES_OK || members_list(r->db, &r->arena, r->user, id, 0, &ms, &n) != RES_OK) {
		req_fail(r, "teams_get");
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	team_json(&j, &t);
	jw_key(&j, "members");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		const struct member *m = &ms[i];
		jw_obj_begin(&j);
		jw_kv_int(&j, "id", m->id);
		jw_kv_str(&j, "full_name", m->full_name);
		jw_key(&j, "birth_year");
		if (m->birth_year)
			jw_int(&j, m->birth_year);
		else
			jw_null(&j);
		jw_kv_str(&j, "gender", *m->gender ? m->gender : NULL);
		jw_kv_str(&j, "phone", *m->phone ? m->phone : NULL);
		jw_kv_str(&j, "role", m->role);
		jw_kv_str(&j, "affiliation", m->affiliation);
		jw_kv_str(&j, "joined_on", *m->joined_on ? m->joined_on : NULL);
		jw_key(&j, "phone_shared");
		jw_bool(&j, m->phone_shared);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, status);
}

void api_team_get(struct req *r)
{
	team_reply(r, req_param_id(r, 0), 200);
}

/* The bodies these routes take. */
#define TEAM_FIELDS                                                                                \
	{"name", J_TEXT, 0, 0}, {"decision_no", J_TEXT, 0, 0}, {"decision_date", J_TEXT, 0, 0},    \
	    {"decided_by", J_TEXT, 0, 0}, {"established_on", J_TEXT, 0, 0},                        \
	    {"group_name", J_TEXT, 0, 0}, {"group_link", J_TEXT, 0, 0},                            \
	    {"households", J_COUNT, 100000, 0},                                                    \
	{                                                                                          \
		"households_in_group", J_COUNT, 100000, 0                                          \
	}
static const struct jfield team_new_body[] = {
    {"unit_id", J_ID, 0, J_REQUIRED}, TEAM_FIELDS, {NULL, 0, 0, 0}};
static const struct jfield team_body[] = {TEAM_FIELDS, {NULL, 0, 0, 0}};
static const struct jfield member_body[] = {
    {"full_name", J_TEXT, 0, 0},   {"birth_year", J_COUNT, 9999, 0},
    {"gender", J_TEXT, 0, 0},	   {"phone", J_TEXT, 0, 0},
    {"role", J_TEXT, 0, 0},	   {"affiliation", J_TEXT, 0, 0},
    {"joined_on", J_TEXT, 0, 0},   {"consent_on", J_TEXT, 0, 0},
    {"consent_how", J_TEXT, 0, 0}, {NULL, 0, 0, 0}};

/* The team input of a JSON body, over the current values of t (or none). */
static void team_input_json(struct req *r, json_t *doc, const struct team *t, struct team_input *in)
{
	in->name = jtext(r, doc, "name", t ? t->name : NULL);
	in->decision_no = jtext(r, doc, "decision_no", t ? t->decision_no : NULL);
	in->decision_date = jtext(r, doc, "decision_date", t ? t->decision_date : NULL);
	in->decided_by = jtext(r, doc, "decided_by", t ? t->decided_by : NULL);
	in->established_on = jtext(r, doc, "established_on", t ? t->established_on : NULL);
	in->group_name = jtext(r, doc, "group_name", t ? t->group_name : NULL);
	in->group_link = jtext(r, doc, "group_link", t ? t->group_link : NULL);
	in->households = jtext(r, doc, "households", t ? count_text(r, t->households) : NULL);
	in->households_in_group =
	    jtext(r, doc, "households_in_group", t ? count_text(r, t->households_in_group) : NULL);
}

void api_team_create(struct req *r)
{
	json_t *doc = api_body_fields(r, team_new_body);
	if (!doc)
		return;
	json_t *unit = json_object_get(doc, "unit_id");
	struct team_input in;
	struct field_errors fe = {0};
	team_input_json(r, doc, NULL, &in);
	long long id = 0;
	int rc = teams_create(r->db, r->user, json_integer_value(unit), &in, &fe, &id);
	json_decref(doc);
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such unit.", NULL);
		return;
	}
	if (respond_result(r, rc, &fe, "teams_create"))
		team_reply(r, id, 201);
}

void api_team_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct team t;
	int rc = teams_get(r->db, &r->arena, r->user, id, &t);
	if (rc != RES_OK) {
		respond_result(r, rc, NULL, "teams_get");
		return;
	}
	json_t *doc = api_body_fields(r, team_body);
	if (!doc)
		return;
	struct team_input in;
	struct field_errors fe = {0};
	team_input_json(r, doc, &t, &in);
	rc = teams_update(r->db, r->user, id, &in, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "teams_update"))
		team_reply(r, id, 200);
}

static void member_input_json(struct req *r, json_t *doc, const struct member *m,
			      struct member_input *in)
{
	in->full_name = jtext(r, doc, "full_name", m ? m->full_name : NULL);
	in->birth_year =
	    jtext(r, doc, "birth_year",
		  m && m->birth_year ? arena_printf(&r->arena, "%d", m->birth_year) : NULL);
	in->gender = jtext(r, doc, "gender", m ? m->gender : NULL);
	in->phone = jtext(r, doc, "phone", m ? m->phone : NULL);
	in->role = jtext(r, doc, "role", m ? m->role : NULL);
	in->affiliation = jtext(r, doc, "affiliation", m ? m->affiliation : NULL);
	in->joined_on = jtext(r, doc, "joined_on", m ? m->joined_on : NULL);
	in->consent_on = jtext(r, doc, "consent_on", m ? m->consent_on : NULL);
	in->consent_how = jtext(r, doc, "consent_how", m ? m->consent_how : NULL);
}

void api_member_add(struct req *r)
{
	json_t *doc = api_body_fields(r, member_body);
	if (!doc)
		return;
	struct member_input in;
	struct field_errors fe = {0};
	member_input_json(r, doc, NULL, &in);
	long long team = req_param_id(r, 0), id;
	int rc = members_add(r->db, r->user, team, &in, &fe, &id);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "members_add"))
		team_reply(r, team, 201);
}

void api_member_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	long long team = members_team(r->db, r->user, id);
	struct member *ms, *m = NULL;
	int n;
	if (!team || members_list(r->db, &r->arena, r->user, team, 0, &ms, &n) != RES_OK) {
		respond_error(r, 404, "not_found", "There is no such member.", NULL);
		return;
	}
	for (int i = 0; i < n; i++)
		if (ms[i].id == id)
			m = &ms[i];
	if (!m || strchr(m->phone, 'x')) {
		/* gone, or personal data this caller cannot see (nor so change) */
		respond_error(r, m ? 403 : 404, m ? "forbidden" : "not_found",
			      m ? "You may not do this." : "There is no such member.", NULL);
		return;
	}
	json_t *doc = api_body_fields(r, member_body);
	if (!doc)
		return;
	struct member_input in;
	struct field_errors fe = {0};
	member_input_json(r, doc, m, &in);
	int rc = members_update(r->db, r->user, id, &in, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "members_update"))
		team_reply(r, team, 200);
}

void api_enterprises_list(struct req *r)
{
	struct enterprise *list;
	int n;
	if (enterprises_list(r->db, &r->arena, r->user, &list, &n) != RES_OK) {
		req_fail(r, "enterprises_list");
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "items");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_kv_int(&j, "id", list[i].id);
		jw_kv_str(&j, "name", list[i].name);
		jw_kv_str(&j, "kind", list[i].kind);
		jw_kv_str(&j, "contact_name", list[i].contact_name);
		jw_kv_int(&j, "communes", list[i].communes);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}
