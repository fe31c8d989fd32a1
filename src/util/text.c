/* text.c: UTF-8 checks, NFC normalisation and the search fold. */
#include "util/text.h"
#include "util/arena.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int utf8_valid(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0 || cp == 0)
			return 0;
		p += k;
		left -= k;
	}
	return 1;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Append s with white space trimmed and collapsed to single spaces. */
static void squeeze(struct buf *out, const char *s)
{
	int space = 0, any = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = any;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = 0;
		any = 1;
		buf_putc(out, (char)c);
	}
}

static int map(struct buf *out, const char *s, utf8proc_option_t opts)
{
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		return -1;
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
					  opts | UTF8PROC_STABLE);
	if (r < 0)
		return -1;
	squeeze(out, (const char *)m);
	free(m);
	return 0;
}

int text_nfc(struct buf *out, const char *s)
{
	return map(out, s, UTF8PROC_COMPOSE);
}

int text_fold(struct buf *out, const char *s)
{
	struct buf tmp = BUF_INIT;
	if (map(&tmp, s,
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) <
	    0) {
		buf_release(&tmp);
		return -1;
	}
	/* đ (U+0111, C4 91) has no decomposition: fold it by hand. Typographic
	 * apostrophes (U+2018, U+2019, U+02BC: "Ea H’Leo") fold to ASCII '. */
	const unsigned char *p = (const unsigned char *)buf_cstr(&tmp);
	while (*p) {
		if (p[0] == 0xC4 && p[1] == 0x91) {
			buf_putc(out, 'd');
			p += 2;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			buf_putc(out, '\'');
			p += 3;
		} else if (p[0] == 0xCA && p[1] == 0xBC) {
			buf_putc(out, '\'');
			p += 2;
		} else {
			buf_putc(out, (char)*p++);
		}
	}
	buf_release(&tmp);
	return 0;
}

const char *text_folded(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const char *out = arena_strdup(a, text_fold(&b, s) == 0 ? buf_cstr(&b) : "");
	buf_release(&b);
	return out;
}

void text_upper(struct buf *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0)
			break;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		buf_append(out, enc, (size_t)m);
		p += k;
		left -= k;
	}
}
