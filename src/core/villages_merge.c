/* villages_merge.c: villages merged by a commune's decision, from a file
 * of old village → new village. The old villages close the day before it
 * takes effect, linked whole to the new one; their teams are dissolved
 * that day with their reports kept; one new team, by the decision, takes
 * their members (with their join days and trainings) and the accounts of
 * their members. Read "as now", the new village counts its predecessors'
 * history (core/progress.c). */
#include "core/reorg.h"
#include "core/teams.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

enum { M_COMMUNE, M_OLD, M_NEW, M_DECISION, M_DATE, M_COLS };

static const struct csv_alias columns[] = {
    {M_COMMUNE, "commune_code"}, {M_COMMUNE, "ma xa"},		{M_OLD, "old_village"},
    {M_OLD, "thon cu"},		 {M_NEW, "new_village"},	{M_NEW, "thon moi"},
    {M_DECISION, "decision_no"}, {M_DECISION, "so quyet dinh"}, {M_DATE, "decision_date"},
    {M_DATE, "ngay quyet dinh"},
};

/* One row: an old village of a commune going into a new one. */
struct merge_row {
	int line;
	long long commune, old;
	const char *fresh, *key; /* the new village's name, folded */
	const char *decision, *date;
	int done; /* merged already */
};

static const char *cell_of(struct arena *a, const struct csv_row *row, int at)
{
	const char *s = at >= 0 && at < row->nfields ? row->fields[at] : "";
	struct buf b = BUF_INIT;
	text_nfc(&b, s);
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
	return out;
}

/* The village of commune named key: current (1), merged already into
 * one named fresh (0, *done set), or none (-1). */
static int village_of(struct db *db, long long commune, const char *key, const char *fresh,
		      long long *id, int *done)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT u.id, u.valid_to IS NULL, EXISTS (SELECT 1 FROM unit_succession s"
		" JOIN unit n ON n.id = s.new_id WHERE s.old_id = u.id AND n.name_fold = :fresh)"
		" FROM unit u WHERE u.parent_id = :c AND u.level = 'village' AND u.name_fold = :k"
		" ORDER BY u.valid_to IS NULL DESC, u.id DESC");
	if (!st)
		return -2;
	db_bind_int(st, ":c", commune);
	db_bind_text(st, ":k", key);
	db_bind_text(st, ":fresh", fresh);
	int rc = db_step(st), found = -1;
	*id = 0;
	*done = 0;
	if (rc == DB_ROW && (db_col_int(st, 1) || db_col_int(st, 2))) {
		*id = db_col_int(st, 0);
		*done = !db_col_int(st, 1);
		found = !*done;
	}
	db_done(st);
	return rc == DB_ERR ? -2 : found;
}

static int read_rows(struct db *db, struct arena *a, const struct user *who, const struct csv *c,
		     struct merge_row **out, int *n, struct import_result *r)
{
	int at[M_COLS];
	csv_columns(c, columns, sizeof columns / sizeof *columns, at, M_COLS);
	if (at[M_COMMUNE] < 0 || at[M_OLD] < 0 || at[M_NEW] < 0 || at[M_DECISION] < 0) {
		import_error_add(r, 1, 0, NULL,
				 N_("the file needs the columns commune_code, old_village,"
				    " new_village and decision_no"),
				 NULL);
		return RES_INVALID;
	}
	VEC(struct merge_row) v = {0};
	for (int i = 1; i < c->nrows; i++) {
		const struct csv_row *row = &c->rows[i];
		const char *code = cell_of(a, row, at[M_COMMUNE]),
			   *old = cell_of(a, row, at[M_OLD]);
		if (!*code && !*old)
			continue;
		r->rows++;
		struct merge_row *m = VEC_PUSH(a, &v);
		m->line = row->line;
		m->fresh = cell_of(a, row, at[M_NEW]);
		m->key = text_folded(a, m->fresh);
		m->decision = cell_of(a, row, at[M_DECISION]);
		m->date = cell_of(a, row, at[M_DATE]);
		m->commune = units_find(db, "commune", code);
		if (!m->commune || !units_in_scope(db, who->scope, m->commune)) {
			import_error_add(r, row->line, at[M_COMMUNE] + 1,
					 c->rows[0].fields[at[M_COMMUNE]],
					 N_("no commune with code %s in your area"), code);
			continue;
		}
		if (!*m->fresh || !*m->decision) {
			import_error_add(r, row->line, at[!*m->fresh ? M_NEW : M_DECISION] + 1,
					 NULL, N_("the new village and the decision are needed"),
					 NULL);
			continue;
		}
		int found =
		    village_of(db, m->commune, text_folded(a, old), m->key, &m->old, &m->done);
		if (found == -2)
			return RES_ERROR;
		if (found < 0)
			import_error_add(r, row->line, at[M_OLD] + 1, c->rows[0].fields[at[M_OLD]],
					 N_("no village named %s in this commune"), old);
	}
	/* a village goes into one new village only */
	for (int i = 0; i < v.n; i++)
		for (int j = 0; j < i; j++)
			if (v.items[i].old && v.items[i].old == v.items[j].old &&
			    strcmp(v.items[i].key, v.items[j].key) != 0)
				import_error_add(r, v.items[i].line, at[M_OLD] + 1, NULL,
						 N_("this village is merged twice in the file"),
						 NULL);
	*out = v.items;
	*n = v.n;
	return r->nerrors ? RES_INVALID : RES_OK;
}

struct id_list {
	long long *items;
	int n, cap;
};

/* The active teams of the villages of group g (rows with its commune and
 * key) into ids. */
static int old_teams(struct db *db, struct arena *a, const struct merge_row *rows, int n,
		     const struct merge_row *g, struct id_list *ids)
{
	for (int i = 0; i < n; i++) {
		if (rows[i].done || rows[i].commune != g->commune || strcmp(rows[i].key, g->key))
			continue;
		struct db_stmt *st = db_prepare(
		    db, "SELECT id FROM team WHERE unit_id = :v AND dissolved_on IS NULL");
		if (!st)
			return -1;
		db_bind_int(st, ":v", rows[i].old);
		while (db_step(st) == DB_ROW)
			*VEC_PUSH(a, ids) = db_col_int(st, 0);
		db_done(st);
	}
	return 0;
}

/* Keep what merge m changes, to undo it: st inserts the rows of
 * village_merge_undo of :m, selected by :o (an old team or village). */
static int keep(struct db_stmt *st, long long m, long long old)
{
	if (!st)
		return -1;
	db_bind_int(st, ":m", m);
	db_bind_int(st, ":o", old);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* The new team of a merge, by its decision, with the old teams' members
 * and their accounts (kept, to undo it). */
static int new_team(struct db *db, const struct merge_row *rows, int n, const struct merge_row *g,
		    const char *day, long long fresh, long long merge, const struct id_list *teams,
		    long long *team, struct merge_stats *st, struct import_result *r)
{
	char name[300];
	snprintf(name, sizeof name, "Tổ CNSCĐ %s", g->fresh);
	struct team_input in = {.name = name,
				.decision_no = g->decision,
				.decision_date = *g->date ? g->date : day,
				.established_on = day};
	struct team_values tv;
	struct field_errors fe = {0};
	teams_check(&in, &tv, &fe);
	if (fe.n) {
		for (int e = 0; e < fe.n; e++)
			import_error_add(r, g->line, 0, NULL, fe.e[e].msgid, fe.e[e].arg);
		return RES_INVALID;
	}
	if (teams_insert(db, fresh, &tv, team) != RES_OK)
		return RES_ERROR;
	st->teams++;
	for (int i = 0; i < teams->n; i++) {
		if (keep(db_prepare(db,
				    "INSERT INTO village_merge_undo(merge_id, what, row_id, was)"
				    " SELECT :m, 'member', id, team_id FROM member"
				    " WHERE team_id = :o AND left_on IS NULL"),
			 merge, teams->items[i]) != 0)
			return RES_ERROR;
		struct db_stmt *s =
		    db_prepare(db, "UPDATE member SET team_id = :t WHERE team_id = :o"
				   " AND left_on IS NULL RETURNING id");
		if (!s)
			return RES_ERROR;
		db_bind_int(s, ":t", *team);
		db_bind_int(s, ":o", teams->items[i]);
		int rc;
		while ((rc = db_step(s)) == DB_ROW)
			st->members++;
		db_done(s);
		if (rc != DB_DONE)
			return RES_ERROR;
	}
	/* the accounts of the old villages' members follow their team */
	for (int i = 0; i < n; i++) {
		if (rows[i].done || rows[i].commune != g->commune || strcmp(rows[i].key, g->key))
			continue;
		if (keep(db_prepare(db,
				    "INSERT INTO village_merge_undo(merge_id, what, row_id, was)"
				    " SELECT :m, 'account', id, scope_unit_id FROM app_user"
				    " WHERE scope_unit_id = :o AND role = 'team'"),
			 merge, rows[i].old) != 0)
			return RES_ERROR;
		struct db_stmt *s = db_prepare(db, "UPDATE app_user SET scope_unit_id = :n"
						   " WHERE scope_unit_id = :o AND role = 'team'");
		if (!s)
			return RES_ERROR;
		db_bind_int(s, ":n", fresh);
		db_bind_int(s, ":o", rows[i].old);
		if (db_run(s) != DB_OK)
			return RES_ERROR;
	}
	return RES_OK;
}

/* Merge one group: its old villages closed, the new one opened, linked;
 * their teams dissolved and one new team given their members. */
static int merge_group(struct db *db, struct arena *a, const struct user *who,
		       const struct merge_row *rows, int n, const struct merge_row *g,
		       const char *day, struct merge_stats *st, struct import_result *r)
{
	char before[11];
	period_date_add(day, -1, before);
	struct id_list teams = {0};
	if (old_teams(db, a, rows, n, g, &teams) != 0)
		return RES_ERROR;
	/* the old teams end the day before (while their villages exist) */
	for (int i = 0; i < teams.n; i++) {
		struct field_errors fe = {0};
		int rc = teams_dissolve(db, who, teams.items[i], before, "merged", &fe);
		if (rc != RES_OK) {
			for (int e = 0; e < fe.n; e++)
				import_error_add(r, g->line, 0, NULL, fe.e[e].msgid, fe.e[e].arg);
			return rc == RES_INVALID ? RES_INVALID : RES_ERROR;
		}
	}
	for (int i = 0; i < n; i++) {
		if (rows[i].done || rows[i].commune != g->commune || strcmp(rows[i].key, g->key))
			continue;
		struct db_stmt *s = db_prepare(db, "UPDATE unit SET valid_to = :b WHERE id = :v");
		if (!s)
			return RES_ERROR;
		db_bind_text(s, ":b", before);
		db_bind_int(s, ":v", rows[i].old);
		if (db_run(s) != DB_OK)
			return RES_ERROR;
		st->villages++;
	}
	const char *kind = village_kind_from_name(g->fresh);
	long long fresh;
	if (units_add_span(db, g->commune, "village", NULL, g->fresh, kind ? kind : "Thôn", day,
			   NULL, "merge", &fresh) != RES_OK) {
		import_error_add(r, g->line, 0, NULL, N_("a village of this name exists already"),
				 NULL);
		return RES_INVALID;
	}
	for (int i = 0; i < n; i++)
		if (!rows[i].done && rows[i].commune == g->commune &&
		    !strcmp(rows[i].key, g->key) &&
		    reorg_link(db, rows[i].old, fresh, 0, day, g->decision, "") < 0)
			return RES_ERROR;
	long long merge = 0;
	struct db_stmt *rec = db_prepare(db, "INSERT INTO village_merge(village_id, effective_on,"
					     " merged_by) VALUES (:v, :day, :by) RETURNING id");
	if (!rec)
		return RES_ERROR;
	db_bind_int(rec, ":v", fresh);
	db_bind_text(rec, ":day", day);
	db_bind_id(rec, ":by", who->id);
	if (db_step(rec) == DB_ROW)
		merge = db_col_int(rec, 0);
	db_done(rec);
	if (!merge)
		return RES_ERROR;
	for (int i = 0; i < teams.n; i++)
		if (keep(db_prepare(db,
				    "INSERT INTO village_merge_undo(merge_id, what, row_id, was)"
				    " SELECT :m, 'team', id, unit_id FROM team WHERE id = :o"),
			 merge, teams.items[i]) != 0)
			return RES_ERROR;
	long long team = 0;
	int res =
	    teams.n ? new_team(db, rows, n, g, day, fresh, merge, &teams, &team, st, r) : RES_OK;
	if (res != RES_OK)
		return res;
	/* the last audit row and team now: anything of the new village after
	 * them forbids the undo */
	rec = db_prepare(db, "UPDATE village_merge SET team_id = :t,"
			     " audit_seq = (SELECT coalesce(max(id), 0) FROM audit),"
			     " team_seq = (SELECT coalesce(max(id), 0) FROM team) WHERE id = :m");
	if (!rec)
		return RES_ERROR;
	db_bind_id(rec, ":t", team);
	db_bind_int(rec, ":m", merge);
	return db_run(rec) == DB_OK ? RES_OK : RES_ERROR;
}

int villages_merge_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		       size_t len, const char *day, struct merge_stats *st, struct import_result *r)
{
	memset(st, 0, sizeof *st);
	struct csv c;
	int res = tx_begin_file(db, a, teams_may_write(who), data, len, &c, r);
	if (res != RES_OK)
		return res;
	struct merge_row *rows;
	int n = 0;
	res = read_rows(db, a, who, &c, &rows, &n, r);
	for (int i = 0; i < n && res == RES_OK; i++) {
		int first = 1; /* the group's first row */
		for (int j = 0; j < i; j++)
			first &= !(rows[j].commune == rows[i].commune &&
				   !strcmp(rows[j].key, rows[i].key));
		int pending = 0;
		for (int j = i; j < n; j++)
			pending |= !rows[j].done && rows[j].commune == rows[i].commune &&
				   !strcmp(rows[j].key, rows[i].key);
		if (first && pending) {
			res = merge_group(db, a, who, rows, n, &rows[i], day, st, r);
			st->groups += res == RES_OK;
		}
	}
	char detail[128];
	snprintf(detail, sizeof detail,
		 "{\"effective\":\"%s\",\"villages\":%d,\"new\":%d,\"members\":%d}", day,
		 st->villages, st->groups, st->members);
	return tx_end(db, res, who, "merge", "village", 0, who->scope, detail);
}
