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

/* May who change target? Sets *why when not. */
static int manageable(struct db *db, struct arena *a, const struct user *who, long long id,
		      struct user *target, const char **why)
{
	if (!users_may_manage(who))
		return RES_FORBIDDEN;
	int rc = users_get(db, a, who, id, target);
	if (rc != RES_OK)
		return rc;
	if (who->id && target->id == who->id) {
		*why = N_("you cannot change your own role, area or status");
		return RES_INVALID;
	}
	if (role_rank(target->role) > role_rank(who->role))
		return RES_NOT_FOUND;
	return RES_OK;
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
	int rc = manageable(db, &a, who, id, &t, why);
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
	int moved = strcmp(role, t.role) != 0 || scope != t.scope;
	if (res == RES_OK && moved && end_sessions(db, id, NULL) != 0)
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
	int rc = manageable(db, &a, who, id, &t, why);
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
	if (res == RES_OK && disabled && end_sessions(db, id, NULL) != 0)
		res = RES_ERROR;
	struct buf d = BUF_INIT;
	username_detail(&d, t.username);
	long long unit = t.scope;
	arena_release(&a);
	return finish(db, res, who, disabled ? "disable" : "enable", id, unit, &d);
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
		rc = manageable(db, &a, who, id, &t, why);
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
	struct db_stmt *st =
	    db_prepare(db, "UPDATE app_user SET password_hash = :h WHERE id = :id");
	if (st) {
		db_bind_text(st, ":h", hash);
		db_bind_int(st, ":id", id);
	}
	int res = step_done(st);
	sodium_memzero(hash, sizeof hash);
	if (res == RES_OK && end_sessions(db, id, who->id == id ? who->session : NULL) != 0)
		res = RES_ERROR;
	struct buf d = BUF_INIT;
	username_detail(&d, t.username);
	long long unit = t.scope;
	arena_release(&a);
	return finish(db, res, who, "password", id, unit, &d);
}

int users_unlock(struct db *db, const struct user *who, long long id)
{
	struct arena a = ARENA_INIT;
	struct user t;
	const char *why = NULL;
	int rc = manageable(db, &a, who, id, &t, &why);
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
