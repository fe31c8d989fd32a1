/* scope.c: the part of the country a user works in. */
#include "core/scope.h"

void scope_bind(struct db_stmt *st, const struct user *who)
{
	db_bind_int(st, ":scope", who->scope);
	db_bind_id(st, ":ent", who->enterprise_id);
}

int scope_has(struct db *db, const struct user *who, long long unit)
{
	struct db_stmt *st = db_prepare(db, "SELECT " SCOPE_HAS(":unit"));
	if (!st)
		return 0;
	scope_bind(st, who);
	db_bind_int(st, ":unit", unit);
	int in = db_step(st) == DB_ROW && db_col_int(st, 0);
	db_done(st);
	return in;
}
