/* period_words.c: a period in words and dates, as people read it:
 * "Tuần 48 (23/11–29/11/2026)", "Tháng 11/2026", "Quý IV/2026", "Năm
 * 2026" (in English: "Week 48 (...)", "November 2026", "Q4 2026"). */
#include "core/periods.h"
#include "i18n/i18n.h"
#include <string.h>

static const char *const months_en[] = {"January",   "February", "March",    "April",
					"May",	     "June",	 "July",     "August",
					"September", "October",	 "November", "December"};

/* "23/11" or "23/11/2026" of an ISO date. */
static void day_month(struct buf *out, const char *iso, int with_year)
{
	buf_printf(out, "%.2s/%.2s", iso + 8, iso + 5);
	if (with_year)
		buf_printf(out, "/%.4s", iso);
}

void i18n_period_words(enum lang lang, const struct period *p, struct buf *out)
{
	static const char *const roman[] = {"", "I", "II", "III", "IV"};
	int en = lang == LANG_EN;
	char first[11], last[11];
	switch (p->kind) {
	case PERIOD_WEEK:
		period_days(p, first, last);
		buf_printf(out, "%s %d (", en ? "Week" : "Tuần", p->n);
		day_month(out, first, strncmp(first, last, 4) != 0);
		buf_puts(out, "–");
		day_month(out, last, 1);
		buf_putc(out, ')');
		break;
	case PERIOD_MONTH:
		if (en)
			buf_printf(out, "%s %d", months_en[(p->n - 1) % 12], p->year);
		else
			buf_printf(out, "Tháng %d/%d", p->n, p->year);
		break;
	case PERIOD_QUARTER:
		if (en)
			buf_printf(out, "Q%d %d", p->n, p->year);
		else
			buf_printf(out, "Quý %s/%d", roman[p->n % 5], p->year);
		break;
	case PERIOD_YEAR:
		buf_printf(out, en ? "Year %d" : "Năm %d", p->year);
		break;
	}
}
