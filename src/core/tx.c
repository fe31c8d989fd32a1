/* tx.c: begin, audit, commit or roll back. */
#include "core/tx.h"
#include "core/audit.h"
#include "util/csv.h"

int tx_begin(struct db *db)
{
	return db_begin(db) == DB_OK ? RES_OK : RES_ERROR;
}

int tx_begin_team(struct db *db, long long team)
{
	return db_begin_team(db, team) == DB_OK ? RES_OK : RES_ERROR;
}

int tx_begin_file(struct db *db, struct arena *a, int allowed, const char *data, size_t len,
		  struct csv *c, struct import_result *r)
{
	if (!allowed)
		return RES_FORBIDDEN;
	struct csv_error ce;
	if (csv_parse(a, data, len, c, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	return tx_begin(db);
}

int tx_end(struct db *db, int res, const struct user *who, const char *action, const char *entity,
	   long long entity_id, long long unit_id, const char *detail)
{
	if (res == RES_OK && audit_log(db, who, action, entity, entity_id, unit_id, detail) != 0)
		res = RES_ERROR;
	if (res == RES_OK && db_commit(db) == DB_OK)
		return RES_OK;
	db_rollback(db);
	return res == RES_OK ? RES_ERROR : res;
}
