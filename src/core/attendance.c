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
	    db,
	    "SELECT m.id, m.full_name, m.role, a.present IS NOT NULL, coalesce(a.present, 0),"
	    " coalesce(a.completed, 0), coalesce(a.certificate, '')"
	    " FROM training tr JOIN member m ON m.team_id = :team"
	    " LEFT JOIN attendance a ON a.training_id = tr.id AND a.member_id = m.id"
	    " WHERE tr.id = :id AND (a.member_id IS NOT NULL OR " DURING(
		"m",
		"tr") ")"
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

/* Write the attendance rows (checked) of training id; present counts
 * those present. Inside the caller's transaction. */
static int write_rows(struct db *db, const struct user *who, long long id,
		      const struct attendance_input *rows, const char *const *certs, int n,
		      int *present)
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
		db_bind_text(st, ":cert", is_present ? certs[i] : "");
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
	int rc = trainings_get(db, ra, who, id, &t);
	if (rc != RES_OK)
		return rc;
	long long village = trainings_invited_village(db, who, id, team);
	if (!village)
		return RES_NOT_FOUND;
	if (!trainings_may_record(db, who, t.may_manage, village))
		return RES_FORBIDDEN;
	if (!begun(&t, fe))
		return RES_INVALID;
	const char **certs = arena_alloc(ra, (size_t)(n + 1) * sizeof *certs);
	for (int i = 0; i < n; i++) {
		trainings_text_field(ra, fe, "certificate", rows[i].certificate, 60, &certs[i]);
		struct db_stmt *st =
		    db_prepare(db, "SELECT 1 FROM member m JOIN training tr ON tr.id = :id"
				   " WHERE m.id = :m AND m.team_id = :team AND " DURING("m", "tr"));
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
	int res = write_rows(db, who, id, rows, certs, n, &present);
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
static const struct {
	const char *name, *vi; /* the header, in English and in the folded Vietnamese */
} columns[NCOLS] = {
    [C_PHONE] = {"phone", "so dien thoai"},	 [C_MEMBER] = {"member_id", "ma thanh vien"},
    [C_PRESENT] = {"present", "co mat"},	 [C_COMPLETED] = {"completed", "hoan thanh"},
    [C_CERT] = {"certificate", "so chung nhan"},
};

/* The member of a phone (or id) of a team invited to training id in
 * who's area, during the training: its id, and its team's village. */
static long long sheet_member(struct db *db, const struct user *who, long long id,
			      const char *phone, long long member, long long *village)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, t.unit_id FROM training tr JOIN training_team i"
		" ON i.training_id = tr.id JOIN team t ON t.id = i.team_id"
		" JOIN member m ON m.team_id = t.id AND " DURING(
		    "m", "tr") " WHERE tr.id = :id AND (m.phone = :phone OR m.id = :m)"
			       " AND " SCOPE_HAS(
				   "t.unit_id") " ORDER BY m.left_on IS NOT NULL, m.id LIMIT 1");
	if (!st)
		return 0;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":phone", phone);
	db_bind_int(st, ":m", member);
	scope_bind(st, who);
	long long found = 0;
	if (db_step(st) == DB_ROW) {
		found = db_col_int(st, 0);
		*village = db_col_int(st, 1);
	}
	db_done(st);
	return found;
}

int trainings_attendance_import(struct db *db, struct arena *a, const struct user *who,
				long long id, const char *data, size_t len, struct import_result *r)
{
	memset(r, 0, sizeof *r);
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
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
	for (int k = 0; k < NCOLS; k++)
		at[k] = -1;
	for (int f = 0; c.nrows && f < c.rows[0].nfields; f++) {
		struct buf h = BUF_INIT;
		text_fold(&h, c.rows[0].fields[f]);
		for (int k = 0; k < NCOLS; k++)
			if (strcmp(buf_cstr(&h), columns[k].name) == 0 ||
			    strcmp(buf_cstr(&h), columns[k].vi) == 0)
				at[k] = f;
		buf_release(&h);
	}
	if (at[C_PHONE] < 0 && at[C_MEMBER] < 0) {
		import_error_add(r, 1, 0, NULL, N_("the sheet needs a column phone or member_id"),
				 NULL);
		return RES_INVALID;
	}
	VEC(struct attendance_input) rows = {0};
	VEC(const char *) certs = {0};
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
		long long village;
		long long m = sheet_member(db, who, id, phone, member, &village);
		int present = at[C_PRESENT] >= 0 ? yes_no(cell[C_PRESENT]) : 1;
		int completed = yes_no(cell[C_COMPLETED]);
		const char *cert;
		struct field_errors cf = {0};
		trainings_text_field(a, &cf, "certificate", cell[C_CERT], 60, &cert);
		if (!m)
			import_error_add(r, row->line, 0, NULL,
					 N_("no member of an invited team of your area has %s"),
					 *phone ? arena_strdup(a, phone) : cell[C_MEMBER]);
		else if (!trainings_may_record(db, who, t.may_manage, village))
			import_error_add(r, row->line, 0, NULL,
					 N_("you may not record the attendance of %s"),
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
			*VEC_PUSH(a, &certs) = cert;
		}
	}
	if (r->nerrors)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int present;
	int res = write_rows(db, who, id, rows.items, certs.items, rows.n, &present);
	r->added = rows.n;
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"members\":%d,\"present\":%d,\"sheet\":true}", rows.n, present);
	res = tx_end(db, res, who, "attend", "training", id, t.unit_id, buf_cstr(&d));
	buf_release(&d);
	return res;
}
