/* group.h: group commit of the server's transactions on a backend with one
 * writer at a time (see group.c). */
#ifndef LANGSO_DB_GROUP_H
#define LANGSO_DB_GROUP_H
#include "db/db.h"

/* group_init: the database the writer connection opens (when first
 * needed); group_close closes it, once no transaction runs. */
void group_init(const char *path);
void group_close(void);

/* group_begin: db's outermost transaction, run on the writer in the open
 * batch (db->lent): DB_OK or DB_ERR. */
int group_begin(struct db *db);

/* group_end: its end: commit (1) gives its work to the batch and returns
 * once the batch is committed (DB_OK) or has failed (DB_ERR); 0 rolls its
 * work back. Either way db's transaction is over. */
int group_end(struct db *db, int commit);

#endif
