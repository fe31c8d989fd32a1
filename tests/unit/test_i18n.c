/* test_i18n.c: catalogues, language choice, number and date formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "i18n/i18n.h"

static void looks_up_translations(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	assert_string_equal(i18n_get(LANG_VI, "Sign in"), "Đăng nhập");
	assert_string_equal(i18n_get(LANG_EN, "Sign in"), "Sign in");
	assert_string_equal(i18n_get(LANG_VI, "no such message"), "no such message");
}

static void chooses_language(void **state)
{
	(void)state;
	assert_int_equal(i18n_parse("en-GB"), LANG_EN);
	assert_int_equal(i18n_parse("vi_VN.UTF-8"), LANG_VI);
	assert_int_equal(i18n_parse("fr"), -1);
	assert_int_equal(i18n_parse("eno"), -1);
	assert_int_equal(i18n_accept("fr-FR,en;q=0.5,vi;q=0.8"), LANG_VI);
	assert_int_equal(i18n_accept("en-US,en;q=0.9"), LANG_EN);
	assert_int_equal(i18n_accept("de"), LANG_VI);
	assert_int_equal(i18n_accept(NULL), LANG_VI);
}

static void formats_numbers_and_dates(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	i18n_number(&b, LANG_VI, 1234567);
	assert_string_equal(b.data, "1.234.567");
	buf_reset(&b);
	i18n_number(&b, LANG_EN, -1234);
	assert_string_equal(b.data, "-1,234");
	buf_reset(&b);
	i18n_number(&b, LANG_VI, 999);
	assert_string_equal(b.data, "999");
	buf_reset(&b);
	i18n_date(&b, LANG_VI, "2025-07-01");
	assert_string_equal(b.data, "01/07/2025");
	buf_reset(&b);
	i18n_date(&b, LANG_EN, "2025-07-01T10:00:00Z");
	assert_string_equal(b.data, "2025-07-01");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(looks_up_translations),
	    cmocka_unit_test(chooses_language),
	    cmocka_unit_test(formats_numbers_and_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
