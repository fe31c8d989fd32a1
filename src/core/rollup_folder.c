/* rollup_folder.c: the server's folder thread. While it runs, every write
 * commits its roll-up changes to rollup_pending and answers; the folder
 * folds all that is pending in one transaction every FOLD_EVERY_MS, so
 * that the rows of a commune, a province and the nation are written once
 * for all the writes since the last fold, not once for each, and no two
 * writes wait on them. Reads add what is pending (ROLLUP_PENDING), so a
 * write counts from its commit on. A fold that fails leaves the rows
 * pending for the next one; the server folds once more as it stops. */
#include "core/rollup.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#define FOLD_EVERY_MS 250

/* The folder's transaction runs beside the teams' writes (as the work of
 * a team no team has: ids begin at 1), not apart from them as a db_begin
 * writer's would. */
#define FOLDER_TEAM 0

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static atomic_int deferring, running;
static int stopping;
static char *path;

/* One fold, when anything is pending: 1 folded, 0 nothing to fold, -1 on
 * error. */
static int fold_once(struct db *db)
{
	int rc = (int)db_one_int(db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM"
						" rollup_pending LIMIT 1) x"),
				 -1);
	if (rc <= 0)
		return rc;
	if (db_begin_team(db, FOLDER_TEAM) != DB_OK)
		return -1;
	if (rollup_fold(db) != 0 || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 1;
}

/* A connection just opened: set up as the group commit's writer is (a
 * cache for the roll-ups' pages). 0, or -1 (closed). */
static int fresh(struct db *db)
{
	const char *sql = db->ops->writer_sql;
	if (!sql || db_exec(db, sql) == DB_OK)
		return 0;
	db_close(db);
	return -1;
}

static void *folder_main(void *arg)
{
	(void)arg;
	struct db *db = NULL;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += FOLD_EVERY_MS * 1000000L;
		t.tv_sec += t.tv_nsec / 1000000000L;
		t.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&wake, &lock, &t);
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		char err[256];
		if (!db) {
			db = db_open(path, err, sizeof err);
			if (!db)
				log_msg(LOG_ERROR, "roll-up folder: %s", err);
			else if (fresh(db) != 0)
				db = NULL;
		}
		if (db && fold_once(db) < 0) {
			log_msg(LOG_ERROR, "roll-up folder: a fold failed; the next one takes its "
					   "changes again");
			db_close(db); /* a new connection for the next fold */
			db = NULL;
		}
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	/* the server stops: what its last writes committed is folded now */
	char err[256];
	if (!db && (db = db_open(path, err, sizeof err)) && fresh(db) != 0)
		db = NULL;
	if (!db || fold_once(db) < 0)
		log_msg(LOG_ERROR, "roll-up folder: the last fold failed; the next one takes its "
				   "changes");
	if (db)
		db_close(db);
	return NULL;
}

int rollup_folder_start(const char *db_path)
{
	free(path);
	path = xstrdup(db_path);
	stopping = 0;
	if (pthread_create(&thread, NULL, folder_main, NULL) != 0) {
		log_msg(LOG_ERROR, "roll-up folder: cannot start its thread");
		return -1;
	}
	atomic_store(&running, 1);
	rollup_defer(1);
	return 0;
}

void rollup_folder_stop(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	atomic_store(&running, 0);
	rollup_defer(0);
	free(path);
	path = NULL;
}

void rollup_defer(int on)
{
	atomic_store(&deferring, on);
}

int rollup_deferring(void)
{
	return atomic_load(&deferring);
}
