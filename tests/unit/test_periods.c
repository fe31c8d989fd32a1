/* test_periods.c: ISO weeks around new year, containment week → month →
 * quarter → year, ranges and steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/periods.h"

static const char *week_of(const char *date)
{
	static char out[PERIOD_TEXT];
	struct period p;
	assert_int_equal(period_of(date, PERIOD_WEEK, &p), 0);
	period_format(&p, out);
	return out;
}

static void iso_weeks_around_new_year(void **state)
{
	(void)state;
	assert_string_equal(week_of("2026-11-28"), "2026W48");
	assert_string_equal(week_of("2024-12-30"), "2025W01"); /* Monday of 2025's week 1 */
	assert_string_equal(week_of("2021-01-03"), "2020W53"); /* Sunday still in 2020W53 */
	assert_string_equal(week_of("2021-01-04"), "2021W01");
	assert_string_equal(week_of("2027-01-01"), "2026W53"); /* 2026 has 53 weeks */
	assert_string_equal(week_of("2023-01-01"), "2022W52");
	assert_int_equal(period_weeks_in_year(2026), 53);
	assert_int_equal(period_weeks_in_year(2025), 52);
	assert_int_equal(period_weeks_in_year(2020), 53);
	struct period p;
	assert_int_equal(period_parse("2025W53", &p), -1);
	assert_int_equal(period_parse("2026W53", &p), 0);
	char first[11], last[11];
	period_days(&p, first, last);
	assert_string_equal(first, "2026-12-28");
	assert_string_equal(last, "2027-01-03");
}

static void parse_and_format(void **state)
{
	(void)state;
	const char *good[] = {"2026W01", "2026-11", "2026Q4", "2026"};
	enum period_kind kinds[] = {PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR};
	for (int i = 0; i < 4; i++) {
		struct period p;
		char out[PERIOD_TEXT];
		assert_int_equal(period_parse(good[i], &p), 0);
		assert_int_equal(p.kind, kinds[i]);
		period_format(&p, out);
		assert_string_equal(out, good[i]);
	}
	const char *bad[] = {"2026-13", "2026Q5", "2026W00", "26W01",	   "2026-1",
			     "2026W1",	"x",	  "",	     "2026-11-01", "1999"};
	struct period p;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(period_parse(bad[i], &p), -1);
}

static void a_week_belongs_to_the_month_of_its_thursday(void **state)
{
	(void)state;
	struct period p;
	char from[PERIOD_TEXT], to[PERIOD_TEXT];
	/* December 2026: Thursdays 3, 10, 17, 24, 31 → weeks 49..53 */
	period_parse("2026-12", &p);
	assert_int_equal(period_range(&p, PERIOD_WEEK, from, to), 0);
	assert_string_equal(from, "2026W49");
	assert_string_equal(to, "2026W53");
	assert_int_equal(period_count(&p, PERIOD_WEEK), 5);
	/* January 2027: its first Thursday is the 7th → 2027W01 */
	period_parse("2027-01", &p);
	period_range(&p, PERIOD_WEEK, from, to);
	assert_string_equal(from, "2027W01");
	/* November 2026 starts on a Sunday: week 44 (Oct 26..Nov 1) belongs to October */
	period_parse("2026-11", &p);
	period_range(&p, PERIOD_WEEK, from, to);
	assert_string_equal(from, "2026W45");
	assert_string_equal(to, "2026W48");
	period_parse("2026Q4", &p);
	period_range(&p, PERIOD_MONTH, from, to);
	assert_string_equal(from, "2026-10");
	assert_string_equal(to, "2026-12");
	/* Thursdays 1 Oct and 31 Dec 2026: weeks 40..53 */
	assert_int_equal(period_count(&p, PERIOD_WEEK), 14);
	period_parse("2026", &p);
	assert_int_equal(period_count(&p, PERIOD_WEEK), 53);
	assert_int_equal(period_count(&p, PERIOD_MONTH), 12);
	period_parse("2026-11", &p);
	assert_int_equal(period_range(&p, PERIOD_QUARTER, from, to), -1);
}

static void steps(void **state)
{
	(void)state;
	struct period p;
	char out[PERIOD_TEXT];
	period_parse("2026W53", &p);
	period_step(&p, 1);
	period_format(&p, out);
	assert_string_equal(out, "2027W01");
	period_step(&p, -2);
	period_format(&p, out);
	assert_string_equal(out, "2026W52");
	period_parse("2026-01", &p);
	period_step(&p, -1);
	period_format(&p, out);
	assert_string_equal(out, "2025-12");
	char d[11];
	period_add_days("2026-02-27", 2, d);
	assert_string_equal(d, "2026-03-01");
}

/* How people type periods: each spelling gives the canonical period or
 * nothing, never a period of its own. */
static void spellings_read_to_canonical_or_nothing(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *canonical; /* NULL: refused */
	} cases[] = {
	    {"2026w1", "2026W01"},
	    {"2026W1", "2026W01"},
	    {"2026W01", "2026W01"},
	    {" 2026-11", "2026-11"},
	    {"2026-1", "2026-01"},
	    {"2026-11 ", "2026-11"},
	    {"2026q4", "2026Q4"},
	    {" 2026 ", "2026"},
	    {"2026W+1", NULL},
	    {"2026W 1", NULL},
	    {"2026W-1", NULL},
	    {"2026-+1", NULL},
	    {"2026- 1", NULL},
	    {"2026W001", NULL},
	    {"2026Q04", NULL},
	    {"2026W54", NULL},
	    {"2025W53", NULL},
	    {"2026-00", NULL},
	    {"2026-13", NULL},
	    {"+2026", NULL},
	    {"2026W0x1", NULL},
	    {"1999", NULL},
	    {"2100", NULL},
	    {"２０２６", NULL},
	    {"2026\tW01", NULL},
	    {"2026W\xef\xbc\x91", NULL},
	    {"", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct period p;
		int rc = period_read(cases[i].typed, &p);
		if (!cases[i].canonical) {
			assert_int_equal(rc, -1);
			assert_int_equal(period_parse(cases[i].typed, &p), -1);
			continue;
		}
		assert_int_equal(rc, 0);
		char out[PERIOD_TEXT];
		period_format(&p, out);
		assert_string_equal(out, cases[i].canonical);
		/* only the canonical text parses as stored */
		assert_int_equal(period_parse(cases[i].typed, &p),
				 strcmp(cases[i].typed, cases[i].canonical) == 0 ? 0 : -1);
	}
	/* every period of the century goes round: format, parse, same period */
	for (int y = PERIOD_YEAR_MIN; y <= PERIOD_YEAR_MAX; y++) {
		for (int kind = PERIOD_WEEK; kind <= PERIOD_YEAR; kind++) {
			struct period p = {(enum period_kind)kind, y, kind == PERIOD_YEAR ? 0 : 1};
			int count = 0;
			while (p.year == y) {
				char key[PERIOD_TEXT];
				struct period q;
				period_format(&p, key);
				assert_int_equal(period_parse(key, &q), 0);
				assert_int_equal(period_cmp(&p, &q), 0);
				period_step(&p, 1);
				count++;
			}
			int want = kind == PERIOD_WEEK	    ? period_weeks_in_year(y)
				   : kind == PERIOD_MONTH   ? 12
				   : kind == PERIOD_QUARTER ? 4
							    : 1;
			assert_int_equal(count, want);
		}
	}
}

/* A period opens on its first day (Vietnam), or early_days before. */
/* DHIS2's spellings: months yyyyMM, the rest as ours; every period of
 * 2020..2030 goes there and back, and nothing hostile comes in. */
static void dhis2_periods(void **state)
{
	(void)state;
	struct period p;
	char out[PERIOD_TEXT];
	assert_int_equal(period_parse_dhis2("202611", &p), 0);
	assert_int_equal(p.kind, PERIOD_MONTH);
	assert_int_equal(p.year, 2026);
	assert_int_equal(p.n, 11);
	period_format_dhis2(&p, out);
	assert_string_equal(out, "202611");
	assert_int_equal(period_parse_dhis2("2026-11", &p), 0);
	period_format_dhis2(&p, out);
	assert_string_equal(out, "202611");
	const char *bad[] = {"202613",	"202600",  "20261",   "2026111",     "2026+1",	"-20261",
			     " 202611", "2026W+1", "2026W54", "2026Q5",	     "2026-13", "",
			     "199912",	"2026w48", "2026 11", "２０２６１１"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(period_parse_dhis2(bad[i], &p), -1);
	assert_int_equal(period_parse_dhis2(NULL, &p), -1);
	for (int y = 2020; y <= 2030; y++)
		for (int k = PERIOD_WEEK; k <= PERIOD_YEAR; k++) {
			struct period q = {(enum period_kind)k, y, k == PERIOD_YEAR ? 0 : 1}, back;
			int count = k == PERIOD_WEEK	  ? period_weeks_in_year(y)
				    : k == PERIOD_MONTH	  ? 12
				    : k == PERIOD_QUARTER ? 4
							  : 1;
			for (int n = 0; n < count; n++, period_step(&q, 1)) {
				period_format_dhis2(&q, out);
				assert_int_equal(period_parse_dhis2(out, &back), 0);
				assert_int_equal(period_cmp(&q, &back), 0);
				assert_int_equal(back.kind, q.kind);
				assert_int_equal(strlen(out), k == PERIOD_WEEK	    ? 7
							      : k == PERIOD_MONTH   ? 6
							      : k == PERIOD_QUARTER ? 6
										    : 4);
			}
		}
}

static void open_periods(void **state)
{
	(void)state;
	struct period p;
	period_parse("2026W49", &p); /* Monday 30 Nov */
	assert_false(period_is_open(&p, "2026-11-29", 0));
	assert_true(period_is_open(&p, "2026-11-30", 0));
	assert_true(period_is_open(&p, "2026-11-27", 3));
	period_parse("2027", &p);
	assert_false(period_is_open(&p, "2026-12-31", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spellings_read_to_canonical_or_nothing),
	    cmocka_unit_test(open_periods),
	    cmocka_unit_test(dhis2_periods),
	    cmocka_unit_test(iso_weeks_around_new_year),
	    cmocka_unit_test(parse_and_format),
	    cmocka_unit_test(a_week_belongs_to_the_month_of_its_thursday),
	    cmocka_unit_test(steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
