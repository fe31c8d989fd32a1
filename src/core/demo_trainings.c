/* demo_trainings.c: a year of trainings in the demo province: the
 * province's own course for every team, an enterprise's course in its
 * communes, an online course, and one planned for next month with the
 * untrained teams invited. */
#include "core/catalog.h"
#include "core/demo.h"
#include "core/enterprises.h"
#include "core/trainings.h"
#include "core/units.h"
#include "util/date.h"
#include <stdio.h>
#include <string.h>

struct demo_training {
	const char *title, *mode, *place, *link, *trainers, *topics, *materials;
	int from_today, days;  /* its first day, from today; its length */
	const char *platforms; /* codes, space-separated */
	int enterprise;	       /* given by VNPT, in its communes */
	int present_of_ten;    /* teams that came, of ten invited */
};

static const struct demo_training list[] = {
    {"Tập huấn kỹ năng hướng dẫn dịch vụ công trực tuyến và VNeID", "in_person",
     "Hội trường UBND tỉnh Lạng Sơn", "", "Sở KH&CN; Công an tỉnh",
     "Tài khoản định danh mức 2; nộp hồ sơ trên Cổng dịch vụ công; hỗ trợ người cao tuổi",
     "https://tailieu.example.vn/dvc-vneid.pdf", -250, 2, "DVC VNEID", 0, 8},
    {"Hướng dẫn thanh toán điện tử và mở gian hàng trên sàn", "in_person",
     "Nhà văn hóa xã Đồng Đăng", "", "VNPT Lạng Sơn", "Ví điện tử, mã QR, gian hàng nông sản", "",
     -150, 1, "PAY ECOM", 1, 7},
    {"Bình dân học vụ số: khóa học trực tuyến cho tổ viên", "online", "",
     "https://hoc.example.vn/binh-dan-hoc-vu-so", "Sở KH&CN", "Kỹ năng số cơ bản", "", -60, 3,
     "SKILLS", 0, 4},
    {"Sổ sức khỏe điện tử: hướng dẫn cài đặt cho người dân", "in_person", "Trung tâm Y tế khu vực",
     "", "Sở Y tế", "Cài đặt, tra cứu lịch tiêm", "", 20, 1, "HEALTH", 0, 0},
};

/* Attendance of the invited teams: of ten teams, present_of_ten sent
 * their leader and deputy (the leader also completed the course). */
static int attend(struct db *db, struct arena *a, const struct user *cli, long long id,
		  int present_of_ten)
{
	struct training_team *teams;
	int n;
	long long next = 0, offset = 0;
	do {
		if (trainings_teams(db, a, cli, id, offset, TRAININGS_PAGE_MAX, &teams, &n,
				    &next) != RES_OK)
			return RES_ERROR;
		for (int i = 0; i < n; i++) {
			if ((int)(teams[i].team_id * 7 % 10) >= present_of_ten)
				continue;
			struct attendance *members;
			int nm;
			if (trainings_attendance(db, a, cli, id, teams[i].team_id, &members, &nm) !=
			    RES_OK)
				return RES_ERROR;
			struct attendance_input rows[2];
			int k = 0;
			for (int m = 0; m < nm && k < 2; m++, k++)
				rows[k] =
				    (struct attendance_input){members[m].member_id, 1, k == 0, ""};
			struct field_errors fe = {0};
			if (k && trainings_attend(db, a, cli, id, teams[i].team_id, rows, k, &fe) !=
				     RES_OK)
				return RES_ERROR;
		}
		offset = next;
	} while (next);
	return RES_OK;
}

int demo_trainings(struct db *db, long long province, const struct user *cli)
{
	long long vnpt = enterprises_find(db, "VNPT Lạng Sơn");
	char today[11];
	date_today(today);
	for (size_t i = 0; i < sizeof list / sizeof *list; i++) {
		const struct demo_training *d = &list[i];
		struct arena a = ARENA_INIT;
		char first[11], last[11], ent[24] = "";
		period_date_add(today, d->from_today, first);
		period_date_add(first, d->days - 1, last);
		if (d->enterprise)
			snprintf(ent, sizeof ent, "%lld", vnpt);
		long long ids[4];
		int np = 0;
		char codes[64];
		snprintf(codes, sizeof codes, "%s", d->platforms);
		for (char *c = strtok(codes, " "); c && np < 4; c = strtok(NULL, " "))
			ids[np++] = catalog_platform_find(db, c);
		struct training_input in = {
		    .unit_id = d->enterprise ? units_find(db, "commune", "06184") : province,
		    .title = d->title,
		    .enterprise = ent,
		    .trainers = d->trainers,
		    .mode = d->mode,
		    .place = d->place,
		    .link = d->link,
		    .starts_on = first,
		    .ends_on = last,
		    .topics = d->topics,
		    .materials = d->materials,
		    .platforms = ids,
		    .nplatforms = np};
		struct field_errors fe = {0};
		long long id, added;
		/* VNPT's course invites the teams of its communes; the others
		 * every team, the planned one the untrained only */
		struct user as = *cli;
		as.enterprise_id = d->enterprise ? vnpt : 0;
		as.role = d->enterprise ? "enterprise" : cli->role;
		int rc = trainings_create(db, &a, &as, &in, &fe, &id);
		if (rc == RES_OK)
			rc = trainings_invite(db, &as, id, NULL, 0, province,
					      d->present_of_ten == 0, np ? ids[0] : 0, &fe, &added);
		if (rc == RES_OK && d->present_of_ten)
			rc = attend(db, &a, &as, id, d->present_of_ten);
		arena_release(&a);
		if (rc != RES_OK) {
			fprintf(stderr, "langso: demo: training %s: %s\n", d->title,
				fe.n ? fe.e[0].msgid : "insert");
			return RES_ERROR;
		}
	}
	return RES_OK;
}
