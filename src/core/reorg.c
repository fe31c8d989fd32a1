/* reorg.c: the official conversion table applied (old units linked to
 * their successors, the villages of wholly merged communes moved), a
 * unit's lineage, and the villages of split communes waiting for their
 * new commune. */
#include "core/reorg.h"
#include "core/periods.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	V_NEW_PROVINCE,
	V_NEW_NAME,
	V_NEW_CODE,
	V_OLD_NAME,
	V_OLD_CODE,
	V_NOTE,
	V_OLD_DISTRICT,
	V_OLD_PROVINCE,
	V_COLS
};

static const struct csv_alias columns[] = {
    {V_NEW_PROVINCE, "tinh, thanh pho"},
    {V_NEW_PROVINCE, "province"},
    {V_NEW_NAME, "ten xa moi"},
    {V_NEW_NAME, "new_name"},
    {V_NEW_CODE, "ma xa moi"},
    {V_NEW_CODE, "new_code"},
    {V_OLD_NAME, "ten xa cu"},
    {V_OLD_NAME, "old_name"},
    {V_OLD_CODE, "ma xa cu"},
    {V_OLD_CODE, "old_code"},
    {V_NOTE, "ghi chu"},
    {V_NOTE, "note"},
    {V_OLD_DISTRICT, "quan/huyen"},
    {V_OLD_DISTRICT, "old_district"},
    {V_OLD_PROVINCE, "tinh cu"},
    {V_OLD_PROVINCE, "old_province"},
};

/* One row of the table, resolved. */
struct link {
	long long old_id, new_id;
	long long old_province, new_province;
	int part;
	const char *note;
};

/* The code in parentheses at the end of a cell ("Huyện Cao Lộc (183)"). */
static const char *paren_code(struct arena *a, const char *s)
{
	const char *open = strrchr(s, '('), *close = open ? strchr(open, ')') : NULL;
	if (!open || !close || close - open < 2)
		return "";
	char *out = arena_alloc(a, (size_t)(close - open));
	memcpy(out, open + 1, (size_t)(close - open - 1));
	out[close - open - 1] = 0;
	return out;
}

/* The unit of level and code closed before day (a pre-reform unit), the
 * one closed last; 0 if none, -1 on error. */
static long long old_unit(struct db *db, const char *level, const char *code, const char *day)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT id FROM unit WHERE level = :level AND code = :code"
		" AND valid_to IS NOT NULL AND valid_to < :day ORDER BY valid_to DESC, id LIMIT 1");
	if (!st)
		return -1;
	db_bind_text(st, ":level", level);
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":day", day);
	int rc = db_step(st);
	long long id = rc == DB_ROW ? db_col_int(st, 0) : rc == DB_DONE ? 0 : -1;
	db_done(st);
	return id;
}

/* The folded text of s (no marks, lower case, spaces collapsed). */
static const char *folded(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, text_folded(a, s)), *w = out;
	for (const char *p = out; *p; p++)
		if (!(*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') ||
		    (w > out && w[-1] != ' '))
			*w++ = (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p;
	while (w > out && w[-1] == ' ')
		w--;
	*w = 0;
	return out;
}

static const char *cell_of(const struct csv_row *row, int at)
{
	const char *s = at >= 0 && at < row->nfields ? row->fields[at] : "";
	while (*s == ' ')
		s++;
	return s;
}

/* A trimmed copy of a code cell. */
static const char *code_of(struct arena *a, const struct csv_row *row, int at)
{
	const char *s = cell_of(row, at);
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	char *out = arena_alloc(a, n + 1);
	memcpy(out, s, n);
	out[n] = 0;
	return out;
}

/* Read the rows of the table into links (errors into r). */
static int read_links(struct db *db, struct arena *a, const struct user *who, const struct csv *c,
		      const char *effective, struct conversion_stats *st, struct import_result *r,
		      struct link **out, int *nout)
{
	int head = -1, at[V_COLS];
	for (int i = 0; i < c->nrows && i < 5 && head < 0; i++) {
		for (int k = 0; k < V_COLS; k++)
			at[k] = -1;
		for (int f = 0; f < c->rows[i].nfields; f++) {
			int col = csv_header_col(c->rows[i].fields[f], columns,
						 sizeof columns / sizeof *columns);
			if (col >= 0 && at[col] < 0)
				at[col] = f;
		}
		if (at[V_NEW_CODE] >= 0 && at[V_OLD_CODE] >= 0 && at[V_NOTE] >= 0 &&
		    at[V_OLD_PROVINCE] >= 0 && at[V_OLD_DISTRICT] >= 0)
			head = i;
	}
	if (head < 0) {
		import_error_add(r, 1, 0, NULL,
				 N_("the file needs the columns of the conversion table: Mã Xã mới,"
				    " Mã Xã cũ, Ghi chú, Quận/huyện, Tỉnh cũ"),
				 NULL);
		return RES_INVALID;
	}
	VEC(struct link) v = {0};
	for (int i = head + 1; i < c->nrows; i++) {
		const struct csv_row *row = &c->rows[i];
		const char *ncode = code_of(a, row, at[V_NEW_CODE]);
		const char *ocode = code_of(a, row, at[V_OLD_CODE]);
		if (!*ncode && !*ocode)
			continue; /* a province's heading */
		st->rows++;
		const char *note = folded(a, cell_of(row, at[V_NOTE]));
		const char *pcode = paren_code(a, cell_of(row, at[V_OLD_PROVINCE]));
		long long prov = *pcode ? old_unit(db, "province", pcode, effective) : 0;
		if (prov < 0)
			return RES_ERROR;
		if (!prov) {
			st->not_loaded++;
			continue;
		}
		long long old = 0;
		if (*ocode) {
			if (strlen(ocode) != 5 || strspn(ocode, "0123456789") != 5)
				import_error_add(r, row->line, at[V_OLD_CODE] + 1,
						 c->rows[head].fields[at[V_OLD_CODE]],
						 N_("a commune needs a five-digit code"), NULL);
			else
				old = old_unit(db, "commune", ocode, effective);
		} else if (strncmp(note, "sap xep toan bo huyen", 21) == 0) {
			const char *dcode = paren_code(a, cell_of(row, at[V_OLD_DISTRICT]));
			old = old_unit(db, "district", dcode, effective);
			if (old == 0)
				import_error_add(
				    r, row->line, at[V_OLD_DISTRICT] + 1,
				    c->rows[head].fields[at[V_OLD_DISTRICT]],
				    N_("no district with code %s in the pre-reform list"),
				    *dcode ? dcode : "—");
		} else {
			st->without_code++; /* an area, not a unit */
			continue;
		}
		long long nu = units_find_at(db, "commune", ncode, effective);
		if (nu && !units_in_scope(db, who->scope, nu)) {
			st->outside++; /* another province's */
			continue;
		}
		if (old < 0)
			return RES_ERROR;
		if (*ocode && (!old || !nu)) {
			if (st->skipped < REORG_SKIPPED_SHOWN)
				st->skipped_lines[st->skipped] = row->line;
			st->skipped++; /* the table and the lists disagree */
			continue;
		}
		if (old == 0 || !nu)
			continue;
		struct link *l = VEC_PUSH(a, &v);
		l->old_id = old;
		l->new_id = nu;
		l->old_province = prov;
		l->new_province = teams_province(db, nu);
		l->part = strstr(note, "mot phan") != NULL; /* spaces collapsed, marks dropped */
		l->note = arena_strdup(a, cell_of(row, at[V_NOTE]));
	}
	/* an old unit with a part anywhere, or more than one successor, is
	 * split: none of its links is whole */
	for (int i = 0; i < v.n; i++)
		for (int j = 0; j < v.n; j++)
			if (i != j && v.items[i].old_id == v.items[j].old_id &&
			    (v.items[j].part || v.items[j].new_id != v.items[i].new_id))
				v.items[i].part = 1;
	*out = v.items;
	*nout = v.n;
	return r->nerrors ? RES_INVALID : RES_OK;
}

int reorg_link(struct db *db, long long old, long long nu, int part, const char *effective,
	       const char *decision, const char *note)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO unit_succession(old_id, new_id, share, decided_on, effective_on,"
		" decision_no, note) VALUES (:o, :n, :share, NULL, :e, :d, :note)"
		" ON CONFLICT DO NOTHING RETURNING old_id");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu);
	db_bind_text(st, ":share", part ? "part" : "whole");
	db_bind_text(st, ":e", effective);
	db_bind_text(st, ":d", decision ? decision : "");
	db_bind_text(st, ":note", note ? note : "");
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Open unit on effective (it did not exist before), close old the day
 * before at the latest. */
static int open_close(struct db *db, long long nu, long long old, const char *effective)
{
	struct db_stmt *st =
	    db_prepare(db, "UPDATE unit SET valid_from = :e WHERE id = :n AND valid_from < :e");
	if (!st)
		return -1;
	db_bind_int(st, ":n", nu);
	db_bind_text(st, ":e", effective);
	if (db_run(st) != DB_OK)
		return -1;
	char before[11];
	period_date_add(effective, -1, before);
	st = db_prepare(db, "UPDATE unit SET valid_to = :b WHERE id = :o"
			    " AND (valid_to IS NULL OR valid_to > :b)");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	db_bind_text(st, ":b", before);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* Move every village under old to nu (a whole merge). */
static int move_all(struct db *db, struct arena *a, const struct user *who, long long old,
		    long long nu, const char *effective, int *moved)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id FROM unit WHERE parent_id = :o AND level = 'village'"
			   " ORDER BY valid_to, sort_key, id");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	VEC(long long) ids = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*VEC_PUSH(a, &ids) = db_col_int(st, 0);
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	for (int i = 0; i < ids.n; i++)
		if (reorg_move_village(db, who, ids.items[i], nu, effective) != 0)
			return -1;
	*moved += ids.n;
	return 0;
}

/* The villages still under a closed unit that has successors. */
static int waiting_count(struct db *db)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT count(*) FROM unit v JOIN unit c ON c.id = v.parent_id"
		" WHERE v.level = 'village' AND v.valid_to IS NULL AND c.valid_to IS NOT NULL"
		" AND EXISTS (SELECT 1 FROM unit_succession s WHERE s.old_id = c.id)");
	if (!st)
		return -1;
	int n = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
	db_done(st);
	return n;
}

int reorg_apply_conversion(struct db *db, struct arena *a, const struct user *who, const char *data,
			   size_t len, const char *effective, const char *decision,
			   struct conversion_stats *st, struct import_result *r)
{
	memset(st, 0, sizeof *st);
	struct csv c;
	int res = tx_begin_file(db, a, reorg_may_change(who), data, len, &c, r);
	if (res != RES_OK)
		return res;
	struct link *links;
	int n = 0;
	res = read_links(db, a, who, &c, effective, st, r, &links, &n);
	/* the communes (and the districts made special zones) */
	for (int i = 0; i < n && res == RES_OK; i++) {
		const struct link *l = &links[i];
		int added =
		    reorg_link(db, l->old_id, l->new_id, l->part, effective, decision, l->note);
		if (added < 0 || open_close(db, l->new_id, l->old_id, effective) != 0)
			res = RES_ERROR;
		st->linked += added > 0;
		if (res == RES_OK && !l->part &&
		    move_all(db, a, who, l->old_id, l->new_id, effective, &st->moved) != 0)
			res = RES_ERROR;
	}
	/* the provinces: whole when all of an old province went to one new */
	for (int i = 0; i < n && res == RES_OK; i++) {
		const struct link *l = &links[i];
		if (!l->new_province)
			continue;
		int part = 0;
		for (int j = 0; j < n; j++)
			part |= links[j].old_province == l->old_province &&
				links[j].new_province != l->new_province;
		int added =
		    reorg_link(db, l->old_province, l->new_province, part, effective, decision, "");
		if (added < 0 || open_close(db, l->new_province, l->old_province, effective) != 0)
			res = RES_ERROR;
		st->linked += added > 0;
	}
	if (res == RES_OK)
		st->waiting = waiting_count(db);
	if (st->waiting < 0)
		res = RES_ERROR;
	r->rows = st->rows;
	r->added = st->linked;
	char detail[160];
	snprintf(detail, sizeof detail,
		 "{\"effective\":\"%s\",\"linked\":%d,\"moved\":%d,\"waiting\":%d}", effective,
		 st->linked, st->moved, st->waiting);
	return tx_end(db, res, who, "apply-conversion", "unit", 0, 0, detail);
}

/* Read the links of unit, as predecessors (dir 0) or successors (1). */
static int lineage_side(struct db *db, struct arena *a, long long unit, int dir,
			struct succession **out, int *n)
{
	struct db_stmt *st =
	    dir == 0
		? db_prepare(db, "SELECT " UNIT_COLUMNS ", s.share, coalesce(s.effective_on, ''),"
				 " s.decision_no, s.note FROM unit_succession s"
				 " JOIN unit u ON u.id = s.old_id WHERE s.new_id = :id"
				 " ORDER BY u.sort_key, u.id")
		: db_prepare(db, "SELECT " UNIT_COLUMNS ", s.share, coalesce(s.effective_on, ''),"
				 " s.decision_no, s.note FROM unit_succession s"
				 " JOIN unit u ON u.id = s.new_id WHERE s.old_id = :id"
				 " ORDER BY u.sort_key, u.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", unit);
	VEC(struct succession) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct succession *s = VEC_PUSH(a, &v);
		units_read_row(st, a, &s->unit);
		s->share = arena_strdup(a, db_col_text(st, 9));
		s->effective_on = arena_strdup(a, db_col_text(st, 10));
		s->decision_no = arena_strdup(a, db_col_text(st, 11));
		s->note = arena_strdup(a, db_col_text(st, 12));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int reorg_lineage(struct db *db, struct arena *a, long long unit, struct succession **before,
		  int *nb, struct succession **after, int *na)
{
	int rc = lineage_side(db, a, unit, 0, before, nb);
	return rc == RES_OK ? lineage_side(db, a, unit, 1, after, na) : rc;
}

int reorg_may_change(const struct user *who)
{
	return !who->enterprise_id &&
	       (strcmp(who->role, "admin") == 0 || strcmp(who->role, "ministry") == 0 ||
		strcmp(who->role, "province") == 0);
}

/* The villages waiting in who's area: those whose old commune has a
 * successor in it. */
#define WAITING                                                                                    \
	" FROM unit u JOIN unit c ON c.id = u.parent_id WHERE u.level = 'village'"                 \
	" AND u.valid_to IS NULL AND c.valid_to IS NOT NULL"                                       \
	" AND EXISTS (SELECT 1 FROM unit_succession s WHERE s.old_id = c.id"                       \
	" AND " SCOPE_HAS("s.new_id") ")"

int reorg_unassigned(struct db *db, struct arena *a, const struct user *who, long long after,
		     int limit, struct unassigned **out, int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	if (limit < 1 || limit > UNASSIGNED_PAGE_MAX)
		limit = UNASSIGNED_PAGE_MAX;
	struct db_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS
					    ", (SELECT count(*) FROM team t WHERE t.unit_id = u.id"
					    " AND t.dissolved_on IS NULL)" WAITING
					    " AND u.id > :after ORDER BY u.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":after", after);
	db_bind_int(st, ":limit", limit + 1);
	VEC(struct unassigned) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct unassigned *x = VEC_PUSH(a, &v);
		units_read_row(st, a, &x->village);
		x->teams = (int)db_col_int(st, 9);
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (v.n > limit) {
		v.n = limit;
		*next = v.items[limit - 1].village.id;
	}
	for (int i = 0; i < v.n; i++) {
		struct unassigned *x = &v.items[i];
		struct succession *before;
		int nb;
		if (units_get(db, a, x->village.parent_id, &x->old) != RES_OK ||
		    reorg_lineage(db, a, x->old.id, &before, &nb, &x->choices, &x->nchoices) !=
			RES_OK)
			return RES_ERROR;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

/* Is village waiting in who's area? 1, 0, -1 on error. */
static int waiting_here(struct db *db, const struct user *who, long long village)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1" WAITING " AND u.id = :v");
	if (!st)
		return -1;
	scope_bind(st, who);
	db_bind_int(st, ":v", village);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int reorg_assign(struct db *db, const struct user *who, long long village, long long to)
{
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int here = waiting_here(db, who, village);
	int res = here < 0		  ? RES_ERROR
		  : !here		  ? RES_NOT_FOUND
		  : reorg_may_change(who) ? RES_OK
					  : RES_FORBIDDEN;
	/* to: a successor of the village's old commune, in who's area */
	struct db_stmt *st =
	    res != RES_OK ? NULL
			  : db_prepare(db, "SELECT coalesce(s.effective_on, '') FROM unit u"
					   " JOIN unit_succession s ON s.old_id = u.parent_id"
					   " AND s.new_id = :to WHERE u.id = :v"
					   " AND " SCOPE_HAS("s.new_id"));
	char day[11] = "";
	if (st) {
		scope_bind(st, who);
		db_bind_int(st, ":v", village);
		db_bind_int(st, ":to", to);
		int rc = db_step(st);
		if (rc == DB_ROW && strlen(db_col_text(st, 0)) == 10)
			memcpy(day, db_col_text(st, 0), 11);
		else
			res = rc == DB_ERR ? RES_ERROR : RES_INVALID;
		db_done(st);
	} else if (res == RES_OK) {
		res = RES_ERROR;
	}
	if (res == RES_OK && reorg_move_village(db, who, village, to, day) != 0)
		res = RES_ERROR;
	char detail[64];
	snprintf(detail, sizeof detail, "{\"to\":%lld}", to);
	return tx_end(db, res, who, "assign", "unit", village, to, detail);
}

int reorg_exists(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM unit_succession LIMIT 1");
	if (!st)
		return -1;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Undo the moves of link l of the conversion taking effect on effective:
 * the villages that went from its old unit to its new one that day and
 * are still there. One that cannot (something of it saved since) is named
 * in r. */
static int unmove_link(struct db *db, struct arena *a, const struct link *l, const char *effective,
		       struct conversion_stats *st, struct import_result *r)
{
	struct db_stmt *q = db_prepare(
	    db, "SELECT DISTINCT m.unit_id, u.name FROM unit_move m JOIN unit u ON u.id = m.unit_id"
		" AND u.parent_id = m.to_id AND u.valid_to IS NULL WHERE m.from_id = :o"
		" AND m.to_id = :n AND m.effective_on = :e ORDER BY m.unit_id");
	if (!q)
		return -1;
	db_bind_int(q, ":o", l->old_id);
	db_bind_int(q, ":n", l->new_id);
	db_bind_text(q, ":e", effective);
	struct moved {
		long long id;
		const char *name;
	};
	VEC(struct moved) v = {0};
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct moved *m = VEC_PUSH(a, &v);
		m->id = db_col_int(q, 0);
		m->name = arena_strdup(a, db_col_text(q, 1));
	}
	db_done(q);
	if (rc != DB_DONE)
		return -1;
	for (int i = 0; i < v.n; i++) {
		long long back;
		int res =
		    reorg_unmove_in(db, v.items[i].id, l->old_id, l->new_id, effective, &back);
		if (res == RES_CONFLICT)
			import_error_add(
			    r, 0, 0, NULL,
			    N_("%s: a report or a change of its team was saved since it"
			       " moved"),
			    v.items[i].name);
		else if (res == RES_ERROR)
			return -1;
		st->moved += res == RES_OK;
	}
	return 0;
}

/* Remove the link old → nu of the conversion taking effect on effective:
 * 1, 0 when there was none, -1 on error. */
static int unlink_units(struct db *db, long long old, long long nu, const char *effective)
{
	struct db_stmt *st =
	    db_prepare(db, "DELETE FROM unit_succession WHERE old_id = :o"
			   " AND new_id = :n AND effective_on = :e RETURNING old_id");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu);
	db_bind_text(st, ":e", effective);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Does a commune of the old province still go into one of the new? 1, 0,
 * -1. */
static int provinces_linked(struct db *db, long long old, long long nu)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT 1 FROM unit_tree a CROSS JOIN unit_succession s CROSS JOIN unit_tree b"
		" WHERE a.ancestor_id = :o AND a.depth > 0 AND s.old_id = a.unit_id"
		" AND b.unit_id = s.new_id AND b.ancestor_id = :n AND b.depth > 0 LIMIT 1");
	if (!st)
		return -1;
	db_bind_int(st, ":o", old);
	db_bind_int(st, ":n", nu);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int reorg_unapply_conversion(struct db *db, struct arena *a, const struct user *who,
			     const char *data, size_t len, const char *effective,
			     struct conversion_stats *st, struct import_result *r)
{
	memset(st, 0, sizeof *st);
	struct csv c;
	int res = tx_begin_file(db, a, reorg_may_change(who), data, len, &c, r);
	if (res != RES_OK)
		return res;
	struct link *links;
	int n = 0;
	res = read_links(db, a, who, &c, effective, st, r, &links, &n);
	/* the villages back, every one or none; then the links */
	for (int i = 0; i < n && res == RES_OK; i++)
		if (unmove_link(db, a, &links[i], effective, st, r) != 0)
			res = RES_ERROR;
	if (res == RES_OK && r->nerrors)
		res = RES_INVALID;
	for (int i = 0; i < n && res == RES_OK; i++) {
		int gone = unlink_units(db, links[i].old_id, links[i].new_id, effective);
		if (gone < 0)
			res = RES_ERROR;
		st->linked += gone > 0;
	}
	/* a province's link goes with the last of its communes' (each pair
	 * once) */
	for (int i = 0; i < n && res == RES_OK; i++) {
		const struct link *l = &links[i];
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = links[j].old_province == l->old_province &&
			       links[j].new_province == l->new_province;
		if (seen)
			continue;
		int still =
		    l->new_province ? provinces_linked(db, l->old_province, l->new_province) : 1;
		int gone =
		    still ? 0 : unlink_units(db, l->old_province, l->new_province, effective);
		if (still < 0 || gone < 0)
			res = RES_ERROR;
		st->linked += gone > 0;
	}
	r->rows = st->rows;
	r->added = st->linked;
	char detail[128];
	snprintf(detail, sizeof detail, "{\"effective\":\"%s\",\"unlinked\":%d,\"moved_back\":%d}",
		 effective, st->linked, st->moved);
	return tx_end(db, res, who, "unapply-conversion", "unit", 0, 0, detail);
}
