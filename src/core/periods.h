/* periods.h: reporting periods as text: ISO week 2026W48, month 2026-11,
 * quarter 2026Q4, year 2026. A week belongs to the month (and quarter and
 * year) of its Thursday, so weeks never straddle two months. */
#ifndef LANGSO_PERIODS_H
#define LANGSO_PERIODS_H

enum period_kind { PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

struct period {
	enum period_kind kind;
	int year;
	int n; /* week 1..53, month 1..12, quarter 1..4; 0 for a year */
};

#define PERIOD_TEXT 12

#define PERIOD_YEAR_MIN 2000
#define PERIOD_YEAR_MAX 2099

/* period_parse: the canonical text s (2026W05, 2026-01, 2026Q1, 2026) into
 * p. Returns 0, or -1 for anything else: another spelling, week 53 of a
 * year without one, month 13, a year outside 2000..2099. Only canonical
 * text is ever stored, so this is how stored periods are read. */
int period_parse(const char *s, struct period *p);
/* period_read: a period as a person types it: spaces around it, a lower
 * case w or q, one digit for the week or month (2026w5, 2026-1, " 2026Q4").
 * No signs, no spaces inside. Returns 0 or -1; format p for its canonical
 * text. */
int period_read(const char *s, struct period *p);
/* period_parse_dhis2: a period as DHIS2 writes it (2026W05, 202601,
 * 2026Q1, 2026), or our canonical text, into p; 0 or -1. */
int period_parse_dhis2(const char *s, struct period *p);
/* period_format_dhis2: p as DHIS2 writes it. */
void period_format_dhis2(const struct period *p, char out[PERIOD_TEXT]);
/* period_cmp: <0, 0, >0 as a starts before, with, after b (then by end). */
int period_cmp(const struct period *a, const struct period *b);
/* period_is_open: may p be reported on the ISO date today? A period is
 * open once it has begun; early_days opens it that many days before. */
int period_is_open(const struct period *p, const char *today, int early_days);
void period_format(const struct period *p, char out[PERIOD_TEXT]);
/* period_date_add: the ISO date n days after day (before when n < 0) into
 * out; 0, or -1 when day is not an ISO date. */
int period_date_add(const char *day, int n, char out[11]);

/* period_days_between: the days from the ISO date from to to (negative
 * when to comes first). */
long period_days_between(const char *from, const char *to);

/* period_days: its first and last day, ISO dates. */
void period_days(const struct period *p, char first[11], char last[11]);
/* period_of: the period of kind holding the ISO date. Returns 0 or -1. */
int period_of(const char *date, enum period_kind kind, struct period *out);
/* period_range: the first and last period of kind grain inside p (a week
 * inside a month, ...). Returns 0, or -1 when grain is coarser than p. */
int period_range(const struct period *p, enum period_kind grain, char from[PERIOD_TEXT],
		 char to[PERIOD_TEXT]);
/* period_count: how many periods of kind grain p holds (0 if none). */
int period_count(const struct period *p, enum period_kind grain);
/* period_step: the period n steps after p (n < 0: before). */
void period_step(struct period *p, int n);
/* period_weeks_in_year: 52 or 53 ISO weeks. */
int period_weeks_in_year(int year);
/* period_add_days: the ISO date n days after date. */
void period_add_days(const char *date, int n, char out[11]);

#endif
