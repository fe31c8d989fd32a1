/* coverage.c: how much of an area is trained, counted from the teams,
 * members and attendance of the day (nothing kept: a training recorded
 * shows at once, and a member who leaves leaves the counts). */
#include "core/coverage.h"
#include "core/scope.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

int coverage_percent(long long part, long long whole)
{
	return whole > 0 ? (int)(part * 100 / whole) : -1;
}

/* Whether member m.id was trained by :d, on platform :p (0: any): a probe
 * per member (a set of the trained read once is a sixth faster for the
 * nation, but three times slower for a province: it reads them all). */
#define TRAINED                                                                                    \
	"EXISTS (SELECT 1 FROM attendance a JOIN training o ON o.id = a.training_id"               \
	" AND o.starts_on <= :d WHERE a.member_id = m.id AND a.present = 1 AND (:p = 0 OR"         \
	" EXISTS (SELECT 1 FROM training_platform q WHERE q.training_id = o.id"                    \
	" AND q.platform_id = :p)))"
/* The teams that exist on :d below unit k, and their members of the day
 * (a team without one: a row with NULL member). */
#define TEAMS_OF_DAY                                                                               \
	" JOIN unit_tree y ON y.ancestor_id = k.id JOIN team_life l ON l.unit_id = y.unit_id"      \
	" AND l.starts_on <= :d AND (l.ends_on IS NULL OR l.ends_on > :d)"
#define MEMBERS_OF_DAY                                                                             \
	" LEFT JOIN member m ON m.team_id = l.team_id AND (m.joined_on IS NULL"                    \
	" OR m.joined_on <= :d) AND (m.left_on IS NULL OR m.left_on > :d)"

/* The scope's conditions on a unit counted and on a team's village. */
#define KID_IN_SCOPE SCOPE_HAS("c.id")
#define TEAM_IN_SCOPE SCOPE_HAS("l.unit_id")

/* The units counted: right below :u (:self 0) or :u itself (1), existing
 * on :d, in the scope; their teams and members of the day. */
#define COUNTED_UNITS                                                                              \
	"WITH kids(id) AS (SELECT c.id FROM unit c WHERE c.parent_id = :u AND :self = 0"           \
	" AND (c.valid_to IS NULL OR c.valid_to >= :d) AND " KID_IN_SCOPE                          \
	" UNION ALL SELECT c.id FROM unit c WHERE c.id = :u AND :self = 1), "                      \
	"mb(kid, team, member, trained) AS (SELECT k.id, l.team_id, m.id, CASE WHEN m.id"          \
	" IS NOT NULL AND " TRAINED " THEN 1 ELSE 0 END FROM kids k" TEAMS_OF_DAY MEMBERS_OF_DAY   \
	" WHERE " TEAM_IN_SCOPE ") "

static void bind_day(struct db_stmt *st, const struct user *who, long long unit, long long platform,
		     const char *day)
{
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":p", platform);
	db_bind_text(st, ":d", day);
	scope_bind(st, who);
}

/* A row's unit id and its place in the list, to find it by id. */
struct slot {
	long long id;
	int at;
};

static int by_id(const void *a, const void *b)
{
	long long x = ((const struct slot *)a)->id, y = ((const struct slot *)b)->id;
	return x < y ? -1 : x > y;
}

int coverage_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 long long platform, const char *day, struct coverage *total,
		 struct coverage_row **rows, int *n)
{
	memset(total, 0, sizeof *total);
	*rows = NULL;
	*n = 0;
	struct unit self;
	int rc = units_get(db, a, unit, &self);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	/* the units below, by name, then their counts */
	struct db_stmt *st =
	    db_prepare(db, "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.parent_id = :u"
			   " AND (u.valid_to IS NULL OR u.valid_to >= :d) AND " SCOPE_HAS(
			       "u.id") " ORDER BY u.sort_key, u.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":d", day);
	scope_bind(st, who);
	VEC(struct coverage_row) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct coverage_row *r = VEC_PUSH(a, &v);
		memset(r, 0, sizeof *r);
		units_read_row(st, a, &r->u);
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	struct slot *sorted = arena_alloc(a, (size_t)(v.n + 1) * sizeof *sorted);
	for (int i = 0; i < v.n; i++)
		sorted[i] = (struct slot){v.items[i].u.id, i};
	if (v.n > 1)
		qsort(sorted, (size_t)v.n, sizeof *sorted, by_id);
	st = db_prepare(db, COUNTED_UNITS
			"SELECT kid, count(DISTINCT team), count(DISTINCT CASE WHEN trained = 1"
			" THEN team END), count(member), sum(trained) FROM mb GROUP BY kid");
	if (!st)
		return RES_ERROR;
	bind_day(st, who, unit, platform, day);
	/* a village has no units below: its own count is the total */
	db_bind_int(st, ":self", self.lvl == LEVEL_VILLAGE);
	while ((rc = db_step(st)) == DB_ROW) {
		struct coverage c = {db_col_int(st, 1), db_col_int(st, 2), db_col_int(st, 3),
				     db_col_int(st, 4)};
		total->teams += c.teams;
		total->teams_trained += c.teams_trained;
		total->members += c.members;
		total->members_trained += c.members_trained;
		struct slot probe = {db_col_int(st, 0), 0};
		struct slot *hit =
		    v.n ? bsearch(&probe, sorted, (size_t)v.n, sizeof *sorted, by_id) : NULL;
		if (hit)
			v.items[hit->at].c = c;
	}
	db_done(st);
	*rows = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int coverage_untrained(struct db *db, struct arena *a, const struct user *who, long long unit,
		       long long platform, const char *day, long long offset, int limit,
		       struct untrained_team **out, int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	if (limit < 1 || limit > UNTRAINED_PAGE_MAX)
		limit = UNTRAINED_PAGE_MAX;
	if (offset < 0)
		offset = 0;
	/* a team is untrained when none of its members of the day is */
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.id, v.id, c.id, t.name, v.name, c.name,"
		" count(m.id) FROM unit k" TEAMS_OF_DAY " JOIN team t ON t.id = l.team_id"
		" JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id" MEMBERS_OF_DAY
		" WHERE k.id = :u AND " TEAM_IN_SCOPE
		" GROUP BY t.id, v.id, c.id, t.name, v.name, c.name, c.sort_key, v.sort_key"
		" HAVING sum(CASE WHEN m.id IS NOT NULL AND " TRAINED " THEN 1 ELSE 0 END) = 0"
		" ORDER BY c.sort_key, c.id, v.sort_key, t.id"
		" LIMIT :limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	bind_day(st, who, unit, platform, day);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset);
	VEC(struct untrained_team) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct untrained_team *t = VEC_PUSH(a, &v);
		t->team_id = db_col_int(st, 0);
		t->village_id = db_col_int(st, 1);
		t->commune_id = db_col_int(st, 2);
		t->team = arena_strdup(a, db_col_text(st, 3));
		t->village = arena_strdup(a, db_col_text(st, 4));
		t->commune = arena_strdup(a, db_col_text(st, 5));
		t->members = db_col_int(st, 6);
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (v.n > limit) {
		v.n = limit;
		*next = offset + limit;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}
