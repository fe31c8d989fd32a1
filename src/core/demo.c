/* demo.c: the Lạng Sơn demo: the official units of the nation, 5–15
 * generated villages in each of Lạng Sơn's 65 communes, one user per role. */
#include "core/demo.h"
#include "core/accounts.h"
#include "core/result.h"
#include "core/units.h"
#include "core/users.h"
#include "util/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct demo_login demo_logins[] = {
    {"admin", "Quản trị hệ thống", "admin", "nation", "VN"},
    {"tinh.langson", "Nguyễn Thị Hoa (Sở KH&CN Lạng Sơn)", "province", "province", "20"},
    {"xa.dongdang", "Hoàng Văn Thắng (UBND xã Đồng Đăng)", "commune", "commune", "06184"},
    {"phuong.dongkinh", "Lê Thu Hà (UBND phường Đông Kinh)", "commune", "commune", "05977"},
    /* a team member: scope is the first village of Xã Đồng Đăng */
    {"to.dongdang", "Nông Văn Tú (tổ trưởng Tổ CNSCĐ)", "team", "village", "06184"},
    {"vnpt.langson", "VNPT Lạng Sơn", "enterprise", "province", "20"},
    {"xem.langson", "Lý Thị Mai (Văn phòng UBND tỉnh)", "viewer", "province", "20"},
};
const int demo_logins_count = sizeof demo_logins / sizeof *demo_logins;

/* Tày–Nùng place-name syllables, as villages in Lạng Sơn are called. */
static const char *const first[] = {
    "Nà",  "Khuổi", "Pác",  "Còn",  "Khòn", "Lũng", "Phai", "Pò",  "Cốc", "Khau",
    "Kéo", "Nặm",   "Tồng", "Vằng", "Thâm", "Bó",   "Co",   "Pàn", "Hát", "Slam",
};
static const char *const second[] = {
    "Lầu",  "Phục",   "Sla",   "Mò",  "Cáp", "Tèo",    "Riềng", "Lải",	 "Nọi",	 "Luông",
    "Mạ",   "Khoang", "Slằng", "Cạn", "Pục", "Thuông", "Hin",	"Nưa",	 "Tẩu",	 "Bây",
    "Ngần", "Rọ",     "Pheo",  "Lạn", "Mìn", "Chủ",    "Ca",	"Sliến", "Kham", "Lừa",
};
static const char *const kinh[] = {
    "Đồng Tâm", "Tân Lập",  "Hợp Thành", "Thống Nhất", "Quyết Thắng", "Tân Tiến",
    "Đoàn Kết", "Hòa Bình", "Minh Khai", "Trung Tâm",  "Bình Minh",   "Tiến Bộ",
};

static unsigned rnd(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#define PICK(arr, s) arr[rnd(s) % (sizeof arr / sizeof *arr)]

static int add_villages(struct db *db, long long commune, const char *code, const char *kind)
{
	unsigned seed = (unsigned)strtoul(code, NULL, 10) * 2654435761u + 12345u;
	int n = 5 + (int)(rnd(&seed) % 11);
	char name[128];
	for (int i = 0, tries = 0; i < n && tries < 200; tries++) {
		const char *vkind;
		if (strcmp(kind, "Phường") == 0) {
			vkind = "Khối";
			snprintf(name, sizeof name, "Khối %d", i + 1);
		} else {
			unsigned k = rnd(&seed) % 10;
			vkind = k < 6 ? "Thôn" : "Bản";
			if (k == 9)
				snprintf(name, sizeof name, "Thôn %s", PICK(kinh, &seed));
			else
				snprintf(name, sizeof name, "%s %s %s", vkind, PICK(first, &seed),
					 PICK(second, &seed));
			if (k == 9)
				vkind = "Thôn";
		}
		long long id;
		int rc = units_add(db, commune, "village", NULL, name, vkind, NULL, "demo", &id);
		if (rc == RES_CONFLICT)
			continue; /* the same name twice in a commune: draw again */
		if (rc != RES_OK)
			return rc;
		i++;
	}
	return RES_OK;
}

int demo_build(struct db *db)
{
	struct official_stats st;
	if (units_import_official(db, NULL, NULL, &st) != RES_OK) {
		fprintf(stderr, "langso: demo: cannot load the official units\n");
		return RES_ERROR;
	}
	long long province = units_find(db, "province", DEMO_PROVINCE);
	if (!province)
		return RES_ERROR;

	/* The communes of the province, then their villages, in one transaction. */
	struct arena a = ARENA_INIT;
	struct unit_query q = {.parent = province, .limit = UNITS_PAGE_MAX};
	struct unit_page page;
	int rc = units_list(db, &a, &q, &page);
	if (rc == RES_OK && db_begin(db) != DB_OK)
		rc = RES_ERROR;
	for (int i = 0; rc == RES_OK && i < page.n; i++)
		rc = add_villages(db, page.items[i].id, page.items[i].code, page.items[i].kind);
	if (rc == RES_OK && db_commit(db) != DB_OK)
		rc = RES_ERROR;
	if (rc != RES_OK)
		db_rollback(db);
	arena_release(&a);
	if (rc != RES_OK) {
		fprintf(stderr, "langso: demo: cannot add the villages\n");
		return RES_ERROR;
	}

	struct user cli = accounts_cli_actor(db);
	for (int i = 0; i < demo_logins_count; i++) {
		const struct demo_login *l = &demo_logins[i];
		long long scope, id;
		if (strcmp(l->scope_level, "village") == 0) {
			struct arena va = ARENA_INIT;
			struct unit_query vq = {.parent = units_find(db, "commune", l->scope_code),
						.limit = 1};
			struct unit_page vp;
			scope =
			    units_list(db, &va, &vq, &vp) == RES_OK && vp.n ? vp.items[0].id : 0;
			arena_release(&va);
		} else {
			scope = units_find(db, l->scope_level, l->scope_code);
		}
		const char *why = NULL;
		if (!scope || users_create(db, &cli, l->username, l->full_name, l->role, scope,
					   DEMO_PASSWORD, &id, &why) != RES_OK) {
			fprintf(stderr, "langso: demo: cannot add user %s: %s\n", l->username,
				why ? why : "?");
			return RES_ERROR;
		}
	}
	return RES_OK;
}
