/* test_practices.c: photos made fit for the web (scaled down, EXIF left
 * out, a lying header refused before decoding), and a practice's life: a
 * team writes it, its commune publishes it, anyone finds it without
 * accents, marks it; those who may not are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "commune_fixture.h"
#include <gd.h>
#include <stdio.h>
#include <string.h>

#include "core/practices.h"
#include "core/teams.h"
#include "util/image.h"

/* A w × h JPEG with an EXIF block (a place in it) after its start. */
static void jpeg_with_exif(int w, int h, struct buf *out)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	gdImageFilledRectangle(im, 0, 0, w / 2, h / 2, gdTrueColor(200, 30, 30));
	int size;
	unsigned char *jpeg = gdImageJpegPtr(im, &size, 90);
	gdImageDestroy(im);
	static const char exif[] = "Exif\0\0GPS 21.9N 106.7E Xa Dong Dang";
	unsigned short len = (unsigned short)(sizeof exif - 1 + 2);
	buf_append(out, jpeg, 2); /* SOI */
	unsigned char app1[4] = {0xFF, 0xE1, (unsigned char)(len >> 8), (unsigned char)len};
	buf_append(out, app1, 4);
	buf_append(out, exif, sizeof exif - 1);
	buf_append(out, jpeg + 2, (size_t)size - 2);
	gdFree(jpeg);
}

static int contains(const struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return 1;
	return 0;
}

static void photos_for_the_web(void **state)
{
	(void)state;
	struct buf in = BUF_INIT, out = BUF_INIT;
	const char *why;
	jpeg_with_exif(3000, 2000, &in);
	assert_true(contains(&in, "GPS 21.9N"));
	assert_string_equal(image_kind(in.data, in.len), "image/jpeg");
	assert_int_equal(image_for_web(in.data, in.len, 1280, &out, &why), 0);
	gdImagePtr im = gdImageCreateFromJpegPtr((int)out.len, out.data);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), 1280);
	assert_int_equal(gdImageSY(im), 853);
	gdImageDestroy(im);
	assert_false(contains(&out, "Exif"));
	assert_false(contains(&out, "GPS"));
	/* a PNG becomes a JPEG; a small one keeps its size */
	gdImagePtr p = gdImageCreateTrueColor(300, 200);
	int size;
	void *png = gdImagePngPtr(p, &size);
	gdImageDestroy(p);
	buf_reset(&out);
	assert_int_equal(image_for_web(png, (size_t)size, 1280, &out, &why), 0);
	assert_string_equal(image_kind(out.data, out.len), "image/jpeg");
	/* a header that claims 30000 × 30000: refused before decoding */
	unsigned char *lie = png;
	lie[16] = 0, lie[17] = 0, lie[18] = 0x75, lie[19] = 0x30;
	lie[20] = 0, lie[21] = 0, lie[22] = 0x75, lie[23] = 0x30;
	assert_int_equal(image_for_web(png, (size_t)size, 1280, &out, &why), -1);
	assert_string_equal(why, "the photo is too large (more than 50 megapixels)");
	gdFree(png);
	/* not a photo, or cut short */
	assert_int_equal(image_for_web("%PDF-1.4", 8, 1280, &out, &why), -1);
	assert_string_equal(why, "not a JPEG or PNG photo");
	assert_int_equal(image_for_web(in.data, 40, 1280, &out, &why), -1);
	buf_release(&in);
	buf_release(&out);
}

static void a_practice_from_team_to_nation(void **state)
{
	struct fx *f = *state;
	struct team_input ti = {.name = "Tổ CNSCĐ Nà Lầu", .established_on = "01/01/2022"};
	struct field_errors fe = {0};
	long long team;
	assert_int_equal(teams_create(f->db, &f->cli, f->v2, &ti, &fe, &team), RES_OK);
	struct user member = {.id = 101, .username = "to.nalau", .role = "team", .scope = f->v2};
	struct user commune = {.id = 102, .username = "xa.dd", .role = "commune", .scope = f->dd};
	long long other_commune = units_find(f->db, "commune", "06001");
	struct user elsewhere = {
	    .id = 103, .username = "xa.khac", .role = "commune", .scope = other_commune};
	struct user reader = {.id = 104, .username = "ai.do", .role = "viewer", .scope = f->v1};
	for (long long u = 101; u <= 104; u++) {
		char sql[160];
		snprintf(sql, sizeof sql,
			 "INSERT INTO app_user(id, username, full_name, role, scope_unit_id,"
			 " password_hash) VALUES (%lld, 'u%lld', '', 'viewer', %lld, 'x')",
			 u, u, f->dd);
		assert_int_equal(db_exec(f->db, sql), DB_OK);
	}
	const char *codes[] = {"VNEID_L2"}, *values[] = {"45"};
	struct practice_input in = {.title = "Lớp VNeID buổi tối cho người cao tuổi",
				    .body = "Mỗi tối thứ Bảy, **lớp nhỏ** ở nhà văn hóa.\r\n\r\n- "
					    "mang CCCD\r\n\r\n",
				    .platform = "VNEID",
				    .place = "Thôn Nà Lầu",
				    .codes = codes,
				    .values = values,
				    .nvalues = 1};
	struct arena a = ARENA_INIT;
	long long id;
	assert_int_equal(practices_create(f->db, &a, &member, &in, &fe, &id), RES_OK);
	struct practice p;
	/* a draft: its author and its commune read it, nobody else */
	assert_int_equal(practices_get(f->db, &a, &member, id, &p), RES_OK);
	assert_true(p.may_edit);
	assert_string_equal(p.body, "Mỗi tối thứ Bảy, **lớp nhỏ** ở nhà văn hóa.\n\n- mang CCCD");
	assert_int_equal(p.nnumbers, 1);
	assert_int_equal(p.numbers[0].value, 45);
	assert_int_equal(p.review_unit_id, f->dd);
	assert_int_equal(practices_get(f->db, &a, &elsewhere, id, &p), RES_NOT_FOUND);
	assert_int_equal(practices_get(f->db, &a, &reader, id, &p), RES_NOT_FOUND);
	/* not sent yet: nobody reviews it */
	assert_int_equal(practices_review(f->db, &a, &commune, id, "publish", "", &fe),
			 RES_INVALID);
	fe.n = 0;
	assert_int_equal(practices_submit(f->db, &member, id, &fe), RES_OK);
	assert_int_equal(practices_waiting(f->db, &commune), 1);
	assert_int_equal(practices_waiting(f->db, &elsewhere), 0);
	assert_int_equal(practices_review(f->db, &a, &elsewhere, id, "publish", "", &fe),
			 RES_NOT_FOUND);
	/* returned without a word: refused; with one: back to its author */
	assert_int_equal(practices_review(f->db, &a, &commune, id, "return", "", &fe), RES_INVALID);
	fe.n = 0;
	assert_int_equal(
	    practices_review(f->db, &a, &commune, id, "return", "Thêm ảnh lớp học", &fe), RES_OK);
	assert_int_equal(practices_submit(f->db, &member, id, &fe), RES_OK);
	assert_int_equal(practices_review(f->db, &a, &commune, id, "publish", "", &fe), RES_OK);
	/* published: read anywhere, found without accents, no longer changed */
	assert_int_equal(practices_get(f->db, &a, &elsewhere, id, &p), RES_OK);
	assert_false(p.may_edit);
	assert_int_equal(practices_update(f->db, &a, &member, id, &in, &fe), RES_FORBIDDEN);
	struct practice *list;
	int n;
	long long next;
	struct practice_query q = {.q = "NGUOI cao tuoi  vneid"};
	assert_int_equal(practices_list(f->db, &a, &elsewhere, &q, &list, &n, &next), RES_OK);
	assert_int_equal(n, 1);
	q.q = "nguoi tre";
	assert_int_equal(practices_list(f->db, &a, &elsewhere, &q, &list, &n, &next), RES_OK);
	assert_int_equal(n, 0);
	q.q = "100%_"; /* LIKE's own characters are text */
	assert_int_equal(practices_list(f->db, &a, &elsewhere, &q, &list, &n, &next), RES_OK);
	assert_int_equal(n, 0);
	/* marks: set twice is once, taken back */
	assert_int_equal(practices_mark(f->db, &elsewhere, id, "applied", 1), RES_OK);
	assert_int_equal(practices_mark(f->db, &elsewhere, id, "applied", 1), RES_OK);
	assert_int_equal(practices_mark(f->db, &reader, id, "like", 1), RES_OK);
	assert_int_equal(practices_get(f->db, &a, &elsewhere, id, &p), RES_OK);
	assert_int_equal(p.applied, 1);
	assert_int_equal(p.likes, 1);
	assert_true(p.applied_here);
	assert_int_equal(practices_mark(f->db, &reader, id, "like", 0), RES_OK);
	assert_int_equal(practices_mark(f->db, &reader, id, "love", 1), RES_INVALID);
	assert_int_equal(practices_get(f->db, &a, &reader, id, &p), RES_OK);
	assert_int_equal(p.likes, 0);
	/* a viewer or an enterprise does not write practices */
	assert_int_equal(practices_create(f->db, &a, &reader, &in, &fe, &id), RES_FORBIDDEN);
	arena_release(&a);
}

int main(void)
{
	assert_int_equal(accounts_init(), 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(photos_for_the_web),
	    cmocka_unit_test_setup_teardown(a_practice_from_team_to_nation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
