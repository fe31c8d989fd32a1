/* villages.c: villages (thôn, bản, tổ dân phố, ...) imported from CSV.
 * Columns, in any order, named in English or Vietnamese (case and accents
 * ignored): commune_code / Mã xã (required), village / Tên thôn (required),
 * village_code / Mã thôn, kind / Loại. The whole file is checked first;
 * a single error writes nothing. */
#include "core/audit.h"
#include "core/tx.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/jw.h"
#include "util/text.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define VILLAGE_NAME_MAX 120 /* characters */
#define VILLAGE_ROWS_MAX 100000

/* Kinds of village, longest first so that "Tổ dân phố" wins over "Tổ". */
static const char *const kinds[] = {
    "Tổ dân phố", "Khu phố", "Khu dân cư", "Thôn", "Bản",  "Buôn", "Plei", "Làng", "Ấp",
    "Khóm",	  "Xóm",     "Sóc",	   "Phum", "Khối", "Khu",  "Tổ",   "Đội",  "Cụm",
};

const char *village_kind_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(name, kinds[i], n) == 0 && (name[n] == ' ' || name[n] == '\0'))
			return kinds[i];
	}
	return NULL;
}

/* The kind named by text (any case or accents), or NULL. */
static const char *kind_lookup(const char *text)
{
	struct buf f = BUF_INIT, g = BUF_INIT;
	const char *found = NULL;
	text_fold(&f, text);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds && !found; i++) {
		buf_reset(&g);
		text_fold(&g, kinds[i]);
		if (strcmp(buf_cstr(&f), buf_cstr(&g)) == 0)
			found = kinds[i];
	}
	buf_release(&f);
	buf_release(&g);
	return found;
}

enum col { COL_COMMUNE, COL_NAME, COL_CODE, COL_KIND, NCOLS };

static const struct csv_alias headers[] = {
    {COL_COMMUNE, "commune_code"},
    {COL_COMMUNE, "commune code"},
    {COL_COMMUNE, "ma xa"},
    {COL_COMMUNE, "ma xa/phuong"},
    {COL_COMMUNE, "ma don vi cap xa"},
    {COL_NAME, "village"},
    {COL_NAME, "village_name"},
    {COL_NAME, "name"},
    {COL_NAME, "ten thon"},
    {COL_NAME, "ten thon/to dan pho"},
    {COL_NAME, "ten"},
    {COL_CODE, "village_code"},
    {COL_CODE, "code"},
    {COL_CODE, "ma thon"},
    {COL_CODE, "ma thon/to dan pho"},
    {COL_KIND, "kind"},
    {COL_KIND, "loai"},
};

static int header_col(const char *cell)
{
	return csv_header_col(cell, headers, sizeof headers / sizeof *headers);
}

static const char *const col_names[NCOLS] = {"commune_code", "village", "village_code", "kind"};

struct vrow {
	long long commune; /* 0 when invalid */
	const char *name, *fold, *code, *kind;
	int line;
	int exists;
};

static int code_ok(const char *s)
{
	if (strlen(s) > 20)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
			return 0;
	return 1;
}

/* Does a current village with this folded name exist under commune? */
static int village_exists(struct db *db, long long commune, const char *fold)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM unit WHERE parent_id = :p"
					    " AND name_fold = :f AND level = 'village'"
					    " AND valid_to IS NULL");
	if (!st)
		return -1;
	db_bind_int(st, ":p", commune);
	db_bind_text(st, ":f", fold);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Check one data row into v; errors go to r. */
static void check_row(struct db *db, struct arena *a, const struct csv_row *row, const int *pos,
		      long long scope, const char *at, struct vrow *v, struct import_result *r)
{
	const char *cell[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		cell[c] = pos[c] >= 0 && pos[c] < row->nfields ? row->fields[pos[c]] : "";
	struct buf t = BUF_INIT;
	v->line = row->line;

	text_nfc(&t, cell[COL_COMMUNE]);
	const char *code = arena_strdup(a, buf_cstr(&t));
	if (!*code) {
		import_error_add(r, row->line, pos[COL_COMMUNE] + 1, col_names[COL_COMMUNE],
				 N_("the commune code is missing"), NULL);
	} else {
		long long id =
		    at ? units_find_at(db, "commune", code, at) : units_find(db, "commune", code);
		if (!id || !units_in_scope(db, scope, id))
			import_error_add(r, row->line, pos[COL_COMMUNE] + 1, col_names[COL_COMMUNE],
					 N_("no commune with code %s in your area"), code);
		v->commune = id;
	}

	buf_reset(&t);
	text_nfc(&t, cell[COL_NAME]);
	v->name = arena_strdup(a, buf_cstr(&t));
	if (!*v->name)
		import_error_add(r, row->line, pos[COL_NAME] + 1, col_names[COL_NAME],
				 N_("the village name is missing"), NULL);
	else if (utf8_chars(v->name) > VILLAGE_NAME_MAX)
		import_error_add(r, row->line, pos[COL_NAME] + 1, col_names[COL_NAME],
				 N_("the village name is longer than 120 characters"), NULL);
	buf_reset(&t);
	text_fold(&t, v->name);
	v->fold = arena_strdup(a, buf_cstr(&t));

	buf_reset(&t);
	text_nfc(&t, cell[COL_CODE]);
	v->code = arena_strdup(a, buf_cstr(&t));
	if (*v->code && !code_ok(v->code))
		import_error_add(
		    r, row->line, pos[COL_CODE] + 1, col_names[COL_CODE],
		    N_("the village code %s may hold only letters, digits, '-' and '.'"), v->code);

	buf_reset(&t);
	text_nfc(&t, cell[COL_KIND]);
	if (t.len) {
		v->kind = kind_lookup(buf_cstr(&t));
		if (!v->kind)
			import_error_add(r, row->line, pos[COL_KIND] + 1, col_names[COL_KIND],
					 N_("unknown kind of village: %s"),
					 arena_strdup(a, buf_cstr(&t)));
	} else {
		v->kind = village_kind_from_name(v->name);
		if (!v->kind)
			v->kind = "Thôn";
	}
	buf_release(&t);
}

/* Order of rows for finding duplicates: commune, folded name, line. */
static int vrow_cmp(const void *x, const void *y)
{
	const struct vrow *a = *(const struct vrow *const *)x, *b = *(const struct vrow *const *)y;
	if (a->commune != b->commune)
		return a->commune < b->commune ? -1 : 1;
	int c = strcmp(a->fold, b->fold);
	return c ? c : a->line - b->line;
}

static int error_cmp(const void *x, const void *y)
{
	const struct import_error *a = x, *b = y;
	return a->line != b->line ? a->line - b->line : a->col - b->col;
}

/* Report every row naming a village that an earlier row of the same
 * commune already names (sorting: n log n, for files of 100,000 rows). */
static void find_duplicates(struct arena *a, struct vrow *v, int n, int col,
			    struct import_result *r)
{
	struct vrow **idx = arena_alloc(a, (size_t)n * sizeof *idx);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (v[i].commune && *v[i].name)
			idx[m++] = &v[i];
	qsort(idx, (size_t)m, sizeof *idx, vrow_cmp);
	for (int i = 1; i < m; i++)
		if (idx[i]->commune == idx[i - 1]->commune &&
		    strcmp(idx[i]->fold, idx[i - 1]->fold) == 0)
			import_error_add(r, idx[i]->line, col, col_names[COL_NAME],
					 N_("%s appears twice for this commune in the file"),
					 idx[i]->name);
}

int villages_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
			size_t len, struct import_result *r)
{
	return villages_import_csv_at(db, a, who, data, len, NULL, r);
}

int villages_import_csv_at(struct db *db, struct arena *a, const struct user *who, const char *data,
			   size_t len, const char *at, struct import_result *r)
{
	long long scope = who->scope;
	memset(r, 0, sizeof *r);
	struct csv csv;
	struct csv_error ce;
	if (csv_parse(a, data, len, &csv, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	if (csv.nrows == 0) {
		import_error_add(r, 0, 0, NULL, N_("the file is empty"), NULL);
		return RES_INVALID;
	}
	int pos[NCOLS] = {-1, -1, -1, -1};
	const struct csv_row *head = &csv.rows[0];
	for (int i = 0; i < head->nfields; i++) {
		int c = header_col(head->fields[i]);
		if (c >= 0 && pos[c] < 0)
			pos[c] = i;
	}
	if (pos[COL_COMMUNE] < 0)
		import_error_add(r, head->line, 0, NULL, N_("the header has no column %s"),
				 "commune_code / Mã xã");
	if (pos[COL_NAME] < 0)
		import_error_add(r, head->line, 0, NULL, N_("the header has no column %s"),
				 "village / Tên thôn");
	if (r->nerrors)
		return RES_INVALID;
	if (csv.nrows - 1 > VILLAGE_ROWS_MAX) {
		import_error_add(r, 0, 0, NULL, N_("the file has more than 100000 rows"), NULL);
		return RES_INVALID;
	}
	if (csv.nrows == 1) {
		import_error_add(r, head->line, 0, NULL, N_("the file has a header but no rows"),
				 NULL);
		return RES_INVALID;
	}

	r->rows = csv.nrows - 1;
	struct vrow *v = arena_alloc(a, (size_t)r->rows * sizeof *v);
	for (int i = 0; i < r->rows; i++)
		check_row(db, a, &csv.rows[i + 1], pos, scope, at, &v[i], r);
	find_duplicates(a, v, r->rows, pos[COL_NAME] + 1, r);
	if (r->nerrors) {
		int kept = r->nerrors < IMPORT_MAX_ERRORS ? r->nerrors : IMPORT_MAX_ERRORS;
		qsort(r->errors, (size_t)kept, sizeof *r->errors, error_cmp);
		return RES_INVALID;
	}

	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_OK;
	for (int i = 0; i < r->rows && res == RES_OK; i++) {
		int ex = village_exists(db, v[i].commune, v[i].fold);
		if (ex < 0) {
			res = RES_ERROR;
		} else if (ex) {
			r->unchanged++;
		} else {
			long long id;
			res = units_add(db, v[i].commune, "village", v[i].code, v[i].name,
					v[i].kind, NULL, "import", &id);
			r->added++;
		}
	}
	if (res == RES_OK) {
		struct buf d = BUF_INIT;
		struct jw j;
		jw_init(&j, &d);
		jw_obj_begin(&j);
		jw_kv_int(&j, "rows", r->rows);
		jw_kv_int(&j, "added", r->added);
		jw_kv_int(&j, "unchanged", r->unchanged);
		jw_obj_end(&j);
		res = tx_end(db, res, who, "import", "village", 0, scope, buf_cstr(&d));
		buf_release(&d);
		if (res == RES_OK)
			return RES_OK;
	} else {
		tx_end(db, res, who, NULL, NULL, 0, 0, NULL);
	}
	r->added = r->unchanged = 0;
	return RES_ERROR;
}

const char *villages_template(const char *lang)
{
	if (strcmp(lang, "en") == 0)
		return "\xEF\xBB\xBF"
		       "commune_code;village;village_code;kind\r\n"
		       "06184;Thôn Nà Lầu;;Thôn\r\n"
		       "06184;Bản Khuổi Phục;;Bản\r\n";
	return "\xEF\xBB\xBF"
	       "Mã xã;Tên thôn/tổ dân phố;Mã thôn (nếu có);Loại\r\n"
	       "06184;Thôn Nà Lầu;;Thôn\r\n"
	       "06184;Bản Khuổi Phục;;Bản\r\n";
}
