/* roster.c: teams and members in and out of files. */
#include "core/roster.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/scope.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/jw.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROSTER_ROWS_MAX 200000

enum col {
	C_COMMUNE,
	C_VILLAGE,
	C_TEAM,
	C_DNO,
	C_DDATE,
	C_NAME,
	C_BIRTH,
	C_GENDER,
	C_PHONE,
	C_ROLE,
	C_AFF,
	NCOLS
};

static const char *const col_names[NCOLS] = {
    "commune_code", "village", "team_name", "decision_no", "decision_date", "member_name",
    "birth_year",   "gender",  "phone",	    "role",	   "affiliation",
};

/* Folded header names accepted for each column, besides its English name. */
static const struct {
	enum col col;
	const char *alias;
} aliases[] = {
    {C_COMMUNE, "ma xa"},	  {C_VILLAGE, "thon"},	      {C_VILLAGE, "thon/to dan pho"},
    {C_VILLAGE, "ten thon"},	  {C_TEAM, "ten to"},	      {C_DNO, "so quyet dinh"},
    {C_DDATE, "ngay quyet dinh"}, {C_NAME, "ho va ten"},      {C_NAME, "ho ten"},
    {C_BIRTH, "nam sinh"},	  {C_GENDER, "gioi tinh"},    {C_PHONE, "so dien thoai"},
    {C_PHONE, "dien thoai"},	  {C_ROLE, "vai tro"},	      {C_ROLE, "chuc danh trong to"},
    {C_AFF, "thanh phan"},	  {C_AFF, "chuc vu, don vi"},
};

static int header_col(const char *cell)
{
	struct buf f = BUF_INIT;
	text_fold(&f, cell);
	int col = -1;
	for (int c = 0; c < NCOLS && col < 0; c++)
		if (strcmp(buf_cstr(&f), col_names[c]) == 0)
			col = c;
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases && col < 0; i++)
		if (strcmp(buf_cstr(&f), aliases[i].alias) == 0)
			col = (int)aliases[i].col;
	buf_release(&f);
	return col;
}

/* The village of commune named (folded name, with or without its kind) or
 * coded text; 0 if none. */
static long long find_village(struct db *db, long long commune, const char *text)
{
	struct buf f = BUF_INIT;
	text_fold(&f, text);
	struct db_stmt *st = db_prepare(db, "SELECT id FROM unit WHERE parent_id = :c"
					    " AND level = 'village' AND valid_to IS NULL"
					    " AND (name_fold = :f OR sort_key = :f OR code = :t)"
					    " ORDER BY name_fold = :f DESC LIMIT 1");
	long long id = 0;
	if (st) {
		db_bind_int(st, ":c", commune);
		db_bind_text(st, ":f", buf_cstr(&f));
		db_bind_text(st, ":t", text);
		id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
		db_done(st);
	}
	buf_release(&f);
	return id;
}

static int active_team(struct db *db, long long village)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM team WHERE unit_id = :v"
					    " AND dissolved_on IS NULL");
	if (!st)
		return -1;
	db_bind_int(st, ":v", village);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

struct group {
	long long village, province;
	int first;		 /* index of its first row */
	struct team_values team; /* from the first row */
};

struct mrow {
	struct member_values m;
	int group; /* -1 when the row has errors */
};

/* The column number (1-based) of the field an error names, for messages. */
static int field_col(const int *pos, const char *field)
{
	static const struct {
		const char *field;
		enum col col;
	} map[] = {
	    {"full_name", C_NAME}, {"birth_year", C_BIRTH}, {"gender", C_GENDER},
	    {"phone", C_PHONE},	   {"role", C_ROLE},	    {"affiliation", C_AFF},
	    {"name", C_TEAM},	   {"decision_no", C_DNO},  {"decision_date", C_DDATE},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(field, map[i].field) == 0)
			return pos[map[i].col] + 1;
	return 0;
}

static const char *column_of(const char *field)
{
	if (strcmp(field, "full_name") == 0)
		return col_names[C_NAME];
	if (strcmp(field, "name") == 0)
		return col_names[C_TEAM];
	return field;
}

static void take_errors(struct import_result *r, int line, const int *pos,
			const struct field_errors *fe)
{
	for (int i = 0; i < fe->n; i++)
		import_error_add(r, line, field_col(pos, fe->e[i].field), column_of(fe->e[i].field),
				 fe->e[i].msgid, fe->e[i].arg);
}

int roster_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		      size_t len, struct import_result *r, int *teams_added)
{
	memset(r, 0, sizeof *r);
	*teams_added = 0;
	if (!teams_may_write(who))
		return RES_FORBIDDEN;
	struct csv csv;
	struct csv_error ce;
	if (csv_parse(a, data, len, &csv, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	if (csv.nrows < 2) {
		import_error_add(r, 0, 0, NULL, N_("the file has a header but no rows"), NULL);
		return RES_INVALID;
	}
	if (csv.nrows - 1 > ROSTER_ROWS_MAX) {
		import_error_add(r, 0, 0, NULL, N_("the file has too many rows"), NULL);
		return RES_INVALID;
	}
	int pos[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		pos[c] = -1;
	for (int i = 0; i < csv.rows[0].nfields; i++) {
		int c = header_col(csv.rows[0].fields[i]);
		if (c >= 0 && pos[c] < 0)
			pos[c] = i;
	}
	for (int c = 0; c < NCOLS; c++)
		if (pos[c] < 0 && (c == C_COMMUNE || c == C_VILLAGE || c == C_NAME))
			import_error_add(r, csv.rows[0].line, 0, NULL,
					 N_("the header has no column %s"), col_names[c]);
	if (r->nerrors)
		return RES_INVALID;

	r->rows = csv.nrows - 1;
	struct mrow *rows = arena_alloc(a, (size_t)r->rows * sizeof *rows);
	struct group *groups = arena_alloc(a, (size_t)r->rows * sizeof *groups);
	int ngroups = 0;
	long long last_commune = 0;
	char last_code[32] = "";
	for (int i = 0; i < r->rows; i++) {
		const struct csv_row *row = &csv.rows[i + 1];
		const char *cell[NCOLS];
		for (int c = 0; c < NCOLS; c++)
			cell[c] = pos[c] >= 0 && pos[c] < row->nfields ? row->fields[pos[c]] : "";
		rows[i].group = -1;
		struct field_errors fe = {0};
		struct member_input mi = {.full_name = cell[C_NAME],
					  .birth_year = cell[C_BIRTH],
					  .gender = cell[C_GENDER],
					  .phone = cell[C_PHONE],
					  .role = cell[C_ROLE],
					  .affiliation = cell[C_AFF]};
		members_check(&mi, &rows[i].m, &fe);
		take_errors(r, row->line, pos, &fe);

		/* the commune (in scope) and the village */
		long long commune = 0;
		if (strcmp(cell[C_COMMUNE], last_code) == 0) {
			commune = last_commune;
		} else {
			commune = units_find(db, "commune", cell[C_COMMUNE]);
			if (commune && !scope_has(db, who, commune))
				commune = 0;
			snprintf(last_code, sizeof last_code, "%s", cell[C_COMMUNE]);
			last_commune = commune;
		}
		if (!commune) {
			import_error_add(r, row->line, pos[C_COMMUNE] + 1, col_names[C_COMMUNE],
					 N_("no commune with code %s in your area"),
					 arena_strdup(a, cell[C_COMMUNE]));
			continue;
		}
		long long village =
		    *cell[C_VILLAGE] ? find_village(db, commune, cell[C_VILLAGE]) : 0;
		if (!village) {
			import_error_add(
			    r, row->line, pos[C_VILLAGE] + 1, col_names[C_VILLAGE],
			    N_("no village %s in this commune (import the villages first)"),
			    arena_strdup(a, cell[C_VILLAGE]));
			continue;
		}
		int g = ngroups - 1;
		while (g >= 0 && groups[g].village != village)
			g--;
		if (g < 0) {
			g = ngroups++;
			groups[g].village = village;
			groups[g].province = teams_province(db, village);
			groups[g].first = i;
			struct team_input ti = {.name = *cell[C_TEAM] ? cell[C_TEAM] : NULL,
						.decision_no = cell[C_DNO],
						.decision_date = cell[C_DDATE]};
			struct field_errors tfe = {0};
			struct buf dflt = BUF_INIT;
			if (!ti.name) {
				struct unit u;
				if (units_get(db, a, village, &u) == RES_OK)
					buf_printf(&dflt, "Tổ CNSCĐ %s", u.name);
				ti.name = arena_strdup(a, buf_cstr(&dflt));
			}
			buf_release(&dflt);
			teams_check(&ti, &groups[g].team, &tfe);
			take_errors(r, row->line, pos, &tfe);
			int has = active_team(db, village);
			if (has < 0)
				return RES_ERROR;
			if (has)
				import_error_add(r, row->line, pos[C_VILLAGE] + 1,
						 col_names[C_VILLAGE],
						 N_("%s already has an active team"),
						 arena_strdup(a, cell[C_VILLAGE]));
		} else if (*cell[C_TEAM] && strcmp(cell[C_TEAM], groups[g].team.name) != 0) {
			import_error_add(r, row->line, pos[C_TEAM] + 1, col_names[C_TEAM],
					 N_("another team name for the same village (line %s)"),
					 arena_printf(a, "%d", csv.rows[groups[g].first + 1].line));
		}
		if (!fe.n)
			rows[i].group = g;
	}
	if (r->nerrors)
		return RES_INVALID;

	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_OK;
	long long *team_ids = arena_alloc(a, (size_t)(ngroups + 1) * sizeof *team_ids);
	for (int g = 0; g < ngroups && res == RES_OK; g++)
		res = teams_insert(db, groups[g].village, &groups[g].team, &team_ids[g]);
	for (int i = 0; i < r->rows && res == RES_OK; i++) {
		long long id;
		res = members_insert(db, team_ids[rows[i].group], groups[rows[i].group].province,
				     &rows[i].m, &id);
	}
	if (res == RES_OK) {
		r->added = r->rows;
		*teams_added = ngroups;
		struct buf d = BUF_INIT;
		buf_printf(&d, "{\"teams\":%d,\"members\":%d}", ngroups, r->rows);
		res = tx_end(db, res, who, "import", "team", 0, who->scope, buf_cstr(&d));
		buf_release(&d);
		if (res == RES_OK)
			return RES_OK;
	} else {
		tx_end(db, res, who, NULL, NULL, 0, 0, NULL);
	}
	r->added = 0;
	*teams_added = 0;
	return RES_ERROR;
}

const char *roster_template(const char *lang)
{
	if (strcmp(lang, "en") == 0)
		return "\xEF\xBB\xBF"
		       "commune_code;village;team_name;decision_no;decision_date;member_name;"
		       "birth_year;gender;phone;role;affiliation\r\n"
		       "06184;Thôn Nà Lầu;Tổ CNSCĐ thôn Nà Lầu;15/QĐ-UBND;12/03/2022;Hoàng Văn "
		       "Dũng;"
		       "1968;M;0912345678;leader;village head\r\n"
		       "06184;Thôn Nà Lầu;;;;Lục Thị Hạnh;1995;F;0387654321;member;Youth Union\r\n";
	return "\xEF\xBB\xBF"
	       "Mã xã;Thôn/tổ dân phố;Tên tổ;Số quyết định;Ngày quyết định;Họ và tên;Năm sinh;"
	       "Giới tính;Số điện thoại;Vai trò;Thành phần\r\n"
	       "06184;Thôn Nà Lầu;Tổ CNSCĐ thôn Nà Lầu;15/QĐ-UBND;12/03/2022;Hoàng Văn Dũng;1968;"
	       "Nam;0912345678;Tổ trưởng;Trưởng thôn\r\n"
	       "06184;Thôn Nà Lầu;;;;Lục Thị Hạnh;1995;Nữ;0387654321;Thành viên;Đoàn thanh "
	       "niên\r\n";
}

int roster_load(struct db *db, struct arena *a, const struct user *who, long long unit,
		struct roster *out)
{
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK)
		return rc;
	memset(out, 0, sizeof *out);
	out->unit_name = u.name;
	out->personal = members_personal_visible(who);
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT c.code, c.name, v.name, t.name, t.decision_no, coalesce(t.decision_date, ''),"
	    " m.full_name, coalesce(m.birth_year, 0), coalesce(m.gender, ''),"
	    " coalesce(m.phone, ''), m.role, m.affiliation"
	    " FROM team t JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id"
	    " JOIN member m ON m.team_id = t.id AND m.left_on IS NULL"
	    " WHERE t.dissolved_on IS NULL AND " SCOPE_HAS(
		"t.unit_id") " AND EXISTS (SELECT 1 FROM unit_tree x WHERE x.unit_id = t.unit_id"
			     "  AND x.ancestor_id = :unit)"
			     " ORDER BY c.sort_key, v.sort_key, t.id, CASE m.role WHEN 'leader' "
			     "THEN 0"
			     " WHEN 'deputy' THEN 1 ELSE 2 END, m.id");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":unit", unit);
	int cap = 256;
	out->rows = arena_alloc(a, (size_t)cap * sizeof *out->rows);
	while ((rc = db_step(st)) == DB_ROW) {
		if (out->n == cap) {
			struct roster_row *bigger =
			    arena_alloc(a, (size_t)cap * 2 * sizeof *bigger);
			memcpy(bigger, out->rows, (size_t)cap * sizeof *bigger);
			out->rows = bigger;
			cap *= 2;
		}
		struct roster_row *x = &out->rows[out->n++];
		x->commune_code = arena_strdup(a, db_col_text(st, 0));
		x->commune = arena_strdup(a, db_col_text(st, 1));
		x->village = arena_strdup(a, db_col_text(st, 2));
		x->team = arena_strdup(a, db_col_text(st, 3));
		x->decision_no = arena_strdup(a, db_col_text(st, 4));
		x->decision_date = arena_strdup(a, db_col_text(st, 5));
		x->member = arena_strdup(a, db_col_text(st, 6));
		x->birth_year = out->personal ? (int)db_col_int(st, 7) : 0;
		x->gender = arena_strdup(a, db_col_text(st, 8));
		const char *phone = db_col_text(st, 9);
		char masked[16];
		if (!out->personal && *phone)
			phone_mask(phone, masked);
		x->phone = arena_strdup(a, out->personal || !*phone ? phone : masked);
		x->role = arena_strdup(a, db_col_text(st, 10));
		x->affiliation = arena_strdup(a, db_col_text(st, 11));
	}
	db_done(st);
	if (rc == DB_ERR)
		return RES_ERROR;
	if (out->personal && out->n) {
		struct buf d = BUF_INIT;
		buf_printf(&d, "{\"export\":true,\"members\":%d}", out->n);
		int ok =
		    db_begin(db) == DB_OK &&
		    audit_log(db, who, "read-personal", "member", 0, unit, buf_cstr(&d)) == 0 &&
		    db_commit(db) == DB_OK;
		buf_release(&d);
		if (!ok) {
			db_rollback(db);
			return RES_ERROR;
		}
	}
	return RES_OK;
}
