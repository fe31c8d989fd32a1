/* users.c: managing users inside one's scope. */
#include "core/users.h"
#include "core/tx.h"
#include "core/audit.h"
#include "core/enterprises.h"
#include "core/teams.h"
#include "core/roles.h"
#include "core/units.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/jw.h"
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int users_may_manage(const struct user *who)
{
	return role_rank(who->role) >= role_rank("commune");
}

static int username_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 64)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '.' &&
		    *s != '_' && *s != '-')
			return 0;
	return 1;
}

long long users_find(struct db *db, const char *username)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM app_user WHERE username = :u");
	if (!st)
		return 0;
	db_bind_text(st, ":u", username);
	long long id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return id;
}

int users_list(struct db *db, struct arena *a, const struct user *who, const struct user_filter *f,
	       struct user **out, int *n, long long *next)
{
	int limit = f->limit > 0 && f->limit <= 200 ? f->limit : 100;
	const char *pat = f->q && *f->q ? db_like_contains(a, f->q) : NULL;
	struct db_stmt *st = db_prepare(
	    db, "SELECT " ACCOUNTS_USER_COLUMNS " FROM app_user u"
		" JOIN unit_tree t ON t.unit_id = u.scope_unit_id AND t.ancestor_id = :scope"
		" LEFT JOIN unit un ON un.id = u.scope_unit_id"
		" WHERE (:after IS NULL OR u.id > :after)"
		" AND (:role IS NULL OR u.role = :role)"
		" AND (:pat IS NULL OR u.username LIKE :pat ESCAPE '\\'"
		"      OR u.full_name LIKE :pat ESCAPE '\\')"
		" ORDER BY u.id LIMIT :limit");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":scope", who->scope);
	db_bind_id(st, ":after", f->after);
	db_bind_text(st, ":role", f->role);
	db_bind_text(st, ":pat", pat);
	db_bind_int(st, ":limit", limit + 1);
	*out = arena_alloc(a, (size_t)(limit + 1) * sizeof **out);
	*n = 0;
	*next = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == limit) {
			*next = (*out)[limit - 1].id;
			break;
		}
		accounts_user_read(st, a, &(*out)[(*n)++]);
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}

int users_get(struct db *db, struct arena *a, const struct user *who, long long id,
	      struct user *out)
{
	int rc = accounts_user_load(db, a, id, out);
	if (rc != RES_OK)
		return rc;
	return units_in_scope(db, who->scope, out->scope) ? RES_OK : RES_NOT_FOUND;
}

/* The decisions about a user that only their maker's rank or a higher one
 * may change again, and the statements that read and write that rank. */
enum decision { DECIDE_NOTHING, DECIDE_DISABLED, DECIDE_ROLE, DECIDE_PASSWORD };
static const struct {
	const char *read, *write;
} decision_sql[] = {
    [DECIDE_DISABLED] = {"SELECT disabled_rank FROM app_user WHERE id = :id",
			 "UPDATE app_user SET disabled_rank = :rank WHERE id = :id"},
    [DECIDE_ROLE] = {"SELECT role_rank FROM app_user WHERE id = :id",
		     "UPDATE app_user SET role_rank = :rank WHERE id = :id"},
    [DECIDE_PASSWORD] = {"SELECT password_rank FROM app_user WHERE id = :id",
			 "UPDATE app_user SET password_rank = :rank WHERE id = :id"},
};

int users_rank(const struct user *who)
{
	return who->id ? role_rank(who->role) : role_rank("admin");
}

/* A refused change of user id, audited in a transaction of its own. */
static void refused(struct db *db, const struct user *who, const char *action, long long id,
		    const char *reason)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "action", action);
	jw_kv_str(&j, "reason", reason);
	jw_obj_end(&j);
	if (tx_begin(db) == RES_OK)
		tx_end(db, RES_OK, who, "refused", "user", id, 0, buf_cstr(&d));
	buf_release(&d);
}

/* May who make the decision d about target (loaded, in who's area)? Only
 * about users of a lower rank (the command line: any other), and not
 * against a decision of a higher rank. RES_OK, or the refusal with *why
 * (when the user may know it) and *reason (for the audit). */
static int may_decide(struct db *db, const struct user *who, const struct user *target,
		      enum decision d, const char **why, const char **reason)
{
	if (who->id && target->id == who->id) {
		*why = N_("you cannot change your own role, area or status");
		*reason = "self";
		return RES_INVALID;
	}
	if (who->id && role_rank(target->role) > role_rank(who->role)) {
		*reason = "rank";
		return RES_NOT_FOUND; /* above: not even shown */
	}
	if (who->id && role_rank(target->role) == role_rank(who->role)) {
		*why = N_("you may manage only users of a lower rank than yours");
		*reason = "rank";
		return RES_FORBIDDEN;
	}
	if (d == DECIDE_NOTHING)
		return RES_OK;
	struct db_stmt *st = db_prepare(db, decision_sql[d].read);
	if (st)
		db_bind_int(st, ":id", target->id);
	long long by = st ? db_one_int(st, -1) : -1;
	if (by < 0)
		return RES_ERROR;
	if (by > users_rank(who)) {
		*why = N_("this was decided at a higher level: only that level may change it");
		*reason = "decided above";
		return RES_FORBIDDEN;
	}
	return RES_OK;
}

/* May who make the decision d (action: its audit name) about user id,
 * loaded into target? Inside who's area, and may_decide. Every refusal is
 * audited. */
static int manageable(struct db *db, struct arena *a, const struct user *who, long long id,
		      enum decision d, const char *action, struct user *target, const char **why)
{
	int rc = users_may_manage(who) ? users_get(db, a, who, id, target) : RES_FORBIDDEN;
	const char *reason = rc == RES_FORBIDDEN ? "role" : rc == RES_NOT_FOUND ? "area" : NULL;
	if (rc == RES_OK)
		rc = may_decide(db, who, target, d, why, &reason);
	if (rc != RES_OK && rc != RES_ERROR)
		refused(db, who, action, id, reason);
	return rc;
}

unsigned users_allowed(struct db *db, const struct user *who, const struct user *target)
{
	static const struct {
		enum decision d;
		unsigned bits;
	} checks[] = {{DECIDE_NOTHING, USER_MAY_RENAME | USER_MAY_UNLOCK},
		      {DECIDE_ROLE, USER_MAY_MOVE},
		      {DECIDE_PASSWORD, USER_MAY_PASSWORD},
		      {DECIDE_DISABLED, USER_MAY_ACCESS}};
	unsigned may = 0;
	if (!users_may_manage(who) || !units_in_scope(db, who->scope, target->scope))
		return 0;
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		const char *why = NULL, *reason = NULL;
		if (may_decide(db, who, target, checks[i].d, &why, &reason) == RES_OK)
			may |= checks[i].bits;
	}
	return may;
}

/* Record who's rank as the maker of decision d about user id (0: undone). */
static int decided(struct db *db, const struct user *who, long long id, enum decision d, int undone)
{
	struct db_stmt *st = db_prepare(db, decision_sql[d].write);
	if (!st)
		return -1;
	db_bind_int(st, ":rank", undone ? 0 : users_rank(who));
	db_bind_int(st, ":id", id);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* Check a role and scope that who wants to give. */
static int check_grant(struct db *db, const struct user *who, const char *role, long long scope,
		       const char **why)
{
	if (role_rank(role) < 0) {
		*why = N_("unknown role");
		return RES_INVALID;
	}
	if (role_rank(role) > role_rank(who->role)) {
		*why = N_("you may not grant a role above your own");
		return RES_INVALID;
	}
	struct arena a = ARENA_INIT;
	struct unit u;
	int rc = scope ? units_get(db, &a, scope, &u) : RES_NOT_FOUND;
	if (rc == RES_OK && !units_in_scope(db, who->scope, scope))
		rc = RES_NOT_FOUND;
	if (rc == RES_NOT_FOUND) {
		*why = N_("no such unit in your area");
		rc = RES_INVALID;
	} else if (rc == RES_OK && role_scope_level(role) &&
		   strcmp(role_scope_level(role), u.level) != 0) {
		*why =
		    N_("this role needs an area of another level (province, commune, village...)");
		rc = RES_INVALID;
	}
	arena_release(&a);
	return rc;
}

static int end_sessions(struct db *db, long long id, const char *keep)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM session WHERE user_id = :id"
					    " AND (:keep IS NULL OR token_hash <> :keep)");
	if (!st)
		return -1;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":keep", keep);
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Commit with an audit row, or roll back. */
static int finish(struct db *db, int res, const struct user *who, const char *action, long long id,
		  long long unit, struct buf *detail)
{
	res = tx_end(db, res, who, action, "user", id, unit, buf_cstr(detail));
	buf_release(detail);
	return res;
}

/* The detail of an audit row about a user: {"username": ...}. */
static void username_detail(struct buf *d, const char *username)
{
	buf_puts(d, "{\"username\":");
	json_escape(d, username, strlen(username));
	buf_puts(d, "}");
}

static int step_done(struct db_stmt *st)
{
	if (!st)
		return RES_ERROR;
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? RES_OK : rc == DB_CONSTRAINT ? RES_CONFLICT : RES_ERROR;
}

/* Create a user; enterprise: its enterprise for role "enterprise", else 0. */
static int create(struct db *db, const struct user *who, const char *username,
		  const char *full_name, const char *role, long long scope, long long enterprise,
		  const char *password, long long *id, const char **why)
{
	if (!users_may_manage(who))
		return RES_FORBIDDEN;
	if (!username_ok(username)) {
		*why =
		    N_("the user name must be 2 to 64 lower-case letters, digits, '.', '_' or '-'");
		return RES_INVALID;
	}
	int rc = check_grant(db, who, role, scope, why);
	if (rc != RES_OK)
		return rc;
	if ((*why = accounts_password_problem(password, username)))
		return RES_INVALID;
	char hash[crypto_pwhash_STRBYTES];
	if (accounts_hash(password, hash, sizeof hash) != 0)
		return RES_ERROR;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO app_user(username, full_name, role,"
					    " scope_unit_id, password_hash, enterprise_id)"
					    " VALUES (:u, :n, :r, :s, :h, :e)");
	if (st) {
		db_bind_text(st, ":u", username);
		db_bind_text(st, ":n", full_name ? full_name : "");
		db_bind_text(st, ":r", role);
		db_bind_int(st, ":s", scope);
		db_bind_text(st, ":h", hash);
		db_bind_id(st, ":e", enterprise);
	}
	int res = step_done(st);
	sodium_memzero(hash, sizeof hash);
	if (res == RES_CONFLICT)
		*why = N_("this user name is taken");
	*id = res == RES_OK ? db_last_id(db) : 0;
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "username", username);
	jw_kv_str(&j, "role", role);
	jw_kv_int(&j, "scope_unit_id", scope);
	jw_obj_end(&j);
	return finish(db, res, who, "create", *id, scope, &d);
}

int users_create(struct db *db, const struct user *who, const char *username, const char *full_name,
		 const char *role, long long scope, const char *password, long long *id,
		 const char **why)
{
	if (role_of(role) == ROLE_ENTERPRISE) {
		*why = N_("an enterprise user is added from the enterprise's page");
		return RES_INVALID;
	}
	return create(db, who, username, full_name, role, scope, 0, password, id, why);
}

int users_create_enterprise(struct db *db, const struct user *who, long long enterprise,
			    const char *username, const char *full_name, const char *password,
			    long long *id, const char **why)
{
	if (!enterprises_visible(db, who, enterprise)) {
		*why = N_("no such enterprise in your area");
		return RES_INVALID;
	}
	/* its area, for lists and the audit trail: the province of its communes */
	long long area = 0;
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM enterprise_unit"
					    " WHERE enterprise_id = :e LIMIT 1");
	if (st) {
		db_bind_int(st, ":e", enterprise);
		area = db_step(st) == DB_ROW ? teams_province(db, db_col_int(st, 0)) : 0;
		db_done(st);
	}
	return create(db, who, username, full_name, "enterprise", area ? area : who->scope,
		      enterprise, password, id, why);
}

int users_update(struct db *db, const struct user *who, long long id, const char *full_name,
		 const char *role, long long scope, const char **why)
{
	struct arena a = ARENA_INIT;
	struct user t;
	int rc = accounts_user_load(db, &a, id, &t);
	int moved = rc == RES_OK && (strcmp(role, t.role) != 0 || scope != t.scope);
	if (rc != RES_ERROR)
		rc = manageable(db, &a, who, id, moved ? DECIDE_ROLE : DECIDE_NOTHING, "update", &t,
				why);
	if (rc == RES_OK &&
	    (role_of(t.role) == ROLE_ENTERPRISE) != (role_of(role) == ROLE_ENTERPRISE)) {
		*why = N_("an enterprise user stays an enterprise user");
		rc = RES_INVALID;
	}
	if (rc == RES_OK)
		rc = check_grant(db, who, role, scope, why);
	if (rc != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return rc == RES_OK ? RES_ERROR : rc;
	}
	struct db_stmt *st = db_prepare(db, "UPDATE app_user SET full_name = :n, role = :r,"
					    " scope_unit_id = :s WHERE id = :id");
	if (st) {
		db_bind_text(st, ":n", full_name ? full_name : t.full_name);
		db_bind_text(st, ":r", role);
		db_bind_int(st, ":s", scope);
		db_bind_int(st, ":id", id);
	}
	int res = step_done(st);
	if (res == RES_OK && moved &&
	    (end_sessions(db, id, NULL) != 0 || decided(db, who, id, DECIDE_ROLE, 0) != 0))
		res = RES_ERROR;
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "username", t.username);
	jw_kv_str(&j, "role_before", t.role);
	jw_kv_str(&j, "role", role);
	jw_kv_int(&j, "scope_before", t.scope);
	jw_kv_int(&j, "scope_unit_id", scope);
	jw_obj_end(&j);
	arena_release(&a);
	return finish(db, res, who, "update", id, scope, &d);
}

int users_set_disabled(struct db *db, const struct user *who, long long id, int disabled,
		       const char **why)
{
	struct arena a = ARENA_INIT;
	struct user t;
	int rc =
	    manageable(db, &a, who, id, DECIDE_DISABLED, disabled ? "disable" : "enable", &t, why);
	if (rc != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return rc == RES_OK ? RES_ERROR : rc;
	}
	struct db_stmt *st = db_prepare(db, "UPDATE app_user SET disabled = :d WHERE id = :id");
	if (st) {
		db_bind_int(st, ":d", disabled ? 1 : 0);
		db_bind_int(st, ":id", id);
	}
	int res = step_done(st);
	if (res == RES_OK && ((disabled && end_sessions(db, id, NULL) != 0) ||
			      decided(db, who, id, DECIDE_DISABLED, !disabled) != 0))
		res = RES_ERROR;
	struct buf d = BUF_INIT;
	username_detail(&d, t.username);
	long long unit = t.scope;
	arena_release(&a);
	return finish(db, res, who, disabled ? "disable" : "enable", id, unit, &d);
}

int users_password_store(struct db *db, const struct user *who, long long id, const char *hash)
{
	struct db_stmt *st =
	    db_prepare(db, "UPDATE app_user SET password_hash = :h WHERE id = :id");
	if (st) {
		db_bind_text(st, ":h", hash);
		db_bind_int(st, ":id", id);
	}
	int res = step_done(st);
	if (res == RES_OK && (end_sessions(db, id, who->id == id ? who->session : NULL) != 0 ||
			      decided(db, who, id, DECIDE_PASSWORD, who->id == id) != 0))
		res = RES_ERROR;
	return res;
}

int users_set_password(struct db *db, const struct user *who, long long id,
		       const char *old_password, const char *password, const char **why)
{
	struct arena a = ARENA_INIT;
	struct user t;
	int rc;
	if (who->id && who->id == id) {
		rc = accounts_user_load(db, &a, id, &t);
		char hash[crypto_pwhash_STRBYTES] = "";
		struct db_stmt *st =
		    db_prepare(db, "SELECT password_hash FROM app_user WHERE id = :id");
		if (st) {
			db_bind_int(st, ":id", id);
			if (db_step(st) == DB_ROW)
				snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
			db_done(st);
		}
		if (rc == RES_OK &&
		    (!old_password ||
		     crypto_pwhash_str_verify(hash, old_password, strlen(old_password)))) {
			*why = N_("the current password is wrong");
			rc = RES_INVALID;
		}
	} else {
		rc = manageable(db, &a, who, id, DECIDE_PASSWORD, "password", &t, why);
	}
	if (rc == RES_OK && (*why = accounts_password_problem(password, t.username)))
		rc = RES_INVALID;
	char hash[crypto_pwhash_STRBYTES];
	if (rc == RES_OK && accounts_hash(password, hash, sizeof hash) != 0)
		rc = RES_ERROR;
	if (rc != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return rc == RES_OK ? RES_ERROR : rc;
	}
	int res = users_password_store(db, who, id, hash);
	sodium_memzero(hash, sizeof hash);
	struct buf d = BUF_INIT;
	username_detail(&d, t.username);
	long long unit = t.scope;
	arena_release(&a);
	return finish(db, res, who, "password", id, unit, &d);
}

int users_check_password(struct db *db, struct arena *a, const struct user *who, long long id,
			 const char *action, struct user *target, const char **why)
{
	return manageable(db, a, who, id, DECIDE_PASSWORD, action, target, why);
}

int users_password_decided(struct db *db, const struct user *who, long long id)
{
	return decided(db, who, id, DECIDE_PASSWORD, who->id == id);
}

int users_unlock(struct db *db, const struct user *who, long long id)
{
	struct arena a = ARENA_INIT;
	struct user t;
	const char *why = NULL;
	int rc = manageable(db, &a, who, id, DECIDE_NOTHING, "unlock", &t, &why);
	if (rc != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return rc == RES_OK ? RES_ERROR : rc;
	}
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_failure WHERE username = :u");
	if (st)
		db_bind_text(st, ":u", t.username);
	int res = step_done(st);
	struct buf d = BUF_INIT;
	username_detail(&d, t.username);
	long long unit = t.scope;
	arena_release(&a);
	return finish(db, res, who, "unlock", id, unit, &d);
}
