/* units_nso.c: the Statistics Office's pre-reform list (province →
 * district → commune, its own column layout) loaded beside today's units,
 * valid until the day before the reform. */
#include "core/reorg.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

enum { N_PROVINCE, N_PCODE, N_DISTRICT, N_DCODE, N_COMMUNE, N_CCODE, N_KIND, N_COLS };

static const struct csv_alias columns[] = {
    {N_PROVINCE, "tinh thanh pho"},
    {N_PROVINCE, "province"},
    {N_PCODE, "ma tp"},
    {N_PCODE, "province_code"},
    {N_DISTRICT, "quan huyen"},
    {N_DISTRICT, "district"},
    {N_DCODE, "ma qh"},
    {N_DCODE, "district_code"},
    {N_COMMUNE, "phuong xa"},
    {N_COMMUNE, "commune"},
    {N_CCODE, "ma px"},
    {N_CCODE, "commune_code"},
    {N_KIND, "cap"},
    {N_KIND, "kind"},
};

/* The kind a name starts with among kinds, in any case ("Thị Trấn"), or
 * NULL; *name then starts with the kind as written officially. */
static const char *kind_of(struct arena *a, const char **name, const char *const *kinds)
{
	for (; *kinds; kinds++) {
		size_t n = strlen(*kinds);
		if (strlen(*name) <= n || (*name)[n] != ' ')
			continue;
		char *fixed = arena_strdup(a, *name);
		fixed[n] = 0;
		struct buf x = BUF_INIT, y = BUF_INIT;
		int same = text_fold(&x, fixed) == 0 && text_fold(&y, *kinds) == 0 &&
			   strcmp(buf_cstr(&x), buf_cstr(&y)) == 0;
		buf_release(&x);
		buf_release(&y);
		if (same) {
			memcpy(fixed, *kinds, n);
			fixed[n] = ' ';
			*name = fixed;
			return *kinds;
		}
	}
	return NULL;
}

static const char *const province_kinds[] = {"Thành phố", "Tỉnh", NULL};
static const char *const district_kinds[] = {"Thành phố", "Thị xã", "Quận", "Huyện", NULL};
static const char *const commune_kinds[] = {"Thị trấn", "Phường", "Xã", NULL};

static int digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* A unit already loaded: same level and code, ending on until. */
static long long loaded(struct db *db, const char *level, const char *code, const char *until)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM unit WHERE level = :level"
					    " AND code = :code AND valid_to = :until");
	if (!st)
		return -1;
	db_bind_text(st, ":level", level);
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":until", until);
	int rc = db_step(st);
	long long id = rc == DB_ROW ? db_col_int(st, 0) : rc == DB_DONE ? 0 : -1;
	db_done(st);
	return id;
}

struct seen {
	const char *code;
	long long id;
};
struct seen_list {
	struct seen *items;
	int n, cap;
};

/* The unit of level and code under parent: loaded already, seen in this
 * file, or added now (counted in *added). Returns its id, 0 when bad, -1
 * on error. */
static long long unit_for(struct db *db, struct arena *a, struct seen_list *seen, long long parent,
			  const char *level, const char *code, const char *name, const char *kind,
			  const char *until, int *added, int *unchanged)
{
	for (int i = seen->n - 1; i >= 0; i--)
		if (strcmp(seen->items[i].code, code) == 0)
			return seen->items[i].id;
	long long id = loaded(db, level, code, until);
	if (id < 0)
		return -1;
	if (id)
		(*unchanged)++;
	else if (units_add_span(db, parent, level, code, name, kind, NULL, until, "nso", &id) ==
		 RES_OK)
		(*added)++;
	else
		return -1;
	struct seen *s = VEC_PUSH(a, seen);
	s->code = code;
	s->id = id;
	return id;
}

/* The cell, trimmed and NFC, from a. */
static const char *cell_text(struct arena *a, const struct csv_row *row, int at)
{
	const char *s = at >= 0 && at < row->nfields ? row->fields[at] : "";
	while (*s == ' ' || *s == '\t')
		s++;
	struct buf b = BUF_INIT;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	buf_append(&b, s, n);
	struct buf nfc = BUF_INIT;
	const char *out = text_nfc(&nfc, buf_cstr(&b)) == 0 ? arena_strdup(a, buf_cstr(&nfc)) : "";
	buf_release(&b);
	buf_release(&nfc);
	return out;
}

int reorg_import_nso(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, const char *until, const char *province, struct nso_stats *st,
		     struct import_result *r)
{
	memset(st, 0, sizeof *st);
	struct csv c;
	struct csv_error ce;
	if (csv_parse(a, data, len, &c, &ce) != 0) {
		import_error_add(r, ce.line, ce.col, NULL, ce.msgid, NULL);
		return RES_INVALID;
	}
	int at[N_COLS];
	csv_columns(&c, columns, sizeof columns / sizeof *columns, at, N_COLS);
	for (int k = 0; k < N_COLS; k++)
		if (at[k] < 0) {
			import_error_add(r, 1, 0, NULL,
					 N_("the file needs the columns of the Statistics Office's"
					    " list: Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH,"
					    " Phường Xã, Mã PX, Cấp"),
					 NULL);
			return RES_INVALID;
		}
	long long nation = units_root(db);
	if (!nation || tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct seen_list provinces = {0}, districts = {0};
	int res = RES_OK, found = !province;
	for (int i = 1; i < c.nrows && res == RES_OK; i++) {
		const struct csv_row *row = &c.rows[i];
		const char *cell[N_COLS];
		for (int k = 0; k < N_COLS; k++)
			cell[k] = cell_text(a, row, at[k]);
		if (province && strcmp(cell[N_PCODE], province) != 0)
			continue;
		found = 1;
		r->rows++;
		const char *pk = kind_of(a, &cell[N_PROVINCE], province_kinds);
		const char *dk = kind_of(a, &cell[N_DISTRICT], district_kinds);
		const char *ck = *cell[N_CCODE] ? kind_of(a, &cell[N_COMMUNE], commune_kinds) : "";
		int bad = r->nerrors;
		if (!digits(cell[N_PCODE], 2) || !pk)
			import_error_add(r, row->line, at[N_PCODE] + 1,
					 c.rows[0].fields[at[N_PCODE]],
					 N_("a province needs a two-digit code and a name"
					    " beginning with Tỉnh or Thành phố"),
					 NULL);
		if (!digits(cell[N_DCODE], 3) || !dk)
			import_error_add(
			    r, row->line, at[N_DCODE] + 1, c.rows[0].fields[at[N_DCODE]],
			    N_("a district needs a three-digit code and a name beginning"
			       " with Quận, Huyện, Thị xã or Thành phố"),
			    NULL);
		if ((*cell[N_CCODE] && !digits(cell[N_CCODE], 5)) || !ck)
			import_error_add(r, row->line, at[N_CCODE] + 1,
					 c.rows[0].fields[at[N_CCODE]],
					 N_("a commune needs a five-digit code and a name beginning"
					    " with Xã, Phường or Thị trấn"),
					 NULL);
		if (r->nerrors > bad)
			continue;
		long long p = unit_for(db, a, &provinces, nation, "province", cell[N_PCODE],
				       cell[N_PROVINCE], pk, until, &st->provinces, &st->unchanged);
		long long d =
		    p > 0 ? unit_for(db, a, &districts, p, "district", cell[N_DCODE],
				     cell[N_DISTRICT], dk, until, &st->districts, &st->unchanged)
			  : -1;
		long long x = 0;
		if (d > 0 && *cell[N_CCODE]) {
			x = loaded(db, "commune", cell[N_CCODE], until);
			if (x == 0 &&
			    units_add_span(db, d, "commune", cell[N_CCODE], cell[N_COMMUNE], ck,
					   NULL, until, "nso", &x) == RES_OK)
				st->communes++;
			else if (x > 0)
				st->unchanged++;
			else
				x = -1;
		}
		if (p < 0 || d < 0 || x < 0)
			res = RES_ERROR;
	}
	if (res == RES_OK && r->nerrors)
		res = RES_INVALID;
	if (res == RES_OK && !found)
		res = RES_NOT_FOUND;
	r->added = st->provinces + st->districts + st->communes;
	char detail[128];
	snprintf(detail, sizeof detail,
		 "{\"provinces\":%d,\"districts\":%d,\"communes\":%d,\"until\":\"%s\"}",
		 st->provinces, st->districts, st->communes, until);
	return tx_end(db, res, who, "import-nso", "unit", 0, 0, detail);
}
