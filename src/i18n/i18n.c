/* i18n.c: message catalogues (embedded .mo files) and number/date formats. */
#include "i18n/i18n.h"
#include "util/embedded.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct catalog {
	const unsigned char *mo; /* the .mo bytes */
	uint32_t n;		 /* number of strings */
	uint32_t orig, trans;	 /* offsets of the two tables */
};

static struct catalog catalogs[2];

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int load(struct catalog *c, const char *name)
{
	const struct embedded_file *f = embedded_find(name);
	if (!f || f->len < 28 || u32(f->data) != 0x950412de)
		return -1;
	c->mo = f->data;
	c->n = u32(f->data + 8);
	c->orig = u32(f->data + 12);
	c->trans = u32(f->data + 16);
	if ((uint64_t)c->orig + 8ull * c->n > (uint64_t)f->len ||
	    (uint64_t)c->trans + 8ull * c->n > (uint64_t)f->len)
		return -1;
	return 0;
}

int i18n_init(void)
{
	if (load(&catalogs[LANG_VI], "i18n/vi.mo") != 0 ||
	    load(&catalogs[LANG_EN], "i18n/en.mo") != 0)
		return -1;
	return 0;
}

const char *i18n_get(enum lang lang, const char *msgid)
{
	const struct catalog *c = &catalogs[lang == LANG_EN ? LANG_EN : LANG_VI];
	if (!c->mo)
		return msgid;
	uint32_t lo = 0, hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *s = (const char *)c->mo + u32(c->mo + c->orig + 8 * mid + 4);
		int cmp = strcmp(msgid, s);
		if (cmp == 0) {
			uint32_t len = u32(c->mo + c->trans + 8 * mid);
			const char *t = (const char *)c->mo + u32(c->mo + c->trans + 8 * mid + 4);
			return len ? t : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

void i18n_fill(struct buf *out, enum lang lang, const char *msgid, const char *arg)
{
	const char *msg = i18n_get(lang, msgid);
	const char *at = arg ? strstr(msg, "%s") : NULL;
	if (!at) {
		buf_puts(out, msg);
		return;
	}
	buf_append(out, msg, (size_t)(at - msg));
	buf_puts(out, arg);
	buf_puts(out, at + 2);
}

int i18n_parse(const char *tag)
{
	if (!tag)
		return -1;
	if (strncasecmp(tag, "vi", 2) == 0 && (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
		return LANG_VI;
	if (strncasecmp(tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
		return LANG_EN;
	return -1;
}

enum lang i18n_accept(const char *h)
{
	double best_q = -1;
	enum lang best = LANG_VI;
	while (h && *h) {
		while (*h == ' ' || *h == ',')
			h++;
		const char *end = strchr(h, ',');
		size_t n = end ? (size_t)(end - h) : strlen(h);
		char item[64];
		if (n >= sizeof item)
			n = sizeof item - 1;
		memcpy(item, h, n);
		item[n] = '\0';
		double q = 1.0;
		char *semi = strchr(item, ';');
		if (semi) {
			*semi = '\0';
			char *qs = strstr(semi + 1, "q=");
			if (qs)
				q = strtod(qs + 2, NULL);
		}
		int l = i18n_parse(item);
		if (l >= 0 && q > best_q) {
			best_q = q;
			best = (enum lang)l;
		}
		h = end;
	}
	return best;
}

const char *i18n_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "vi";
}

void i18n_number(struct buf *out, enum lang lang, long long n)
{
	char digits[32];
	unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
	int len = 0;
	do {
		digits[len++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		buf_putc(out, '-');
	char sep = lang == LANG_EN ? ',' : '.';
	for (int i = len - 1; i >= 0; i--) {
		buf_putc(out, digits[i]);
		if (i && i % 3 == 0)
			buf_putc(out, sep);
	}
}

void i18n_date(struct buf *out, enum lang lang, const char *iso)
{
	if (strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-' || lang == LANG_EN) {
		buf_append(out, iso, strlen(iso) < 10 ? strlen(iso) : 10);
		return;
	}
	buf_append(out, iso + 8, 2);
	buf_putc(out, '/');
	buf_append(out, iso + 5, 2);
	buf_putc(out, '/');
	buf_append(out, iso, 4);
}
