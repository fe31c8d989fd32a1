/* csv.c: a CSV reader for files as spreadsheets write them. */
#include "util/csv.h"
#include "i18n/i18n.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

static char detect_delim(const char *p, const char *end)
{
	int semi = 0, comma = 0, tab = 0, quoted = 0;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return semi > comma ? ';' : ',';
}

struct parser {
	struct arena *a;
	struct csv *out;
	int cap;       /* rows allocated */
	char **fields; /* fields of the row being read (heap) */
	int nfields, fcap;
	struct buf field;
};

static void push_field(struct parser *ps)
{
	if (ps->nfields == ps->fcap) {
		ps->fcap = ps->fcap ? ps->fcap * 2 : 16;
		ps->fields = xrealloc(ps->fields, (size_t)ps->fcap * sizeof *ps->fields);
	}
	ps->fields[ps->nfields++] = arena_strndup(ps->a, buf_cstr(&ps->field), ps->field.len);
	buf_reset(&ps->field);
}

static void push_row(struct parser *ps, int line)
{
	int blank = 1;
	for (int i = 0; i < ps->nfields; i++)
		if (ps->fields[i][0])
			blank = 0;
	if (!blank) {
		if (ps->out->nrows == ps->cap) {
			ps->cap = ps->cap ? ps->cap * 2 : 64;
			struct csv_row *rows = arena_alloc(ps->a, (size_t)ps->cap * sizeof *rows);
			if (ps->out->nrows)
				memcpy(rows, ps->out->rows, (size_t)ps->out->nrows * sizeof *rows);
			ps->out->rows = rows;
		}
		struct csv_row *r = &ps->out->rows[ps->out->nrows++];
		r->line = line;
		r->nfields = ps->nfields;
		r->fields = arena_alloc(ps->a, (size_t)ps->nfields * sizeof *r->fields);
		memcpy(r->fields, ps->fields, (size_t)ps->nfields * sizeof *r->fields);
	}
	ps->nfields = 0;
}

int csv_parse(struct arena *a, const char *data, size_t len, struct csv *out, struct csv_error *err)
{
	const char *p = data, *end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	memset(out, 0, sizeof *out);
	out->delim = detect_delim(p, end);
	struct parser ps = {.a = a, .out = out};
	int line = 1, row_line = 1, rc = 0;
	char d = out->delim;

	while (p <= end) {
		/* one field */
		if (p < end && *p == '"') {
			int qline = line;
			p++;
			for (;;) {
				if (p >= end) {
					*err = (struct csv_error){qline, ps.nfields + 1,
								  N_("unterminated quoted field")};
					rc = -1;
					goto out;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						buf_putc(&ps.field, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\r' || *p == '\n') {
					if (*p == '\r' && p + 1 < end && p[1] == '\n')
						buf_putc(&ps.field, *p++);
					line++;
				}
				buf_putc(&ps.field, *p++);
			}
			while (p < end && *p == ' ')
				p++;
			if (p < end && *p != d && *p != '\r' && *p != '\n') {
				*err =
				    (struct csv_error){line, ps.nfields + 1,
						       N_("unexpected text after a closing quote")};
				rc = -1;
				goto out;
			}
		} else {
			while (p < end && *p != d && *p != '\r' && *p != '\n')
				buf_putc(&ps.field, *p++);
		}
		if (!utf8_valid(buf_cstr(&ps.field), ps.field.len)) {
			*err =
			    (struct csv_error){line, ps.nfields + 1, N_("text is not valid UTF-8")};
			rc = -1;
			goto out;
		}
		push_field(&ps);
		if (p < end && *p == d) {
			p++;
			continue;
		}
		/* end of record */
		push_row(&ps, row_line);
		if (p >= end)
			break;
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		p++;
		line++;
		row_line = line;
		if (p == end)
			break;
	}
out:
	free(ps.fields);
	buf_release(&ps.field);
	return rc;
}

int csv_header_col(const char *cell, const struct csv_alias *aliases, size_t n)
{
	struct buf f = BUF_INIT;
	text_fold(&f, cell);
	char *paren = strchr(f.data ? f.data : "", '(');
	if (paren) {
		*paren = '\0';
		f.len = (size_t)(paren - f.data);
		while (f.len && f.data[f.len - 1] == ' ')
			f.data[--f.len] = '\0';
	}
	int col = -1;
	for (size_t i = 0; i < n && col < 0; i++)
		if (strcmp(buf_cstr(&f), aliases[i].alias) == 0)
			col = aliases[i].col;
	buf_release(&f);
	return col;
}

void csv_columns(const struct csv *c, const struct csv_alias *aliases, size_t n, int *at, int ncols)
{
	for (int k = 0; k < ncols; k++)
		at[k] = -1;
	for (int f = 0; c->nrows && f < c->rows[0].nfields; f++) {
		int k = csv_header_col(c->rows[0].fields[f], aliases, n);
		if (k >= 0 && k < ncols && at[k] < 0)
			at[k] = f;
	}
}
