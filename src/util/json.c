/* json.c: a streaming JSON writer; every string goes through json_escape. */
#include "util/json.h"
#include "util/escape.h"
#include <math.h>
#include <string.h>

void json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

/* Write the comma a new value needs, unless it completes a key. */
static void value_start(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->has_item[j->depth - 1])
			buf_putc(j->out, ',');
		j->has_item[j->depth - 1] = 1;
	}
}

static void open(struct json *j, char c)
{
	value_start(j);
	buf_putc(j->out, c);
	if (j->depth < JSON_MAX_DEPTH)
		j->has_item[j->depth] = 0;
	j->depth++;
}

static void close_(struct json *j, char c)
{
	buf_putc(j->out, c);
	j->depth--;
}

void json_obj_begin(struct json *j)
{
	open(j, '{');
}
void json_obj_end(struct json *j)
{
	close_(j, '}');
}
void json_arr_begin(struct json *j)
{
	open(j, '[');
}
void json_arr_end(struct json *j)
{
	close_(j, ']');
}

void json_key(struct json *j, const char *key)
{
	value_start(j);
	json_escape(j->out, key, strlen(key));
	buf_putc(j->out, ':');
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	value_start(j);
	json_escape(j->out, s, strlen(s));
}

void json_int(struct json *j, long long v)
{
	value_start(j);
	buf_printf(j->out, "%lld", v);
}

void json_num(struct json *j, double v)
{
	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	value_start(j);
	buf_printf(j->out, "%.15g", v);
}

void json_bool(struct json *j, int v)
{
	value_start(j);
	buf_puts(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	value_start(j);
	buf_puts(j->out, "null");
}

void json_kv_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kv_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}
