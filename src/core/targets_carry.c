/* targets_carry.c: the targets of a unit a reorganisation closed, carried
 * by a person to one of its successors (all of them or a share), and the
 * carry undone. See db/sqlite/020_reversible.sql. */
#include "core/scope.h"
#include "core/targets.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/date.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int targets_share_parse(const char *s)
{
	if (!s || !*s)
		return 100;
	char *end;
	long v = strtol(s, &end, 10);
	return *s >= '0' && *s <= '9' && !*end && v >= 1 && v <= 100 ? (int)v : 0;
}

/* Is old a predecessor of nu? 1, 0, -1 on error. */
static int is_predecessor(struct db *db, long long old, long long nu)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT 1 FROM unit_succession WHERE old_id = :o AND new_id = :n");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* What old has carried: to nu (*here, its percent, and the day), and to
 * every successor together (*given, in percent). Returns 0 or -1. */
static int carried(struct db *db, long long old, long long nu, int *here, int *given, char day[11])
{
	*here = *given = 0;
	if (day)
		*day = 0;
	struct db_stmt *st =
	    db_prepare(db, "SELECT new_id, max(percent), min(carried_at) FROM target_carry"
			   " WHERE old_id = :o GROUP BY new_id");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int p = (int)db_col_int(st, 1);
		*given += p;
		if (db_col_int(st, 0) == nu) {
			*here = p;
			time_t at; /* stored in UTC; the day it was in Vietnam */
			if (day && date_parse_instant(db_col_text(st, 2), &at) == 0)
				date_local(at, day);
		}
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The number of targets unit has; -1 on error. */
static int targets_count(struct db *db, long long unit)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM target WHERE unit_id = :u");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	int n = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
	db_done(st);
	return n;
}

int targets_carry_offers(struct db *db, struct arena *a, const struct user *who, long long unit,
			 struct carry_offer **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	struct db_stmt *st = db_prepare(db, "SELECT s.old_id FROM unit_succession s"
					    " JOIN unit u ON u.id = s.old_id WHERE s.new_id = :u"
					    " ORDER BY u.sort_key, u.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", unit);
	VEC(long long) ids = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*VEC_PUSH(a, &ids) = db_col_int(st, 0);
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	VEC(struct carry_offer) v = {0};
	for (int i = 0; i < ids.n; i++) {
		struct carry_offer o = {0};
		int given;
		o.targets = targets_count(db, ids.items[i]);
		if (o.targets < 0 ||
		    carried(db, ids.items[i], unit, &o.percent, &given, o.carried_on) != 0 ||
		    units_get(db, a, ids.items[i], &o.old) != RES_OK)
			return RES_ERROR;
		o.left = 100 - given;
		if (o.targets || o.percent)
			*VEC_PUSH(a, &v) = o;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

/* May who carry targets from old to nu? RES_OK, RES_NOT_FOUND (nu not in
 * who's area, or old not a predecessor of nu), RES_FORBIDDEN or
 * RES_ERROR. */
static int carry_allowed(struct db *db, const struct user *who, long long old, long long nu)
{
	if (!scope_has(db, who, nu))
		return RES_NOT_FOUND;
	int pred = is_predecessor(db, old, nu);
	if (pred <= 0)
		return pred < 0 ? RES_ERROR : RES_NOT_FOUND;
	return targets_may_set(db, who, nu) ? RES_OK : RES_FORBIDDEN;
}

/* One target of the old unit. */
struct old_target {
	long long ind, value;
	char period[PERIOD_TEXT];
};

/* The carry, inside its transaction (so that the share left is read by
 * the only writer). */
static int carry_work(struct db *db, struct arena *a, const struct user *who, long long old,
		      long long nu, int percent, struct carry_stats *cs, struct field_errors *fe)
{
	int res = carry_allowed(db, who, old, nu);
	if (res != RES_OK)
		return res;
	int here, given;
	char day[11];
	if (carried(db, old, nu, &here, &given, day) != 0)
		return RES_ERROR;
	if (percent < 1 || percent > 100)
		field_error_add(fe, "percent", N_("a whole number from 1 to 100"), NULL);
	else if (here)
		field_error_add(fe, "from", N_("its targets were already carried here on %s"),
				arena_strdup(a, day));
	else if (percent > 100 - given)
		field_error_add(fe, "percent",
				N_("at most %s: the rest of its targets went to other units"),
				arena_printf(a, "%d", 100 - given));
	/* the old unit's targets, those whose indicator is seen here */
	struct indicator *inds;
	int ni;
	if (catalog_indicators(db, a, nu, &inds, &ni) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(db, "SELECT indicator_id, period, value FROM target"
					    " WHERE unit_id = :u ORDER BY period, indicator_id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":u", old);
	VEC(struct old_target) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long ind = db_col_int(st, 0);
		int seen = 0;
		for (int k = 0; k < ni && !seen; k++)
			seen = inds[k].id == ind;
		if (!seen) {
			cs->skipped++;
			continue;
		}
		struct old_target *t = VEC_PUSH(a, &v);
		t->ind = ind;
		t->value = (db_col_int(st, 2) * percent + 50) / 100;
		snprintf(t->period, sizeof t->period, "%s", db_col_text(st, 1));
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (!fe->n && !v.n)
		field_error_add(fe, "from", N_("it has no targets to carry"), NULL);
	if (fe->n)
		return RES_INVALID;
	char now[21];
	date_stamp(time(NULL), now);
	for (int i = 0; i < v.n && res == RES_OK; i++) {
		/* the carry first, with whether nu had a target there already */
		st =
		    db_prepare(db, "INSERT INTO target_carry(old_id, new_id, period, indicator_id,"
				   " percent, value, existed, carried_by, carried_at)"
				   " SELECT :o, :n, :p, :i, :pc, :v, count(*), :by, :at FROM target"
				   " WHERE unit_id = :n AND period = :p AND indicator_id = :i");
		if (st) {
			db_bind_int(st, ":o", old);
			db_bind_int(st, ":n", nu);
			db_bind_text(st, ":p", v.items[i].period);
			db_bind_int(st, ":i", v.items[i].ind);
			db_bind_int(st, ":pc", percent);
			db_bind_int(st, ":v", v.items[i].value);
			db_bind_id(st, ":by", who->id);
			db_bind_text(st, ":at", now);
		}
		if (!st || db_run(st) != DB_OK)
			res = RES_ERROR;
		st = db_prepare(db, "INSERT INTO target(unit_id, indicator_id, period, value,"
				    " assigned_by, assigned_at) VALUES (:n, :i, :p, :v, :by, :at)"
				    " ON CONFLICT(unit_id, period, indicator_id) DO UPDATE SET"
				    " value = target.value + excluded.value,"
				    " assigned_by = excluded.assigned_by,"
				    " assigned_at = excluded.assigned_at");
		if (st) {
			db_bind_int(st, ":n", nu);
			db_bind_int(st, ":i", v.items[i].ind);
			db_bind_text(st, ":p", v.items[i].period);
			db_bind_int(st, ":v", v.items[i].value);
			db_bind_id(st, ":by", who->id);
			db_bind_text(st, ":at", now);
		}
		if (res == RES_OK && (!st || db_run(st) != DB_OK))
			res = RES_ERROR;
	}
	cs->targets = v.n;
	cs->percent = percent;
	return res;
}

int targets_carry(struct db *db, struct arena *a, const struct user *who, long long old,
		  long long nu, int percent, struct carry_stats *cs, struct field_errors *fe)
{
	memset(cs, 0, sizeof *cs);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = carry_work(db, a, who, old, nu, percent, cs, fe);
	char *detail =
	    arena_printf(a, "{\"from\":%lld,\"percent\":%d,\"targets\":%d,\"skipped\":%d}", old,
			 percent, cs->targets, cs->skipped);
	res = tx_end(db, res, who, "carry", "target", old, nu, detail);
	if (res != RES_OK)
		memset(cs, 0, sizeof *cs);
	return res;
}

/* Taking back, inside its transaction. */
static int uncarry_work(struct db *db, const struct user *who, long long old, long long nu,
			struct carry_stats *cs)
{
	int res = carry_allowed(db, who, old, nu);
	if (res != RES_OK)
		return res;
	int here, given;
	if (carried(db, old, nu, &here, &given, NULL) != 0)
		return RES_ERROR;
	if (!here)
		return RES_NOT_FOUND;
	struct db_stmt *st =
	    db_prepare(db, "SELECT count(*) FROM target_carry WHERE old_id = :o AND new_id = :n");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu);
	int rows = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
	db_done(st);
	if (rows < 0)
		return RES_ERROR;
	/* take back what the carry added (a target set lower since stays
	 * at 0, not below) */
	st = db_prepare(db, "UPDATE target SET value = CASE WHEN target.value > c.value"
			    " THEN target.value - c.value ELSE 0 END"
			    " FROM target_carry c WHERE c.old_id = :o AND c.new_id = :n"
			    " AND target.unit_id = c.new_id AND target.period = c.period"
			    " AND target.indicator_id = c.indicator_id");
	if (st) {
		db_bind_int(st, ":o", old);
		db_bind_int(st, ":n", nu);
	}
	if (!st || db_run(st) != DB_OK)
		res = RES_ERROR;
	/* a target the carry made is removed when nothing else was added to it */
	st = db_prepare(db,
			"DELETE FROM target WHERE value = 0 AND EXISTS (SELECT 1"
			" FROM target_carry c WHERE c.old_id = :o AND c.new_id = :n"
			" AND c.existed = 0 AND target.unit_id = c.new_id"
			" AND target.period = c.period AND target.indicator_id = c.indicator_id)");
	if (st) {
		db_bind_int(st, ":o", old);
		db_bind_int(st, ":n", nu);
	}
	if (res == RES_OK && (!st || db_run(st) != DB_OK))
		res = RES_ERROR;
	st = db_prepare(db, "DELETE FROM target_carry WHERE old_id = :o AND new_id = :n");
	if (st) {
		db_bind_int(st, ":o", old);
		db_bind_int(st, ":n", nu);
	}
	if (res == RES_OK && (!st || db_run(st) != DB_OK))
		res = RES_ERROR;
	cs->targets = rows;
	cs->percent = here;
	return res;
}

int targets_uncarry(struct db *db, struct arena *a, const struct user *who, long long old,
		    long long nu, struct carry_stats *cs)
{
	memset(cs, 0, sizeof *cs);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = uncarry_work(db, who, old, nu, cs);
	char *detail = arena_printf(a, "{\"from\":%lld,\"percent\":%d,\"targets\":%d}", old,
				    cs->percent, cs->targets);
	res = tx_end(db, res, who, "uncarry", "target", old, nu, detail);
	if (res != RES_OK)
		memset(cs, 0, sizeof *cs);
	return res;
}
