/* csv.h: a CSV reader for files as spreadsheets write them: UTF-8 with or
 * without BOM, ',' or ';' (or tab) detected from the header line, quoted
 * fields with "" escapes and line breaks, CRLF/LF/CR line ends. */
#ifndef LANGSO_CSV_H
#define LANGSO_CSV_H
#include "util/arena.h"
#include <stddef.h>

struct csv_row {
	int line;      /* 1-based line of the file where the row starts */
	int nfields;   /* fields in this row */
	char **fields; /* NUL-terminated, valid UTF-8 */
};

struct csv {
	struct csv_row *rows; /* blank lines left out; the header is rows[0] */
	int nrows;
	char delim; /* the detected delimiter */
};

struct csv_error {
	int line;	   /* 1-based line */
	int col;	   /* 1-based field number */
	const char *msgid; /* English message, a key of the catalogues */
};

/* A header a column may have: its folded text (no accents, lower case). */
struct csv_alias {
	int col;
	const char *alias;
};
/* csv_header_col: the column a header cell names among the n aliases
 * (folded, a remark in parentheses dropped: "Mã thôn (nếu có)"), or -1. */
int csv_header_col(const char *cell, const struct csv_alias *aliases, size_t n);
/* csv_columns: for each of the ncols columns the field of the header row
 * of c that names it (the first one), or -1, into at. */
struct csv;
void csv_columns(const struct csv *c, const struct csv_alias *aliases, size_t n, int *at,
		 int ncols);
/* csv_parse: parse data[0..len) into out, allocating from a. Returns 0, or
 * -1 with err filled (the first error met). */
int csv_parse(struct arena *a, const char *data, size_t len, struct csv *out,
	      struct csv_error *err);

#endif
