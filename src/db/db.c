/* db.c: backend-independent parts of the db interface: opening, transactions,
 * migrations and the per-thread connection pool. */
#include "db/db.h"
#include "db/group.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/log.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;
	return (size_t)((p >> 3) * 2654435761u) % DB_CACHE_SIZE;
}

struct db_stmt *db_cache_take(struct db *db, const char *sql, const char *where)
{
	size_t slot = slot_of(sql);
	for (size_t i = 0; i < DB_CACHE_SIZE; i++) {
		struct db_stmt *s = db->cache[(slot + i) % DB_CACHE_SIZE];
		if (!s)
			break;
		if (s->sql == sql) {
			if (s->busy)
				break; /* nested use: the caller prepares an uncached copy */
			s->busy = 1;
			s->where = where;
			return s;
		}
	}
	return NULL;
}

void db_cache_keep(struct db *db, struct db_stmt *st)
{
	size_t slot = slot_of(st->sql);
	for (size_t i = 0; i < DB_CACHE_SIZE / 2; i++) {
		struct db_stmt **c = &db->cache[(slot + i) % DB_CACHE_SIZE];
		if (!*c) {
			*c = st;
			st->cached = 1;
			return;
		}
		if ((*c)->sql == st->sql)
			return;
	}
}

static char id_names[DB_IDS_MAX][6]; /* ":k0" .. ":k49", made once */

static void ids_names(void)
{
	for (int i = 0; i < DB_IDS_MAX; i++)
		snprintf(id_names[i], sizeof id_names[i], ":k%d", i);
}

void db_bind_ids(struct db_stmt *st, const long long *ids, int n)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, ids_names);
	for (int i = 0; i < DB_IDS_MAX; i++)
		db_bind_id(st, id_names[i], i < n ? ids[i] : 0);
}

int db_is_uri(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

void db_label(const char *where, char *out, size_t size)
{
	struct buf b = BUF_INIT;
	const char *p = where;
	if (db_is_uri(where)) {
		const char *auth = strstr(where, "://") + 3;
		const char *at = strchr(auth, '@'), *end = auth + strcspn(auth, "/?");
		const char *colon = memchr(auth, ':', at && at < end ? (size_t)(at - auth) : 0);
		if (colon) {
			buf_append(&b, where, (size_t)(colon - where));
			buf_puts(&b, ":***");
			p = at;
		}
		const char *pw;
		while ((pw = strstr(p, "password=")) && (pw[-1] == '?' || pw[-1] == '&')) {
			buf_append(&b, p, (size_t)(pw - p));
			buf_puts(&b, "password=***");
			p = pw + 9 + strcspn(pw + 9, "&");
		}
	}
	buf_puts(&b, p);
	snprintf(out, size, "%s", buf_cstr(&b));
	buf_release(&b);
}

struct db *db_open(const char *where, char *err, size_t errlen)
{
	if (db_is_uri(where))
		return db_postgres_ops.open(where, err, errlen);
	return db_sqlite_ops.open(where, err, errlen);
}

char *db_like_contains(struct arena *a, const char *text)
{
	size_t n = strlen(text);
	char *p = arena_alloc(a, 2 * n + 3), *q = p;
	*q++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*q++ = '\\';
		*q++ = *text;
	}
	*q++ = '%';
	*q = '\0';
	return p;
}

int db_begin(struct db *db)
{
	int rc = db->depth     ? db_exec(db, "SAVEPOINT nested")
		 : db->grouped ? group_begin(db)
			       : db_exec(db, db->ops->begin_sql);
	if (rc == DB_OK)
		db->depth++;
	return rc;
}

int db_begin_team(struct db *db, long long team)
{
	if (db->depth || !db->ops->begin_team)
		return db_begin(db);
	int rc = db->ops->begin_team(db, team);
	if (rc == DB_OK)
		db->depth++;
	return rc;
}

int db_commit(struct db *db)
{
	if (db->depth == 0)
		return DB_ERR;
	if (db->depth == 1 && db->lent) { /* committed with its group, or not at all */
		db->depth = 0;
		return group_end(db, 1);
	}
	if (db->depth == 1 && db->before_commit) {
		int (*fn)(struct db *) = db->before_commit;
		db->before_commit = NULL;
		if (fn(db) != 0)
			return DB_ERR;
	}
	int rc = db->depth > 1 ? db_exec(db, "RELEASE nested") : db_exec(db, "COMMIT");
	if (rc == DB_OK)
		db->depth--;
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (db->depth > 1) {
		db_exec(db, "ROLLBACK TO nested");
		db_exec(db, "RELEASE nested");
	} else if (db->lent) {
		group_end(db, 0);
	} else {
		db->before_commit = NULL;
		db_exec(db, "ROLLBACK");
	}
	db->depth--;
}

int db_durable(struct db *db, int on)
{
	return db_exec(db, on ? db->ops->durable_sql : db->ops->fast_sql);
}

int db_lock(struct db *db, int key)
{
	const char *sql = db_use(db)->ops->lock_sql;
	if (!sql)
		return DB_OK;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return DB_ERR;
	db_bind_int(st, ":key", key);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? DB_OK : DB_ERR;
}

int db_spill(struct db *db)
{
	return db->ops->spill_sql ? db_exec(db, db->ops->spill_sql) : DB_OK;
}

int db_run(struct db_stmt *st)
{
	if (!st)
		return DB_ERR;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? DB_OK : rc == DB_CONSTRAINT ? DB_CONSTRAINT : DB_ERR;
}

long long db_one_int(struct db_stmt *st, long long dflt)
{
	if (!st)
		return dflt;
	long long v = db_step(st) == DB_ROW && !db_col_is_null(st, 0) ? db_col_int(st, 0) : dflt;
	db_done(st);
	return v;
}

/* Migrations are embedded as "<backend>/NNN_name.sql", in name order. */
static int migration_number(const struct embedded_file *f, const char *prefix)
{
	size_t pl = strlen(prefix);
	if (strncmp(f->name, prefix, pl) != 0 || f->name[pl] != '/')
		return 0;
	return atoi(f->name + pl + 1);
}

int db_schema_latest(struct db *db)
{
	int latest = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		int n = migration_number(&embedded_files[i], db->ops->name);
		if (n > latest)
			latest = n;
	}
	return latest;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	int have = db->ops->get_version(db);
	int latest = db_schema_latest(db);
	if (have < 0) {
		snprintf(err, errlen, "cannot read the schema version");
		return -1;
	}
	if (have > latest) {
		snprintf(err, errlen,
			 "the database is at schema version %d, newer than this langso (%d): "
			 "use a newer langso",
			 have, latest);
		return -1;
	}
	if (have == latest)
		return 0;
	/* A migration that rebuilds tables says so in a line of its own; only
	 * then are foreign keys set aside and all checked before committing
	 * (the check reads every row: minutes on a national database). */
	int rebuilds = 0;
	for (size_t i = 0; i < embedded_count; i++)
		if (migration_number(&embedded_files[i], db->ops->name) > have &&
		    strstr((const char *)embedded_files[i].data, "\n-- langso: rebuilds tables\n"))
			rebuilds = 1;
	if ((rebuilds && db->ops->migration_guard(db, 0) != DB_OK) || db_begin(db) != DB_OK) {
		if (rebuilds)
			db->ops->migration_guard(db, 2);
		snprintf(err, errlen, "cannot start the migration");
		return -1;
	}
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		int n = migration_number(f, db->ops->name);
		if (n <= have)
			continue;
		if (db->ops->exec(db, (const char *)f->data, f->name) != DB_OK ||
		    db->ops->set_version(db, n) != DB_OK) {
			db_rollback(db);
			if (rebuilds)
				db->ops->migration_guard(db, 2);
			snprintf(err, errlen, "migration %s failed", f->name);
			return -1;
		}
	}
	if ((rebuilds && db->ops->migration_guard(db, 1) != DB_OK) || db_commit(db) != DB_OK) {
		db_rollback(db);
		if (rebuilds)
			db->ops->migration_guard(db, 2);
		snprintf(err, errlen, "cannot commit the migration");
		return -1;
	}
	if (rebuilds)
		db->ops->migration_guard(db, 2);
	return 0;
}

int db_ready(struct db *db, char *why, size_t size)
{
	int have = db->ops->get_version(db);
	if (have < 0) {
		snprintf(why, size, "the database does not answer");
		return 0;
	}
	if (have != db_schema_latest(db)) {
		snprintf(why, size, "the schema is at version %d, this langso needs %d", have,
			 db_schema_latest(db));
		return 0;
	}
	int w = db->ops->writable(db);
	if (w != 1) {
		snprintf(why, size,
			 w == 0 ? "the database is a read-only standby"
				: "the database does not answer");
		return 0;
	}
	return 1;
}

/* --- per-thread connections ------------------------------------------- */

static char *pool_path;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **pool_all;
static size_t pool_n, pool_cap;
static _Thread_local struct db *pool_mine;

void db_pool_init(const char *path)
{
	free(pool_path);
	pool_path = xstrdup(path);
	group_init(path);
}

struct db *db_thread(void)
{
	if (pool_mine)
		return pool_mine;
	char err[256];
	struct db *db = db_open(pool_path, err, sizeof err);
	if (!db) {
		log_msg(LOG_ERROR, "%s", err);
		return NULL;
	}
	pthread_mutex_lock(&pool_lock);
	if (pool_n == pool_cap) {
		pool_cap = pool_cap ? pool_cap * 2 : 8;
		pool_all = xrealloc(pool_all, pool_cap * sizeof *pool_all);
	}
	pool_all[pool_n++] = db;
	pthread_mutex_unlock(&pool_lock);
	db->grouped = db->ops->group_commit;
	pool_mine = db;
	return db;
}

void db_pool_close(void)
{
	pthread_mutex_lock(&pool_lock);
	for (size_t i = 0; i < pool_n; i++)
		db_close(pool_all[i]);
	free(pool_all);
	pool_all = NULL;
	pool_n = pool_cap = 0;
	pthread_mutex_unlock(&pool_lock);
	free(pool_path);
	pool_path = NULL;
	group_close();
}
