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

static inline struct db *test_db_open(void)
{
	char err[256];
	if (!test_on_postgres())
		return db_open(":memory:", err, sizeof err);
	static int serial;
	const char *server = getenv("LANGSO_TEST_PG");
	struct db *admin = db_open(server, err, sizeof err);
	if (!admin) {
		fprintf(stderr, "test: %s\n", err);
		return NULL;
	}
	char name[64], sql[96];
	snprintf(name, sizeof name, "unit_%ld_%d", (long)getpid(), ++serial);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	db_exec(admin, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	int rc = db_exec(admin, sql);
	db_close(admin);
	if (rc != DB_OK)
		return NULL;
	/* the same server, the new database: replace the path of the URI */
	char uri[512];
	const char *q = strchr(server, '?');
	const char *slash = strrchr(server, '/');
	snprintf(uri, sizeof uri, "%.*s/%s%s", (int)(slash - server), server, name, q ? q : "");
	struct db *db = db_open(uri, err, sizeof err);
	if (!db)
		fprintf(stderr, "test: %s\n", err);
	return db;
}

#endif
