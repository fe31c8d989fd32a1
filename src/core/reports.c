/* reports.c: periodic reports, their review and revisions, and the
 * roll-ups kept in the same transaction. */
#include "core/reports.h"
#include "core/audit.h"
#include "core/scope.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jw.h"
#include <stdlib.h>
#include <string.h>

int reports_may_fill(struct db *db, const struct user *who, long long team)
{
	if (strcmp(who->role, "team") != 0 && !teams_may_write(who))
		return 0;
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM team WHERE id = :t");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	long long village = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return village && scope_has(db, who, village);
}

long long reports_find(struct db *db, long long team, long long form, const char *period)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM report WHERE team_id = :t"
					    " AND form_id = :f AND period = :p");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	db_bind_int(st, ":f", form);
	db_bind_text(st, ":p", period);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

static int report_read(struct db *db, struct arena *a, long long id, struct report *r)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT id, team_id, form_id, period, status, due_on, coalesce(submitted_at, ''),"
		" note, late, revision FROM report WHERE id = :id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		r->id = db_col_int(st, 0);
		r->team_id = db_col_int(st, 1);
		r->form_id = db_col_int(st, 2);
		r->period = arena_strdup(a, db_col_text(st, 3));
		r->status = arena_strdup(a, db_col_text(st, 4));
		r->due_on = arena_strdup(a, db_col_text(st, 5));
		r->submitted_at = arena_strdup(a, db_col_text(st, 6));
		r->note = arena_strdup(a, db_col_text(st, 7));
		r->late = (int)db_col_int(st, 8);
		r->revision = (int)db_col_int(st, 9);
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

/* The value of indicator in report, or -1. */
static long long value_of(struct db *db, long long report, long long indicator)
{
	if (!report)
		return -1;
	struct db_stmt *st = db_prepare(db, "SELECT value FROM report_value WHERE report_id = :r"
					    " AND indicator_id = :i");
	if (!st)
		return -1;
	db_bind_int(st, ":r", report);
	db_bind_int(st, ":i", indicator);
	long long v = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_done(st);
	return v;
}

static long long team_village(struct db *db, long long team)
{
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM team WHERE id = :t");
	if (!st)
		return 0;
	db_bind_int(st, ":t", team);
	long long v = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return v;
}

static void due_date(const struct form *f, const struct period *p, char out[11])
{
	char first[11], last[11];
	period_days(p, first, last);
	period_add_days(last, f->due_days, out);
}

int reports_get(struct db *db, struct arena *a, const struct user *who, long long team,
		const struct form *f, const char *period, struct report *r,
		struct report_line **lines, int *n)
{
	struct team t;
	struct period p;
	int rc = teams_get(db, a, who, team, &t);
	if (rc != RES_OK)
		return rc;
	if (period_parse(period, &p) != 0 || p.kind != f->grain)
		return RES_INVALID;
	struct indicator *inds;
	int ni;
	if (catalog_form_indicators(db, a, f->id, t.unit_id, &inds, &ni) != RES_OK)
		return RES_ERROR;
	memset(r, 0, sizeof *r);
	long long id = reports_find(db, team, f->id, period);
	if (id && report_read(db, a, id, r) != RES_OK)
		return RES_ERROR;
	if (!id) {
		char due[11];
		due_date(f, &p, due);
		r->team_id = team;
		r->form_id = f->id;
		r->period = arena_strdup(a, period);
		r->status = "draft";
		r->due_on = arena_strdup(a, due);
		r->submitted_at = r->note = "";
	}
	struct period prev = p;
	period_step(&prev, -1);
	char prev_key[PERIOD_TEXT];
	period_format(&prev, prev_key);
	long long prev_id = reports_find(db, team, f->id, prev_key);
	*lines = arena_alloc(a, (size_t)(ni + 1) * sizeof **lines);
	for (int i = 0; i < ni; i++) {
		(*lines)[i].ind = &inds[i];
		(*lines)[i].value = value_of(db, id, inds[i].id);
		(*lines)[i].previous = value_of(db, prev_id, inds[i].id);
	}
	*n = ni;
	return RES_OK;
}

/* Add (sign 1) or take out (sign -1) a report's values from the roll-ups
 * of every ancestor of its village: 3 rows a value (commune, province,
 * nation; 4 where districts exist). */
static int agg_apply(struct db *db, long long report, long long village, const char *period,
		     int sign)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO agg(unit_id, indicator_id, period, value, reports)"
		" SELECT u.ancestor_id, v.indicator_id, :p, :s * v.value, :s"
		" FROM report_value v JOIN unit_tree u ON u.unit_id = :village AND u.depth > 0"
		" WHERE v.report_id = :r"
		" ON CONFLICT(unit_id, indicator_id, period) DO UPDATE SET"
		" value = value + excluded.value, reports = reports + excluded.reports");
	if (!st)
		return -1;
	db_bind_text(st, ":p", period);
	db_bind_int(st, ":s", sign);
	db_bind_int(st, ":village", village);
	db_bind_int(st, ":r", report);
	int rc = db_step(st);
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	/* and the report itself, for completeness (the village too) */
	st =
	    db_prepare(db, "INSERT INTO agg_report(unit_id, form_id, period, received, late)"
			   " SELECT u.ancestor_id, r.form_id, r.period, :s, :s * r.late"
			   " FROM report r JOIN unit_tree u ON u.unit_id = :village WHERE r.id = :r"
			   " ON CONFLICT(unit_id, form_id, period) DO UPDATE SET"
			   " received = received + excluded.received, late = late + excluded.late");
	if (!st)
		return -1;
	db_bind_int(st, ":s", sign);
	db_bind_int(st, ":village", village);
	db_bind_int(st, ":r", report);
	rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

static int counted(const char *status)
{
	return strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0;
}

/* A revision row with the report's values as JSON, and the audit row. */
static int revise(struct db *db, const struct user *who, long long report, long long village,
		  const char *action, const char *note)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO report_revision(report_id, revision, user_id, action, status,"
		" values_json, note) SELECT r.id, r.revision, :u, :action, r.status,"
		" coalesce((SELECT json_group_object(i.code, v.value) FROM report_value v"
		" JOIN indicator i ON i.id = v.indicator_id WHERE v.report_id = r.id), '{}'), :note"
		" FROM report r WHERE r.id = :r");
	if (!st)
		return -1;
	db_bind_id(st, ":u", who->id);
	db_bind_text(st, ":action", action);
	db_bind_text(st, ":note", note ? note : "");
	db_bind_int(st, ":r", report);
	int rc = db_step(st);
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"report_id\":%lld}", report);
	int res = audit_log(db, who, action, "report", report, village, buf_cstr(&d));
	buf_release(&d);
	return res;
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

int reports_save(struct db *db, struct arena *ra, const struct user *who, long long team,
		 const struct form *f, const char *period, const char *const *codes,
		 const char *const *values, int n, int submit, time_t now, struct field_errors *fe,
		 struct report *r)
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
	res = reports_get(db, &a, who, team, f, period, r, &lines, &nl);
	if (res == RES_INVALID)
		field_error_add(fe, "period", N_("not a period of this form (2026W48 or 2026-11)"),
				NULL);
	if (res != RES_OK) {
		arena_release(&a);
		return res;
	}
	long long *set = arena_alloc(&a, (size_t)(n + 1) * sizeof *set);
	long long *ind = arena_alloc(&a, (size_t)(n + 1) * sizeof *ind);
	for (int i = 0; i < n; i++) {
		const struct indicator *x = NULL;
		for (int k = 0; k < nl; k++)
			if (strcmp(lines[k].ind->code, codes[i]) == 0)
				x = lines[k].ind;
		ind[i] = x ? x->id : 0;
		set[i] = -1;
		if (!x) {
			field_error_add(fe, codes[i], N_("not an indicator of this form"), NULL);
		} else if (values[i] && *values[i]) {
			/* errors outlive this function: their strings come from ra */
			const char *field = arena_strdup(ra, x->code);
			set[i] = parse_count(values[i]);
			if (set[i] < 0)
				field_error_add(fe, field, N_("a whole number, 0 or more"), NULL);
			else if (set[i] > x->ceiling)
				field_error_add(fe, field,
						N_("more than %s: please check this number"),
						arena_printf(ra, "%lld", x->ceiling));
		}
	}
	if (fe->n) {
		arena_release(&a);
		return RES_INVALID;
	}
	if (db_begin(db) != DB_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	long long village = team_village(db, team);
	long long id = reports_find(db, team, f->id, period);
	const char *status = "draft";
	res = RES_OK;
	if (id) {
		struct report cur;
		res = report_read(db, &a, id, &cur);
		status = res == RES_OK ? cur.status : "";
		if (res == RES_OK && strcmp(status, "accepted") == 0) {
			field_error_add(fe, "status", N_("the report is accepted and locked"),
					NULL);
			res = RES_CONFLICT;
		}
		if (res == RES_OK && counted(status) && agg_apply(db, id, village, period, -1) != 0)
			res = RES_ERROR;
	} else {
		struct period p;
		char due[11];
		period_parse(period, &p);
		due_date(f, &p, due);
		struct db_stmt *st = db_prepare(db, "INSERT INTO report(team_id, form_id, period,"
						    " status, due_on, revision) VALUES (:t, :f, :p,"
						    " 'draft', :due, 0)");
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":t", team);
			db_bind_int(st, ":f", f->id);
			db_bind_text(st, ":p", period);
			db_bind_text(st, ":due", due);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
		id = db_last_id(db);
	}
	for (int i = 0; i < n && res == RES_OK; i++) {
		struct db_stmt *st;
		if (set[i] >= 0) {
			st = db_prepare(db,
					"INSERT INTO report_value(report_id, indicator_id, value)"
					" VALUES (:r, :i, :v) ON CONFLICT(report_id, indicator_id)"
					" DO UPDATE SET value = excluded.value");
			if (st)
				db_bind_int(st, ":v", set[i]);
		} else {
			st = db_prepare(db, "DELETE FROM report_value WHERE report_id = :r"
					    " AND indicator_id = :i");
		}
		res = RES_ERROR;
		if (st) {
			db_bind_int(st, ":r", id);
			db_bind_int(st, ":i", ind[i]);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	const char *next = submit ? "submitted" : status;
	if (res == RES_OK) {
		char today[11];
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		int first_submit = submit && !counted(status);
		struct db_stmt *st = db_prepare(
		    db,
		    "UPDATE report SET status = :s, revision = revision + 1,"
		    " submitted_at = CASE WHEN :first THEN :now ELSE submitted_at END,"
		    " submitted_by = CASE WHEN :first THEN :u ELSE submitted_by END,"
		    " late = CASE WHEN :first THEN :today > due_on ELSE late END WHERE id = :r");
		res = RES_ERROR;
		if (st) {
			char stamp[32];
			strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
			db_bind_text(st, ":s", next);
			db_bind_int(st, ":first", first_submit);
			db_bind_text(st, ":now", stamp);
			db_bind_text(st, ":today", today);
			db_bind_id(st, ":u", who->id);
			db_bind_int(st, ":r", id);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	if (res == RES_OK && counted(next) && agg_apply(db, id, village, period, 1) != 0)
		res = RES_ERROR;
	if (res == RES_OK && revise(db, who, id, village, submit ? "submit" : "save", NULL) != 0)
		res = RES_ERROR;
	if (res == RES_OK && db_commit(db) == DB_OK) {
		arena_release(&a);
		return report_read(db, ra, id, r);
	}
	db_rollback(db);
	arena_release(&a);
	return res == RES_OK ? RES_ERROR : res;
}

long long reports_team(struct db *db, const struct user *who, long long report, long long *form,
		       const char **period, struct arena *a)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT r.team_id, r.form_id, r.period FROM report r"
		" JOIN team t ON t.id = r.team_id WHERE r.id = :r AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return 0;
	scope_bind(st, who);
	db_bind_int(st, ":r", report);
	long long team = 0;
	if (db_step(st) == DB_ROW) {
		team = db_col_int(st, 0);
		*form = db_col_int(st, 1);
		*period = arena_strdup(a, db_col_text(st, 2));
	}
	db_done(st);
	return team;
}

int reports_review(struct db *db, const struct user *who, long long report, const char *action,
		   const char *reason, struct field_errors *fe)
{
	struct arena a = ARENA_INIT;
	long long form;
	const char *period;
	long long team = reports_team(db, who, report, &form, &period, &a);
	if (!team) {
		arena_release(&a);
		return RES_NOT_FOUND;
	}
	if (!teams_may_write(who)) {
		arena_release(&a);
		return RES_FORBIDDEN;
	}
	int ret = strcmp(action, "return") == 0, acc = strcmp(action, "accept") == 0,
	    unl = strcmp(action, "unlock") == 0;
	if ((ret || unl) && (!reason || !*reason))
		field_error_add(fe, "reason", N_("give the reason"), NULL);
	if (!ret && !acc && !unl)
		field_error_add(fe, "action", N_("return, accept or unlock"), NULL);
	if (fe->n) {
		arena_release(&a);
		return RES_INVALID;
	}
	if (db_begin(db) != DB_OK) {
		arena_release(&a);
		return RES_ERROR;
	}
	struct report cur;
	int res = report_read(db, &a, report, &cur);
	const char *need = ret || acc ? "submitted" : "accepted";
	if (res == RES_OK && strcmp(cur.status, need) != 0) {
		field_error_add(fe, "status",
				ret   ? N_("only a submitted report can be returned")
				: acc ? N_("only a submitted report can be accepted")
				      : N_("only an accepted report can be unlocked"),
				NULL);
		res = RES_INVALID;
	}
	long long village = team_village(db, team);
	if (res == RES_OK && ret && agg_apply(db, report, village, period, -1) != 0)
		res = RES_ERROR;
	if (res == RES_OK) {
		struct db_stmt *st = db_prepare(
		    db, "UPDATE report SET status = :s, note = :note, revision = revision + 1,"
			" reviewed_by = :u, reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
			" WHERE id = :r");
		res = RES_ERROR;
		if (st) {
			db_bind_text(st, ":s", ret ? "returned" : acc ? "accepted" : "submitted");
			db_bind_text(st, ":note", reason ? reason : "");
			db_bind_id(st, ":u", who->id);
			db_bind_int(st, ":r", report);
			res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
			db_done(st);
		}
	}
	if (res == RES_OK && revise(db, who, report, village, action, reason) != 0)
		res = RES_ERROR;
	arena_release(&a);
	if (res == RES_OK && db_commit(db) == DB_OK)
		return RES_OK;
	db_rollback(db);
	return res == RES_OK ? RES_ERROR : res;
}

int reports_revisions(struct db *db, struct arena *a, long long report,
		      struct report_revision **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT x.revision, x.at, coalesce(u.username, ''), x.action, x.status,"
		" x.values_json, x.note FROM report_revision x LEFT JOIN app_user u"
		" ON u.id = x.user_id WHERE x.report_id = :r ORDER BY x.id DESC LIMIT 50");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":r", report);
	*out = arena_alloc(a, 50 * sizeof **out);
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct report_revision *x = &(*out)[(*n)++];
		x->revision = (int)db_col_int(st, 0);
		x->at = arena_strdup(a, db_col_text(st, 1));
		x->username = arena_strdup(a, db_col_text(st, 2));
		x->action = arena_strdup(a, db_col_text(st, 3));
		x->status = arena_strdup(a, db_col_text(st, 4));
		x->values_json = arena_strdup(a, db_col_text(st, 5));
		x->note = arena_strdup(a, db_col_text(st, 6));
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

long long reports_check(struct db *db, FILE *f)
{
	struct db_stmt *st = db_prepare(
	    db, "WITH expected AS (SELECT u.ancestor_id AS unit_id, v.indicator_id, r.period,"
		"  sum(v.value) AS value, count(*) AS reports FROM report r"
		"  JOIN team t ON t.id = r.team_id JOIN report_value v ON v.report_id = r.id"
		"  JOIN unit_tree u ON u.unit_id = t.unit_id AND u.depth > 0"
		"  WHERE r.status IN ('submitted', 'accepted') GROUP BY 1, 2, 3)"
		" SELECT e.unit_id, e.indicator_id, e.period, e.value, coalesce(a.value, 0)"
		" FROM expected e LEFT JOIN agg a ON a.unit_id = e.unit_id"
		"  AND a.indicator_id = e.indicator_id AND a.period = e.period"
		" WHERE a.value IS NULL OR a.value <> e.value OR a.reports <> e.reports"
		" UNION ALL SELECT a.unit_id, a.indicator_id, a.period, 0, a.value FROM agg a"
		" WHERE (a.value <> 0 OR a.reports <> 0) AND NOT EXISTS (SELECT 1 FROM expected e"
		"  WHERE e.unit_id = a.unit_id AND e.indicator_id = a.indicator_id"
		"  AND e.period = a.period)");
	if (!st)
		return -1;
	long long diffs = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		diffs++;
		if (f)
			fprintf(f, "unit %lld indicator %lld %s: expected %lld, roll-up %lld\n",
				db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2),
				db_col_int(st, 3), db_col_int(st, 4));
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	st = db_prepare(
	    db, "WITH expected AS (SELECT u.ancestor_id AS unit_id, r.form_id, r.period,"
		"  count(*) AS received, sum(r.late) AS late FROM report r JOIN team t"
		"  ON t.id = r.team_id JOIN unit_tree u ON u.unit_id = t.unit_id"
		"  WHERE r.status IN ('submitted', 'accepted') GROUP BY 1, 2, 3)"
		" SELECT e.unit_id, e.form_id, e.period, e.received, coalesce(a.received, 0)"
		" FROM expected e LEFT JOIN agg_report a ON a.unit_id = e.unit_id"
		"  AND a.form_id = e.form_id AND a.period = e.period"
		" WHERE a.received IS NULL OR a.received <> e.received OR a.late <> e.late"
		" UNION ALL SELECT a.unit_id, a.form_id, a.period, 0, a.received FROM agg_report a"
		" WHERE (a.received <> 0 OR a.late <> 0) AND NOT EXISTS (SELECT 1 FROM expected e"
		"  WHERE e.unit_id = a.unit_id AND e.form_id = a.form_id AND e.period = a.period)");
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		diffs++;
		if (f)
			fprintf(f, "unit %lld form %lld %s: %lld reports counted, roll-up %lld\n",
				db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2),
				db_col_int(st, 3), db_col_int(st, 4));
	}
	db_done(st);
	return rc == DB_ERR ? -1 : diffs;
}

int reports_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		 const struct form *f, const char *period, struct report_row **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.id, t.name, v.name, coalesce(r.id, 0), coalesce(r.status, ''),"
		" coalesce(r.late, 0), coalesce(r.submitted_at, '')"
		" FROM team t JOIN unit v ON v.id = t.unit_id"
		" JOIN unit_tree x ON x.unit_id = t.unit_id AND x.ancestor_id = :unit"
		" LEFT JOIN report r ON r.team_id = t.id AND r.form_id = :f AND r.period = :p"
		" WHERE t.dissolved_on IS NULL AND " SCOPE_HAS(
		    "t.unit_id") " ORDER BY CASE coalesce(r.status, '') WHEN 'submitted' THEN 0 "
				 "WHEN '' THEN 1"
				 " WHEN 'draft' THEN 1 WHEN 'returned' THEN 2 ELSE 3 END, "
				 "v.sort_key LIMIT 1000");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":unit", unit);
	db_bind_int(st, ":f", f->id);
	db_bind_text(st, ":p", period);
	*out = arena_alloc(a, 1000 * sizeof **out);
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct report_row *x = &(*out)[(*n)++];
		x->team_id = db_col_int(st, 0);
		x->team = arena_strdup(a, db_col_text(st, 1));
		x->village = arena_strdup(a, db_col_text(st, 2));
		x->report_id = db_col_int(st, 3);
		x->status = arena_strdup(a, db_col_text(st, 4));
		x->late = (int)db_col_int(st, 5);
		x->submitted_at = arena_strdup(a, db_col_text(st, 6));
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}
