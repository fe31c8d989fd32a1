/* enterprises.c: enterprises and the communes they support. */
#include "core/enterprises.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/jw.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

int enterprises_list(struct db *db, struct arena *a, const struct user *who,
		     struct enterprise **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT e.id, e.name, e.kind, e.contact_name, e.contact_phone, e.contact_email,"
		" count(eu.unit_id), coalesce(group_concat(u.name, ', '), '')"
		" FROM enterprise e LEFT JOIN enterprise_unit eu ON eu.enterprise_id = e.id"
		" LEFT JOIN unit u ON u.id = eu.unit_id"
		" WHERE (:ent IS NOT NULL AND e.id = :ent) OR (:ent IS NULL AND EXISTS (SELECT 1"
		"  FROM enterprise_unit x JOIN unit_tree sc ON sc.unit_id = x.unit_id"
		"  WHERE x.enterprise_id = e.id AND sc.ancestor_id = :scope))"
		" OR (:ent IS NULL AND (SELECT parent_id IS NULL FROM unit WHERE id = :scope))"
		" GROUP BY e.id ORDER BY e.name");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	VEC(struct enterprise) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct enterprise *e = VEC_PUSH(a, &v);
		e->id = db_col_int(st, 0);
		e->name = arena_strdup(a, db_col_text(st, 1));
		e->kind = arena_strdup(a, db_col_text(st, 2));
		e->contact_name = arena_strdup(a, db_col_text(st, 3));
		e->contact_phone = arena_strdup(a, db_col_text(st, 4));
		e->contact_email = arena_strdup(a, db_col_text(st, 5));
		e->communes = (int)db_col_int(st, 6);
		e->commune_list = arena_strdup(a, db_col_text(st, 7));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

long long enterprises_find(struct db *db, const char *name)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM enterprise WHERE name = :n");
	if (!st)
		return 0;
	db_bind_text(st, ":n", name);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

int enterprises_visible(struct db *db, const struct user *who, long long id)
{
	struct arena a = ARENA_INIT;
	struct enterprise *list;
	int n, found = 0;
	if (enterprises_list(db, &a, who, &list, &n) == RES_OK)
		for (int i = 0; i < n; i++)
			if (list[i].id == id)
				found = 1;
	arena_release(&a);
	return found;
}

int enterprises_create(struct db *db, struct arena *ra, const struct user *who,
		       const struct enterprise_input *in, struct field_errors *fe, long long *id)
{
	static const char *const kinds[] = {"telecom", "postal", "it", "bank", "other"};
	if (role_rank(who->role) < role_rank("province") || who->enterprise_id)
		return RES_FORBIDDEN;
	struct buf name = BUF_INIT;
	if (!in->name || text_nfc(&name, in->name) < 0 || !name.len || utf8_chars(name.data) > 120)
		field_error_add(fe, "name", N_("the enterprise needs a name"), NULL);
	int kind_ok = 0;
	for (size_t i = 0; in->kind && i < sizeof kinds / sizeof *kinds; i++)
		kind_ok |= strcmp(in->kind, kinds[i]) == 0;
	if (!kind_ok)
		field_error_add(fe, "kind", N_("kind: telecom, postal, it, bank or other"), NULL);
	/* the communes, each in scope */
	struct arena ca = ARENA_INIT;
	VEC(long long) communes = {0};
	char code[16];
	const char *p = in->communes ? in->communes : "";
	while (*p) {
		size_t k = strcspn(p, ", ;\t\r\n");
		if (k && k < sizeof code) {
			memcpy(code, p, k);
			code[k] = '\0';
			long long c = units_find(db, "commune", code);
			if (!c || !scope_has(db, who, c))
				field_error_add(fe, "communes",
						N_("no commune with code %s in your area"),
						arena_strdup(ra, code));
			else
				*VEC_PUSH(&ca, &communes) = c;
		}
		p += k;
		while (*p && strchr(", ;\t\r\n", *p))
			p++;
	}
	if (!communes.n && !fe->n)
		field_error_add(fe, "communes", N_("list the codes of the communes it supports"),
				NULL);
	if (fe->n || tx_begin(db) != RES_OK) {
		buf_release(&name);
		arena_release(&ca);
		return fe->n ? RES_INVALID : RES_ERROR;
	}
	int res = RES_ERROR;
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO enterprise(name, kind, contact_name,"
			   " contact_phone, contact_email) VALUES (:n, :k, :cn, :cp, :ce)");
	if (st) {
		db_bind_text(st, ":n", name.data);
		db_bind_text(st, ":k", in->kind);
		db_bind_text(st, ":cn", in->contact_name ? in->contact_name : "");
		db_bind_text(st, ":cp", in->contact_phone ? in->contact_phone : "");
		db_bind_text(st, ":ce", in->contact_email ? in->contact_email : "");
		int rc = db_step(st);
		db_done(st);
		res = rc == DB_DONE ? RES_OK : rc == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
	}
	if (res == RES_CONFLICT)
		field_error_add(fe, "name", N_("an enterprise of this name exists"), NULL);
	*id = res == RES_OK ? db_last_id(db) : 0;
	for (int i = 0; i < communes.n && res == RES_OK; i++) {
		st = db_prepare(db, "INSERT INTO enterprise_unit(enterprise_id, unit_id)"
				    " VALUES (:e, :u) ON CONFLICT DO NOTHING");
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":e", *id);
			db_bind_int(st, ":u", communes.items[i]);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "name", name.data);
	jw_kv_int(&j, "communes", communes.n);
	jw_obj_end(&j);
	res = tx_end(db, res, who, "create", "enterprise", *id, who->scope, buf_cstr(&d));
	buf_release(&d);
	buf_release(&name);
	arena_release(&ca);
	return res == RES_CONFLICT ? RES_INVALID : res;
}
