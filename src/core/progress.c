/* progress.c: progress of a unit for a period, read from the roll-ups, and
 * the teams still missing a report. */
#include "core/progress.h"
#include "core/reorg.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "i18n/i18n.h"
#include "util/date.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

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

/* What is read for one unit and one of its forms: the form's indicators,
 * each read into the slot of the same index. */
struct slots {
	const struct form *form;
	struct indicator *inds;
	int ni;
	long long *flow, *target, *below;
	struct stock_value *stock;
};

/* One unit being read: its forms' slots and its completeness. */
struct acc {
	const struct unit *u;
	struct slots *forms;
	int nf;
	struct completeness c;
};

/* The reads of one form of period p over a chunk of the units: those of
 * them that have the form, their ids bound to DB_IDS. */
struct chunk {
	struct db *db;
	struct arena *a;
	struct acc *units[DB_IDS_MAX];
	long long ids[DB_IDS_MAX];
	int n, villages, others;
	int last;	   /* the unit acc_of found last */
	int slot;	   /* the slot slot_of found last */
	int flows, stocks; /* the form has indicators of either kind */
	long long form;
	char from[PERIOD_TEXT], to[PERIOD_TEXT], key[PERIOD_TEXT]; /* grain periods; p */
	int coarse;						   /* flows in agg_coarse over: */
	char flow_from[PERIOD_TEXT], flow_to[PERIOD_TEXT];
};

static struct acc *acc_of(struct chunk *k, long long unit)
{
	/* rows come unit by unit: the last one found first */
	if (k->last >= 0 && k->last < k->n && k->ids[k->last] == unit)
		return k->units[k->last];
	for (int i = 0; i < k->n; i++)
		if (k->ids[i] == unit) {
			k->last = i;
			return k->units[i];
		}
	return NULL;
}

static struct slots *slots_of(const struct acc *u, long long form)
{
	for (int f = 0; u && f < u->nf; f++)
		if (u->forms[f].form->id == form)
			return &u->forms[f];
	return NULL;
}

/* The slot of indicator ind in the chunk's form of unit, or -1. Rows of a
 * unit come in indicator order, as the slots mostly are: the one after
 * the last found is tried first. */
static int slot_of(struct chunk *k, long long unit, long long ind, struct slots **s)
{
	*s = slots_of(acc_of(k, unit), k->form);
	if (!*s || !(*s)->ni)
		return -1;
	int next = k->slot + 1 < (*s)->ni ? k->slot + 1 : 0;
	if ((*s)->inds[next].id == ind)
		return k->slot = next;
	for (int i = 0; i < (*s)->ni; i++)
		if ((*s)->inds[i].id == ind)
			return k->slot = i;
	return -1;
}

/* Step st (rows of unit, indicator, value) into the slots: added to the
 * flows (what 0; summed here: a GROUP BY's sort costs ten times the read),
 * or as the targets (1) or the children's targets (2). */
static int fill(struct chunk *k, struct db_stmt *st, int what)
{
	if (!st)
		return -1;
	db_bind_ids(st, k->ids, k->n);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct slots *s;
		int i = slot_of(k, db_col_int(st, 0), db_col_int(st, 1), &s);
		if (i < 0)
			continue;
		if (what == 0)
			s->flow[i] += db_col_int(st, 2);
		else
			(what == 1 ? s->target : s->below)[i] = db_col_int(st, 2);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* What writes committed and the folder has not folded yet (rollup.h). */
#define PENDING_FLOWS ROLLUP_PENDING(1, 1)
#define PENDING_STOCKS ROLLUP_PENDING(3, 0)
#define PENDING_REPORTS ROLLUP_PENDING(2, 0)

/* Flows over the grain periods [from, to]: from the roll-ups above the
 * villages (a weekly form's months and years from agg_coarse), from a
 * village's teams' reports (its roll-ups start at the commune). */
static int read_flows(struct chunk *k)
{
	struct db_stmt *st;
	if (k->others) {
		/* and what is pending (a week's under its month or year) */
		if (k->coarse)
			st =
			    db_prepare(k->db, "WITH " PENDING_FLOWS " SELECT unit_id, indicator_id,"
					      " value FROM agg_coarse WHERE unit_id IN (" DB_IDS ")"
					      " AND period BETWEEN :f AND :t UNION ALL"
					      " SELECT d.unit_id, d.item_id, d.value FROM pending d"
					      " JOIN week_period w ON w.week = d.period"
					      " WHERE d.unit_id IN (" DB_IDS ")"
					      " AND w.period BETWEEN :f AND :t");
		else
			st = db_prepare(
			    k->db, "WITH " PENDING_FLOWS " SELECT unit_id, indicator_id,"
				   " value FROM agg WHERE unit_id IN (" DB_IDS ")"
				   " AND period BETWEEN :f AND :t UNION ALL"
				   " SELECT unit_id, item_id, value FROM pending"
				   " WHERE unit_id IN (" DB_IDS ") AND period BETWEEN :f AND :t");
		if (st) {
			db_bind_text(st, ":f", k->flow_from);
			db_bind_text(st, ":t", k->flow_to);
		}
		if (fill(k, st, 0) != 0)
			return -1;
	}
	if (!k->villages)
		return 0;
	st = db_prepare(k->db, "SELECT t.unit_id, v.indicator_id, v.value FROM team t"
			       " JOIN report r ON r.team_id = t.id AND r.period BETWEEN :f AND :t"
			       " AND r.status IN ('submitted', 'accepted')"
			       " JOIN report_value v ON v.report_id = r.id"
			       " WHERE t.unit_id IN (" DB_IDS ")");
	if (st) {
		db_bind_text(st, ":f", k->from);
		db_bind_text(st, ":t", k->to);
	}
	return fill(k, st, 0);
}

/* Stocks at the end of the grain period to: the changes up to it summed
 * (here, as the flows), the newest period with a value kept. */
static int read_stocks(struct chunk *k, enum period_kind grain)
{
	struct db_stmt *st = db_prepare(
	    k->db, "WITH " PENDING_STOCKS " SELECT unit_id, indicator_id, value, teams, reports,"
		   " period FROM agg_stock WHERE unit_id IN (" DB_IDS ")"
		   " AND period BETWEEN :floor AND :to AND substr(period, 5, 1) = :sep"
		   " UNION ALL SELECT unit_id, item_id, value, teams, reports, period"
		   " FROM pending WHERE unit_id IN (" DB_IDS ") AND period BETWEEN :floor AND :to"
		   " AND substr(period, 5, 1) = :sep");
	if (!st)
		return -1;
	db_bind_ids(st, k->ids, k->n);
	db_bind_text(st, ":floor", rollup_grain_floor(grain));
	db_bind_text(st, ":to", k->to);
	db_bind_text(st, ":sep", grain == PERIOD_WEEK ? "W" : "-");
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct slots *s;
		int i = slot_of(k, db_col_int(st, 0), db_col_int(st, 1), &s);
		if (i < 0)
			continue;
		struct stock_value *v = &s->stock[i];
		v->value += db_col_int(st, 2);
		v->teams += db_col_int(st, 3);
		const char *period = db_col_text(st, 5);
		if (db_col_int(st, 4) > 0 && strcmp(period, v->as_of) > 0)
			snprintf(v->as_of, sizeof v->as_of, "%s", period);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The units' targets for the period key, and the sums of their children's. */
static int read_targets(struct chunk *k)
{
	struct db_stmt *st = db_prepare(k->db, "SELECT unit_id, indicator_id, value FROM target"
					       " WHERE unit_id IN (" DB_IDS ") AND period = :p");
	if (st)
		db_bind_text(st, ":p", k->key);
	if (fill(k, st, 1) != 0)
		return -1;
	if (!k->others)
		return 0;
	st = db_prepare(k->db,
			"SELECT u.parent_id, t.indicator_id, sum(t.value) FROM unit u"
			" JOIN target t ON t.unit_id = u.id AND t.period = :p"
			" WHERE u.parent_id IN (" DB_IDS ") GROUP BY u.parent_id, t.indicator_id");
	if (st)
		db_bind_text(st, ":p", k->key);
	return fill(k, st, 2);
}

/* Completeness of the form over its grain periods begun by today: the
 * teams expected in each (walked from the units' span rows) against the
 * counted reports. */
static int read_completeness(struct chunk *k, const char *today)
{
	struct period first;
	char last_begun[PERIOD_TEXT];
	int begun = progress_begun(k->from, k->to, today, &first, last_begun);
	if (!begun)
		return 0;
	struct db_stmt *st = db_prepare(
	    k->db, "WITH " PENDING_REPORTS " SELECT unit_id, coalesce(sum(received), 0),"
		   " coalesce(sum(late), 0) FROM (SELECT unit_id, received, late FROM agg_report"
		   " WHERE unit_id IN (" DB_IDS ") AND form_id = :f"
		   " AND period BETWEEN :from AND :to UNION ALL SELECT unit_id, value, late"
		   " FROM pending WHERE unit_id IN (" DB_IDS ") AND item_id = :f"
		   " AND period BETWEEN :from AND :to) x GROUP BY unit_id");
	if (!st)
		return -1;
	db_bind_ids(st, k->ids, k->n);
	db_bind_int(st, ":f", k->form);
	db_bind_text(st, ":from", k->from);
	db_bind_text(st, ":to", last_begun);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct acc *u = acc_of(k, db_col_int(st, 0));
		if (u) {
			u->c.received += db_col_int(st, 1);
			u->c.late += db_col_int(st, 2);
		}
	}
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	struct period end = first;
	period_step(&end, begun - 1);
	char d1[11], d2[11];
	period_days(&end, d1, d2);
	st = db_prepare(k->db,
			"SELECT unit_id, day, starts, ends FROM team_span"
			" WHERE unit_id IN (" DB_IDS ") AND day <= :last ORDER BY unit_id, day");
	if (!st)
		return -1;
	db_bind_ids(st, k->ids, k->n);
	db_bind_text(st, ":last", d2);
	VEC(struct team_span_row) rows = {0};
	long long *per = arena_alloc(k->a, (size_t)begun * sizeof *per);
	long long unit = 0;
	for (;;) {
		rc = db_step(st);
		long long id = rc == DB_ROW ? db_col_int(st, 0) : 0;
		if (rows.n && id != unit) { /* the previous unit's rows are all in */
			struct acc *u = acc_of(k, unit);
			rollup_expected_walk(rows.items, rows.n, &first, begun, per);
			for (int i = 0; u && i < begun; i++)
				u->c.expected += per[i];
			rows.n = 0;
		}
		if (rc != DB_ROW)
			break;
		unit = id;
		struct team_span_row *s = VEC_PUSH(k->a, &rows);
		snprintf(s->day, sizeof s->day, "%s", db_col_text(st, 1));
		s->starts = db_col_int(st, 2);
		s->ends = db_col_int(st, 3);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The slots of s, empty: nothing read yet. */
static void slots_empty(struct arena *a, struct slots *s)
{
	size_t m = (size_t)s->ni + 1;
	s->flow = arena_alloc(a, m * sizeof *s->flow);
	s->target = arena_alloc(a, m * sizeof *s->target);
	s->below = arena_alloc(a, m * sizeof *s->below);
	s->stock = arena_alloc(a, m * sizeof *s->stock);
	for (int i = 0; i < s->ni; i++) {
		s->flow[i] = 0;
		s->target[i] = s->below[i] = -1;
		memset(&s->stock[i], 0, sizeof s->stock[i]);
	}
}

/* Unit u's forms that say something about p and their indicators. */
static int read_catalog(struct db *db, struct arena *a, const struct period *p, struct acc *u)
{
	struct form *forms;
	int nf;
	if (catalog_forms(db, a, u->u->id, &forms, &nf) != RES_OK)
		return -1;
	u->forms = arena_alloc(a, (size_t)(nf + 1) * sizeof *u->forms);
	for (int f = 0; f < nf; f++) {
		char from[PERIOD_TEXT], to[PERIOD_TEXT];
		if (period_range(p, forms[f].grain, from, to) != 0)
			continue; /* a monthly form has nothing to say about a week */
		struct slots *s = &u->forms[u->nf++];
		s->form = &forms[f];
		if (catalog_form_indicators(db, a, forms[f].id, u->u->id, &s->inds, &s->ni) !=
		    RES_OK)
			return -1;
		slots_empty(a, s);
	}
	return 0;
}

/* Each unit's forms that say something about p, and their indicators,
 * with their slots. A unit with no unit above it (or itself) that owns a
 * form or an indicator sees the national catalogue only: those units
 * share one read of it; the others are read one by one. */
static int read_catalogs(struct db *db, struct arena *a, const struct period *p, struct acc *acc,
			 int n)
{
	char *own = arena_alloc(a, (size_t)n + 1); /* its catalogue is its own */
	memset(own, 0, (size_t)n + 1);
	for (int j = 0; j < n; j += DB_IDS_MAX) {
		long long ids[DB_IDS_MAX];
		int k = 0;
		for (; k < DB_IDS_MAX && j + k < n; k++)
			ids[k] = acc[j + k].u->id;
		struct db_stmt *st = db_prepare(
		    db, "SELECT DISTINCT x.unit_id FROM unit_tree x WHERE x.unit_id IN (" DB_IDS ")"
			" AND x.ancestor_id IN (SELECT owner_unit_id FROM form"
			"  UNION SELECT owner_unit_id FROM indicator)");
		if (!st)
			return -1;
		db_bind_ids(st, ids, k);
		int rc;
		while ((rc = db_step(st)) == DB_ROW)
			for (int i = 0; i < k; i++)
				if (ids[i] == db_col_int(st, 0))
					own[j + i] = 1;
		db_done(st);
		if (rc != DB_DONE)
			return -1;
	}
	const struct acc *national = NULL;
	for (int j = 0; j < n; j++) {
		struct acc *u = &acc[j];
		if (own[j] || !national) {
			if (read_catalog(db, a, p, u) != 0)
				return -1;
			if (!own[j])
				national = u;
			continue;
		}
		u->nf = national->nf;
		u->forms = arena_alloc(a, (size_t)(u->nf + 1) * sizeof *u->forms);
		for (int f = 0; f < u->nf; f++) {
			u->forms[f].form = national->forms[f].form;
			u->forms[f].inds = national->forms[f].inds;
			u->forms[f].ni = national->forms[f].ni;
			slots_empty(a, &u->forms[f]);
		}
	}
	return 0;
}

/* The reads of a chunk (its targets too when targets). */
static int read_chunk(struct chunk *k, const struct period *p, enum period_kind grain,
		      const char *today, int targets)
{
	if ((k->flows && read_flows(k) != 0) || (k->stocks && read_stocks(k, grain) != 0) ||
	    (targets && p->kind != PERIOD_WEEK && read_targets(k) != 0) ||
	    read_completeness(k, today) != 0)
		return -1;
	return 0;
}

/* Add unit u (with slots sl of the chunk's form) to the chunk. */
static void chunk_add(struct chunk *k, struct acc *u, const struct slots *sl)
{
	for (int i = 0; i < sl->ni; i++) {
		int stock = strcmp(sl->inds[i].aggregation, "latest") == 0;
		k->stocks |= stock;
		k->flows |= !stock;
	}
	k->units[k->n] = u;
	k->ids[k->n++] = u->u->id;
	if (u->u->lvl == LEVEL_VILLAGE)
		k->villages = 1;
	else
		k->others = 1;
}

/* Of the grain periods [from, to], those that begin while u exists (as
 * then) into cf, ct: 1 when all of them, 0 when some, -1 when none. */
static int clip(const struct unit *u, enum period_kind grain, const char *from, const char *to,
		char cf[PERIOD_TEXT], char ct[PERIOD_TEXT])
{
	char k[PERIOD_TEXT];
	memcpy(cf, from, PERIOD_TEXT);
	memcpy(ct, to, PERIOD_TEXT);
	if (strcmp(u->valid_from, "0001-01-01") > 0) {
		reorg_cut_key(u->valid_from, grain, k);
		if (strcmp(k, cf) > 0)
			memcpy(cf, k, PERIOD_TEXT);
	}
	if (*u->valid_to) {
		char day[11];
		struct period c;
		period_date_add(u->valid_to, 1, day);
		reorg_cut_key(day, grain, k);
		period_parse(k, &c);
		period_step(&c, -1);
		period_format(&c, k);
		if (strcmp(k, ct) < 0)
			memcpy(ct, k, PERIOD_TEXT);
	}
	if (strcmp(cf, ct) > 0)
		return -1;
	return strcmp(cf, from) == 0 && strcmp(ct, to) == 0;
}

/* Read form f of p for the units that have it, DB_IDS_MAX at a time; as
 * then, a unit that exists for part of p alone, over its part. */
static int read_form(struct db *db, struct arena *a, const struct period *p, const struct form *f,
		     struct acc *acc, int n, enum progress_as as, const char *today)
{
	struct chunk k = {.db = db, .a = a, .form = f->id};
	period_format(p, k.key);
	period_range(p, f->grain, k.from, k.to);
	k.coarse = rollup_flow_range(p, f->grain, k.flow_from, k.flow_to) == 1;
	for (int j = 0; j < n;) {
		k.n = k.villages = k.others = k.flows = k.stocks = 0;
		for (; j < n && k.n < DB_IDS_MAX; j++) {
			const struct slots *sl = slots_of(&acc[j], f->id);
			if (!sl)
				continue;
			struct chunk part = k;
			int whole = as == AS_THEN
					? clip(acc[j].u, f->grain, k.from, k.to, part.from, part.to)
					: 1;
			if (whole > 0) {
				chunk_add(&k, &acc[j], sl);
			} else if (whole == 0) {
				part.n = part.villages = part.others = part.flows = part.stocks = 0;
				part.coarse = 0;
				memcpy(part.flow_from, part.from, PERIOD_TEXT);
				memcpy(part.flow_to, part.to, PERIOD_TEXT);
				chunk_add(&part, &acc[j], sl);
				if (read_chunk(&part, p, f->grain, today, 1) != 0)
					return -1;
			}
		}
		if (k.n && read_chunk(&k, p, f->grain, today, 1) != 0)
			return -1;
	}
	return 0;
}

/* As now, a village formed by merging others counts their history: each
 * whole predecessor's reports, stocks and teams read into its slots (not
 * their targets: a person carries those). */
static int read_predecessors(struct db *db, struct arena *a, const struct period *p,
			     struct acc *acc, int n, const char *today)
{
	for (int j = 0; j < n; j += DB_IDS_MAX) {
		long long ids[DB_IDS_MAX];
		int m = 0;
		for (int i = j; i < n && i < j + DB_IDS_MAX; i++)
			if (acc[i].u->lvl == LEVEL_VILLAGE)
				ids[m++] = acc[i].u->id;
		if (!m)
			continue;
		struct db_stmt *st = db_prepare(
		    db, "SELECT s.new_id, s.old_id FROM unit_succession s JOIN unit o"
			" ON o.id = s.old_id AND o.level = 'village' WHERE s.new_id IN (" DB_IDS ")"
			" AND s.share = 'whole' ORDER BY s.new_id, s.old_id");
		if (!st)
			return -1;
		db_bind_ids(st, ids, m);
		VEC(long long) pairs = {0};
		int rc;
		while ((rc = db_step(st)) == DB_ROW) {
			*VEC_PUSH(a, &pairs) = db_col_int(st, 0);
			*VEC_PUSH(a, &pairs) = db_col_int(st, 1);
		}
		db_done(st);
		if (rc != DB_DONE)
			return -1;
		for (int q = 0; q + 1 < pairs.n; q += 2) {
			struct acc *u = NULL;
			for (int i = j; i < n && i < j + DB_IDS_MAX && !u; i++)
				if (acc[i].u->id == pairs.items[q])
					u = &acc[i];
			for (int f = 0; u && f < u->nf; f++) {
				struct chunk k = {.db = db, .a = a, .form = u->forms[f].form->id};
				period_format(p, k.key);
				period_range(p, u->forms[f].form->grain, k.from, k.to);
				memcpy(k.flow_from, k.from, PERIOD_TEXT);
				memcpy(k.flow_to, k.to, PERIOD_TEXT);
				chunk_add(&k, u, &u->forms[f]);
				k.ids[0] = pairs.items[q + 1]; /* read as the predecessor */
				if (read_chunk(&k, p, u->forms[f].form->grain, today, 0) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* The items of one unit, in its forms' order, from its slots. */
static void items_of(struct arena *a, const struct acc *u, const char *p_first,
		     struct progress_row *out)
{
	VEC(struct progress_item) v = {0};
	for (int f = 0; f < u->nf; f++) {
		const struct slots *s = &u->forms[f];
		for (int i = 0; i < s->ni; i++) {
			struct progress_item *it = VEC_PUSH(a, &v);
			memset(it, 0, sizeof *it);
			it->ind = &s->inds[i];
			it->stock = strcmp(s->inds[i].aggregation, "latest") == 0;
			if (it->stock) {
				const struct stock_value *sv = &s->stock[i];
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
				it->actual = s->flow[i];
			}
			it->target = s->target[i];
			it->percent = it->target > 0 ? (int)(it->actual * 100 / it->target) : -1;
			it->children_targets = u->u->lvl == LEVEL_VILLAGE ? -1 : s->below[i];
		}
	}
	out->items = v.items;
	out->n = v.n;
	out->c = u->c;
	out->c.on_time = out->c.received - out->c.late;
	out->c.missing = out->c.expected > out->c.received ? out->c.expected - out->c.received : 0;
}

int progress_many(struct db *db, struct arena *a, const struct unit *units, int n,
		  const struct period *p, time_t now, struct progress_row *out)
{
	return progress_many_as(db, a, units, n, p, AS_NOW, now, out);
}

int progress_existed(const struct unit *u, const struct period *p)
{
	char first[11], last[11];
	period_days(p, first, last);
	return strcmp(u->valid_from, last) <= 0 &&
	       (!*u->valid_to || strcmp(u->valid_to, first) >= 0);
}

int progress_many_as(struct db *db, struct arena *a, const struct unit *units, int n,
		     const struct period *p, enum progress_as as, time_t now,
		     struct progress_row *out)
{
	char today[11], p_first[11], p_last[11];
	date_local(now, today);
	period_days(p, p_first, p_last);
	struct acc *acc = arena_alloc(a, (size_t)(n + 1) * sizeof *acc);
	memset(acc, 0, (size_t)(n + 1) * sizeof *acc);
	for (int j = 0; j < n; j++)
		acc[j].u = &units[j];
	if (read_catalogs(db, a, p, acc, n) != 0)
		return RES_ERROR;
	/* every distinct form once, over the units that have it */
	VEC(long long) done = {0};
	for (int j = 0; j < n; j++)
		for (int f = 0; f < acc[j].nf; f++) {
			const struct form *form = acc[j].forms[f].form;
			int seen = 0;
			for (int d = 0; d < done.n; d++)
				seen |= done.items[d] == form->id;
			if (seen)
				continue;
			*VEC_PUSH(a, &done) = form->id;
			if (read_form(db, a, p, form, acc + j, n - j, as, today) != 0)
				return RES_ERROR;
		}
	if (as == AS_NOW && read_predecessors(db, a, p, acc, n, today) != 0)
		return RES_ERROR;
	for (int j = 0; j < n; j++)
		items_of(a, &acc[j], p_first, &out[j]);
	return RES_OK;
}

int progress_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct period *p, time_t now, struct progress_item **items, int *n,
		 struct completeness *c)
{
	return progress_get_as(db, a, who, unit, p, AS_NOW, now, items, n, c);
}

int progress_get_as(struct db *db, struct arena *a, const struct user *who, long long unit,
		    const struct period *p, enum progress_as as, time_t now,
		    struct progress_item **items, int *n, struct completeness *c)
{
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, unit))
		return RES_NOT_FOUND;
	struct progress_row row;
	rc = progress_many_as(db, a, &u, 1, p, as, now, &row);
	*items = row.items;
	*n = row.n;
	*c = row.c;
	return rc;
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
		    "WITH " PENDING_REPORTS ", pend(unit_id, n) AS (SELECT unit_id, sum(value)"
		    " FROM pending WHERE item_id = :f AND period = :p GROUP BY unit_id)"
		    " SELECT c.id FROM unit_tree x JOIN unit c ON c.id = x.unit_id"
		    " AND c.level = 'commune' LEFT JOIN pend ON pend.unit_id = c.id"
		    " WHERE x.ancestor_id = :u"
		    " AND (SELECT coalesce(sum(starts), 0) FROM team_span s"
		    "  WHERE s.unit_id = c.id AND s.day <= :last)"
		    " - (SELECT coalesce(sum(ends), 0) FROM team_span s"
		    "  WHERE s.unit_id = c.id AND s.day <= :first)"
		    " > (SELECT coalesce(sum(received), 0) FROM agg_report g WHERE g.unit_id = c.id"
		    "  AND g.form_id = :f AND g.period = :p) + coalesce(pend.n, 0)"
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
