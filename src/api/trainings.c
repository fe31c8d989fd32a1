/* trainings.c: the JSON API of trainings, their invitations and
 * attendance, and of training coverage. */
#include "api/api.h"
#include "core/catalog.h"
#include "core/coverage.h"
#include "core/trainings.h"
#include "http/respond.h"
#include "util/date.h"
#include "util/jw.h"
#include "util/vec.h"
#include <string.h>

static const struct jfield training_body[] = {{"title", J_TEXT, 0, 0},
					      {"unit", J_TEXT, 0, 0},
					      {"enterprise_id", J_ID, 0, 0},
					      {"trainers", J_TEXT, 0, 0},
					      {"mode", J_TEXT, 0, 0},
					      {"place", J_TEXT, 0, 0},
					      {"link", J_TEXT, 0, 0},
					      {"starts_on", J_TEXT, 0, 0},
					      {"ends_on", J_TEXT, 0, 0},
					      {"topics", J_TEXT, 0, 0},
					      {"materials", J_ARRAY, 20, 0},
					      {"platforms", J_ARRAY, 50, 0},
					      {NULL, 0, 0, 0}};
static const struct jfield invite_body[] = {{"team_ids", J_ARRAY, 5000, 0},
					    {"unit_id", J_ID, 0, 0},
					    {"untrained", J_BOOL, 0, 0},
					    {"platform", J_TEXT, 0, 0},
					    {NULL, 0, 0, 0}};
static const struct jfield attendance_body[] = {{"members", J_ARRAY, 100, J_REQUIRED},
						{NULL, 0, 0, 0}};

/* "key": {"id", "name"} */
static void ref_json(struct jw *j, const char *key, long long id, const char *name)
{
	jw_key(j, key);
	jw_obj_begin(j);
	jw_kv_int(j, "id", id);
	jw_kv_str(j, "name", name);
	jw_obj_end(j);
}

static void training_json(struct req *r, struct jw *j, const struct training *t)
{
	jw_kv_int(j, "id", t->id);
	jw_kv_str(j, "title", t->title);
	ref_json(j, "unit", t->unit_id, t->unit);
	if (t->enterprise_id) {
		ref_json(j, "enterprise", t->enterprise_id, t->enterprise);
	} else {
		jw_key(j, "enterprise");
		jw_null(j);
	}
	jw_kv_str(j, "trainers", t->trainers);
	jw_kv_str(j, "mode", trainings_mode_name(t->mode));
	jw_kv_str(j, "place", t->place);
	jw_kv_str(j, "link", t->link);
	jw_kv_str(j, "starts_on", t->starts_on);
	jw_kv_str(j, "ends_on", t->ends_on);
	jw_kv_str(j, "topics", t->topics);
	jw_key(j, "materials");
	jw_arr_begin(j);
	for (const char *p = t->materials; *p;) {
		size_t k = strcspn(p, "\n");
		jw_str(j, arena_strndup(&r->arena, p, k));
		p += k + (p[k] == '\n');
	}
	jw_arr_end(j);
	jw_key(j, "files");
	jw_arr_begin(j);
	struct training_file *files;
	int nf = 0;
	if (trainings_files(r->db, &r->arena, t->id, &files, &nf) != RES_OK)
		nf = 0;
	for (int i = 0; i < nf; i++) {
		jw_obj_begin(j);
		jw_kv_int(j, "id", files[i].id);
		jw_kv_str(j, "name", files[i].name);
		jw_kv_int(j, "bytes", files[i].bytes);
		jw_kv_str(
		    j, "url",
		    arena_printf(&r->arena, "/trainings/%lld/files/%lld", t->id, files[i].id));
		jw_obj_end(j);
	}
	jw_arr_end(j);
	jw_key(j, "platforms");
	jw_arr_begin(j);
	struct platform *ps;
	int np = 0;
	if (t->nplatforms && catalog_platforms(r->db, &r->arena, &ps, &np) != RES_OK)
		np = 0;
	for (int i = 0; i < t->nplatforms; i++)
		for (int k = 0; k < np; k++)
			if (ps[k].id == t->platforms[i])
				jw_str(j, ps[k].code);
	jw_arr_end(j);
	jw_kv_int(j, "teams_invited", t->teams);
	jw_kv_int(j, "present", t->present);
	jw_kv_int(j, "completed", t->completed);
	jw_kv_bool(j, "may_manage", t->may_manage);
}

void api_trainings_list(struct req *r)
{
	long long after, unit = query_id(r, "unit");
	if (query_cursor(r, &after) != 0)
		return;
	if (unit < 0) {
		bad_param(r, "unit");
		return;
	}
	struct training *list;
	int n;
	long long next;
	if (trainings_list(r->db, &r->arena, r->user, unit, after, TRAININGS_PAGE_MAX, &list, &n,
			   &next) != RES_OK) {
		req_fail(r, "trainings_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		training_json(r, &j, &list[i]);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static void training_reply(struct req *r, long long id, int status)
{
	struct training t;
	if (!respond_result(r, trainings_get(r->db, &r->arena, r->user, id, &t), NULL,
			    "trainings_get"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	training_json(r, &j, &t);
	jw_obj_end(&j);
	respond_json(r, status);
}

void api_training_get(struct req *r)
{
	training_reply(r, req_param_id(r, 0), 200);
}

/* The body's strings of array name joined by sep (from the arena), or
 * NULL; a member that is not text is an error of name. */
static const char *joined(struct req *r, json_t *doc, const char *name, const char *sep,
			  struct field_errors *fe)
{
	json_t *arr = json_object_get(doc, name), *v;
	size_t i;
	if (!json_is_array(arr))
		return NULL;
	struct buf b = BUF_INIT;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_string(v))
			field_error_add(fe, name, N_("must be a list of texts"), NULL);
		else
			buf_printf(&b, "%s%s", i ? sep : "", json_string_value(v));
	}
	const char *s = arena_strdup(&r->arena, buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* The training of the body into in; errors in fe. */
static void training_input(struct req *r, json_t *doc, struct training_input *in,
			   struct field_errors *fe)
{
	memset(in, 0, sizeof *in);
	in->title = json_string_value(json_object_get(doc, "title"));
	in->unit_code = json_string_value(json_object_get(doc, "unit"));
	json_t *e = json_object_get(doc, "enterprise_id");
	if (json_is_integer(e))
		in->enterprise = arena_printf(&r->arena, "%lld", (long long)json_integer_value(e));
	in->trainers = json_string_value(json_object_get(doc, "trainers"));
	in->mode = json_string_value(json_object_get(doc, "mode"));
	in->place = json_string_value(json_object_get(doc, "place"));
	in->link = json_string_value(json_object_get(doc, "link"));
	in->starts_on = json_string_value(json_object_get(doc, "starts_on"));
	in->ends_on = json_string_value(json_object_get(doc, "ends_on"));
	in->topics = json_string_value(json_object_get(doc, "topics"));
	in->materials = joined(r, doc, "materials", "\n", fe);
	json_t *ps = json_object_get(doc, "platforms"), *v;
	size_t i;
	VEC(long long) ids = {0};
	json_array_foreach(ps, i, v)
	{
		long long id = catalog_platform_find(r->db, json_string_value(v));
		if (!id)
			field_error_add(
			    fe, "platforms", N_("no platform with code %s"),
			    arena_strdup(&r->arena, json_is_string(v) ? json_string_value(v) : ""));
		else
			*VEC_PUSH(&r->arena, &ids) = id;
	}
	in->platforms = ids.items;
	in->nplatforms = ids.n;
}

void api_training_create(struct req *r)
{
	json_t *doc = api_body_fields(r, training_body);
	if (!doc)
		return;
	struct training_input in;
	struct field_errors fe = {0};
	training_input(r, doc, &in, &fe);
	long long id = 0;
	int rc = fe.n ? RES_INVALID : trainings_create(r->db, &r->arena, r->user, &in, &fe, &id);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "trainings_create"))
		training_reply(r, id, 201);
}

void api_training_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	json_t *doc = api_body_fields(r, training_body);
	if (!doc)
		return;
	struct training_input in;
	struct field_errors fe = {0};
	training_input(r, doc, &in, &fe);
	int rc = fe.n ? RES_INVALID : trainings_update(r->db, &r->arena, r->user, id, &in, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "trainings_update"))
		training_reply(r, id, 200);
}

void api_training_teams(struct req *r)
{
	long long after;
	if (query_cursor(r, &after) != 0)
		return;
	struct training_team *list;
	int n;
	long long next;
	if (!respond_result(r,
			    trainings_teams(r->db, &r->arena, r->user, req_param_id(r, 0), after,
					    TRAININGS_PAGE_MAX, &list, &n, &next),
			    NULL, "trainings_teams"))
		return;
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		const struct training_team *t = &list[i];
		jw_obj_begin(&j);
		ref_json(&j, "team", t->team_id, t->team);
		ref_json(&j, "village", t->village_id, t->village);
		ref_json(&j, "commune", t->commune_id, t->commune);
		jw_kv_int(&j, "members", t->members);
		jw_kv_int(&j, "present", t->present);
		jw_kv_int(&j, "completed", t->completed);
		jw_kv_bool(&j, "may_record", t->may_record);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

void api_training_invite(struct req *r)
{
	json_t *doc = api_body_fields(r, invite_body);
	if (!doc)
		return;
	struct field_errors fe = {0};
	VEC(long long) teams = {0};
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(doc, "team_ids"), i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			field_error_add(&fe, "team_ids", N_("must be a list of team numbers"),
					NULL);
		else
			*VEC_PUSH(&r->arena, &teams) = json_integer_value(v);
	}
	json_t *unit = json_object_get(doc, "unit_id");
	const char *code = json_string_value(json_object_get(doc, "platform"));
	long long platform = code ? catalog_platform_find(r->db, code) : 0;
	if (code && !platform)
		field_error_add(&fe, "platform", N_("no platform with code %s"),
				arena_strdup(&r->arena, code));
	long long added = 0;
	int rc = fe.n ? RES_INVALID
		      : trainings_invite(r->db, r->user, req_param_id(r, 0), teams.items, teams.n,
					 json_is_integer(unit) ? json_integer_value(unit) : 0,
					 json_is_true(json_object_get(doc, "untrained")), platform,
					 &fe, &added);
	json_decref(doc);
	if (!respond_result(r, rc, &fe, "trainings_invite"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "invited", added);
	jw_obj_end(&j);
	respond_json(r, 200);
}

void api_training_uninvite(struct req *r)
{
	int rc = trainings_uninvite(r->db, r->user, req_param_id(r, 0), req_param_id(r, 1));
	if (rc == RES_CONFLICT) {
		respond_error(r, 409, "conflict",
			      "The team is not invited, or some of its members were present.",
			      NULL);
		return;
	}
	if (respond_result(r, rc, NULL, "trainings_uninvite")) {
		r->status = 204;
		r->content_type = "application/json; charset=utf-8";
	}
}

static void attendance_reply(struct req *r, long long id, long long team)
{
	struct attendance *list;
	int n;
	if (!respond_result(r, trainings_attendance(r->db, &r->arena, r->user, id, team, &list, &n),
			    NULL, "trainings_attendance"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "members");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_kv_int(&j, "member_id", list[i].member_id);
		jw_kv_str(&j, "name", list[i].name);
		jw_kv_str(&j, "role", list[i].role);
		jw_kv_bool(&j, "recorded", list[i].recorded);
		jw_kv_bool(&j, "present", list[i].present);
		jw_kv_bool(&j, "completed", list[i].completed);
		jw_kv_str(&j, "certificate", list[i].certificate);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}

void api_attendance_get(struct req *r)
{
	attendance_reply(r, req_param_id(r, 0), req_param_id(r, 1));
}

void api_attendance_put(struct req *r)
{
	json_t *doc = api_body_fields(r, attendance_body);
	if (!doc)
		return;
	struct field_errors fe = {0};
	VEC(struct attendance_input) rows = {0};
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(doc, "members"), i, v)
	{
		json_t *id = json_object_get(v, "member_id"),
		       *cert = json_object_get(v, "certificate");
		if (!json_is_object(v) || !json_is_integer(id) || json_integer_value(id) < 1 ||
		    (cert && !json_is_string(cert) && !json_is_null(cert))) {
			field_error_add(&fe, "members",
					N_("each member: {\"member_id\", \"present\", "
					   "\"completed\", \"certificate\"}"),
					NULL);
			continue;
		}
		struct attendance_input *x = VEC_PUSH(&r->arena, &rows);
		x->member_id = json_integer_value(id);
		x->present = json_is_true(json_object_get(v, "present"));
		x->completed = json_is_true(json_object_get(v, "completed"));
		x->certificate = json_string_value(cert);
	}
	long long id = req_param_id(r, 0), team = req_param_id(r, 1);
	int rc =
	    fe.n ? RES_INVALID
		 : trainings_attend(r->db, &r->arena, r->user, id, team, rows.items, rows.n, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "trainings_attend"))
		attendance_reply(r, id, team);
}

/* The platform of the query (0: none or any): 0, or -1 after answering
 * 400. The day: ?date= or today. */
static int coverage_params(struct req *r, long long *platform, char day[11])
{
	const char *code = req_query(r, "platform"), *date = req_query(r, "date");
	*platform = code && *code ? catalog_platform_find(r->db, code) : 0;
	if (code && *code && !*platform) {
		bad_param(r, "platform");
		return -1;
	}
	if (date && date_parse(date, day) != 0) {
		bad_param(r, "date");
		return -1;
	}
	if (!date)
		date_local(r->now, day);
	return 0;
}

static void coverage_json(struct jw *j, const struct coverage *c)
{
	jw_kv_int(j, "teams", c->teams);
	jw_kv_int(j, "teams_trained", c->teams_trained);
	jw_kv_int(j, "members", c->members);
	jw_kv_int(j, "members_trained", c->members_trained);
}

void api_coverage(struct req *r)
{
	long long platform;
	char day[11];
	if (coverage_params(r, &platform, day) != 0)
		return;
	struct coverage total;
	struct coverage_row *rows;
	int n;
	if (!respond_result(r,
			    coverage_get(r->db, &r->arena, r->user, req_param_id(r, 0), platform,
					 day, &total, &rows, &n),
			    NULL, "coverage_get"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_str(&j, "date", day);
	jw_key(&j, "total");
	jw_obj_begin(&j);
	coverage_json(&j, &total);
	jw_obj_end(&j);
	jw_key(&j, "items");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_key(&j, "unit");
		jw_obj_begin(&j);
		jw_kv_int(&j, "id", rows[i].u.id);
		jw_kv_str(&j, "code", *rows[i].u.code ? rows[i].u.code : NULL);
		jw_kv_str(&j, "name", rows[i].u.name);
		jw_kv_str(&j, "level", rows[i].u.level);
		jw_obj_end(&j);
		coverage_json(&j, &rows[i].c);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}

void api_untrained(struct req *r)
{
	long long platform, after;
	char day[11];
	if (coverage_params(r, &platform, day) != 0 || query_cursor(r, &after) != 0)
		return;
	struct untrained_team *list;
	int n;
	long long next;
	if (!respond_result(r,
			    coverage_untrained(r->db, &r->arena, r->user, req_param_id(r, 0),
					       platform, day, after, UNTRAINED_PAGE_MAX, &list, &n,
					       &next),
			    NULL, "coverage_untrained"))
		return;
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		ref_json(&j, "team", list[i].team_id, list[i].team);
		ref_json(&j, "village", list[i].village_id, list[i].village);
		ref_json(&j, "commune", list[i].commune_id, list[i].commune);
		jw_kv_int(&j, "members", list[i].members);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}
