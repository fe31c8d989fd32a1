/* roster_file.h: a roster written as CSV (UTF-8 with BOM, ';', CRLF, as
 * Excel on Vietnamese settings reads it) or as XLSX (title rows, frozen
 * header, filters), in the columns that roster_import_csv reads back. Used
 * by `langso export teams` and the download buttons alike. */
#ifndef LANGSO_ROSTER_FILE_H
#define LANGSO_ROSTER_FILE_H
#include "core/roster.h"
#include "i18n/i18n.h"
#include "util/buf.h"

/* roster_csv: append the roster as CSV to out. */
void roster_csv(const struct roster *r, enum lang lang, struct buf *out);

/* roster_xlsx: write the roster as an XLSX workbook to path. Returns 0 or -1. */
int roster_xlsx(const struct roster *r, enum lang lang, const char *path);

/* roster_xlsx_bytes: the workbook's bytes appended to out (through a
 * temporary file). Returns 0 or -1. */
int roster_xlsx_bytes(const struct roster *r, enum lang lang, struct buf *out);

#endif
