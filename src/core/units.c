/* units.c: administrative units and their closure table. */
#include "core/units.h"
#include "util/vec.h"
#include "i18n/i18n.h"
#include "core/audit.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *label;
} levels[LEVEL_COUNT] = {
    [LEVEL_NATION] = {"nation", N_("Nation")},
    [LEVEL_PROVINCE] = {"province", N_("Province")},
    [LEVEL_DISTRICT] = {"district", N_("District")},
    [LEVEL_COMMUNE] = {"commune", N_("Commune")},
    [LEVEL_VILLAGE] = {"village", N_("Village")},
};

enum unit_level unit_level_of(const char *name)
{
	for (int i = 0; name && i < LEVEL_COUNT; i++)
		if (strcmp(name, levels[i].name) == 0)
			return (enum unit_level)i;
	return LEVEL_UNKNOWN;
}

const char *unit_level_name(enum unit_level l)
{
	return l > LEVEL_UNKNOWN && l < LEVEL_COUNT ? levels[l].name : "";
}

const char *unit_level_label(enum unit_level l)
{
	return l > LEVEL_UNKNOWN && l < LEVEL_COUNT ? levels[l].label : "";
}

int units_level_valid(const char *level)
{
	return unit_level_of(level) != LEVEL_UNKNOWN;
}

long long units_root(struct db *db)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT id FROM unit WHERE level = 'nation' AND valid_to IS NULL ORDER BY id LIMIT 1");
	if (!st)
		return 0;
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

const char *units_bare_name(const struct unit *u)
{
	size_t n = strlen(u->kind);
	return n && strncmp(u->name, u->kind, n) == 0 && u->name[n] == ' ' ? u->name + n + 1
									   : u->name;
}

void units_read_row(struct db_stmt *st, struct arena *a, struct unit *u)
{
	u->id = db_col_int(st, 0);
	u->code = arena_strdup(a, db_col_text(st, 1));
	u->name = arena_strdup(a, db_col_text(st, 2));
	u->kind = arena_strdup(a, db_col_text(st, 3));
	u->level = arena_strdup(a, db_col_text(st, 4));
	u->lvl = unit_level_of(u->level);
	u->parent_id = db_col_int(st, 5);
	u->valid_from = arena_strdup(a, db_col_text(st, 6));
	u->valid_to = arena_strdup(a, db_col_text(st, 7));
	u->children = db_col_int(st, 8);
}

int units_get(struct db *db, struct arena *a, long long id, struct unit *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.id = :id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		units_read_row(st, a, out);
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int units_lineage(struct db *db, struct arena *a, long long id, struct unit *self, struct unit **up,
		  int *n)
{
	/* One statement, so one read transaction: the unit and its ancestors
	 * from the nation down; only the unit's own children are counted. */
	struct db_stmt *st = db_prepare(
	    db, "SELECT u.id, u.code, u.name, u.kind, u.level, u.parent_id, u.valid_from,"
		" u.valid_to, CASE WHEN t.depth = 0 THEN (SELECT count(*) FROM unit c"
		" WHERE c.parent_id = u.id AND c.valid_to IS NULL) ELSE 0 END"
		" FROM unit_tree t JOIN unit u ON u.id = t.ancestor_id"
		" WHERE t.unit_id = :id ORDER BY t.depth DESC");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	enum { MAX_DEPTH = 8 };
	struct unit *rows = arena_alloc(a, MAX_DEPTH * sizeof *rows);
	int k = 0, rc;
	while ((rc = db_step(st)) == DB_ROW && k < MAX_DEPTH)
		units_read_row(st, a, &rows[k++]);
	db_done(st);
	if (rc == DB_ERR)
		return RES_ERROR;
	if (k == 0)
		return RES_NOT_FOUND;
	*self = rows[k - 1];
	*up = rows;
	*n = k - 1;
	return RES_OK;
}

int units_in_scope(struct db *db, long long scope, long long unit)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT 1 FROM unit_tree WHERE ancestor_id = :scope AND unit_id = :unit");
	if (!st)
		return 0;
	db_bind_int(st, ":scope", scope);
	db_bind_int(st, ":unit", unit);
	int in = db_step(st) == DB_ROW;
	db_done(st);
	return in;
}

int units_list(struct db *db, struct arena *a, const struct unit_query *q, struct unit_page *out)
{
	int limit = q->limit > 0 && q->limit <= UNITS_PAGE_MAX ? q->limit : UNITS_PAGE_MAX;
	const char *pattern = NULL;
	if (q->q && *q->q) {
		struct buf f = BUF_INIT;
		if (text_fold(&f, q->q) < 0) {
			buf_release(&f);
			return RES_INVALID;
		}
		pattern = db_like_contains(a, buf_cstr(&f));
		buf_release(&f);
	}
	long long parent = q->parent;
	if (!parent && !pattern && !q->level)
		parent = units_root(db);

	struct db_stmt *st;
	if (parent && !pattern) {
		/* Children of one unit: the index on (parent_id, valid_to, sort_key, id). */
		st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM unit u"
				    " WHERE u.parent_id = :parent AND u.valid_to IS NULL"
				    " AND (:level IS NULL OR u.level = :level)"
				    " AND (:after IS NULL OR (u.sort_key, u.id) >"
				    "      (SELECT sort_key, id FROM unit WHERE id = :after))"
				    " ORDER BY u.sort_key, u.id LIMIT :limit");
		if (st)
			db_bind_int(st, ":parent", parent);
	} else {
		/* Search (in a subtree when parent is given) or a whole level. */
		st = db_prepare(db,
				"SELECT " UNIT_COLUMNS " FROM unit u"
				" WHERE u.valid_to IS NULL"
				" AND (:parent IS NULL OR u.id IN (SELECT unit_id FROM unit_tree"
				"      WHERE ancestor_id = :parent AND depth > 0))"
				" AND (:level IS NULL OR u.level = :level)"
				" AND (:pattern IS NULL OR u.name_fold LIKE :pattern ESCAPE '\\')"
				" AND (:after IS NULL OR (u.sort_key, u.id) >"
				"      (SELECT sort_key, id FROM unit WHERE id = :after))"
				" ORDER BY u.sort_key, u.id LIMIT :limit");
		if (st) {
			db_bind_id(st, ":parent", parent);
			db_bind_text(st, ":pattern", pattern);
		}
	}
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":level", q->level);
	db_bind_id(st, ":after", q->after);
	db_bind_int(st, ":limit", limit + 1);

	out->items = arena_alloc(a, (size_t)(limit + 1) * sizeof *out->items);
	out->n = 0;
	out->next = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (out->n == limit) {
			out->next = out->items[limit - 1].id;
			break;
		}
		units_read_row(st, a, &out->items[out->n++]);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

long long units_find(struct db *db, const char *level, const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM unit WHERE level = :level"
					    " AND code = :code AND valid_to IS NULL");
	if (!st)
		return 0;
	db_bind_text(st, ":level", level);
	db_bind_text(st, ":code", code);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

long long units_find_at(struct db *db, const char *level, const char *code, const char *day)
{
	struct arena a = ARENA_INIT;
	struct unit *u;
	int n;
	const struct unit *best = NULL; /* the one begun last */
	if (units_coded(db, &a, code, day, &u, &n) == RES_OK)
		for (int i = 0; i < n; i++)
			if (strcmp(u[i].level, level) == 0 &&
			    (!best || strcmp(u[i].valid_from, best->valid_from) > 0))
				best = &u[i];
	long long id = best ? best->id : 0;
	arena_release(&a);
	return id;
}

int units_coded(struct db *db, struct arena *a, const char *code, const char *day,
		struct unit **out, int *n)
{
	/* its code of that day: today's unless changed after it; or the one
	 * a change after it took away (the first such change) */
	struct db_stmt *st = db_prepare(
	    db, "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.code = :code AND u.valid_from <= :day"
		" AND (u.valid_to IS NULL OR u.valid_to >= :day) AND NOT EXISTS (SELECT 1"
		" FROM unit_change ch WHERE ch.unit_id = u.id AND ch.field = 'code'"
		" AND ch.effective_on > :day)"
		" UNION ALL SELECT " UNIT_COLUMNS " FROM unit u JOIN unit_change ch"
		" ON ch.unit_id = u.id AND ch.field = 'code' AND ch.old_value = :code"
		" AND ch.effective_on > :day WHERE u.valid_from <= :day"
		" AND (u.valid_to IS NULL OR u.valid_to >= :day) AND NOT EXISTS (SELECT 1"
		" FROM unit_change c2 WHERE c2.unit_id = u.id AND c2.field = 'code'"
		" AND c2.effective_on > :day AND c2.effective_on < ch.effective_on)"
		" ORDER BY 5, 1");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":day", day);
	VEC(struct unit) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		units_read_row(st, a, VEC_PUSH(a, &v));
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

/* The sort key: the folded name without its kind ("Xã Đồng Đăng" → "dong dang"). */
static void sort_key(struct buf *out, const char *name, const char *kind)
{
	size_t kl = strlen(kind);
	if (kl && strncmp(name, kind, kl) == 0 && name[kl] == ' ' && name[kl + 1])
		name += kl + 1;
	text_fold(out, name);
}

int units_add(struct db *db, long long parent_id, const char *level, const char *code,
	      const char *name, const char *kind, const char *valid_from, const char *source,
	      long long *id)
{
	return units_add_span(db, parent_id, level, code, name, kind, valid_from, NULL, source, id);
}

int units_add_span(struct db *db, long long parent_id, const char *level, const char *code,
		   const char *name, const char *kind, const char *valid_from, const char *valid_to,
		   const char *source, long long *id)
{
	struct buf fold = BUF_INIT, key = BUF_INIT;
	int res = RES_ERROR;
	if (text_fold(&fold, name) < 0)
		goto out;
	sort_key(&key, name, kind);
	/* A unit already there (the same code, or a village's name in its
	 * commune) inserts nothing and returns no row: a conflict that leaves
	 * the transaction usable on both backends. */
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO unit(code, name, name_fold, sort_key, kind, level, parent_id,"
		" valid_from, valid_to, source) VALUES (:code, :name, :fold, :key, :kind, :level,"
		" :parent, :from, :to, :source) ON CONFLICT DO NOTHING RETURNING id");
	if (!st)
		goto out;
	db_bind_text(st, ":code", code && *code ? code : NULL);
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":fold", buf_cstr(&fold));
	db_bind_text(st, ":key", buf_cstr(&key));
	db_bind_text(st, ":kind", kind);
	db_bind_text(st, ":level", level);
	db_bind_id(st, ":parent", parent_id);
	db_bind_text(st, ":from", valid_from ? valid_from : "0001-01-01");
	db_bind_text(st, ":to", valid_to);
	db_bind_text(st, ":source", source ? source : "");
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	if (rc == DB_DONE || rc == DB_CONSTRAINT) {
		res = RES_CONFLICT;
		goto out;
	}
	if (rc != DB_ROW)
		goto out;

	st = db_prepare(db,
			"INSERT INTO unit_tree(ancestor_id, unit_id, depth)"
			" SELECT ancestor_id, :id, depth + 1 FROM unit_tree WHERE unit_id = :parent"
			" UNION ALL SELECT :id, :id, 0");
	if (!st)
		goto out;
	db_bind_int(st, ":id", *id);
	db_bind_int(st, ":parent", parent_id);
	rc = db_step(st);
	db_done(st);
	if (rc == DB_DONE)
		res = RES_OK;
out:
	buf_release(&fold);
	buf_release(&key);
	return res;
}

int units_rename(struct db *db, long long id, const char *name, const char *kind)
{
	struct buf fold = BUF_INIT, key = BUF_INIT;
	int res = RES_ERROR;
	if (text_fold(&fold, name) < 0)
		goto out;
	sort_key(&key, name, kind);
	struct db_stmt *st = db_prepare(db, "UPDATE unit SET name = :name, name_fold = :fold,"
					    " sort_key = :key, kind = :kind WHERE id = :id");
	if (!st)
		goto out;
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":fold", buf_cstr(&fold));
	db_bind_text(st, ":key", buf_cstr(&key));
	db_bind_text(st, ":kind", kind);
	db_bind_int(st, ":id", id);
	int rc = db_step(st);
	db_done(st);
	res = rc == DB_DONE ? RES_OK : rc == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
out:
	buf_release(&fold);
	buf_release(&key);
	return res;
}

long long units_resolve(struct db *db, const char *text)
{
	if (!text || !*text)
		return 0;
	if (text[0] == '#') {
		char *end;
		long long id = strtoll(text + 1, &end, 10);
		struct db_stmt *st = db_prepare(db, "SELECT id FROM unit WHERE id = :id");
		if (*end || id <= 0 || !st) {
			db_done(st);
			return 0;
		}
		db_bind_int(st, ":id", id);
		id = db_step(st) == DB_ROW ? id : 0;
		db_done(st);
		return id;
	}
	static const char *const levels_by_code[] = {"commune", "province", "district", "nation"};
	for (size_t i = 0; i < sizeof levels_by_code / sizeof *levels_by_code; i++) {
		long long id = units_find(db, levels_by_code[i], text);
		if (id)
			return id;
	}
	return 0;
}

/* Read the choices that st gives (id, name, parent name, level). */
static int read_choices(struct db_stmt *st, struct arena *a, int max, struct unit_choice **out,
			int *n)
{
	*out = arena_alloc(a, (size_t)(max + 1) * sizeof **out);
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n <= max) {
		struct unit_choice *c = &(*out)[(*n)++];
		c->id = db_col_int(st, 0);
		c->name = arena_strdup(a, db_col_text(st, 1));
		c->parent = arena_strdup(a, db_col_text(st, 2));
		c->level = arena_strdup(a, db_col_text(st, 3));
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

#define CHOICE_COLUMNS                                                                             \
	"SELECT u.id, u.name, coalesce(p.name, ''), u.level FROM unit_tree x"                      \
	" JOIN unit u ON u.id = x.unit_id AND u.valid_to IS NULL"                                  \
	" LEFT JOIN unit p ON p.id = u.parent_id WHERE x.ancestor_id = :scope"

long long units_pick(struct db *db, struct arena *a, long long scope, const char *text,
		     struct unit_choice **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!text || !*text)
		return 0;
	long long id = units_resolve(db, text);
	if (id)
		return units_in_scope(db, scope, id) ? id : 0;
	/* name — parent */
	const char *dash = strstr(text, " \xE2\x80\x94 ");
	struct buf name = BUF_INIT, parent = BUF_INIT;
	char *own = arena_strndup(a, text, dash ? (size_t)(dash - text) : strlen(text));
	if (text_fold(&name, own) != 0 || (dash && text_fold(&parent, dash + 5) != 0)) {
		buf_release(&name);
		buf_release(&parent);
		return 0;
	}
	struct db_stmt *st =
	    db_prepare(db, CHOICE_COLUMNS
		       " AND (u.name_fold = :name OR u.sort_key = :name)"
		       " AND (:parent = '' OR p.name_fold = :parent OR p.sort_key = :parent)"
		       " ORDER BY u.sort_key, u.id LIMIT :limit");
	if (st) {
		db_bind_int(st, ":scope", scope);
		db_bind_text(st, ":name", buf_cstr(&name));
		db_bind_text(st, ":parent", buf_cstr(&parent));
		db_bind_int(st, ":limit", UNITS_PICK_MAX + 1);
	}
	buf_release(&name);
	buf_release(&parent);
	if (!st || read_choices(st, a, UNITS_PICK_MAX, out, n) != 0)
		return 0;
	if (*n == 1)
		return (*out)[0].id;
	if (*n > UNITS_PICK_MAX)
		*n = UNITS_PICK_MAX;
	return 0;
}

int units_choices(struct db *db, struct arena *a, long long scope, const char *level, int max,
		  struct unit_choice **out, int *n)
{
	struct db_stmt *st = db_prepare(
	    db, CHOICE_COLUMNS " AND (:level IS NULL OR u.level = :level)"
			       " ORDER BY x.depth, p.sort_key, u.sort_key, u.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":scope", scope);
	db_bind_text(st, ":level", level);
	db_bind_int(st, ":limit", max + 1);
	if (read_choices(st, a, max, out, n) != 0)
		return RES_ERROR;
	if (*n > max)
		*n = 0; /* too many to offer: typing the name it is */
	return RES_OK;
}

int units_kinds(struct db *db, struct arena *a, const char ***out, int *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st =
	    db_prepare(db, "SELECT DISTINCT kind FROM unit"
			   " WHERE level IN ('commune', 'village') AND valid_to IS NULL"
			   " ORDER BY kind");
	if (!st)
		return RES_ERROR;
	VEC(const char *) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*VEC_PUSH(a, &v) = arena_strdup(a, db_col_text(st, 0));
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}
