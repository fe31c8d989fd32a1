/* test_group.c: the server's transactions from many threads at once (on
 * SQLite committed in groups on one writer, db/group.c; on PostgreSQL each
 * on its own connection): every commit acknowledged is there and seen at
 * once by the thread's own reads, every rollback (whole or of a savepoint)
 * leaves nothing, and the work asked for before the commit runs, in the
 * same transaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "db/db.h"
#include "testdb.h"

#define THREADS 8
#define EACH 150

/* the work done before the commit: what a transaction left in p moves to f */
static int fold(struct db *db)
{
	if (db_run(db_prepare(db, "INSERT INTO f(thread, n) SELECT thread, n FROM p")) != DB_OK)
		return -1;
	return db_run(db_prepare(db, "DELETE FROM p")) == DB_OK ? 0 : -1;
}

static int put(struct db *db, const char *table, int thread, int n)
{
	struct db_stmt *st = table[0] == 't'
				 ? db_prepare(db, "INSERT INTO t(thread, n) VALUES (:t, :n)")
				 : db_prepare(db, "INSERT INTO p(thread, n) VALUES (:t, :n)");
	if (!st)
		return -1;
	db_bind_int(st, ":t", thread);
	db_bind_int(st, ":n", n);
	return db_run(st) == DB_OK ? 0 : -1;
}

static long long count_of(struct db *db, int thread, int n)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM t WHERE thread = :t AND n = :n");
	if (st) {
		db_bind_int(st, ":t", thread);
		db_bind_int(st, ":n", n);
	}
	return db_one_int(st, -1);
}

/* Transaction n of a thread: rolled back when n % 7 == 3; with a row for
 * the fold when n % 5 == 0; with a savepoint rolled back when n % 4 == 1. */
static int rolled_back(int n)
{
	return n % 7 == 3;
}

struct worker {
	int thread;
	int failures;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct db *db = db_thread();
	if (!db) {
		w->failures++;
		return NULL;
	}
	for (int n = 0; n < EACH; n++) {
		if (db_begin(db) != DB_OK || put(db, "t", w->thread, n) != 0) {
			w->failures++;
			continue;
		}
		if (n % 5 == 0) {
			db_before_commit(db, fold);
			if (put(db, "p", w->thread, n) != 0)
				w->failures++;
		}
		if (n % 4 == 1) {
			if (db_begin(db) != DB_OK || put(db, "t", w->thread, 1000 + n) != 0)
				w->failures++;
			db_rollback(db);
		}
		if (rolled_back(n)) {
			db_rollback(db);
		} else if (db_commit(db) != DB_OK) {
			w->failures++;
			db_rollback(db);
		} else if (count_of(db, w->thread, n) != 1) {
			w->failures++; /* acknowledged, so visible to the next read */
		}
		if (db->depth != 0)
			w->failures++;
	}
	return NULL;
}

static void every_acknowledged_commit_is_there_and_nothing_else(void **state)
{
	(void)state;
	char where[512], err[256];
	char file[64];
	snprintf(file, sizeof file, "/tmp/langso-test-group-%ld.db", (long)getpid());
	assert_int_equal(test_db_where(file, where, sizeof where), 0);
	struct db *db = db_open(where, err, sizeof err);
	assert_non_null(db);
	assert_int_equal(db_exec(db,
				 "CREATE TABLE t (thread INTEGER NOT NULL, n INTEGER NOT NULL,"
				 " PRIMARY KEY (thread, n));"
				 " CREATE TABLE p (thread INTEGER NOT NULL, n INTEGER NOT NULL);"
				 " CREATE TABLE f (thread INTEGER NOT NULL, n INTEGER NOT NULL)"),
			 DB_OK);
	db_pool_init(where);
	pthread_t th[THREADS];
	struct worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){i, 0};
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(w[i].failures, 0);
	}
	db_pool_close();
	long long kept = 0, folded = 0;
	for (int n = 0; n < EACH; n++)
		if (!rolled_back(n)) {
			kept++;
			folded += n % 5 == 0;
		}
	assert_int_equal(db_one_int(db_prepare(db, "SELECT count(*) FROM t"), -1), THREADS * kept);
	assert_int_equal(db_one_int(db_prepare(db, "SELECT count(*) FROM t WHERE n >= 1000"), -1),
			 0);
	assert_int_equal(db_one_int(db_prepare(db, "SELECT count(*) FROM f"), -1),
			 THREADS * folded);
	assert_int_equal(db_one_int(db_prepare(db, "SELECT count(*) FROM p"), -1), 0);
	/* no rolled-back transaction left a row */
	for (int n = 0; n < EACH; n++)
		if (rolled_back(n))
			for (int i = 0; i < THREADS; i++)
				assert_int_equal(count_of(db, i, n), 0);
	db_close(db);
	if (!test_on_postgres())
		unlink(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_acknowledged_commit_is_there_and_nothing_else),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
