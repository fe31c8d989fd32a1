/* scope.h: the part of the country a user works in. For most users it is
 * their scope unit and everything below it; for an enterprise user the
 * communes its enterprise supports. Every scoped query uses SCOPE_HAS and
 * scope_bind, so the rule lives here once. */
#ifndef LANGSO_SCOPE_H
#define LANGSO_SCOPE_H
#include "core/accounts.h"

/* SQL: the unit in column col is inside the scope bound by scope_bind. */
#define SCOPE_HAS(col)                                                                             \
	"EXISTS (SELECT 1 FROM unit_tree sc WHERE sc.unit_id = " col                               \
	" AND ((:ent IS NULL AND sc.ancestor_id = :scope) OR sc.ancestor_id IN"                    \
	" (SELECT unit_id FROM enterprise_unit WHERE enterprise_id = :ent)))"

/* scope_bind: bind :scope and :ent of SCOPE_HAS for who. */
void scope_bind(struct db_stmt *st, const struct user *who);

/* scope_has: 1 when unit is inside who's scope. */
int scope_has(struct db *db, const struct user *who, long long unit);

#endif
