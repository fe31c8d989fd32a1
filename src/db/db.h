/* db.h: the one database interface. A backend (sqlite.c, later postgres.c)
 * is a struct of function pointers; callers use the db_* wrappers below and
 * never name a backend. SQL is always a string literal with named parameters
 * (:name); statements are cached per connection. Any SQL error is logged
 * with its SQL text and the caller's file:line. */
#ifndef LANGSO_DB_H
#define LANGSO_DB_H
#include <stddef.h>

enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,	    /* db_step: a row is ready */
	DB_DONE = 2,	    /* db_step: no more rows */
	DB_ERR = -1,	    /* any other failure (logged) */
	DB_CONSTRAINT = -2, /* a UNIQUE/CHECK/FOREIGN KEY constraint failed */
};

struct db;
struct db_stmt;

struct db_ops {
	const char *name;      /* "sqlite", "postgresql"; also its migrations' folder */
	const char *begin_sql; /* starts a write transaction, holding the lock */
	int group_commit;      /* one writer at a time: the server's transactions
				  are committed in groups (db/group.c) */
	const char *fast_sql, *durable_sql; /* bulk loads: commit without waiting
					       for the disk, and back */
	const char *spill_sql;		    /* sorts and groupings too big for memory go to
					       disk (NULL: they do anyway) */
	const char *writer_sql;		    /* group commit: set the writer connection up
					       (NULL: nothing to set) */
	const char *lock_sql;		    /* db_lock: takes the lock :key until the
					       transaction ends (NULL: one writer at a
					       time anyway) */
	struct db *(*open)(const char *path, char *err, size_t errlen);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, const char *where);
	struct db_stmt *(*prepare)(struct db *db, const char *sql, const char *where);
	void (*bind_int)(struct db_stmt *st, const char *name, long long v);
	void (*bind_text)(struct db_stmt *st, const char *name, const char *s);
	void (*bind_null)(struct db_stmt *st, const char *name);
	void (*bind_blob)(struct db_stmt *st, const char *name, const void *p, size_t n);
	int (*step)(struct db_stmt *st);
	long long (*col_int)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	int (*col_is_null)(struct db_stmt *st, int col);
	const void *(*col_blob)(struct db_stmt *st, int col);
	void (*done)(struct db_stmt *st);
	long long (*last_id)(struct db *db);
	int (*get_version)(struct db *db);
	int (*set_version)(struct db *db, int version);
	/* migration_guard: for migrations that rebuild tables (a line
	 * "-- langso: rebuilds tables"): phase 0 before their transaction, 1
	 * just before its commit (return DB_ERR to refuse it), 2 after. SQLite
	 * turns foreign keys off around it so that tables can be rebuilt, and
	 * checks them all before committing. */
	int (*migration_guard)(struct db *db, int phase);
	/* writable: 1 when this connection may write (PostgreSQL: not a
	 * standby in recovery), 0 when not, DB_ERR when it cannot tell. */
	int (*writable)(struct db *db);
	/* begin_team: start a write transaction that excludes only the other
	 * writers of one team (and every db_begin writer); NULL when the
	 * backend has one writer at a time anyway (begin_sql is used). */
	int (*begin_team)(struct db *db, long long team);
	/* backup: a consistent copy of the open database into the new file
	 * path, taken while others go on writing, and verified; DB_OK, or
	 * DB_ERR with a message in err (PostgreSQL: use its own tools). */
	int (*backup)(struct db *db, const char *path, char *err, size_t errlen);
};

/* The first member of every backend's connection and statement. Each
 * connection keeps its statements by the address of their SQL literal
 * (open addressing; half the slots at most are used). */
#define DB_CACHE_SIZE 256
struct db_stmt;
struct db {
	const struct db_ops *ops;
	int depth;	 /* open transactions: 1 the outer one, more for savepoints */
	int grouped;	 /* a server thread's: its transactions join the batches */
	struct db *lent; /* inside such a transaction: the writer doing its work */
	int (*before_commit)(struct db *db); /* see db_before_commit */
	struct db_stmt *cache[DB_CACHE_SIZE];
};
/* db_use: the connection that runs db's statements now. */
static inline struct db *db_use(struct db *db)
{
	return db->lent ? db->lent : db;
}
struct db_stmt {
	struct db *db;
	const char *sql;   /* the literal it was prepared from (cache key) */
	const char *where; /* file:line of the current user */
	int busy;	   /* handed out and not yet done */
	int cached;	   /* owned by the cache (else freed by done) */
};

/* For backends: db_cache_take hands out the cached statement of sql when
 * it is there and free (NULL otherwise: prepare a new one); db_cache_keep
 * gives a new statement to the cache if a slot is free (st->cached then
 * says so). */
struct db_stmt *db_cache_take(struct db *db, const char *sql, const char *where);
void db_cache_keep(struct db *db, struct db_stmt *st);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_postgres_ops;

#define DB_STR2(x) #x
#define DB_STR(x) DB_STR2(x)
#define DB_WHERE __FILE__ ":" DB_STR(__LINE__)

/* db_open: open the database named by where: a PostgreSQL URI
 * (postgresql://… or postgres://…, several hosts allowed), else the path of
 * an SQLite file, created if needed. NULL with a message in err on
 * failure. Close with db_close. */
struct db *db_open(const char *path, char *err, size_t errlen);
static inline void db_close(struct db *db)
{
	db->ops->close(db);
}
/* db_is_uri: whether where names a PostgreSQL database. */
int db_is_uri(const char *where);
/* db_label: where, fit to print in a message or a log: a URI's password
 * (user:secret@, password=…) is replaced by "***". */
void db_label(const char *where, char *out, size_t size);

/* db_exec: run SQL with no parameters and no rows (may hold several
 * statements). */
#define db_exec(db, sql) (db_use(db)->ops->exec(db_use(db), (sql), DB_WHERE))
/* db_prepare: a ready statement for the literal sql; NULL on error. Every
 * prepared statement must be given back with db_done. */
#define db_prepare(db, sql) (db_use(db)->ops->prepare(db_use(db), (sql), DB_WHERE))

static inline void db_bind_int(struct db_stmt *st, const char *n, long long v)
{
	st->db->ops->bind_int(st, n, v);
}
static inline void db_bind_text(struct db_stmt *st, const char *n, const char *s)
{
	st->db->ops->bind_text(st, n, s);
}
/* db_bind_id: an id, or NULL for 0 (no such thing). */
static inline void db_bind_id(struct db_stmt *st, const char *n, long long id)
{
	if (id)
		st->db->ops->bind_int(st, n, id);
	else
		st->db->ops->bind_null(st, n);
}
/* db_bind_null: NULL in place of a whole number (for text: db_bind_text
 * with NULL). */
static inline void db_bind_null(struct db_stmt *st, const char *n)
{
	st->db->ops->bind_null(st, n);
}
/* DB_IDS: DB_IDS_MAX parameters for a list of ids, as in "unit_id IN ("
 * DB_IDS ")"; db_bind_ids binds up to that many, the rest NULL (matching
 * nothing). Longer lists are read in chunks of DB_IDS_MAX. */
#define DB_IDS_MAX 50
#define DB_IDS                                                                                     \
	":k0, :k1, :k2, :k3, :k4, :k5, :k6, :k7, :k8, :k9, :k10, :k11, :k12, :k13, :k14, :k15,"    \
	" :k16, :k17, :k18, :k19, :k20, :k21, :k22, :k23, :k24, :k25, :k26, :k27, :k28, :k29,"     \
	" :k30, :k31, :k32, :k33, :k34, :k35, :k36, :k37, :k38, :k39, :k40, :k41, :k42, :k43,"     \
	" :k44, :k45, :k46, :k47, :k48, :k49"
void db_bind_ids(struct db_stmt *st, const long long *ids, int n);

static inline void db_bind_blob(struct db_stmt *st, const char *n, const void *p, size_t len)
{
	st->db->ops->bind_blob(st, n, p, len);
}
/* db_col_blob: the column's bytes (length: SQL length()), valid until the
 * next step. */
static inline const void *db_col_blob(struct db_stmt *st, int c)
{
	return st->db->ops->col_blob(st, c);
}
static inline int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}
static inline long long db_col_int(struct db_stmt *st, int c)
{
	return st->db->ops->col_int(st, c);
}
/* db_col_text: the column as text ("" for NULL), valid until the next step. */
static inline const char *db_col_text(struct db_stmt *st, int c)
{
	return st->db->ops->col_text(st, c);
}
static inline int db_col_is_null(struct db_stmt *st, int c)
{
	return st->db->ops->col_is_null(st, c);
}
static inline void db_done(struct db_stmt *st)
{
	if (st)
		st->db->ops->done(st);
}
static inline long long db_last_id(struct db *db)
{
	return db_use(db)->ops->last_id(db_use(db));
}

/* db_like_contains: a LIKE pattern (used with ESCAPE '\\') matching text
 * anywhere, its % _ \\ taken literally; allocated from a. */
struct arena;
char *db_like_contains(struct arena *a, const char *text);

/* Transactions: db_begin takes the write lock at once. Inside an open
 * transaction db_begin opens a savepoint instead, and db_commit and
 * db_rollback release it or roll back to it: a core write called while
 * the dispatcher holds a transaction (an Idempotency-Key request) commits
 * with it, or not at all. A failed db_commit leaves the transaction open;
 * the caller rolls it back. */
int db_begin(struct db *db);
/* db_begin_team: the same for the work of one team (its reports and their
 * roll-ups): on PostgreSQL, teams write side by side, each alone with its
 * own reports and all of them apart from every db_begin writer. */
int db_begin_team(struct db *db, long long team);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/* db_before_commit: have fn run once on the connection, inside the open
 * transaction, just before it commits (with a group, just before the
 * group's commit): work that is cheaper done once for many writes. If fn
 * fails (non-zero), the commit fails. */
static inline void db_before_commit(struct db *db, int (*fn)(struct db *db))
{
	db_use(db)->before_commit = fn;
}

/* db_lock: inside a write transaction, take the lock named key (a small
 * number) until the transaction ends: writers that take it run one at a
 * time. Nothing to do where writers run one at a time anyway (SQLite). */
int db_lock(struct db *db, int key);

/* db_durable: 0 for a bulk load into a fresh database (commits do not
 * wait for the disk), 1 (the default) to wait again. */
int db_durable(struct db *db, int on);

/* db_spill: for a reading of everything (langso check), let sorts larger
 * than memory go to temporary files rather than exhaust it. */
int db_spill(struct db *db);

/* db_run: step a prepared, bound statement that returns no rows and give
 * it back: DB_OK, DB_CONSTRAINT, or DB_ERR (also for a NULL statement). */
int db_run(struct db_stmt *st);

/* db_one_int: step a prepared, bound statement once and give it back:
 * its first column, or dflt when there is no row (or NULL) or an error. */
long long db_one_int(struct db_stmt *st, long long dflt);

/* db_migrate: apply the embedded migrations newer than the database's
 * version. Returns 0, or -1 with a message in err (also when the database
 * is newer than this binary). */
int db_migrate(struct db *db, char *err, size_t errlen);
/* db_schema_latest: the newest migration number this binary carries. */
int db_schema_latest(struct db *db);

/* db_ready: whether the database answers, takes writes and is at this
 * binary's schema: 1, or 0 with the reason in why. */
int db_ready(struct db *db, char *why, size_t size);

/* Per-thread connections for the server: db_pool_init sets the path, each
 * thread's first db_thread() opens its own connection, db_pool_close
 * closes them all (after the worker threads have stopped). On a backend
 * with one writer at a time their transactions are committed in groups
 * (db/group.c). */
void db_pool_init(const char *path);
struct db *db_thread(void);
void db_pool_close(void);

#endif
