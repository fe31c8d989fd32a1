/* dashboard.c: series, difficulty ages and Zalo coverage for a unit. */
#include "core/dashboard.h"
#include "core/scope.h"
#include "util/date.h"
#include <string.h>

int dashboard_trend(struct db *db, struct arena *a, const struct user *who, long long unit,
		    const struct period *last, int n, time_t now, struct trend_point *out)
{
	if (n < 1 || n > TREND_MAX)
		return RES_INVALID;
	struct period p = *last;
	period_step(&p, -(n - 1));
	for (int i = 0; i < n; i++, period_step(&p, 1)) {
		out[i].p = p;
		int rc =
		    progress_get(db, a, who, unit, &p, now, &out[i].items, &out[i].n, &out[i].c);
		if (rc != RES_OK)
			return rc;
	}
	return RES_OK;
}

int dashboard_difficulties(struct db *db, const struct user *who, long long unit, time_t now,
			   long long counts[AT_COUNT][AGE_COUNT])
{
	memset(counts, 0, sizeof(long long) * AT_COUNT * AGE_COUNT);
	char week[21], month[21];
	date_stamp(now - 7 * 86400, week);
	date_stamp(now - 30 * 86400, month);
	struct db_stmt *st = db_prepare(
	    db, "SELECT d.level, CASE WHEN d.opened_at >= :week THEN 0"
		" WHEN d.opened_at >= :month THEN 1 ELSE 2 END AS age, count(*)"
		" FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id"
		" JOIN difficulty d ON d.team_id = t.id AND d.status <> 'resolved'"
		" WHERE x.ancestor_id = :u AND " SCOPE_HAS("t.unit_id") " GROUP BY d.level, age");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":week", week);
	db_bind_text(st, ":month", month);
	static const char *const levels[AT_COUNT] = {"commune", "district", "province", "ministry"};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *level = db_col_text(st, 0);
		long long age = db_col_int(st, 1);
		for (int l = 0; l < AT_COUNT; l++)
			if (strcmp(level, levels[l]) == 0 && age >= 0 && age < AGE_COUNT)
				counts[l][age] += db_col_int(st, 2);
	}
	db_done(st);
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int dashboard_households(struct db *db, const struct user *who, long long unit,
			 long long *households, long long *in_group, long long *teams)
{
	*households = *in_group = *teams = 0;
	struct db_stmt *st = db_prepare(
	    db, "SELECT coalesce(sum(t.households), 0), coalesce(sum(t.households_in_group), 0),"
		" count(*) FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id"
		" AND t.dissolved_on IS NULL AND t.households IS NOT NULL"
		" AND t.households_in_group IS NOT NULL"
		" WHERE x.ancestor_id = :u AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":u", unit);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*households = db_col_int(st, 0);
		*in_group = db_col_int(st, 1);
		*teams = db_col_int(st, 2);
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : RES_ERROR;
}
