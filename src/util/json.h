/* json.h: a streaming JSON writer; every string goes through json_escape. */
#ifndef LANGSO_JSON_H
#define LANGSO_JSON_H
#include "util/buf.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct buf *out;			/* where the document is appended */
	int depth;				/* open objects and arrays */
	unsigned char has_item[JSON_MAX_DEPTH]; /* per level: a value was written */
	int after_key;				/* the next value completes a member */
};

void json_init(struct json *j, struct buf *out);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long long v);
void json_num(struct json *j, double v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* Members in one call: key and value. */
void json_kv_str(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long long v);

#endif
