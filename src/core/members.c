/* members.c: team members: validation, phone numbers, masking of personal
 * data and the audit of every read of it. */
#include "core/audit.h"
#include "core/roles.h"
#include "core/tx.h"
#include "core/scope.h"
#include "core/teams.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jw.h"
#include "util/text.h"
#include "util/vec.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The 11-digit mobile prefixes renumbered in 2018 and their new 10-digit form. */
static const struct {
	const char *old, *now;
} renumbered[] = {
    {"0162", "032"}, {"0163", "033"}, {"0164", "034"}, {"0165", "035"}, {"0166", "036"},
    {"0167", "037"}, {"0168", "038"}, {"0169", "039"}, {"0120", "070"}, {"0121", "079"},
    {"0122", "077"}, {"0126", "076"}, {"0128", "078"}, {"0123", "083"}, {"0124", "084"},
    {"0125", "085"}, {"0127", "081"}, {"0129", "082"}, {"0186", "056"}, {"0188", "058"},
    {"0199", "059"},
};

int phone_normalize(const char *in, char out[11])
{
	char d[16];
	size_t n = 0;
	const char *p = in;
	while (*p == ' ' || *p == '\t')
		p++;
	int plus = *p == '+';
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n >= sizeof d - 1)
				return -1;
			d[n++] = *p;
		} else if (!strchr(" .-()+", *p)) {
			return -1;
		}
	}
	d[n] = '\0';
	char local[16];
	if (n >= 11 && strncmp(d, "84", 2) == 0 && (plus || n == 11 || n == 12))
		snprintf(local, sizeof local, "0%s", d + 2);
	else if (n == 9 || n == 10) /* "912345678" written without its 0 */
		snprintf(local, sizeof local, "%s%s", d[0] == '0' ? "" : "0", d);
	else
		snprintf(local, sizeof local, "%s", d);
	if (strlen(local) == 11) {
		for (size_t i = 0; i < sizeof renumbered / sizeof *renumbered; i++) {
			if (strncmp(local, renumbered[i].old, 4) == 0) {
				memcpy(out, renumbered[i].now, 3);
				memcpy(out + 3, local + 4, 7); /* 3 + 7 digits and the NUL below */
				out[10] = '\0';
				return 0;
			}
		}
		return -1;
	}
	if (strlen(local) != 10 || local[0] != '0' || !strchr("35789", local[1]))
		return -1;
	memcpy(out, local, 11);
	return 0;
}

void phone_mask(const char *phone, char out[16])
{
	size_t n = strlen(phone);
	if (n != 10) {
		snprintf(out, 16, "x");
		return;
	}
	snprintf(out, 16, "%.2sx xxx x%s", phone, phone + 7);
}

int members_personal_visible(const struct user *who)
{
	/* the officers who manage rosters, and the team's own members */
	return teams_may_write(who) || role_of(who->role) == ROLE_TEAM;
}

static const struct code_name {
	const char *code;
	const char *names[6]; /* folded ways to write it */
} roles[] =
    {
	{"leader", {"leader", "to truong", "truong", NULL}},
	{"deputy", {"deputy", "deputy leader", "to pho", "pho", NULL}},
	{"member", {"member", "thanh vien", NULL}},
},
  genders[] =
      {
	  {"male", {"male", "m", "nam", NULL}},
	  {"female", {"female", "f", "nu", NULL}},
},
  affiliations[] = {
      {"village_head",
       {"village_head", "village head", "truong thon", "truong ban", "to truong to dan pho",
	"truong khu pho"}},
      {"youth_union", {"youth_union", "youth union", "doan thanh nien", "doan vien", NULL}},
      {"women_union", {"women_union", "women's union", "hoi phu nu", "phu nu", NULL}},
      {"farmers_union", {"farmers_union", "farmers' union", "hoi nong dan", "nong dan", NULL}},
      {"veterans",
       {"veterans", "veterans' association", "cuu chien binh", "hoi cuu chien binh", NULL}},
      {"police", {"police", "cong an", "cong an xa", NULL}},
      {"other", {"other", "khac", "", NULL}},
};

static const char *lookup(const struct code_name *t, size_t n, const char *text)
{
	if (!text)
		return NULL;
	struct buf f = BUF_INIT;
	text_fold(&f, text);
	const char *found = NULL;
	for (size_t i = 0; i < n && !found; i++)
		for (int k = 0; k < 6 && t[i].names[k] && !found; k++)
			if (strcmp(buf_cstr(&f), t[i].names[k]) == 0)
				found = t[i].code;
	buf_release(&f);
	return found;
}

const char *member_role_msgid(const char *code)
{
	if (strcmp(code, "leader") == 0)
		return N_("Leader");
	if (strcmp(code, "deputy") == 0)
		return N_("Deputy leader");
	return N_("Member");
}

const char *gender_msgid(const char *code)
{
	return strcmp(code, "male") == 0     ? N_("Male")
	       : strcmp(code, "female") == 0 ? N_("Female")
					     : "";
}

const char *affiliation_msgid(const char *code)
{
	static const struct {
		const char *code, *msgid;
	} labels[] = {
	    {"village_head", N_("Village head")},      {"youth_union", N_("Youth Union")},
	    {"women_union", N_("Women's Union")},      {"farmers_union", N_("Farmers' Union")},
	    {"veterans", N_("Veterans' Association")}, {"police", N_("Police")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(code, labels[i].code) == 0)
			return labels[i].msgid;
	return N_("Other");
}

const char *member_role_code(const char *text)
{
	return lookup(roles, sizeof roles / sizeof *roles, text);
}

const char *member_gender_code(const char *text)
{
	return lookup(genders, sizeof genders / sizeof *genders, text);
}

const char *member_affiliation_code(const char *text)
{
	return lookup(affiliations, sizeof affiliations / sizeof *affiliations, text);
}

void members_check(const struct member_input *in, struct member_values *v, struct field_errors *fe)
{
	struct buf b = BUF_INIT;
	memset(v, 0, sizeof *v);
	if (!in->full_name || text_nfc(&b, in->full_name) < 0 || b.len == 0)
		field_error_add(fe, "full_name", N_("the member's full name is missing"), NULL);
	else if (utf8_chars(buf_cstr(&b)) > 100)
		field_error_add(fe, "full_name", N_("the text is too long"), NULL);
	else {
		memcpy(v->name, buf_cstr(&b), b.len + 1);
		buf_reset(&b);
		text_fold(&b, v->name);
		snprintf(v->fold, sizeof v->fold, "%s", buf_cstr(&b));
	}
	buf_release(&b);
	if (in->birth_year && *in->birth_year) {
		char *end;
		long y = strtol(in->birth_year, &end, 10);
		if (*end || y < 1920 || y > 2015)
			field_error_add(fe, "birth_year", N_("a year of birth from 1920 to 2015"),
					NULL);
		else
			v->birth_year = (int)y;
	}
	if (in->gender && *in->gender && !(v->gender = member_gender_code(in->gender)))
		field_error_add(fe, "gender", N_("gender: Nam or Nữ (M or F)"), NULL);
	if (in->phone && *in->phone && phone_normalize(in->phone, v->phone) != 0)
		field_error_add(fe, "phone", N_("not a Vietnamese mobile number: %s"), in->phone);
	v->role = member_role_code(in->role && *in->role ? in->role : "member");
	if (!v->role)
		field_error_add(fe, "role", N_("role: tổ trưởng, tổ phó or thành viên"), NULL);
	v->affiliation = member_affiliation_code(in->affiliation ? in->affiliation : "");
	if (!v->affiliation)
		field_error_add(fe, "affiliation",
				N_("unknown affiliation (village head, Youth Union, Women's Union, "
				   "Farmers' Union, veterans, police, other)"),
				NULL);
	field_date(fe, "joined_on", in->joined_on, v->joined, 0);
	field_date(fe, "consent_on", in->consent_on, v->consent_on, 0);
	snprintf(v->consent_how, sizeof v->consent_how, "%s",
		 in->consent_how ? in->consent_how : "");
	if (!utf8_valid(v->consent_how, strlen(v->consent_how)))
		field_error_add(fe, "consent_how", N_("the text is not valid UTF-8"), NULL);
}

static void bind_member(struct db_stmt *st, const struct member_values *v)
{
	db_bind_text(st, ":name", v->name);
	db_bind_text(st, ":fold", v->fold);
	db_bind_id(st, ":by", v->birth_year);
	db_bind_text(st, ":gender", v->gender);
	db_bind_text(st, ":phone", v->phone[0] ? v->phone : NULL);
	db_bind_text(st, ":role", v->role);
	db_bind_text(st, ":aff", v->affiliation);
	db_bind_text(st, ":joined", v->joined[0] ? v->joined : NULL);
	db_bind_text(st, ":con", v->consent_on[0] ? v->consent_on : NULL);
	db_bind_text(st, ":how", v->consent_how);
}

long long members_team(struct db *db, const struct user *who, long long id)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT m.team_id FROM member m JOIN team t"
			   " ON t.id = m.team_id WHERE m.id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return 0;
	scope_bind(st, who);
	db_bind_int(st, ":id", id);
	long long team = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return team;
}

int members_list(struct db *db, struct arena *a, const struct user *who, long long team,
		 int with_left, struct member **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, m.team_id, m.full_name, coalesce(m.birth_year, 0),"
		" coalesce(m.gender, ''), coalesce(m.phone, ''), m.role, m.affiliation,"
		" coalesce(m.joined_on, ''), coalesce(m.left_on, ''), coalesce(m.consent_on, ''),"
		" m.consent_how, m.phone IS NOT NULL AND m.left_on IS NULL AND EXISTS (SELECT 1"
		"  FROM member o WHERE o.province_id = m.province_id AND o.phone = m.phone"
		"  AND o.left_on IS NULL AND o.id <> m.id), t.unit_id"
		" FROM member m JOIN team t ON t.id = m.team_id"
		" WHERE m.team_id = :team AND (:left = 1 OR m.left_on IS NULL) AND " SCOPE_HAS(
		    "t.unit_id") " ORDER BY m.left_on IS NOT NULL, CASE m.role WHEN 'leader' THEN 0"
				 " WHEN 'deputy' THEN 1 ELSE 2 END, m.id");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":team", team);
	db_bind_int(st, ":left", with_left);
	int visible = members_personal_visible(who);
	VEC(struct member) v = {0};
	long long unit = 0;
	struct buf ids = BUF_INIT;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct member *m = VEC_PUSH(a, &v);
		m->id = db_col_int(st, 0);
		m->team_id = db_col_int(st, 1);
		m->full_name = arena_strdup(a, db_col_text(st, 2));
		m->birth_year = visible ? (int)db_col_int(st, 3) : 0;
		m->gender = arena_strdup(a, db_col_text(st, 4));
		const char *phone = db_col_text(st, 5);
		if (visible || !*phone) {
			m->phone = arena_strdup(a, phone);
		} else {
			char masked[16];
			phone_mask(phone, masked);
			m->phone = arena_strdup(a, masked);
		}
		m->role = arena_strdup(a, db_col_text(st, 6));
		m->affiliation = arena_strdup(a, db_col_text(st, 7));
		m->joined_on = arena_strdup(a, db_col_text(st, 8));
		m->left_on = arena_strdup(a, db_col_text(st, 9));
		m->consent_on = arena_strdup(a, db_col_text(st, 10));
		m->consent_how = arena_strdup(a, db_col_text(st, 11));
		m->phone_shared = (int)db_col_int(st, 12);
		unit = db_col_int(st, 13);
		buf_printf(&ids, "%s%lld", ids.len ? "," : "", m->id);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	if (rc == DB_ERR) {
		buf_release(&ids);
		return RES_ERROR;
	}
	int res = RES_OK;
	if (visible && *n) {
		/* who read whose personal data, in its own transaction */
		struct buf d = BUF_INIT;
		buf_printf(&d, "{\"team_id\":%lld,\"members\":[%s]}", team, buf_cstr(&ids));
		if (tx_begin(db) != RES_OK ||
		    audit_log(db, who, "read-personal", "member", 0, unit, buf_cstr(&d)) != 0 ||
		    db_commit(db) != DB_OK) {
			db_rollback(db);
			res = RES_ERROR;
		}
		buf_release(&d);
	}
	buf_release(&ids);
	return res;
}

/* The village and province of a team who may change (RES_OK). */
static int team_for_write(struct db *db, const struct user *who, long long team, long long *unit,
			  long long *province)
{
	if (!teams_may_write(who))
		return RES_FORBIDDEN;
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT t.unit_id, (SELECT p.id FROM unit_tree x JOIN unit p ON p.id = x.ancestor_id"
	    " WHERE x.unit_id = t.unit_id AND p.level = 'province'), t.dissolved_on IS NOT NULL"
	    " FROM team t WHERE t.id = :id AND " SCOPE_HAS("t.unit_id"));
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":id", team);
	int rc = db_step(st), dissolved = 0;
	if (rc == DB_ROW) {
		*unit = db_col_int(st, 0);
		*province = db_col_int(st, 1);
		dissolved = (int)db_col_int(st, 2);
	}
	db_done(st);
	if (rc == DB_ROW && dissolved)
		return RES_CONFLICT;
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

static int finish(struct db *db, int res, const struct user *who, const char *action, long long id,
		  long long unit, const char *name)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "full_name", name);
	jw_obj_end(&j);
	res = tx_end(db, res, who, action, "member", id, unit, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int members_insert(struct db *db, long long team, long long province, const struct member_values *v,
		   long long *id)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO member(team_id, province_id, full_name, name_fold, birth_year, gender,"
	    " phone, role, affiliation, joined_on, consent_on, consent_how) VALUES (:team, :prov,"
	    " :name, :fold, :by, :gender, :phone, :role, :aff, coalesce(:joined, :today),"
	    " :con, :how)");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":team", team);
	db_bind_int(st, ":prov", province);
	bind_member(st, v);
	char today[11];
	date_today(today);
	db_bind_text(st, ":today", today);
	int rc = db_step(st);
	db_done(st);
	*id = rc == DB_DONE ? db_last_id(db) : 0;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

int members_add(struct db *db, const struct user *who, long long team,
		const struct member_input *in, struct field_errors *fe, long long *id)
{
	long long unit, province;
	int rc = team_for_write(db, who, team, &unit, &province);
	if (rc == RES_CONFLICT)
		field_error_add(fe, "team", N_("the team is dissolved"), NULL);
	if (rc != RES_OK)
		return rc == RES_CONFLICT ? RES_INVALID : rc;
	struct member_values v;
	members_check(in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = members_insert(db, team, province, &v, id);
	return finish(db, res, who, "create", *id, unit, v.name);
}

int members_update(struct db *db, const struct user *who, long long id,
		   const struct member_input *in, struct field_errors *fe)
{
	long long team = members_team(db, who, id), unit, province;
	if (!team)
		return RES_NOT_FOUND;
	int rc = team_for_write(db, who, team, &unit, &province);
	if (rc == RES_CONFLICT)
		field_error_add(fe, "team", N_("the team is dissolved"), NULL);
	if (rc != RES_OK)
		return rc == RES_CONFLICT ? RES_INVALID : rc;
	struct member_values v;
	members_check(in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "UPDATE member SET full_name = :name, name_fold = :fold, birth_year = :by,"
		" gender = :gender, phone = :phone, role = :role, affiliation = :aff,"
		" joined_on = coalesce(:joined, joined_on), consent_on = :con, consent_how = :how"
		" WHERE id = :id");
	int res = RES_ERROR;
	if (st) {
		bind_member(st, &v);
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	return finish(db, res, who, "update", id, unit, v.name);
}

int members_leave(struct db *db, const struct user *who, long long id, const char *date,
		  struct field_errors *fe)
{
	long long team = members_team(db, who, id), unit, province;
	if (!team)
		return RES_NOT_FOUND;
	int rc = team_for_write(db, who, team, &unit, &province);
	if (rc != RES_OK)
		return rc == RES_CONFLICT ? RES_INVALID : rc;
	char on[11];
	if (date && *date) {
		if (field_date(fe, "left_on", date, on, 0) != 0)
			return RES_INVALID;
	} else {
		date_today(on);
	}
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(db, "UPDATE member SET left_on = :on WHERE id = :id"
					    " AND left_on IS NULL");
	int res = RES_ERROR;
	if (st) {
		db_bind_text(st, ":on", on);
		db_bind_int(st, ":id", id);
		res = db_step(st) == DB_DONE ? RES_OK : RES_ERROR;
		db_done(st);
	}
	return finish(db, res, who, "leave", id, unit, "");
}
