/* users.c: GET /api/v1/users — the users inside the caller's area. */
#include "api/api.h"
#include "core/users.h"
#include "http/respond.h"
#include "util/jw.h"
#include <stdlib.h>

void api_users_list(struct req *r)
{
	struct user_filter f = {.q = req_query(r, "q"), .role = req_query(r, "role"), .limit = 200};
	const char *cursor = req_query(r, "cursor");
	if (cursor)
		f.after = strtoll(cursor, NULL, 10);
	struct user *list;
	int n;
	long long next;
	if (users_list(r->db, &r->arena, r->user, &f, &list, &n, &next) != RES_OK) {
		req_fail(r, "users_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_kv_int(&j, "id", list[i].id);
		jw_kv_str(&j, "username", list[i].username);
		jw_kv_str(&j, "full_name", list[i].full_name);
		jw_kv_str(&j, "role", list[i].role);
		jw_kv_int(&j, "scope_unit_id", list[i].scope);
		jw_key(&j, "disabled");
		jw_bool(&j, list[i].disabled);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}
