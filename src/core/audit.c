/* audit.c: the audit trail. */
#include "core/audit.h"
#include "core/periods.h"
#include "core/result.h"

int audit_log(struct db *db, const struct user *who, const char *action, const char *entity,
	      long long entity_id, long long unit_id, const char *detail_json)
{
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO audit(user_id, role, action, entity, entity_id, unit_id,"
			   " detail_json) VALUES (:user, :role, :action, :entity, :eid, :unit,"
			   " :detail)");
	if (!st)
		return -1;
	db_bind_id(st, ":user", who ? who->id : 0);
	db_bind_text(st, ":role", who ? (who->id ? who->role : "cli") : NULL);
	db_bind_text(st, ":action", action);
	db_bind_text(st, ":entity", entity);
	db_bind_id(st, ":eid", entity_id);
	db_bind_id(st, ":unit", unit_id);
	db_bind_text(st, ":detail", detail_json ? detail_json : "{}");
	int rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

int audit_list(struct db *db, struct arena *a, const struct user *who, const struct audit_filter *f,
	       struct audit_row **rows, int *n, long long *next)
{
	int limit = f->limit > 0 && f->limit <= 200 ? f->limit : 100;
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT a.id, a.at, coalesce(u.username, ''), coalesce(a.role, ''), a.action,"
	    " a.entity, coalesce(a.entity_id, 0), coalesce(a.unit_id, 0), coalesce(un.name, ''),"
	    " a.detail_json FROM audit a LEFT JOIN app_user u ON u.id = a.user_id"
	    " LEFT JOIN unit un ON un.id = a.unit_id"
	    " WHERE (:before IS NULL OR a.id < :before)"
	    " AND (:scope_is_root = 1 OR a.unit_id IN (SELECT unit_id FROM unit_tree"
	    "      WHERE ancestor_id = :scope)"
	    "   OR u.scope_unit_id IN (SELECT unit_id FROM unit_tree WHERE ancestor_id = :scope))"
	    " AND (:username IS NULL OR u.username = :username)"
	    " AND (:unit IS NULL OR a.unit_id IN (SELECT unit_id FROM unit_tree"
	    "      WHERE ancestor_id = :unit))"
	    " AND (:entity IS NULL OR a.entity = :entity)"
	    " AND (:from IS NULL OR a.at >= :from)"
	    " AND (:to_end IS NULL OR a.at < :to_end)"
	    " ORDER BY a.id DESC LIMIT :limit");
	if (!st)
		return RES_ERROR;
	struct db_stmt *root = db_prepare(db, "SELECT parent_id IS NULL FROM unit WHERE id = :id");
	int is_root = 0;
	if (root) {
		db_bind_int(root, ":id", who->scope);
		is_root = db_step(root) == DB_ROW && db_col_int(root, 0);
		db_done(root);
	}
	db_bind_id(st, ":before", f->before);
	db_bind_int(st, ":scope_is_root", is_root);
	db_bind_int(st, ":scope", who->scope);
	db_bind_text(st, ":username", f->username);
	db_bind_id(st, ":unit", f->unit);
	db_bind_text(st, ":entity", f->entity);
	db_bind_text(st, ":from", f->from);
	char to_end[11]; /* the day after "to": stamps on "to" sort before it */
	db_bind_text(st, ":to_end", period_date_add(f->to, 1, to_end) == 0 ? to_end : NULL);
	db_bind_int(st, ":limit", limit + 1);
	*rows = arena_alloc(a, (size_t)(limit + 1) * sizeof **rows);
	*n = 0;
	*next = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == limit) {
			*next = (*rows)[limit - 1].id;
			break;
		}
		struct audit_row *r = &(*rows)[(*n)++];
		r->id = db_col_int(st, 0);
		r->at = arena_strdup(a, db_col_text(st, 1));
		r->username = arena_strdup(a, db_col_text(st, 2));
		r->role = arena_strdup(a, db_col_text(st, 3));
		r->action = arena_strdup(a, db_col_text(st, 4));
		r->entity = arena_strdup(a, db_col_text(st, 5));
		r->entity_id = db_col_int(st, 6);
		r->unit_id = db_col_int(st, 7);
		r->unit_name = arena_strdup(a, db_col_text(st, 8));
		r->detail_json = arena_strdup(a, db_col_text(st, 9));
	}
	db_done(st);
	return rc == DB_ERR ? RES_ERROR : RES_OK;
}
