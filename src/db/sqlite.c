/* sqlite.c: the SQLite backend of the db interface: WAL, synchronous=FULL,
 * foreign keys, a busy timeout and a per-connection statement cache. */
#include "db/db.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

struct sq_db {
	struct db base;
	sqlite3 *h;
};

static void report(struct sq_db *d, const char *sql, const char *where)
{
	log_msg(LOG_ERROR, "sqlite error at %s: %s\n  in: %s", where, sqlite3_errmsg(d->h), sql);
}

/* Process-wide set-up, once: each thread owns its connections, so SQLite
 * needs no mutexes of its own, and no global memory statistics (whose
 * mutex every allocation would take). */
static void sq_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static struct db *sq_open(const char *path, char *err, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_global_init);
	struct sq_db *d = xcalloc(1, sizeof *d);
	d->base.ops = &db_sqlite_ops;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &d->h, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 d->h ? sqlite3_errmsg(d->h) : "out of memory");
		sqlite3_close(d->h);
		free(d);
		return NULL;
	}
	sqlite3_busy_timeout(d->h, 10000);
	sqlite3_extended_result_codes(d->h, 1);
	char *msg = NULL;
	if (sqlite3_exec(d->h,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
			 NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(d->h);
		free(d);
		return NULL;
	}
	return &d->base;
}

static void sq_close(struct db *db)
{
	struct sq_db *d = (struct sq_db *)db;
	for (int i = 0; i < DB_CACHE_SIZE; i++) {
		struct sq_stmt *s = (struct sq_stmt *)d->base.cache[i];
		if (s) {
			sqlite3_finalize(s->st);
			free(s);
		}
	}
	sqlite3_close_v2(d->h);
	free(d);
}

static int sq_exec(struct db *db, const char *sql, const char *where)
{
	struct sq_db *d = (struct sq_db *)db;
	if (sqlite3_exec(d->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		report(d, sql, where);
		return DB_ERR;
	}
	return DB_OK;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, const char *where)
{
	struct sq_db *d = (struct sq_db *)db;
	struct db_stmt *cached = db_cache_take(db, sql, where);
	if (cached)
		return cached;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		report(d, sql, where);
		return NULL;
	}
	struct sq_stmt *s = xcalloc(1, sizeof *s);
	s->base.db = db;
	s->base.sql = sql;
	s->base.where = where;
	s->base.busy = 1;
	s->st = st;
	db_cache_keep(db, &s->base);
	return &s->base;
}

static int param(struct sq_stmt *s, const char *name)
{
	int i = sqlite3_bind_parameter_index(s->st, name);
	if (i == 0) {
		fprintf(stderr, "langso: no parameter %s at %s in: %s\n", name, s->base.where,
			s->base.sql);
		abort();
	}
	return i;
}

static void sq_bind_int(struct db_stmt *st, const char *name, long long v)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	sqlite3_bind_int64(s->st, param(s, name), v);
}

static void sq_bind_text(struct db_stmt *st, const char *name, const char *v)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	if (v)
		sqlite3_bind_text(s->st, param(s, name), v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, param(s, name));
}

static void sq_bind_null(struct db_stmt *st, const char *name)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	sqlite3_bind_null(s->st, param(s, name));
}

static void sq_bind_blob(struct db_stmt *st, const char *name, const void *p, size_t n)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	sqlite3_bind_blob64(s->st, param(s, name), p, n, SQLITE_TRANSIENT);
}

static const void *sq_col_blob(struct db_stmt *st, int col)
{
	return sqlite3_column_blob(((struct sq_stmt *)st)->st, col);
}

static int sq_step(struct db_stmt *st)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	report((struct sq_db *)st->db, s->base.sql, s->base.where);
	return DB_ERR;
}

static long long sq_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(((struct sq_stmt *)st)->st, col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(((struct sq_stmt *)st)->st, col);
	return t ? (const char *)t : "";
}

static int sq_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(((struct sq_stmt *)st)->st, col) == SQLITE_NULL;
}

static void sq_done(struct db_stmt *st)
{
	struct sq_stmt *s = (struct sq_stmt *)st;
	if (!s->base.cached) {
		sqlite3_finalize(s->st);
		free(s);
		return;
	}
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->base.busy = 0;
}

static long long sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(((struct sq_db *)db)->h);
}

static int sq_get_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA user_version");
	if (!st)
		return -1;
	int v = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
	db_done(st);
	return v;
}

static int sq_set_version(struct db *db, int version)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	/* PRAGMA takes no parameters; the number is formatted from an int. */
	return sq_exec(db, sql, DB_WHERE);
}

static int sq_migration_guard(struct db *db, int phase)
{
	if (phase == 0)
		return sq_exec(db, "PRAGMA foreign_keys=OFF", DB_WHERE);
	if (phase == 2)
		return sq_exec(db, "PRAGMA foreign_keys=ON", DB_WHERE);
	struct db_stmt *st = db_prepare(db, "PRAGMA foreign_key_check");
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	if (rc == DB_ROW)
		log_msg(LOG_ERROR, "migration leaves a broken reference in table %s",
			db_col_text(st, 0));
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

static int sq_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	struct sq_db *d = (struct sq_db *)db;
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", d->h, "main") : NULL;
	if (b) {
		/* every page in one read transaction: one consistent state,
		 * while writers go on (WAL: readers never block them) */
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(5);
		sqlite3_backup_finish(b);
	}
	/* checked through a new connection: the copy as it is on disk */
	sqlite3_close(to);
	to = NULL;
	if (rc == SQLITE_DONE &&
	    sqlite3_open_v2(path, &to, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = SQLITE_CANTOPEN;
	if (rc == SQLITE_DONE) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(to, "PRAGMA integrity_check", -1, &st, NULL);
		const unsigned char *ok = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW
					      ? sqlite3_column_text(st, 0)
					      : NULL;
		rc = ok && strcmp((const char *)ok, "ok") == 0 ? SQLITE_DONE : SQLITE_CORRUPT;
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE)
		snprintf(err, errlen, "cannot back up into %s: %s", path,
			 to ? sqlite3_errmsg(to) : "cannot create it");
	sqlite3_close(to);
	return rc == SQLITE_DONE ? DB_OK : DB_ERR;
}

static int sq_writable(struct db *db)
{
	(void)db;
	return 1;
}

const struct db_ops db_sqlite_ops = {
    .name = "sqlite",
    .begin_sql = "BEGIN IMMEDIATE",
    .group_commit = 1,
    .fast_sql = "PRAGMA synchronous=OFF",
    .durable_sql = "PRAGMA synchronous=FULL",
    .spill_sql = "PRAGMA temp_store=FILE",
    /* the writer of every batch touches the roll-ups of the whole country:
     * a larger page cache than the readers' (128 MB) */
    .writer_sql = "PRAGMA cache_size=-131072",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_is_null = sq_col_is_null,
    .col_blob = sq_col_blob,
    .done = sq_done,
    .last_id = sq_last_id,
    .get_version = sq_get_version,
    .set_version = sq_set_version,
    .migration_guard = sq_migration_guard,
    .writable = sq_writable,
    .backup = sq_backup,
};
