/* test_accounts.c: passwords, sign-in lockout on an injected clock, session
 * timeouts, API tokens, and who may manage whom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "testdb.h"
#include <string.h>

#include "core/accounts.h"
#include "core/tokens.h"
#include "core/units.h"
#include "core/users.h"

#define PW "correct horse battery"
#define T0 1800000000 /* a fixed "now" */

struct fixture {
	struct db *db;
	struct user cli;
	long long ls, cb, dd, dk; /* Lạng Sơn, Cao Bằng, Xã Đồng Đăng, Phường Đông Kinh */
};

static long long add(struct fixture *f, const char *name, const char *role, long long scope)
{
	long long id = 0;
	const char *why = NULL;
	assert_int_equal(users_create(f->db, &f->cli, name, "", role, scope, PW, &id, &why),
			 RES_OK);
	return id;
}

static struct user load(struct fixture *f, struct arena *a, long long id)
{
	struct user u;
	assert_int_equal(accounts_user_load(f->db, a, id, &u), RES_OK);
	return u;
}

static int setup(void **state)
{
	static struct fixture f;
	char err[256];
	f.db = test_db_open();
	assert_int_equal(db_migrate(f.db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(f.db, NULL, "20", &st), RES_OK);
	assert_int_equal(units_import_official(f.db, NULL, "04", &st), RES_OK);
	f.cli = accounts_cli_actor(f.db);
	f.ls = units_find(f.db, "province", "20");
	f.cb = units_find(f.db, "province", "04");
	f.dd = units_find(f.db, "commune", "06184");
	f.dk = units_find(f.db, "commune", "05977");
	accounts_policy = (struct accounts_policy){.session_idle = 30 * 60,
						   .session_max = 12 * 3600,
						   .name_free = 5,
						   .address_free = 10,
						   .window = 15 * 60,
						   .max_delay = 300};
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	return 0;
}

static void password_rules(void **state)
{
	(void)state;
	assert_null(accounts_password_problem("mây trắng bay trên núi", "hoa"));
	assert_non_null(accounts_password_problem("short", NULL));
	assert_non_null(accounts_password_problem("matkhau123456", NULL));    /* blocklist */
	assert_non_null(accounts_password_problem("MATKHAU123456", NULL));    /* any case */
	assert_non_null(accounts_password_problem("aaaaaaaaaaaaaaaa", NULL)); /* one char */
	assert_non_null(accounts_password_problem("xa.dongdang-2026", "xa.dongdang"));
	char longest[300];
	memset(longest, 'x', 256);
	memcpy(longest, "ab", 2);
	longest[256] = '\0';
	assert_null(accounts_password_problem(longest, NULL)); /* 256 characters are fine */
	longest[256] = 'y';
	longest[257] = '\0';
	assert_non_null(accounts_password_problem(longest, NULL));
	/* 12 Vietnamese characters (more bytes) are enough */
	assert_null(accounts_password_problem("Đường về làng", NULL));
}

/* One attempt at time t from address: its result, and *wait. */
static int try(struct fixture *f, const char *name, const char *pw, const char *address, time_t t,
	       long long *wait)
{
	char tok[TOKEN_TEXT];
	return accounts_login(f->db, name, pw, address, t, tok, wait);
}

static void throttle_on_injected_clock(void **state)
{
	struct fixture *f = *state;
	add(f, "hoa", "province", f->ls);
	long long wait;
	time_t t = T0;
	/* a session from before the attack lives through it */
	char tok[TOKEN_TEXT];
	struct arena a = ARENA_INIT;
	struct user u;
	assert_int_equal(accounts_login(f->db, "hoa", PW, "10.0.0.1", t, tok, &wait), RES_OK);

	/* five failures of a name (from any addresses) cost nothing ... */
	for (int i = 0; i < 5; i++)
		assert_int_equal(
		    try(f, "hoa", "wrong password!", i % 2 ? "10.0.0.2" : "10.0.0.3", t + i, &wait),
		    RES_FORBIDDEN);
	/* ... then each attempt waits 1, 2, 4 ... s after the last failure,
	 * the right password too (it is not even checked) */
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", t + 4, &wait), RES_LIMITED);
	assert_int_equal(wait, 1);
	assert_int_equal(try(f, "hoa", "wrong password!", "10.0.0.2", t + 5, &wait), RES_FORBIDDEN);
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", t + 6, &wait), RES_LIMITED);
	assert_int_equal(wait, 1); /* 2 s after t + 5 */
	assert_int_equal(try(f, "hoa", "wrong password!", "10.0.0.2", t + 7, &wait), RES_FORBIDDEN);
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", t + 8, &wait), RES_LIMITED);
	assert_int_equal(wait, 3); /* 4 s after t + 7 */
	assert_int_equal(accounts_session(f->db, &a, tok, t + 8, &u), RES_OK);
	/* the delay doubles up to the policy's most, never a lock (each
	 * guess from an address of its own) */
	time_t at = t + 11;
	for (int i = 0; i < 7; i++) {
		char from[16];
		snprintf(from, sizeof from, "10.0.1.%d", i);
		assert_int_equal(try(f, "hoa", "wrong password!", from, at, &wait), RES_FORBIDDEN);
		assert_int_equal(try(f, "hoa", PW, "10.0.0.1", at, &wait), RES_LIMITED);
		assert_int_equal(wait, i < 6 ? 8 << i : 300);
		at += wait;
	}
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", at, &wait), RES_OK);

	/* one address trying many names: ten failures are free, then it waits;
	 * another address is not slowed by it */
	for (int i = 0; i < 10; i++) {
		char name[16];
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(try(f, name, PW, "10.9.9.9", at + 1000, &wait), RES_FORBIDDEN);
	}
	assert_int_equal(try(f, "someone", PW, "10.9.9.9", at + 1000, &wait), RES_LIMITED);
	assert_int_equal(try(f, "hoa", PW, "10.9.9.9", at + 1000, &wait), RES_LIMITED);
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", at + 1000, &wait), RES_OK);
	/* failures older than the window no longer count */
	assert_int_equal(try(f, "someone", PW, "10.9.9.9", at + 1000 + 15 * 60 + 1, &wait),
			 RES_FORBIDDEN);

	/* an officer's unlock clears a name's failures at once */
	long long id = users_find(f->db, "hoa");
	for (int i = 0; i < 6; i++)
		try(f, "hoa", "wrong password!", "10.0.0.5", at + 5000 + i, &wait);
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", at + 5006, &wait), RES_LIMITED);
	assert_int_equal(users_unlock(f->db, &f->cli, id), RES_OK);
	assert_int_equal(try(f, "hoa", PW, "10.0.0.1", at + 5006, &wait), RES_OK);
	arena_release(&a);
}

static void sessions_expire_and_end(void **state)
{
	struct fixture *f = *state;
	long long id = add(f, "thang", "commune", f->dd);
	struct arena a = ARENA_INIT;
	char tok[TOKEN_TEXT], tok2[TOKEN_TEXT];
	long long wait;
	struct user u;
	assert_int_equal(accounts_login(f->db, "Thang", PW, "", T0, tok, &wait),
			 RES_OK); /* any case */
	assert_int_equal(accounts_login(f->db, "thang", PW, "", T0, tok2, &wait), RES_OK);
	assert_string_not_equal(tok, tok2); /* a new token at every sign-in */
	assert_int_equal(accounts_session(f->db, &a, tok, T0 + 29 * 60, &u), RES_OK);
	assert_string_equal(u.role, "commune");
	/* idle: 30 minutes after the last request */
	assert_int_equal(accounts_session(f->db, &a, tok, T0 + 29 * 60 + 30 * 60, &u),
			 RES_NOT_FOUND);
	/* absolute: 12 hours, however busy */
	for (time_t t = T0; t < T0 + 12 * 3600; t += 20 * 60)
		assert_int_equal(accounts_session(f->db, &a, tok2, t, &u), RES_OK);
	assert_int_equal(accounts_session(f->db, &a, tok2, T0 + 12 * 3600, &u), RES_NOT_FOUND);

	/* disabling, or moving the user, ends their sessions at once */
	const char *why = NULL;
	assert_int_equal(accounts_login(f->db, "thang", PW, "", T0, tok, &wait), RES_OK);
	assert_int_equal(users_set_disabled(f->db, &f->cli, id, 1, &why), RES_OK);
	assert_int_equal(accounts_session(f->db, &a, tok, T0 + 1, &u), RES_NOT_FOUND);
	assert_int_equal(accounts_login(f->db, "thang", PW, "", T0 + 2, tok, &wait), RES_FORBIDDEN);
	assert_int_equal(users_set_disabled(f->db, &f->cli, id, 0, &why), RES_OK);
	assert_int_equal(accounts_login(f->db, "thang", PW, "", T0 + 3, tok, &wait), RES_OK);
	assert_int_equal(users_update(f->db, &f->cli, id, "Thắng", "commune", f->dk, &why), RES_OK);
	assert_int_equal(accounts_session(f->db, &a, tok, T0 + 4, &u), RES_NOT_FOUND);
	assert_int_equal(accounts_logout(f->db, "no such token"), RES_OK);
	arena_release(&a);
}

static void scope_and_rank_rules(void **state)
{
	struct fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct user prov = load(f, &a, add(f, "p.ls", "province", f->ls));
	struct user com = load(f, &a, add(f, "c.dd", "commune", f->dd));
	long long other_prov = add(f, "p.cb", "province", f->cb);
	long long neighbour = add(f, "c.dk", "commune", f->dk);
	const char *why = NULL;
	long long id;
	struct user u;

	/* a commune officer sees and manages only inside the commune */
	assert_int_equal(users_get(f->db, &a, &com, prov.id, &u), RES_NOT_FOUND);
	assert_int_equal(users_get(f->db, &a, &com, neighbour, &u), RES_NOT_FOUND);
	assert_int_equal(users_set_disabled(f->db, &com, neighbour, 1, &why), RES_NOT_FOUND);
	/* grants only roles at or below its own, only in its area */
	assert_int_equal(users_create(f->db, &com, "x1", "", "province", f->ls, PW, &id, &why),
			 RES_INVALID);
	assert_int_equal(users_create(f->db, &com, "x2", "", "commune", f->dk, PW, &id, &why),
			 RES_INVALID);
	assert_string_equal(why, "no such unit in your area");
	assert_int_equal(users_create(f->db, &com, "x3", "", "viewer", f->dd, PW, &id, &why),
			 RES_OK);
	/* the role must fit the level of its area */
	assert_int_equal(users_create(f->db, &prov, "x4", "", "commune", f->ls, PW, &id, &why),
			 RES_INVALID);
	/* the province officer manages the province's users, not Cao Bằng's */
	assert_int_equal(users_get(f->db, &a, &prov, com.id, &u), RES_OK);
	assert_int_equal(users_set_disabled(f->db, &prov, other_prov, 1, &why), RES_NOT_FOUND);
	assert_int_equal(users_update(f->db, &prov, com.id, "", "commune", f->dk, &why), RES_OK);
	/* nobody changes their own role, area or status */
	assert_int_equal(users_set_disabled(f->db, &prov, prov.id, 1, &why), RES_INVALID);
	/* a team member or viewer manages nobody */
	struct user view = load(f, &a, add(f, "v.ls", "viewer", f->ls));
	assert_int_equal(users_create(f->db, &view, "x5", "", "viewer", f->ls, PW, &id, &why),
			 RES_FORBIDDEN);
	struct user_filter all = {.limit = 200};
	struct user *list;
	int n;
	long long next;
	assert_int_equal(users_list(f->db, &a, &prov, &all, &list, &n, &next), RES_OK);
	for (int i = 0; i < n; i++)
		assert_true(units_in_scope(f->db, prov.scope, list[i].scope));
	assert_int_equal(n, 5); /* p.ls, c.dd (now in Đông Kinh), c.dk, x3, v.ls */
	arena_release(&a);
}

/* The audit rows "refused" about user id. */
static long long refusals(struct fixture *f, long long id)
{
	struct db_stmt *st = db_prepare(f->db, "SELECT count(*) FROM audit WHERE"
					       " action = 'refused' AND entity = 'user'"
					       " AND entity_id = :id");
	assert_non_null(st);
	db_bind_int(st, ":id", id);
	return db_one_int(st, -1);
}

static void peers_and_decisions_from_above(void **state)
{
	struct fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct user prov = load(f, &a, add(f, "p.ls", "province", f->ls));
	struct user c1 = load(f, &a, add(f, "c1.dd", "commune", f->dd));
	long long c2 = add(f, "c2.dd", "commune", f->dd);
	long long v = add(f, "v.dd", "viewer", f->dd);
	const char *why = NULL;

	/* a peer of the same rank: no disable, enable, password, role or unlock */
	assert_int_equal(users_set_disabled(f->db, &prov, c2, 1, &why), RES_OK);
	why = NULL;
	assert_int_equal(users_set_disabled(f->db, &c1, c2, 0, &why), RES_FORBIDDEN);
	assert_string_equal(why, "you may manage only users of a lower rank than yours");
	assert_int_equal(
	    users_set_password(f->db, &c1, c2, NULL, "mật khẩu mới của người khác", &why),
	    RES_FORBIDDEN);
	assert_int_equal(users_update(f->db, &c1, c2, "", "viewer", f->dd, &why), RES_FORBIDDEN);
	assert_int_equal(users_unlock(f->db, &c1, c2), RES_FORBIDDEN);
	assert_int_equal(refusals(f, c2), 4);
	struct user still = load(f, &a, c2);
	assert_true(still.disabled);
	assert_string_equal(still.role, "commune");

	assert_int_equal(users_allowed(f->db, &c1, &still), 0);
	struct user vu = load(f, &a, v);
	assert_int_equal(users_allowed(f->db, &c1, &vu), USER_MAY_RENAME | USER_MAY_MOVE |
							     USER_MAY_PASSWORD | USER_MAY_ACCESS |
							     USER_MAY_UNLOCK);

	/* a disable from the province stands against the commune ... */
	assert_int_equal(users_set_disabled(f->db, &prov, v, 1, &why), RES_OK);
	assert_false(users_allowed(f->db, &c1, &vu) & USER_MAY_ACCESS);
	assert_true(users_allowed(f->db, &prov, &vu) & USER_MAY_ACCESS);
	why = NULL;
	assert_int_equal(users_set_disabled(f->db, &c1, v, 0, &why), RES_FORBIDDEN);
	assert_string_equal(why,
			    "this was decided at a higher level: only that level may change it");
	/* ... until the province lifts it; then the commune decides again */
	assert_int_equal(users_set_disabled(f->db, &prov, v, 0, &why), RES_OK);
	assert_int_equal(users_set_disabled(f->db, &c1, v, 1, &why), RES_OK);
	assert_int_equal(users_set_disabled(f->db, &c1, v, 0, &why), RES_OK);

	/* a password the province set: the commune cannot set another, until
	 * the user chose their own */
	assert_int_equal(users_set_password(f->db, &prov, v, NULL, "mật khẩu tỉnh đặt cho", &why),
			 RES_OK);
	assert_int_equal(users_set_password(f->db, &c1, v, NULL, "mật khẩu xã đặt lại", &why),
			 RES_FORBIDDEN);
	struct user self = load(f, &a, v);
	assert_int_equal(users_set_password(f->db, &self, v, "mật khẩu tỉnh đặt cho",
					    "mật khẩu của riêng tôi", &why),
			 RES_OK);
	assert_int_equal(users_set_password(f->db, &c1, v, NULL, "mật khẩu xã đặt lại", &why),
			 RES_OK);

	/* a role or area the province set: the commune may rename, not move */
	assert_int_equal(users_update(f->db, &prov, v, "", "viewer", f->ls, &why), RES_OK);
	assert_int_equal(users_update(f->db, &prov, v, "", "viewer", f->dd, &why), RES_OK);
	assert_int_equal(users_update(f->db, &c1, v, "Tên mới", "viewer", f->dd, &why), RES_OK);
	assert_int_equal(users_update(f->db, &c1, v, "", "team", f->dd, &why), RES_FORBIDDEN);
	assert_int_equal(refusals(f, v), 3);
	arena_release(&a);
}

static void api_tokens(void **state)
{
	struct fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct user me = load(f, &a, add(f, "api.user", "province", f->ls));
	struct user other = load(f, &a, add(f, "api.other", "province", f->cb));
	char tok[TOKEN_TEXT];
	long long id;
	assert_int_equal(tokens_create(f->db, &me, "sync", T0, tok, &id), RES_OK);
	assert_int_equal(strncmp(tok, "lso_", 4), 0);
	struct user u;
	assert_int_equal(tokens_auth(f->db, &a, tok, T0, &u), RES_OK);
	assert_string_equal(u.username, "api.user");
	assert_int_equal(u.scope, f->ls);
	assert_int_equal(tokens_revoke(f->db, &other, id, T0), RES_NOT_FOUND);
	assert_int_equal(tokens_revoke(f->db, &me, id, T0), RES_OK);
	assert_int_equal(tokens_auth(f->db, &a, tok, T0, &u), RES_NOT_FOUND);
	assert_int_equal(tokens_auth(f->db, &a, "lso_forged", T0, &u), RES_NOT_FOUND);
	arena_release(&a);
}

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(password_rules),
	    cmocka_unit_test_setup_teardown(throttle_on_injected_clock, setup, teardown),
	    cmocka_unit_test_setup_teardown(sessions_expire_and_end, setup, teardown),
	    cmocka_unit_test_setup_teardown(scope_and_rank_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(peers_and_decisions_from_above, setup, teardown),
	    cmocka_unit_test_setup_teardown(api_tokens, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
