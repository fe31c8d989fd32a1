/* test_teams.c: phone numbers, dates, member and team validation, the
 * one-team-per-village rule, dissolution, and the roster import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "commune_fixture.h"
#include <stdio.h>
#include <string.h>

#include "core/roster.h"
#include "core/teams.h"
#include "core/units.h"
#include "util/date.h"

static void phone_numbers(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} ok[] = {
	    {"0912345678", "0912345678"},	 {"0912.345.678", "0912345678"},
	    {"+84 912 345 678", "0912345678"},	 {"84912345678", "0912345678"},
	    {"(+84) 91-234-5678", "0912345678"}, {"912345678", "0912345678"},
	    {"01689123456", "0389123456"},	 {"0123 456 7890", "0834567890"},
	    {"0868 123 456", "0868123456"},	 {"070 123 4567", "0701234567"},
	};
	char out[11];
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		assert_int_equal(phone_normalize(ok[i].in, out), 0);
		assert_string_equal(out, ok[i].out);
	}
	const char *bad[] = {"",
			     "12345",
			     "0212345678" /* landline */,
			     "09123456789",
			     "09x1234567",
			     "+1 555 123 4567",
			     "0412345678"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(phone_normalize(bad[i], out), -1);
	char masked[16];
	phone_mask("0912345678", masked);
	assert_string_equal(masked, "09x xxx x678");
}

static void dates(void **state)
{
	(void)state;
	char d[11];
	assert_int_equal(date_parse("12/03/2022", d), 0);
	assert_string_equal(d, "2022-03-12");
	assert_int_equal(date_parse("1/7/2025", d), 0);
	assert_string_equal(d, "2025-07-01");
	assert_int_equal(date_parse("2024-02-29", d), 0);
	assert_int_equal(date_parse("29/02/2023", d), -1);
	assert_int_equal(date_parse("31/04/2022", d), -1);
	assert_int_equal(date_parse("12/13/2022", d), -1);
	assert_int_equal(date_parse("12/03/22", d), -1);
	assert_int_equal(date_parse("2022-03-12x", d), -1);
}

static void coded_values_in_both_languages(void **state)
{
	(void)state;
	assert_string_equal(member_role_code("Tổ trưởng"), "leader");
	assert_string_equal(member_role_code("TỔ PHÓ"), "deputy");
	assert_string_equal(member_role_code("deputy leader"), "deputy");
	assert_string_equal(member_role_code("thanh vien"), "member");
	assert_null(member_role_code("chủ tịch"));
	assert_string_equal(member_gender_code("Nữ"), "female");
	assert_string_equal(member_gender_code("M"), "male");
	assert_string_equal(member_affiliation_code("Đoàn Thanh niên"), "youth_union");
	assert_string_equal(member_affiliation_code("Trưởng thôn"), "village_head");
	assert_string_equal(member_affiliation_code("Hội Cựu chiến binh"), "veterans");
	assert_string_equal(member_affiliation_code(""), "other");
	assert_null(member_affiliation_code("Quốc hội"));
}

static void member_validation_names_fields(void **state)
{
	(void)state;
	struct member_input in = {.full_name = "  Hoàng   Văn Dũng ",
				  .birth_year = "1890",
				  .gender = "X",
				  .phone = "0212345678",
				  .role = "boss",
				  .affiliation = "Quốc hội",
				  .joined_on = "31/02/2022"};
	struct member_values v;
	struct field_errors fe = {0};
	members_check(&in, &v, &fe);
	assert_string_equal(v.name, "Hoàng Văn Dũng");
	const char *fields[] = {"birth_year", "gender",	     "phone",
				"role",	      "affiliation", "joined_on"};
	assert_int_equal(fe.n, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(fe.e[i].field, fields[i]);
	assert_string_equal(fe.e[2].arg, "0212345678");
	struct member_input good = {.full_name = "Lục Thị Hạnh", .phone = "+84 387 654 321"};
	fe.n = 0;
	members_check(&good, &v, &fe);
	assert_int_equal(fe.n, 0);
	assert_string_equal(v.phone, "0387654321");
	assert_string_equal(v.role, "member");
	assert_string_equal(v.affiliation, "other");
}

static void one_active_team_per_village_and_history(void **state)
{
	struct fx *f = *state;
	struct team_input in = {.name = "Tổ CNSCĐ Khuổi Phục",
				.decision_no = "15/QĐ-UBND",
				.decision_date = "12/03/2022",
				.decided_by = "Hoàng Văn Thắng",
				.households = "120",
				.households_in_group = "96"};
	struct field_errors fe = {0};
	long long id, id2;
	assert_int_equal(teams_create(f->db, &f->cli, f->v1, &in, &fe, &id), RES_OK);
	assert_int_equal(teams_create(f->db, &f->cli, f->v1, &in, &fe, &id2), RES_CONFLICT);
	assert_string_equal(fe.e[0].msgid, "this village already has an active team");
	/* not a village */
	fe.n = 0;
	assert_int_equal(teams_create(f->db, &f->cli, f->dd, &in, &fe, &id2), RES_NOT_FOUND);
	struct arena a = ARENA_INIT;
	struct team t;
	assert_int_equal(teams_get(f->db, &a, &f->cli, id, &t), RES_OK);
	assert_string_equal(t.decision_date, "2022-03-12");
	assert_int_equal(t.households_in_group, 96);
	assert_int_equal(t.warnings, TEAM_FEW_MEMBERS | TEAM_NO_LEADER | TEAM_NO_VILLAGE_HEAD);
	/* three members, one the village head and leader: no warning left */
	struct member_input m[3] = {
	    {.full_name = "Hoàng Văn Dũng", .role = "Tổ trưởng", .affiliation = "Trưởng thôn"},
	    {.full_name = "Lục Thị Hạnh", .role = "thành viên", .affiliation = "Đoàn thanh niên"},
	    {.full_name = "Vi Văn Tú", .role = "member", .phone = "0912345678"},
	};
	long long mid[3];
	for (int i = 0; i < 3; i++)
		assert_int_equal(members_add(f->db, &f->cli, id, &m[i], &fe, &mid[i]), RES_OK);
	assert_int_equal(teams_get(f->db, &a, &f->cli, id, &t), RES_OK);
	assert_int_equal(t.warnings, 0);
	assert_int_equal(members_leave(f->db, &f->cli, mid[2], "01/06/2024", &fe), RES_OK);
	assert_int_equal(teams_get(f->db, &a, &f->cli, id, &t), RES_OK);
	assert_int_equal(t.active_members, 2);
	assert_int_equal(t.warnings, TEAM_FEW_MEMBERS);
	struct member *ms;
	int n;
	assert_int_equal(members_list(f->db, &a, &f->cli, id, 1, &ms, &n), RES_OK);
	assert_int_equal(n, 3); /* the one who left is kept */
	assert_string_equal(ms[2].left_on, "2024-06-01");

	/* dissolve, then a new team for the same village; history kept */
	assert_int_equal(teams_dissolve(f->db, &f->cli, id, "30/06/2025", "sáp nhập thôn", &fe),
			 RES_OK);
	assert_int_equal(teams_create(f->db, &f->cli, f->v1, &in, &fe, &id2), RES_OK);
	struct team *hist;
	assert_int_equal(teams_history(f->db, &a, &f->cli, f->v1, &hist, &n), RES_OK);
	assert_int_equal(n, 1);
	assert_int_equal(hist[0].id, id);
	assert_string_equal(hist[0].dissolved_on, "2025-06-30");
	assert_int_equal(members_add(f->db, &f->cli, id, &m[0], &fe, &mid[0]), RES_INVALID);
	arena_release(&a);
}

static void scans_checked_by_content(void **state)
{
	struct fx *f = *state;
	struct team_input in = {.name = "Tổ Nà Lầu"};
	struct field_errors fe = {0};
	long long id;
	assert_int_equal(teams_create(f->db, &f->cli, f->v2, &in, &fe, &id), RES_OK);
	assert_int_equal(
	    teams_set_scan(f->db, &f->cli, id, "qd.pdf", "MZ\x90\x00 not a pdf", 12, &fe),
	    RES_INVALID);
	fe.n = 0;
	const char png[] = "\x89PNG\r\n\x1a\n....";
	assert_int_equal(teams_set_scan(f->db, &f->cli, id, "qd.png", png, sizeof png - 1, &fe),
			 RES_OK);
	struct arena a = ARENA_INIT;
	const char *mime;
	const void *data;
	size_t len;
	assert_int_equal(teams_scan(f->db, &a, &f->cli, id, &mime, &data, &len), RES_OK);
	assert_string_equal(mime, "image/png");
	assert_int_equal(len, sizeof png - 1);
	arena_release(&a);
}

static void roster_import_all_or_nothing(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct import_result r;
	int teams;
	const char *bad =
	    "\xEF\xBB\xBFMã xã;Thôn/tổ dân phố;Tên tổ;Họ và tên;Số điện thoại;Vai trò\r\n"
	    "06184;Thôn Nà Lầu;Tổ A;Hoàng Văn A;0912000001;Tổ trưởng\r\n"
	    "06184;Nà Lầu;Tổ A;Lục Thị B;0212000002;Thành viên\r\n"
	    "06184;Thôn Không Có;;Vi Văn C;;\r\n"
	    "06184;Bản Khuổi Phục;Tổ B;;0912000004;chủ tịch\r\n";
	assert_int_equal(roster_import_csv(f->db, &a, &f->cli, bad, strlen(bad), &r, &teams),
			 RES_INVALID);
	assert_int_equal(r.errors[0].line, 3); /* the landline */
	assert_int_equal(r.errors[0].col, 5);
	assert_string_equal(r.errors[0].column, "phone");
	assert_int_equal(r.errors[1].line, 4); /* no such village */
	assert_int_equal(r.errors[1].col, 2);
	assert_int_equal(r.errors[2].line, 5); /* no name, a bad role */
	assert_string_equal(r.errors[2].column, "member_name");
	assert_string_equal(r.errors[3].column, "role");
	struct team_filter all = {.limit = 10};
	struct team *list;
	int n;
	long long next;
	assert_int_equal(teams_list(f->db, &a, &f->cli, &all, &list, &n, &next), RES_OK);
	assert_int_equal(n, 0);

	const char *good =
	    "commune_code,village,team_name,decision_no,decision_date,member_name,"
	    "birth_year,gender,phone,role,affiliation\n"
	    "06184,Nà Lầu,Tổ A,15/QĐ-UBND,12/03/2022,Hoàng Văn A,1968,Nam,"
	    "0912000001,Tổ trưởng,Trưởng thôn\n"
	    "06184,Nà Lầu,,,,Lục Thị B,1995,Nữ,0912000001,Thành viên,Đoàn thanh niên\n"
	    "06184,Khuổi Phục,,,,Vi Văn C,1980,M,,leader,police\n";
	assert_int_equal(roster_import_csv(f->db, &a, &f->cli, good, strlen(good), &r, &teams),
			 RES_OK);
	assert_int_equal(teams, 2);
	assert_int_equal(r.added, 3);
	assert_int_equal(teams_list(f->db, &a, &f->cli, &all, &list, &n, &next), RES_OK);
	assert_int_equal(n, 2);
	struct member *ms;
	assert_int_equal(members_list(f->db, &a, &f->cli, list[0].id, 0, &ms, &n), RES_OK);
	assert_int_equal(n, 2);
	assert_true(ms[0].phone_shared); /* the same phone twice in the province */
	/* again: every village now has a team */
	assert_int_equal(roster_import_csv(f->db, &a, &f->cli, good, strlen(good), &r, &teams),
			 RES_INVALID);
	assert_string_equal(r.errors[0].msgid, "%s already has an active team");

	/* the roster of the commune, and its search */
	struct roster ro;
	assert_int_equal(roster_load(f->db, &a, &f->cli, f->dd, &ro), RES_OK);
	assert_int_equal(ro.n, 3);
	struct team_filter q = {.q = "luc thi b", .limit = 10};
	assert_int_equal(teams_list(f->db, &a, &f->cli, &q, &list, &n, &next), RES_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "Tổ A");
	arena_release(&a);
}

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(phone_numbers),
	    cmocka_unit_test(dates),
	    cmocka_unit_test(coded_values_in_both_languages),
	    cmocka_unit_test(member_validation_names_fields),
	    cmocka_unit_test_setup_teardown(one_active_team_per_village_and_history, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(scans_checked_by_content, setup, teardown),
	    cmocka_unit_test_setup_teardown(roster_import_all_or_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
