/* group.h: group commit of concurrent writes (see group.c). */
#ifndef LANGSO_GROUP_H
#define LANGSO_GROUP_H
#include "http/req.h"

/* group_work: run the request (its Idempotency-Key, or NULL) and leave the
 * answer in r; r->db is then the batch's connection, inside its
 * transaction. */
typedef void (*group_work)(struct req *r, const char *key);

/* group_run: run work for r in the next batch, and return once the batch
 * is committed (or has failed: r then holds a 500). */
void group_run(struct req *r, const char *key, group_work work);

#endif
