/* group.c: group commit, for a backend with one writer at a time (SQLite).
 * Each commit waits for the disk (a few milliseconds); one transaction per
 * submission would make the disk the limit. Here the submissions that wait
 * at the same moment are written in one transaction: the first thread to
 * arrive while no batch runs leads; it takes every waiting request, runs
 * each on its own connection inside the transaction (each in a savepoint,
 * so that a refused one changes nothing), commits once, and only then
 * wakes the threads, which answer. A 2xx still means committed to disk;
 * if the commit fails, every request of the batch answers 500. */
#include "http/group.h"
#include "db/db.h"
#include "util/log.h"
#include <pthread.h>

struct job {
	struct req *r;
	const char *key;
	int done;
	struct job *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static struct job *waiting, **waiting_end = &waiting;
static int leading;

static void run_batch(struct db *db, struct job *batch, group_work work)
{
	int began = db_begin(db) == DB_OK;
	for (struct job *j = batch; j; j = j->next) {
		struct db *own = j->r->db;
		j->r->db = db;
		if (!began || db_begin(db) != DB_OK) {
			req_fail(j->r, "group commit: begin");
		} else {
			work(j->r, j->key);
			while (db->depth > 2) { /* a handler left a savepoint open */
				log_msg(LOG_ERROR, "%s %s left a transaction open", j->r->method,
					j->r->path);
				db_rollback(db);
			}
			if (j->r->status >= 200 && j->r->status < 300)
				db_commit(db); /* release its savepoint into the batch */
			else
				db_rollback(db);
		}
		j->r->db = own;
	}
	if (began && db_commit(db) == DB_OK)
		return;
	if (began)
		db_rollback(db);
	for (struct job *j = batch; j; j = j->next)
		if (j->r->status < 400) {
			j->r->nheaders = 0; /* no cookie or redirect of work undone */
			req_fail(j->r, "group commit: commit");
		}
}

void group_run(struct req *r, const char *key, group_work work)
{
	struct job me = {r, key, 0, NULL};
	pthread_mutex_lock(&lock);
	*waiting_end = &me;
	waiting_end = &me.next;
	while (!me.done) {
		if (leading) {
			pthread_cond_wait(&finished, &lock);
			continue;
		}
		leading = 1;
		struct job *batch = waiting;
		waiting = NULL;
		waiting_end = &waiting;
		pthread_mutex_unlock(&lock);
		run_batch(r->db, batch, work);
		pthread_mutex_lock(&lock);
		for (struct job *j = batch, *next; j; j = next) {
			next = j->next; /* j may be gone once done is seen */
			j->done = 1;
		}
		leading = 0;
		pthread_cond_broadcast(&finished);
	}
	pthread_mutex_unlock(&lock);
}
