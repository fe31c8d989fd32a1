/* text.h: UTF-8 checks, NFC normalisation and the search fold
 * (decompose, strip marks, casefold, đ→d), via utf8proc. */
#ifndef LANGSO_TEXT_H
#define LANGSO_TEXT_H
#include "util/buf.h"
#include <stddef.h>

/* utf8_valid: 1 when s[0..n) is well-formed UTF-8 without NUL bytes. */
int utf8_valid(const char *s, size_t n);

/* utf8_chars: the number of code points in valid UTF-8 s. */
size_t utf8_chars(const char *s);

/* text_nfc: append s normalised to NFC, with leading and trailing white space
 * removed and inner runs of white space made one space. Returns 0, or -1
 * (appending nothing) when s is not valid UTF-8. */
int text_nfc(struct buf *out, const char *s);

/* text_fold: append the search key of s: NFC-clean, marks stripped, case
 * folded, đ→d, white space collapsed ("Xã Đồng Đăng" → "xa dong dang").
 * Returns 0, or -1 when s is not valid UTF-8. */
int text_fold(struct buf *out, const char *s);
/* text_folded: the search key of s (text_fold) copied into a; "" when s
 * is not valid UTF-8. */
struct arena;
const char *text_folded(struct arena *a, const char *s);

/* text_upper: append s in capitals ("Xã Đồng Đăng" → "XÃ ĐỒNG ĐĂNG"). */
void text_upper(struct buf *out, const char *s);

#endif
