/* gzip.h: replies that travel light: a body packed with gzip (zlib) when
 * the client takes it, for the text types worth packing. */
#ifndef LANGSO_GZIP_H
#define LANGSO_GZIP_H
#include "util/buf.h"
#include <stddef.h>

/* gzip_accepted: does an Accept-Encoding header value take gzip (a
 * "gzip" or "*" token without q=0)? */
int gzip_accepted(const char *accept_encoding);

/* gzip_worth: is a body of content_type and len bytes worth packing
 * (text, JSON, CSS, JavaScript, SVG, CSV of 512 bytes or more)? */
int gzip_worth(const char *content_type, size_t len);

/* gzip_pack: data packed as a gzip member into out (emptied first).
 * Returns 0, or -1 on error. */
int gzip_pack(const void *data, size_t len, struct buf *out);

#endif
