/* teams.c: teams: establishment, edits, dissolution, decision scans. */
#include "core/teams.h"
#include "util/sniff.h"
#include "core/roles.h"
#include "core/rollup.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/scope.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jw.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdlib.h>
#include <string.h>

#define SCAN_MAX (5 * 1024 * 1024)

int teams_may_write(const struct user *who)
{
	return role_is_officer(role_of(who->role));
}

/* Columns of a team row, with its village, commune and member facts. */
#define TEAM_COLUMNS                                                                               \
	"t.id, t.unit_id, v.parent_id, t.name, v.name, c.name, t.decision_no,"                     \
	" coalesce(t.decision_date, ''), t.decided_by, coalesce(t.decision_scan_id, 0),"           \
	" coalesce(t.established_on, ''), coalesce(t.dissolved_on, ''), t.dissolved_reason,"       \
	" t.group_name, t.group_link, coalesce(t.households, -1),"                                 \
	" coalesce(t.households_in_group, -1),"                                                    \
	" (SELECT count(*) FROM member m WHERE m.team_id = t.id AND m.left_on IS NULL),"           \
	" (SELECT count(*) FROM member m WHERE m.team_id = t.id AND m.left_on IS NULL"             \
	"  AND m.role = 'leader'),"                                                                \
	" (SELECT count(*) FROM member m WHERE m.team_id = t.id AND m.left_on IS NULL"             \
	"  AND m.affiliation = 'village_head')"
#define TEAM_FROM " FROM team t JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id"

static void team_read(struct db_stmt *st, struct arena *a, struct team *t)
{
	t->id = db_col_int(st, 0);
	t->unit_id = db_col_int(st, 1);
	t->commune_id = db_col_int(st, 2);
	t->name = arena_strdup(a, db_col_text(st, 3));
	t->village = arena_strdup(a, db_col_text(st, 4));
	t->commune = arena_strdup(a, db_col_text(st, 5));
	t->decision_no = arena_strdup(a, db_col_text(st, 6));
	t->decision_date = arena_strdup(a, db_col_text(st, 7));
	t->decided_by = arena_strdup(a, db_col_text(st, 8));
	t->scan_id = db_col_int(st, 9);
	t->established_on = arena_strdup(a, db_col_text(st, 10));
	t->dissolved_on = arena_strdup(a, db_col_text(st, 11));
	t->dissolved_reason = arena_strdup(a, db_col_text(st, 12));
	t->group_name = arena_strdup(a, db_col_text(st, 13));
	t->group_link = arena_strdup(a, db_col_text(st, 14));
	t->households = db_col_int(st, 15);
	t->households_in_group = db_col_int(st, 16);
	t->active_members = (int)db_col_int(st, 17);
	t->warnings = 0;
	if (!*t->dissolved_on) {
		if (t->active_members < 3)
			t->warnings |= TEAM_FEW_MEMBERS;
		if (db_col_int(st, 18) == 0)
			t->warnings |= TEAM_NO_LEADER;
		if (db_col_int(st, 19) == 0)
			t->warnings |= TEAM_NO_VILLAGE_HEAD;
	}
}

int teams_list(struct db *db, struct arena *a, const struct user *who, const struct team_filter *f,
	       struct team **out, int *n, long long *next)
{
	int limit = f->limit > 0 && f->limit <= 500 ? f->limit : 100;
	const char *pat = NULL;
	if (f->q && *f->q) {
		struct buf fold = BUF_INIT;
		if (text_fold(&fold, f->q) < 0) {
			buf_release(&fold);
			return RES_INVALID;
		}
		pat = db_like_contains(a, buf_cstr(&fold));
		buf_release(&fold);
	}
	struct db_stmt *st = db_prepare(
	    db, "SELECT " TEAM_COLUMNS TEAM_FROM
		" WHERE " SCOPE_HAS("t.unit_id") " AND (:unit IS NULL OR EXISTS (SELECT 1 FROM "
						 "unit_tree u WHERE u.unit_id = t.unit_id"
						 "      AND u.ancestor_id = :unit))"
						 " AND (:dissolved = 1 OR t.dissolved_on IS NULL)"
						 " AND (:after IS NULL OR t.id > :after)"
						 " AND (:pat IS NULL OR t.name_fold LIKE :pat "
						 "ESCAPE '\\' OR v.name_fold LIKE :pat"
						 "      ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
						 "member m WHERE m.team_id = t.id"
						 "      AND m.name_fold LIKE :pat ESCAPE '\\'))"
						 " ORDER BY t.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_id(st, ":unit", f->unit);
	db_bind_int(st, ":dissolved", f->dissolved);
	db_bind_id(st, ":after", f->after);
	db_bind_text(st, ":pat", pat);
	db_bind_int(st, ":limit", limit + 1);
	*out = arena_alloc(a, (size_t)(limit + 1) * sizeof **out);
	*n = 0;
	*next = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == limit) {
			*next = (*out)[limit - 1].id;
			break;
		}
		team_read(st, a, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int teams_own(struct db *db, struct arena *a, const struct user *who, struct team *out)
{
	struct team_filter f = {.limit = 2}; /* two would be a broken village */
	struct team *list;
	int n;
	long long next;
	if (role_of(who->role) != ROLE_TEAM)
		return RES_NOT_FOUND;
	int rc = teams_list(db, a, who, &f, &list, &n, &next);
	if (rc != RES_OK)
		return rc;
	if (n != 1)
		return RES_NOT_FOUND;
	*out = list[0];
	return RES_OK;
}

/* Step st for at most one team: RES_OK (out read), RES_NOT_FOUND or RES_ERROR. */
static int team_one(struct db_stmt *st, struct arena *a, struct team *out)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		team_read(st, a, out);
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int teams_get(struct db *db, struct arena *a, const struct user *who, long long id,
	      struct team *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " TEAM_COLUMNS TEAM_FROM
					    " WHERE t.id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":id", id);
	return team_one(st, a, out);
}

int teams_of_village(struct db *db, struct arena *a, const struct user *who, long long village,
		     struct team *out)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT " TEAM_COLUMNS TEAM_FROM
		" WHERE t.unit_id = :v AND t.dissolved_on IS NULL AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":v", village);
	return team_one(st, a, out);
}

int teams_history(struct db *db, struct arena *a, const struct user *who, long long village,
		  struct team **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT " TEAM_COLUMNS TEAM_FROM " WHERE t.unit_id = :v AND t.dissolved_on IS NOT NULL"
	    " AND " SCOPE_HAS("t.unit_id") " ORDER BY t.dissolved_on DESC, t.id DESC");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":v", village);
	VEC(struct team) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		team_read(st, a, VEC_PUSH(a, &v));
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

static void copy_nfc(char *out, size_t size, const char *in, const char *field, size_t max_chars,
		     struct field_errors *fe)
{
	struct buf b = BUF_INIT;
	out[0] = '\0';
	if (in && text_nfc(&b, in) < 0)
		field_error_add(fe, field, N_("the text is not valid UTF-8"), NULL);
	else if (utf8_chars(buf_cstr(&b)) > max_chars || b.len >= size)
		field_error_add(fe, field, N_("the text is too long"), NULL);
	else
		memcpy(out, buf_cstr(&b), b.len + 1);
	buf_release(&b);
}

static long long opt_count(const char *in, const char *field, struct field_errors *fe)
{
	if (!in || !*in)
		return -1;
	char *end;
	long long v = strtoll(in, &end, 10);
	if (*end || v < 0 || v > 100000) {
		field_error_add(fe, field, N_("a whole number from 0 to 100000"), NULL);
		return -1;
	}
	return v;
}

void teams_check(const struct team_input *in, struct team_values *v, struct field_errors *fe)
{
	copy_nfc(v->name, sizeof v->name, in->name, "name", 120, fe);
	if (!v->name[0] && !fe->n)
		field_error_add(fe, "name", N_("the team needs a name"), NULL);
	copy_nfc(v->decision_no, sizeof v->decision_no, in->decision_no, "decision_no", 40, fe);
	copy_nfc(v->decided_by, sizeof v->decided_by, in->decided_by, "decided_by", 120, fe);
	copy_nfc(v->group_name, sizeof v->group_name, in->group_name, "group_name", 120, fe);
	copy_nfc(v->group_link, sizeof v->group_link, in->group_link, "group_link", 300, fe);
	if (v->group_link[0] && strncmp(v->group_link, "https://", 8) != 0 &&
	    strncmp(v->group_link, "http://", 7) != 0)
		field_error_add(fe, "group_link", N_("the link must start with https://"), NULL);
	field_date(fe, "decision_date", in->decision_date, v->decision_date, 0);
	field_date(fe, "established_on", in->established_on, v->established_on, 1);
	v->households = opt_count(in->households, "households", fe);
	v->households_in_group = opt_count(in->households_in_group, "households_in_group", fe);
	if (v->households >= 0 && v->households_in_group > v->households)
		field_error_add(fe, "households_in_group",
				N_("more households in the group than in the village"), NULL);
}

static void bind_opt_text(struct db_stmt *st, const char *name, const char *v)
{
	db_bind_text(st, name, v && *v ? v : NULL);
}

static void bind_opt_count(struct db_stmt *st, const char *name, long long v)
{
	if (v >= 0)
		db_bind_int(st, name, v);
	else
		db_bind_null(st, name);
}

static void bind_team(struct db_stmt *st, const struct team_values *v)
{
	struct buf fold = BUF_INIT;
	text_fold(&fold, v->name);
	db_bind_text(st, ":name", v->name);
	db_bind_text(st, ":fold", buf_cstr(&fold));
	db_bind_text(st, ":dno", v->decision_no);
	bind_opt_text(st, ":ddate", v->decision_date);
	db_bind_text(st, ":dby", v->decided_by);
	bind_opt_text(st, ":est", v->established_on[0] ? v->established_on : v->decision_date);
	db_bind_text(st, ":gname", v->group_name);
	db_bind_text(st, ":glink", v->group_link);
	bind_opt_count(st, ":hh", v->households);
	bind_opt_count(st, ":hhg", v->households_in_group);
	buf_release(&fold);
}

int teams_insert(struct db *db, long long village, const struct team_values *v, long long *id)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO team(unit_id, name, name_fold, decision_no, decision_date, decided_by,"
	    " established_on, group_name, group_link, households, households_in_group)"
	    " VALUES (:unit, :name, :fold, :dno, :ddate, :dby, :est, :gname, :glink, :hh, :hhg)");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":unit", village);
	bind_team(st, v);
	int r = db_step(st);
	db_done(st);
	*id = r == DB_DONE ? db_last_id(db) : 0;
	return r == DB_DONE ? RES_OK : r == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
}

long long teams_province(struct db *db, long long unit)
{
	struct db_stmt *st = db_prepare(db, "SELECT p.id FROM unit_tree x JOIN unit p"
					    " ON p.id = x.ancestor_id WHERE x.unit_id = :u"
					    " AND p.level = 'province'");
	if (!st)
		return 0;
	db_bind_int(st, ":u", unit);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

int teams_create(struct db *db, const struct user *who, long long village,
		 const struct team_input *in, struct field_errors *fe, long long *id)
{
	if (!teams_may_write(who))
		return RES_FORBIDDEN;
	struct arena a = ARENA_INIT;
	struct unit u;
	int rc = units_get(db, &a, village, &u);
	int is_village = rc == RES_OK && u.lvl == LEVEL_VILLAGE;
	arena_release(&a);
	if (rc == RES_ERROR)
		return RES_ERROR;
	if (!is_village || !scope_has(db, who, village))
		return RES_NOT_FOUND;
	struct team_values v;
	teams_check(in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = teams_insert(db, village, &v, id);
	if (res == RES_CONFLICT)
		field_error_add(fe, "village", N_("this village already has an active team"), NULL);
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "name", v.name);
	jw_kv_str(&j, "decision_no", v.decision_no);
	jw_obj_end(&j);
	res = tx_end(db, res, who, "create", "team", *id, village, buf_cstr(&d));
	buf_release(&d);
	return res;
}

/* Lock in a team who may change: RES_OK with its village in *village. */
static int writable_team(struct db *db, const struct user *who, long long id, long long *village,
			 int *dissolved)
{
	if (!teams_may_write(who))
		return RES_FORBIDDEN;
	struct db_stmt *st = db_prepare(db, "SELECT unit_id, dissolved_on IS NOT NULL FROM team t"
					    " WHERE id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*village = db_col_int(st, 0);
		*dissolved = (int)db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

/* The days that the team's reports span: the last day of its earliest
 * period and the first day of its latest ("" when it has none). */
static int report_days(struct db *db, long long team, char earliest_end[11], char latest_start[11])
{
	struct db_stmt *st = db_prepare(db, "SELECT period FROM report WHERE team_id = :t");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":t", team);
	earliest_end[0] = latest_start[0] = '\0';
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct period p;
		char first[11], last[11];
		if (period_parse(db_col_text(st, 0), &p) != 0)
			continue;
		period_days(&p, first, last);
		if (!earliest_end[0] || strcmp(last, earliest_end) < 0)
			memcpy(earliest_end, last, 11);
		if (strcmp(first, latest_start) > 0)
			memcpy(latest_start, first, 11);
	}
	db_done(st);
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int teams_update(struct db *db, const struct user *who, long long id, const struct team_input *in,
		 struct field_errors *fe)
{
	long long village;
	int dissolved;
	int rc = writable_team(db, who, id, &village, &dissolved);
	if (rc != RES_OK)
		return rc;
	struct team_values v;
	teams_check(in, &v, fe);
	/* a team's reports must stay inside its life */
	const char *start = v.established_on[0] ? v.established_on : v.decision_date;
	char earliest_end[11], latest_start[11];
	if (!fe->n && *start && report_days(db, id, earliest_end, latest_start) != RES_OK)
		return RES_ERROR;
	if (!fe->n && *start && earliest_end[0] && strcmp(start, earliest_end) > 0)
		field_error_add(fe, v.established_on[0] ? "established_on" : "decision_date",
				N_("the team has reports for periods before this date"), NULL);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st =
	    db_prepare(db, "UPDATE team SET name = :name, name_fold = :fold, decision_no = :dno,"
			   " decision_date = :ddate, decided_by = :dby, established_on = :est,"
			   " group_name = :gname, group_link = :glink, households = :hh,"
			   " households_in_group = :hhg WHERE id = :id");
	int res = RES_ERROR;
	if (st) {
		bind_team(st, &v);
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	return tx_end(db, res, who, "update", "team", id, village, NULL);
}

int teams_dissolve(struct db *db, const struct user *who, long long id, const char *date,
		   const char *reason, struct field_errors *fe)
{
	long long village;
	int dissolved;
	int rc = writable_team(db, who, id, &village, &dissolved);
	if (rc != RES_OK)
		return rc;
	char on[11];
	if (dissolved)
		field_error_add(fe, "dissolved_on", N_("the team is already dissolved"), NULL);
	else if (!date || !*date)
		field_error_add(fe, "dissolved_on", N_("not a date (dd/mm/yyyy)"), NULL);
	else
		field_date(fe, "dissolved_on", date, on, 1);
	char earliest_end[11], latest_start[11];
	if (!fe->n && report_days(db, id, earliest_end, latest_start) != RES_OK)
		return RES_ERROR;
	if (!fe->n && strcmp(latest_start, on) > 0)
		field_error_add(fe, "dissolved_on",
				N_("the team has reports for periods after this date"), NULL);
	char why[512];
	copy_nfc(why, sizeof why, reason, "reason", 300, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(db, "UPDATE team SET dissolved_on = :on,"
					    " dissolved_reason = :why WHERE id = :id");
	int res = RES_ERROR;
	if (st) {
		db_bind_text(st, ":on", on);
		db_bind_text(st, ":why", why);
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	if (res == RES_OK && rollup_dissolve(db, id, village, on, 1) != 0)
		res = RES_ERROR;
	return tx_end(db, res, who, "dissolve", "team", id, village, NULL);
}

/* The type of a scan from its bytes: a PDF, JPEG or PNG; else NULL. */
static const char *scan_mime(const void *p, size_t n)
{
	enum sniffed k = sniff(p, n);
	return k == SNIFF_PDF || k == SNIFF_JPEG || k == SNIFF_PNG ? sniff_mime(k) : NULL;
}

int teams_set_scan(struct db *db, const struct user *who, long long id, const char *filename,
		   const void *data, size_t len, struct field_errors *fe)
{
	long long village;
	int dissolved;
	int rc = writable_team(db, who, id, &village, &dissolved);
	if (rc != RES_OK)
		return rc;
	const char *mime = scan_mime(data, len);
	if (len > SCAN_MAX)
		field_error_add(fe, "scan", N_("the file is larger than 5 MB"), NULL);
	else if (!mime)
		field_error_add(fe, "scan", N_("the file is not a PDF, JPEG or PNG"), NULL);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_ERROR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO file_blob(mime, name, bytes)"
					    " VALUES (:mime, :name, :bytes)");
	if (st) {
		db_bind_text(st, ":mime", mime);
		db_bind_text(st, ":name",
			     filename && utf8_valid(filename, strlen(filename)) ? filename : "");
		db_bind_blob(st, ":bytes", data, len);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	long long blob = db_last_id(db);
	st = res == RES_OK ? db_prepare(db, "UPDATE team SET decision_scan_id = :b WHERE id = :id")
			   : NULL;
	if (st) {
		db_bind_int(st, ":b", blob);
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	return tx_end(db, res, who, "scan", "team", id, village, NULL);
}

int teams_scan(struct db *db, struct arena *a, const struct user *who, long long id,
	       const char **mime, const void **data, size_t *len)
{
	struct db_stmt *st = db_prepare(db, "SELECT f.mime, f.bytes, length(f.bytes) FROM team t"
					    " JOIN file_blob f ON f.id = t.decision_scan_id"
					    " WHERE t.id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*mime = arena_strdup(a, db_col_text(st, 0));
		*len = (size_t)db_col_int(st, 2);
		void *copy = arena_alloc(a, *len + 1);
		memcpy(copy, db_col_blob(st, 1), *len);
		*data = copy;
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}
