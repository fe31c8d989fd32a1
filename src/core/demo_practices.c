/* demo_practices.c: the demo's good practices: those of a year in the
 * province, published by the level above, marked by readers; and one
 * waiting for the commune's review. */
#include "core/demo.h"
#include "core/practices.h"
#include "core/users.h"
#include <stdio.h>
#include <string.h>

struct demo_practice {
	const char *author, *reviewer; /* user names; reviewer NULL: left waiting */
	const char *title, *body, *results, *platform, *place, *code, *value;
};

static const struct demo_practice list[] = {
    {"to.dongdang", "xa.dongdang", "Lớp VNeID buổi tối cho người cao tuổi",
     "Mỗi tối thứ Bảy, Tổ mở **lớp nhỏ** ở nhà văn hóa thôn cho người cao tuổi:\n\n"
     "- bà con mang theo điện thoại và căn cước;\n- con cháu đi cùng để học cách hướng dẫn "
     "lại ở nhà;\n- Tổ ghi tên người chưa làm được để đến tận nhà.\n\nSau ba tháng, gần hết "
     "người trên 60 tuổi của thôn đã có tài khoản định danh mức 2.",
     "Người cao tuổi tự đăng nhập được, không phải nhờ con cháu.", "VNEID", "Nhà văn hóa thôn",
     "VNEID_L2", "46"},
    {"xa.dongdang", "tinh.langson", "Chợ phiên có mã QR: thanh toán không dùng tiền mặt",
     "Xã phối hợp với ngân hàng và Bưu điện dán **mã QR** cho từng sạp ở chợ phiên. Tổ công "
     "nghệ số đứng ở cổng chợ hướng dẫn bà con mở tài khoản và quét mã.\n\n"
     "Xem hướng dẫn: [mở tài khoản trên điện thoại](https://tailieu.example.vn/qr-cho-phien)",
     "Hơn một nửa số sạp nhận tiền qua mã QR sau hai phiên.", "PAY", "Chợ Đồng Đăng",
     "PAY_ACCOUNTS", "120"},
    {"to.dongdang", "xa.dongdang", "Nhóm Zalo thôn: mỗi hộ một người",
     "Trưởng thôn và Tổ đi từng nhà, mỗi hộ cử **một người** vào nhóm Zalo của thôn. Thông báo "
     "của xã được gửi vào nhóm và nhắc lại ở loa truyền thanh.",
     "", "GROUP", "Thôn Nà Lầu", NULL, NULL},
    {"xa.dongdang", NULL, "Bán hồng vành khuyên trên sàn thương mại điện tử",
     "Tổ giúp các hộ trồng hồng chụp ảnh, viết mô tả và mở gian hàng trên sàn của Bưu điện.", "",
     "ECOM", "Xã Đồng Đăng", NULL, NULL},
};

int demo_user(struct db *db, struct arena *a, const char *name, struct user *u)
{
	long long id = users_find(db, name);
	return id && accounts_user_load(db, a, id, u) == RES_OK ? 0 : -1;
}

int demo_practices(struct db *db)
{
	struct arena a = ARENA_INIT;
	int rc = RES_OK;
	struct user readers[2];
	if (demo_user(db, &a, "tinh.langson", &readers[0]) != 0 ||
	    demo_user(db, &a, "xem.langson", &readers[1]) != 0)
		rc = RES_ERROR;
	for (size_t i = 0; rc == RES_OK && i < sizeof list / sizeof *list; i++) {
		const struct demo_practice *d = &list[i];
		struct user author, reviewer;
		struct field_errors fe = {0};
		const char *codes[] = {d->code}, *values[] = {d->value};
		struct practice_input in = {.title = d->title,
					    .body = d->body,
					    .results = d->results,
					    .platform = d->platform,
					    .place = d->place,
					    .codes = codes,
					    .values = values,
					    .nvalues = d->code ? 1 : 0};
		long long id;
		rc = demo_user(db, &a, d->author, &author) == 0 ? RES_OK : RES_ERROR;
		if (rc == RES_OK)
			rc = practices_create(db, &a, &author, &in, &fe, &id);
		if (rc == RES_OK)
			rc = practices_submit(db, &author, id, &fe);
		if (rc == RES_OK && d->reviewer)
			rc = demo_user(db, &a, d->reviewer, &reviewer) == 0
				 ? practices_review(db, &a, &reviewer, id, "publish", "", &fe)
				 : RES_ERROR;
		for (size_t k = 0; rc == RES_OK && d->reviewer && k <= i % 2; k++)
			rc = practices_mark(db, &readers[k], id, k ? "like" : "applied", 1);
		if (rc != RES_OK)
			fprintf(stderr, "langso: demo: practice %s: %s\n", d->title,
				fe.n ? fe.e[0].msgid : "insert");
	}
	arena_release(&a);
	return rc;
}
