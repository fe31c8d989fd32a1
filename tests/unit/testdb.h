/* testdb.h: a fresh, empty database for a unit test, on the backend the
 * test run asks for: SQLite in memory, or, when LANGSO_TEST_PG names a
 * PostgreSQL server (a URI of its "postgres" database), a new database of
 * its own there. */
#ifndef LANGSO_TESTDB_H
#define LANGSO_TESTDB_H
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline int test_on_postgres(void)
{
	const char *pg = getenv("LANGSO_TEST_PG");
	return pg && *pg;
}

/* test_db_where: where a fresh database is, for db_open: a new database
 * on the PostgreSQL server, or, when SQLite, file (a new, empty file of
 * that path; NULL: in memory). 0, or -1 when it cannot be made. */
static inline int test_db_where(const char *file, char *where, size_t size)
{
	char err[256];
	if (!test_on_postgres()) {
		snprintf(where, size, "%s", file ? file : ":memory:");
		if (file) {
			char side[512];
			unlink(file);
			snprintf(side, sizeof side, "%s-wal", file);
			unlink(side);
			snprintf(side, sizeof side, "%s-shm", file);
			unlink(side);
		}
		return 0;
	}
	static int serial;
	const char *server = getenv("LANGSO_TEST_PG");
	struct db *admin = db_open(server, err, sizeof err);
	if (!admin) {
		fprintf(stderr, "test: %s\n", err);
		return -1;
	}
	char name[64], sql[96];
	snprintf(name, sizeof name, "unit_%ld_%d", (long)getpid(), ++serial);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	db_exec(admin, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	int rc = db_exec(admin, sql);
	db_close(admin);
	if (rc != DB_OK)
		return -1;
	/* the same server, the new database: replace the path of the URI */
	const char *q = strchr(server, '?');
	const char *slash = strrchr(server, '/');
	snprintf(where, size, "%.*s/%s%s", (int)(slash - server), server, name, q ? q : "");
	return 0;
}

static inline struct db *test_db_open(void)
{
	char err[256], where[512];
	if (test_db_where(NULL, where, sizeof where) != 0)
		return NULL;
	struct db *db = db_open(where, err, sizeof err);
	if (!db)
		fprintf(stderr, "test: %s\n", err);
	return db;
}

#endif
