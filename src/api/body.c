/* body.c: JSON request bodies, read strictly: a syntax error is answered
 * with its line and column, and each member is checked against the
 * route's list of fields (its name, kind and range) before any handler
 * looks at it; what does not fit is a 422 naming the field. */
#include "api/api.h"
#include "core/result.h"
#include "http/respond.h"
#include "i18n/i18n.h"
#include <string.h>

json_t *api_body(struct req *r)
{
	json_error_t err;
	json_t *doc = NULL;
	if (r->body.len)
		doc = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &err);
	if (!doc && r->body.len) {
		respond_error(r, 400, "bad_json", "The body is not valid JSON: %s",
			      arena_printf(&r->arena, "line %d, column %d: %s", err.line,
					   err.column, err.text));
		return NULL;
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		respond_error(r, 400, "bad_json", "The body must be a JSON object.", NULL);
		return NULL;
	}
	return doc;
}

/* Does v fit field f? Adds the field's error to fe when not. */
static void check(struct req *r, const struct jfield *f, json_t *v, struct field_errors *fe)
{
	if (json_is_null(v)) {
		if (f->flags & J_REQUIRED)
			field_error_add(fe, f->name, N_("required"), NULL);
		return;
	}
	switch (f->kind) {
	case J_TEXT:
		if (!json_is_string(v))
			field_error_add(fe, f->name, N_("must be text (a JSON string)"), NULL);
		break;
	case J_BOOL:
		if (!json_is_boolean(v))
			field_error_add(fe, f->name, N_("must be true or false"), NULL);
		break;
	case J_OBJECT:
		if (!json_is_object(v))
			field_error_add(fe, f->name, N_("must be a JSON object"), NULL);
		break;
	case J_ARRAY:
		if (!json_is_array(v) || json_array_size(v) > (size_t)f->max)
			field_error_add(fe, f->name, N_("must be a JSON array of at most %s items"),
					arena_printf(&r->arena, "%lld", f->max));
		break;
	case J_COUNT:
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > f->max)
			field_error_add(fe, f->name, N_("must be a whole number from 0 to %s"),
					arena_printf(&r->arena, "%lld", f->max));
		break;
	case J_ID:
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			field_error_add(fe, f->name,
					N_("must be the number of an object (1 or more)"), NULL);
		break;
	}
}

json_t *api_body_fields(struct req *r, const struct jfield *spec)
{
	json_t *doc = api_body(r);
	if (!doc)
		return NULL;
	struct field_errors fe = {0};
	const char *key;
	json_t *v;
	json_object_foreach(doc, key, v)
	{
		const struct jfield *f = spec;
		while (f->name && strcmp(f->name, key) != 0)
			f++;
		if (f->name)
			check(r, f, v, &fe);
		else
			field_error_add(&fe, arena_strdup(&r->arena, key), N_("unknown field"),
					NULL);
	}
	for (const struct jfield *f = spec; f->name; f++)
		if ((f->flags & J_REQUIRED) && !json_object_get(doc, f->name))
			field_error_add(&fe, f->name, N_("required"), NULL);
	if (fe.n) {
		json_decref(doc);
		respond_field_errors(r, &fe);
		return NULL;
	}
	return doc;
}
