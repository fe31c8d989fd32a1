/* postgres.c: the PostgreSQL backend of the db interface (libpq). The SQL
 * that core writes once for both backends names its parameters (:name);
 * here they become $1..$n, and each statement is prepared once per
 * connection on its first run, with the types of its first bindings (whole
 * numbers as bigint, text and NULL left for the server to infer). Rows come
 * back as text, parsed on read. A connection that broke outside a
 * transaction is opened again (with a multi-host URI and
 * target_session_attrs=read-write: on the new primary) and the statement
 * run once more; inside a transaction the error goes to the caller, whose
 * work is rolled back. */
#include "db/db.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/log.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INT8OID 20
#define TEXTOID 25
#define BYTEAOID 17

struct pg_stmt {
	struct db_stmt base;
	char *text;   /* the SQL with $n */
	char **names; /* the parameters' names, in $n order */
	char *tested; /* per name: also used as ":name IS [NOT] NULL" */
	int n;
	char **vals; /* bound values (owned), NULL for SQL NULL */
	int *lens, *fmts;
	unsigned *types;
	char name[16]; /* server-side name once prepared, else "" */
	PGresult *res;
	int row, rows;	     /* the row db_col_* read; rows in res */
	unsigned char *blob; /* the last column read as bytes */
};

struct pg_db {
	struct db base;
	PGconn *conn;
	char *uri;
	unsigned serial; /* names prepared statements */
};

static void report(struct pg_db *d, const char *sql, const char *where, const PGresult *res)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(d->conn);
	log_msg(LOG_ERROR, "postgresql error at %s: %s  in: %s", where, msg && *msg ? msg : "?",
		sql);
}

static PGconn *connect_to(const char *uri, char *err, size_t errlen)
{
	PGconn *c = PQconnectdb(uri);
	if (PQstatus(c) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot open the database: %s", PQerrorMessage(c));
		size_t n = strlen(err);
		while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
			err[--n] = '\0';
		PQfinish(c);
		return NULL;
	}
	/* the session's settings and its own tables */
	const struct embedded_file *f = embedded_find("postgresql/session.sql");
	PGresult *r = f ? PQexec(c, (const char *)f->data) : NULL;
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		snprintf(err, errlen, "cannot set the session up: %s",
			 r ? PQresultErrorMessage(r) : "no session.sql");
		PQclear(r);
		PQfinish(c);
		return NULL;
	}
	PQclear(r);
	return c;
}

static struct db *pg_open(const char *uri, char *err, size_t errlen)
{
	PGconn *c = connect_to(uri, err, errlen);
	if (!c)
		return NULL;
	struct pg_db *d = xcalloc(1, sizeof *d);
	d->base.ops = &db_postgres_ops;
	d->conn = c;
	d->uri = xstrdup(uri);
	return &d->base;
}

static void free_stmt(struct pg_stmt *s)
{
	PQclear(s->res);
	for (int i = 0; i < s->n; i++) {
		free(s->names[i]);
		free(s->vals[i]);
	}
	free(s->names);
	free(s->tested);
	free(s->vals);
	free(s->lens);
	free(s->fmts);
	free(s->types);
	free(s->text);
	PQfreemem(s->blob);
	free(s);
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	for (int i = 0; i < DB_CACHE_SIZE; i++)
		if (d->base.cache[i])
			free_stmt((struct pg_stmt *)d->base.cache[i]);
	PQfinish(d->conn);
	free(d->uri);
	free(d);
}

/* reconnect: after the connection broke outside a transaction; the
 * statements must be prepared again on the new session. */
static int reconnect(struct pg_db *d)
{
	char err[512];
	PGconn *c = connect_to(d->uri, err, sizeof err);
	if (!c) {
		log_msg(LOG_ERROR, "%s", err);
		return -1;
	}
	PQfinish(d->conn);
	d->conn = c;
	for (int i = 0; i < DB_CACHE_SIZE; i++)
		if (d->base.cache[i])
			((struct pg_stmt *)d->base.cache[i])->name[0] = '\0';
	return 0;
}

static int succeeded(const PGresult *r)
{
	return r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
}

/* again: whether a statement that failed should run once more, on a new
 * connection: only when the old one broke outside a transaction (every
 * write of core runs in one, so nothing is done twice). */
static int again(struct pg_db *d, const PGresult *r)
{
	return !succeeded(r) && PQstatus(d->conn) == CONNECTION_BAD && d->base.depth == 0 &&
	       reconnect(d) == 0;
}

static int pg_exec(struct db *db, const char *sql, const char *where)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *r = PQexec(d->conn, sql);
	if (again(d, r)) {
		PQclear(r);
		r = PQexec(d->conn, sql);
	}
	if (!succeeded(r)) {
		report(d, sql, where, r);
		PQclear(r);
		return DB_ERR;
	}
	PQclear(r);
	return DB_OK;
}

/* translate: :name → $n, outside quoted text and comments; "::" (a cast)
 * is left alone. Fills s->text and s->names. */
static int name_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static void translate(struct pg_stmt *s, const char *sql)
{
	struct buf out = BUF_INIT;
	int ncap = 0;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			const char *e = strchr(p + 1, *p);
			e = e ? e + 1 : p + strlen(p);
			buf_append(&out, p, (size_t)(e - p));
			p = e;
		} else if (p[0] == '-' && p[1] == '-') {
			const char *e = strchr(p, '\n');
			e = e ? e : p + strlen(p);
			buf_append(&out, p, (size_t)(e - p));
			p = e;
		} else if (p[0] == ':' && p[1] == ':') {
			buf_append(&out, p, 2);
			p += 2;
		} else if (p[0] == ':' && name_char(p[1]) && !(p[1] >= '0' && p[1] <= '9')) {
			const char *b = ++p;
			while (name_char(*p))
				p++;
			size_t nl = (size_t)(p - b);
			int k = 0;
			while (k < s->n &&
			       !(strlen(s->names[k]) == nl && !memcmp(s->names[k], b, nl)))
				k++;
			if (k == s->n) {
				if (s->n == ncap) {
					ncap = ncap ? ncap * 2 : 8;
					s->names =
					    xrealloc(s->names, (size_t)ncap * sizeof *s->names);
					s->tested = xrealloc(s->tested, (size_t)ncap);
				}
				char *nm = xmalloc(nl + 1);
				memcpy(nm, b, nl);
				nm[nl] = '\0';
				s->tested[s->n] = 0;
				s->names[s->n++] = nm;
			}
			if (strncmp(p, " IS NULL", 8) == 0 || strncmp(p, " IS NOT NULL", 12) == 0)
				s->tested[k] = 1;
			buf_printf(&out, "$%d", k + 1);
		} else {
			buf_putc(&out, *p++);
		}
	}
	s->text = out.data ? buf_detach(&out) : xstrdup("");
	s->vals = xcalloc((size_t)s->n + 1, sizeof *s->vals);
	s->lens = xcalloc((size_t)s->n + 1, sizeof *s->lens);
	s->fmts = xcalloc((size_t)s->n + 1, sizeof *s->fmts);
	s->types = xcalloc((size_t)s->n + 1, sizeof *s->types);
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql, const char *where)
{
	struct db_stmt *cached = db_cache_take(db, sql, where);
	if (cached)
		return cached;
	struct pg_stmt *s = xcalloc(1, sizeof *s);
	s->base.db = db;
	s->base.sql = sql;
	s->base.where = where;
	s->base.busy = 1;
	s->row = -1;
	translate(s, sql);
	db_cache_keep(db, &s->base);
	return &s->base;
}

static int param(struct pg_stmt *s, const char *name)
{
	const char *n = name[0] == ':' ? name + 1 : name;
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->names[i], n) == 0)
			return i;
	fprintf(stderr, "langso: no parameter %s at %s in: %s\n", name, s->base.where, s->base.sql);
	abort();
}

/* set: a parameter's value; its type (0: the server's to infer, or text
 * where only "IS NULL" would tell) counts until the statement is prepared. */
static void set(struct pg_stmt *s, const char *name, char *v, int len, int fmt, unsigned type)
{
	int i = param(s, name);
	if (type == 0 && s->tested[i])
		type = TEXTOID;
	free(s->vals[i]);
	s->vals[i] = v;
	s->lens[i] = len;
	s->fmts[i] = fmt;
	if (!s->name[0])
		s->types[i] = type;
}

static void pg_bind_int(struct db_stmt *st, const char *name, long long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	set((struct pg_stmt *)st, name, xstrdup(buf), 0, 0, INT8OID);
}

/* Text is left for the server to type from its use: a column of any type
 * takes it. */
static void pg_bind_text(struct db_stmt *st, const char *name, const char *v)
{
	set((struct pg_stmt *)st, name, v ? xstrdup(v) : NULL, 0, 0, 0);
}

static void pg_bind_null(struct db_stmt *st, const char *name)
{
	set((struct pg_stmt *)st, name, NULL, 0, 0, INT8OID);
}

static void pg_bind_blob(struct db_stmt *st, const char *name, const void *p, size_t n)
{
	char *copy = xmalloc(n ? n : 1);
	if (n)
		memcpy(copy, p, n);
	set((struct pg_stmt *)st, name, copy, (int)n, 1, BYTEAOID);
}

static PGresult *run(struct pg_db *d, struct pg_stmt *s)
{
	if (!s->name[0]) {
		char name[16];
		snprintf(name, sizeof name, "s%u", ++d->serial);
		PGresult *r = PQprepare(d->conn, name, s->text, s->n, s->types);
		if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
			return r;
		PQclear(r);
		memcpy(s->name, name, sizeof name);
	}
	return PQexecPrepared(d->conn, s->name, s->n, (const char *const *)s->vals, s->lens,
			      s->fmts, 0);
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	struct pg_db *d = (struct pg_db *)st->db;
	PQfreemem(s->blob);
	s->blob = NULL;
	if (s->res) {
		if (++s->row < s->rows)
			return DB_ROW;
		return DB_DONE;
	}
	PGresult *r = run(d, s);
	if (again(d, r)) {
		PQclear(r);
		r = run(d, s);
	}
	if (!succeeded(r)) {
		const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
		int constraint = state && strncmp(state, "23", 2) == 0;
		if (!constraint)
			report(d, s->base.sql, s->base.where, r);
		if (state && !strcmp(state, "26000"))
			s->name[0] = '\0'; /* the session lost it: prepare again */
		PQclear(r);
		return constraint ? DB_CONSTRAINT : DB_ERR;
	}
	s->res = r;
	s->rows = PQntuples(r);
	s->row = 0;
	return s->rows > 0 ? DB_ROW : DB_DONE;
}

static const char *value(struct pg_stmt *s, int col)
{
	if (!s->res || s->row < 0 || s->row >= s->rows || col >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, col))
		return NULL;
	return PQgetvalue(s->res, s->row, col);
}

static long long pg_col_int(struct db_stmt *st, int col)
{
	const char *v = value((struct pg_stmt *)st, col);
	if (!v)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1; /* a boolean */
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	const char *v = value((struct pg_stmt *)st, col);
	return v ? v : "";
}

static int pg_col_is_null(struct db_stmt *st, int col)
{
	return value((struct pg_stmt *)st, col) == NULL;
}

static const void *pg_col_blob(struct db_stmt *st, int col)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	const char *v = value(s, col);
	if (!v)
		return NULL;
	PQfreemem(s->blob);
	size_t n = 0;
	s->blob = PQunescapeBytea((const unsigned char *)v, &n);
	return s->blob;
}

static void pg_done(struct db_stmt *st)
{
	struct pg_stmt *s = (struct pg_stmt *)st;
	if (!s->base.cached) {
		if (s->name[0]) {
			char sql[48];
			snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
			PQclear(PQexec(((struct pg_db *)st->db)->conn, sql));
		}
		free_stmt(s);
		return;
	}
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->rows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
	for (int i = 0; i < s->n; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = s->fmts[i] = 0;
	}
	s->base.busy = 0;
}

static long long pg_last_id(struct db *db)
{
	/* The id of the row just inserted: every table's id is an identity
	 * column, and lastval() is this session's last value drawn. */
	struct db_stmt *st = db_prepare(db, "SELECT lastval()");
	return db_one_int(st, 0);
}

static int pg_get_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT to_regclass('langso_schema') IS NOT NULL");
	if (!st)
		return -1;
	long long exists = db_one_int(st, -1);
	if (exists <= 0)
		return (int)exists;
	st = db_prepare(db, "SELECT max(version) FROM langso_schema");
	return (int)db_one_int(st, 0);
}

static int pg_set_version(struct db *db, int version)
{
	if (db_exec(db,
		    "CREATE TABLE IF NOT EXISTS langso_schema ("
		    " version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())") !=
	    DB_OK)
		return DB_ERR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO langso_schema(version) VALUES (:v)");
	if (!st)
		return DB_ERR;
	db_bind_int(st, ":v", version);
	return db_run(st);
}

static int pg_migration_guard(struct db *db, int phase)
{
	/* Tables are rebuilt inside the transaction with their references
	 * checked as they go: nothing to set aside. */
	(void)db;
	(void)phase;
	return DB_OK;
}

static int pg_begin_team(struct db *db, long long team)
{
	if (pg_exec(db, "BEGIN", DB_WHERE) != DB_OK)
		return DB_ERR;
	/* shared with the other teams, exclusive of every db_begin writer
	 * (which holds lock 0 alone); then this team's own lock */
	struct db_stmt *st = db_prepare(db, "SELECT pg_advisory_xact_lock_shared(0),"
					    " pg_advisory_xact_lock(1, CAST(:t AS integer))");
	if (st)
		db_bind_int(st, ":t", team);
	if (!st || db_step(st) != DB_ROW) {
		db_done(st);
		pg_exec(db, "ROLLBACK", DB_WHERE);
		return DB_ERR;
	}
	db_done(st);
	return DB_OK;
}

static int pg_writable(struct db *db)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT CASE WHEN pg_is_in_recovery() THEN 0 ELSE 1 END");
	return (int)db_one_int(st, DB_ERR);
}

static int pg_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	(void)db;
	(void)path;
	snprintf(err, errlen,
		 "a PostgreSQL database is backed up with its own tools: pg_dump for "
		 "a copy, pg_basebackup with WAL archiving for a point in time "
		 "(docs/deploy.md)");
	return DB_ERR;
}

const struct db_ops db_postgres_ops = {
    .name = "postgresql",
    .begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(0)",
    /* class 2: db_lock's (0 is every db_begin writer's, 1 the teams') */
    .lock_sql = "SELECT pg_advisory_xact_lock(2, CAST(:key AS integer))",
    .fast_sql = "SET synchronous_commit = off",
    .durable_sql = "SET synchronous_commit = on",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_is_null = pg_col_is_null,
    .col_blob = pg_col_blob,
    .done = pg_done,
    .last_id = pg_last_id,
    .get_version = pg_get_version,
    .set_version = pg_set_version,
    .migration_guard = pg_migration_guard,
    .writable = pg_writable,
    .begin_team = pg_begin_team,
    .backup = pg_backup,
};
