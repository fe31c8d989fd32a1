/* result.h: result codes of core functions and the errors of an import. */
#ifndef LANGSO_RESULT_H
#define LANGSO_RESULT_H
#include <stddef.h>

enum result {
	RES_OK = 0,
	RES_NOT_FOUND = 1, /* no such object, or not in the caller's scope */
	RES_CONFLICT = 2,  /* it already exists */
	RES_INVALID = 3,   /* the input is wrong; the errors say where */
	RES_FORBIDDEN = 4, /* the caller's role may not do this */
	RES_LIMITED = 5,   /* too many attempts: try again later */
	RES_ERROR = -1,	   /* the program or the database failed (logged) */
};

#define IMPORT_MAX_ERRORS 50

/* One error of a file import: where, and what (an English msgid of the
 * catalogues with at most one %s, filled by arg). */
struct import_error {
	int line;	    /* 1-based line of the file, 0 for the whole file */
	int col;	    /* 1-based column, 0 when not about one column */
	const char *column; /* the column's header name, or NULL */
	const char *msgid;
	const char *arg; /* NULL or the text for %s */
};

struct import_result {
	int rows;      /* data rows read */
	int added;     /* rows written */
	int unchanged; /* rows already present */
	int nerrors;   /* errors found (the first IMPORT_MAX_ERRORS are kept) */
	struct import_error errors[IMPORT_MAX_ERRORS];
};

/* import_error_add: record an error (strings must outlive r). */
void import_error_add(struct import_result *r, int line, int col, const char *column,
		      const char *msgid, const char *arg);

#define FIELD_ERRORS_MAX 16

/* The errors of a form or JSON body: which field, what (msgid, arg). */
struct field_errors {
	int n;
	struct {
		const char *field; /* the field's name in forms, JSON and CSV headers */
		const char *msgid; /* English message with at most one %s */
		const char *arg;
	} e[FIELD_ERRORS_MAX];
};

/* field_error_add: record an error (strings must outlive fe). */
void field_error_add(struct field_errors *fe, const char *field, const char *msgid,
		     const char *arg);

/* field_date: the optional date in (empty or NULL: none, out "") into out
 * (ISO), accepted from 2000-01-01 to today (Vietnam), or to a year ahead
 * when year_ahead; else an error of field in fe, out "" and -1. */
int field_date(struct field_errors *fe, const char *field, const char *in, char out[11],
	       int year_ahead);

/* field_text: the optional text in (NULL: "") into *out (from a), NFC,
 * at most max characters; lines 0: one line (white space runs made one
 * space), 1: its lines kept (each made NFC, trailing blank lines
 * dropped). Else an error of field in fe, *out "" and -1. */
struct arena;
int field_text(struct arena *a, struct field_errors *fe, const char *field, const char *in,
	       size_t max, int lines, const char **out);
#endif
