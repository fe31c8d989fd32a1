/* tx.h: the one write path of core (Fossil's db_begin_transaction /
 * db_end_transaction): tx_begin takes the write lock, the caller does its
 * work and hands its result to tx_end, which writes the audit row and
 * commits when all went well, and rolls everything back otherwise. Inside
 * a transaction already open (an Idempotency-Key request) the pair works
 * on a savepoint, so the outer transaction commits it or nothing. */
#ifndef LANGSO_TX_H
#define LANGSO_TX_H
#include "core/accounts.h"
#include "core/result.h"
#include "db/db.h"

/* tx_begin: RES_OK, or RES_ERROR when the transaction cannot start. */
int tx_begin(struct db *db);

/* tx_begin_team: the same for the work of one team (see db_begin_team). */
int tx_begin_team(struct db *db, long long team);

/* tx_begin_file: the prologue of a change made from a file: RES_FORBIDDEN
 * when not allowed, RES_INVALID when data is not CSV (the error into r),
 * RES_ERROR when the transaction cannot start; RES_OK with the file read
 * into c (strings from a) and the transaction open, for tx_end. */
struct arena;
struct csv;
struct import_result;
int tx_begin_file(struct db *db, struct arena *a, int allowed, const char *data, size_t len,
		  struct csv *c, struct import_result *r);

/* tx_end: res is the work's result. When RES_OK: the audit row (see
 * audit_log; detail NULL or a JSON object), then commit; returns RES_OK,
 * or RES_ERROR if either fails (rolled back). Otherwise rolls back and
 * returns res. */
int tx_end(struct db *db, int res, const struct user *who, const char *action,
	   const char *entity, long long entity_id, long long unit_id, const char *detail);

#endif
