/* villages_unmerge.c: a merge of villages undone while nothing of the new
 * village was saved since: the members and accounts back where they were,
 * the old teams and villages open again (their stocks reopened), the new
 * team and village gone. What the merge changed is in village_merge_undo
 * (db/sqlite/020_reversible.sql). */
#include "core/reorg.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

/* The village's last merge: 1 (and its fields), 0 when none, -1. */
struct merge_rec {
	long long id, village, team, audit_seq, team_seq;
	char day[11];
};

static int merge_of(struct db *db, long long village, struct merge_rec *m)
{
	memset(m, 0, sizeof *m);
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, coalesce(m.team_id, 0), m.effective_on, m.audit_seq, m.team_seq"
		" FROM village_merge m JOIN unit u ON u.id = m.village_id AND u.valid_to IS NULL"
		" WHERE m.village_id = :v ORDER BY m.id DESC LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		m->id = db_col_int(st, 0);
		m->village = village;
		m->team = db_col_int(st, 1);
		snprintf(m->day, sizeof m->day, "%s", db_col_text(st, 2));
		m->audit_seq = db_col_int(st, 3);
		m->team_seq = db_col_int(st, 4);
	}
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Was anything of the new village saved after its merge (an audit row, a
 * team, a move, a merge or split of it)? 1, 0, -1. */
static int touched(struct db *db, const struct merge_rec *m)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT 1 FROM audit WHERE unit_id = :v AND id > :as"
			   " UNION ALL SELECT 1 FROM team WHERE unit_id = :v AND id > :ts"
			   " UNION ALL SELECT 1 FROM unit_move WHERE unit_id = :v"
			   " UNION ALL SELECT 1 FROM unit_succession WHERE old_id = :v"
			   " UNION ALL SELECT 1 FROM unit WHERE parent_id = :v");
	if (!st)
		return -1;
	db_bind_int(st, ":v", m->village);
	db_bind_int(st, ":as", m->audit_seq);
	db_bind_int(st, ":ts", m->team_seq);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int villages_unmerge_info(struct db *db, long long village, int *reversible)
{
	struct merge_rec m;
	int found = merge_of(db, village, &m);
	int t = found == 1 ? touched(db, &m) : 0;
	if (found < 0 || t < 0)
		return RES_ERROR;
	*reversible = !t;
	return found ? RES_OK : RES_NOT_FOUND;
}

enum { BIND_M = 1, BIND_V = 2, BIND_T = 4 };

/* Run st with what it names bound (:m the merge, :v the new village, :t
 * the new team): 0 or -1. */
static int run(struct db_stmt *st, const struct merge_rec *m, unsigned binds)
{
	if (!st)
		return -1;
	if (binds & BIND_M)
		db_bind_int(st, ":m", m->id);
	if (binds & BIND_V)
		db_bind_int(st, ":v", m->village);
	if (binds & BIND_T)
		db_bind_int(st, ":t", m->team);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* The old teams open again: their stocks reopened at the closing point
 * the dissolution made, then the dissolution itself taken back (which
 * gives their lives back to team_span). */
static int reopen_teams(struct db *db, struct arena *a, const struct merge_rec *m)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.id, t.unit_id, t.dissolved_on FROM village_merge_undo x"
		" JOIN team t ON t.id = x.row_id WHERE x.merge_id = :m AND x.what = 'team'"
		" AND t.dissolved_on IS NOT NULL ORDER BY t.id");
	if (!st)
		return -1;
	db_bind_int(st, ":m", m->id);
	struct old {
		long long team, village;
		char day[11];
	};
	VEC(struct old) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct old *o = VEC_PUSH(a, &v);
		o->team = db_col_int(st, 0);
		o->village = db_col_int(st, 1);
		snprintf(o->day, sizeof o->day, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	for (int i = 0; i < v.n; i++) {
		if (rollup_dissolve(db, v.items[i].team, v.items[i].village, v.items[i].day, -1) !=
		    0)
			return -1;
		st = db_prepare(db, "UPDATE team SET dissolved_on = NULL, dissolved_reason = ''"
				    " WHERE id = :t");
		if (!st)
			return -1;
		db_bind_int(st, ":t", v.items[i].team);
		if (db_run(st) != DB_OK)
			return -1;
	}
	return 0;
}

int villages_unmerge(struct db *db, struct arena *a, const struct user *who, long long village,
		     struct field_errors *fe)
{
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct merge_rec m;
	int found = merge_of(db, village, &m);
	int res = found < 0 ? RES_ERROR : !found ? RES_NOT_FOUND : RES_OK;
	if (res == RES_OK && !scope_has(db, who, village))
		res = RES_NOT_FOUND;
	if (res == RES_OK && !teams_may_write(who))
		res = RES_FORBIDDEN;
	int t = res == RES_OK ? touched(db, &m) : 0;
	if (t < 0)
		res = RES_ERROR;
	if (t > 0) {
		field_error_add(fe, "village",
				N_("something of the new village was saved since the merge:"
				   " it can no longer be undone"),
				NULL);
		res = RES_INVALID;
	}
	long long commune = 0;
	struct db_stmt *st;
	if (res == RES_OK) {
		st = db_prepare(db, "SELECT parent_id FROM unit WHERE id = :v");
		if (st) {
			db_bind_int(st, ":v", village);
			if (db_step(st) == DB_ROW)
				commune = db_col_int(st, 0);
			db_done(st);
		}
	}
	/* members and accounts back */
	if (res == RES_OK &&
	    (run(db_prepare(db,
			    "UPDATE member SET team_id = (SELECT x.was FROM village_merge_undo x"
			    " WHERE x.merge_id = :m AND x.what = 'member' AND x.row_id = member.id)"
			    " WHERE team_id = :t AND id IN (SELECT row_id FROM village_merge_undo"
			    " WHERE merge_id = :m AND what = 'member')"),
		 &m, BIND_M | BIND_T) != 0 ||
	     run(db_prepare(
		     db, "UPDATE app_user SET scope_unit_id = (SELECT x.was"
			 " FROM village_merge_undo x WHERE x.merge_id = :m AND x.what = 'account'"
			 " AND x.row_id = app_user.id) WHERE scope_unit_id = :v AND id IN"
			 " (SELECT row_id FROM village_merge_undo WHERE merge_id = :m"
			 " AND what = 'account')"),
		 &m, BIND_M | BIND_V) != 0))
		res = RES_ERROR;
	/* the old villages open again, the old teams with them */
	if (res == RES_OK &&
	    (run(db_prepare(db, "UPDATE unit SET valid_to = NULL WHERE id IN (SELECT old_id"
				" FROM unit_succession WHERE new_id = :v)"),
		 &m, BIND_V) != 0 ||
	     reopen_teams(db, a, &m) != 0))
		res = RES_ERROR;
	/* the merge's record, the new team (its life with it) and the new
	 * village gone: its links, its (now empty) roll-up rows, its place in
	 * the tree */
	if (res == RES_OK &&
	    (rollup_fold(db) != 0 ||
	     run(db_prepare(db, "DELETE FROM village_merge_undo WHERE merge_id = :m"), &m,
		 BIND_M) != 0 ||
	     run(db_prepare(db, "DELETE FROM village_merge WHERE id = :m"), &m, BIND_M) != 0 ||
	     (m.team && run(db_prepare(db, "DELETE FROM team WHERE id = :t"), &m, BIND_T) != 0) ||
	     run(db_prepare(db, "DELETE FROM unit_succession WHERE new_id = :v"), &m, BIND_V) !=
		 0 ||
	     run(db_prepare(db, "DELETE FROM team_span WHERE unit_id = :v"), &m, BIND_V) != 0 ||
	     run(db_prepare(db, "DELETE FROM agg_stock WHERE unit_id = :v"), &m, BIND_V) != 0 ||
	     run(db_prepare(db, "DELETE FROM agg_report WHERE unit_id = :v"), &m, BIND_V) != 0 ||
	     run(db_prepare(db, "DELETE FROM unit_tree WHERE unit_id = :v"), &m, BIND_V) != 0 ||
	     run(db_prepare(db, "DELETE FROM unit WHERE id = :v"), &m, BIND_V) != 0))
		res = RES_ERROR;
	char detail[96];
	snprintf(detail, sizeof detail, "{\"village\":%lld,\"effective\":\"%s\"}", village, m.day);
	return tx_end(db, res, who, "unmerge", "village", village, commune, detail);
}
