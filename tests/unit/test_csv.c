/* test_csv.c: the CSV reader on files as spreadsheets really write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "util/csv.h"

static struct csv parse_ok(struct arena *a, const char *s)
{
	struct csv c;
	struct csv_error e;
	assert_int_equal(csv_parse(a, s, strlen(s), &c, &e), 0);
	return c;
}

static void excel_vietnamese_settings(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* BOM, ';', CRLF, a quoted field holding ';' and a quote, a blank line */
	struct csv c = parse_ok(&a, "\xEF\xBB\xBFMã xã;Tên thôn\r\n06184;\"Nà \"\"Lầu\"\"; 2\"\r\n"
				    "\r\n06184;Bản Khuổi\r\n");
	assert_int_equal(c.delim, ';');
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[0].fields[0], "Mã xã");
	assert_string_equal(c.rows[1].fields[1], "Nà \"Lầu\"; 2");
	assert_int_equal(c.rows[2].line, 4);
	assert_string_equal(c.rows[2].fields[1], "Bản Khuổi");
	arena_release(&a);
}

static void comma_lf_and_multiline_fields(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct csv c = parse_ok(&a, "a,b,c\n1,\"two\nlines\",3\n4,,\"\"\n7,8,9");
	assert_int_equal(c.delim, ',');
	assert_int_equal(c.nrows, 4);
	assert_string_equal(c.rows[1].fields[1], "two\nlines");
	assert_int_equal(c.rows[2].line, 4); /* the quoted line break counts */
	assert_int_equal(c.rows[2].nfields, 3);
	assert_string_equal(c.rows[2].fields[1], "");
	assert_string_equal(c.rows[3].fields[2], "9"); /* no final newline */
	arena_release(&a);
}

static void old_mac_cr_and_trailing_delimiter(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct csv c = parse_ok(&a, "x;y;\r1;2;\r");
	assert_int_equal(c.nrows, 2);
	assert_int_equal(c.rows[1].nfields, 3);
	assert_int_equal(c.rows[1].line, 2);
	arena_release(&a);
}

static void errors_name_line_and_column(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct csv c;
	struct csv_error e;
	const char *s = "a;b\n1;\"open\n2;3\n";
	assert_int_equal(csv_parse(&a, s, strlen(s), &c, &e), -1);
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 2);
	assert_string_equal(e.msgid, "unterminated quoted field");

	s = "a;b\n1;2\n3;x\xFFy\n";
	assert_int_equal(csv_parse(&a, s, strlen(s), &c, &e), -1);
	assert_int_equal(e.line, 3);
	assert_int_equal(e.col, 2);
	assert_string_equal(e.msgid, "text is not valid UTF-8");

	s = "a,b\n\"x\"y,2\n";
	assert_int_equal(csv_parse(&a, s, strlen(s), &c, &e), -1);
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 1);
	arena_release(&a);
}

static void empty_input(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct csv c = parse_ok(&a, "");
	assert_int_equal(c.nrows, 0);
	c = parse_ok(&a, "\xEF\xBB\xBF\r\n\r\n");
	assert_int_equal(c.nrows, 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(excel_vietnamese_settings),
	    cmocka_unit_test(comma_lf_and_multiline_fields),
	    cmocka_unit_test(old_mac_cr_and_trailing_delimiter),
	    cmocka_unit_test(errors_name_line_and_column),
	    cmocka_unit_test(empty_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
