/* announcements.c: announcements to an area, read receipts and answers. */
#include "core/announcements.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/tx.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/jw.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

static const char *const audience_names[AUDIENCE_COUNT] = {"everyone", "teams", "officers"};
static const char *const audience_msgids[AUDIENCE_COUNT] = {N_("everyone in the area"),
							    N_("the teams"), N_("the officers")};

int audience_parse(const char *text, enum audience *out)
{
	for (int i = 0; text && i < AUDIENCE_COUNT; i++)
		if (strcmp(text, audience_names[i]) == 0) {
			*out = (enum audience)i;
			return 0;
		}
	return -1;
}

const char *audience_name(enum audience a)
{
	return a >= 0 && a < AUDIENCE_COUNT ? audience_names[a] : "everyone";
}

const char *audience_msgid(enum audience a)
{
	return a >= 0 && a < AUDIENCE_COUNT ? audience_msgids[a] : audience_msgids[0];
}

/* Whether the user row u receives announcement a: an active user other
 * than its author, of its audience, whose area (a team's village, an
 * officer's unit, an enterprise's communes) lies in a's, in a commune or
 * village of a's kind when it names one. */
#define RECIPIENT(a, u)                                                                            \
	"(" u ".disabled = 0 AND " u ".id <> coalesce(" a ".author_id, 0)"                         \
	" AND (" a ".audience = 'everyone' OR (" a ".audience = 'teams') = (" u ".role = 'team'))" \
	" AND (EXISTS (SELECT 1 FROM unit_tree rx WHERE rx.ancestor_id = " a ".scope_unit_id"      \
	"  AND rx.unit_id = " u ".scope_unit_id) OR EXISTS (SELECT 1 FROM enterprise_unit re"      \
	"  JOIN unit_tree rx ON rx.unit_id = re.unit_id AND rx.ancestor_id = " a ".scope_unit_id"  \
	"  WHERE re.enterprise_id = " u ".enterprise_id))"                                         \
	" AND (" a ".unit_kind = '' OR EXISTS (SELECT 1 FROM unit_tree rk JOIN unit ru"            \
	"  ON ru.id = rk.ancestor_id AND ru.kind = " a ".unit_kind"                                \
	"  AND ru.level IN ('commune', 'village') WHERE rk.unit_id = " u ".scope_unit_id)))"

/* who (:me) receives a */
#define RECEIVES "EXISTS (SELECT 1 FROM app_user me WHERE me.id = :me AND " RECIPIENT("a", "me") ")"
/* who oversees a: its author, or an officer over the sending unit */
#define OVERSEES                                                                                   \
	"(a.author_id = :me OR (:officer = 1 AND EXISTS (SELECT 1 FROM unit_tree ov"               \
	" WHERE ov.ancestor_id = :scope AND ov.unit_id = a.unit_id)))"
/* the announcements that may concern who, found by index: those to an
 * area holding who's, those sent from inside an officer's, who's own */
#define NEAR                                                                                       \
	"SELECT na.id FROM unit_tree nx JOIN announcement na ON na.scope_unit_id = nx.ancestor_id" \
	" WHERE nx.unit_id IN (SELECT scope_unit_id FROM app_user WHERE id = :me"                  \
	"  UNION SELECT unit_id FROM enterprise_unit WHERE enterprise_id = :ent)"                  \
	" UNION SELECT na.id FROM unit_tree nx JOIN announcement na ON na.unit_id = nx.unit_id"    \
	" WHERE :officer = 1 AND nx.ancestor_id = :scope"                                          \
	" UNION SELECT id FROM announcement WHERE author_id = :me"

#define COLUMNS                                                                                    \
	"a.id, a.unit_id, a.scope_unit_id, su.name, sc.name, a.audience, a.unit_kind, a.title,"    \
	" a.body, coalesce(w.full_name, ''), a.posted_at, coalesce(a.answer_by, ''),"              \
	" a.asks_answer, " RECEIVES ", " OVERSEES ","                                              \
	" EXISTS (SELECT 1 FROM announcement_read rr WHERE rr.announcement_id = a.id"              \
	"  AND rr.user_id = :me),"                                                                 \
	" (SELECT count(*) FROM announcement_read rr WHERE rr.announcement_id = a.id),"            \
	" (SELECT count(*) FROM announcement_answer aa WHERE aa.announcement_id = a.id),"          \
	" coalesce((SELECT aa.text FROM announcement_answer aa WHERE aa.announcement_id = a.id"    \
	"  AND aa.user_id = :me), '')"
#define FROM                                                                                       \
	" FROM announcement a JOIN unit su ON su.id = a.unit_id"                                   \
	" JOIN unit sc ON sc.id = a.scope_unit_id LEFT JOIN app_user w ON w.id = a.author_id"

static void bind_who(struct db_stmt *st, const struct user *who)
{
	db_bind_int(st, ":me", who->id);
	db_bind_int(st, ":scope", who->scope);
	db_bind_int(st, ":officer", role_is_officer(role_of(who->role)) && !who->enterprise_id);
}

static void read_row(struct db_stmt *st, struct arena *a, struct announcement *x)
{
	memset(x, 0, sizeof *x);
	x->id = db_col_int(st, 0);
	x->unit_id = db_col_int(st, 1);
	x->scope_unit_id = db_col_int(st, 2);
	x->unit = arena_strdup(a, db_col_text(st, 3));
	x->scope = arena_strdup(a, db_col_text(st, 4));
	audience_parse(db_col_text(st, 5), &x->audience);
	x->unit_kind = arena_strdup(a, db_col_text(st, 6));
	x->title = arena_strdup(a, db_col_text(st, 7));
	x->body = arena_strdup(a, db_col_text(st, 8));
	x->author = arena_strdup(a, db_col_text(st, 9));
	x->posted_at = arena_strdup(a, db_col_text(st, 10));
	x->answer_by = arena_strdup(a, db_col_text(st, 11));
	x->asks_answer = db_col_int(st, 12) != 0;
	x->recipient = db_col_int(st, 13) != 0;
	x->may_receipts = db_col_int(st, 14) != 0;
	x->unread = x->recipient && !db_col_int(st, 15);
	x->read = db_col_int(st, 16);
	x->answers = db_col_int(st, 17);
	x->my_answer = arena_strdup(a, db_col_text(st, 18));
}

int announcements_post(struct db *db, struct arena *a, const struct user *who,
		       const struct announcement_input *in, struct field_errors *fe, long long *id)
{
	*id = 0;
	if (!role_is_officer(role_of(who->role)) || who->enterprise_id)
		return RES_FORBIDDEN;
	const char *title, *body;
	if (field_text(a, fe, "title", in->title, 200, 0, &title) == 0 && !*title)
		field_error_add(fe, "title", N_("Give it a title."), NULL);
	if (field_text(a, fe, "body", in->body, 10000, 1, &body) == 0 && !*body)
		field_error_add(fe, "body", N_("Write what you want to say."), NULL);
	enum audience aud = AUDIENCE_EVERYONE;
	if (in->audience && *in->audience && audience_parse(in->audience, &aud) != 0)
		field_error_add(fe, "audience", N_("Choose everyone, the teams or the officers."),
				NULL);
	long long scope = in->scope ? in->scope : who->scope;
	if (!scope_has(db, who, scope))
		field_error_add(fe, "scope", N_("Choose an area of yours."), NULL);
	const char *kind = "";
	if (in->unit_kind && *in->unit_kind) {
		field_text(a, fe, "unit_kind", in->unit_kind, 40, 0, &kind);
		struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM unit WHERE kind = :k"
						    " AND level IN ('commune', 'village')");
		if (st)
			db_bind_text(st, ":k", kind);
		if (*kind && db_one_int(st, 0) == 0)
			field_error_add(fe, "unit_kind", N_("No commune or village is a %s."),
					kind);
	}
	char answer_by[11] = "";
	if (in->asks_answer)
		field_date(fe, "answer_by", in->answer_by, answer_by, 1);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO announcement(unit_id, scope_unit_id, audience, unit_kind, title, body,"
		" asks_answer, answer_by, author_id) VALUES (:unit, :scope, :aud, :kind, :title,"
		" :body, :asks, :by, :author)");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":unit", who->scope);
		db_bind_int(st, ":scope", scope);
		db_bind_text(st, ":aud", audience_name(aud));
		db_bind_text(st, ":kind", kind);
		db_bind_text(st, ":title", title);
		db_bind_text(st, ":body", body);
		db_bind_int(st, ":asks", in->asks_answer != 0);
		db_bind_text(st, ":by", *answer_by ? answer_by : NULL);
		db_bind_id(st, ":author", who->id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	*id = res == RES_OK ? db_last_id(db) : 0;
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "title", title);
	struct unit area;
	if (units_get(db, a, scope, &area) == RES_OK)
		jw_kv_str(&j, "to", area.name);
	jw_obj_end(&j);
	res = tx_end(db, res, who, "post", "announcement", *id, scope, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int announcements_list(struct db *db, struct arena *a, const struct user *who, long long offset,
		       int limit, struct announcement **out, int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	if (limit < 1 || limit > ANNOUNCEMENTS_PAGE_MAX)
		limit = ANNOUNCEMENTS_PAGE_MAX;
	struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS FROM " WHERE a.id IN (" NEAR ")"
					    " AND (" RECEIVES " OR " OVERSEES ")"
					    " ORDER BY a.posted_at DESC, a.id DESC"
					    " LIMIT :limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	bind_who(st, who);
	db_bind_id(st, ":ent", who->enterprise_id);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset < 0 ? 0 : offset);
	VEC(struct announcement) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		read_row(st, a, VEC_PUSH(a, &v));
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (v.n > limit) {
		v.n = limit;
		*next = (offset < 0 ? 0 : offset) + limit;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

/* Announcement id as who sees it: RES_NOT_FOUND unless who receives or
 * oversees it. */
static int visible(struct db *db, struct arena *a, const struct user *who, long long id,
		   struct announcement *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " COLUMNS FROM " WHERE a.id = :id"
					    " AND (" RECEIVES " OR " OVERSEES ")");
	if (!st)
		return RES_ERROR;
	bind_who(st, who);
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_row(st, a, out);
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int announcements_get(struct db *db, struct arena *a, const struct user *who, long long id,
		      struct announcement *out)
{
	int rc = visible(db, a, who, id, out);
	if (rc != RES_OK || !out->unread)
		return rc;
	/* the first reading: the receipt (a write only when unread) */
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO announcement_read(announcement_id, user_id)"
			   " VALUES (:id, :me) ON CONFLICT(announcement_id, user_id) DO NOTHING");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":me", who->id);
	if (db_run(st) != DB_OK)
		return RES_ERROR;
	out->read++;
	return RES_OK;
}

int announcements_answer(struct db *db, struct arena *a, const struct user *who, long long id,
			 const char *text, struct field_errors *fe)
{
	struct announcement x;
	int rc = announcements_get(db, a, who, id, &x);
	if (rc != RES_OK)
		return rc;
	if (!x.recipient || !x.asks_answer)
		return RES_FORBIDDEN;
	const char *answer;
	if (field_text(a, fe, "answer", text, 2000, 1, &answer) == 0 && !*answer)
		field_error_add(fe, "answer", N_("Write your answer."), NULL);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO announcement_answer(announcement_id, user_id, text)"
		" VALUES (:id, :me, :text) ON CONFLICT(announcement_id, user_id) DO UPDATE SET"
		" text = excluded.text, answered_at = excluded.answered_at");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":id", id);
		db_bind_int(st, ":me", who->id);
		db_bind_text(st, ":text", answer);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	return tx_end(db, res, who, "answer", "announcement", id, x.scope_unit_id, NULL);
}

int announcements_receipts(struct db *db, struct arena *a, const struct user *who, long long id,
			   long long offset, int limit, struct receipt **out, int *n,
			   long long *next, long long *total)
{
	*out = NULL;
	*n = 0;
	*next = *total = 0;
	struct announcement x;
	int rc = visible(db, a, who, id, &x);
	if (rc != RES_OK)
		return rc;
	if (!x.may_receipts)
		return RES_FORBIDDEN;
	if (limit < 1 || limit > ANNOUNCEMENTS_PAGE_MAX)
		limit = ANNOUNCEMENTS_PAGE_MAX;
	struct db_stmt *st =
	    db_prepare(db, "SELECT count(*) FROM announcement a JOIN app_user u ON " RECIPIENT(
			       "a", "u") " WHERE a.id = :id");
	if (st)
		db_bind_int(st, ":id", id);
	*total = db_one_int(st, 0);
	st = db_prepare(
	    db, "SELECT u.id, u.full_name, u.username, u.role, coalesce(v.name, ''),"
		" coalesce(r.read_at, ''), coalesce(aa.text, ''), coalesce(aa.answered_at, '')"
		" FROM announcement a JOIN app_user u ON " RECIPIENT(
		    "a", "u") " LEFT JOIN unit v ON v.id = u.scope_unit_id"
			      " LEFT JOIN announcement_read r ON r.announcement_id = a.id"
			      " AND r.user_id = u.id"
			      " LEFT JOIN announcement_answer aa ON aa.announcement_id = a.id"
			      " AND aa.user_id = u.id WHERE a.id = :id"
			      " ORDER BY r.read_at IS NOT NULL, v.sort_key, u.username"
			      " LIMIT :limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset < 0 ? 0 : offset);
	VEC(struct receipt) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct receipt *r = VEC_PUSH(a, &v);
		r->user_id = db_col_int(st, 0);
		r->name = arena_strdup(a, db_col_text(st, 1));
		r->username = arena_strdup(a, db_col_text(st, 2));
		r->role = arena_strdup(a, db_col_text(st, 3));
		r->unit = arena_strdup(a, db_col_text(st, 4));
		r->read_at = arena_strdup(a, db_col_text(st, 5));
		r->answer = arena_strdup(a, db_col_text(st, 6));
		r->answered_at = arena_strdup(a, db_col_text(st, 7));
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (v.n > limit) {
		v.n = limit;
		*next = (offset < 0 ? 0 : offset) + limit;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

long long announcements_unread(struct db *db, const struct user *who)
{
	if (!who->id)
		return 0;
	struct db_stmt *st = db_prepare(
	    db, "SELECT count(DISTINCT na.id) FROM unit_tree nx JOIN announcement na"
		" ON na.scope_unit_id = nx.ancestor_id"
		" WHERE nx.unit_id IN (SELECT scope_unit_id FROM app_user WHERE id = :me"
		"  UNION SELECT unit_id FROM enterprise_unit WHERE enterprise_id = :ent)"
		" AND EXISTS (SELECT 1 FROM app_user me WHERE me.id = :me AND " RECIPIENT(
		    "na", "me") ")"
				" AND NOT EXISTS (SELECT 1 FROM announcement_read rr"
				"  WHERE rr.announcement_id = na.id AND rr.user_id = :me)");
	if (!st)
		return 0;
	db_bind_int(st, ":me", who->id);
	db_bind_id(st, ":ent", who->enterprise_id);
	long long n = db_one_int(st, 0);
	return n < 0 ? 0 : n;
}
