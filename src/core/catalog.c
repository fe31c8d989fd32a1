/* catalog.c: platforms, indicators and forms. */
#include "core/catalog.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/roles.h"
#include "core/teams.h"
#include "i18n/i18n.h"
#include "util/text.h"
#include "util/vec.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define INDICATOR_COLUMNS                                                                          \
	"i.id, i.code, i.name_vi, i.name_en, i.unit_vi, i.unit_en, i.aggregation,"                 \
	" coalesce(p.domain, 'other'), i.ceiling, coalesce(i.owner_unit_id, 0)"

static void indicator_read(struct db_stmt *st, struct arena *a, struct indicator *x)
{
	x->id = db_col_int(st, 0);
	x->code = arena_strdup(a, db_col_text(st, 1));
	x->name_vi = arena_strdup(a, db_col_text(st, 2));
	x->name_en = arena_strdup(a, db_col_text(st, 3));
	x->unit_vi = arena_strdup(a, db_col_text(st, 4));
	x->unit_en = arena_strdup(a, db_col_text(st, 5));
	x->aggregation = arena_strdup(a, db_col_text(st, 6));
	x->domain = arena_strdup(a, db_col_text(st, 7));
	x->ceiling = db_col_int(st, 8);
	x->owner = db_col_int(st, 9);
}

static int read_indicators(struct db_stmt *st, struct arena *a, struct indicator **out, int *n)
{
	VEC(struct indicator) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		indicator_read(st, a, VEC_PUSH(a, &v));
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int catalog_indicators(struct db *db, struct arena *a, long long unit, struct indicator **out,
		       int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT " INDICATOR_COLUMNS " FROM indicator i LEFT JOIN platform p"
		" ON p.id = i.platform_id WHERE i.owner_unit_id IS NULL OR i.owner_unit_id IN"
		" (SELECT ancestor_id FROM unit_tree WHERE unit_id = :u)"
		" ORDER BY i.owner_unit_id IS NOT NULL, i.position, i.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	return read_indicators(st, a, out, n);
}

int catalog_form_indicators(struct db *db, struct arena *a, long long form, long long unit,
			    struct indicator **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT " INDICATOR_COLUMNS " FROM form_indicator fi JOIN indicator i"
		" ON i.id = fi.indicator_id LEFT JOIN platform p ON p.id = i.platform_id"
		" WHERE fi.form_id = :f AND (i.owner_unit_id IS NULL OR i.owner_unit_id IN"
		" (SELECT ancestor_id FROM unit_tree WHERE unit_id = :u))"
		" ORDER BY fi.position, i.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":f", form);
	db_bind_int(st, ":u", unit);
	return read_indicators(st, a, out, n);
}

static void form_read(struct db_stmt *st, struct arena *a, struct form *f)
{
	f->id = db_col_int(st, 0);
	f->code = arena_strdup(a, db_col_text(st, 1));
	f->name_vi = arena_strdup(a, db_col_text(st, 2));
	f->name_en = arena_strdup(a, db_col_text(st, 3));
	f->grain = strcmp(db_col_text(st, 4), "week") == 0 ? PERIOD_WEEK : PERIOD_MONTH;
	f->due_days = (int)db_col_int(st, 5);
}

int catalog_forms(struct db *db, struct arena *a, long long unit, struct form **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT id, code, name_vi, name_en, period_type, due_days FROM form"
	    " WHERE owner_unit_id IS NULL OR owner_unit_id IN (SELECT ancestor_id FROM unit_tree"
	    " WHERE unit_id = :u) ORDER BY period_type = 'month', id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	VEC(struct form) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		form_read(st, a, VEC_PUSH(a, &v));
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int catalog_form_for(struct db *db, struct arena *a, long long unit, const char *period,
		     const char *code, struct form *out)
{
	struct period p;
	if (period_parse(period, &p) != 0)
		return RES_NOT_FOUND;
	struct form *forms;
	int n;
	if (catalog_forms(db, a, unit, &forms, &n) != RES_OK)
		return RES_ERROR;
	for (int i = 0; i < n; i++) {
		if (code ? strcmp(forms[i].code, code) == 0 : forms[i].grain == p.kind) {
			if (forms[i].grain != p.kind)
				return RES_NOT_FOUND;
			*out = forms[i];
			return RES_OK;
		}
	}
	return RES_NOT_FOUND;
}

int catalog_form(struct db *db, struct arena *a, const char *code, struct form *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, code, name_vi, name_en, period_type,"
					    " due_days FROM form WHERE code = :c");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":c", code);
	int rc = db_step(st);
	if (rc == DB_ROW)
		form_read(st, a, out);
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int catalog_indicator_add(struct db *db, const struct user *who, const char *code,
			  const char *name_vi, const char *name_en, const char *unit_vi,
			  const char *aggregation, const char *ceiling, const char *form_code,
			  struct field_errors *fe, long long *id)
{
	int national = role_rank(who->role) >= role_rank("ministry");
	if (!national && role_of(who->role) != ROLE_PROVINCE)
		return RES_FORBIDDEN;
	size_t cl = code ? strlen(code) : 0;
	int code_ok = cl >= 2 && cl <= 32;
	for (size_t i = 0; i < cl; i++)
		code_ok &= isupper((unsigned char)code[i]) || isdigit((unsigned char)code[i]) ||
			   code[i] == '_';
	if (!code_ok)
		field_error_add(fe, "code", N_("a code of 2 to 32 capitals, digits or '_'"), NULL);
	if (!name_vi || !*name_vi || !utf8_valid(name_vi, strlen(name_vi)))
		field_error_add(fe, "name_vi", N_("the indicator needs a Vietnamese name"), NULL);
	const char *agg = aggregation && *aggregation ? aggregation : "sum";
	if (strcmp(agg, "sum") != 0 && strcmp(agg, "latest") != 0)
		field_error_add(fe, "aggregation", N_("aggregation: sum or latest"), NULL);
	char *end = NULL;
	long long ceil_v = ceiling && *ceiling ? strtoll(ceiling, &end, 10) : 10000;
	if ((end && *end) || ceil_v < 1 || ceil_v > 10000000)
		field_error_add(fe, "ceiling", N_("a whole number from 1 to 10000000"), NULL);
	struct arena a = ARENA_INIT;
	struct form f = {0};
	if (form_code && *form_code && catalog_form(db, &a, form_code, &f) != RES_OK)
		field_error_add(fe, "form", N_("no such form"), NULL);
	arena_release(&a);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO indicator(code, name_vi, name_en, unit_vi, unit_en, aggregation, ceiling,"
	    " owner_unit_id, position) VALUES (:c, :vi, :en, :u, :u, :agg, :ceil, :owner, 100)");
	if (st) {
		db_bind_text(st, ":c", code);
		db_bind_text(st, ":vi", name_vi);
		db_bind_text(st, ":en", name_en && *name_en ? name_en : name_vi);
		db_bind_text(st, ":u", unit_vi && *unit_vi ? unit_vi : "người");
		db_bind_text(st, ":agg", agg);
		db_bind_int(st, ":ceil", ceil_v);
		if (national)
			db_bind_null(st, ":owner");
		else
			db_bind_int(st, ":owner", who->scope);
		int rc = db_step(st);
		db_done(st);
		res = rc == DB_DONE ? RES_OK : rc == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
	}
	if (res == RES_CONFLICT)
		field_error_add(fe, "code", N_("this code is taken"), NULL);
	*id = res == RES_OK ? db_last_id(db) : 0;
	if (res == RES_OK && f.id) {
		st = db_prepare(db, "INSERT INTO form_indicator(form_id, indicator_id, position)"
				    " VALUES (:f, :i, 100)");
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":f", f.id);
			db_bind_int(st, ":i", *id);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	res = tx_end(db, res, who, "create", "indicator", *id, who->scope, NULL);
	return res == RES_CONFLICT ? RES_INVALID : res;
}

int catalog_platforms(struct db *db, struct arena *a, struct platform **out, int *n)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, code, name_vi, name_en, domain"
					    " FROM platform ORDER BY domain, code");
	if (!st)
		return RES_ERROR;
	VEC(struct platform) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct platform *p = VEC_PUSH(a, &v);
		p->id = db_col_int(st, 0);
		p->code = arena_strdup(a, db_col_text(st, 1));
		p->name_vi = arena_strdup(a, db_col_text(st, 2));
		p->name_en = arena_strdup(a, db_col_text(st, 3));
		p->domain = arena_strdup(a, db_col_text(st, 4));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

long long catalog_platform_find(struct db *db, const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM platform WHERE code = :c");
	if (st)
		db_bind_text(st, ":c", code ? code : "");
	return db_one_int(st, 0);
}
