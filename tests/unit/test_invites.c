/* test_invites.c: accounts for a whole roster and one-time sign-in codes,
 * checked against counts taken straight from the member table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "testdb.h"
#include <string.h>

#include "core/accounts.h"
#include "core/invites.h"
#include "core/roster.h"
#include "core/teams.h"
#include "core/units.h"
#include "core/users.h"

#define PW "correct horse battery"
#define T0 1800000000 /* a fixed "now": 2027-01-15 */

struct fx {
	struct db *db;
	struct user cli;
	long long dd, dk; /* Xã Đồng Đăng, Phường Đông Kinh */
};

static int setup(void **state)
{
	static struct fx f;
	char err[256];
	f.db = test_db_open();
	assert_int_equal(db_migrate(f.db, err, sizeof err), 0);
	struct official_stats st;
	assert_int_equal(units_import_official(f.db, NULL, "20", &st), RES_OK);
	f.cli = accounts_cli_actor(f.db);
	f.dd = units_find(f.db, "commune", "06184");
	f.dk = units_find(f.db, "commune", "05977");
	struct arena a = ARENA_INIT;
	struct import_result r;
	const char *villages = "commune_code,village\n06184,Thôn Nà Lầu\n06184,Bản Khuổi Phục\n"
			       "05977,Khối 1\n";
	assert_int_equal(villages_import_csv(f.db, &a, &f.cli, villages, strlen(villages), &r),
			 RES_OK);
	const char *roster = "commune_code,village,team_name,member_name,phone,role\n"
			     "06184,Nà Lầu,Tổ A,Hoàng Văn A,0912000001,Tổ trưởng\n"
			     "06184,Nà Lầu,,Lục Thị B,0912000002,Thành viên\n"
			     "06184,Nà Lầu,,Nông Văn Đi,0912000005,Thành viên\n"
			     "06184,Khuổi Phục,Tổ B,Vi Văn C,,leader\n"
			     "05977,Khối 1,Tổ C,Lê Thị D,0912000003,leader\n";
	int teams;
	assert_int_equal(roster_import_csv(f.db, &a, &f.cli, roster, strlen(roster), &r, &teams),
			 RES_OK);
	assert_int_equal(teams, 3);
	/* Nông Văn Đi left the team: no account for him */
	assert_int_equal(db_exec(f.db, "UPDATE member SET left_on = '2026-06-01'"
				       " WHERE full_name = 'Nông Văn Đi'"),
			 DB_OK);
	accounts_policy = (struct accounts_policy){.session_idle = 30 * 60,
						   .session_max = 12 * 3600,
						   .name_free = 5,
						   .address_free = 10,
						   .window = 15 * 60,
						   .max_delay = 300};
	arena_release(&a);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(f->db);
	return 0;
}

/* A count straight from the tables. */
static long long count(struct fx *f, const char *sql, long long unit)
{
	struct db_stmt *st = db_prepare(f->db, sql);
	assert_non_null(st);
	db_bind_int(st, ":unit", unit);
	return db_one_int(st, -1);
}

/* Current members below unit, and those with an account, by brute force. */
#define CURRENT_MEMBERS                                                                            \
	"SELECT count(*) FROM member m JOIN team t ON t.id = m.team_id"                            \
	" JOIN unit v ON v.id = t.unit_id WHERE m.left_on IS NULL AND t.dissolved_on IS NULL"      \
	" AND (v.parent_id = :unit OR :unit = 0)"
#define WITH_ACCOUNT                                                                               \
	CURRENT_MEMBERS " AND EXISTS (SELECT 1 FROM app_user u WHERE u.member_id = m.id)"

static long long officer(struct fx *f, const char *name, const char *role, long long scope)
{
	long long id;
	const char *why = NULL;
	assert_int_equal(users_create(f->db, &f->cli, name, "", role, scope, PW, &id, &why),
			 RES_OK);
	return id;
}

static void roster_accounts_once_each(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct user xa;
	assert_int_equal(accounts_user_load(f->db, &a, officer(f, "xa.dd", "commune", f->dd), &xa),
			 RES_OK);
	struct invite *list;
	int n, had;
	long long members, have;
	assert_int_equal(invites_count(f->db, &xa, f->dd, T0, &members, &have), RES_OK);
	assert_int_equal(members, count(f, CURRENT_MEMBERS, f->dd));
	assert_int_equal(have, 0);
	assert_int_equal(invites_roster(f->db, &a, &xa, f->dd, T0, &list, &n, &had), RES_OK);
	assert_int_equal(n, 3); /* A, B and C; not Đi, who left */
	assert_int_equal(had, 0);
	assert_int_equal(count(f, WITH_ACCOUNT, f->dd), count(f, CURRENT_MEMBERS, f->dd));
	assert_int_equal(count(f, WITH_ACCOUNT, f->dk), 0); /* not the other commune */
	/* the leader first within a team; teams in name order */
	assert_string_equal(list[0].team_name, "Tổ A");
	assert_string_equal(list[0].member_role, "leader");
	assert_string_equal(list[2].team_name, "Tổ B");
	for (int i = 0; i < n; i++) {
		assert_int_equal(strlen(list[i].code), INVITE_DIGITS);
		assert_int_equal(strspn(list[i].code, "0123456789"), INVITE_DIGITS);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(list[i].code, list[k].code);
		/* the account is a team account of the team's village */
		struct user u;
		assert_int_equal(accounts_user_load(f->db, &a, list[i].user_id, &u), RES_OK);
		assert_string_equal(u.role, "team");
		struct team t;
		assert_int_equal(teams_own(f->db, &a, &u, &t), RES_OK);
		assert_int_equal(t.id, list[i].team_id);
		/* no password works before the code is used */
		char token[TOKEN_TEXT];
		long long wait;
		assert_int_equal(
		    accounts_login(f->db, u.username, "!", "10.0.0.9", T0, token, &wait),
		    RES_FORBIDDEN);
	}
	/* again: nothing new; the province then makes only the other commune's */
	assert_int_equal(invites_roster(f->db, &a, &xa, f->dd, T0, &list, &n, &had), RES_OK);
	assert_int_equal(n, 0);
	assert_int_equal(had, 3);
	struct user tinh;
	long long ls = units_find(f->db, "province", "20");
	assert_int_equal(
	    accounts_user_load(f->db, &a, officer(f, "tinh.ls", "province", ls), &tinh), RES_OK);
	assert_int_equal(invites_roster(f->db, &a, &tinh, ls, T0, &list, &n, &had), RES_OK);
	assert_int_equal(n, 1);
	assert_int_equal(had, 3);
	assert_string_equal(list[0].full_name, "Lê Thị D");
	long long team_user = list[0].user_id;
	assert_int_equal(count(f, WITH_ACCOUNT, 0), count(f, CURRENT_MEMBERS, 0));
	/* outside one's area, or not an officer */
	struct user other;
	assert_int_equal(
	    accounts_user_load(f->db, &a, officer(f, "xa.dk", "commune", f->dk), &other), RES_OK);
	assert_int_equal(invites_roster(f->db, &a, &other, f->dd, T0, &list, &n, &had),
			 RES_NOT_FOUND);
	struct user team;
	assert_int_equal(accounts_user_load(f->db, &a, team_user, &team), RES_OK);
	assert_int_equal(invites_roster(f->db, &a, &team, f->dk, T0, &list, &n, &had),
			 RES_FORBIDDEN);
	arena_release(&a);
}

static void codes_work_once_and_expire(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct invite *list;
	int n, had;
	assert_int_equal(invites_roster(f->db, &a, &f->cli, f->dd, T0, &list, &n, &had), RES_OK);
	assert_int_equal(n, 3);
	char token[TOKEN_TEXT], typed[32];
	long long wait;
	const char *why = NULL;
	/* typed with spaces and a dash, as the sheet prints it */
	snprintf(typed, sizeof typed, "%.4s %.4s-%.4s", list[0].code, list[0].code + 4,
		 list[0].code + 8);
	struct user u;
	assert_int_equal(invites_open(f->db, &a, typed, "10.0.0.1", T0, &u, &wait), RES_OK);
	assert_string_equal(u.username, list[0].username);
	assert_int_equal(invites_redeem(f->db, typed, "short", "10.0.0.1", T0, token, &wait, &why),
			 RES_INVALID); /* a weak password keeps the code */
	assert_int_equal(invites_redeem(f->db, typed, PW, "10.0.0.1", T0, token, &wait, &why),
			 RES_OK);
	assert_int_equal(accounts_session(f->db, &a, token, T0 + 1, &u), RES_OK);
	assert_string_equal(u.username, list[0].username);
	assert_int_equal(accounts_login(f->db, list[0].username, PW, "10.0.0.1", T0, token, &wait),
			 RES_OK);
	/* spent */
	assert_int_equal(
	    invites_redeem(f->db, list[0].code, PW, "10.0.0.1", T0, token, &wait, &why),
	    RES_NOT_FOUND);
	/* the last day works, the day after does not */
	long long end = list[1].expires_at;
	assert_int_equal(invites_open(f->db, &a, list[1].code, "10.0.0.2", end - 1, &u, &wait),
			 RES_OK);
	assert_int_equal(
	    invites_redeem(f->db, list[1].code, PW, "10.0.0.2", end, token, &wait, &why),
	    RES_NOT_FOUND);
	/* a new code ends the old one */
	struct invite again;
	assert_int_equal(invites_reissue(f->db, &a, &f->cli, list[2].user_id, T0, &again, &why),
			 RES_OK);
	assert_string_not_equal(again.code, list[2].code);
	assert_int_equal(invites_open(f->db, &a, list[2].code, "10.0.0.3", T0, &u, &wait),
			 RES_NOT_FOUND);
	assert_int_equal(invites_redeem(f->db, again.code, PW, "10.0.0.3", T0, token, &wait, &why),
			 RES_OK);
	/* malformed codes are wrong codes */
	assert_int_equal(invites_open(f->db, &a, "12345", "10.0.0.4", T0, &u, &wait),
			 RES_NOT_FOUND);
	assert_int_equal(invites_open(f->db, &a, "1234567890123", "10.0.0.4", T0, &u, &wait),
			 RES_NOT_FOUND);
	assert_int_equal(invites_open(f->db, &a, "12345678901x", "10.0.0.4", T0, &u, &wait),
			 RES_NOT_FOUND);
	arena_release(&a);
}

static void guesses_are_throttled(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct invite *list;
	int n, had;
	assert_int_equal(invites_roster(f->db, &a, &f->cli, f->dd, T0, &list, &n, &had), RES_OK);
	struct user u;
	long long wait;
	int k = 0;
	char guess[INVITE_CODE];
	for (; k < 20; k++) {
		snprintf(guess, sizeof guess, "%012d", k);
		int rc = invites_open(f->db, &a, guess, "10.9.9.9", T0, &u, &wait);
		if (rc == RES_LIMITED)
			break;
		assert_int_equal(rc, RES_NOT_FOUND);
	}
	assert_int_equal(k, accounts_policy.address_free);
	assert_true(wait >= 1);
	/* even the right code waits; another address does not */
	assert_int_equal(invites_open(f->db, &a, list[0].code, "10.9.9.9", T0, &u, &wait),
			 RES_LIMITED);
	assert_int_equal(invites_open(f->db, &a, list[0].code, "10.9.9.8", T0, &u, &wait), RES_OK);
	arena_release(&a);
}

static void reissue_follows_rank(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct user xa, peer;
	assert_int_equal(accounts_user_load(f->db, &a, officer(f, "xa.dd", "commune", f->dd), &xa),
			 RES_OK);
	long long p = officer(f, "xa.dd2", "commune", f->dd);
	assert_int_equal(accounts_user_load(f->db, &a, p, &peer), RES_OK);
	struct invite x;
	const char *why = NULL;
	assert_int_equal(invites_reissue(f->db, &a, &xa, p, T0, &x, &why), RES_FORBIDDEN);
	assert_non_null(why);
	/* a province's code stands against the commune */
	long long ls = units_find(f->db, "province", "20");
	struct user tinh;
	assert_int_equal(
	    accounts_user_load(f->db, &a, officer(f, "tinh.ls", "province", ls), &tinh), RES_OK);
	struct invite *list;
	int n, had;
	assert_int_equal(invites_roster(f->db, &a, &xa, f->dd, T0, &list, &n, &had), RES_OK);
	assert_int_equal(invites_reissue(f->db, &a, &tinh, list[0].user_id, T0, &x, &why), RES_OK);
	assert_int_equal(invites_reissue(f->db, &a, &xa, list[0].user_id, T0, &x, &why),
			 RES_FORBIDDEN);
	/* once the member chose a password, the commune may help again */
	char token[TOKEN_TEXT];
	long long wait;
	assert_int_equal(invites_redeem(f->db, x.code, PW, "10.0.0.5", T0, token, &wait, &why),
			 RES_NOT_FOUND); /* x was refused: no code in it */
	struct invite y;
	assert_int_equal(invites_reissue(f->db, &a, &tinh, list[0].user_id, T0, &y, &why), RES_OK);
	assert_int_equal(invites_redeem(f->db, y.code, PW, "10.0.0.5", T0, token, &wait, &why),
			 RES_OK);
	assert_int_equal(invites_reissue(f->db, &a, &xa, list[0].user_id, T0, &x, &why), RES_OK);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(roster_accounts_once_each, setup, teardown),
	    cmocka_unit_test_setup_teardown(codes_work_once_and_expire, setup, teardown),
	    cmocka_unit_test_setup_teardown(guesses_are_throttled, setup, teardown),
	    cmocka_unit_test_setup_teardown(reissue_follows_rank, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
