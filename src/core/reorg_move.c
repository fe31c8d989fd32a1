/* reorg_move.c: a village moved to another commune with its teams and
 * their history: the roll-ups of its old and new ancestors changed by its
 * share, set-wise, in the transaction that rewires the tree; and undone,
 * by the same statements negated, while nothing has changed its rows. */
#include "core/reorg.h"
#include "core/rollup.h"
#include "core/periods.h"
#include "core/scope.h"
#include "core/tx.h"
#include "core/units_diff.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

#define COUNTED "('submitted', 'accepted')"

/* The units whose roll-ups change, by mode: 1 the new ancestors (the whole
 * history added), -1 the old ones still open (the whole history taken),
 * -2 the old ones closed before the move (the grain periods that begin on
 * or after :day taken; the rest is their history "as then"). */
#define TARGETS                                                                                    \
	"tg(unit_id, mode) AS (SELECT n.ancestor_id, 1 FROM unit_tree n WHERE n.unit_id = :to"     \
	" AND n.ancestor_id NOT IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = :from)"      \
	" UNION ALL SELECT o.ancestor_id, CASE WHEN u.valid_to IS NULL OR u.valid_to >= :day"      \
	" THEN -1 ELSE -2 END FROM unit_tree o JOIN unit u ON u.id = o.ancestor_id"                \
	" WHERE o.unit_id = :from"                                                                 \
	" AND o.ancestor_id NOT IN (SELECT ancestor_id FROM unit_tree WHERE unit_id = :to))"
/* The first grain period of a key's kind no longer counted under a closed
 * ancestor. */
#define CUT(col) "CASE WHEN substr(" col ", 5, 1) = 'W' THEN :cw ELSE :cm END"
/* The village's flows from its teams' counted reports (a village has no
 * rows in agg). */
#define FLOWS                                                                                      \
	"x AS (SELECT v.indicator_id, r.period, sum(v.value) AS value, count(*) AS n"              \
	" FROM team t JOIN report r ON r.team_id = t.id AND r.status IN " COUNTED                  \
	" JOIN report_value v ON v.report_id = r.id JOIN indicator i ON i.id = v.indicator_id"     \
	" AND i.aggregation = 'sum' WHERE t.unit_id = :v GROUP BY v.indicator_id, r.period)"
#define PLUS(e) "(CASE WHEN tg.mode > 0 THEN " e " ELSE -" e " END) * :sign"

struct move {
	long long village, from, to;
	const char *day;
	int sign; /* 1 the move, -1 the move undone */
	char cw[PERIOD_TEXT], cm[PERIOD_TEXT];
};

void reorg_cut_key(const char *day, enum period_kind kind, char out[PERIOD_TEXT])
{
	struct period p;
	char first[11], last[11];
	period_of(day, kind, &p);
	period_days(&p, first, last);
	if (strcmp(first, day) < 0)
		period_step(&p, 1);
	period_format(&p, out);
}

enum { CUT_WEEK = 1, CUT_MONTH = 2, CUTS = 3, SIGNED = 4 };

/* Bind what a statement of the move uses (the cuts it names); run it. */
static int run(struct db_stmt *st, const struct move *m, unsigned cuts)
{
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	db_bind_text(st, ":day", m->day);
	if (cuts & CUT_WEEK)
		db_bind_text(st, ":cw", m->cw);
	if (cuts & CUT_MONTH)
		db_bind_text(st, ":cm", m->cm);
	if (cuts & SIGNED)
		db_bind_int(st, ":sign", m->sign);
	return db_run(st) == DB_OK ? 0 : -1;
}

static int move_flows(struct db *db, const struct move *m)
{
	/* what this transaction queued is in the roll-ups first: the move
	 * carries what they hold */
	if (rollup_fold(db) != 0)
		return -1;
	struct db_stmt *st = db_prepare(
	    db, "WITH " TARGETS ", " FLOWS
		" INSERT INTO agg(unit_id, indicator_id, period, value, reports, stripe)"
		" SELECT tg.unit_id, x.indicator_id, x.period, " PLUS("x.value") ", " PLUS(
		    "x.n") ", 0 FROM tg JOIN x ON tg.mode > -2 OR x.period "
			   ">= " CUT("x.period") " ORDER BY 1, 3, 2 ON "
						 "CONFLICT(unit_id, period, "
						 "stripe, indicator_id) DO UPDATE "
						 "SET"
						 " value = agg.value + "
						 "excluded.value, reports = "
						 "agg.reports + excluded.reports");
	if (run(st, m, CUTS | SIGNED) != 0)
		return -1;
	/* a week's flows under its month and year too */
	st = db_prepare(
	    db,
	    "WITH " TARGETS ", " FLOWS
	    " INSERT INTO agg_coarse(unit_id, period, stripe, indicator_id, value, reports)"
	    " SELECT tg.unit_id, w.period, 0, x.indicator_id, sum(" PLUS(
		"x.value") "),"
			   " sum(" PLUS("x.n") ") FROM tg JOIN x ON tg.mode > -2 OR x.period >= :cw"
					       " JOIN week_period w ON w.week = x.period"
					       " GROUP BY tg.unit_id, w.period, x.indicator_id "
					       "ORDER BY 1, 2, 4"
					       " ON CONFLICT(unit_id, period, stripe, "
					       "indicator_id) DO UPDATE SET"
					       " value = agg_coarse.value + excluded.value,"
					       " reports = agg_coarse.reports + excluded.reports");
	return run(st, m, CUT_WEEK | SIGNED);
}

/* The counted reports, the stocks and the teams' lives: the village's own
 * rows (which these roll-ups keep from the village up). A closed ancestor
 * keeps the stocks and the teams it had until the cut: there its values
 * are closed (their sum taken back at the cut) and its teams end. */
static int move_rest(struct db *db, const struct move *m)
{
	struct db_stmt *st = db_prepare(
	    db, "WITH " TARGETS
		" INSERT INTO agg_report(unit_id, form_id, period, received, late, stripe)"
		" SELECT tg.unit_id, g.form_id, g.period, sum(" PLUS(
		    "g.received") "),"
				  " sum(" PLUS(
				      "g.late") "), 0 FROM tg JOIN agg_report g ON g.unit_id = :v"
						" AND (tg.mode > -2 OR g.period >= " CUT(
						    "g.period") ")"
								" GROUP BY tg.unit_id, g.form_id, "
								"g.period ORDER BY 1, 2, 3"
								" ON CONFLICT(unit_id, form_id, "
								"period, stripe) DO UPDATE SET"
								" received = agg_report.received + "
								"excluded.received,"
								" late = agg_report.late + "
								"excluded.late");
	if (run(st, m, CUTS | SIGNED) != 0)
		return -1;
	st = db_prepare(
	    db, "WITH " TARGETS " INSERT INTO agg_stock(unit_id, indicator_id, period, value, "
		"teams, reports, stripe)"
		" SELECT tg.unit_id, s.indicator_id, CASE WHEN tg.mode = -2 AND s.period "
		"< " CUT("s.period") " THEN " CUT(
		    "s.period") " ELSE s.period END AS pk,"
				" sum(" PLUS("s.value") "), sum(" PLUS(
				    "s.teams") "),"
					       " :sign * sum(CASE WHEN tg.mode > 0 THEN s.reports"
					       " WHEN tg.mode = -1"
					       " OR s.period >= " CUT(
						   "s.period") " THEN -s.reports ELSE 0 END), 0"
							       " FROM tg JOIN agg_stock s ON "
							       "s.unit_id = :v"
							       " GROUP BY tg.unit_id, "
							       "s.indicator_id, pk ORDER BY 1, "
							       "3, 2"
							       " ON CONFLICT(unit_id, period, "
							       "stripe, indicator_id) DO "
							       "UPDATE SET"
							       " value = agg_stock.value + "
							       "excluded.value,"
							       " teams = agg_stock.teams + "
							       "excluded.teams,"
							       " reports = agg_stock.reports + "
							       "excluded.reports");
	if (run(st, m, CUTS | SIGNED) != 0)
		return -1;
	st = db_prepare(
	    db,
	    "WITH " TARGETS " INSERT INTO team_span(unit_id, day, starts, ends)"
	    " SELECT tg.unit_id, CASE WHEN tg.mode = -2 AND s.day < :day THEN :day"
	    " ELSE s.day END AS d,"
	    " :sign * sum(CASE WHEN tg.mode > 0 THEN s.starts WHEN tg.mode = -1 OR s.day >= :day"
	    " THEN -s.starts ELSE 0 END),"
	    " :sign * sum(CASE WHEN tg.mode > 0 THEN s.ends WHEN tg.mode = -1 OR s.day >= :day"
	    " THEN -s.ends ELSE s.starts - s.ends END)"
	    " FROM tg JOIN team_span s ON s.unit_id = :v GROUP BY tg.unit_id, d ORDER BY 1, 2"
	    " ON CONFLICT(unit_id, day) DO UPDATE SET starts = team_span.starts + excluded.starts,"
	    " ends = team_span.ends + excluded.ends");
	return run(st, m, SIGNED);
}

/* The village's tree under parent: its ancestors' closure rows and its
 * parent. */
static int replant(struct db *db, long long village, long long parent)
{
	struct db_stmt *st =
	    db_prepare(db, "DELETE FROM unit_tree WHERE unit_id = :v AND depth > 0");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	if (db_run(st) != DB_OK)
		return -1;
	st = db_prepare(db, "INSERT INTO unit_tree(ancestor_id, unit_id, depth)"
			    " SELECT ancestor_id, :v, depth + 1 FROM unit_tree WHERE unit_id = :p");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	db_bind_int(st, ":p", parent);
	if (db_run(st) != DB_OK)
		return -1;
	st = db_prepare(db, "UPDATE unit SET parent_id = :p WHERE id = :v");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	db_bind_int(st, ":p", parent);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* The closed ancestors keep their closure rows (until the cut) for langso
 * check; the village's tree is rewired under to. */
static int rewire(struct db *db, const struct user *who, const struct move *m)
{
	struct db_stmt *st = db_prepare(
	    db, "WITH " TARGETS
		" INSERT INTO unit_tree_past(ancestor_id, unit_id, cut_day, cut_week, cut_month)"
		" SELECT unit_id, :v, :day, :cw, :cm FROM tg WHERE mode = -2 ORDER BY 1"
		" ON CONFLICT DO NOTHING");
	if (run(st, m, CUTS) != 0)
		return -1;
	if (replant(db, m->village, m->to) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO unit_move(unit_id, from_id, to_id, effective_on, moved_by,"
			    " audit_seq, team_seq) SELECT :v, :from, :to, :day, :by,"
			    " (SELECT coalesce(max(id), 0) FROM audit),"
			    " (SELECT coalesce(max(id), 0) FROM team)");
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	db_bind_text(st, ":day", m->day);
	db_bind_id(st, ":by", who ? who->id : 0);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* Has commune a current village named name? 1, 0, -1 on error. */
static int name_taken(struct db *db, long long commune, const char *name)
{
	struct buf fold = BUF_INIT;
	text_fold(&fold, name);
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM unit WHERE parent_id = :c"
					    " AND valid_to IS NULL AND name_fold = :f");
	int rc = DB_ERR;
	if (st) {
		db_bind_int(st, ":c", commune);
		db_bind_text(st, ":f", buf_cstr(&fold));
		rc = db_step(st);
		db_done(st);
	}
	buf_release(&fold);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* A village moving into a commune that has one of its name ("Thôn 1" of
 * two merged communes) takes its old commune's name after it ("Thôn 1
 * (Quán Thánh)"), kept as a change of name: village names are unique in
 * a commune, since files name villages by them. */
static int unique_name(struct db *db, const struct user *who, const struct move *m)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT v.name, v.kind, c.name, c.kind, EXISTS (SELECT 1 FROM unit o"
		" WHERE o.parent_id = :to AND o.valid_to IS NULL AND o.name_fold = v.name_fold"
		" AND o.id <> v.id) FROM unit v JOIN unit c ON c.id = :from WHERE v.id = :v");
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_int(st, ":from", m->from);
	db_bind_int(st, ":to", m->to);
	int rc = db_step(st);
	if (rc != DB_ROW || !db_col_int(st, 4)) {
		db_done(st);
		return rc == DB_ERR ? -1 : 0;
	}
	struct unit c = {.name = db_col_text(st, 2), .kind = db_col_text(st, 3)};
	char base[512], name[540], kind[64], old[256];
	snprintf(base, sizeof base, "%s (%s)", db_col_text(st, 0), units_bare_name(&c));
	snprintf(kind, sizeof kind, "%s", db_col_text(st, 1));
	snprintf(old, sizeof old, "%s", db_col_text(st, 0));
	db_done(st);
	/* two old communes of one name (from two districts): a number after */
	for (int k = 1; k < 100; k++) {
		if (k == 1)
			snprintf(name, sizeof name, "%s", base);
		else
			snprintf(name, sizeof name, "%s %d", base, k);
		int taken = name_taken(db, m->to, name);
		if (taken < 0)
			return -1;
		if (taken)
			continue;
		if (units_rename(db, m->village, name, kind) != RES_OK)
			return -1;
		return units_change_add(db, who, m->village, m->day, "name", old, name);
	}
	return -1;
}

int reorg_move_village(struct db *db, const struct user *who, long long village, long long to,
		       const char *day)
{
	struct db_stmt *st = db_prepare(db, "SELECT parent_id FROM unit WHERE id = :v");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	struct move m = {.village = village, .to = to, .day = day, .sign = 1};
	if (db_step(st) == DB_ROW)
		m.from = db_col_int(st, 0);
	db_done(st);
	if (!m.from || m.from == to)
		return m.from ? 0 : -1;
	reorg_cut_key(day, PERIOD_WEEK, m.cw);
	reorg_cut_key(day, PERIOD_MONTH, m.cm);
	if (move_flows(db, &m) != 0 || move_rest(db, &m) != 0 || unique_name(db, who, &m) != 0)
		return -1;
	return rewire(db, who, &m);
}

int reorg_period_closed(struct db *db, long long team, const char *key)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT 1 FROM team t JOIN unit_tree_past p ON p.unit_id = t.unit_id"
		" WHERE t.id = :t AND :k < CASE WHEN substr(:k, 5, 1) = 'W' THEN p.cut_week"
		" ELSE p.cut_month END LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":t", team);
	db_bind_text(st, ":k", key);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

void reorg_closed_error(struct db *db, long long team, const char *key, struct field_errors *fe)
{
	if (reorg_period_closed(db, team, key) == 1)
		field_error_add(fe, "period",
				N_("this period is kept as it was under units since reorganised:"
				   " it can no longer change"),
				NULL);
}

/* Has anything changed the village's own roll-up rows since its move (a
 * report saved or reviewed, a team made, changed or dissolved: an audit
 * row of it, or a team, newer than the last when it moved)? 1, 0, -1. */
static int changed_since(struct db *db, long long village, long long audit_seq, long long team_seq)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT 1 FROM team WHERE unit_id = :v AND id > :ts"
			   " UNION ALL SELECT 1 FROM audit WHERE unit_id = :v AND id > :as"
			   " AND entity IN ('team', 'report')");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	db_bind_int(st, ":ts", team_seq);
	db_bind_int(st, ":as", audit_seq);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The tree of the village back under from, its closed ancestors' kept
 * rows of the move dropped, the name it took there given back, the move
 * forgotten. */
static int unwire(struct db *db, const struct move *m, long long move_id, const char *at)
{
	struct db_stmt *st =
	    db_prepare(db, "DELETE FROM unit_tree_past WHERE unit_id = :v AND cut_day = :day");
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_text(st, ":day", m->day);
	if (db_run(st) != DB_OK)
		return -1;
	if (replant(db, m->village, m->from) != 0)
		return -1;
	/* the name taken in the new commune (unique_name), given back */
	st =
	    db_prepare(db, "SELECT c.id, c.old_value, u.kind FROM unit_change c"
			   " JOIN unit u ON u.id = c.unit_id WHERE c.unit_id = :v"
			   " AND c.field = 'name' AND c.effective_on = :day AND c.changed_at >= :at"
			   " ORDER BY c.id DESC LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_text(st, ":day", m->day);
	db_bind_text(st, ":at", at);
	long long change = 0;
	char name[512] = "", kind[64] = "";
	int rc = db_step(st);
	if (rc == DB_ROW) {
		change = db_col_int(st, 0);
		snprintf(name, sizeof name, "%s", db_col_text(st, 1));
		snprintf(kind, sizeof kind, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc == DB_ERR || (change && units_rename(db, m->village, name, kind) != RES_OK))
		return -1;
	st = db_prepare(db, "DELETE FROM unit_change WHERE id = :c");
	if (!st)
		return -1;
	db_bind_int(st, ":c", change);
	if (db_run(st) != DB_OK)
		return -1;
	st = db_prepare(db, "DELETE FROM unit_move WHERE id = :m");
	if (!st)
		return -1;
	db_bind_int(st, ":m", move_id);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* A village's last move, while it is still where it went. */
struct last_move {
	long long id, audit_seq, team_seq;
	struct move m;
	char day[11], at[32];
};

/* The last move of village into *lm: 1, 0 when none, -1 on error. */
static int last_move(struct db *db, long long village, struct last_move *lm)
{
	memset(lm, 0, sizeof *lm);
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, m.from_id, m.to_id, m.effective_on, m.moved_at, m.audit_seq,"
		" m.team_seq FROM unit_move m JOIN unit u ON u.id = m.unit_id"
		" AND u.parent_id = m.to_id AND u.valid_to IS NULL"
		" WHERE m.unit_id = :v ORDER BY m.id DESC LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		lm->id = db_col_int(st, 0);
		lm->m.village = village;
		lm->m.from = db_col_int(st, 1);
		lm->m.to = db_col_int(st, 2);
		snprintf(lm->day, sizeof lm->day, "%s", db_col_text(st, 3));
		snprintf(lm->at, sizeof lm->at, "%s", db_col_text(st, 4));
		lm->audit_seq = db_col_int(st, 5);
		lm->team_seq = db_col_int(st, 6);
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int reorg_unmove_in(struct db *db, long long village, long long from, long long to, const char *day,
		    long long *back_to)
{
	*back_to = 0;
	struct last_move lm;
	int found = last_move(db, village, &lm);
	if (found <= 0)
		return found < 0 ? RES_ERROR : RES_NOT_FOUND;
	if ((from && lm.m.from != from) || (to && lm.m.to != to) || (day && strcmp(day, lm.day)))
		return RES_NOT_FOUND;
	int changed = changed_since(db, village, lm.audit_seq, lm.team_seq);
	if (changed)
		return changed < 0 ? RES_ERROR : RES_CONFLICT;
	lm.m.sign = -1;
	lm.m.day = lm.day;
	reorg_cut_key(lm.day, PERIOD_WEEK, lm.m.cw);
	reorg_cut_key(lm.day, PERIOD_MONTH, lm.m.cm);
	/* the move's own statements over the same rows, every sum negated */
	if (move_flows(db, &lm.m) != 0 || move_rest(db, &lm.m) != 0 ||
	    unwire(db, &lm.m, lm.id, lm.at) != 0)
		return RES_ERROR;
	*back_to = lm.m.from;
	return RES_OK;
}

int reorg_unmove(struct db *db, const struct user *who, long long village, struct field_errors *fe,
		 long long *back_to)
{
	*back_to = 0;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct last_move lm;
	int found = last_move(db, village, &lm);
	int res = found < 0 ? RES_ERROR : !found ? RES_NOT_FOUND : RES_OK;
	/* its commune now in who's area */
	if (res == RES_OK && !scope_has(db, who, lm.m.to))
		res = RES_NOT_FOUND;
	if (res == RES_OK && !reorg_may_change(who))
		res = RES_FORBIDDEN;
	if (res == RES_OK)
		res = reorg_unmove_in(db, village, 0, 0, NULL, back_to);
	if (res == RES_CONFLICT) {
		field_error_add(fe, "village",
				N_("a report or a change of its team was saved since it moved:"
				   " the move can no longer be undone"),
				NULL);
		res = RES_INVALID;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "{\"from\":%lld,\"to\":%lld,\"effective\":\"%s\"}", lm.m.to,
		 lm.m.from, lm.day);
	return tx_end(db, res, who, "unmove", "unit", village, lm.m.from, detail);
}

int reorg_last_move(struct db *db, struct arena *a, long long village, struct village_move *mv)
{
	memset(mv, 0, sizeof *mv);
	struct last_move lm;
	int found = last_move(db, village, &lm);
	if (found <= 0)
		return found < 0 ? RES_ERROR : RES_NOT_FOUND;
	snprintf(mv->effective_on, sizeof mv->effective_on, "%s", lm.day);
	int changed = changed_since(db, village, lm.audit_seq, lm.team_seq);
	if (changed < 0 || units_get(db, a, lm.m.from, &mv->from) != RES_OK ||
	    units_get(db, a, lm.m.to, &mv->to) != RES_OK)
		return RES_ERROR;
	mv->reversible = !changed;
	return RES_OK;
}
