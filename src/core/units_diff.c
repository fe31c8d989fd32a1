/* units_diff.c: today's communes against a newer official list (the
 * post-reform layout: province code and name, commune code and name,
 * kind): what is new, closed, renamed, of another kind, or under another
 * code; and those changes recorded with the day they take effect. A name
 * written with the old or the new placement of its tone mark ("Hòa",
 * "Hoà"), in another case or with another apostrophe is the same name. */
#include "core/units_diff.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { L_PROVINCE, L_CODE, L_NAME, L_KIND, L_COLS };

static const struct csv_alias columns[] = {
    {L_PROVINCE, "province_code"},
    {L_PROVINCE, "ma tinh"},
    {L_CODE, "commune_code"},
    {L_CODE, "ma xa"},
    {L_NAME, "commune_name"},
    {L_NAME, "ten xa"},
    {L_KIND, "kind"},
    {L_KIND, "loai"},
};

/* A commune of today's list. */
struct current {
	long long id;
	const char *province, *code, *name, *kind, *key; /* key: the bare name folded */
	int matched;
};

/* The folded text of s without apostrophes, from a. */
static const char *fold(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, text_folded(a, s)), *w = out;
	for (const char *p = out; *p; p++) /* text_fold made ’ a ' */
		if (*p != '\'')
			*w++ = *p;
	*w = 0;
	return out;
}

/* The name without its kind, folded: "Xã Hoà An" and "xã Hòa An" → "hoa an". */
static const char *bare_key(struct arena *a, const char *name, const char *kind)
{
	const char *n = fold(a, name), *k = fold(a, kind);
	size_t kl = strlen(k);
	if (kl && strncmp(n, k, kl) == 0 && n[kl] == ' ')
		n += kl + 1;
	return n;
}

static int read_current(struct db *db, struct arena *a, struct current **out, int *n)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT c.id, coalesce(p.code, ''), c.code, c.name, c.kind FROM unit c"
			   " JOIN unit p ON p.id = c.parent_id WHERE c.level = 'commune'"
			   " AND c.valid_to IS NULL AND c.code IS NOT NULL ORDER BY c.code");
	if (!st)
		return -1;
	VEC(struct current) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct current *c = VEC_PUSH(a, &v);
		c->id = db_col_int(st, 0);
		c->province = arena_strdup(a, db_col_text(st, 1));
		c->code = arena_strdup(a, db_col_text(st, 2));
		c->name = arena_strdup(a, db_col_text(st, 3));
		c->kind = arena_strdup(a, db_col_text(st, 4));
		c->key = bare_key(a, c->name, c->kind);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? 0 : -1;
}

static int by_code(const void *k, const void *e)
{
	return strcmp(k, ((const struct current *)e)->code);
}

/* A trimmed NFC copy of a cell. */
static const char *cell_of(struct arena *a, const struct csv_row *row, int at)
{
	const char *s = at >= 0 && at < row->nfields ? row->fields[at] : "";
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	struct buf b = BUF_INIT, c = BUF_INIT;
	buf_append(&b, s, n);
	const char *out = text_nfc(&c, buf_cstr(&b)) == 0 ? arena_strdup(a, buf_cstr(&c)) : "";
	buf_release(&b);
	buf_release(&c);
	return out;
}

int units_diff(struct db *db, struct arena *a, const char *data, size_t len, struct unit_diff **out,
	       int *nout, struct import_result *r)
{
	*out = NULL;
	*nout = 0;
	struct csv c;
	struct csv_error ce;
	if (csv_parse(a, data, len, &c, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	int at[L_COLS];
	csv_columns(&c, columns, sizeof columns / sizeof *columns, at, L_COLS);
	if (at[L_PROVINCE] < 0 || at[L_CODE] < 0 || at[L_NAME] < 0 || at[L_KIND] < 0) {
		import_error_add(r, 1, 0, NULL,
				 N_("the file needs the columns province_code, commune_code,"
				    " commune_name and kind"),
				 NULL);
		return RES_INVALID;
	}
	struct current *cur;
	int ncur;
	if (read_current(db, a, &cur, &ncur) != 0)
		return RES_ERROR;
	VEC(struct unit_diff) v = {0};
	VEC(struct unit_diff) unknown = {0}; /* codes not in today's list */
	for (int i = 1; i < c.nrows; i++) {
		const struct csv_row *row = &c.rows[i];
		struct unit_diff d = {.line = row->line};
		d.province = cell_of(a, row, at[L_PROVINCE]);
		d.code = cell_of(a, row, at[L_CODE]);
		d.name = cell_of(a, row, at[L_NAME]);
		d.kind = cell_of(a, row, at[L_KIND]);
		if (!*d.code && !*d.name)
			continue;
		r->rows++;
		if (strlen(d.code) != 5 || strspn(d.code, "0123456789") != 5 || !*d.name ||
		    !*d.kind) {
			import_error_add(r, row->line, at[L_CODE] + 1, c.rows[0].fields[at[L_CODE]],
					 N_("a commune needs a five-digit code, a name and a kind"),
					 NULL);
			continue;
		}
		struct current *x = bsearch(d.code, cur, (size_t)ncur, sizeof *cur, by_code);
		if (!x) {
			*VEC_PUSH(a, &unknown) = d;
			continue;
		}
		x->matched = 1;
		d.unit = x->id;
		d.old_code = x->code;
		d.old_name = x->name;
		d.old_kind = x->kind;
		if (strcmp(fold(a, x->kind), fold(a, d.kind)) != 0)
			d.changes |= DIFF_KIND;
		if (strcmp(x->key, bare_key(a, d.name, d.kind)) != 0)
			d.changes |= DIFF_NAME;
		if (d.changes)
			*VEC_PUSH(a, &v) = d;
	}
	/* a code not in today's list: the same name in the same province
	 * under a code no longer listed is that unit's new code */
	for (int i = 0; i < unknown.n; i++) {
		struct unit_diff d = unknown.items[i];
		const char *key = bare_key(a, d.name, d.kind);
		struct current *x = NULL;
		for (int k = 0; k < ncur && !x; k++)
			if (!cur[k].matched && strcmp(cur[k].province, d.province) == 0 &&
			    strcmp(cur[k].key, key) == 0)
				x = &cur[k];
		if (x) {
			x->matched = 1;
			d.unit = x->id;
			d.old_code = x->code;
			d.old_name = x->name;
			d.old_kind = x->kind;
			d.changes = DIFF_CODE;
			if (strcmp(fold(a, x->kind), fold(a, d.kind)) != 0)
				d.changes |= DIFF_KIND;
		} else {
			d.changes = DIFF_NEW;
		}
		*VEC_PUSH(a, &v) = d;
	}
	for (int k = 0; k < ncur; k++)
		if (!cur[k].matched) {
			struct unit_diff *d = VEC_PUSH(a, &v);
			memset(d, 0, sizeof *d);
			d->changes = DIFF_CLOSED;
			d->unit = cur[k].id;
			d->province = cur[k].province;
			d->code = d->old_code = cur[k].code;
			d->name = d->old_name = cur[k].name;
			d->kind = d->old_kind = cur[k].kind;
		}
	*out = v.items;
	*nout = v.n;
	return r->nerrors ? RES_INVALID : RES_OK;
}

int units_change_add(struct db *db, const struct user *who, long long unit, const char *day,
		     const char *field, const char *from, const char *to)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO unit_change(unit_id, effective_on, field, old_value, new_value,"
		" changed_by) VALUES (:u, :d, :f, :o, :n, :by)");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":d", day);
	db_bind_text(st, ":f", field);
	db_bind_text(st, ":o", from);
	db_bind_text(st, ":n", to);
	db_bind_id(st, ":by", who ? who->id : 0);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* Record one difference, taking effect on day. */
static int apply_one(struct db *db, const struct user *who, const struct unit_diff *d,
		     const char *day)
{
	struct db_stmt *st;
	if (d->changes & DIFF_NEW) {
		long long province = units_find(db, "province", d->province), id;
		return province && units_add_span(db, province, "commune", d->code, d->name,
						  d->kind, day, NULL, "official", &id) == RES_OK
			   ? 0
			   : -1;
	}
	if (d->changes & DIFF_CLOSED) {
		char before[11];
		period_date_add(day, -1, before);
		st = db_prepare(db,
				"UPDATE unit SET valid_to = :b WHERE id = :u AND valid_to IS NULL");
		if (!st)
			return -1;
		db_bind_text(st, ":b", before);
		db_bind_int(st, ":u", d->unit);
		return db_run(st) == DB_OK ? 0 : -1;
	}
	if (d->changes & DIFF_CODE) {
		st = db_prepare(db, "UPDATE unit SET code = :c WHERE id = :u");
		if (!st)
			return -1;
		db_bind_text(st, ":c", d->code);
		db_bind_int(st, ":u", d->unit);
		if (db_run(st) != DB_OK ||
		    units_change_add(db, who, d->unit, day, "code", d->old_code, d->code) != 0)
			return -1;
	}
	if (d->changes & (DIFF_KIND | DIFF_NAME)) {
		if (units_rename(db, d->unit, d->name, d->kind) != RES_OK)
			return -1;
		if ((d->changes & DIFF_KIND) &&
		    units_change_add(db, who, d->unit, day, "kind", d->old_kind, d->kind) != 0)
			return -1;
		if (strcmp(d->old_name, d->name) != 0 &&
		    units_change_add(db, who, d->unit, day, "name", d->old_name, d->name) != 0)
			return -1;
	}
	return 0;
}

int units_apply_list(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, const char *day, struct unit_diff **out, int *n,
		     struct import_result *r)
{
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = units_diff(db, a, data, len, out, n, r);
	/* codes first: a new unit may take a code given up */
	for (int pass = 0; pass < 2 && res == RES_OK; pass++)
		for (int i = 0; i < *n && res == RES_OK; i++)
			if (((*out)[i].changes & DIFF_CODE) == (pass == 0 ? DIFF_CODE : 0) &&
			    apply_one(db, who, &(*out)[i], day) != 0)
				res = RES_ERROR;
	char detail[96];
	snprintf(detail, sizeof detail, "{\"effective\":\"%s\",\"changes\":%d}", day, *n);
	return tx_end(db, res, who, "apply-list", "unit", 0, 0, detail);
}

int units_changes(struct db *db, struct arena *a, long long unit, struct unit_change **out, int *n)
{
	struct db_stmt *st = db_prepare(db, "SELECT field, old_value, new_value, effective_on"
					    " FROM unit_change WHERE unit_id = :u"
					    " ORDER BY effective_on, id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	VEC(struct unit_change) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct unit_change *c = VEC_PUSH(a, &v);
		c->field = arena_strdup(a, db_col_text(st, 0));
		c->old_value = arena_strdup(a, db_col_text(st, 1));
		c->new_value = arena_strdup(a, db_col_text(st, 2));
		c->effective_on = arena_strdup(a, db_col_text(st, 3));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}
