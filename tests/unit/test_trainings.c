/* test_trainings.c: training coverage counted day by day (members who
 * join after a training start untrained, members who leave take their
 * training with them, dissolved teams leave the counts, platforms count
 * apart), the list of untrained teams, and the checks of a training and
 * of its attendance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "commune_fixture.h"
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "core/coverage.h"
#include "core/teams.h"
#include "core/trainings.h"
#include "core/units.h"

static long long team_of(struct fx *f, long long village, const char *name, int members,
			 long long *ids)
{
	struct team_input in = {.name = name, .established_on = "01/01/2022"};
	struct field_errors fe = {0};
	long long id;
	assert_int_equal(teams_create(f->db, &f->cli, village, &in, &fe, &id), RES_OK);
	static const char *const names[] = {"Hoàng Văn Dũng", "Lục Thị Hạnh", "Vi Văn Tú",
					    "Nông Thị Mai"};
	for (int i = 0; i < members; i++) {
		struct member_input m = {.full_name = names[i], .joined_on = "01/01/2022"};
		assert_int_equal(members_add(f->db, &f->cli, id, &m, &fe, &ids[i]), RES_OK);
	}
	return id;
}

/* The coverage of the commune on day (platform code or NULL). */
static struct coverage at(struct fx *f, const char *day, const char *platform)
{
	struct arena a = ARENA_INIT;
	struct coverage total;
	struct coverage_row *rows;
	int n;
	long long p = platform ? catalog_platform_find(f->db, platform) : 0;
	assert_int_equal(coverage_get(f->db, &a, &f->cli, f->dd, p, day, &total, &rows, &n),
			 RES_OK);
	/* the villages add up to the commune */
	struct coverage sum = {0};
	for (int i = 0; i < n; i++) {
		sum.teams += rows[i].c.teams;
		sum.teams_trained += rows[i].c.teams_trained;
		sum.members += rows[i].c.members;
		sum.members_trained += rows[i].c.members_trained;
	}
	assert_memory_equal(&sum, &total, sizeof sum);
	arena_release(&a);
	return total;
}

#define assert_coverage(c, t, tt, m, mt)                                                           \
	do {                                                                                       \
		struct coverage c_ = (c);                                                          \
		assert_int_equal(c_.teams, t);                                                     \
		assert_int_equal(c_.teams_trained, tt);                                            \
		assert_int_equal(c_.members, m);                                                   \
		assert_int_equal(c_.members_trained, mt);                                          \
	} while (0)

static void coverage_day_by_day(void **state)
{
	struct fx *f = *state;
	long long a[4], b[4];
	long long ta = team_of(f, f->v1, "Tổ A", 3, a);
	long long tb = team_of(f, f->v2, "Tổ B", 2, b);
	long long vneid = catalog_platform_find(f->db, "VNEID");
	struct training_input in = {.unit_id = f->dd,
				    .title = "VNeID mức 2",
				    .mode = "in_person",
				    .place = "Nhà văn hóa",
				    .starts_on = "01/03/2024",
				    .ends_on = "02/03/2024",
				    .platforms = &vneid,
				    .nplatforms = 1};
	struct field_errors fe = {0};
	struct arena ra = ARENA_INIT;
	long long t, added;
	assert_int_equal(trainings_create(f->db, &ra, &f->cli, &in, &fe, &t), RES_OK);
	assert_int_equal(trainings_invite(f->db, &f->cli, t, NULL, 0, f->dd, 0, 0, &fe, &added),
			 RES_OK);
	assert_int_equal(added, 2);
	struct attendance_input rows[2] = {{a[0], 1, 1, "C-01"}, {a[1], 0, 0, NULL}};
	assert_int_equal(trainings_attend(f->db, &ra, &f->cli, t, ta, rows, 2, &fe), RES_OK);

	assert_coverage(at(f, "2024-02-29", NULL), 2, 0, 5, 0); /* before it */
	assert_coverage(at(f, "2024-03-01", NULL), 2, 1, 5, 1); /* one present, one absent */
	assert_coverage(at(f, "2024-03-01", "VNEID"), 2, 1, 5, 1);
	assert_coverage(at(f, "2024-03-01", "PAY"), 2, 0, 5, 0); /* another platform */

	/* a newcomer after the training: counted, untrained */
	struct member_input m = {.full_name = "Nông Thị Mai", .joined_on = "01/05/2024"};
	assert_int_equal(members_add(f->db, &f->cli, ta, &m, &fe, &a[3]), RES_OK);
	assert_coverage(at(f, "2024-04-30", NULL), 2, 1, 5, 1);
	assert_coverage(at(f, "2024-05-01", NULL), 2, 1, 6, 1);
	/* and not on the training's roster: not of the team during it */
	struct attendance_input late = {a[3], 1, 0, NULL};
	fe.n = 0;
	assert_int_equal(trainings_attend(f->db, &ra, &f->cli, t, ta, &late, 1, &fe), RES_INVALID);
	assert_string_equal(fe.e[0].field, "member");
	/* the trained member leaves: the team is untrained from that day */
	fe.n = 0;
	assert_int_equal(members_leave(f->db, &f->cli, a[0], "01/06/2024", &fe), RES_OK);
	assert_coverage(at(f, "2024-05-31", NULL), 2, 1, 6, 1);
	assert_coverage(at(f, "2024-06-01", NULL), 2, 0, 5, 0);
	/* a dissolved team leaves the counts the day after its last */
	assert_int_equal(teams_dissolve(f->db, &f->cli, tb, "30/06/2024", "sáp nhập", &fe), RES_OK);
	assert_coverage(at(f, "2024-06-30", NULL), 2, 0, 5, 0);
	assert_coverage(at(f, "2024-07-01", NULL), 1, 0, 3, 0);

	/* the untrained teams on the training's day: B alone; a page of one */
	struct untrained_team *u;
	int n;
	long long next;
	assert_int_equal(
	    coverage_untrained(f->db, &ra, &f->cli, f->dd, 0, "2024-03-01", 0, 1, &u, &n, &next),
	    RES_OK);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].team_id, tb);
	assert_int_equal(u[0].members, 2);
	assert_int_equal(next, 0);
	assert_int_equal(
	    coverage_untrained(f->db, &ra, &f->cli, f->dd, 0, "2024-06-01", 0, 1, &u, &n, &next),
	    RES_OK);
	assert_int_equal(n, 1);
	assert_int_equal(next, 1); /* both untrained: a second page */
	/* the roster of the training: those of the team during it */
	struct attendance *at_list;
	assert_int_equal(trainings_attendance(f->db, &ra, &f->cli, t, ta, &at_list, &n), RES_OK);
	assert_int_equal(n, 3);
	assert_true(at_list[0].present && at_list[0].completed);
	assert_string_equal(at_list[0].certificate, "C-01");
	assert_true(at_list[1].recorded && !at_list[1].present);
	assert_false(at_list[2].recorded);
	/* a present member keeps the invitation */
	assert_int_equal(trainings_uninvite(f->db, &f->cli, t, ta), RES_CONFLICT);
	assert_int_equal(trainings_uninvite(f->db, &f->cli, t, tb), RES_OK);
	arena_release(&ra);
}

static void training_checks(void **state)
{
	struct fx *f = *state;
	struct arena ra = ARENA_INIT;
	struct field_errors fe = {0};
	long long id;
	struct training_input bad = {.title = "  ",
				     .mode = "by post",
				     .starts_on = "30/02/2026",
				     .materials = "https://ok.example.vn/a\nftp://no\n"};
	assert_int_equal(trainings_create(f->db, &ra, &f->cli, &bad, &fe, &id), RES_INVALID);
	const char *want[] = {"title", "materials", "mode", "starts_on"};
	assert_int_equal(fe.n, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(fe.e[i].field, want[i]);
	/* online needs its link; the last day defaults to the first; blank
	 * lines of the materials dropped */
	struct training_input ok = {
	    .unit_id = f->dd,
	    .title = "  Bình dân   học vụ số ",
	    .mode = "online",
	    .link = "https://hoc.example.vn/bdhvs",
	    .starts_on = "2026-01-05",
	    .materials = "\r\nhttps://a.example.vn/1\r\n\r\nhttps://a.example.vn/2\r\n"};
	fe.n = 0;
	assert_int_equal(trainings_create(f->db, &ra, &f->cli, &ok, &fe, &id), RES_OK);
	struct training t;
	assert_int_equal(trainings_get(f->db, &ra, &f->cli, id, &t), RES_OK);
	assert_string_equal(t.title, "Bình dân học vụ số");
	assert_string_equal(t.ends_on, "2026-01-05");
	assert_string_equal(t.materials, "https://a.example.vn/1\nhttps://a.example.vn/2");
	assert_int_equal(t.mode, MODE_ONLINE);
	ok.link = "";
	fe.n = 0;
	assert_int_equal(trainings_create(f->db, &ra, &f->cli, &ok, &fe, &id), RES_INVALID);
	assert_string_equal(fe.e[0].field, "link");
	/* a village is not a unit a training is for */
	ok.link = "https://hoc.example.vn/bdhvs";
	ok.unit_id = f->v1;
	fe.n = 0;
	assert_int_equal(trainings_create(f->db, &ra, &f->cli, &ok, &fe, &id), RES_INVALID);
	assert_string_equal(fe.e[0].field, "unit");
	enum training_mode m;
	assert_int_equal(trainings_mode_parse("online", &m), 0);
	assert_int_equal(m, MODE_ONLINE);
	assert_int_equal(trainings_mode_parse("Online", &m), -1);
	assert_int_equal(trainings_mode_parse(NULL, &m), -1);
	arena_release(&ra);
}

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(coverage_day_by_day, setup, teardown),
	    cmocka_unit_test_setup_teardown(training_checks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
