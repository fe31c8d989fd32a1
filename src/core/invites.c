/* invites.c: accounts from the roster and one-time sign-in codes. */
#include "core/invites.h"
#include "core/audit.h"
#include "core/roles.h"
#include "core/tx.h"
#include "core/units.h"
#include "core/users.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/jw.h"
#include "util/vec.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Every current member of every live team below :unit on :today, with
 * its account if it has one (u). */
#define ROSTER_MEMBERS                                                                             \
	" FROM unit_tree x JOIN team t ON t.unit_id = x.unit_id"                                   \
	" AND (t.dissolved_on IS NULL OR t.dissolved_on > :today)"                                 \
	" JOIN member m ON m.team_id = t.id AND (m.left_on IS NULL OR m.left_on > :today)"         \
	" JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id"                       \
	" LEFT JOIN app_user u ON u.member_id = m.id WHERE x.ancestor_id = :unit"

/* A new code into out, its hash into hash. */
static void new_code(char out[INVITE_CODE], char hash[65])
{
	for (int i = 0; i < INVITE_DIGITS; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[INVITE_DIGITS] = '\0';
	accounts_token_hash(out, hash);
}

/* Give user id the code of x (replacing any live one), issued by who. */
static int code_write(struct db *db, const struct user *who, long long id, time_t now,
		      struct invite *x)
{
	char hash[65];
	new_code(x->code, hash);
	x->expires_at = (long long)now + INVITE_DAYS * 86400LL;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO signin_code(user_id, code_hash, issued_by, issued_at, expires_at)"
		" VALUES (:u, :h, :by, :now, :until) ON CONFLICT(user_id) DO UPDATE SET"
		" code_hash = excluded.code_hash, issued_by = excluded.issued_by,"
		" issued_at = excluded.issued_at, expires_at = excluded.expires_at");
	if (!st)
		return -1;
	db_bind_int(st, ":u", id);
	db_bind_text(st, ":h", hash);
	db_bind_id(st, ":by", who->id);
	db_bind_int(st, ":now", (long long)now);
	db_bind_int(st, ":until", x->expires_at);
	return db_run(st) == DB_OK ? 0 : -1;
}

/* The audit detail of an account made or given a code. */
static const char *detail_of(struct arena *a, const struct invite *x, long long member)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "username", x->username);
	if (member) {
		jw_kv_str(&j, "role", "team");
		jw_kv_int(&j, "member_id", member);
		jw_kv_int(&j, "team_id", x->team_id);
	}
	jw_kv_int(&j, "code_expires_at", x->expires_at);
	jw_obj_end(&j);
	const char *s = arena_strdup(a, buf_cstr(&d));
	buf_release(&d);
	return s;
}

/* Make the account of member (read into x) with its code: its user name
 * tv<member>, or tv<member>-2 ... when someone has that name already. The
 * password is who's decision (only who's rank or above may replace it). */
static int make_account(struct db *db, struct arena *a, const struct user *who, long long member,
			long long village, time_t now, struct invite *x)
{
	x->user_id = 0;
	for (int k = 1; !x->user_id && k < 100; k++) {
		x->username = k == 1 ? arena_printf(a, "tv%lld", member)
				     : arena_printf(a, "tv%lld-%d", member, k);
		struct db_stmt *st = db_prepare(
		    db, "INSERT INTO app_user(username, full_name, role, scope_unit_id,"
			" password_hash, member_id, password_rank) VALUES (:u, :n, 'team', :s, '!',"
			" :m, :rank) ON CONFLICT(username) DO NOTHING RETURNING id");
		if (!st)
			return -1;
		db_bind_text(st, ":u", x->username);
		db_bind_text(st, ":n", x->full_name);
		db_bind_int(st, ":s", village);
		db_bind_int(st, ":m", member);
		db_bind_int(st, ":rank", users_rank(who));
		int rc = db_step(st);
		if (rc == DB_ROW)
			x->user_id = db_col_int(st, 0);
		db_done(st);
		if (rc == DB_ERR)
			return -1;
	}
	if (!x->user_id || code_write(db, who, x->user_id, now, x) != 0)
		return -1;
	return audit_log(db, who, "create", "user", x->user_id, village, detail_of(a, x, member));
}

/* May who make the accounts of unit's roster? RES_OK with the local date
 * of now in today, RES_FORBIDDEN or RES_NOT_FOUND. */
static int roster_open(struct db *db, const struct user *who, long long unit, time_t now,
		       char today[11])
{
	if (!users_may_manage(who))
		return RES_FORBIDDEN;
	if (!unit || !units_in_scope(db, who->scope, unit))
		return RES_NOT_FOUND;
	date_local(now, today);
	return RES_OK;
}

int invites_roster(struct db *db, struct arena *a, const struct user *who, long long unit,
		   time_t now, struct invite **out, int *n, int *had)
{
	*out = NULL;
	*n = *had = 0;
	char today[11];
	int rc = roster_open(db, who, unit, now, today);
	if (rc != RES_OK)
		return rc;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, m.full_name, m.role, t.id, t.name, v.id, v.name, c.id, c.name,"
		" u.id IS NOT NULL" ROSTER_MEMBERS " ORDER BY c.sort_key, c.id, t.name, t.id,"
		" CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,"
		" m.name_fold, m.id");
	int res = RES_ERROR;
	struct pending {
		long long member, village;
		struct invite x;
	};
	VEC(struct pending) list = {0};
	if (st) {
		db_bind_int(st, ":unit", unit);
		db_bind_text(st, ":today", today);
		while ((rc = db_step(st)) == DB_ROW) {
			if (db_col_int(st, 9)) {
				(*had)++;
				continue;
			}
			struct pending *p = VEC_PUSH(a, &list);
			memset(p, 0, sizeof *p);
			p->member = db_col_int(st, 0);
			p->x.full_name = arena_strdup(a, db_col_text(st, 1));
			p->x.member_role = arena_strdup(a, db_col_text(st, 2));
			p->x.team_id = db_col_int(st, 3);
			p->x.team_name = arena_strdup(a, db_col_text(st, 4));
			p->village = db_col_int(st, 5);
			p->x.village_name = arena_strdup(a, db_col_text(st, 6));
			p->x.commune_id = db_col_int(st, 7);
			p->x.commune_name = arena_strdup(a, db_col_text(st, 8));
		}
		db_done(st);
		res = rc == DB_DONE ? RES_OK : RES_ERROR;
	}
	*out = arena_alloc(a, (size_t)(list.n + 1) * sizeof **out);
	for (int i = 0; i < list.n && res == RES_OK; i++) {
		struct pending *p = &list.items[i];
		p->x.user_id = 0;
		if (make_account(db, a, who, p->member, p->village, now, &p->x) != 0)
			res = RES_ERROR;
		(*out)[i] = p->x;
	}
	struct buf d = BUF_INIT;
	buf_printf(&d, "{\"accounts\":%d,\"had\":%d}", list.n, *had);
	res = tx_end(db, res, who, "accounts", "unit", unit, unit, buf_cstr(&d));
	buf_release(&d);
	if (res == RES_OK)
		*n = list.n;
	else
		memset(*out, 0, (size_t)(list.n + 1) * sizeof **out); /* no codes live */
	return res;
}

int invites_count(struct db *db, const struct user *who, long long unit, time_t now,
		  long long *members, long long *had)
{
	*members = *had = 0;
	char today[11];
	int rc = roster_open(db, who, unit, now, today);
	if (rc != RES_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, "SELECT count(*), count(u.id)" ROSTER_MEMBERS);
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":unit", unit);
	db_bind_text(st, ":today", today);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*members = db_col_int(st, 0);
		*had = db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : RES_ERROR;
}

int invites_reissue(struct db *db, struct arena *a, const struct user *who, long long id,
		    time_t now, struct invite *out, const char **why)
{
	memset(out, 0, sizeof *out);
	struct user t;
	int rc = users_check_password(db, a, who, id, "code", &t, why);
	if (rc != RES_OK)
		return rc;
	out->user_id = id;
	out->username = t.username;
	out->full_name = t.full_name;
	out->member_role = "";
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = code_write(db, who, id, now, out) == 0 && users_password_decided(db, who, id) == 0
		      ? RES_OK
		      : RES_ERROR;
	res = tx_end(db, res, who, "code", "user", id, t.scope, detail_of(a, out, 0));
	if (res != RES_OK)
		memset(out->code, 0, sizeof out->code);
	return res;
}

int invites_normalize(const char *typed, char out[INVITE_CODE])
{
	int k = 0;
	for (const char *s = typed ? typed : ""; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '.')
			continue;
		if (*s < '0' || *s > '9' || k == INVITE_DIGITS)
			return 0;
		out[k++] = *s;
	}
	out[k] = '\0';
	return k == INVITE_DIGITS;
}

/* The user of a live code, without counting anything. */
static int peek(struct db *db, struct arena *a, const char *code, time_t now, struct user *u)
{
	char digits[INVITE_CODE], hash[65];
	if (!invites_normalize(code, digits))
		return RES_NOT_FOUND;
	accounts_token_hash(digits, hash);
	struct db_stmt *st =
	    db_prepare(db, "SELECT u.id FROM signin_code c"
			   " JOIN app_user u ON u.id = c.user_id AND u.disabled = 0"
			   " WHERE c.code_hash = :h AND c.expires_at > :now");
	if (!st)
		return RES_ERROR;
	db_bind_text(st, ":h", hash);
	db_bind_int(st, ":now", (long long)now);
	long long id = db_one_int(st, 0);
	return id > 0 ? accounts_user_load(db, a, id, u) : RES_NOT_FOUND;
}

int invites_open(struct db *db, struct arena *a, const char *code, const char *address, time_t now,
		 struct user *u, long long *wait)
{
	*wait = 0;
	if (!address)
		address = "";
	long long waiting = accounts_wait(db, "", address, now);
	if (waiting) {
		*wait = waiting;
		return accounts_failed(db, "", address, 0, "", now, waiting) ? RES_ERROR
									     : RES_LIMITED;
	}
	int rc = peek(db, a, code, now, u);
	if (rc == RES_NOT_FOUND && accounts_failed(db, "", address, 0, "", now, 0) != 0)
		rc = RES_ERROR;
	return rc;
}

int invites_redeem(struct db *db, const char *code, const char *password, const char *address,
		   time_t now, char token[TOKEN_TEXT], long long *wait, const char **why)
{
	struct arena a = ARENA_INIT;
	struct user u;
	int rc = invites_open(db, &a, code, address, now, &u, wait);
	if (rc == RES_OK && (*why = accounts_password_problem(password, u.username)))
		rc = RES_INVALID;
	char hash[crypto_pwhash_STRBYTES], digits[INVITE_CODE], code_hash[65];
	if (rc == RES_OK && accounts_hash(password, hash, sizeof hash) != 0)
		rc = RES_ERROR;
	if (rc != RES_OK || tx_begin(db) != RES_OK) {
		arena_release(&a);
		return rc == RES_OK ? RES_ERROR : rc;
	}
	invites_normalize(code, digits);
	accounts_token_hash(digits, code_hash);
	/* spend the code: of two at once, one finds it gone */
	struct db_stmt *st = db_prepare(db, "DELETE FROM signin_code WHERE code_hash = :h"
					    " AND user_id = :u RETURNING user_id");
	int res = RES_ERROR;
	if (st) {
		db_bind_text(st, ":h", code_hash);
		db_bind_int(st, ":u", u.id);
		long long spent = db_one_int(st, 0);
		res = spent > 0 ? RES_OK : RES_NOT_FOUND;
	}
	/* the user chose it: every session of theirs ends, none is kept */
	u.session = NULL;
	if (res == RES_OK)
		res = users_password_store(db, &u, u.id, hash);
	sodium_memzero(hash, sizeof hash);
	if (res == RES_OK)
		res = accounts_session_open(db, u.id, now, token);
	res = tx_end(db, res, &u, "code-used", "user", u.id, u.scope, NULL);
	arena_release(&a);
	return res;
}
