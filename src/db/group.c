/* group.c: group commit, for a backend with one writer at a time (SQLite).
 *
 * Each commit waits for the disk; one commit per request would make the
 * disk the limit, and a request that holds the write lock while it parses,
 * checks and answers would make one core the limit. So the server's
 * threads share one writer connection for their transactions alone:
 *  - a thread's outermost db_begin takes the writer's turn, opens the
 *    batch (BEGIN IMMEDIATE) if none is open, and works in a savepoint on
 *    the writer (db->lent): its reads inside the transaction see every
 *    write before it, as in any serial order;
 *  - its db_commit releases the savepoint into the batch and gives up the
 *    turn; the last of the threads wanting the turn (or the GROUP_MAX-th
 *    member) commits the batch, once, and wakes its members;
 *  - db_commit returns only after that commit: a 2xx still means committed
 *    to disk, and the reads after it, on the thread's own connection, see
 *    it. If the commit fails, every member's db_commit fails.
 * Everything outside the transactions (parsing the request, checking it,
 * reading, writing the answer) runs on the threads' own connections, side
 * by side. */
#include "db/group.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <stdlib.h>

/* The most members of one batch: under a steady stream of writers someone
 * still commits, so none waits long. */
#define GROUP_MAX 256

struct member {
	int rc, done;
	struct member *next;
};

/* turn: whose transaction runs on the writer; it guards the batch.
 * lock: wanting, and the members' done flags (with finished). */
static pthread_mutex_t turn = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static char *writer_path;
static struct db *writer;
static int open_batch, broken, members;
static struct member *batch;
static int wanting; /* threads holding or waiting for the turn */

void group_init(const char *path)
{
	free(writer_path);
	writer_path = path ? xstrdup(path) : NULL;
}

void group_close(void)
{
	if (writer)
		db_close(writer);
	writer = NULL;
	group_init(NULL);
}

/* Commit (or, when broken, roll back) the open batch and wake its members.
 * Holds the turn. */
static void finish_batch(void)
{
	int rc = DB_ERR;
	int (*fn)(struct db *) = writer->before_commit;
	writer->before_commit = NULL;
	if (fn && !broken && fn(writer) != 0)
		broken = 1;
	if (!broken)
		rc = writer->ops->exec(writer, "COMMIT", DB_WHERE);
	if (rc != DB_OK)
		writer->ops->exec(writer, "ROLLBACK", DB_WHERE);
	open_batch = broken = members = 0;
	struct member *m = batch;
	batch = NULL;
	pthread_mutex_lock(&lock);
	for (struct member *next; m; m = next) {
		next = m->next; /* m may be gone once done is seen */
		m->rc = rc == DB_OK ? DB_OK : DB_ERR;
		m->done = 1;
	}
	pthread_cond_broadcast(&finished);
	pthread_mutex_unlock(&lock);
}

/* Give up the turn; the last wanting it commits what the batch holds. */
static void leave(void)
{
	pthread_mutex_lock(&lock);
	int last = --wanting == 0;
	pthread_mutex_unlock(&lock);
	if (open_batch && (last || members >= GROUP_MAX))
		finish_batch();
	pthread_mutex_unlock(&turn);
}

int group_begin(struct db *db)
{
	pthread_mutex_lock(&lock);
	wanting++;
	pthread_mutex_unlock(&lock);
	pthread_mutex_lock(&turn);
	if (!writer) {
		char err[256];
		writer = db_open(writer_path, err, sizeof err);
		if (!writer)
			log_msg(LOG_ERROR, "group commit: %s", err);
		else if (writer->ops->writer_sql &&
			 writer->ops->exec(writer, writer->ops->writer_sql, DB_WHERE) != DB_OK)
			log_msg(LOG_ERROR, "group commit: cannot set the writer up");
	}
	int rc = writer ? DB_OK : DB_ERR;
	if (rc == DB_OK && !open_batch) {
		rc = writer->ops->exec(writer, writer->ops->begin_sql, DB_WHERE);
		open_batch = rc == DB_OK;
	}
	if (rc == DB_OK)
		rc = writer->ops->exec(writer, "SAVEPOINT member", DB_WHERE);
	if (rc != DB_OK) {
		leave();
		return DB_ERR;
	}
	db->lent = writer;
	return DB_OK;
}

int group_end(struct db *db, int commit)
{
	struct member me = {DB_ERR, 0, NULL};
	db->lent = NULL;
	int joined = commit && writer->ops->exec(writer, "RELEASE member", DB_WHERE) == DB_OK;
	if (joined) {
		me.next = batch;
		batch = &me;
		members++;
	} else if (writer->ops->exec(writer, "ROLLBACK TO member", DB_WHERE) != DB_OK ||
		   writer->ops->exec(writer, "RELEASE member", DB_WHERE) != DB_OK) {
		broken = 1; /* the batch's transaction is not what its members left */
	}
	leave();
	if (!joined)
		return commit ? DB_ERR : DB_OK;
	pthread_mutex_lock(&lock);
	while (!me.done)
		pthread_cond_wait(&finished, &lock);
	pthread_mutex_unlock(&lock);
	return me.rc;
}
