/* image.h: photos from phones, checked by content and rewritten for the
 * web (libgd): scaled down, re-encoded as JPEG, without EXIF. */
#ifndef LANGSO_IMAGE_H
#define LANGSO_IMAGE_H
#include "util/buf.h"
#include <stddef.h>

/* image_kind: "image/jpeg" or "image/png" from the first bytes, or NULL. */
const char *image_kind(const void *data, size_t n);

/* image_for_web: the JPEG or PNG data[0..n) as a JPEG whose longer side
 * is at most max_side, appended to out; 0, or -1 with *why (an English
 * msgid) when it is no photo, damaged, or of too many pixels. */
int image_for_web(const void *data, size_t n, int max_side, struct buf *out, const char **why);

#endif
