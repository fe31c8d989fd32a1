/* sniff.h: what a file is, from its bytes (never its name or the type its
 * sender claims): the kinds of document langso keeps. */
#ifndef LANGSO_SNIFF_H
#define LANGSO_SNIFF_H
#include <stddef.h>

enum sniffed {
	SNIFF_NONE,
	SNIFF_PDF,
	SNIFF_JPEG,
	SNIFF_PNG,
	SNIFF_DOCX, /* Office Open XML, by the parts it holds */
	SNIFF_XLSX,
	SNIFF_PPTX,
	SNIFF_ODT, /* OpenDocument, by its mimetype entry */
	SNIFF_ODS,
	SNIFF_ODP,
};

/* sniff: the kind of the n bytes at p. */
enum sniffed sniff(const void *p, size_t n);
/* sniff_mime: its media type ("application/pdf", ...), NULL for none. */
const char *sniff_mime(enum sniffed k);
/* sniff_ext: its usual file name ending ("pdf", ...), "" for none. */
const char *sniff_ext(enum sniffed k);

#endif
