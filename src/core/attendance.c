/* attendance.c: who was at a training: a team's members during it with
 * what is recorded, recording it team by team from a phone, and a whole
 * sign-in sheet at once from a CSV file. */
#include "core/audit.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/trainings_int.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int trainings_attendance(struct db *db, struct arena *a, const struct user *who, long long id,
			 long long team, struct attendance **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	if (!trainings_invited_village(db, who, id, team))
		return RES_NOT_FOUND;
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, m.full_name, m.role, a.present IS NOT NULL, coalesce(a.present, 0),"
		" coalesce(a.completed, 0), coalesce(a.certificate, '')"
		" FROM training tr JOIN member m ON m.team_id = :team"
		" LEFT JOIN attendance a ON a.training_id = tr.id AND a.member_id = m.id"
		" WHERE tr.id = :id AND (a.member_id IS NOT NULL OR " MEMBER_DURING ")"
		" ORDER BY CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,"
		" m.name_fold, m.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":team", team);
	db_bind_int(st, ":id", id);
	VEC(struct attendance) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct attendance *x = VEC_PUSH(a, &v);
		x->member_id = db_col_int(st, 0);
		x->name = arena_strdup(a, db_col_text(st, 1));
		x->role = arena_strdup(a, db_col_text(st, 2));
		x->recorded = (int)db_col_int(st, 3);
		x->present = (int)db_col_int(st, 4);
		x->completed = (int)db_col_int(st, 5);
		x->certificate = arena_strdup(a, db_col_text(st, 6));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

/* Training id, when who may record attendance at it (for the teams of
 * their area: those who manage it, and officers). */
static int recordable(struct db *db, struct arena *a, const struct user *who, long long id,
		      struct training *t)
{
	int rc = trainings_get(db, a, who, id, t);
	if (rc == RES_OK && !trainings_may_record(who, t->may_manage))
		rc = RES_FORBIDDEN;
	return rc;
}

int trainings_sheet(struct db *db, struct arena *a, const struct user *who, long long id,
		    struct sheet_line **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct training t;
	int rc = recordable(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT m.id, c.name, v.name, x.name, m.full_name, coalesce(a.certificate, ''),"
	    " a.present IS NOT NULL, coalesce(a.present, 0), coalesce(a.completed, 0)"
	    " FROM training tr JOIN training_team i ON i.training_id = tr.id"
	    " JOIN team x ON x.id = i.team_id JOIN unit v ON v.id = x.unit_id"
	    " JOIN unit c ON c.id = v.parent_id JOIN member m ON m.team_id = x.id"
	    " LEFT JOIN attendance a ON a.training_id = tr.id AND a.member_id = m.id"
	    " WHERE tr.id = :id AND (a.member_id IS NOT NULL OR " MEMBER_DURING ")"
	    " AND " SCOPE_HAS(
		"x.unit_id") " ORDER BY c.sort_key, c.id, v.sort_key, x.id,"
			     " CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,"
			     " m.name_fold, m.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	scope_bind(st, who);
	VEC(struct sheet_line) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct sheet_line *l = VEC_PUSH(a, &v);
		l->member_id = db_col_int(st, 0);
		const char **s[] = {&l->commune, &l->village, &l->team, &l->name, &l->certificate};
		for (int k = 0; k < 5; k++)
			*s[k] = arena_strdup(a, db_col_text(st, 1 + k));
		l->recorded = (int)db_col_int(st, 6);
		l->present = (int)db_col_int(st, 7);
		l->completed = (int)db_col_int(st, 8);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

/* Write the attendance rows (checked, their certificates clean) of
 * training id; present counts those present. Inside the caller's
 * transaction. */
static int write_rows(struct db *db, const struct user *who, long long id,
		      const struct attendance_input *rows, int n, int *present)
{
	char stamp[21];
	date_stamp(time(NULL), stamp);
	*present = 0;
	for (int i = 0; i < n; i++) {
		int is_present = rows[i].present || rows[i].completed;
		*present += is_present;
		struct db_stmt *st = db_prepare(
		    db,
		    "INSERT INTO attendance(training_id, member_id, present, completed,"
		    " certificate, recorded_by, recorded_at) VALUES (:id, :m, :p, :c, :cert, :by,"
		    " :at) ON CONFLICT(training_id, member_id) DO UPDATE SET"
		    " present = excluded.present, completed = excluded.completed,"
		    " certificate = excluded.certificate, recorded_by = excluded.recorded_by,"
		    " recorded_at = excluded.recorded_at");
		if (!st)
			return RES_ERROR;
		db_bind_int(st, ":id", id);
		db_bind_int(st, ":m", rows[i].member_id);
		db_bind_int(st, ":p", is_present);
		db_bind_int(st, ":c", rows[i].completed ? 1 : 0);
		db_bind_text(st, ":cert", is_present ? rows[i].certificate : "");
		if (who->id)
			db_bind_int(st, ":by", who->id);
		else
			db_bind_null(st, ":by");
		db_bind_text(st, ":at", stamp);
		if (db_run(st) != DB_OK)
			return RES_ERROR;
	}
	return RES_OK;
}

/* Has training t begun (Vietnam time)? Else an error in fe. */
static int begun(const struct training *t, struct field_errors *fe)
{
	char today[11];
	date_today(today);
	if (strcmp(t->starts_on, today) <= 0)
		return 1;
	field_error_add(fe, "attendance", N_("the training has not begun yet"), NULL);
	return 0;
}

int trainings_attend(struct db *db, struct arena *ra, const struct user *who, long long id,
		     long long team, const struct attendance_input *rows, int n,
		     struct field_errors *fe)
{
	struct training t;
	int rc = recordable(db, ra, who, id, &t);
	if (rc != RES_OK)
		return rc;
	long long village = trainings_invited_village(db, who, id, team);
	if (!village)
		return RES_NOT_FOUND;
	if (!begun(&t, fe))
		return RES_INVALID;
	/* a copy with each certificate made clean */
	struct attendance_input *clean = arena_alloc(ra, (size_t)(n + 1) * sizeof *clean);
	for (int i = 0; i < n; i++) {
		clean[i] = rows[i];
		field_text(ra, fe, "certificate", rows[i].certificate, 60, 0,
			   &clean[i].certificate);
		struct db_stmt *st =
		    db_prepare(db, "SELECT 1 FROM member m JOIN training tr ON tr.id = :id"
				   " WHERE m.id = :m AND m.team_id = :team AND " MEMBER_DURING);
		if (!st)
			return RES_ERROR;
		db_bind_int(st, ":id", id);
		db_bind_int(st, ":m", rows[i].member_id);
		db_bind_int(st, ":team", team);
		if (db_step(st) != DB_ROW)
			field_error_add(fe, "member",
					N_("member %s is not of this team during the training"),
					arena_printf(ra, "%lld", rows[i].member_id));
		db_done(st);
	}
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int present;
	int res = write_rows(db, who, id, clean, n, &present);
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"team_id\":%lld,\"members\":%d,\"present\":%d}", team, n, present);
	res = tx_end(db, res, who, "attend", "training", id, village, buf_cstr(&d));
	buf_release(&d);
	return res;
}

/* A yes or no cell: 1, 0 (empty: no), or -1 when it is neither. */
static int yes_no(const char *cell)
{
	static const char *const yes[] = {"1", "x", "co", "yes", "true", "dat", "v"};
	static const char *const no[] = {"", "0", "khong", "no", "false", "vang"};
	struct buf f = BUF_INIT;
	int v = -1;
	if (text_fold(&f, cell ? cell : "") == 0) {
		for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
			if (strcmp(buf_cstr(&f), yes[i]) == 0)
				v = 1;
		for (size_t i = 0; i < sizeof no / sizeof *no; i++)
			if (strcmp(buf_cstr(&f), no[i]) == 0)
				v = 0;
	}
	buf_release(&f);
	return v;
}

enum { C_PHONE, C_MEMBER, C_PRESENT, C_COMPLETED, C_CERT, NCOLS };
static const struct csv_alias columns[] = {
    {C_PHONE, "phone"},		 {C_PHONE, "so dien thoai"},  {C_MEMBER, "member_id"},
    {C_MEMBER, "ma thanh vien"}, {C_PRESENT, "present"},      {C_PRESENT, "co mat"},
    {C_COMPLETED, "completed"},	 {C_COMPLETED, "hoan thanh"}, {C_CERT, "certificate"},
    {C_CERT, "so chung nhan"},
};

/* The member of a phone (or id) of a team invited to training id in
 * who's area, during the training: its id, or 0. */
static long long sheet_member(struct db *db, const struct user *who, long long id,
			      const char *phone, long long member)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id FROM training tr JOIN training_team i"
		" ON i.training_id = tr.id JOIN team t ON t.id = i.team_id"
		" JOIN member m ON m.team_id = t.id AND " MEMBER_DURING
		" WHERE tr.id = :id AND (m.phone = :phone OR m.id = :m)"
		" AND " SCOPE_HAS("t.unit_id") " ORDER BY m.left_on IS NOT NULL, m.id LIMIT 1");
	if (!st)
		return 0;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":phone", phone);
	db_bind_int(st, ":m", member);
	scope_bind(st, who);
	return db_one_int(st, 0);
}

int trainings_attendance_import(struct db *db, struct arena *a, const struct user *who,
				long long id, const char *data, size_t len, struct import_result *r)
{
	memset(r, 0, sizeof *r);
	struct training t;
	int rc = recordable(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	struct field_errors fe = {0};
	if (!begun(&t, &fe)) {
		import_error_add(r, 0, 0, NULL, fe.e[0].msgid, NULL);
		return RES_INVALID;
	}
	struct csv c;
	struct csv_error ce;
	if (csv_parse(a, data, len, &c, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	int at[NCOLS];
	csv_columns(&c, columns, sizeof columns / sizeof *columns, at, NCOLS);
	if (at[C_PHONE] < 0 && at[C_MEMBER] < 0) {
		import_error_add(r, 1, 0, NULL, N_("the sheet needs a column phone or member_id"),
				 NULL);
		return RES_INVALID;
	}
	VEC(struct attendance_input) rows = {0};
	for (int i = 1; i < c.nrows; i++) {
		const struct csv_row *row = &c.rows[i];
		const char *cell[NCOLS];
		for (int k = 0; k < NCOLS; k++)
			cell[k] = at[k] >= 0 && at[k] < row->nfields ? row->fields[at[k]] : "";
		r->rows++;
		char phone[11] = "";
		long long member = at[C_MEMBER] >= 0 ? strtoll(cell[C_MEMBER], NULL, 10) : 0;
		if (*cell[C_PHONE] && phone_normalize(cell[C_PHONE], phone) != 0) {
			import_error_add(r, row->line, at[C_PHONE] + 1,
					 c.rows[0].fields[at[C_PHONE]],
					 N_("not a mobile number: %s"), cell[C_PHONE]);
			continue;
		}
		long long m = sheet_member(db, who, id, phone, member);
		int present = at[C_PRESENT] >= 0 ? yes_no(cell[C_PRESENT]) : 1;
		int completed = yes_no(cell[C_COMPLETED]);
		const char *cert;
		struct field_errors cf = {0};
		field_text(a, &cf, "certificate", cell[C_CERT], 60, 0, &cert);
		if (!m)
			import_error_add(r, row->line, 0, NULL,
					 N_("no member of an invited team of your area has %s"),
					 *phone ? arena_strdup(a, phone) : cell[C_MEMBER]);
		if (present < 0)
			import_error_add(r, row->line, at[C_PRESENT] + 1,
					 c.rows[0].fields[at[C_PRESENT]],
					 N_("write 1 or 0 (có or không): %s"), cell[C_PRESENT]);
		if (completed < 0)
			import_error_add(r, row->line, at[C_COMPLETED] + 1,
					 c.rows[0].fields[at[C_COMPLETED]],
					 N_("write 1 or 0 (có or không): %s"), cell[C_COMPLETED]);
		if (cf.n)
			import_error_add(r, row->line, at[C_CERT] + 1, c.rows[0].fields[at[C_CERT]],
					 cf.e[0].msgid, NULL);
		if (m && present >= 0 && completed >= 0 && !cf.n) {
			*VEC_PUSH(a, &rows) =
			    (struct attendance_input){m, present, completed, cert};
		}
	}
	if (r->nerrors)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int present;
	int res = write_rows(db, who, id, rows.items, rows.n, &present);
	r->added = rows.n;
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"members\":%d,\"present\":%d,\"sheet\":true}", rows.n, present);
	res = tx_end(db, res, who, "attend", "training", id, t.unit_id, buf_cstr(&d));
	buf_release(&d);
	return res;
}
