/* sniff.c: file kinds from their first bytes and, for ZIP containers, the
 * names of the parts stored in them (kept uncompressed in the headers). */
#include "util/sniff.h"
#include <string.h>

static const struct {
	const char *mime, *ext;
} kinds[] = {
    [SNIFF_NONE] = {NULL, ""},
    [SNIFF_PDF] = {"application/pdf", "pdf"},
    [SNIFF_JPEG] = {"image/jpeg", "jpg"},
    [SNIFF_PNG] = {"image/png", "png"},
    [SNIFF_DOCX] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		    "docx"},
    [SNIFF_XLSX] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    [SNIFF_PPTX] = {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
		    "pptx"},
    [SNIFF_ODT] = {"application/vnd.oasis.opendocument.text", "odt"},
    [SNIFF_ODS] = {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
    [SNIFF_ODP] = {"application/vnd.oasis.opendocument.presentation", "odp"},
};

/* Does s (of length m) occur in the n bytes at p? */
static int holds(const unsigned char *p, size_t n, const char *s)
{
	size_t m = strlen(s);
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (p[i] == (unsigned char)s[0] && memcmp(p + i, s, m) == 0)
			return 1;
	return 0;
}

static enum sniffed zip_kind(const unsigned char *p, size_t n)
{
	/* OpenDocument: the first entry is "mimetype", stored, with the type */
	static const char odf[] = "mimetypeapplication/vnd.oasis.opendocument.";
	if (n > 30 + sizeof odf && memcmp(p + 30, odf, sizeof odf - 1) == 0) {
		const char *t = (const char *)p + 30 + sizeof odf - 1;
		size_t left = n - (30 + sizeof odf - 1);
		if (left >= 12 && memcmp(t, "presentation", 12) == 0)
			return SNIFF_ODP;
		if (left >= 11 && memcmp(t, "spreadsheet", 11) == 0)
			return SNIFF_ODS;
		if (left >= 4 && memcmp(t, "text", 4) == 0)
			return SNIFF_ODT;
		return SNIFF_NONE;
	}
	if (!holds(p, n, "[Content_Types].xml"))
		return SNIFF_NONE;
	if (holds(p, n, "ppt/presentation.xml"))
		return SNIFF_PPTX;
	if (holds(p, n, "word/document.xml"))
		return SNIFF_DOCX;
	if (holds(p, n, "xl/workbook.xml"))
		return SNIFF_XLSX;
	return SNIFF_NONE;
}

enum sniffed sniff(const void *data, size_t n)
{
	const unsigned char *p = data;
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return SNIFF_PDF;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return SNIFF_JPEG;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return SNIFF_PNG;
	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		return zip_kind(p, n);
	return SNIFF_NONE;
}

const char *sniff_mime(enum sniffed k)
{
	return k >= SNIFF_NONE && k <= SNIFF_ODP ? kinds[k].mime : NULL;
}

const char *sniff_ext(enum sniffed k)
{
	return k >= SNIFF_NONE && k <= SNIFF_ODP ? kinds[k].ext : "";
}
