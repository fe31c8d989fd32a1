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
	accounts_policy = (struct accounts_policy){30 * 60, 12 * 3600, 5, 15 * 60, 15 * 60};
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

static void lockout_on_injected_clock(void **state)
{
	struct fixture *f = *state;
	add(f, "hoa", "province", f->ls);
	char tok[TOKEN_TEXT];
	time_t t = T0;
	for (int i = 0; i < 5; i++)
		assert_int_equal(accounts_login(f->db, "hoa", "wrong password!", t + i * 60, tok),
				 RES_FORBIDDEN);
	/* locked: the right password is refused, like a wrong one */
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 5 * 60, tok), RES_FORBIDDEN);
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 4 * 60 + 15 * 60 - 1, tok),
			 RES_FORBIDDEN);
	/* 15 minutes after the fifth failure the lock ends */
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 4 * 60 + 15 * 60, tok), RES_OK);

	/* five failures spread over more than 15 minutes do not lock */
	for (int i = 0; i < 5; i++)
		assert_int_equal(
		    accounts_login(f->db, "hoa", "wrong password!", t + 3600 + i * 300, tok),
		    RES_FORBIDDEN);
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 3600 + 4 * 300 + 1, tok), RES_OK);

	/* an unknown name locks the same way (no way to tell names apart) */
	for (int i = 0; i < 6; i++)
		assert_int_equal(accounts_login(f->db, "nobody", PW, t + 7200 + i, tok),
				 RES_FORBIDDEN);

	/* an administrator's unlock lifts a lock at once */
	long long id = users_find(f->db, "hoa");
	for (int i = 0; i < 5; i++)
		accounts_login(f->db, "hoa", "wrong password!", t + 9000 + i, tok);
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 9010, tok), RES_FORBIDDEN);
	assert_int_equal(users_unlock(f->db, &f->cli, id), RES_OK);
	assert_int_equal(accounts_login(f->db, "hoa", PW, t + 9011, tok), RES_OK);
}

static void sessions_expire_and_end(void **state)
{
	struct fixture *f = *state;
	long long id = add(f, "thang", "commune", f->dd);
	struct arena a = ARENA_INIT;
	char tok[TOKEN_TEXT], tok2[TOKEN_TEXT];
	struct user u;
	assert_int_equal(accounts_login(f->db, "Thang", PW, T0, tok), RES_OK); /* any case */
	assert_int_equal(accounts_login(f->db, "thang", PW, T0, tok2), RES_OK);
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
	assert_int_equal(accounts_login(f->db, "thang", PW, T0, tok), RES_OK);
	assert_int_equal(users_set_disabled(f->db, &f->cli, id, 1, &why), RES_OK);
	assert_int_equal(accounts_session(f->db, &a, tok, T0 + 1, &u), RES_NOT_FOUND);
	assert_int_equal(accounts_login(f->db, "thang", PW, T0 + 2, tok), RES_FORBIDDEN);
	assert_int_equal(users_set_disabled(f->db, &f->cli, id, 0, &why), RES_OK);
	assert_int_equal(accounts_login(f->db, "thang", PW, T0 + 3, tok), RES_OK);
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
	    cmocka_unit_test_setup_teardown(lockout_on_injected_clock, setup, teardown),
	    cmocka_unit_test_setup_teardown(sessions_expire_and_end, setup, teardown),
	    cmocka_unit_test_setup_teardown(scope_and_rank_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(api_tokens, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
