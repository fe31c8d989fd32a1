/* trainings.c: trainings, their invited teams and their attendance. */
#include "core/trainings.h"
#include "core/trainings_int.h"
#include "core/audit.h"
#include "core/enterprises.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/tx.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jw.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const mode_names[] = {[MODE_IN_PERSON] = "in_person", [MODE_ONLINE] = "online"};

int trainings_mode_parse(const char *text, enum training_mode *m)
{
	for (int i = 0; text && i < 2; i++)
		if (strcmp(text, mode_names[i]) == 0) {
			*m = (enum training_mode)i;
			return 0;
		}
	return -1;
}

const char *trainings_mode_name(enum training_mode m)
{
	return mode_names[m == MODE_ONLINE];
}

/* The trainings who sees: an enterprise user its enterprise's; others
 * those held for a unit in their area or above it, or that invited a team
 * in it. */
#define VISIBLE                                                                                    \
	"((:ent IS NOT NULL AND tr.enterprise_id = :ent) OR (:ent IS NULL AND ("                   \
	" EXISTS (SELECT 1 FROM unit_tree s WHERE s.unit_id = tr.organiser_unit_id"                \
	"  AND s.ancestor_id = :scope)"                                                            \
	" OR EXISTS (SELECT 1 FROM unit_tree s WHERE s.unit_id = :scope"                           \
	"  AND s.ancestor_id = tr.organiser_unit_id)"                                              \
	" OR EXISTS (SELECT 1 FROM training_team i JOIN team t ON t.id = i.team_id"                \
	"  JOIN unit_tree s ON s.unit_id = t.unit_id AND s.ancestor_id = :scope"                   \
	"  WHERE i.training_id = tr.id))))"

#define TRAINING_COLUMNS                                                                           \
	"tr.id, tr.organiser_unit_id, coalesce(tr.enterprise_id, 0), tr.title, u.name,"            \
	" coalesce(e.name, ''), tr.trainers, tr.place, tr.link, tr.topics, tr.materials,"          \
	" tr.mode, tr.starts_on, tr.ends_on,"                                                      \
	" (SELECT count(*) FROM training_team i WHERE i.training_id = tr.id),"                     \
	" (SELECT count(*) FROM attendance a WHERE a.training_id = tr.id AND a.present = 1),"      \
	" (SELECT count(*) FROM attendance a WHERE a.training_id = tr.id AND a.completed = 1)"
#define TRAINING_FROM                                                                              \
	" FROM training tr JOIN unit u ON u.id = tr.organiser_unit_id"                             \
	" LEFT JOIN enterprise e ON e.id = tr.enterprise_id"

static void training_read(struct db_stmt *st, struct arena *a, struct training *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	t->unit_id = db_col_int(st, 1);
	t->enterprise_id = db_col_int(st, 2);
	t->title = arena_strdup(a, db_col_text(st, 3));
	t->unit = arena_strdup(a, db_col_text(st, 4));
	t->enterprise = arena_strdup(a, db_col_text(st, 5));
	t->trainers = arena_strdup(a, db_col_text(st, 6));
	t->place = arena_strdup(a, db_col_text(st, 7));
	t->link = arena_strdup(a, db_col_text(st, 8));
	t->topics = arena_strdup(a, db_col_text(st, 9));
	t->materials = arena_strdup(a, db_col_text(st, 10));
	t->mode = strcmp(db_col_text(st, 11), "online") == 0 ? MODE_ONLINE : MODE_IN_PERSON;
	snprintf(t->starts_on, sizeof t->starts_on, "%s", db_col_text(st, 12));
	snprintf(t->ends_on, sizeof t->ends_on, "%s", db_col_text(st, 13));
	t->teams = db_col_int(st, 14);
	t->present = db_col_int(st, 15);
	t->completed = db_col_int(st, 16);
}

/* May who manage a training of unit given by enterprise (0: none)? */
static int may_manage(struct db *db, const struct user *who, long long unit, long long enterprise)
{
	enum role r = role_of(who->role);
	if (r == ROLE_ENTERPRISE)
		return who->enterprise_id && who->enterprise_id == enterprise;
	return role_is_officer(r) && scope_has(db, who, unit);
}

static int platforms_read(struct db *db, struct arena *a, struct training *t)
{
	struct db_stmt *st = db_prepare(db, "SELECT platform_id FROM training_platform"
					    " WHERE training_id = :t ORDER BY platform_id");
	if (!st)
		return -1;
	db_bind_int(st, ":t", t->id);
	VEC(long long) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*VEC_PUSH(a, &v) = db_col_int(st, 0);
	db_done(st);
	t->platforms = v.items;
	t->nplatforms = v.n;
	return rc == DB_DONE ? 0 : -1;
}

int trainings_get(struct db *db, struct arena *a, const struct user *who, long long id,
		  struct training *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " TRAINING_COLUMNS TRAINING_FROM
					    " WHERE tr.id = :id AND " VISIBLE);
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	scope_bind(st, who);
	int rc = db_step(st);
	if (rc == DB_ROW)
		training_read(st, a, out);
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	out->may_manage = may_manage(db, who, out->unit_id, out->enterprise_id);
	return platforms_read(db, a, out) == 0 ? RES_OK : RES_ERROR;
}

int trainings_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		   long long offset, int limit, struct training **out, int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	if (limit < 1 || limit > TRAININGS_PAGE_MAX)
		limit = TRAININGS_PAGE_MAX;
	struct db_stmt *st =
	    db_prepare(db, "SELECT " TRAINING_COLUMNS TRAINING_FROM " WHERE " VISIBLE
			   " AND (:below = 0 OR EXISTS (SELECT 1 FROM unit_tree b"
			   "  WHERE b.unit_id = tr.organiser_unit_id AND b.ancestor_id = :below))"
			   " ORDER BY tr.starts_on DESC, tr.id DESC LIMIT :limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	db_bind_int(st, ":below", unit);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset < 0 ? 0 : offset);
	VEC(struct training) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		training_read(st, a, VEC_PUSH(a, &v));
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	for (int i = 0; i < v.n; i++) {
		v.items[i].may_manage =
		    may_manage(db, who, v.items[i].unit_id, v.items[i].enterprise_id);
		if (platforms_read(db, a, &v.items[i]) != 0)
			return RES_ERROR;
	}
	if (v.n > limit) {
		v.n = limit;
		*next = (offset < 0 ? 0 : offset) + limit;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

int trainings_units(struct db *db, struct arena *a, const struct user *who,
		    struct unit_choice **out, int *n)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT u.id, u.name, coalesce(p.name, ''), u.level FROM unit u"
			   " LEFT JOIN unit p ON p.id = u.parent_id"
			   " WHERE u.level <> 'village' AND u.valid_to IS NULL AND ((:ent IS NULL"
			   " AND (u.id = :scope OR u.parent_id = :scope)) OR (:ent IS NOT NULL"
			   " AND u.level = 'commune' AND " SCOPE_HAS(
			       "u.id") "))"
				       " ORDER BY u.id <> :scope, u.sort_key, u.id");
	if (!st)
		return RES_ERROR;
	scope_bind(st, who);
	VEC(struct unit_choice) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct unit_choice *c = VEC_PUSH(a, &v);
		c->id = db_col_int(st, 0);
		c->name = arena_strdup(a, db_col_text(st, 1));
		c->parent = arena_strdup(a, db_col_text(st, 2));
		c->level = arena_strdup(a, db_col_text(st, 3));
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

static int is_link(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 && s[8]) || (strncmp(s, "http://", 7) == 0 && s[7]);
}

/* The materials: links, one a line (blank lines dropped), into *out. */
static void materials_field(struct arena *a, struct field_errors *fe, const char *in,
			    const char **out)
{
	struct buf b = BUF_INIT;
	int lines = 0, bad = 0;
	for (const char *p = in ? in : ""; *p;) {
		size_t k = strcspn(p, "\r\n");
		char *line = arena_alloc(a, k + 1);
		memcpy(line, p, k);
		line[k] = '\0';
		const char *link;
		field_text(a, fe, "materials", line, 500, 0, &link);
		if (*link && !strchr(link, ' ') && is_link(link)) {
			buf_printf(&b, "%s%s", lines++ ? "\n" : "", link);
		} else if (*link) {
			bad = 1;
		}
		p += k;
		p += strspn(p, "\r\n");
	}
	if (bad)
		field_error_add(fe, "materials",
				N_("each line must be one link starting with https://"), NULL);
	else if (lines > 20)
		field_error_add(fe, "materials", N_("at most 20 links"), NULL);
	*out = arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
}

/* The checked values of a training's input. */
struct values {
	const char *title, *trainers, *place, *link, *topics, *materials;
	enum training_mode mode;
	char starts_on[11], ends_on[11];
	long long enterprise;
};

static void check(struct db *db, struct arena *a, const struct user *who,
		  const struct training_input *in, struct values *v, struct field_errors *fe)
{
	memset(v, 0, sizeof *v);
	field_text(a, fe, "title", in->title, 200, 0, &v->title);
	if (!*v->title && !fe->n)
		field_error_add(fe, "title", N_("the training needs a title"), NULL);
	field_text(a, fe, "trainers", in->trainers, 300, 0, &v->trainers);
	field_text(a, fe, "place", in->place, 300, 0, &v->place);
	field_text(a, fe, "link", in->link, 500, 0, &v->link);
	field_text(a, fe, "topics", in->topics, 2000, 1, &v->topics);
	materials_field(a, fe, in->materials, &v->materials);
	if (trainings_mode_parse(in->mode, &v->mode) != 0)
		field_error_add(fe, "mode", N_("mode: in_person or online"), NULL);
	else if (v->mode == MODE_IN_PERSON && !*v->place)
		field_error_add(fe, "place", N_("say where the training is held"), NULL);
	else if (v->mode == MODE_ONLINE && !is_link(v->link))
		field_error_add(fe, "link", N_("the link must start with https://"), NULL);
	if (v->mode == MODE_IN_PERSON && *v->link && !is_link(v->link))
		field_error_add(fe, "link", N_("the link must start with https://"), NULL);
	field_date(fe, "starts_on", in->starts_on, v->starts_on, 1);
	field_date(fe, "ends_on", in->ends_on, v->ends_on, 1);
	if (!*v->starts_on && !(in->starts_on && *in->starts_on))
		field_error_add(fe, "starts_on", N_("the first day is needed"), NULL);
	if (!*v->ends_on && *v->starts_on && !(in->ends_on && *in->ends_on))
		memcpy(v->ends_on, v->starts_on, sizeof v->ends_on);
	if (*v->starts_on && *v->ends_on && strcmp(v->ends_on, v->starts_on) < 0)
		field_error_add(fe, "ends_on", N_("the last day is before the first"), NULL);
	/* the enterprise: an enterprise user's own; else one who may see */
	if (role_of(who->role) == ROLE_ENTERPRISE) {
		v->enterprise = who->enterprise_id;
	} else if (in->enterprise && *in->enterprise) {
		char *end;
		v->enterprise = strtoll(in->enterprise, &end, 10);
		if (*end || v->enterprise <= 0 || !enterprises_visible(db, who, v->enterprise)) {
			field_error_add(fe, "enterprise", N_("no such enterprise in your area"),
					NULL);
			v->enterprise = 0;
		}
	}
	for (int i = 0; i < in->nplatforms; i++) {
		struct db_stmt *st = db_prepare(db, "SELECT 1 FROM platform WHERE id = :p");
		if (!st)
			continue;
		db_bind_int(st, ":p", in->platforms[i]);
		if (db_step(st) != DB_ROW)
			field_error_add(fe, "platforms", N_("no such platform"), NULL);
		db_done(st);
	}
}

/* The unit a new training is for: the province or commune of code, else
 * who's own unit; in who's area. 0 with an error in fe. */
long long trainings_unit_code(struct db *db, const char *code)
{
	static const char *const levels[] = {"nation", "province", "district", "commune"};
	long long unit = 0;
	for (int i = 0; !unit && i < 4; i++)
		unit = units_find(db, levels[i], code);
	return unit;
}

static long long organiser(struct db *db, struct arena *a, const struct user *who,
			   long long in_unit, const char *code, struct field_errors *fe)
{
	long long unit = 0;
	if (in_unit > 0) {
		unit = in_unit;
	} else if (code && *code) {
		unit = trainings_unit_code(db, code);
	} else if (role_of(who->role) != ROLE_ENTERPRISE) {
		unit = who->scope;
	}
	struct unit u;
	if (!unit || !scope_has(db, who, unit) || units_get(db, a, unit, &u) != RES_OK ||
	    u.lvl == LEVEL_VILLAGE) {
		field_error_add(fe, "unit", N_("no unit with code %s in your area"),
				arena_strdup(a, code ? code : ""));
		return 0;
	}
	return unit;
}

static int platforms_write(struct db *db, long long id, const struct training_input *in)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM training_platform WHERE training_id = :t");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":t", id);
	int rc = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	for (int i = 0; i < in->nplatforms && rc == RES_OK; i++) {
		st = db_prepare(db, "INSERT INTO training_platform(training_id, platform_id)"
				    " VALUES (:t, :p) ON CONFLICT DO NOTHING");
		if (!st)
			return RES_ERROR;
		db_bind_int(st, ":t", id);
		db_bind_int(st, ":p", in->platforms[i]);
		rc = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	return rc;
}

static void bind_values(struct db_stmt *st, const struct values *v)
{
	struct buf fold = BUF_INIT;
	text_fold(&fold, v->title);
	db_bind_text(st, ":title", v->title);
	db_bind_text(st, ":fold", buf_cstr(&fold));
	if (v->enterprise)
		db_bind_int(st, ":ent", v->enterprise);
	else
		db_bind_null(st, ":ent");
	db_bind_text(st, ":trainers", v->trainers);
	db_bind_text(st, ":mode", trainings_mode_name(v->mode));
	db_bind_text(st, ":place", v->place);
	db_bind_text(st, ":link", v->link);
	db_bind_text(st, ":starts", v->starts_on);
	db_bind_text(st, ":ends", v->ends_on);
	db_bind_text(st, ":topics", v->topics);
	db_bind_text(st, ":materials", v->materials);
	buf_release(&fold);
}

static const char *detail(struct arena *a, const struct values *v)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "title", v->title);
	jw_kv_str(&j, "starts_on", v->starts_on);
	jw_kv_str(&j, "ends_on", v->ends_on);
	jw_obj_end(&j);
	const char *s = arena_strdup(a, buf_cstr(&d));
	buf_release(&d);
	return s;
}

static int may_create(const struct user *who)
{
	enum role r = role_of(who->role);
	return role_is_officer(r) || (r == ROLE_ENTERPRISE && who->enterprise_id);
}

int trainings_create(struct db *db, struct arena *ra, const struct user *who,
		     const struct training_input *in, struct field_errors *fe, long long *id)
{
	*id = 0;
	if (!may_create(who))
		return RES_FORBIDDEN;
	struct values v;
	check(db, ra, who, in, &v, fe);
	long long unit = organiser(db, ra, who, in->unit_id, in->unit_code, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO training(title, title_fold, organiser_unit_id, enterprise_id,"
		" trainers, mode, place, link, starts_on, ends_on, topics, materials, created_by)"
		" VALUES (:title, :fold, :unit, :ent, :trainers, :mode, :place, :link, :starts,"
		" :ends, :topics, :materials, :by)");
	int res = RES_ERROR;
	if (st) {
		bind_values(st, &v);
		db_bind_int(st, ":unit", unit);
		if (who->id)
			db_bind_int(st, ":by", who->id);
		else
			db_bind_null(st, ":by");
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	*id = res == RES_OK ? db_last_id(db) : 0;
	if (res == RES_OK)
		res = platforms_write(db, *id, in);
	return tx_end(db, res, who, "create", "training", *id, unit, detail(ra, &v));
}

/* The unit and enterprise of training id, when who may manage it. */
static int managed(struct db *db, const struct user *who, long long id, long long *unit,
		   long long *platform)
{
	struct arena a = ARENA_INIT;
	struct training t;
	int rc = trainings_get(db, &a, who, id, &t);
	if (rc == RES_OK) {
		*unit = t.unit_id;
		*platform = t.nplatforms == 1 ? t.platforms[0] : 0; /* from a: read first */
		rc = t.may_manage ? RES_OK : RES_FORBIDDEN;
	}
	arena_release(&a);
	return rc;
}

int trainings_update(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const struct training_input *in, struct field_errors *fe)
{
	long long unit, own;
	int rc = managed(db, who, id, &unit, &own);
	if (rc != RES_OK)
		return rc;
	struct values v;
	check(db, ra, who, in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "UPDATE training SET title = :title, title_fold = :fold, enterprise_id = :ent,"
		" trainers = :trainers, mode = :mode, place = :place, link = :link,"
		" starts_on = :starts, ends_on = :ends, topics = :topics, materials = :materials"
		" WHERE id = :id");
	int res = RES_ERROR;
	if (st) {
		bind_values(st, &v);
		db_bind_int(st, ":id", id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	if (res == RES_OK)
		res = platforms_write(db, id, in);
	return tx_end(db, res, who, "update", "training", id, unit, detail(ra, &v));
}

/* Step st to its end, adding its rows to *n: 0, or -1 on error. */
static int rows_counted(struct db_stmt *st, long long *n)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		(*n)++;
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Teams are invited from who's area; an enterprise's only in the
 * communes it supports (its area). */
static int invite_one(struct db *db, const struct user *who, long long id, long long team,
		      long long *added)
{
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO training_team(training_id, team_id) SELECT :id, t.id FROM team t"
		" WHERE t.id = :team AND t.dissolved_on IS NULL AND " SCOPE_HAS(
		    "t.unit_id") " ON CONFLICT DO NOTHING RETURNING team_id");
	if (!st)
		return -1;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":team", team);
	scope_bind(st, who);
	return rows_counted(st, added);
}

/* The teams existing today below unit in who's area, never trained (on
 * platform when not 0) when untrained. */
static int invite_below(struct db *db, const struct user *who, long long id, long long unit,
			int untrained, long long platform, long long *added)
{
	char today[11];
	date_today(today);
	struct db_stmt *st = db_prepare(
	    db,
	    "INSERT INTO training_team(training_id, team_id) SELECT :id, t.id"
	    " FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id"
	    " WHERE x.ancestor_id = :u AND t.dissolved_on IS NULL"
	    " AND coalesce(t.established_on, '') <= :today AND " SCOPE_HAS(
		"t.unit_id") " AND (:untrained = 0 OR NOT EXISTS (SELECT 1 FROM member m"
			     "  JOIN attendance a ON a.member_id = m.id AND a.present = 1"
			     "  JOIN training o ON o.id = a.training_id AND o.starts_on <= :today"
			     "  WHERE m.team_id = t.id AND (m.joined_on IS NULL OR m.joined_on <= "
			     ":today)"
			     "  AND (m.left_on IS NULL OR m.left_on > :today) AND (:p = 0 OR EXISTS"
			     "  (SELECT 1 FROM training_platform q WHERE q.training_id = o.id"
			     "   AND q.platform_id = :p))))"
			     " ORDER BY t.id ON CONFLICT DO NOTHING RETURNING team_id");
	if (!st)
		return -1;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":u", unit);
	db_bind_text(st, ":today", today);
	db_bind_int(st, ":untrained", untrained);
	db_bind_int(st, ":p", platform);
	scope_bind(st, who);
	return rows_counted(st, added);
}

int trainings_invite(struct db *db, const struct user *who, long long id, const long long *teams,
		     int nteams, long long unit, int untrained, long long platform,
		     struct field_errors *fe, long long *added)
{
	*added = 0;
	long long tunit, own;
	int rc = managed(db, who, id, &tunit, &own);
	if (rc != RES_OK)
		return rc;
	if (platform == TRAININGS_OWN_PLATFORM)
		platform = own;
	if (!nteams && !unit) {
		field_error_add(fe, "teams", N_("choose the teams or the unit to invite"), NULL);
		return RES_INVALID;
	}
	/* an enterprise's area is its communes: it may name any unit above
	 * them (its teams are those of its communes) */
	if (unit && !scope_has(db, who, unit) && role_of(who->role) != ROLE_ENTERPRISE) {
		field_error_add(fe, "unit", N_("no such unit in your area"), NULL);
		return RES_INVALID;
	}
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_OK;
	for (int i = 0; i < nteams && res == RES_OK; i++) {
		long long before = *added;
		res = invite_one(db, who, id, teams[i], added) == 0 ? RES_OK : RES_ERROR;
		if (res == RES_OK && *added == before) {
			/* not new: already invited, or not a team of who's area */
			struct db_stmt *st =
			    db_prepare(db, "SELECT 1 FROM training_team"
					   " WHERE training_id = :id AND team_id = :t");
			if (!st) {
				res = RES_ERROR;
				break;
			}
			db_bind_int(st, ":id", id);
			db_bind_int(st, ":t", teams[i]);
			if (db_step(st) != DB_ROW) {
				field_error_add(fe, "teams",
						N_("a team chosen is not in your area"), NULL);
				res = RES_INVALID;
			}
			db_done(st);
		}
	}
	if (res == RES_OK && unit)
		res = invite_below(db, who, id, unit, untrained, platform, added) == 0 ? RES_OK
										       : RES_ERROR;
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"invited\":%lld}", *added);
	res = tx_end(db, res, who, "invite", "training", id, tunit, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int trainings_uninvite(struct db *db, const struct user *who, long long id, long long team)
{
	long long unit, own;
	int rc = managed(db, who, id, &unit, &own);
	if (rc != RES_OK)
		return rc;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db,
	    "DELETE FROM training_team WHERE training_id = :id AND team_id = :t"
	    " AND NOT EXISTS (SELECT 1 FROM attendance a JOIN member m ON m.id = a.member_id"
	    " WHERE a.training_id = :id AND m.team_id = :t AND a.present = 1) RETURNING team_id");
	int res = RES_ERROR;
	long long gone = 0;
	if (st) {
		db_bind_int(st, ":id", id);
		db_bind_int(st, ":t", team);
		res = rows_counted(st, &gone) == 0 ? (gone ? RES_OK : RES_CONFLICT) : RES_ERROR;
	}
	/* its members' absences go with it */
	if (res == RES_OK) {
		st = db_prepare(db, "DELETE FROM attendance WHERE training_id = :id"
				    " AND member_id IN (SELECT id FROM member WHERE team_id = :t)");
		if (st) {
			db_bind_int(st, ":id", id);
			db_bind_int(st, ":t", team);
		}
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"team_id\":%lld}", team);
	res = tx_end(db, res, who, "uninvite", "training", id, unit, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int trainings_teams(struct db *db, struct arena *a, const struct user *who, long long id,
		    long long offset, int limit, struct training_team **out, int *n,
		    long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	if (limit < 1 || limit > TRAININGS_PAGE_MAX)
		limit = TRAININGS_PAGE_MAX;
	/* the teams of who's area (an enterprise: of its communes) */
	struct db_stmt *st = db_prepare(
	    db, "SELECT t.id, v.id, c.id, t.name, v.name, c.name,"
		" (SELECT count(*) FROM member m WHERE m.team_id = t.id AND " MEMBER_DURING "),"
		" (SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id"
		"  WHERE a.training_id = tr.id AND m.team_id = t.id AND a.present = 1),"
		" (SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id"
		"  WHERE a.training_id = tr.id AND m.team_id = t.id AND a.completed = 1)"
		" FROM training tr JOIN training_team i ON i.training_id = tr.id"
		" JOIN team t ON t.id = i.team_id JOIN unit v ON v.id = t.unit_id"
		" JOIN unit c ON c.id = v.parent_id WHERE tr.id = :id AND " SCOPE_HAS(
		    "t.unit_id") " ORDER BY c.sort_key, c.id, v.sort_key, t.id LIMIT "
				 ":limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset < 0 ? 0 : offset);
	scope_bind(st, who);
	VEC(struct training_team) v = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct training_team *x = VEC_PUSH(a, &v);
		x->team_id = db_col_int(st, 0);
		x->village_id = db_col_int(st, 1);
		x->commune_id = db_col_int(st, 2);
		x->team = arena_strdup(a, db_col_text(st, 3));
		x->village = arena_strdup(a, db_col_text(st, 4));
		x->commune = arena_strdup(a, db_col_text(st, 5));
		x->members = db_col_int(st, 6);
		x->present = db_col_int(st, 7);
		x->completed = db_col_int(st, 8);
	}
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	int record = trainings_may_record(who, t.may_manage);
	for (int i = 0; i < v.n; i++)
		v.items[i].may_record = record;
	if (v.n > limit) {
		v.n = limit;
		*next = (offset < 0 ? 0 : offset) + limit;
	}
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

/* in, NFC, at most max characters, into *out (from a; "" when absent). */

int trainings_may_record(const struct user *who, int manage)
{
	return manage || role_is_officer(role_of(who->role));
}

/* The village of team when it is invited to training t and is in who's
 * area; 0 otherwise. */
long long trainings_invited_village(struct db *db, const struct user *who, long long t,
				    long long team)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT x.unit_id FROM training_team i JOIN team x ON x.id = i.team_id"
		" WHERE i.training_id = :id AND i.team_id = :t AND " SCOPE_HAS("x.unit_id"));
	if (!st)
		return 0;
	db_bind_int(st, ":id", t);
	db_bind_int(st, ":t", team);
	scope_bind(st, who);
	long long village = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return village;
}
