/* audit.c: the audit trail; every write leaves a row in its transaction. */
#include "core/audit.h"

static void bind_id(struct db_stmt *st, const char *name, long long v)
{
	if (v)
		db_bind_int(st, name, v);
	else
		db_bind_null(st, name);
}

int audit_log(struct db *db, long long user_id, const char *action, const char *entity,
	      long long entity_id, long long unit_id, const char *detail_json)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO audit(user_id, action, entity, entity_id, unit_id, detail_json)"
		" VALUES (:user, :action, :entity, :eid, :unit, :detail)");
	if (!st)
		return -1;
	bind_id(st, ":user", user_id);
	db_bind_text(st, ":action", action);
	db_bind_text(st, ":entity", entity);
	bind_id(st, ":eid", entity_id);
	bind_id(st, ":unit", unit_id);
	db_bind_text(st, ":detail", detail_json ? detail_json : "{}");
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}
