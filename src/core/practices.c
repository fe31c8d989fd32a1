/* practices.c: good practices: writing, review, publication, search,
 * marks and photos. */
#include "core/practices.h"
#include "core/audit.h"
#include "core/catalog.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/tx.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/image.h"
#include "util/jw.h"
#include "util/text.h"
#include "util/vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"draft", "submitted", "returned", "published"};
static const char *const status_msgids[] = {N_("draft"), N_("waiting for review"), N_("returned"),
					    N_("published")};
static const char *const domains[] = {"government", "economy", "society", "skills", "propagation"};

const char *practices_status_name(enum practice_status s)
{
	return status_names[s];
}

const char *practices_status_msgid(enum practice_status s)
{
	return status_msgids[s];
}

static enum practice_status status_of(const char *text)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(text, status_names[i]) == 0)
			return (enum practice_status)i;
	return PRACTICE_DRAFT;
}

/* Who reads a practice: anyone signed in once published; before, its
 * author, the officers of its unit's area and its reviewers. */
#define READABLE                                                                                   \
	"(p.status = 'published' OR p.author_id = :me OR (:officer = 1 AND EXISTS (SELECT 1"       \
	" FROM unit_tree s WHERE s.ancestor_id = :scope AND s.unit_id IN (p.unit_id,"              \
	" p.review_unit_id))))"

#define PRACTICE_COLUMNS                                                                           \
	"p.id, p.unit_id, coalesce(p.team_id, 0), p.review_unit_id, coalesce(p.platform_id, 0),"   \
	" p.status, p.title, p.body, p.results, p.domain, p.place, p.review_note, u.name,"         \
	" coalesce(pr.name, ''), coalesce(t.name, ''), r.name, coalesce(f.name_vi, ''),"           \
	" coalesce(f.name_en, ''), coalesce(w.full_name, ''), p.created_at,"                       \
	" coalesce(p.published_at, ''),"                                                           \
	" (SELECT count(*) FROM practice_mark k WHERE k.practice_id = p.id AND k.kind = 'like'),"  \
	" (SELECT count(*) FROM practice_mark k WHERE k.practice_id = p.id"                        \
	"  AND k.kind = 'applied'),"                                                               \
	" EXISTS (SELECT 1 FROM practice_mark k WHERE k.practice_id = p.id AND k.user_id = :me"    \
	"  AND k.kind = 'like'),"                                                                  \
	" EXISTS (SELECT 1 FROM practice_mark k WHERE k.practice_id = p.id AND k.user_id = :me"    \
	"  AND k.kind = 'applied'), coalesce(p.author_id, 0), coalesce(f.code, '')"
#define PRACTICE_FROM                                                                              \
	" FROM practice p JOIN unit u ON u.id = p.unit_id JOIN unit r ON r.id = p.review_unit_id"  \
	" LEFT JOIN unit pr ON pr.id = (SELECT x.ancestor_id FROM unit_tree x JOIN unit q"         \
	"  ON q.id = x.ancestor_id AND q.level = 'province' WHERE x.unit_id = p.unit_id)"          \
	" LEFT JOIN team t ON t.id = p.team_id LEFT JOIN platform f ON f.id = p.platform_id"       \
	" LEFT JOIN app_user w ON w.id = p.author_id"

static void bind_reader(struct db_stmt *st, const struct user *who)
{
	db_bind_int(st, ":me", who->id);
	db_bind_int(st, ":scope", who->scope);
	db_bind_int(st, ":officer", role_is_officer(role_of(who->role)));
}

static void practice_read(struct db_stmt *st, struct arena *a, const struct user *who,
			  struct practice *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->unit_id = db_col_int(st, 1);
	p->team_id = db_col_int(st, 2);
	p->review_unit_id = db_col_int(st, 3);
	p->platform_id = db_col_int(st, 4);
	p->status = status_of(db_col_text(st, 5));
	const char **s[] = {&p->title,	&p->body,	 &p->results,	  &p->domain,
			    &p->place,	&p->review_note, &p->unit,	  &p->province,
			    &p->team,	&p->review_unit, &p->platform_vi, &p->platform_en,
			    &p->author, &p->created_at,	 &p->published_at};
	for (int i = 0; i < 15; i++)
		*s[i] = arena_strdup(a, db_col_text(st, 6 + i));
	p->likes = db_col_int(st, 21);
	p->applied = db_col_int(st, 22);
	p->liked = (int)db_col_int(st, 23);
	p->applied_here = (int)db_col_int(st, 24);
	long long author = db_col_int(st, 25);
	p->platform_code = arena_strdup(a, db_col_text(st, 26));
	p->may_edit = author && author == who->id && p->status != PRACTICE_PUBLISHED;
}

static int may_review(struct db *db, const struct user *who, const struct practice *p)
{
	return p->status == PRACTICE_SUBMITTED && role_is_officer(role_of(who->role)) &&
	       who->enterprise_id == 0 && scope_has(db, who, p->review_unit_id);
}

/* The photos and the numbers of p. */
static int details_read(struct db *db, struct arena *a, struct practice *p)
{
	struct db_stmt *st = db_prepare(db, "SELECT file_id FROM practice_photo"
					    " WHERE practice_id = :p ORDER BY file_id");
	if (!st)
		return -1;
	db_bind_int(st, ":p", p->id);
	VEC(long long) ph = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*VEC_PUSH(a, &ph) = db_col_int(st, 0);
	db_done(st);
	if (rc != DB_DONE)
		return -1;
	p->photos = ph.items;
	p->nphotos = ph.n;
	st = db_prepare(db, "SELECT i.id, n.value, i.code, i.name_vi, i.name_en"
			    " FROM practice_indicator n JOIN indicator i ON i.id = n.indicator_id"
			    " WHERE n.practice_id = :p ORDER BY i.position, i.id");
	if (!st)
		return -1;
	db_bind_int(st, ":p", p->id);
	VEC(struct practice_number) nv = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		struct practice_number *x = VEC_PUSH(a, &nv);
		x->indicator_id = db_col_int(st, 0);
		x->value = db_col_int(st, 1);
		x->code = arena_strdup(a, db_col_text(st, 2));
		x->name_vi = arena_strdup(a, db_col_text(st, 3));
		x->name_en = arena_strdup(a, db_col_text(st, 4));
	}
	db_done(st);
	p->numbers = nv.items;
	p->nnumbers = nv.n;
	return rc == DB_DONE ? 0 : -1;
}

int practices_get(struct db *db, struct arena *a, const struct user *who, long long id,
		  struct practice *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " PRACTICE_COLUMNS PRACTICE_FROM
					    " WHERE p.id = :id AND " READABLE);
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":id", id);
	bind_reader(st, who);
	int rc = db_step(st);
	if (rc == DB_ROW)
		practice_read(st, a, who, out);
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
	out->may_review = may_review(db, who, out);
	return details_read(db, a, out) == 0 ? RES_OK : RES_ERROR;
}

int practices_list(struct db *db, struct arena *a, const struct user *who,
		   const struct practice_query *q, struct practice **out, int *n, long long *next)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	int limit = q->limit < 1 || q->limit > PRACTICES_PAGE_MAX ? PRACTICES_PAGE_MAX : q->limit;
	long long offset = q->offset < 0 ? 0 : q->offset;
	/* every word of q, folded, in the folded text */
	struct buf fold = BUF_INIT;
	if (q->q && text_fold(&fold, q->q) != 0)
		buf_reset(&fold);
	const char *words[8];
	int nw = 0;
	char *w = fold.len ? arena_strdup(a, buf_cstr(&fold)) : NULL;
	for (char *t = w ? strtok(w, " ") : NULL; t && nw < 8; t = strtok(NULL, " "))
		words[nw++] = db_like_contains(a, t);
	buf_release(&fold);
	/* one statement text (statements are cached by it): eight words at
	 * most, those not given match anything */
	struct db_stmt *st = db_prepare(
	    db, "SELECT " PRACTICE_COLUMNS PRACTICE_FROM " WHERE " READABLE
		" AND CASE WHEN :mine = 1 THEN p.author_id = :me"
		"  WHEN :review = 1 THEN p.status = 'submitted' AND :officer = 1 AND EXISTS"
		"  (SELECT 1 FROM unit_tree s WHERE s.ancestor_id = :scope"
		"  AND s.unit_id = p.review_unit_id) ELSE p.status = 'published' END"
		" AND p.search LIKE :w0 ESCAPE '\\' AND p.search LIKE :w1 ESCAPE '\\'"
		" AND p.search LIKE :w2 ESCAPE '\\' AND p.search LIKE :w3 ESCAPE '\\'"
		" AND p.search LIKE :w4 ESCAPE '\\' AND p.search LIKE :w5 ESCAPE '\\'"
		" AND p.search LIKE :w6 ESCAPE '\\' AND p.search LIKE :w7 ESCAPE '\\'"
		" AND (:platform = 0 OR p.platform_id = :platform)"
		" AND (CAST(:domain AS TEXT) = '' OR p.domain = :domain)"
		" AND (:below = 0 OR EXISTS (SELECT 1 FROM unit_tree x"
		"  WHERE x.ancestor_id = :below AND x.unit_id = p.unit_id))"
		" ORDER BY coalesce(p.published_at, p.created_at) DESC, p.id DESC"
		" LIMIT :limit OFFSET :offset");
	if (!st)
		return RES_ERROR;
	static const char *const word_params[] = {":w0", ":w1", ":w2", ":w3",
						  ":w4", ":w5", ":w6", ":w7"};
	bind_reader(st, who);
	for (int i = 0; i < 8; i++)
		db_bind_text(st, word_params[i], i < nw ? words[i] : "%");
	db_bind_int(st, ":mine", q->mine);
	db_bind_int(st, ":review", q->to_review);
	db_bind_int(st, ":platform", q->platform);
	db_bind_text(st, ":domain", q->domain ? q->domain : "");
	db_bind_int(st, ":below", q->below);
	db_bind_int(st, ":limit", limit + 1);
	db_bind_int(st, ":offset", offset);
	VEC(struct practice) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		practice_read(st, a, who, VEC_PUSH(a, &v));
	db_done(st);
	if (rc != DB_DONE)
		return RES_ERROR;
	if (v.n > limit) {
		v.n = limit;
		*next = offset + limit;
	}
	for (int i = 0; i < v.n; i++)
		if (details_read(db, a, &v.items[i]) != 0)
			return RES_ERROR;
	*out = v.items;
	*n = v.n;
	return RES_OK;
}

long long practices_waiting(struct db *db, const struct user *who)
{
	if (!role_is_officer(role_of(who->role)) || who->enterprise_id)
		return 0;
	struct db_stmt *st = db_prepare(
	    db, "SELECT count(*) FROM practice p JOIN unit_tree s ON s.unit_id = p.review_unit_id"
		" AND s.ancestor_id = :scope WHERE p.status = 'submitted'");
	if (st)
		db_bind_int(st, ":scope", who->scope);
	return db_one_int(st, 0);
}

/* The checked values of an input. */
struct values {
	const char *title, *body, *results, *domain, *place, *search;
	long long platform;
	long long *indicators, *numbers;
	int n;
};

static void check(struct db *db, struct arena *a, const struct practice_input *in, struct values *v,
		  struct field_errors *fe)
{
	memset(v, 0, sizeof *v);
	field_text(a, fe, "title", in->title, 200, 0, &v->title);
	if (!*v->title && !fe->n)
		field_error_add(fe, "title", N_("the practice needs a title"), NULL);
	field_text(a, fe, "body", in->body, 20000, 1, &v->body);
	if (!*v->body)
		field_error_add(fe, "body", N_("say what was done"), NULL);
	field_text(a, fe, "results", in->results, 4000, 1, &v->results);
	field_text(a, fe, "place", in->place, 200, 0, &v->place);
	if (in->platform && *in->platform) {
		v->platform = catalog_platform_find(db, in->platform);
		if (!v->platform)
			v->platform = strtoll(in->platform, NULL, 10);
		struct db_stmt *st = db_prepare(db, "SELECT domain FROM platform WHERE id = :p");
		if (st)
			db_bind_int(st, ":p", v->platform);
		if (st && db_step(st) == DB_ROW)
			v->domain = arena_strdup(a, db_col_text(st, 0));
		else
			field_error_add(fe, "platform", N_("no such platform"), NULL);
		db_done(st);
	}
	if (in->domain && *in->domain) {
		int ok = 0;
		for (int i = 0; i < 5; i++)
			ok |= strcmp(in->domain, domains[i]) == 0;
		if (!ok)
			field_error_add(
			    fe, "domain",
			    N_("domain: government, economy, society, skills or propagation"),
			    NULL);
		else
			v->domain = in->domain;
	}
	if (!v->domain && !fe->n)
		field_error_add(fe, "platform", N_("choose the platform or the domain"), NULL);
	v->indicators = arena_alloc(a, (size_t)(in->nvalues + 1) * sizeof *v->indicators);
	v->numbers = arena_alloc(a, (size_t)(in->nvalues + 1) * sizeof *v->numbers);
	for (int i = 0; i < in->nvalues; i++) {
		if (!in->values[i] || !*in->values[i])
			continue;
		struct db_stmt *st = db_prepare(db, "SELECT id FROM indicator WHERE code = :c");
		if (st)
			db_bind_text(st, ":c", in->codes[i] ? in->codes[i] : "");
		long long ind = db_one_int(st, 0);
		char *end;
		long long n = strtoll(in->values[i], &end, 10);
		if (!ind)
			field_error_add(fe, "results", N_("no indicator with code %s"),
					arena_strdup(a, in->codes[i] ? in->codes[i] : ""));
		else if (*end || n < 0 || n > 100000000)
			field_error_add(fe, in->codes[i], N_("a whole number from 0 to 100000000"),
					NULL);
		else {
			int dup = 0;
			for (int k = 0; k < v->n; k++)
				dup |= v->indicators[k] == ind;
			if (!dup) {
				v->indicators[v->n] = ind;
				v->numbers[v->n++] = n;
			}
		}
	}
	struct buf s = BUF_INIT;
	buf_printf(&s, "%s %s %s %s", v->title, v->body, v->results, v->place);
	struct buf f = BUF_INIT;
	text_fold(&f, buf_cstr(&s));
	v->search = arena_strdup(a, buf_cstr(&f));
	buf_release(&s);
	buf_release(&f);
}

static int numbers_write(struct db *db, long long id, const struct values *v)
{
	struct db_stmt *st =
	    db_prepare(db, "DELETE FROM practice_indicator WHERE practice_id = :p");
	if (st)
		db_bind_int(st, ":p", id);
	if (db_run(st) != DB_OK)
		return RES_ERROR;
	for (int i = 0; i < v->n; i++) {
		st = db_prepare(db,
				"INSERT INTO practice_indicator(practice_id, indicator_id, value)"
				" VALUES (:p, :i, :v)");
		if (st) {
			db_bind_int(st, ":p", id);
			db_bind_int(st, ":i", v->indicators[i]);
			db_bind_int(st, ":v", v->numbers[i]);
		}
		if (db_run(st) != DB_OK)
			return RES_ERROR;
	}
	return RES_OK;
}

static void bind_values(struct db_stmt *st, const struct values *v)
{
	db_bind_text(st, ":title", v->title);
	db_bind_text(st, ":body", v->body);
	db_bind_text(st, ":results", v->results);
	db_bind_text(st, ":domain", v->domain);
	db_bind_text(st, ":place", v->place);
	db_bind_text(st, ":search", v->search);
	if (v->platform)
		db_bind_int(st, ":platform", v->platform);
	else
		db_bind_null(st, ":platform");
}

static const char *title_detail(struct arena *a, const char *title)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "title", title);
	jw_obj_end(&j);
	const char *s = arena_strdup(a, buf_cstr(&d));
	buf_release(&d);
	return s;
}

/* Where who writes from: a team member's team and village, an officer's
 * unit; and the unit that reviews it (the level above). */
static int origin(struct db *db, struct arena *a, const struct user *who, long long *unit,
		  long long *team, long long *reviewer)
{
	*team = 0;
	enum role r = role_of(who->role);
	if (r == ROLE_TEAM) {
		struct team t;
		if (teams_own(db, a, who, &t) != RES_OK)
			return RES_FORBIDDEN;
		*team = t.id;
		*unit = t.unit_id;
	} else if (role_is_officer(r) && !who->enterprise_id) {
		*unit = who->scope;
	} else {
		return RES_FORBIDDEN;
	}
	/* the reviewer: a village's commune; a commune's (or district's)
	 * province; a province's nation; the nation's itself */
	struct unit u;
	if (units_get(db, a, *unit, &u) != RES_OK)
		return RES_ERROR;
	const char *level = u.lvl == LEVEL_VILLAGE			       ? "commune"
			    : u.lvl == LEVEL_PROVINCE || u.lvl == LEVEL_NATION ? "nation"
									       : "province";
	struct db_stmt *st = db_prepare(db, "SELECT x.ancestor_id FROM unit_tree x JOIN unit q"
					    " ON q.id = x.ancestor_id AND q.level = :level"
					    " WHERE x.unit_id = :u ORDER BY x.depth LIMIT 1");
	if (st) {
		db_bind_text(st, ":level", level);
		db_bind_int(st, ":u", *unit);
	}
	*reviewer = db_one_int(st, 0);
	return *reviewer ? RES_OK : RES_ERROR;
}

int practices_create(struct db *db, struct arena *ra, const struct user *who,
		     const struct practice_input *in, struct field_errors *fe, long long *id)
{
	*id = 0;
	long long unit, team, reviewer;
	int rc = origin(db, ra, who, &unit, &team, &reviewer);
	if (rc != RES_OK)
		return rc;
	struct values v;
	check(db, ra, in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO practice(unit_id, team_id, review_unit_id, title, body, results,"
		" platform_id, domain, place, search, status, author_id) VALUES (:unit, :team,"
		" :reviewer, :title, :body, :results, :platform, :domain, :place, :search,"
		" 'draft', :author)");
	int res = RES_ERROR;
	if (st) {
		bind_values(st, &v);
		db_bind_int(st, ":unit", unit);
		if (team)
			db_bind_int(st, ":team", team);
		else
			db_bind_null(st, ":team");
		db_bind_int(st, ":reviewer", reviewer);
		if (who->id)
			db_bind_int(st, ":author", who->id);
		else
			db_bind_null(st, ":author");
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	*id = res == RES_OK ? db_last_id(db) : 0;
	if (res == RES_OK)
		res = numbers_write(db, *id, &v);
	return tx_end(db, res, who, "create", "practice", *id, unit, title_detail(ra, v.title));
}

/* Practice id, which who wrote and may still change. */
static int own(struct db *db, struct arena *a, const struct user *who, long long id,
	       struct practice *p)
{
	int rc = practices_get(db, a, who, id, p);
	if (rc != RES_OK)
		return rc;
	return p->may_edit ? RES_OK : RES_FORBIDDEN;
}

int practices_update(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const struct practice_input *in, struct field_errors *fe)
{
	struct practice p;
	int rc = own(db, ra, who, id, &p);
	if (rc != RES_OK)
		return rc;
	struct values v;
	check(db, ra, in, &v, fe);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "UPDATE practice SET title = :title, body = :body, results = :results,"
		" platform_id = :platform, domain = :domain, place = :place, search = :search"
		" WHERE id = :id AND status <> 'published'");
	int res = RES_ERROR;
	if (st) {
		bind_values(st, &v);
		db_bind_int(st, ":id", id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	if (res == RES_OK)
		res = numbers_write(db, id, &v);
	return tx_end(db, res, who, "update", "practice", id, p.unit_id, title_detail(ra, v.title));
}

/* Move practice id from one of the states in from (a mask) to to. */
static int move(struct db *db, const struct user *who, long long id, unsigned from,
		enum practice_status to, const char *note, const char *action, long long unit,
		const char *title)
{
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "UPDATE practice SET status = :to, review_note = :note,"
		" reviewed_by = CASE WHEN :to IN ('published', 'returned') THEN :me"
		"  ELSE reviewed_by END,"
		" published_at = CASE WHEN :to = 'published' THEN :at ELSE published_at END"
		" WHERE id = :id AND (status = :f0 OR status = :f1 OR status = :f2)"
		" RETURNING id");
	int res = RES_ERROR;
	if (st) {
		static const char *const f[] = {":f0", ":f1", ":f2"};
		int k = 0;
		for (int s = 0; s < 4 && k < 3; s++)
			if (from & 1u << s)
				db_bind_text(st, f[k++], status_names[s]);
		while (k < 3)
			db_bind_text(st, f[k++], "");
		char stamp[21];
		date_stamp(time(NULL), stamp);
		db_bind_text(st, ":to", status_names[to]);
		db_bind_text(st, ":note", note ? note : "");
		if (who->id)
			db_bind_int(st, ":me", who->id);
		else
			db_bind_null(st, ":me");
		db_bind_text(st, ":at", stamp);
		db_bind_int(st, ":id", id);
		int rc = db_step(st);
		db_done(st);
		res = rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_CONFLICT : RES_ERROR;
	}
	struct arena a = ARENA_INIT;
	res = tx_end(db, res, who, action, "practice", id, unit, title_detail(&a, title));
	arena_release(&a);
	return res;
}

int practices_submit(struct db *db, const struct user *who, long long id, struct field_errors *fe)
{
	struct arena a = ARENA_INIT;
	struct practice p;
	int rc = own(db, &a, who, id, &p);
	if (rc == RES_OK)
		rc = move(db, who, id, 1u << PRACTICE_DRAFT | 1u << PRACTICE_RETURNED,
			  PRACTICE_SUBMITTED, "", "submit", p.unit_id, p.title);
	if (rc == RES_CONFLICT)
		field_error_add(fe, "status", N_("it was already sent"), NULL);
	arena_release(&a);
	return rc == RES_CONFLICT ? RES_INVALID : rc;
}

int practices_review(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const char *action, const char *note, struct field_errors *fe)
{
	struct practice p;
	int rc = practices_get(db, ra, who, id, &p);
	if (rc != RES_OK)
		return rc;
	if (!role_is_officer(role_of(who->role)) || !scope_has(db, who, p.review_unit_id))
		return RES_FORBIDDEN;
	int publish = action && strcmp(action, "publish") == 0;
	if (!publish && !(action && strcmp(action, "return") == 0)) {
		field_error_add(fe, "action", N_("action: publish or return"), NULL);
		return RES_INVALID;
	}
	const char *why;
	field_text(ra, fe, "note", note, 1000, 1, &why);
	if (!publish && !*why && !fe->n)
		field_error_add(fe, "note", N_("say what to change"), NULL);
	if (fe->n)
		return RES_INVALID;
	rc = move(db, who, id, 1u << PRACTICE_SUBMITTED,
		  publish ? PRACTICE_PUBLISHED : PRACTICE_RETURNED, why,
		  publish ? "publish" : "return", p.unit_id, p.title);
	if (rc == RES_CONFLICT)
		field_error_add(fe, "status", N_("it is not waiting for review"), NULL);
	return rc == RES_CONFLICT ? RES_INVALID : rc;
}

int practices_mark(struct db *db, const struct user *who, long long id, const char *kind, int on)
{
	if (!kind || (strcmp(kind, "like") != 0 && strcmp(kind, "applied") != 0) || !who->id)
		return RES_INVALID;
	struct arena a = ARENA_INIT;
	struct practice p;
	int rc = practices_get(db, &a, who, id, &p);
	arena_release(&a);
	if (rc != RES_OK)
		return rc;
	if (p.status != PRACTICE_PUBLISHED)
		return RES_NOT_FOUND;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st =
	    on ? db_prepare(db, "INSERT INTO practice_mark(practice_id, user_id, kind, unit_id)"
				" VALUES (:p, :u, :k, :unit) ON CONFLICT DO NOTHING")
	       : db_prepare(db, "DELETE FROM practice_mark WHERE practice_id = :p"
				" AND user_id = :u AND kind = :k");
	if (st) {
		db_bind_int(st, ":p", id);
		db_bind_int(st, ":u", who->id);
		db_bind_text(st, ":k", kind);
		if (on)
			db_bind_int(st, ":unit", who->scope);
	}
	int res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	return tx_end(db, res, who, on ? "mark" : "unmark", "practice", id, p.unit_id, NULL);
}

int practices_add_photo(struct db *db, const struct user *who, long long id, const void *data,
			size_t len, struct field_errors *fe)
{
	struct arena a = ARENA_INIT;
	struct practice p;
	int rc = own(db, &a, who, id, &p);
	arena_release(&a);
	if (rc != RES_OK)
		return rc;
	if (p.nphotos >= PRACTICE_PHOTOS_MAX) {
		field_error_add(fe, "photo", N_("at most 6 photos"), NULL);
		return RES_INVALID;
	}
	struct buf jpeg = BUF_INIT;
	const char *why;
	if (image_for_web(data, len, 1280, &jpeg, &why) != 0) {
		field_error_add(fe, "photo", why, NULL);
		buf_release(&jpeg);
		return RES_INVALID;
	}
	if (tx_begin(db) != RES_OK) {
		buf_release(&jpeg);
		return RES_ERROR;
	}
	struct db_stmt *st = db_prepare(db, "INSERT INTO file_blob(mime, name, bytes)"
					    " VALUES ('image/jpeg', 'photo.jpg', :bytes)");
	int res = RES_ERROR;
	if (st) {
		db_bind_blob(st, ":bytes", jpeg.data, jpeg.len);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	long long file = res == RES_OK ? db_last_id(db) : 0;
	if (res == RES_OK) {
		st = db_prepare(db, "INSERT INTO practice_photo(practice_id, file_id)"
				    " VALUES (:p, :f)");
		if (st) {
			db_bind_int(st, ":p", id);
			db_bind_int(st, ":f", file);
		}
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"photo_bytes\":%zu}", jpeg.len);
	res = tx_end(db, res, who, "photo", "practice", id, p.unit_id, buf_cstr(&d));
	buf_release(&d);
	buf_release(&jpeg);
	return res;
}

int practices_photo(struct db *db, struct arena *a, const struct user *who, long long id,
		    long long file, const void **data, size_t *len)
{
	struct practice p;
	int rc = practices_get(db, a, who, id, &p);
	if (rc != RES_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, "SELECT f.bytes, length(f.bytes) FROM practice_photo x"
					    " JOIN file_blob f ON f.id = x.file_id"
					    " WHERE x.practice_id = :p AND x.file_id = :f");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":p", id);
	db_bind_int(st, ":f", file);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*len = (size_t)db_col_int(st, 1);
		void *copy = arena_alloc(a, *len + 1);
		memcpy(copy, db_col_blob(st, 0), *len);
		*data = copy;
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}
