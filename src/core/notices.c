/* notices.c: the items that call for a user, and what they have seen. */
#include "core/notices.h"
#include "core/roles.h"
#include "core/teams.h"
#include "core/tx.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

/* The time of a report's last change, of a difficulty's; and their
 * versions (a report's revision, a difficulty's number of replies). */
#define REPORT_AT "(SELECT max(y.at) FROM report_revision y WHERE y.report_id = r.id)"
#define DIFFICULTY_AT                                                                              \
	"coalesce((SELECT max(z.at) FROM difficulty_reply z WHERE z.difficulty_id = d.id),"        \
	" d.opened_at)"
#define DIFFICULTY_VERSION "(SELECT count(*) FROM difficulty_reply z WHERE z.difficulty_id = d.id)"
#define TEAM_JOIN " JOIN unit v ON v.id = t.unit_id"

/* Every item of a user (kind, entity, id, team, team name, village,
 * period, text, at, version): :team is a team member's team (0: none), :scope an
 * officer's unit, :reviewer 1 when they review reports, :officer 1 when
 * difficulties wait at their unit. */
#define ITEMS                                                                                      \
	"SELECT 0 AS kind, 'report' AS entity, r.id AS id, t.id AS team_id, t.name AS team,"       \
	" v.name AS village, r.period AS period, coalesce(r.note, '') AS text, " REPORT_AT         \
	" AS at, r.revision AS version FROM report r JOIN team t ON t.id = r.team_id" TEAM_JOIN    \
	" WHERE r.team_id = :team AND r.status = 'returned'"                                       \
	" UNION ALL SELECT 1, 'difficulty', d.id, t.id, t.name, v.name, '',"                       \
	" coalesce((SELECT z.text FROM difficulty_reply z WHERE z.difficulty_id = d.id"            \
	" ORDER BY z.at DESC, z.id DESC LIMIT 1), ''), " DIFFICULTY_AT ", " DIFFICULTY_VERSION     \
	" FROM difficulty d JOIN team t ON t.id = d.team_id" TEAM_JOIN                             \
	" WHERE d.team_id = :team AND EXISTS (SELECT 1 FROM difficulty_reply z"                    \
	" WHERE z.difficulty_id = d.id)"                                                           \
	" UNION ALL SELECT 2, 'report', r.id, t.id, t.name, v.name, r.period, '', " REPORT_AT      \
	", r.revision FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id" TEAM_JOIN             \
	" JOIN report r ON r.team_id = t.id WHERE :reviewer = 1 AND x.ancestor_id = :scope"        \
	" AND r.status = 'submitted'"                                                              \
	" UNION ALL SELECT 3, 'difficulty', d.id, t.id, t.name, v.name, '', "                      \
	"d.text, " DIFFICULTY_AT ", " DIFFICULTY_VERSION                                           \
	" FROM difficulty d JOIN team t ON t.id = d.team_id" TEAM_JOIN                             \
	" WHERE :officer = 1 AND d.unit_id = :scope AND d.status <> 'resolved'"

#define UNREAD "(s.version IS NULL OR s.version < n.version)"
#define SEEN_JOIN                                                                                  \
	" LEFT JOIN seen s ON s.user_id = :u AND s.entity = n.entity AND s.entity_id = n.id"

/* Bind who's part in ITEMS. */
static void bind_items(struct db *db, struct db_stmt *st, const struct user *who)
{
	struct arena a = ARENA_INIT;
	struct team t;
	long long team = teams_own(db, &a, who, &t) == RES_OK ? t.id : 0;
	arena_release(&a);
	enum role r = role_of(who->role);
	db_bind_int(st, ":team", team);
	db_bind_int(st, ":scope", who->scope);
	db_bind_int(st, ":reviewer", r == ROLE_COMMUNE || r == ROLE_DISTRICT);
	db_bind_int(st, ":officer", teams_may_write(who));
	db_bind_id(st, ":u", who->id);
}

int notices_list(struct db *db, struct arena *a, const struct user *who, int limit,
		 struct notice **out, int *n, long long *unread)
{
	*out = NULL;
	*n = 0;
	*unread = 0;
	if (limit < 1 || limit > 200)
		limit = 200;
	struct db_stmt *st =
	    db_prepare(db, "SELECT n.kind, n.id, n.team_id, n.team, n.village, n.period, n.text,"
			   " coalesce(n.at, ''), CASE WHEN " UNREAD " THEN 1 ELSE 0 END,"
			   " sum(CASE WHEN " UNREAD " THEN 1 ELSE 0 END) OVER () FROM (" ITEMS
			   ") n" SEEN_JOIN " ORDER BY n.at DESC, n.kind, n.id DESC LIMIT :limit");
	if (!st)
		return RES_ERROR;
	bind_items(db, st, who);
	db_bind_int(st, ":limit", limit);
	VEC(struct notice) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct notice *x = VEC_PUSH(a, &v);
		x->kind = (enum notice_kind)db_col_int(st, 0);
		x->id = db_col_int(st, 1);
		x->team_id = db_col_int(st, 2);
		x->team = arena_strdup(a, db_col_text(st, 3));
		x->village = arena_strdup(a, db_col_text(st, 4));
		snprintf(x->period, sizeof x->period, "%s", db_col_text(st, 5));
		x->text = arena_strdup(a, db_col_text(st, 6));
		x->at = arena_strdup(a, db_col_text(st, 7));
		x->unread = (int)db_col_int(st, 8);
		*unread = db_col_int(st, 9);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

long long notices_unread(struct db *db, const struct user *who)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT count(*) FROM (" ITEMS ") n" SEEN_JOIN " WHERE " UNREAD);
	if (!st)
		return 0;
	bind_items(db, st, who);
	long long k = db_one_int(st, 0);
	return k > 0 ? k : 0;
}

int notices_seen(struct db *db, const struct user *who, const char *entity, long long id)
{
	if (!who->id || !id)
		return RES_OK;
	/* only an unread item of who's is written: opening any other page
	 * (a province browsing reports) stays a pure read */
	struct db_stmt *st = db_prepare(db, "SELECT n.version FROM (" ITEMS ") n" SEEN_JOIN
					    " WHERE n.entity = :entity AND n.id = :id AND " UNREAD);
	if (!st)
		return RES_ERROR;
	bind_items(db, st, who);
	db_bind_text(st, ":entity", entity);
	db_bind_int(st, ":id", id);
	long long version = -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		version = db_col_int(st, 0);
	db_done(st);
	if (rc == DB_ERR)
		return RES_ERROR;
	if (version < 0)
		return RES_OK;
	st = db_prepare(db, "INSERT INTO seen(user_id, entity, entity_id, version)"
			    " VALUES (:u, :entity, :id, :v) ON CONFLICT(user_id, entity, entity_id)"
			    " DO UPDATE SET version = excluded.version");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", who->id);
	db_bind_text(st, ":entity", entity);
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":v", version);
	return db_run(st) == DB_OK ? RES_OK : RES_ERROR;
}
