/* idempotency.h: Idempotency-Key on POST/PUT/PATCH/DELETE: the first
 * successful answer to a key is kept (in the database, so any server
 * process can replay it) and a retry with the same key gets it again
 * instead of doing the work twice. */
#ifndef LANGSO_IDEMPOTENCY_H
#define LANGSO_IDEMPOTENCY_H
#include "db/db.h"
#include "util/arena.h"
#include <time.h>

struct idem_answer {
	int status;
	const char *content_type;
	const void *body;
	size_t len;
};

/* idem_lookup: the kept answer of user's key: RES_OK (out filled),
 * RES_NOT_FOUND, RES_CONFLICT (the key was used for another request), or
 * RES_ERROR. */
int idem_lookup(struct db *db, struct arena *a, long long user, const char *key, const char *method,
		const char *path, struct idem_answer *out);
/* idem_store: keep an answer (keys older than a day are forgotten). */
int idem_store(struct db *db, long long user, const char *key, const char *method, const char *path,
	       const struct idem_answer *ans, time_t now);

#endif
