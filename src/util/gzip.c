/* gzip.c: gzip replies with zlib. */
#include "util/gzip.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* The q of one Accept-Encoding element after its name ("; q=0.5"): 0 when
 * it says q=0 (or 0.0...), else 1. */
static int q_allows(const char *p, const char *end)
{
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ';' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			p += 2;
			if (p < end && *p == '0') {
				for (p++; p < end && (*p == '.' || *p == '0'); p++)
					;
				return p < end && *p >= '1' && *p <= '9';
			}
			return 1;
		}
		while (p < end && *p != ';')
			p++;
	}
	return 1;
}

int gzip_accepted(const char *h)
{
	if (!h)
		return 0;
	while (*h) {
		while (*h == ' ' || *h == '\t' || *h == ',')
			h++;
		const char *name = h;
		while (*h && *h != ',' && *h != ';' && *h != ' ' && *h != '\t')
			h++;
		size_t n = (size_t)(h - name);
		const char *end = h;
		while (*end && *end != ',')
			end++;
		if (((n == 4 && strncasecmp(name, "gzip", 4) == 0) || (n == 1 && *name == '*')) &&
		    q_allows(h, end))
			return 1;
		h = end;
	}
	return 0;
}

int gzip_worth(const char *type, size_t len)
{
	static const char *const packed[] = {"text/",
					     "application/json",
					     "application/problem+json",
					     "application/javascript",
					     "image/svg+xml",
					     "application/csv"};
	if (len < 512 || !type)
		return 0;
	for (size_t i = 0; i < sizeof packed / sizeof *packed; i++)
		if (strncmp(type, packed[i], strlen(packed[i])) == 0)
			return 1;
	return 0;
}

int gzip_pack(const void *data, size_t len, struct buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	/* A window no larger than the data (9 to 15 bits; + 16: a gzip header
	 * and trailer) and a hash to match: the same output for a small reply
	 * without setting up (and clearing) a quarter of a megabyte; level 6 */
	int bits = 9;
	while (bits < 15 && ((size_t)1 << bits) < len)
		bits++;
	if (deflateInit2(&z, 6, Z_DEFLATED, bits + 16, bits - 7 < 8 ? bits - 7 : 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	buf_reset(out);
	size_t bound = deflateBound(&z, (uLong)len);
	buf_grow(out, bound);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)bound;
	int rc = deflate(&z, Z_FINISH);
	out->len = rc == Z_STREAM_END ? (size_t)z.total_out : 0;
	out->data[out->len] = '\0';
	deflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}
