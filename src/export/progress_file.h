/* progress_file.h: what goes up, as an XLSX workbook: a sheet of the
 * unit's children side by side (per indicator target, done and percent;
 * reports expected, received, on time, late and not sent; open
 * difficulties) with the unit's own total under them, a sheet of the teams
 * still missing a report, a sheet of the open difficulties and one of
 * training coverage (the unit's children and its total). Used by
 * `langso export progress` and the download on the page alike. */
#ifndef LANGSO_PROGRESS_FILE_H
#define LANGSO_PROGRESS_FILE_H
#include "core/summary.h"
#include "i18n/i18n.h"
#include "util/buf.h"

/* progress_xlsx: write the workbook of s to path. Returns 0 or -1. */
int progress_xlsx(const struct summary *s, enum lang lang, const char *path);

/* progress_xlsx_bytes: the workbook's bytes appended to out. 0 or -1. */
int progress_xlsx_bytes(const struct summary *s, enum lang lang, struct buf *out);

#endif
