/* reports.c: periodic reports, their window, review and revisions; the
 * roll-ups they change are kept by core/rollup.c in the same transaction. */
#include "core/reports.h"
#include "core/reorg.h"
#include "core/roles.h"
#include "core/audit.h"
#include "core/rollup.h"
#include "core/scope.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/escape.h"
#include "util/vec.h"
#include <stdlib.h>
#include <jansson.h>
#include <string.h>

int reports_open_early_days = 0;

static const struct {
	const char *name, *label;
	int counted;
} statuses[] = {
    [REPORT_NONE] = {"", N_("not sent"), 0},
    [REPORT_DRAFT] = {"draft", N_("draft"), 0},
    [REPORT_SUBMITTED] = {"submitted", N_("submitted"), 1},
    [REPORT_RETURNED] = {"returned", N_("returned"), 0},
    [REPORT_ACCEPTED] = {"accepted", N_("accepted"), 1},
};

const char *report_status_name(enum report_status s)
{
	return statuses[s].name;
}

const char *report_status_label(enum report_status s)
{
	return statuses[s].label;
}

enum report_status report_status_of(const char *name)
{
	for (size_t i = 1; name && i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(name, statuses[i].name) == 0)
			return (enum report_status)i;
	return REPORT_NONE;
}

int report_status_counted(enum report_status s)
{
	return statuses[s].counted;
}

static const struct {
	unsigned bit;
	const char *name;
} actions[] = {
    {REPORT_SAVE, "save"},     {REPORT_SUBMIT, "submit"}, {REPORT_RETURN, "return"},
    {REPORT_ACCEPT, "accept"}, {REPORT_UNLOCK, "unlock"},
};

unsigned report_action_of(const char *name)
{
	for (size_t i = 0; name && i < sizeof actions / sizeof *actions; i++)
		if (strcmp(name, actions[i].name) == 0)
			return actions[i].bit;
	return 0;
}

const char *report_action_name(unsigned action)
{
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		if (actions[i].bit == action)
			return actions[i].name;
	return "";
}

int reports_may_fill(struct db *db, const struct user *who, long long team)
{
	if (role_of(who->role) != ROLE_TEAM && !teams_may_write(who))
		return 0;
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM team WHERE id = :t");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	long long village = db_one_int(st, 0);
	return village && scope_has(db, who, village);
}

long long reports_find(struct db *db, long long team, long long form, const char *key)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM report WHERE team_id = :t"
					    " AND form_id = :f AND period = :p");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	db_bind_int(st, ":f", form);
	db_bind_text(st, ":p", key);
	return db_one_int(st, 0);
}

static int report_read(struct db *db, struct arena *a, long long id, struct report *r)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT r.id, r.team_id, r.form_id, r.period, r.status, r.due_on,"
		" coalesce(r.submitted_at, ''), r.note, r.late, r.revision, " REPORT_RESUBMITTED
		" FROM report r WHERE r.id = :id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		r->id = db_col_int(st, 0);
		r->team_id = db_col_int(st, 1);
		r->form_id = db_col_int(st, 2);
		snprintf(r->key, sizeof r->key, "%s", db_col_text(st, 3));
		if (period_parse(r->key, &r->period) != 0)
			rc = DB_ERR; /* the CHECK makes this impossible */
		r->status = report_status_of(db_col_text(st, 4));
		r->due_on = arena_strdup(a, db_col_text(st, 5));
		r->submitted_at = arena_strdup(a, db_col_text(st, 6));
		r->note = arena_strdup(a, db_col_text(st, 7));
		r->late = (int)db_col_int(st, 8);
		r->revision = (int)db_col_int(st, 9);
		r->resubmitted = db_col_int(st, 10) != 0;
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

/* The values of report (0: none) into each line's value, or its previous
 * value when previous is set; -1 where it holds none. One query for all. */
static int fill_values(struct db *db, long long report, struct report_line *lines, int n,
		       int previous)
{
	for (int i = 0; i < n; i++)
		*(previous ? &lines[i].previous : &lines[i].value) = -1;
	if (!report)
		return 0;
	struct db_stmt *st = db_prepare(db, "SELECT indicator_id, value FROM report_value"
					    " WHERE report_id = :r");
	if (!st)
		return -1;
	db_bind_int(st, ":r", report);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long ind = db_col_int(st, 0);
		for (int i = 0; i < n; i++)
			if (lines[i].ind->id == ind)
				*(previous ? &lines[i].previous : &lines[i].value) =
				    db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

static long long team_village(struct db *db, long long team)
{
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM team WHERE id = :t");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	return db_one_int(st, 0);
}

int reports_team_life(struct db *db, long long team, char first[11], char last[11])
{
	struct db_stmt *st = db_prepare(db, "SELECT l.starts_on, coalesce(t.dissolved_on, '')"
					    " FROM team_life l JOIN team t ON t.id = l.team_id"
					    " WHERE l.team_id = :t");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":t", team);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(first, 11, "%s", db_col_text(st, 0));
		snprintf(last, 11, "%s", db_col_text(st, 1));
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

/* May team's report for p be filled at instant now? */
static int window_of(struct db *db, long long team, const struct period *p, time_t now,
		     struct report *r)
{
	char today[11], first[11], last[11], born[11], ended[11];
	date_local(now, today);
	period_days(p, first, last);
	if (reports_team_life(db, team, born, ended) != RES_OK)
		return RES_ERROR;
	r->window = WINDOW_OPEN;
	r->opens_on[0] = '\0';
	if (!period_is_open(p, today, reports_open_early_days)) {
		r->window = WINDOW_NOT_BEGUN;
		period_add_days(first, -reports_open_early_days, r->opens_on);
	} else if (strcmp(last, born) < 0 || (*ended && strcmp(first, ended) > 0)) {
		r->window = WINDOW_NO_TEAM;
	}
	return RES_OK;
}

static void due_date(const struct form *f, const struct period *p, char out[11])
{
	char first[11], last[11];
	period_days(p, first, last);
	period_add_days(last, f->due_days, out);
}

/* What who may do to r now. */
static unsigned allowed(struct db *db, const struct user *who, const struct report *r)
{
	unsigned set = 0;
	if (r->window == WINDOW_OPEN && r->status != REPORT_ACCEPTED &&
	    reports_may_fill(db, who, r->team_id))
		set |= REPORT_SAVE | REPORT_SUBMIT;
	if (r->id && teams_may_write(who)) {
		if (r->status == REPORT_SUBMITTED)
			set |= REPORT_RETURN | REPORT_ACCEPT;
		if (r->status == REPORT_ACCEPTED)
			set |= REPORT_UNLOCK;
	}
	return set;
}

int reports_get(struct db *db, struct arena *a, const struct user *who, long long team,
		const struct form *f, const struct period *p, time_t now, struct report *r,
		struct report_line **lines, int *n)
{
	struct team t;
	int rc = teams_get(db, a, who, team, &t);
	if (rc != RES_OK)
		return rc;
	if (p->kind != f->grain)
		return RES_INVALID;
	struct indicator *inds;
	int ni;
	if (catalog_form_indicators(db, a, f->id, t.unit_id, &inds, &ni) != RES_OK)
		return RES_ERROR;
	memset(r, 0, sizeof *r);
	char key[PERIOD_TEXT];
	period_format(p, key);
	long long id = reports_find(db, team, f->id, key);
	if (id && report_read(db, a, id, r) != RES_OK)
		return RES_ERROR;
	if (!id) {
		char due[11];
		due_date(f, p, due);
		r->team_id = team;
		r->form_id = f->id;
		r->period = *p;
		memcpy(r->key, key, sizeof r->key);
		r->status = REPORT_NONE;
		r->due_on = arena_strdup(a, due);
		r->submitted_at = r->note = "";
	}
	if (window_of(db, team, p, now, r) != RES_OK)
		return RES_ERROR;
	r->actions = allowed(db, who, r);
	struct period prev = *p;
	period_step(&prev, -1);
	char prev_key[PERIOD_TEXT];
	period_format(&prev, prev_key);
	long long prev_id = reports_find(db, team, f->id, prev_key);
	*lines = arena_alloc(a, (size_t)(ni + 1) * sizeof **lines);
	for (int i = 0; i < ni; i++)
		(*lines)[i].ind = &inds[i];
	if (fill_values(db, id, *lines, ni, 0) != 0 || fill_values(db, prev_id, *lines, ni, 1) != 0)
		return RES_ERROR;
	*n = ni;
	return RES_OK;
}

/* A revision row with the report's values as a JSON object, in the order of
 * the indicators' ids. */
static int revise(struct db *db, const struct user *who, long long report, const char *action,
		  const char *note)
{
	struct db_stmt *st = db_prepare(db, "SELECT i.code, v.value FROM report_value v"
					    " JOIN indicator i ON i.id = v.indicator_id"
					    " WHERE v.report_id = :r ORDER BY v.indicator_id");
	if (!st)
		return -1;
	db_bind_int(st, ":r", report);
	struct buf values = BUF_INIT;
	buf_putc(&values, '{');
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		if (values.len > 1)
			buf_putc(&values, ',');
		json_escape(&values, code, strlen(code));
		buf_printf(&values, ":%lld", db_col_int(st, 1));
	}
	db_done(st);
	buf_putc(&values, '}');
	st = rc == DB_DONE
		 ? db_prepare(db, "INSERT INTO report_revision(report_id, revision,"
				  " user_id, action, status, values_json, note)"
				  " SELECT r.id, r.revision, :u, :action, r.status, :values,"
				  " :note FROM report r WHERE r.id = :r")
		 : NULL;
	if (st) {
		db_bind_id(st, ":u", who->id);
		db_bind_text(st, ":action", action);
		db_bind_text(st, ":values", buf_cstr(&values));
		db_bind_text(st, ":note", note ? note : "");
		db_bind_int(st, ":r", report);
	}
	buf_release(&values);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* A whole number as typed ("1200", " 1 200 ", "1.200"), or -1. */
static long long parse_count(const char *s)
{
	long long v = 0;
	int digits = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (v > 1000000000000LL)
				return -1;
			v = v * 10 + (*s - '0');
			digits++;
		} else if (*s != ' ' && *s != '.') {
			return -1;
		}
	}
	return digits ? v : -1;
}

/* The window's refusal as a field error on "period". */
static void window_error(struct arena *ra, const struct report *r, struct field_errors *fe)
{
	if (r->window == WINDOW_NOT_BEGUN)
		field_error_add(fe, "period",
				N_("this period has not begun: its report opens on %s"),
				arena_strdup(ra, r->opens_on));
	else if (r->window == WINDOW_NO_TEAM)
		field_error_add(fe, "period", N_("the team did not exist during this period"),
				NULL);
}

/* Values are written VALUES_CHUNK at a time, one statement for each
 * chunk: a round trip per value would cost more than the value (on
 * PostgreSQL, 30 round trips a report). The rows left over in a chunk are
 * NULL and skipped. Parameters :i<a><b> and :v<a><b>, a 0-3, b 0-7. */
#define VALUES_CHUNK 32
/* clang-format off */
#define ROW(a, b) "(:i" #a #b ", :v" #a #b ")"
#define ROWS8(a) ROW(a, 0) "," ROW(a, 1) "," ROW(a, 2) "," ROW(a, 3) "," \
		 ROW(a, 4) "," ROW(a, 5) "," ROW(a, 6) "," ROW(a, 7)
#define IDS8(a) ":d" #a "0, :d" #a "1, :d" #a "2, :d" #a "3, :d" #a "4, :d" #a "5, :d" #a "6, :d" #a "7"
static const char put_sql[] =
	"INSERT INTO report_value(report_id, indicator_id, value)"
	" SELECT :r, column1, column2 FROM (VALUES "
	ROWS8(0) "," ROWS8(1) "," ROWS8(2) "," ROWS8(3) ") AS x"
	" WHERE column1 IS NOT NULL"
	" ON CONFLICT(report_id, indicator_id) DO UPDATE SET value = excluded.value";
static const char clear_sql[] =
	"DELETE FROM report_value WHERE report_id = :r AND indicator_id IN ("
	IDS8(0) ", " IDS8(1) ", " IDS8(2) ", " IDS8(3) ")";
/* clang-format on */

/* Write the values (set[i] >= 0 sets ind[i], -1 clears it). */
static int write_values(struct db *db, long long report, const long long *ind, const long long *set,
			int n)
{
	for (int from = 0; from < n; from += VALUES_CHUNK) {
		struct db_stmt *put = db_prepare(db, put_sql);
		struct db_stmt *clear = put ? db_prepare(db, clear_sql) : NULL;
		if (!clear) {
			db_done(put);
			return -1;
		}
		db_bind_int(put, ":r", report);
		db_bind_int(clear, ":r", report);
		int puts = 0, clears = 0;
		for (int k = 0; k < VALUES_CHUNK; k++) {
			char i[5], v[5], d[5];
			snprintf(i, sizeof i, ":i%d%d", k / 8, k % 8);
			snprintf(v, sizeof v, ":v%d%d", k / 8, k % 8);
			snprintf(d, sizeof d, ":d%d%d", k / 8, k % 8);
			int x = from + k, last = x < n;
			for (int y = x + 1; last && y < n; y++)
				last = ind[y] != ind[x]; /* named twice: the last counts */
			int setting = last && set[x] >= 0, clearing = last && set[x] < 0;
			if (setting) {
				db_bind_int(put, i, ind[x]);
				db_bind_int(put, v, set[x]);
			} else {
				db_bind_null(put, i);
				db_bind_null(put, v);
			}
			if (clearing)
				db_bind_int(clear, d, ind[x]);
			else
				db_bind_null(clear, d);
			puts += setting;
			clears += clearing;
		}
		int ok = 1;
		if (puts)
			ok = db_run(put) == DB_OK;
		else
			db_done(put);
		if (clears)
			ok = db_run(clear) == DB_OK && ok;
		else
			db_done(clear);
		if (!ok)
			return -1;
	}
	return 0;
}

int reports_save(struct db *db, struct arena *ra, const struct user *who, long long team,
		 const struct form *f, const struct period *p, const char *const *codes,
		 const char *const *values, int n, int submit, time_t now, struct field_errors *fe,
		 struct report *r, struct report_line **lines_out, int *n_out)
{
	struct arena a = ARENA_INIT;
	struct report_line *lines;
	int nl, res;
	if (!reports_may_fill(db, who, team)) {
		struct team t;
		res = teams_get(db, &a, who, team, &t) == RES_OK ? RES_FORBIDDEN : RES_NOT_FOUND;
		arena_release(&a);
		return res;
	}
	res = reports_get(db, ra, who, team, f, p, now, r, &lines, &nl);
	if (res == RES_INVALID)
		field_error_add(fe, "period", N_("not a period of this form (2026W48 or 2026-11)"),
				NULL);
	if (res != RES_OK) {
		arena_release(&a);
		return res;
	}
	window_error(ra, r, fe);
	reorg_closed_error(db, team, r->key, fe);
	if (r->status == REPORT_ACCEPTED)
		field_error_add(fe, "status", N_("the report is accepted and locked"), NULL);
	long long *set = arena_alloc(&a, (size_t)(n + 1) * sizeof *set);
	long long *ind = arena_alloc(&a, (size_t)(n + 1) * sizeof *ind);
	for (int i = 0; i < n; i++) {
		struct report_line *x = NULL;
		for (int k = 0; k < nl; k++)
			if (strcmp(lines[k].ind->code, codes[i]) == 0)
				x = &lines[k];
		ind[i] = x ? x->ind->id : 0;
		set[i] = -1;
		if (!x) {
			field_error_add(fe, arena_strdup(ra, codes[i]),
					N_("not an indicator of this form"), NULL);
			continue;
		}
		/* errors outlive this function: their strings come from ra */
		const char *field = arena_strdup(ra, x->ind->code);
		if (values[i] && *values[i]) {
			set[i] = parse_count(values[i]);
			if (set[i] < 0)
				field_error_add(fe, field, N_("a whole number, 0 or more"), NULL);
			else if (set[i] > x->ind->ceiling)
				field_error_add(fe, field,
						N_("more than %s: please check this number"),
						arena_printf(ra, "%lld", x->ind->ceiling));
		}
		x->value = set[i]; /* what the report will hold */
	}
	int held = 0;
	for (int k = 0; k < nl; k++)
		held += lines[k].value >= 0;
	if (submit && !held && !fe->n)
		field_error_add(fe, "values",
				N_("the report is empty: enter at least one number (0 counts)"),
				NULL);
	if (fe->n) {
		arena_release(&a);
		return r->status == REPORT_ACCEPTED && fe->n == 1 ? RES_CONFLICT : RES_INVALID;
	}
	if (tx_begin_team(db, team) != RES_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	/* read again inside the team's write lock: another request may have
	 * moved it */
	long long village = team_village(db, team);
	long long id = reports_find(db, team, f->id, r->key);
	enum report_status status = REPORT_DRAFT;
	res = RES_OK;
	if (id) {
		struct report cur;
		res = report_read(db, &a, id, &cur);
		status = cur.status;
		if (res == RES_OK && status == REPORT_ACCEPTED) {
			field_error_add(fe, "status", N_("the report is accepted and locked"),
					NULL);
			res = RES_CONFLICT;
		}
		if (res == RES_OK && report_status_counted(status) &&
		    rollup_report(db, id, team, village, p->kind, r->key, -1) != 0)
			res = RES_ERROR;
	} else {
		char due[11];
		due_date(f, p, due);
		struct db_stmt *st = db_prepare(db, "INSERT INTO report(team_id, form_id, period,"
						    " status, due_on, revision) VALUES (:t, :f, :p,"
						    " 'draft', :due, 0)");
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":t", team);
			db_bind_int(st, ":f", f->id);
			db_bind_text(st, ":p", r->key);
			db_bind_text(st, ":due", due);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
		id = db_last_id(db);
	}
	if (res == RES_OK && write_values(db, id, ind, set, n) != 0)
		res = RES_ERROR;
	enum report_status next = submit ? REPORT_SUBMITTED : status;
	if (res == RES_OK) {
		char today[11], stamp[21];
		date_local(now, today);
		date_stamp(now, stamp);
		int first_submit = submit && !report_status_counted(status);
		struct db_stmt *st = db_prepare(
		    db,
		    "UPDATE report SET status = :s, revision = revision + 1,"
		    " submitted_at = CASE WHEN :first = 1 THEN :now ELSE submitted_at END,"
		    " submitted_by = CASE WHEN :first = 1 THEN :u ELSE submitted_by END,"
		    " late = CASE WHEN :first = 1 THEN CASE WHEN :today > due_on THEN 1 ELSE 0 END"
		    " ELSE late END WHERE id = :r");
		res = RES_ERROR;
		if (st) {
			db_bind_text(st, ":s", report_status_name(next));
			db_bind_int(st, ":first", first_submit);
			db_bind_text(st, ":now", stamp);
			db_bind_text(st, ":today", today);
			db_bind_id(st, ":u", who->id);
			db_bind_int(st, ":r", id);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	if (res == RES_OK && report_status_counted(next) &&
	    rollup_report(db, id, team, village, p->kind, r->key, 1) != 0)
		res = RES_ERROR;
	const char *action = submit ? "submit" : "save";
	if (res == RES_OK && revise(db, who, id, action, NULL) != 0)
		res = RES_ERROR;
	res = tx_end(db, res, who, action, "report", id, village,
		     arena_printf(&a, "{\"report_id\":%lld}", id));
	arena_release(&a);
	if (res != RES_OK)
		return res;
	/* the report as it now is, for the answer: its team, form, window and
	 * previous values are what was read above */
	res = report_read(db, ra, id, r);
	if (res == RES_OK && fill_values(db, id, lines, nl, 0) != 0)
		res = RES_ERROR;
	r->actions = allowed(db, who, r);
	if (lines_out)
		*lines_out = lines;
	if (n_out)
		*n_out = nl;
	return res;
}

long long reports_team(struct db *db, const struct user *who, long long report, long long *form,
		       struct period *period)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT r.team_id, r.form_id, r.period FROM report r"
		" JOIN team t ON t.id = r.team_id WHERE r.id = :r AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return 0;
	scope_bind(st, who);
	db_bind_int(st, ":r", report);
	long long team = 0;
	if (db_step(st) == DB_ROW && period_parse(db_col_text(st, 2), period) == 0) {
		team = db_col_int(st, 0);
		*form = db_col_int(st, 1);
	}
	db_done(st);
	return team;
}

int reports_review(struct db *db, const struct user *who, long long report, unsigned action,
		   const char *reason, struct field_errors *fe)
{
	long long form;
	struct period period;
	long long team = reports_team(db, who, report, &form, &period);
	if (!team)
		return RES_NOT_FOUND;
	if (!teams_may_write(who))
		return RES_FORBIDDEN;
	if ((action == REPORT_RETURN || action == REPORT_UNLOCK) && (!reason || !*reason))
		field_error_add(fe, "reason", N_("give the reason"), NULL);
	if (action != REPORT_RETURN && action != REPORT_ACCEPT && action != REPORT_UNLOCK)
		field_error_add(fe, "action", N_("return, accept or unlock"), NULL);
	char key[PERIOD_TEXT];
	period_format(&period, key);
	if (action == REPORT_RETURN)
		reorg_closed_error(db, team, key, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin_team(db, team) != RES_OK)
		return RES_ERROR;
	struct arena a = ARENA_INIT;
	struct report cur;
	int res = report_read(db, &a, report, &cur);
	enum report_status need = action == REPORT_UNLOCK ? REPORT_ACCEPTED : REPORT_SUBMITTED;
	if (res == RES_OK && cur.status != need) {
		field_error_add(
		    fe, "status",
		    action == REPORT_RETURN   ? N_("only a submitted report can be returned")
		    : action == REPORT_ACCEPT ? N_("only a submitted report can be accepted")
					      : N_("only an accepted report can be unlocked"),
		    NULL);
		res = RES_INVALID;
	}
	long long village = team_village(db, team);
	if (res == RES_OK && action == REPORT_RETURN &&
	    rollup_report(db, report, team, village, period.kind, cur.key, -1) != 0)
		res = RES_ERROR;
	if (res == RES_OK) {
		struct db_stmt *st = db_prepare(
		    db, "UPDATE report SET status = :s, note = :note, revision = revision + 1,"
			" reviewed_by = :u, reviewed_at = :now WHERE id = :r");
		res = RES_ERROR;
		if (st) {
			char now[21];
			date_stamp(time(NULL), now);
			db_bind_text(st, ":now", now);
			db_bind_text(st, ":s",
				     report_status_name(action == REPORT_RETURN ? REPORT_RETURNED
							: action == REPORT_ACCEPT
							    ? REPORT_ACCEPTED
							    : REPORT_SUBMITTED));
			db_bind_text(st, ":note", reason ? reason : "");
			db_bind_id(st, ":u", who->id);
			db_bind_int(st, ":r", report);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	const char *name = report_action_name(action);
	if (res == RES_OK && revise(db, who, report, name, reason) != 0)
		res = RES_ERROR;
	res = tx_end(db, res, who, name, "report", report, village,
		     arena_printf(&a, "{\"report_id\":%lld}", report));
	arena_release(&a);
	return res;
}

/* The values of a revision's JSON object (written by revise) into x. */
static void revision_values(struct arena *a, struct report_revision *x)
{
	json_t *o = json_loads(x->values_json, 0, NULL);
	size_t n = json_is_object(o) ? json_object_size(o) : 0;
	const char **codes = arena_alloc(a, (n + 1) * sizeof *codes);
	long long *values = arena_alloc(a, (n + 1) * sizeof *values);
	const char *k;
	json_t *v;
	x->nvalues = 0;
	if (n)
		json_object_foreach(o, k, v)
		{
			codes[x->nvalues] = arena_strdup(a, k);
			values[x->nvalues++] = json_integer_value(v);
		}
	json_decref(o);
	x->codes = codes;
	x->values = values;
}

int reports_revisions(struct db *db, struct arena *a, long long report,
		      struct report_revision **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT x.revision, x.at, coalesce(u.username, ''), x.action, x.status,"
		" x.values_json, x.note, coalesce(u.full_name, '') FROM report_revision x"
		" LEFT JOIN app_user u ON u.id = x.user_id WHERE x.report_id = :r"
		" ORDER BY x.id DESC");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":r", report);
	VEC(struct report_revision) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct report_revision *x = VEC_PUSH(a, &v);
		x->revision = (int)db_col_int(st, 0);
		x->at = arena_strdup(a, db_col_text(st, 1));
		x->username = arena_strdup(a, db_col_text(st, 2));
		x->action = arena_strdup(a, db_col_text(st, 3));
		x->status = report_status_of(db_col_text(st, 4));
		x->values_json = arena_strdup(a, db_col_text(st, 5));
		x->note = arena_strdup(a, db_col_text(st, 6));
		x->full_name = arena_strdup(a, db_col_text(st, 7));
		revision_values(a, x);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int reports_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct form *f, const struct period *p, long long after, int limit,
		 struct report_row **out, int *n, long long *next)
{
	char key[PERIOD_TEXT], first[11], last[11];
	period_format(p, key);
	period_days(p, first, last);
	if (limit < 1 || limit > REPORTS_PAGE_MAX)
		limit = REPORTS_PAGE_MAX;
	/* the cursor is the number of rows already shown */
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT t.id, t.name, v.name, coalesce(r.id, 0), coalesce(r.status, ''),"
	    " coalesce(r.late, 0), coalesce(r.submitted_at, ''), " REPORT_RESUBMITTED
	    " FROM team_life l JOIN team t ON t.id = l.team_id JOIN unit v ON v.id = t.unit_id"
	    " JOIN unit_tree x ON x.unit_id = t.unit_id AND x.ancestor_id = :unit"
	    " LEFT JOIN report r ON r.team_id = t.id AND r.form_id = :f AND r.period = :p"
	    " WHERE l.starts_on <= :last AND (l.ends_on IS NULL OR l.ends_on > :first)"
	    " AND " SCOPE_HAS("t.unit_id") " ORDER BY CASE coalesce(r.status, '')"
					   " WHEN 'submitted' THEN 0 WHEN '' THEN 1"
					   " WHEN 'draft' THEN 1 WHEN 'returned' THEN 2 ELSE 3 END,"
					   " v.sort_key, t.id LIMIT :limit OFFSET :after");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":unit", unit);
	db_bind_int(st, ":f", f->id);
	db_bind_text(st, ":p", key);
	db_bind_text(st, ":first", first);
	db_bind_text(st, ":last", last);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":after", after < 0 ? 0 : after);
	VEC(struct report_row) v = {0};
	int rc;
	*next = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (v.n == limit) {
			*next = (after < 0 ? 0 : after) + limit;
			break;
		}
		struct report_row *x = VEC_PUSH(a, &v);
		x->team_id = db_col_int(st, 0);
		x->team = arena_strdup(a, db_col_text(st, 1));
		x->village = arena_strdup(a, db_col_text(st, 2));
		x->report_id = db_col_int(st, 3);
		x->status = report_status_of(db_col_text(st, 4));
		x->late = (int)db_col_int(st, 5);
		x->submitted_at = arena_strdup(a, db_col_text(st, 6));
		x->resubmitted = db_col_int(st, 7) != 0;
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}
