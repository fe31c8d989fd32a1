/* markdown.h: the small subset of Markdown that practices are written in,
 * rendered on the server into HTML that cannot carry markup of its own:
 * paragraphs (a line break stays one), headings (#, ##, ### → h2–h4),
 * lists (- or 1.), quotes (>), **strong**, *em* or _em_, `code`, and
 * [links](https://…) to http(s) only. Everything else is text, escaped;
 * raw HTML shows as written. */
#ifndef LANGSO_MARKDOWN_H
#define LANGSO_MARKDOWN_H
#include "util/buf.h"
#include <stddef.h>

/* markdown_html: append the HTML of s[0..n) (valid UTF-8) to out. */
void markdown_html(struct buf *out, const char *s, size_t n);

#endif
