/* session.c: POST /api/v1/session (sign in with JSON), DELETE (sign out),
 * GET /api/v1/me. */
#include "api/api.h"
#include "core/accounts.h"
#include "core/result.h"
#include "http/respond.h"
#include "http/server.h"
#include "util/jw.h"
#include <jansson.h>
#include <string.h>

/* The request body as a JSON object, or NULL after answering 400. */
static void me(struct req *r, struct jw *j)
{
	jw_kv_int(j, "id", r->user->id);
	jw_kv_str(j, "username", r->user->username);
	jw_kv_str(j, "full_name", r->user->full_name);
	jw_kv_str(j, "role", r->user->role);
	jw_kv_int(j, "scope_unit_id", r->user->scope);
	jw_kv_str(j, "scope_name", r->user->scope_name);
}

void api_session_create(struct req *r)
{
	static const struct jfield body[] = {{"username", J_TEXT, 0, J_REQUIRED},
					     {"password", J_TEXT, 0, J_REQUIRED},
					     {NULL, 0, 0, 0}};
	json_t *doc = api_body_fields(r, body);
	if (!doc)
		return;
	const char *username = json_string_value(json_object_get(doc, "username"));
	const char *password = json_string_value(json_object_get(doc, "password"));
	char token[TOKEN_TEXT];
	long long wait = 0;
	int rc = accounts_login(r->db, username, password, r->client, r->now, token, &wait);
	json_decref(doc);
	if (rc == RES_ERROR) {
		req_fail(r, "accounts_login");
		return;
	}
	if (rc == RES_LIMITED) {
		req_add_header(r, "Retry-After", arena_printf(&r->arena, "%lld", wait));
		respond_error(r, 429, "too_many_attempts",
			      "Too many failed sign-ins. Please wait %s seconds and try again.",
			      arena_printf(&r->arena, "%lld", wait));
		return;
	}
	if (rc != RES_OK) {
		respond_error(r, 401, "bad_credentials", "Wrong user name or password.", NULL);
		return;
	}
	struct user *u = arena_alloc(&r->arena, sizeof *u);
	if (accounts_session(r->db, &r->arena, token, r->now, u) != RES_OK) {
		req_fail(r, "accounts_session");
		return;
	}
	r->user = u;
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena, "sid=%s; Path=/; HttpOnly; SameSite=Lax%s", token,
				    server_cfg && server_cfg->secure_cookies ? "; Secure" : ""));
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_str(&j, "csrf_token", u->csrf);
	jw_key(&j, "user");
	jw_obj_begin(&j);
	me(r, &j);
	jw_obj_end(&j);
	jw_obj_end(&j);
	respond_json(r, 201);
}

void api_session_delete(struct req *r)
{
	if (r->session_token && accounts_logout(r->db, r->session_token) != RES_OK) {
		req_fail(r, "accounts_logout");
		return;
	}
	req_add_header(r, "Set-Cookie", "sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	r->status = 204;
	r->content_type = "application/json; charset=utf-8";
}

void api_me(struct req *r)
{
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	me(r, &j);
	jw_obj_end(&j);
	respond_json(r, 200);
}
