/* template.h: long documents written as HTML files (templates/, embedded
 * in the binary) instead of C strings. A template is cut into sections by
 * lines "{{@name}}"; a section is appended with its holes "{{key}}" filled
 * by values, each HTML-escaped: a template cannot hold raw data, and a
 * hole without a value is an error, never silently empty. */
#ifndef LANGSO_TEMPLATE_H
#define LANGSO_TEMPLATE_H
#include "util/buf.h"

/* tpl_section: append section name of the embedded template file with
 * kv (key, value, key, value ..., NULL) filled in. Returns 0, or -1 when
 * the template, the section or a value is missing (nothing appended). */
int tpl_section(struct buf *out, const char *file, const char *name, const char *const *kv);

#endif
