/* demo_group.c: the demo's management groups: the leaders of Xã Đồng Đăng
 * and Phường Đông Kinh and the province's contact in the directory; the
 * province's and the commune's announcements, read and answered by some. */
#include "core/announcements.h"
#include "core/demo.h"
#include "core/directory.h"
#include "core/units.h"
#include <stdio.h>

struct demo_contact {
	const char *level, *code; /* the unit */
	struct contact_input in;
};

static const struct demo_contact contacts[] = {
    {"commune", "06184", {"Hoàng Văn Thắng", "Chủ tịch UBND xã", "0912000184", ""}},
    {"commune", "06184", {"Lường Thị Nga", "Phó Chủ tịch UBND xã", "0983000184", ""}},
    {"commune", "05977", {"Lê Thu Hà", "Chủ tịch UBND phường", "0915005977", ""}},
    {"province",
     "20",
     {"Nguyễn Thị Hoa", "Phòng Chuyển đổi số, Sở KH&CN", "0912380020", "cds@langson.example.vn"}},
};

struct demo_announcement {
	const char *author;
	struct announcement_input in;
	const char *readers[3];	   /* who read it */
	const char *answers[2][2]; /* who answered, and what */
};

static const struct demo_announcement announcements[] = {
    {"tinh.langson",
     {"Lịch tập huấn VNeID mức 2 tháng 12",
      "Sở tổ chức **tập huấn** cho các tổ về kích hoạt tài khoản định danh mức 2.\n\n"
      "- Xã, phường đăng ký số người dự trước ngày 5/12;\n- mỗi tổ cử ít nhất một người.",
      0, "everyone", "", 1, "2026-12-05"},
     {"xa.dongdang", "to.dongdang", "xem.langson"},
     {{"xa.dongdang", "Xã Đồng Đăng đăng ký 12 người."}, {"to.dongdang", "Tổ cử 2 người."}}},
    {"xa.dongdang",
     {"Nhắc gửi báo cáo tuần",
      "Các tổ gửi báo cáo tuần **trước 17 giờ thứ Hai**. Tổ nào gặp khó khăn, báo ngay cho "
      "xã qua mục Khó khăn.",
      0, "teams", "", 0, NULL},
     {"to.dongdang", NULL, NULL},
     {{NULL, NULL}, {NULL, NULL}}},
};

int demo_group(struct db *db)
{
	struct arena a = ARENA_INIT;
	int rc = RES_OK;
	struct user admin;
	if (demo_user(db, &a, "admin", &admin) != 0)
		rc = RES_ERROR;
	for (size_t i = 0; rc == RES_OK && i < sizeof contacts / sizeof *contacts; i++) {
		struct field_errors fe = {0};
		long long id;
		long long unit = units_find(db, contacts[i].level, contacts[i].code);
		rc = unit ? directory_contact_add(db, &a, &admin, unit, &contacts[i].in, &fe, &id)
			  : RES_ERROR;
	}
	for (size_t i = 0; rc == RES_OK && i < sizeof announcements / sizeof *announcements; i++) {
		const struct demo_announcement *d = &announcements[i];
		struct user author, reader;
		struct field_errors fe = {0};
		long long id;
		rc = demo_user(db, &a, d->author, &author) == 0
			 ? announcements_post(db, &a, &author, &d->in, &fe, &id)
			 : RES_ERROR;
		for (int k = 0; rc == RES_OK && k < 3 && d->readers[k]; k++) {
			struct announcement x;
			rc = demo_user(db, &a, d->readers[k], &reader) == 0
				 ? announcements_get(db, &a, &reader, id, &x)
				 : RES_ERROR;
		}
		for (int k = 0; rc == RES_OK && k < 2 && d->answers[k][0]; k++)
			rc = demo_user(db, &a, d->answers[k][0], &reader) == 0
				 ? announcements_answer(db, &a, &reader, id, d->answers[k][1], &fe)
				 : RES_ERROR;
		if (rc != RES_OK)
			fprintf(stderr, "langso: demo: announcement %s: %s\n", d->in.title,
				fe.n ? fe.e[0].msgid : "insert");
	}
	arena_release(&a);
	return rc;
}
