/* escape.h: the one escaper per output context (HTML, URL, JSON, CSV).
 * Every value written into a page, a link, a JSON document or a CSV cell
 * goes through one of these (or html_printf / the JSON writer, which call
 * them). */
#ifndef LANGSO_ESCAPE_H
#define LANGSO_ESCAPE_H
#include "util/buf.h"
#include <stdarg.h>
#include <stddef.h>

/* html_escape: append s (n bytes) with & < > " ' escaped; safe in text and
 * in quoted attribute values. */
void html_escape(struct buf *out, const char *s, size_t n);

/* url_escape: append s percent-encoded for use as one URL path segment or
 * query value (RFC 3986 unreserved characters kept). */
void url_escape(struct buf *out, const char *s);

/* url_add: append the query pair name=value to the URL being built in out
 * ('?' before the first pair, '&' after), both percent-encoded; the URL is
 * then HTML-escaped like any other value where it is written (html_printf).
 * url_add_int: the same for a number. */
void url_add(struct buf *out, const char *name, const char *value);
void url_add_int(struct buf *out, const char *name, long long value);

/* url_local_path: 1 when s is a path of this site that is safe to send
 * back in a Location header: "/" not followed by "/" or "\", and only
 * printable ASCII without spaces or backslashes (a browser reads "/\t/x"
 * or "/\\x" as another host); 0 otherwise. */
int url_local_path(const char *s);

/* url_unescape_strict: decode the %XX of s in place; a control character
 * (NUL included, which would cut the text short) becomes the byte 0xFF,
 * never valid UTF-8, so that a UTF-8 check after it refuses the text.
 * Returns the new length. */
size_t url_unescape_strict(char *s);

/* json_escape: append s as a JSON string literal, quotes included; also safe
 * inside <script> (< > & and U+2028/2029 escaped). */
void json_escape(struct buf *out, const char *s, size_t n);

/* csv_cell: append s as one CSV cell for delimiter delim, quoted when needed;
 * cells beginning with = + - @ (or tab/CR) are prefixed with ' so that a
 * spreadsheet never runs them as formulas. */
void csv_cell(struct buf *out, const char *s, char delim);
/* csv_row: the n cells, each through csv_cell, separated by delim, and the
 * line's end (CRLF). */
void csv_row(struct buf *out, const char *const *cells, int n, char delim);

/* vcard_text: append s as a vCard 3.0 property value (RFC 2426): \, ; ,
 * and line breaks escaped, control characters left out. */
void vcard_text(struct buf *out, const char *s);

/* html_printf: printf into out where every %s argument is HTML-escaped.
 * Supported: %s %.*s %c %d %i %u %x %ld %lu %lld %llu %zu %zd %f %g %%, with
 * flags, width and precision. gcc checks the arguments' types. Raw HTML is
 * appended with buf_puts, never through %s. */
void html_printf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(struct buf *out, const char *fmt, va_list ap);

#endif
