/* group.c: the JSON API of the commune management group: announcements,
 * their receipts and answers; the directory and its contacts. */
#include "api/api.h"
#include "core/announcements.h"
#include "core/directory.h"
#include "http/respond.h"
#include "util/jw.h"
#include "util/markdown.h"
#include <string.h>

static const struct jfield announcement_body[] = {{"title", J_TEXT, 0, J_REQUIRED},
						  {"body", J_TEXT, 0, J_REQUIRED},
						  {"scope", J_ID, 0, 0},
						  {"audience", J_TEXT, 0, 0},
						  {"unit_kind", J_TEXT, 0, 0},
						  {"asks_answer", J_BOOL, 0, 0},
						  {"answer_by", J_TEXT, 0, 0},
						  {NULL, 0, 0, 0}};
static const struct jfield answer_body[] = {{"answer", J_TEXT, 0, J_REQUIRED}, {NULL, 0, 0, 0}};
static const struct jfield contact_body[] = {{"full_name", J_TEXT, 0, J_REQUIRED},
					     {"title", J_TEXT, 0, 0},
					     {"phone", J_TEXT, 0, 0},
					     {"email", J_TEXT, 0, 0},
					     {NULL, 0, 0, 0}};

static void announcement_json(struct jw *j, const struct announcement *x)
{
	jw_kv_int(j, "id", x->id);
	jw_kv_str(j, "title", x->title);
	jw_kv_str(j, "body", x->body);
	struct buf html = BUF_INIT;
	markdown_html(&html, x->body, strlen(x->body));
	jw_kv_str(j, "body_html", buf_cstr(&html));
	buf_release(&html);
	jw_key(j, "from");
	jw_obj_begin(j);
	jw_kv_int(j, "id", x->unit_id);
	jw_kv_str(j, "name", x->unit);
	jw_obj_end(j);
	jw_key(j, "to");
	jw_obj_begin(j);
	jw_kv_int(j, "id", x->scope_unit_id);
	jw_kv_str(j, "name", x->scope);
	jw_kv_str(j, "audience", audience_name(x->audience));
	jw_kv_str(j, "unit_kind", *x->unit_kind ? x->unit_kind : NULL);
	jw_obj_end(j);
	jw_kv_str(j, "author", x->author);
	jw_kv_str(j, "posted_at", x->posted_at);
	jw_kv_bool(j, "asks_answer", x->asks_answer);
	jw_kv_str(j, "answer_by", *x->answer_by ? x->answer_by : NULL);
	jw_kv_bool(j, "recipient", x->recipient);
	jw_kv_bool(j, "unread", x->unread);
	jw_kv_str(j, "my_answer", *x->my_answer ? x->my_answer : NULL);
	if (x->may_receipts) {
		jw_kv_int(j, "read", x->read);
		jw_kv_int(j, "answers", x->answers);
	}
}

void api_announcements_list(struct req *r)
{
	long long offset;
	if (query_cursor(r, &offset) != 0)
		return;
	struct announcement *list;
	int n;
	long long next;
	if (announcements_list(r->db, &r->arena, r->user, offset, 50, &list, &n, &next) != RES_OK) {
		req_fail(r, "announcements_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		announcement_json(&j, &list[i]);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static void announcement_reply(struct req *r, long long id, int status)
{
	struct announcement x;
	if (!respond_result(r, announcements_get(r->db, &r->arena, r->user, id, &x), NULL,
			    "announcements_get"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	announcement_json(&j, &x);
	jw_obj_end(&j);
	respond_json(r, status);
}

void api_announcement_get(struct req *r)
{
	announcement_reply(r, req_param_id(r, 0), 200);
}

void api_announcement_post(struct req *r)
{
	json_t *doc = api_body_fields(r, announcement_body);
	if (!doc)
		return;
	struct announcement_input in = {
	    .title = json_string_value(json_object_get(doc, "title")),
	    .body = json_string_value(json_object_get(doc, "body")),
	    .scope = json_integer_value(json_object_get(doc, "scope")),
	    .audience = json_string_value(json_object_get(doc, "audience")),
	    .unit_kind = json_string_value(json_object_get(doc, "unit_kind")),
	    .asks_answer = json_is_true(json_object_get(doc, "asks_answer")),
	    .answer_by = json_string_value(json_object_get(doc, "answer_by")),
	};
	struct field_errors fe = {0};
	long long id = 0;
	int rc = announcements_post(r->db, &r->arena, r->user, &in, &fe, &id);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "announcements_post"))
		announcement_reply(r, id, 201);
}

void api_announcement_answer(struct req *r)
{
	long long id = req_param_id(r, 0);
	json_t *doc = api_body_fields(r, answer_body);
	if (!doc)
		return;
	struct field_errors fe = {0};
	int rc = announcements_answer(r->db, &r->arena, r->user, id,
				      json_string_value(json_object_get(doc, "answer")), &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "announcements_answer"))
		announcement_reply(r, id, 200);
}

void api_announcement_receipts(struct req *r)
{
	long long offset;
	if (query_cursor(r, &offset) != 0)
		return;
	struct receipt *list;
	int n;
	long long next, total;
	int rc = announcements_receipts(r->db, &r->arena, r->user, req_param_id(r, 0), offset, 100,
					&list, &n, &next, &total);
	if (!respond_result(r, rc, NULL, "announcements_receipts"))
		return;
	struct jw j; /* as api_items_begin, with the count of all first */
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "recipients", total);
	jw_key(&j, "items");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		const struct receipt *x = &list[i];
		jw_obj_begin(&j);
		jw_key(&j, "user");
		jw_obj_begin(&j);
		jw_kv_int(&j, "id", x->user_id);
		jw_kv_str(&j, "username", x->username);
		jw_kv_str(&j, "name", x->name);
		jw_kv_str(&j, "role", x->role);
		jw_kv_str(&j, "unit", x->unit);
		jw_obj_end(&j);
		jw_kv_str(&j, "read_at", *x->read_at ? x->read_at : NULL);
		jw_kv_str(&j, "answer", *x->answer ? x->answer : NULL);
		jw_kv_str(&j, "answered_at", *x->answered_at ? x->answered_at : NULL);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

void api_directory(struct req *r)
{
	struct directory d;
	if (!respond_result(r, directory_get(r->db, &r->arena, r->user, req_param_id(r, 0), &d),
			    NULL, "directory_get"))
		return;
	const char *format = req_query(r, "format");
	int csv = format && strcmp(format, "csv") == 0, vcf = format && strcmp(format, "vcf") == 0;
	if (csv || vcf) {
		const char *mime, *name;
		directory_export(&d, r->lang, vcf, &r->out, &mime, &name);
		respond_attachment(r, mime, name);
		return;
	}
	if (format && *format && strcmp(format, "json") != 0) {
		bad_param(r, "format");
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "commune");
	jw_obj_begin(&j);
	jw_kv_int(&j, "id", d.commune);
	jw_kv_str(&j, "name", d.name);
	jw_obj_end(&j);
	jw_kv_bool(&j, "phones_shown", d.personal);
	jw_key(&j, "items");
	jw_arr_begin(&j);
	static const char *const sections[DIR_SECTIONS] = {"leaders", "above", "enterprises",
							   "teams"};
	for (int i = 0; i < d.n; i++) {
		const struct dir_entry *e = &d.items[i];
		jw_obj_begin(&j);
		jw_kv_str(&j, "group", sections[e->section]);
		if (e->contact_id)
			jw_kv_int(&j, "contact_id", e->contact_id);
		jw_kv_str(&j, "name", e->name);
		jw_kv_str(&j, e->section == DIR_TEAMS ? "role" : "title", e->title);
		jw_kv_str(&j, "org", e->org);
		if (e->section == DIR_TEAMS)
			jw_kv_str(&j, "village", e->place);
		jw_kv_str(&j, "phone", *e->phone ? e->phone : NULL);
		jw_kv_str(&j, "email", *e->email ? e->email : NULL);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}

void api_contact_add(struct req *r)
{
	json_t *doc = api_body_fields(r, contact_body);
	if (!doc)
		return;
	struct contact_input in = {
	    .full_name = json_string_value(json_object_get(doc, "full_name")),
	    .title = json_string_value(json_object_get(doc, "title")),
	    .phone = json_string_value(json_object_get(doc, "phone")),
	    .email = json_string_value(json_object_get(doc, "email")),
	};
	struct field_errors fe = {0};
	long long id = 0;
	int rc =
	    directory_contact_add(r->db, &r->arena, r->user, req_param_id(r, 0), &in, &fe, &id);
	json_decref(doc);
	if (!respond_result(r, rc, &fe, "directory_contact_add"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "id", id);
	jw_obj_end(&j);
	respond_json(r, 201);
}

void api_contact_remove(struct req *r)
{
	if (!respond_result(r, directory_contact_remove(r->db, r->user, req_param_id(r, 0)), NULL,
			    "directory_contact_remove"))
		return;
	r->status = 204;
}
