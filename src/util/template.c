/* template.c: sections of embedded HTML templates with escaped holes. */
#include "util/template.h"
#include "util/embedded.h"
#include "util/escape.h"
#include <string.h>

/* The first "{{" (or "}}": c) in [p, end), or NULL. */
static const char *pair(const char *p, const char *end, char c)
{
	for (; p + 1 < end; p++)
		if (p[0] == c && p[1] == c)
			return p;
	return NULL;
}

/* The text of section name in [s, end): *from and *to, or 0. */
static int find_section(const char *s, const char *end, const char *name, const char **from,
			const char **to)
{
	size_t nl = strlen(name);
	for (const char *p = s; p < end; p++) {
		if ((size_t)(end - p) < nl + 6 || memcmp(p, "{{@", 3) != 0 ||
		    memcmp(p + 3, name, nl) != 0 || memcmp(p + 3 + nl, "}}", 2) != 0)
			continue;
		*from = p + 5 + nl;
		if (*from < end && **from == '\n')
			(*from)++;
		*to = *from;
		while (*to < end && !((size_t)(end - *to) >= 3 && memcmp(*to, "{{@", 3) == 0))
			(*to)++;
		return 1;
	}
	return 0;
}

int tpl_section(struct buf *out, const char *file, const char *name, const char *const *kv)
{
	const struct embedded_file *f = embedded_find(file);
	const char *from, *to;
	if (!f ||
	    !find_section((const char *)f->data, (const char *)f->data + f->len, name, &from, &to))
		return -1;
	struct buf b = BUF_INIT;
	for (const char *p = from; p < to;) {
		const char *open = pair(p, to, '{');
		if (!open) {
			buf_append(&b, p, (size_t)(to - p));
			break;
		}
		buf_append(&b, p, (size_t)(open - p));
		const char *close = pair(open, to, '}');
		if (!close)
			goto missing;
		size_t kl = (size_t)(close - open - 2);
		const char *value = NULL;
		for (int i = 0; kv && kv[i] && kv[i + 1]; i += 2)
			if (strlen(kv[i]) == kl && memcmp(kv[i], open + 2, kl) == 0)
				value = kv[i + 1];
		if (!value)
			goto missing;
		html_escape(&b, value, strlen(value));
		p = close + 2;
	}
	buf_append(out, b.data ? b.data : "", b.len);
	buf_release(&b);
	return 0;
missing:
	buf_release(&b);
	return -1;
}
