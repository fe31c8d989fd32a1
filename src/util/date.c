/* date.c: calendar dates as people type them and as stored. */
#include "util/date.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int days_in(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : d[m - 1];
}

int date_parse(const char *in, char out[11])
{
	int y, m, d, n = 0;
	if (!in)
		return -1;
	while (*in == ' ')
		in++;
	if (sscanf(in, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		/* ISO */
	} else if (sscanf(in, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 ||
		   sscanf(in, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 ||
		   sscanf(in, "%2d-%2d-%4d%n", &d, &m, &y, &n) == 3) {
		if (y < 1000)
			return -1;
	} else {
		return -1;
	}
	while (in[n] == ' ')
		n++;
	if (in[n] || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}

void date_local(time_t t, char out[11])
{
	time_t local = t + DATE_VN_OFFSET;
	struct tm tm;
	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void date_today(char out[11])
{
	date_local(time(NULL), out);
}

void date_stamp(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void date_stamp_local(const char *stamp, char out[17])
{
	struct tm tm = {0};
	int n = 0;
	out[0] = '\0';
	if (!stamp || sscanf(stamp, "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
			     &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &n) != 5)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm) + DATE_VN_OFFSET;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%d/%m/%Y %H:%M", &tm);
}

int date_parse_instant(const char *s, time_t *out)
{
	struct tm tm = {0};
	int n = 0, sec = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &n) != 5)
		return -1;
	s += n;
	if (*s == ':') {
		if (sscanf(s, ":%2d%n", &sec, &n) != 1)
			return -1;
		s += n;
	}
	long offset = 0;
	if (*s == 'Z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int oh, om;
		if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) != 2)
			return -1;
		offset = (*s == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
		s += 1 + n;
	} else {
		return -1;
	}
	if (*s || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || sec > 59)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_sec = sec;
	*out = timegm(&tm) - offset;
	return 0;
}
