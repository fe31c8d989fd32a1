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

void date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
