/* progress.c: progress of a unit for a period, read from the roll-ups, and
 * the teams still missing a report. */
#include "core/progress.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "i18n/i18n.h"
#include "util/date.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

/* The targets of the n indicators ids at unit for the period key into out
 * (-1: none). */
static int targets_of(struct db *db, long long unit, const char *key, const long long *ids, int n,
		      long long *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT indicator_id, value FROM target"
					    " WHERE unit_id = :u AND period = :p");
	if (st) {
		db_bind_int(st, ":u", unit);
		db_bind_text(st, ":p", key);
	}
	return rollup_by_indicator(st, ids, n, out, -1);
}

/* Sums of the targets of the units right below unit (-1: none). */
static int children_targets(struct db *db, long long unit, const char *key, const long long *ids,
			    int n, long long *out)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT t.indicator_id, sum(t.value) FROM target t"
			   " JOIN unit u ON u.id = t.unit_id WHERE u.parent_id = :u"
			   " AND t.period = :p GROUP BY t.indicator_id");
	if (st) {
		db_bind_int(st, ":u", unit);
		db_bind_text(st, ":p", key);
	}
	return rollup_by_indicator(st, ids, n, out, -1);
}

/* A village's flows over grain periods [from, to], from its teams' reports
 * (the flow roll-ups start at the commune). */
static int village_sums(struct db *db, long long village, const char *from, const char *to,
			const long long *ids, int n, long long *out)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT v.indicator_id, sum(v.value) FROM report r JOIN team t ON t.id = r.team_id"
		" JOIN report_value v ON v.report_id = r.id"
		" WHERE t.unit_id = :u AND r.status IN ('submitted', 'accepted')"
		" AND r.period BETWEEN :f AND :t GROUP BY v.indicator_id");
	if (st) {
		db_bind_int(st, ":u", village);
		db_bind_text(st, ":f", from);
		db_bind_text(st, ":t", to);
	}
	return rollup_by_indicator(st, ids, n, out, 0);
}

int progress_begun(const char *from, const char *to, const char *today, struct period *first,
		   char last[PERIOD_TEXT])
{
	struct period g;
	period_parse(from, first);
	g = *first;
	int begun = 0;
	*last = 0;
	for (;;) {
		char key[PERIOD_TEXT], d1[11], d2[11];
		period_format(&g, key);
		period_days(&g, d1, d2);
		if (strcmp(d1, today) > 0)
			break;
		begun++;
		memcpy(last, key, PERIOD_TEXT);
		if (strcmp(key, to) == 0)
			break;
		period_step(&g, 1);
	}
	return begun;
}

/* Completeness of one form over the grain periods [from, to] of p: those
 * begun by today count. */
static int complete(struct db *db, struct arena *a, long long unit, const struct form *f,
		    const char *from, const char *to, const char *today, struct completeness *c)
{
	struct period first;
	char last_begun[PERIOD_TEXT];
	int begun = progress_begun(from, to, today, &first, last_begun);
	if (!begun)
		return 0;
	long long *expected = arena_alloc(a, (size_t)begun * sizeof *expected);
	if (rollup_expected(db, a, unit, &first, begun, expected) != 0)
		return -1;
	for (int i = 0; i < begun; i++)
		c->expected += expected[i];
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(sum(received), 0),"
					    " coalesce(sum(late), 0) FROM agg_report"
					    " WHERE unit_id = :u AND form_id = :f"
					    " AND period BETWEEN :from AND :to");
	if (!st)
		return -1;
	db_bind_int(st, ":u", unit);
	db_bind_int(st, ":f", f->id);
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", last_begun);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		c->received += db_col_int(st, 0);
		c->late += db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? 0 : -1;
}

int progress_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct period *p, time_t now, struct progress_item **items, int *n,
		 struct completeness *c)
{
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	int village = u.lvl == LEVEL_VILLAGE;
	char key[PERIOD_TEXT], today[11], p_first[11], p_last[11];
	period_format(p, key);
	period_days(p, p_first, p_last);
	date_local(now, today);
	struct form *forms;
	int nf;
	if (catalog_forms(db, a, unit, &forms, &nf) != RES_OK)
		return RES_ERROR;
	VEC(struct progress_item) v = {0};
	memset(c, 0, sizeof *c);
	for (int f = 0; f < nf; f++) {
		char from[PERIOD_TEXT], to[PERIOD_TEXT];
		if (period_range(p, forms[f].grain, from, to) != 0)
			continue; /* a monthly form has nothing to say about a week */
		struct indicator *inds;
		int ni;
		if (catalog_form_indicators(db, a, forms[f].id, unit, &inds, &ni) != RES_OK)
			return RES_ERROR;
		/* each read covers every indicator of the form */
		long long *ids = arena_alloc(a, (size_t)(ni + 1) * sizeof *ids);
		long long *flow = arena_alloc(a, (size_t)(ni + 1) * sizeof *flow);
		long long *target = arena_alloc(a, (size_t)(ni + 1) * sizeof *target);
		long long *below = arena_alloc(a, (size_t)(ni + 1) * sizeof *below);
		struct stock_value *stock = arena_alloc(a, (size_t)(ni + 1) * sizeof *stock);
		for (int i = 0; i < ni; i++)
			ids[i] = inds[i].id;
		int ok = rollup_stocks(db, unit, to, ids, ni, stock) == 0 &&
			 (village ? village_sums(db, unit, from, to, ids, ni, flow)
				  : rollup_sums(db, unit, from, to, ids, ni, flow)) == 0;
		if (ok && p->kind == PERIOD_WEEK)
			for (int i = 0; i < ni; i++)
				target[i] = -1;
		else if (ok)
			ok = targets_of(db, unit, key, ids, ni, target) == 0;
		if (ok && village)
			for (int i = 0; i < ni; i++)
				below[i] = -1;
		else if (ok)
			ok = children_targets(db, unit, key, ids, ni, below) == 0;
		if (!ok)
			return RES_ERROR;
		for (int i = 0; i < ni; i++) {
			struct progress_item *it = VEC_PUSH(a, &v);
			it->ind = &inds[i];
			it->stock = strcmp(inds[i].aggregation, "latest") == 0;
			if (it->stock) {
				const struct stock_value *sv = &stock[i];
				it->actual = sv->value;
				it->teams = sv->teams;
				memcpy(it->as_of, sv->as_of, sizeof it->as_of);
				struct period asof;
				char d1[11], d2[11];
				if (*sv->as_of && period_parse(sv->as_of, &asof) == 0) {
					period_days(&asof, d1, d2);
					it->carried = strcmp(d2, p_first) < 0;
				}
			} else {
				it->actual = flow[i];
			}
			it->target = target[i];
			it->percent = it->target > 0 ? (int)(it->actual * 100 / it->target) : -1;
			it->children_targets = below[i];
		}
		if (complete(db, a, unit, &forms[f], from, to, today, c) != 0)
			return RES_ERROR;
	}
	c->on_time = c->received - c->late;
	c->missing = c->expected > c->received ? c->expected - c->received : 0;
	*items = v.items;
	*n = v.n;
	return RES_OK;
}

struct missing_list {
	struct missing_team *items;
	int n, cap;
};

/* Append to v up to want teams below unit without a counted report of
 * form f for the period key ([first, last]), after the cursor team. */
static int missing_in(struct db *db, struct arena *a, const struct user *who, long long unit,
		      long long form, const char *key, const char *first, const char *last,
		      long long after, int want, struct missing_list *v)
{
	/* by commune, village and team; the cursor is the last team shown */
	struct db_stmt *st = db_prepare(
	    db,
	    "WITH m AS (SELECT t.id, t.name, v.id AS vid, v.name AS vname, c.id AS cid,"
	    "  coalesce(c.code, '') AS ccode, c.name AS cname, c.sort_key AS ck,"
	    "  v.sort_key AS vk FROM unit_tree x JOIN team_life l ON l.unit_id = x.unit_id"
	    "  JOIN team t ON t.id = l.team_id JOIN unit v ON v.id = t.unit_id"
	    "  JOIN unit c ON c.id = v.parent_id"
	    "  WHERE x.ancestor_id = :u AND l.starts_on <= :last"
	    "  AND (l.ends_on IS NULL OR l.ends_on > :first)"
	    "  AND NOT EXISTS (SELECT 1 FROM report r WHERE r.team_id = t.id"
	    "   AND r.form_id = :f AND r.period = :p AND r.status IN ('submitted', 'accepted'))"
	    "  AND " SCOPE_HAS("t.unit_id") ")"
					    " SELECT id, name, vid, vname, cid, ccode, cname FROM m"
					    " WHERE :after = 0 OR (ck, vk, id) > (SELECT "
					    "c.sort_key, v.sort_key, t.id"
					    "  FROM team t JOIN unit v ON v.id = t.unit_id JOIN "
					    "unit c ON c.id = v.parent_id"
					    "  WHERE t.id = :after)"
					    " ORDER BY ck, vk, id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":first", first);
	db_bind_text(st, ":last", last);
	db_bind_int(st, ":f", form);
	db_bind_text(st, ":p", key);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":limit", want);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct missing_team *m = VEC_PUSH(a, v);
		m->id = db_col_int(st, 0);
		m->name = arena_strdup(a, db_col_text(st, 1));
		m->village_id = db_col_int(st, 2);
		m->village = arena_strdup(a, db_col_text(st, 3));
		m->commune_id = db_col_int(st, 4);
		m->commune_code = arena_strdup(a, db_col_text(st, 5));
		m->commune = arena_strdup(a, db_col_text(st, 6));
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int progress_missing(struct db *db, struct arena *a, const struct user *who, long long unit,
		     const struct period *p, long long after, int limit, struct missing_team **out,
		     int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK || !scope_has(db, who, unit))
		return rc == RES_ERROR ? RES_ERROR : RES_NOT_FOUND;
	char key[PERIOD_TEXT], first[11], last[11];
	period_format(p, key);
	struct form f;
	rc = catalog_form_for(db, a, unit, key, NULL, &f);
	if (rc != RES_OK)
		return rc == RES_NOT_FOUND ? RES_INVALID : rc;
	period_days(p, first, last);
	if (limit < 1 || limit > MISSING_PAGE_MAX)
		limit = MISSING_PAGE_MAX;
	struct missing_list v = {0};
	if (u.lvl == LEVEL_COMMUNE || u.lvl == LEVEL_VILLAGE) {
		rc = missing_in(db, a, who, unit, f.id, key, first, last, after, limit + 1, &v);
	} else {
		/* Above a commune, walk the communes that miss a report (their
		 * teams expected less their reports received, from the roll-ups)
		 * in order, from the cursor's commune, until the page is full. */
		struct db_stmt *st = db_prepare(
		    db,
		    "SELECT c.id FROM unit_tree x JOIN unit c ON c.id = x.unit_id"
		    " AND c.level = 'commune' WHERE x.ancestor_id = :u"
		    " AND (SELECT coalesce(sum(starts), 0) FROM team_span s"
		    "  WHERE s.unit_id = c.id AND s.day <= :last)"
		    " - (SELECT coalesce(sum(ends), 0) FROM team_span s"
		    "  WHERE s.unit_id = c.id AND s.day <= :first)"
		    " > (SELECT coalesce(sum(received), 0) FROM agg_report g WHERE g.unit_id = c.id"
		    "  AND g.form_id = :f AND g.period = :p)"
		    " AND (:after = 0 OR (c.sort_key, c.id) >= (SELECT k.sort_key, k.id"
		    "  FROM team t JOIN unit w ON w.id = t.unit_id JOIN unit k ON k.id = "
		    "w.parent_id"
		    "  WHERE t.id = :after))"
		    " ORDER BY c.sort_key, c.id");
		if (!st)
			return RES_ERROR;
		db_bind_int(st, ":u", unit);
		db_bind_text(st, ":first", first);
		db_bind_text(st, ":last", last);
		db_bind_int(st, ":f", f.id);
		db_bind_text(st, ":p", key);
		db_bind_int(st, ":after", after);
		VEC(long long) communes = {0};
		while ((rc = db_step(st)) == DB_ROW)
			*VEC_PUSH(a, &communes) = db_col_int(st, 0);
		db_done(st);
		rc = rc == DB_DONE ? RES_OK : RES_ERROR;
		for (int i = 0; i < communes.n && rc == RES_OK && v.n <= limit; i++)
			rc = missing_in(db, a, who, communes.items[i], f.id, key, first, last,
					after, limit + 1 - v.n, &v);
	}
	if (rc != RES_OK)
		return rc;
	if (v.n > limit) {
		v.n = limit;
		*next = v.items[limit - 1].id;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

void progress_reminder(enum lang lang, const struct period *p, const struct missing_team *m, int n,
		       struct buf *out)
{
	buf_printf(out, "%s ", i18n_get(lang, N_("Reminder: please send the report of")));
	i18n_period_words(lang, p, out);
	buf_puts(out, ":\n");
	for (int k = 0; k < n; k++)
		buf_printf(out, "- %s\n", m[k].village);
}
