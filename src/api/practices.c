/* practices.c: the JSON API of good practices. */
#include "api/api.h"
#include "core/catalog.h"
#include "core/practices.h"
#include "http/respond.h"
#include "util/jw.h"
#include "util/markdown.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

static const struct jfield practice_body[] = {
    {"title", J_TEXT, 0, 0},	 {"body", J_TEXT, 0, 0},   {"results", J_TEXT, 0, 0},
    {"platform", J_TEXT, 0, 0},	 {"domain", J_TEXT, 0, 0}, {"place", J_TEXT, 0, 0},
    {"numbers", J_OBJECT, 0, 0}, {NULL, 0, 0, 0}};
static const struct jfield review_body[] = {
    {"action", J_TEXT, 0, J_REQUIRED}, {"note", J_TEXT, 0, 0}, {NULL, 0, 0, 0}};

static void practice_json(struct jw *j, const struct practice *p)
{
	jw_kv_int(j, "id", p->id);
	jw_kv_str(j, "title", p->title);
	jw_kv_str(j, "status", practices_status_name(p->status));
	jw_key(j, "unit");
	jw_obj_begin(j);
	jw_kv_int(j, "id", p->unit_id);
	jw_kv_str(j, "name", p->unit);
	jw_kv_str(j, "province", p->province);
	jw_obj_end(j);
	jw_kv_str(j, "team", p->team_id ? p->team : NULL);
	jw_kv_str(j, "body", p->body);
	struct buf html = BUF_INIT;
	markdown_html(&html, p->body, strlen(p->body));
	jw_kv_str(j, "body_html", buf_cstr(&html));
	buf_release(&html);
	jw_kv_str(j, "results", p->results);
	jw_key(j, "numbers");
	jw_obj_begin(j);
	for (int i = 0; i < p->nnumbers; i++)
		jw_kv_int(j, p->numbers[i].code, p->numbers[i].value);
	jw_obj_end(j);
	jw_kv_str(j, "platform", p->platform_id ? p->platform_code : NULL);
	jw_kv_str(j, "domain", p->domain);
	jw_kv_str(j, "place", p->place);
	jw_kv_str(j, "author", p->author);
	jw_kv_str(j, "published_at", *p->published_at ? p->published_at : NULL);
	jw_kv_str(j, "review_note", p->review_note);
	jw_kv_int(j, "likes", p->likes);
	jw_kv_int(j, "applied", p->applied);
	jw_kv_bool(j, "liked", p->liked);
	jw_kv_bool(j, "applied_here", p->applied_here);
	jw_key(j, "photos");
	jw_arr_begin(j);
	for (int i = 0; i < p->nphotos; i++) {
		char url[64];
		snprintf(url, sizeof url, "/practices/%lld/photos/%lld", p->id, p->photos[i]);
		jw_str(j, url);
	}
	jw_arr_end(j);
	jw_kv_bool(j, "may_edit", p->may_edit);
	jw_kv_bool(j, "may_review", p->may_review);
}

void api_practices_list(struct req *r)
{
	struct practice_query q = {.q = req_query(r, "q"),
				   .domain = req_query(r, "domain"),
				   .mine = req_query(r, "mine") != NULL,
				   .to_review = req_query(r, "review") != NULL,
				   .limit = PRACTICES_PAGE_MAX};
	const char *platform = req_query(r, "platform");
	if (platform && *platform && !(q.platform = catalog_platform_find(r->db, platform))) {
		bad_param(r, "platform");
		return;
	}
	q.below = query_id(r, "province");
	if (q.below < 0) {
		bad_param(r, "province");
		return;
	}
	if (query_cursor(r, &q.offset) != 0)
		return;
	struct practice *list;
	int n;
	long long next;
	if (practices_list(r->db, &r->arena, r->user, &q, &list, &n, &next) != RES_OK) {
		req_fail(r, "practices_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		practice_json(&j, &list[i]);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static void practice_reply(struct req *r, long long id, int status)
{
	struct practice p;
	if (!respond_result(r, practices_get(r->db, &r->arena, r->user, id, &p), NULL,
			    "practices_get"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	practice_json(&j, &p);
	jw_obj_end(&j);
	respond_json(r, status);
}

void api_practice_get(struct req *r)
{
	practice_reply(r, req_param_id(r, 0), 200);
}

/* The input of a body; numbers: {"CODE": n}. */
static void practice_input(struct req *r, json_t *doc, struct practice_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = json_string_value(json_object_get(doc, "title"));
	in->body = json_string_value(json_object_get(doc, "body"));
	in->results = json_string_value(json_object_get(doc, "results"));
	in->platform = json_string_value(json_object_get(doc, "platform"));
	in->domain = json_string_value(json_object_get(doc, "domain"));
	in->place = json_string_value(json_object_get(doc, "place"));
	json_t *nums = json_object_get(doc, "numbers"), *v;
	const char *code;
	size_t n = json_is_object(nums) ? json_object_size(nums) : 0;
	const char **codes = arena_alloc(&r->arena, (n + 1) * sizeof *codes);
	const char **values = arena_alloc(&r->arena, (n + 1) * sizeof *values);
	int k = 0;
	json_object_foreach(nums, code, v)
	{
		codes[k] = arena_strdup(&r->arena, code);
		values[k++] = json_is_integer(v) ? arena_printf(&r->arena, "%lld",
								(long long)json_integer_value(v))
						 : "x"; /* not a number: named by the check */
	}
	in->codes = codes;
	in->values = values;
	in->nvalues = k;
}

void api_practice_create(struct req *r)
{
	json_t *doc = api_body_fields(r, practice_body);
	if (!doc)
		return;
	struct practice_input in;
	practice_input(r, doc, &in);
	struct field_errors fe = {0};
	long long id = 0;
	int rc = practices_create(r->db, &r->arena, r->user, &in, &fe, &id);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "practices_create"))
		practice_reply(r, id, 201);
}

void api_practice_update(struct req *r)
{
	long long id = req_param_id(r, 0);
	json_t *doc = api_body_fields(r, practice_body);
	if (!doc)
		return;
	struct practice_input in;
	practice_input(r, doc, &in);
	struct field_errors fe = {0};
	int rc = practices_update(r->db, &r->arena, r->user, id, &in, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "practices_update"))
		practice_reply(r, id, 200);
}

void api_practice_submit(struct req *r)
{
	long long id = req_param_id(r, 0);
	struct field_errors fe = {0};
	if (respond_result(r, practices_submit(r->db, r->user, id, &fe), &fe, "practices_submit"))
		practice_reply(r, id, 200);
}

void api_practice_review(struct req *r)
{
	long long id = req_param_id(r, 0);
	json_t *doc = api_body_fields(r, review_body);
	if (!doc)
		return;
	struct field_errors fe = {0};
	int rc = practices_review(r->db, &r->arena, r->user, id,
				  json_string_value(json_object_get(doc, "action")),
				  json_string_value(json_object_get(doc, "note")), &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "practices_review"))
		practice_reply(r, id, 200);
}

/* PUT sets the mark named by the path, DELETE takes it back. */
void api_practice_mark(struct req *r)
{
	long long id = req_param_id(r, 0);
	int rc = practices_mark(r->db, r->user, id, r->params[1], strcmp(r->method, "PUT") == 0);
	if (rc == RES_INVALID) {
		bad_param(r, "kind");
		return;
	}
	if (respond_result(r, rc, NULL, "practices_mark"))
		practice_reply(r, id, 200);
}
