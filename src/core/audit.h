/* audit.h: the audit trail; every write leaves a row in its transaction. */
#ifndef LANGSO_AUDIT_H
#define LANGSO_AUDIT_H
#include "db/db.h"

/* audit_log: add one audit row (user_id/entity_id/unit_id 0 for none;
 * detail_json a JSON object or NULL). Call inside the write's transaction.
 * Returns 0 or -1. Never put a password or token in detail_json. */
int audit_log(struct db *db, long long user_id, const char *action, const char *entity,
	      long long entity_id, long long unit_id, const char *detail_json);

#endif
