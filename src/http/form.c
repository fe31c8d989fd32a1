/* form.c: request bodies of HTML forms: urlencoded and multipart/form-data. */
#include "http/form.h"
#include "http/router.h"
#include "util/text.h"
#include "util/vec.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[k++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			d[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	if (outlen)
		*outlen = k;
	return d;
}

/* A new field, growing the list up to the route's limit (NULL past it). */
static struct form_field *add_field(struct req *r)
{
	size_t max = r->route && r->route->max_fields ? r->route->max_fields : FORM_FIELDS_DEFAULT;
	if ((size_t)r->nform >= max)
		return NULL;
	if (r->nform == r->form_cap)
		r->form = vec_grow(&r->arena, r->form, r->nform, &r->form_cap, sizeof *r->form);
	return &r->form[r->nform++];
}

static int parse_urlencoded(struct req *r)
{
	const char *p = r->body.data ? r->body.data : "", *end = p + r->body.len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			amp = end;
		const char *eq = memchr(p, '=', (size_t)(amp - p));
		if (amp > p) {
			struct form_field *f = add_field(r);
			if (!f)
				return FORM_TOO_MANY;
			const char *ne = eq ? eq : amp;
			f->name = url_decode(&r->arena, p, (size_t)(ne - p), NULL);
			f->value =
			    eq ? url_decode(&r->arena, eq + 1, (size_t)(amp - eq - 1), &f->len)
			       : arena_strdup(&r->arena, "");
			if (!f->name || !f->value)
				return FORM_MALFORMED;
			if (!utf8_valid(f->name, strlen(f->name)) || !utf8_valid(f->value, f->len))
				return FORM_BAD_UTF8;
		}
		p = amp + 1;
	}
	return FORM_OK;
}

/* The value of parameter key in a header like `form-data; name="x"`. */
static const char *header_param(struct arena *a, const char *h, size_t hn, const char *key)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i + kl + 1 < hn; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') &&
		    strncasecmp(h + i, key, kl) == 0 && h[i + kl] == '=') {
			const char *v = h + i + kl + 1, *end = h + hn;
			if (*v == '"') {
				const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));
				return q ? arena_strndup(a, v + 1, (size_t)(q - v - 1)) : NULL;
			}
			size_t n = 0;
			while (v + n < end && v[n] != ';' && v[n] != ' ' && v[n] != '\r')
				n++;
			return arena_strndup(a, v, n);
		}
	}
	return NULL;
}

static const char *memfind(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	for (const char *p = h; p + nn <= h + hn; p++) {
		p = memchr(p, n[0], (size_t)(h + hn - p));
		if (!p || p + nn > h + hn)
			return NULL;
		if (memcmp(p, n, nn) == 0)
			return p;
	}
	return NULL;
}

static int parse_multipart(struct req *r, const char *ctype)
{
	const char *b = header_param(&r->arena, ctype, strlen(ctype), "boundary");
	if (!b || !*b || strlen(b) > 200)
		return FORM_MALFORMED;
	char *delim = arena_printf(&r->arena, "--%s", b);
	size_t dl = strlen(delim);
	const char *p = r->body.data ? r->body.data : "", *end = p + r->body.len;
	const char *part = memfind(p, (size_t)(end - p), delim, dl);
	if (!part)
		return FORM_MALFORMED;
	for (;;) {
		p = part + dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return FORM_OK; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return FORM_MALFORMED;
		p += 2;
		const char *hend = memfind(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return FORM_MALFORMED;
		const char *body = hend + 4;
		char *next_delim = arena_printf(&r->arena, "\r\n%s", delim);
		const char *next = memfind(body, (size_t)(end - body), next_delim, dl + 2);
		if (!next)
			return FORM_MALFORMED;
		/* Content-Disposition among the part's headers */
		const char *name = NULL, *filename = NULL;
		const char *h = p;
		while (h < hend) {
			const char *eol = memfind(h, (size_t)(hend + 2 - h), "\r\n", 2);
			if (!eol)
				eol = hend;
			size_t hn = (size_t)(eol - h);
			if (hn > 20 && strncasecmp(h, "content-disposition:", 20) == 0) {
				name = header_param(&r->arena, h + 20, hn - 20, "name");
				filename = header_param(&r->arena, h + 20, hn - 20, "filename");
			}
			h = eol + 2;
		}
		if (!name)
			return FORM_MALFORMED;
		struct form_field *f = add_field(r);
		if (!f)
			return FORM_TOO_MANY;
		f->name = name;
		f->filename = filename;
		f->len = (size_t)(next - body);
		f->value = arena_strndup(&r->arena, body, f->len);
		if (!utf8_valid(name, strlen(name)) ||
		    (filename && !utf8_valid(filename, strlen(filename))) ||
		    (!filename && !utf8_valid(f->value, f->len)))
			return FORM_BAD_UTF8;
		part = next + 2;
	}
}

int form_parse(struct req *r, const char *ctype)
{
	if (!ctype)
		return FORM_OK;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		return parse_urlencoded(r);
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0)
		return parse_multipart(r, ctype);
	return FORM_OK;
}
