/* date.h: calendar dates as people type them (dd/mm/yyyy, d/m/yyyy,
 * yyyy-mm-dd) and as stored (ISO yyyy-mm-dd). */
#ifndef LANGSO_DATE_H
#define LANGSO_DATE_H

/* date_parse: a real calendar date from in into out (ISO, 11 bytes).
 * Returns 0, or -1 when in is not a date. */
int date_parse(const char *in, char out[11]);

#include <time.h>

/* Vietnam keeps one time all year: UTC+7, no daylight saving. Dates that
 * people see and every rule that depends on the day use it; timestamps are
 * stored in UTC. */
#define DATE_VN_OFFSET (7 * 3600)

/* date_parse_instant: an ISO instant with its offset
 * (2026-11-30T06:00+07:00, 2026-11-29T23:00:00Z) into *out. 0 or -1. */
int date_parse_instant(const char *s, time_t *out);
/* date_local: the date in Vietnam at the instant t, ISO form. */
void date_local(time_t t, char out[11]);
/* date_today: today's date in Vietnam, ISO form. */
void date_today(char out[11]);
/* date_stamp: the UTC timestamp of the instant t as stored
 * (2026-11-29T17:05:00Z). */
void date_stamp(time_t t, char out[21]);
/* date_stamp_local: a stored UTC timestamp (2026-11-29T17:05:00Z, or with
 * a space for the T) shown in Vietnam time: "30/11/2026 00:05". Writes ""
 * when stamp is not one. */
void date_stamp_local(const char *stamp, char out[17]);

#endif
