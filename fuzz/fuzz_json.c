/* fuzz_json.c: JSON request bodies as the API reads them: syntax (with
 * duplicate keys refused), then each member against a list of fields of
 * every kind. An accepted body must hold only listed members of the right
 * kind; a refused one must have been answered 400 or 422. */
#include "fuzz.h"
#include "api/api.h"
#include "i18n/i18n.h"
#include <string.h>

static const struct jfield spec[] = {
    {"name", J_TEXT, 0, 0},	{"submit", J_BOOL, 0, 0}, {"values", J_OBJECT, 0, 0},
    {"households", J_COUNT, 100000, 0}, {"team_id", J_ID, 0, J_REQUIRED}, {NULL, 0, 0, 0}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = i18n_init() == 0;
	struct req r;
	memset(&r, 0, sizeof r);
	r.is_api = 1;
	r.lang = LANG_VI;
	r.path = "/api/v1/fuzz";
	buf_append(&r.body, data, size);
	json_t *doc = api_body_fields(&r, spec);
	if (doc) {
		MUST(r.status == 0);
		const char *key;
		json_t *v;
		json_object_foreach(doc, key, v)
		{
			const struct jfield *f = spec;
			while (f->name && strcmp(f->name, key) != 0)
				f++;
			MUST(f->name != NULL);
			if (f->kind == J_COUNT && !json_is_null(v))
				MUST(json_is_integer(v) && json_integer_value(v) >= 0 &&
				     json_integer_value(v) <= f->max);
			if (f->kind == J_ID)
				MUST(json_is_integer(v) && json_integer_value(v) >= 1);
		}
		MUST(json_object_get(doc, "team_id") != NULL);
		json_decref(doc);
	} else {
		MUST(r.status == 400 || r.status == 422);
		MUST(r.out.len > 0);
	}
	buf_release(&r.body);
	buf_release(&r.out);
	arena_release(&r.arena);
	return 0;
}
