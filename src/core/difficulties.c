/* difficulties.c: difficulties, their queues and their escalation. */
#include "core/difficulties.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/reports.h"
#include "core/scope.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/vec.h"
#include <string.h>
#include <time.h>

static const char *const categories[] = {"platform",  "device",	 "connectivity",
					 "residents", "funding", "other"};

int difficulties_open(struct db *db, const struct user *who, long long team, long long report,
		      const char *text, const char *category, struct field_errors *fe,
		      long long *id)
{
	if (!reports_may_fill(db, who, team)) {
		struct arena a = ARENA_INIT;
		struct team t;
		int rc = teams_get(db, &a, who, team, &t) == RES_OK ? RES_FORBIDDEN : RES_NOT_FOUND;
		arena_release(&a);
		return rc;
	}
	struct buf t = BUF_INIT;
	if (!text || text_nfc(&t, text) < 0 || t.len < 3)
		field_error_add(fe, "text", N_("describe the difficulty"), NULL);
	else if (utf8_chars(t.data) > 2000)
		field_error_add(fe, "text", N_("the text is too long"), NULL);
	int ok = 0;
	for (size_t i = 0; category && i < sizeof categories / sizeof *categories; i++)
		ok |= strcmp(category, categories[i]) == 0;
	if (!ok)
		field_error_add(
		    fe, "category",
		    N_("category: platform, device, connectivity, residents, funding or other"),
		    NULL);
	if (report) { /* only a report of this team: another would leak its existence */
		struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM report WHERE id = :r"
						    " AND team_id = :t");
		if (st) {
			db_bind_int(st, ":r", report);
			db_bind_int(st, ":t", team);
		}
		if (!st || db_one_int(st, 0) != 1)
			field_error_add(fe, "report_id", N_("no such report of this team"), NULL);
	}
	if (fe->n) {
		buf_release(&t);
		return RES_INVALID;
	}
	if (tx_begin(db) != RES_OK) {
		buf_release(&t);
		return RES_ERROR;
	}
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO difficulty(team_id, report_id, text, category, level, unit_id, opened_by)"
	    " SELECT t.id, :r, :text, :cat, 'commune', v.parent_id, :u FROM team t"
	    " JOIN unit v ON v.id = t.unit_id WHERE t.id = :t");
	int res = RES_ERROR;
	if (st) {
		db_bind_id(st, ":r", report);
		db_bind_text(st, ":text", t.data);
		db_bind_text(st, ":cat", category);
		db_bind_id(st, ":u", who->id);
		db_bind_int(st, ":t", team);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	buf_release(&t);
	*id = res == RES_OK ? db_last_id(db) : 0;
	return tx_end(db, res == RES_OK ? RES_OK : RES_ERROR, who, "create", "difficulty", *id, 0,
		      NULL);
}

#define DIFFICULTY_COLUMNS                                                                         \
	"d.id, d.team_id, coalesce(d.report_id, 0), d.unit_id, t.name, v.name, d.text, "           \
	"d.category,"                                                                              \
	" d.status, d.level, d.opened_at, coalesce(d.resolved_at, ''), q.name,"                    \
	" (SELECT count(*) FROM difficulty_reply x WHERE x.difficulty_id = d.id)"
#define DIFFICULTY_FROM                                                                            \
	" FROM difficulty d JOIN team t ON t.id = d.team_id JOIN unit v ON v.id = t.unit_id"       \
	" JOIN unit q ON q.id = d.unit_id"

static void difficulty_read(struct db_stmt *st, struct arena *a, struct difficulty *d)
{
	d->id = db_col_int(st, 0);
	d->team_id = db_col_int(st, 1);
	d->report_id = db_col_int(st, 2);
	d->unit_id = db_col_int(st, 3);
	d->team = arena_strdup(a, db_col_text(st, 4));
	d->village = arena_strdup(a, db_col_text(st, 5));
	d->text = arena_strdup(a, db_col_text(st, 6));
	d->category = arena_strdup(a, db_col_text(st, 7));
	d->status = arena_strdup(a, db_col_text(st, 8));
	d->level = arena_strdup(a, db_col_text(st, 9));
	d->opened_at = arena_strdup(a, db_col_text(st, 10));
	d->resolved_at = arena_strdup(a, db_col_text(st, 11));
	d->unit = arena_strdup(a, db_col_text(st, 12));
	d->replies = (int)db_col_int(st, 13);
}

const char *difficulty_category_msgid(const char *code)
{
	static const struct {
		const char *code, *label;
	} labels[] = {
	    {"platform", N_("Platform")},	  {"device", N_("Device")},
	    {"connectivity", N_("Connectivity")}, {"residents", N_("Residents")},
	    {"funding", N_("Funding")},		  {"other", N_("Other")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(code, labels[i].code) == 0)
			return labels[i].label;
	return code;
}

const char *difficulty_status_msgid(const char *code)
{
	return strcmp(code, "open") == 0       ? N_("open")
	       : strcmp(code, "answered") == 0 ? N_("answered")
					       : N_("resolved");
}

int difficulties_list(struct db *db, struct arena *a, const struct user *who, const char *status,
		      int mine, long long below, long long after, int limit,
		      struct difficulty **out, int *n, long long *next)
{
	if (limit < 1 || limit > DIFFICULTIES_PAGE_MAX)
		limit = DIFFICULTIES_PAGE_MAX;
	struct db_stmt *st = db_prepare(
	    db, "SELECT " DIFFICULTY_COLUMNS DIFFICULTY_FROM
		" WHERE " SCOPE_HAS("t.unit_id") " AND ((:status IS NULL AND d.status <> "
						 "'resolved') OR d.status = :status)"
						 " AND (:mine = 0 OR d.unit_id = :scope)"
						 " AND (:below = 0 OR EXISTS (SELECT 1"
						 "  FROM unit_tree b WHERE b.unit_id = t.unit_id"
						 "  AND b.ancestor_id = :below))"
						 " AND (:after = 0 OR (d.opened_at, d.id) >"
						 " (SELECT opened_at, id FROM difficulty"
						 "  WHERE id = :after))"
						 " ORDER BY d.opened_at, d.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_text(st, ":status", status);
	db_bind_int(st, ":mine", mine);
	db_bind_int(st, ":below", below);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":limit", limit + 1);
	VEC(struct difficulty) v = {0};
	int rc;
	*next = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (v.n == limit) {
			*next = v.items[v.n - 1].id;
			break;
		}
		difficulty_read(st, a, VEC_PUSH(a, &v));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

long long difficulties_count_waiting(struct db *db, const struct user *who)
{
	if (!teams_may_write(who))
		return 0;
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM difficulty WHERE unit_id = :u"
					    " AND status <> 'resolved'");
	if (!st)
		return 0;
	db_bind_int(st, ":u", who->scope);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return n;
}

int difficulties_get(struct db *db, struct arena *a, const struct user *who, long long id,
		     struct difficulty *out, struct difficulty_reply **replies, int *n)
{
	struct db_stmt *st = db_prepare(db, "SELECT " DIFFICULTY_COLUMNS DIFFICULTY_FROM
					    " WHERE d.id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		difficulty_read(st, a, out);
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	st = db_prepare(db, "SELECT x.at, coalesce(u.username, ''), x.action, x.text"
			    " FROM difficulty_reply x LEFT JOIN app_user u ON u.id = x.user_id"
			    " WHERE x.difficulty_id = :id ORDER BY x.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	VEC(struct difficulty_reply) thread = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct difficulty_reply *r = VEC_PUSH(a, &thread);
		r->at = arena_strdup(a, db_col_text(st, 0));
		r->username = arena_strdup(a, db_col_text(st, 1));
		r->action = arena_strdup(a, db_col_text(st, 2));
		r->text = arena_strdup(a, db_col_text(st, 3));
	}
	db_done(st);
	*replies = thread.items;
	*n = thread.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int difficulties_act(struct db *db, const struct user *who, long long id, const char *action,
		     const char *text, struct field_errors *fe)
{
	struct arena a = ARENA_INIT;
	struct difficulty d;
	struct difficulty_reply *rs;
	int nr;
	int rc = difficulties_get(db, &a, who, id, &d, &rs, &nr);
	if (rc != RES_OK) {
		arena_release(&a);
		return rc;
	}
	/* officers act on the difficulties waiting in their scope */
	if (!teams_may_write(who) || !scope_has(db, who, d.unit_id)) {
		arena_release(&a);
		return RES_FORBIDDEN;
	}
	int reply = strcmp(action, "reply") == 0, esc = strcmp(action, "escalate") == 0,
	    res_ = strcmp(action, "resolve") == 0;
	if (!reply && !esc && !res_)
		field_error_add(fe, "action", N_("reply, escalate or resolve"), NULL);
	if (reply && (!text || !*text))
		field_error_add(fe, "text", N_("write the answer"), NULL);
	if (strcmp(d.status, "resolved") == 0)
		field_error_add(fe, "status", N_("the difficulty is resolved"), NULL);
	if (esc && strcmp(d.level, "ministry") == 0)
		field_error_add(fe, "level", N_("the ministry is the last level"), NULL);
	if (fe->n) {
		arena_release(&a);
		return RES_INVALID;
	}
	if (tx_begin(db) != RES_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	int res = RES_OK;
	struct db_stmt *st;
	if (esc) {
		/* to the nearest ancestor above: district where it exists, the
		 * province, then the nation (the ministry) */
		st = db_prepare(
		    db, "UPDATE difficulty SET (unit_id, level, status) = (SELECT u.id,"
			" CASE u.level WHEN 'nation' THEN 'ministry' ELSE u.level END, 'open'"
			" FROM unit_tree x JOIN unit u ON u.id = x.ancestor_id"
			" WHERE x.unit_id = difficulty.unit_id AND x.depth = 1) WHERE id = :id");
	} else {
		st =
		    db_prepare(db, "UPDATE difficulty SET status = :s, resolved_at = CASE WHEN :s ="
				   " 'resolved' THEN :now END WHERE id = :id");
		if (st) {
			char now[21];
			date_stamp(time(NULL), now);
			db_bind_text(st, ":now", now);
			db_bind_text(st, ":s", res_ ? "resolved" : "answered");
		}
	}
	if (!st) {
		res = RES_ERROR;
	} else {
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	st = res == RES_OK ? db_prepare(db, "INSERT INTO difficulty_reply(difficulty_id, user_id,"
					    " action, text) VALUES (:d, :u, :a, :t)")
			   : NULL;
	if (st) {
		db_bind_int(st, ":d", id);
		db_bind_id(st, ":u", who->id);
		db_bind_text(st, ":a", action);
		db_bind_text(st, ":t", text ? text : "");
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	arena_release(&a);
	return tx_end(db, res == RES_OK ? RES_OK : RES_ERROR, who, action, "difficulty", id,
		      d.unit_id, NULL);
}
