/* periods.c: ISO weeks, months, quarters and years, and their containment. */
#include "core/periods.h"
#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* 0 = Monday ... 6 = Sunday. */
static int weekday(long days)
{
	return (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

static void iso(long days, char out[11])
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

static long parse_iso(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return days_from_civil(y, m, d);
}

long period_days_between(const char *from, const char *to)
{
	return parse_iso(to) - parse_iso(from);
}

int period_date_add(const char *day, int n, char out[11])
{
	int y, m, d;
	if (!day || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	iso(days_from_civil(y, m, d) + n, out);
	return 0;
}

/* The Monday of ISO week 1 of year. */
static long week1_monday(int year)
{
	long jan4 = days_from_civil(year, 1, 4);
	return jan4 - weekday(jan4);
}

int period_weeks_in_year(int year)
{
	return (int)((week1_monday(year + 1) - week1_monday(year)) / 7);
}

static void bounds(const struct period *p, long *first, long *last);

/* Exactly n ASCII digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The period of kind k, year y and number n when it exists, else -1. */
static int make(struct period *p, enum period_kind k, int y, int n)
{
	if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX)
		return -1;
	int max = k == PERIOD_WEEK	? period_weeks_in_year(y)
		  : k == PERIOD_MONTH	? 12
		  : k == PERIOD_QUARTER ? 4
					: 0;
	if (k == PERIOD_YEAR ? n != 0 : n < 1 || n > max)
		return -1;
	*p = (struct period){k, y, n};
	return 0;
}

int period_parse(const char *s, struct period *p)
{
	if (!s)
		return -1;
	size_t len = strlen(s);
	int y = len >= 4 ? digits(s, 4) : -1;
	if (y < 0)
		return -1;
	if (len == 4)
		return make(p, PERIOD_YEAR, y, 0);
	if (len == 7 && s[4] == 'W')
		return make(p, PERIOD_WEEK, y, digits(s + 5, 2));
	if (len == 7 && s[4] == '-')
		return make(p, PERIOD_MONTH, y, digits(s + 5, 2));
	if (len == 6 && s[4] == 'Q')
		return make(p, PERIOD_QUARTER, y, digits(s + 5, 1));
	return -1;
}

int period_read(const char *s, struct period *p)
{
	if (!s)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	int y = len >= 4 ? digits(s, 4) : -1;
	if (y < 0)
		return -1;
	if (len == 4)
		return make(p, PERIOD_YEAR, y, 0);
	size_t nd = len - 5; /* the number after the letter: 1 or 2 digits */
	if (len < 6 || nd > 2)
		return -1;
	int n = digits(s + 5, (int)nd);
	switch (s[4]) {
	case 'W':
	case 'w':
		return make(p, PERIOD_WEEK, y, n);
	case '-':
		return make(p, PERIOD_MONTH, y, n);
	case 'Q':
	case 'q':
		return nd == 1 ? make(p, PERIOD_QUARTER, y, n) : -1;
	}
	return -1;
}

int period_parse_dhis2(const char *s, struct period *p)
{
	/* a month is yyyyMM; weeks, quarters and years are spelled as ours */
	if (s && strlen(s) == 6 && digits(s, 6) >= 0) {
		int y = digits(s, 4), n = digits(s + 4, 2);
		return y >= 0 && n >= 0 ? make(p, PERIOD_MONTH, y, n) : -1;
	}
	return period_parse(s, p);
}

void period_format_dhis2(const struct period *p, char out[PERIOD_TEXT])
{
	if (p->kind == PERIOD_MONTH)
		snprintf(out, PERIOD_TEXT, "%04u%02u", (unsigned)p->year % 10000u,
			 (unsigned)p->n % 100u);
	else
		period_format(p, out);
}

int period_cmp(const struct period *a, const struct period *b)
{
	long fa, la, fb, lb;
	bounds(a, &fa, &la);
	bounds(b, &fb, &lb);
	return fa < fb ? -1 : fa > fb ? 1 : la < lb ? -1 : la > lb ? 1 : 0;
}

int period_is_open(const struct period *p, const char *today, int early_days)
{
	long first, last;
	bounds(p, &first, &last);
	return first <= parse_iso(today) + early_days;
}

void period_format(const struct period *p, char out[PERIOD_TEXT])
{
	unsigned y = (unsigned)p->year % 10000u, n = (unsigned)p->n % 100u;
	switch (p->kind) {
	case PERIOD_WEEK:
		snprintf(out, PERIOD_TEXT, "%04uW%02u", y, n);
		break;
	case PERIOD_MONTH:
		snprintf(out, PERIOD_TEXT, "%04u-%02u", y, n);
		break;
	case PERIOD_QUARTER:
		snprintf(out, PERIOD_TEXT, "%04uQ%u", y, n % 10u);
		break;
	case PERIOD_YEAR:
		snprintf(out, PERIOD_TEXT, "%04u", y);
		break;
	}
}

static void bounds(const struct period *p, long *first, long *last)
{
	switch (p->kind) {
	case PERIOD_WEEK:
		*first = week1_monday(p->year) + 7L * (p->n - 1);
		*last = *first + 6;
		return;
	case PERIOD_MONTH:
		*first = days_from_civil(p->year, p->n, 1);
		*last = (p->n == 12 ? days_from_civil(p->year + 1, 1, 1)
				    : days_from_civil(p->year, p->n + 1, 1)) -
			1;
		return;
	case PERIOD_QUARTER:
		*first = days_from_civil(p->year, 3 * p->n - 2, 1);
		*last = (p->n == 4 ? days_from_civil(p->year + 1, 1, 1)
				   : days_from_civil(p->year, 3 * p->n + 1, 1)) -
			1;
		return;
	case PERIOD_YEAR:
		*first = days_from_civil(p->year, 1, 1);
		*last = days_from_civil(p->year + 1, 1, 1) - 1;
		return;
	}
}

void period_days(const struct period *p, char first[11], char last[11])
{
	long f, l;
	bounds(p, &f, &l);
	iso(f, first);
	iso(l, last);
}

/* The ISO week holding day d. */
static struct period week_of(long d)
{
	long thursday = d - weekday(d) + 3;
	int y, m, dd;
	civil_from_days(thursday, &y, &m, &dd);
	return (struct period){PERIOD_WEEK, y, (int)((thursday - week1_monday(y)) / 7) + 1};
}

int period_of(const char *date, enum period_kind kind, struct period *out)
{
	long d = parse_iso(date);
	int y, m, dd;
	if (!d && strcmp(date, "1970-01-01") != 0)
		return -1;
	civil_from_days(d, &y, &m, &dd);
	switch (kind) {
	case PERIOD_WEEK:
		*out = week_of(d);
		break;
	case PERIOD_MONTH:
		*out = (struct period){PERIOD_MONTH, y, m};
		break;
	case PERIOD_QUARTER:
		*out = (struct period){PERIOD_QUARTER, y, (m - 1) / 3 + 1};
		break;
	case PERIOD_YEAR:
		*out = (struct period){PERIOD_YEAR, y, 0};
		break;
	}
	return 0;
}

int period_range(const struct period *p, enum period_kind grain, char from[PERIOD_TEXT],
		 char to[PERIOD_TEXT])
{
	if (grain > p->kind)
		return -1;
	long first, last;
	bounds(p, &first, &last);
	struct period a, b;
	if (grain == PERIOD_WEEK) {
		/* the weeks whose Thursday falls inside p */
		long t1 = first + ((3 - weekday(first)) + 7) % 7;
		long t2 = last - ((weekday(last) - 3) + 7) % 7;
		if (p->kind == PERIOD_WEEK)
			t1 = t2 = first + 3;
		a = week_of(t1);
		b = week_of(t2);
	} else {
		char f[11], l[11];
		iso(first, f);
		iso(last, l);
		period_of(f, grain, &a);
		period_of(l, grain, &b);
	}
	period_format(&a, from);
	period_format(&b, to);
	return 0;
}

int period_count(const struct period *p, enum period_kind grain)
{
	char from[PERIOD_TEXT], to[PERIOD_TEXT];
	if (period_range(p, grain, from, to) != 0)
		return 0;
	struct period a, b;
	period_parse(from, &a);
	period_parse(to, &b);
	int n = 1;
	while (a.year != b.year || a.n != b.n) {
		period_step(&a, 1);
		n++;
	}
	return n;
}

void period_step(struct period *p, int n)
{
	while (n > 0) {
		switch (p->kind) {
		case PERIOD_WEEK:
			if (++p->n > period_weeks_in_year(p->year)) {
				p->year++;
				p->n = 1;
			}
			break;
		case PERIOD_MONTH:
			if (++p->n > 12) {
				p->year++;
				p->n = 1;
			}
			break;
		case PERIOD_QUARTER:
			if (++p->n > 4) {
				p->year++;
				p->n = 1;
			}
			break;
		case PERIOD_YEAR:
			p->year++;
			break;
		}
		n--;
	}
	while (n < 0) {
		switch (p->kind) {
		case PERIOD_WEEK:
			if (--p->n < 1) {
				p->year--;
				p->n = period_weeks_in_year(p->year);
			}
			break;
		case PERIOD_MONTH:
			if (--p->n < 1) {
				p->year--;
				p->n = 12;
			}
			break;
		case PERIOD_QUARTER:
			if (--p->n < 1) {
				p->year--;
				p->n = 4;
			}
			break;
		case PERIOD_YEAR:
			p->year--;
			break;
		}
		n++;
	}
}

void period_add_days(const char *date, int n, char out[11])
{
	iso(parse_iso(date) + n, out);
}
