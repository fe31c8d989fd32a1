/* jw.c: a streaming JSON writer; every string goes through json_escape. */
#include "util/jw.h"
#include "util/escape.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(struct jw *j, struct buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

/* Write the comma a new value needs, unless it completes a key. */
static void value_start(struct jw *j)
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

static void open(struct jw *j, char c)
{
	value_start(j);
	buf_putc(j->out, c);
	if (j->depth < JW_MAX_DEPTH)
		j->has_item[j->depth] = 0;
	j->depth++;
}

static void close_(struct jw *j, char c)
{
	buf_putc(j->out, c);
	j->depth--;
}

void jw_obj_begin(struct jw *j)
{
	open(j, '{');
}
void jw_obj_end(struct jw *j)
{
	close_(j, '}');
}
void jw_arr_begin(struct jw *j)
{
	open(j, '[');
}
void jw_arr_end(struct jw *j)
{
	close_(j, ']');
}

void jw_key(struct jw *j, const char *key)
{
	value_start(j);
	json_escape(j->out, key, strlen(key));
	buf_putc(j->out, ':');
	j->after_key = 1;
}

void jw_str(struct jw *j, const char *s)
{
	if (!s) {
		jw_null(j);
		return;
	}
	value_start(j);
	json_escape(j->out, s, strlen(s));
}

void jw_int(struct jw *j, long long v)
{
	value_start(j);
	/* digits by hand: a page of numbers is mostly this */
	char d[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		d[n++] = '-';
	while (n)
		buf_putc(j->out, d[--n]);
}

void jw_num(struct jw *j, double v)
{
	if (!isfinite(v)) {
		jw_null(j);
		return;
	}
	value_start(j);
	buf_printf(j->out, "%.15g", v);
}

void jw_bool(struct jw *j, int v)
{
	value_start(j);
	buf_puts(j->out, v ? "true" : "false");
}

void jw_null(struct jw *j)
{
	value_start(j);
	buf_puts(j->out, "null");
}

void jw_kv_str(struct jw *j, const char *key, const char *s)
{
	jw_key(j, key);
	jw_str(j, s);
}

void jw_kv_cursor(struct jw *j, const char *key, long long next)
{
	char text[24];
	jw_key(j, key);
	if (!next) {
		jw_null(j);
		return;
	}
	snprintf(text, sizeof text, "%lld", next);
	jw_str(j, text);
}

void jw_kv_bool(struct jw *j, const char *key, int v)
{
	jw_key(j, key);
	jw_bool(j, v);
}

void jw_kv_int(struct jw *j, const char *key, long long v)
{
	jw_key(j, key);
	jw_int(j, v);
}
