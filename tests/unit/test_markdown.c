/* test_markdown.c: the Markdown subset of practices: what it renders, and
 * that no input, however hostile, brings markup of its own (no tag, no
 * attribute, no link but http(s)), checked on fixed cases and on random
 * bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/markdown.h"

static char *md(const char *s)
{
	static struct buf b;
	buf_reset(&b);
	markdown_html(&b, s, strlen(s));
	return (char *)buf_cstr(&b);
}

static void renders_the_subset(void **state)
{
	(void)state;
	assert_string_equal(
	    md("Xin chào **bà con** và *cả* _thôn_"),
	    "<p>Xin chào <strong>bà con</strong> và <em>cả</em> <em>thôn</em></p>\n");
	assert_string_equal(md("# Kết quả\n\n- một\n- hai\n\n1. ba\n2) bốn\n"),
			    "<h2>Kết quả</h2>\n<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n"
			    "<ol>\n<li>ba</li>\n<li>bốn</li>\n</ol>\n");
	assert_string_equal(md("dòng một\r\ndòng hai\r\n\r\ndoạn hai"),
			    "<p>dòng một<br>dòng hai</p>\n<p>doạn hai</p>\n");
	assert_string_equal(md("> trích dẫn\ntiếp"),
			    "<blockquote><p>trích dẫn<br>tiếp</p></blockquote>\n");
	assert_string_equal(
	    md("xem [VNeID](https://vneid.gov.vn/hd) và `mã QR`"),
	    "<p>xem <a href=\"https://vneid.gov.vn/hd\" rel=\"nofollow noopener\">VNeID</a>"
	    " và <code>mã QR</code></p>\n");
	/* what is not markup stays as written */
	assert_string_equal(md("2 * 3 = 6, a_b_c, **không đóng, \\*thật\\*"),
			    "<p>2 * 3 = 6, a<em>b</em>c, **không đóng, *thật*</p>\n");
	assert_string_equal(md("#không phải tiêu đề\n####quá sâu"),
			    "<p>#không phải tiêu đề<br>####quá sâu</p>\n");
	assert_string_equal(md(""), "");
	assert_string_equal(md("\n\n  \n"), "");
}

static void hostile_input_stays_text(void **state)
{
	(void)state;
	assert_string_equal(md("<script>alert(1)</script>"),
			    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
	assert_string_equal(md("[bấm](javascript:alert(1))"),
			    "<p>[bấm](javascript:alert(1))</p>\n");
	assert_string_equal(md("[x](https://a.vn/\"onmouseover=\"alert(1))"),
			    "<p>[x](https://a.vn/&quot;onmouseover=&quot;alert(1))</p>\n");
	assert_string_equal(md("[x](https://a.vn/<b>)"), "<p>[x](https://a.vn/&lt;b&gt;)</p>\n");
	assert_string_equal(md("**<img src=x onerror=alert(1)>**"),
			    "<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong></p>\n");
	assert_string_equal(md("`</code><script>`"),
			    "<p><code>&lt;/code&gt;&lt;script&gt;</code></p>\n");
	/* a link's text ends at its first "]": links never nest */
	assert_string_equal(
	    md("[**[*[_x_](https://a.vn)*](https://b.vn)**](https://c.vn)"),
	    "<p><a href=\"https://a.vn\" rel=\"nofollow noopener\">*<em>[</em>[<em>x</em>"
	    "</a><em>](https://b.vn)</em>*](https://c.vn)</p>\n");
	assert_string_equal(md("[a [b](https://x.vn) c](https://y.vn)"),
			    "<p><a href=\"https://x.vn\" rel=\"nofollow noopener\">a [b</a> "
			    "c](https://y.vn)</p>\n");
	/* deep nesting is cut, never recursed without end; a text of
	 * unclosed markers renders as text, in time */
	static char deep[40001];
	for (int i = 0; i < 40000; i++)
		deep[i] = "*[_"[i % 3];
	deep[40000] = 0;
	const char *out = md(deep);
	assert_true(strncmp(out, "<p>", 3) == 0 && strcmp(out + strlen(out) - 5, "</p>\n") == 0);
	for (int i = 0; i < 40000; i++)
		deep[i] = "*[**_`"[i % 6];
	assert_true(strlen(md(deep)) > 40000);
}

/* Random bytes (made valid UTF-8 by keeping ASCII): every '<' of the
 * output starts a tag this renderer writes, every '"' is an attribute's. */
static void random_input_brings_no_markup(void **state)
{
	(void)state;
	static const char *const tags[] = {
	    "<p>",	    "</p>",	     "<br>",	  "<h2>",      "</h2>", "<h3>",	  "</h3>",
	    "<h4>",	    "</h4>",	     "<ul>",	  "</ul>",     "<ol>",	"</ol>",  "<li>",
	    "</li>",	    "<strong>",	     "</strong>", "<em>",      "</em>", "<code>", "</code>",
	    "<blockquote>", "</blockquote>", "</a>",	  "<a href=\""};
	const char alphabet[] = "ab *_`[]()<>\"'&\\#->.1\n\rhttps://x.vn/";
	srand(20261130);
	for (int round = 0; round < 5000; round++) {
		char in[80];
		int n = rand() % 79;
		for (int i = 0; i < n; i++)
			in[i] = alphabet[rand() % (sizeof alphabet - 1)];
		in[n] = 0;
		const char *out = md(in);
		for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
			size_t k = 0;
			while (k < sizeof tags / sizeof *tags &&
			       strncmp(p, tags[k], strlen(tags[k])))
				k++;
			if (k == sizeof tags / sizeof *tags)
				fail_msg("input \"%s\" made %s", in, p);
			if (k == sizeof tags / sizeof *tags - 1) { /* a link: http(s), then quote */
				const char *href = p + strlen(tags[k]);
				assert_true(strncmp(href, "https://", 8) == 0 ||
					    strncmp(href, "http://", 7) == 0);
				const char *q = strchr(href, '"');
				assert_non_null(q);
				assert_true(strncmp(q, "\" rel=\"nofollow noopener\">", 26) == 0);
				assert_null(memchr(href, '<', (size_t)(q - href)));
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(renders_the_subset),
	    cmocka_unit_test(hostile_input_stays_text),
	    cmocka_unit_test(random_input_brings_no_markup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
