/* fuzz_period.c: periods as typed and as stored. Whatever is read must
 * format to canonical text that parses back to the same period; canonical
 * text is its own format; a period's days lie inside it and step back and
 * forth; dates parse only as real calendar days. */
#include "fuzz.h"
#include "core/periods.h"
#include "util/date.h"
#include <string.h>

static void check(const struct period *p)
{
	char text[PERIOD_TEXT], first[11], last[11];
	struct period q, back = *p;
	period_format(p, text);
	MUST(period_parse(text, &q) == 0 && period_cmp(p, &q) == 0);
	period_days(p, first, last);
	MUST(strcmp(first, last) <= 0);
	MUST(period_of(first, p->kind, &q) == 0 && period_cmp(p, &q) == 0);
	MUST(period_of(last, p->kind, &q) == 0 && period_cmp(p, &q) == 0);
	period_step(&back, 1);
	period_step(&back, -1);
	MUST(period_cmp(p, &back) == 0);
	char from[PERIOD_TEXT], to[PERIOD_TEXT];
	for (int g = PERIOD_WEEK; g <= (int)p->kind; g++)
		if (period_range(p, (enum period_kind)g, from, to) == 0)
			MUST(strcmp(from, to) <= 0 || g == PERIOD_WEEK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64)
		return 0;
	char s[65];
	memcpy(s, data, size);
	s[size] = '\0';
	struct period p;
	if (period_parse(s, &p) == 0) {
		char text[PERIOD_TEXT];
		period_format(&p, text);
		MUST(strcmp(text, s) == 0); /* canonical text is its own format */
		check(&p);
	}
	if (period_read(s, &p) == 0)
		check(&p);
	char iso[11], next[11];
	if (date_parse(s, iso) == 0) {
		MUST(strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
		MUST(period_date_add(iso, 1, next) == 0 && strcmp(next, iso) > 0);
		MUST(period_date_add(next, -1, next) == 0 && strcmp(next, iso) == 0);
	}
	return 0;
}
