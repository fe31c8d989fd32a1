/* units.h: administrative units (nation, province, district, commune,
 * village), their closure table and the official and village imports. */
#ifndef LANGSO_UNITS_H
#define LANGSO_UNITS_H
#include "db/db.h"
#include "util/arena.h"
#include "core/accounts.h"
#include "core/result.h"

/* The levels, from the top; data in the database (unit_level), one table
 * here for code (names and labels in units.c). */
enum unit_level {
	LEVEL_UNKNOWN = -1,
	LEVEL_NATION,
	LEVEL_PROVINCE,
	LEVEL_DISTRICT,
	LEVEL_COMMUNE,
	LEVEL_VILLAGE,
	LEVEL_COUNT
};

/* unit_level_of: the level stored as name; unit_level_name: the other
 * way ("" for none); unit_level_label: its msgid. */
enum unit_level unit_level_of(const char *name);
const char *unit_level_name(enum unit_level l);
const char *unit_level_label(enum unit_level l);

struct unit {
	long long id;	     /* internal identity */
	const char *code;    /* official code, "" when none */
	const char *name;    /* e.g. "Xã Đồng Đăng" */
	const char *kind;    /* e.g. "Xã", "Thôn" */
	const char *level;   /* "nation", "province", "district", "commune", "village" */
	enum unit_level lvl; /* the same, for code to decide on */
	long long parent_id; /* 0 for the nation */
	const char *valid_from, *valid_to; /* ISO dates; valid_to "" while current */
	long long children;		   /* current child units */
};

#define UNITS_PAGE_MAX 200
/* UNIT_COLUMNS: the columns of a unit u that units_read_row reads, first
 * in a SELECT (its current children counted). */
#define UNIT_COLUMNS                                                                               \
	"u.id, u.code, u.name, u.kind, u.level, u.parent_id, u.valid_from, u.valid_to,"            \
	" (SELECT count(*) FROM unit c WHERE c.parent_id = u.id AND c.valid_to IS NULL)"
/* units_bare_name: the name without its kind ("Xã Đồng Đăng" → "Đồng
 * Đăng"; a name that does not start with it, whole). */
const char *units_bare_name(const struct unit *u);
struct db_stmt;
void units_read_row(struct db_stmt *st, struct arena *a, struct unit *u);

struct unit_query {
	long long parent;  /* 0: the nation (unless level or q is given) */
	const char *level; /* NULL or a level code */
	const char *q;	   /* NULL or text to search (accent-insensitive) */
	long long after;   /* cursor: the id of the last unit of the previous page */
	int limit;	   /* 1..UNITS_PAGE_MAX */
};

struct unit_page {
	struct unit *items;
	int n;
	long long next; /* cursor for the next page, 0 on the last */
};

/* units_level_valid: 1 when level is a known level code. */
int units_level_valid(const char *level);

/* units_root: the id of the nation unit (created by migrations/imports); 0 if none. */
long long units_root(struct db *db);

/* units_get: the unit id into *out (strings from a). Returns RES_OK,
 * RES_NOT_FOUND or RES_ERROR. */
int units_get(struct db *db, struct arena *a, long long id, struct unit *out);

/* units_lineage: unit id into *self and its ancestors from the nation down
 * into *up (n of them), all allocated from a, in one query. Returns RES_OK,
 * RES_NOT_FOUND or RES_ERROR. */
int units_lineage(struct db *db, struct arena *a, long long id, struct unit *self, struct unit **up,
		  int *n);

/* units_list: one page of current units matching q, sorted by name. */
int units_list(struct db *db, struct arena *a, const struct unit_query *q, struct unit_page *out);

/* units_find: the id of the current unit of level with official code, or 0. */
long long units_find(struct db *db, const char *level, const char *code);

/* units_add: insert a unit under parent_id (0 for none) with its closure
 * rows; call inside a transaction. name must be NFC. Returns RES_OK and the
 * id in *id, RES_CONFLICT when a current unit already has that code (or a
 * village that name), or RES_ERROR. */
int units_add(struct db *db, long long parent_id, const char *level, const char *code,
	      const char *name, const char *kind, const char *valid_from, const char *source,
	      long long *id);

/* units_add_span: units_add of a unit valid from valid_from (NULL: always)
 * to valid_to (NULL: still). */
int units_add_span(struct db *db, long long parent_id, const char *level, const char *code,
		   const char *name, const char *kind, const char *valid_from, const char *valid_to,
		   const char *source, long long *id);

/* units_find_at: the id of the unit of level with official code valid on
 * the ISO date day (the one begun last when several are), or 0. */
long long units_find_at(struct db *db, const char *level, const char *code, const char *day);

/* units_coded: the units with official code valid on the ISO date day
 * (strings from a), *n of them. Returns RES_OK or RES_ERROR. */
int units_coded(struct db *db, struct arena *a, const char *code, const char *day,
		struct unit **out, int *n);

/* units_rename: set the name and kind of unit id (inside a transaction). */
int units_rename(struct db *db, long long id, const char *name, const char *kind);

/* units_resolve: the unit a person names: "#ID" (the id shown on unit
 * pages) or an official code of a commune, province or district; 0 if none. */
long long units_resolve(struct db *db, const char *text);

/* A unit a person named, as units_pick finds it: its name and its parent's. */
struct unit_choice {
	long long id;
	const char *name, *parent, *level;
};
#define UNITS_PICK_MAX 10
/* units_pick: the current unit inside scope (or scope itself) that text
 * names: "#ID", an official code, or its name with or without accents and
 * with or without its kind ("dong dang", "Xã Đồng Đăng"), optionally with
 * its parent after " — " ("Thôn Nà Lầu — Xã Đồng Đăng"). Returns its id;
 * 0 when none or several do: then up to UNITS_PICK_MAX of the candidates
 * (strings from a) are in *out, *n of them. */
long long units_pick(struct db *db, struct arena *a, long long scope, const char *text,
		     struct unit_choice **out, int *n);
/* units_choices: the current units of level inside scope, with their
 * parents, by name, when there are at most max of them (else none):
 * what a form may offer to pick from. */
int units_choices(struct db *db, struct arena *a, long long scope, const char *level, int max,
		  struct unit_choice **out, int *n);

/* units_kinds: the kinds of the current communes and villages ("Phường",
 * "Thôn", ...), by name. */
int units_kinds(struct db *db, struct arena *a, const char ***out, int *n);

/* units_in_scope: 1 when unit is scope or below it. */
int units_in_scope(struct db *db, long long scope, long long unit);

struct official_stats {
	int provinces_added, communes_added; /* new units */
	int updated;			     /* name or kind changed */
	int unchanged;
};

/* units_import_official: load the embedded official list (34 provinces and
 * their communes, from the pinned npm package) in one transaction; only one
 * province when province_code is not NULL. Idempotent. Returns RES_OK,
 * RES_NOT_FOUND (no such province) or RES_ERROR. */
int units_import_official(struct db *db, const struct user *who, const char *province_code,
			  struct official_stats *st);

/* village_kind_from_name: the kind a village name starts with ("Thôn",
 * "Bản", "Tổ dân phố", ...), or NULL. */
const char *village_kind_from_name(const char *name);

/* villages_import_csv: add the villages of a CSV file (see villages.c for the
 * columns) under communes inside who's scope, all or nothing. Fills r;
 * returns RES_OK, RES_INVALID (r->errors says why; nothing written) or
 * RES_ERROR. */
int villages_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
			size_t len, struct import_result *r);

/* villages_import_csv_at: the same with the communes' codes as they were
 * on the ISO date at (NULL: today's), so that villages can be placed
 * under communes since reorganised. */
int villages_import_csv_at(struct db *db, struct arena *a, const struct user *who, const char *data,
			   size_t len, const char *at, struct import_result *r);

/* villages_template: the CSV template (BOM, ';', CRLF) for lang "vi"/"en". */
const char *villages_template(const char *lang);

#endif
