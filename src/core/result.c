/* result.c: the errors of imports and forms. */
#include "core/result.h"
#include "core/periods.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include <string.h>

void import_error_add(struct import_result *r, int line, int col, const char *column,
		      const char *msgid, const char *arg)
{
	if (r->nerrors < IMPORT_MAX_ERRORS)
		r->errors[r->nerrors] = (struct import_error){line, col, column, msgid, arg};
	r->nerrors++;
}

void field_error_add(struct field_errors *fe, const char *field, const char *msgid, const char *arg)
{
	if (fe->n < FIELD_ERRORS_MAX) {
		fe->e[fe->n].field = field;
		fe->e[fe->n].msgid = msgid;
		fe->e[fe->n].arg = arg;
		fe->n++;
	}
}

int field_date(struct field_errors *fe, const char *field, const char *in, char out[11],
	       int year_ahead)
{
	char today[11], last[11];
	out[0] = '\0';
	if (!in || !*in)
		return 0;
	date_today(today);
	period_date_add(today, year_ahead ? 366 : 0, last);
	if (date_parse(in, out) != 0)
		field_error_add(fe, field, N_("not a date (dd/mm/yyyy)"), NULL);
	else if (strcmp(out, "2000-01-01") < 0)
		field_error_add(fe, field, N_("a date before 2000 is not accepted"), NULL);
	else if (strcmp(out, last) > 0)
		field_error_add(fe, field,
				year_ahead ? N_("more than a year ahead is not accepted")
					   : N_("a date after today is not accepted"),
				NULL);
	else
		return 0;
	out[0] = '\0';
	return -1;
}

int field_text(struct arena *a, struct field_errors *fe, const char *field, const char *in,
	       size_t max, int lines, const char **out)
{
	struct buf b = BUF_INIT;
	*out = "";
	int bad = 0;
	for (const char *p = in ? in : ""; *p;) {
		size_t k = lines ? strcspn(p, "\r\n") : strlen(p);
		char *line = arena_strndup(a, p, k);
		if (!utf8_valid(line, k) || text_nfc(&b, line) < 0)
			bad = 1;
		p += k;
		p += *p == '\r' && p[1] == '\n';
		if (*p) {
			buf_putc(&b, '\n');
			p++;
		}
	}
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	int rc = -1;
	if (bad)
		field_error_add(fe, field, N_("the text is not valid UTF-8"), NULL);
	else if (utf8_chars(buf_cstr(&b)) > max)
		field_error_add(fe, field, N_("the text is too long"), NULL);
	else {
		*out = arena_strdup(a, buf_cstr(&b));
		rc = 0;
	}
	buf_release(&b);
	return rc;
}
