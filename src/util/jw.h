/* jw.h: a streaming JSON writer; every string goes through json_escape. */
#ifndef LANGSO_JW_H
#define LANGSO_JW_H
#include "util/buf.h"

#define JW_MAX_DEPTH 32

struct jw {
	struct buf *out;		      /* where the document is appended */
	int depth;			      /* open objects and arrays */
	unsigned char has_item[JW_MAX_DEPTH]; /* per level: a value was written */
	int after_key;			      /* the next value completes a member */
};

void jw_init(struct jw *j, struct buf *out);
void jw_obj_begin(struct jw *j);
void jw_obj_end(struct jw *j);
void jw_arr_begin(struct jw *j);
void jw_arr_end(struct jw *j);
void jw_key(struct jw *j, const char *key);
void jw_str(struct jw *j, const char *s); /* NULL writes null */
void jw_int(struct jw *j, long long v);
void jw_num(struct jw *j, double v);
void jw_bool(struct jw *j, int v);
void jw_null(struct jw *j);
/* Members in one call: key and value. */
void jw_kv_str(struct jw *j, const char *key, const char *s);
void jw_kv_bool(struct jw *j, const char *key, int v);
void jw_kv_int(struct jw *j, const char *key, long long v);
/* jw_kv_cursor: "key": "<id>" for a next page, or null on the last (0). */
void jw_kv_cursor(struct jw *j, const char *key, long long next);

#endif
