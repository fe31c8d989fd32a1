/* idempotency.c: kept answers of Idempotency-Key requests. */
#include "core/idempotency.h"
#include "core/result.h"
#include <string.h>

int idem_lookup(struct db *db, struct arena *a, long long user, const char *key, const char *method,
		const char *path, struct idem_answer *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT method, path, status, content_type, body,"
					    " length(body) FROM idempotency WHERE user_id = :u"
					    " AND key = :k");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":k", key);
	int rc = db_step(st), res = RES_NOT_FOUND;
	if (rc == DB_ROW) {
		if (strcmp(db_col_text(st, 0), method) != 0 ||
		    strcmp(db_col_text(st, 1), path) != 0) {
			res = RES_CONFLICT;
		} else {
			out->status = (int)db_col_int(st, 2);
			out->content_type = arena_strdup(a, db_col_text(st, 3));
			out->len = (size_t)db_col_int(st, 5);
			void *b = arena_alloc(a, out->len + 1);
			if (out->len)
				memcpy(b, db_col_blob(st, 4), out->len);
			out->body = b;
			res = RES_OK;
		}
	} else if (rc == DB_ERR) {
		res = RES_ERROR;
	}
	db_done(st);
	return res;
}

int idem_store(struct db *db, long long user, const char *key, const char *method, const char *path,
	       const struct idem_answer *ans, time_t now)
{
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO idempotency(user_id, key, method,"
			   " path, status, content_type, body, created_at)"
			   " VALUES (:u, :k, :m, :p, :s, :ct, :b, :now) ON CONFLICT DO NOTHING");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", user);
	db_bind_text(st, ":k", key);
	db_bind_text(st, ":m", method);
	db_bind_text(st, ":p", path);
	db_bind_int(st, ":s", ans->status);
	db_bind_text(st, ":ct", ans->content_type);
	db_bind_blob(st, ":b", ans->body ? ans->body : "", ans->len);
	db_bind_int(st, ":now", (long long)now);
	int rc = db_step(st);
	db_done(st);
	st = db_prepare(db, "DELETE FROM idempotency WHERE created_at < :old");
	if (st) {
		db_bind_int(st, ":old", (long long)now - 86400);
		db_step(st);
		db_done(st);
	}
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}
