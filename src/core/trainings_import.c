/* trainings_import.c: a plan of trainings from a CSV file (the province's
 * year of courses, an enterprise's sessions), all or nothing: every row
 * checked as the form checks it, every error named by line and column;
 * a training already there (same unit, title and first day) is left as
 * it is, so that a file sent twice adds nothing. */
#include "core/catalog.h"
#include "core/trainings_int.h"
#include "core/tx.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/csv.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

enum {
	T_TITLE,
	T_UNIT,
	T_ENTERPRISE,
	T_MODE,
	T_PLACE,
	T_LINK,
	T_STARTS,
	T_ENDS,
	T_TRAINERS,
	T_PLATFORMS,
	T_TOPICS,
	T_MATERIALS,
	T_COLS
};

static const struct csv_alias columns[] = {
    {T_TITLE, "title"},
    {T_TITLE, "ten lop"},
    {T_TITLE, "tieu de"},
    {T_UNIT, "unit_code"},
    {T_UNIT, "ma don vi"},
    {T_UNIT, "ma xa"},
    {T_UNIT, "ma tinh"},
    {T_ENTERPRISE, "enterprise"},
    {T_ENTERPRISE, "doanh nghiep"},
    {T_MODE, "mode"},
    {T_MODE, "hinh thuc"},
    {T_PLACE, "place"},
    {T_PLACE, "dia diem"},
    {T_LINK, "link"},
    {T_LINK, "duong dan"},
    {T_STARTS, "starts_on"},
    {T_STARTS, "ngay bat dau"},
    {T_ENDS, "ends_on"},
    {T_ENDS, "ngay ket thuc"},
    {T_TRAINERS, "trainers"},
    {T_TRAINERS, "giang vien"},
    {T_PLATFORMS, "platforms"},
    {T_PLATFORMS, "nen tang"},
    {T_TOPICS, "topics"},
    {T_TOPICS, "noi dung"},
    {T_MATERIALS, "materials"},
    {T_MATERIALS, "tai lieu"},
};

/* The column of each field name the checks of trainings_create use. */
static const struct {
	const char *field;
	int col;
} field_cols[] = {
    {"title", T_TITLE},		{"unit", T_UNIT},     {"enterprise", T_ENTERPRISE},
    {"mode", T_MODE},		{"place", T_PLACE},   {"link", T_LINK},
    {"starts_on", T_STARTS},	{"ends_on", T_ENDS},  {"trainers", T_TRAINERS},
    {"platforms", T_PLATFORMS}, {"topics", T_TOPICS}, {"materials", T_MATERIALS},
};

/* "trực tiếp" / "trực tuyến" as the form's codes; others as they are. */
static const char *mode_code(const char *cell)
{
	struct buf f = BUF_INIT;
	text_fold(&f, cell);
	const char *code = strcmp(buf_cstr(&f), "truc tiep") == 0    ? "in_person"
			   : strcmp(buf_cstr(&f), "truc tuyen") == 0 ? "online"
			   : *cell				     ? cell
								     : "in_person";
	buf_release(&f);
	return code;
}

/* The platforms of a cell (codes apart by spaces, commas or semicolons)
 * as ids; an unknown code is an error of the row. */
static int platform_ids(struct db *db, struct arena *a, const char *cell, long long **ids, int *n,
			const char **bad)
{
	size_t len = strlen(cell);
	*ids = arena_alloc(a, (len / 2 + 2) * sizeof **ids);
	*n = 0;
	*bad = NULL;
	for (const char *p = cell; *p;) {
		size_t k = strcspn(p, " ,;");
		if (k) {
			char *code = arena_strndup(a, p, k);
			long long id = catalog_platform_find(db, code);
			if (!id) {
				*bad = code;
				return -1;
			}
			(*ids)[(*n)++] = id;
		}
		p += k;
		p += strspn(p, " ,;");
	}
	return 0;
}

/* Is there a training of the unit of that code (read as trainings_create
 * reads it) with that title and first day (as the form accepts it)? */
static int already(struct db *db, const char *code, const char *title, const char *starts)
{
	long long unit = trainings_unit_code(db, code);
	struct field_errors fe = {0};
	char day[11];
	if (!unit || field_date(&fe, "starts_on", starts, day, 1) != 0 || !*day)
		return 0;
	starts = day;
	struct db_stmt *st =
	    db_prepare(db, "SELECT count(*) FROM training WHERE organiser_unit_id = :u"
			   " AND title = :t AND starts_on = :s");
	if (st) {
		db_bind_int(st, ":u", unit);
		db_bind_text(st, ":t", title);
		db_bind_text(st, ":s", starts);
	}
	return db_one_int(st, 0) > 0;
}

int trainings_import(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, struct import_result *r)
{
	memset(r, 0, sizeof *r);
	struct csv c;
	struct csv_error ce;
	if (csv_parse(a, data, len, &c, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	int at[T_COLS];
	csv_columns(&c, columns, sizeof columns / sizeof *columns, at, T_COLS);
	if (at[T_TITLE] < 0 || at[T_UNIT] < 0 || at[T_STARTS] < 0) {
		import_error_add(r, 1, 0, NULL,
				 N_("the file needs the columns title, unit_code and starts_on"),
				 NULL);
		return RES_INVALID;
	}
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_OK;
	for (int i = 1; i < c.nrows && res != RES_ERROR; i++) {
		const struct csv_row *row = &c.rows[i];
		const char *cell[T_COLS];
		int blank = 1;
		for (int k = 0; k < T_COLS; k++) {
			cell[k] = at[k] >= 0 && at[k] < row->nfields ? row->fields[at[k]] : "";
			blank &= !*cell[k];
		}
		if (blank)
			continue;
		r->rows++;
		struct training_input in = {.title = cell[T_TITLE],
					    .unit_code = cell[T_UNIT],
					    .enterprise = cell[T_ENTERPRISE],
					    .trainers = cell[T_TRAINERS],
					    .mode = mode_code(cell[T_MODE]),
					    .place = cell[T_PLACE],
					    .link = cell[T_LINK],
					    .starts_on = cell[T_STARTS],
					    .ends_on = cell[T_ENDS],
					    .topics = cell[T_TOPICS],
					    .materials = cell[T_MATERIALS]};
		const char *bad;
		long long *ids;
		if (platform_ids(db, a, cell[T_PLATFORMS], &ids, &in.nplatforms, &bad) != 0)
			import_error_add(r, row->line, at[T_PLATFORMS] + 1,
					 c.rows[0].fields[at[T_PLATFORMS]],
					 N_("no platform with code %s"), bad);
		in.platforms = ids; /* the rest of the row is checked all the same */
		if (already(db, in.unit_code, in.title, in.starts_on)) {
			r->unchanged++;
			continue;
		}
		struct field_errors fe = {0};
		long long id;
		int rc = trainings_create(db, a, who, &in, &fe, &id);
		if (rc == RES_OK) {
			r->added++;
		} else if (rc == RES_INVALID || rc == RES_FORBIDDEN) {
			for (int e = 0; e < fe.n; e++) {
				int col = -1;
				for (size_t k = 0; k < sizeof field_cols / sizeof *field_cols; k++)
					if (strcmp(field_cols[k].field, fe.e[e].field) == 0)
						col = at[field_cols[k].col];
				import_error_add(r, row->line, col + 1,
						 col >= 0 ? c.rows[0].fields[col] : NULL,
						 fe.e[e].msgid, fe.e[e].arg);
			}
			if (!fe.n)
				import_error_add(r, row->line, 0, NULL,
						 N_("you may not plan trainings"), NULL);
		} else {
			res = RES_ERROR;
		}
	}
	if (res == RES_OK && r->nerrors)
		res = RES_INVALID;
	char detail[64];
	snprintf(detail, sizeof detail, "{\"added\":%d}", r->added);
	return tx_end(db, res, who, "import", "training", 0, who->scope, detail);
}
