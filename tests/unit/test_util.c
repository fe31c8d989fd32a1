/* test_util.c: buffers, arenas, escaping, the JSON writer, text folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "db/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/sniff.h"
#include "util/gzip.h"
#include "util/template.h"
#include "util/jw.h"
#include "util/text.h"

static void buf_grows_and_stays_terminated(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "ab");
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[2000], '\0');
	buf_printf(&b, "%d-%s", 42, "x");
	assert_string_equal(b.data + 2000, "42-x");
	buf_reset(&b);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
	assert_null(b.data);
}

static void arena_aligns_and_copies(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *s = arena_strdup(&a, "Lạng Sơn");
	void *big = arena_alloc(&a, 100000);
	long double *ld = arena_alloc(&a, sizeof *ld);
	assert_string_equal(s, "Lạng Sơn");
	assert_non_null(big);
	assert_int_equal((size_t)ld % _Alignof(long double), 0);
	assert_string_equal(arena_printf(&a, "%s/%d", "x", 7), "x/7");
	arena_release(&a);
	assert_null(a.head);
}

static void html_printf_escapes_every_string(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	html_printf(&b, "<a href=\"%s\">%s</a> %d%% %.3s %lld %zu", "x\"onclick='y'", "<b>&", 5,
		    "abcdef", 1234567890123LL, (size_t)7);
	assert_string_equal(b.data, "<a href=\"x&quot;onclick=&#39;y&#39;\">&lt;b&gt;&amp;</a> "
				    "5% abc 1234567890123 7");
	buf_reset(&b);
	html_printf(&b, "%05d|%-3s|%x|%.*s|%c", 42, "a", 255, 2, "xyz", '<');
	assert_string_equal(b.data, "00042|a|ff|xy|&lt;");
	buf_release(&b);
}

static void url_and_csv_escaping(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	url_escape(&b, "Đồng Đăng & a/b?c=d");
	assert_string_equal(b.data, "%C4%90%E1%BB%93ng%20%C4%90%C4%83ng%20%26%20a%2Fb%3Fc%3Dd");
	/* a URL built pair by pair: each name and value escaped, then the
	 * whole escaped once more for an attribute */
	buf_reset(&b);
	buf_puts(&b, "/reports");
	url_add(&b, "q", "a&b=\"c\"#d");
	url_add_int(&b, "unit", -12);
	url_add(&b, "x y", "");
	assert_string_equal(b.data, "/reports?q=a%26b%3D%22c%22%23d&unit=-12&x%20y=");
	struct buf h = BUF_INIT;
	html_printf(&h, "<a href=\"%s\">", b.data);
	assert_string_equal(h.data,
			    "<a href=\"/reports?q=a%26b%3D%22c%22%23d&amp;unit=-12&amp;x%20y=\">");
	buf_release(&h);
	buf_reset(&b);
	csv_cell(&b, "=SUM(A1)", ';');
	buf_putc(&b, ';');
	csv_cell(&b, "a;b", ';');
	buf_putc(&b, ';');
	csv_cell(&b, "say \"hi\"", ';');
	buf_putc(&b, ';');
	csv_cell(&b, "plain", ';');
	buf_putc(&b, ';');
	csv_cell(&b, "-1", ';');
	buf_putc(&b, ';');
	csv_cell(&b, "@x", ',');
	assert_string_equal(b.data,
			    "\"'=SUM(A1)\";\"a;b\";\"say \"\"hi\"\"\";plain;\"'-1\";\"'@x\"");
	buf_release(&b);
}

static void vcard_values_escaped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	vcard_text(&b, "Sở; Phòng CNTT, tầng 2\\A\nxuống dòng\r\x01");
	assert_string_equal(buf_cstr(&b), "Sở\\; Phòng CNTT\\, tầng 2\\\\A\\nxuống dòng");
	buf_release(&b);
	vcard_text(&b, NULL);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void files_told_by_content(void **state)
{
	(void)state;
	static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
	assert_int_equal(sniff("%PDF-1.7\n", 9), SNIFF_PDF);
	assert_int_equal(sniff(jpeg, sizeof jpeg), SNIFF_JPEG);
	assert_int_equal(sniff("\x89PNG\r\n\x1a\n....", 12), SNIFF_PNG);
	/* a ZIP is a document only by the parts it holds */
	char zip[200];
	memset(zip, 0, sizeof zip);
	memcpy(zip, "PK\x03\x04", 4);
	assert_int_equal(sniff(zip, sizeof zip), SNIFF_NONE);
	memcpy(zip + 30, "[Content_Types].xml", 19);
	assert_int_equal(sniff(zip, sizeof zip), SNIFF_NONE);
	memcpy(zip + 60, "ppt/presentation.xml", 20);
	assert_int_equal(sniff(zip, sizeof zip), SNIFF_PPTX);
	memcpy(zip + 60, "xl/workbook.xml\0\0\0\0\0", 20);
	assert_int_equal(sniff(zip, sizeof zip), SNIFF_XLSX);
	memcpy(zip + 30, "mimetypeapplication/vnd.oasis.opendocument.presentation", 55);
	assert_int_equal(sniff(zip, sizeof zip), SNIFF_ODP);
	assert_string_equal(sniff_mime(SNIFF_ODP),
			    "application/vnd.oasis.opendocument.presentation");
	/* a name or a claimed type counts for nothing; short input is nothing */
	assert_int_equal(sniff("PDF-1.7 %", 9), SNIFF_NONE);
	assert_int_equal(sniff("%PD", 3), SNIFF_NONE);
	assert_int_equal(sniff("", 0), SNIFF_NONE);
	assert_null(sniff_mime(SNIFF_NONE));
}

static void local_paths_only(void **state)
{
	(void)state;
	assert_true(url_local_path("/"));
	assert_true(url_local_path("/teams/12?period=2026W48"));
	assert_true(url_local_path("/units/5/progress%2Fx"));
	const char *bad[] = {NULL,
			     "",
			     "teams",
			     "//evil.example",
			     "/\\evil.example",
			     "/\t/evil.example",
			     "/\n/x",
			     "/ /x",
			     "/a\\b",
			     "/\x7f",
			     "/\xc4\x90",
			     "https://evil.example/",
			     "/\r\nSet-Cookie: x=1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(url_local_path(bad[i]));
}

static void strict_unescape_marks_controls(void **state)
{
	(void)state;
	char a[] = "/static/app.js%00.css", b[] = "/a%20b%2Fc%zz%4", c[] = "/x%0D%0Ay%7f";
	assert_int_equal(url_unescape_strict(a), 19);
	assert_memory_equal(a, "/static/app.js\xff.css", 20);
	assert_false(utf8_valid(a, strlen(a)));
	url_unescape_strict(b);
	assert_string_equal(b, "/a b/c%zz%4");
	url_unescape_strict(c);
	assert_string_equal(c, "/x\xff\xffy\xff");
}

static void json_writer_nests_and_escapes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct jw j;
	jw_init(&j, &b);
	jw_obj_begin(&j);
	jw_kv_str(&j, "name", "Xã \"A\"\n</script>");
	jw_kv_int(&j, "n", -3);
	jw_key(&j, "list");
	jw_arr_begin(&j);
	jw_int(&j, 1);
	jw_str(&j, NULL);
	jw_obj_begin(&j);
	jw_obj_end(&j);
	jw_bool(&j, 1);
	jw_arr_end(&j);
	jw_kv_str(&j, "sep", "\xE2\x80\xA8");
	jw_obj_end(&j);
	assert_string_equal(b.data, "{\"name\":\"Xã \\\"A\\\"\\n\\u003c/script\\u003e\",\"n\":-3,"
				    "\"list\":[1,null,{},true],\"sep\":\"\\u2028\"}");
	buf_release(&b);
}

static void fold_strips_marks_case_and_d(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_int_equal(text_fold(&b, "Xã Đồng Đăng"), 0);
	assert_string_equal(b.data, "xa dong dang");
	buf_reset(&b);
	text_fold(&b, "  Đắk   Lắk ");
	assert_string_equal(b.data, "dak lak");
	buf_reset(&b);
	text_fold(&b, "THÀNH PHỐ HỒ CHÍ MINH");
	assert_string_equal(b.data, "thanh pho ho chi minh");
	buf_reset(&b);
	/* decomposed input (as macOS or some keyboards send it) folds the same */
	text_fold(&b, "Đo\xCC\x82\xCC\x80ng");
	assert_string_equal(b.data, "dong");
	buf_reset(&b);
	/* tone marks placed old or new style, typographic apostrophes */
	text_fold(&b, "Hòa Hoà Ea H’Leo");
	assert_string_equal(b.data, "hoa hoa ea h'leo");
	buf_release(&b);
}

static void nfc_composes_and_trims(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	/* "Sơn" with a combining horn (o + U+031B) → precomposed ơ (U+01A1) */
	assert_int_equal(text_nfc(&b, " So\xCC\x9Bn \t La\xCC\xA3ng "), 0);
	assert_string_equal(b.data, "S\xC6\xA1n L\xE1\xBA\xA1ng");
	buf_reset(&b);
	assert_int_equal(text_nfc(&b, "bad \xC3\x28"), -1);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(utf8_valid("Việt Nam", strlen("Việt Nam")));
	assert_false(utf8_valid("\xC3\x28", 2));	 /* bad continuation */
	assert_false(utf8_valid("\xED\xA0\x80", 3));	 /* surrogate */
	assert_false(utf8_valid("\xC0\xAF", 2));	 /* overlong */
	assert_false(utf8_valid("a\0b", 3));		 /* NUL */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_int_equal(utf8_chars("Đồng"), 4);
}

/* A database's name in messages and logs never shows its password. */
static void db_label_hides_passwords(void **state)
{
	(void)state;
	char out[256];
	db_label("/var/lib/langso/langso.db", out, sizeof out);
	assert_string_equal(out, "/var/lib/langso/langso.db");
	db_label(
	    "postgresql://langso:s3cret@db1:5432,db2:5432/langso?target_session_attrs=read-write",
	    out, sizeof out);
	assert_string_equal(
	    out,
	    "postgresql://langso:***@db1:5432,db2:5432/langso?target_session_attrs=read-write");
	db_label("postgres://db1/langso?user=a&password=p%40ss&sslmode=require", out, sizeof out);
	assert_string_equal(out, "postgres://db1/langso?user=a&password=***&sslmode=require");
	db_label("postgresql://langso@127.0.0.1:5432/x", out, sizeof out);
	assert_string_equal(out, "postgresql://langso@127.0.0.1:5432/x");
	db_label("postgresql://[::1]:5432/x", out, sizeof out);
	assert_string_equal(out, "postgresql://[::1]:5432/x");
}

/* Templates: holes filled with escaped values; a hole without a value or
 * a missing section appends nothing and says so. */
static void templates_escape_and_refuse_holes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *team[] = {"number",	 "2",	   "team", "<b>Tổ</b> & \"A\"",
			      "village", "Nà Lầu", NULL};
	assert_int_equal(tpl_section(&b, "templates/decision.html", "team", team), 0);
	assert_string_equal(b.data,
			    "<tr class=\"group\"><td colspan=\"6\">2. &lt;b&gt;Tổ&lt;/b&gt; "
			    "&amp; &quot;A&quot; — Nà Lầu</td></tr>\n");
	buf_reset(&b);
	const char *partial[] = {"number", "2", "team", "A", NULL};
	assert_int_equal(tpl_section(&b, "templates/decision.html", "team", partial), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(tpl_section(&b, "templates/decision.html", "no-such", team), -1);
	assert_int_equal(tpl_section(&b, "templates/none.html", "team", team), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(tpl_section(&b, "templates/decision.html", "foot", NULL), 0);
	assert_non_null(strstr(b.data, "</body></html>"));
	buf_release(&b);
}

/* gzip: taken only when the client says so (not with q=0), packed only
 * for text worth it, and what is packed unpacks to the same bytes. */
static void gzip_when_taken_and_lossless(void **state)
{
	(void)state;
	const char *yes[] = {"gzip",	"gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*",
			     "GZIP",	"deflate,gzip",	     " gzip ; q=0.001",	     "x, *;q=0.5",
			     "gzip;q=1"};
	const char *no[] = {"",		"deflate, br", "gzip;q=0",	"gzip;q=0.000",
			    "gzipx",	"x-gzip2",     "gzip; q=0",	"*;q=0",
			    "identity", "agzip",       "gzip;q=0.0, br"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(gzip_accepted(yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(gzip_accepted(no[i]));
	assert_false(gzip_accepted(NULL));
	assert_true(gzip_worth("text/html; charset=utf-8", 4096));
	assert_true(gzip_worth("application/json", 600));
	assert_true(gzip_worth("application/problem+json", 600));
	assert_false(gzip_worth("text/html", 100));
	assert_false(gzip_worth("image/png", 100000));
	assert_false(gzip_worth("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				100000));
	/* every size of window: a reply of a line or two up to a large page */
	const int rows[] = {1, 7, 12, 30, 2000};
	for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
		struct buf in = BUF_INIT, z = BUF_INIT;
		for (int i = 0; i < rows[k]; i++)
			buf_printf(&in, "<tr><td>Xã Đồng Đăng %d</td><td>%d</td></tr>\n", i,
				   i * 7 % 13);
		assert_int_equal(gzip_pack(in.data, in.len, &z), 0);
		if (rows[k] == 2000)
			assert_true(z.len < in.len / 4);
		assert_int_equal((unsigned char)z.data[0], 0x1f);
		assert_int_equal((unsigned char)z.data[1], 0x8b);
		char *back = malloc(in.len + 1);
		z_stream u;
		memset(&u, 0, sizeof u);
		assert_int_equal(inflateInit2(&u, 15 + 16), Z_OK);
		u.next_in = (Bytef *)z.data;
		u.avail_in = (uInt)z.len;
		u.next_out = (Bytef *)back;
		u.avail_out = (uInt)in.len + 1;
		assert_int_equal(inflate(&u, Z_FINISH), Z_STREAM_END);
		assert_int_equal(u.total_out, in.len);
		assert_memory_equal(back, in.data, in.len);
		inflateEnd(&u);
		free(back);
		buf_release(&in);
		buf_release(&z);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(buf_grows_and_stays_terminated),
	    cmocka_unit_test(db_label_hides_passwords),
	    cmocka_unit_test(local_paths_only),
	    cmocka_unit_test(vcard_values_escaped),
	    cmocka_unit_test(files_told_by_content),
	    cmocka_unit_test(strict_unescape_marks_controls),
	    cmocka_unit_test(arena_aligns_and_copies),
	    cmocka_unit_test(html_printf_escapes_every_string),
	    cmocka_unit_test(url_and_csv_escaping),
	    cmocka_unit_test(templates_escape_and_refuse_holes),
	    cmocka_unit_test(json_writer_nests_and_escapes),
	    cmocka_unit_test(fold_strips_marks_case_and_d),
	    cmocka_unit_test(nfc_composes_and_trims),
	    cmocka_unit_test(utf8_validation),
	    cmocka_unit_test(gzip_when_taken_and_lossless),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
