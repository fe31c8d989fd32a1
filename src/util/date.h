/* date.h: calendar dates as people type them (dd/mm/yyyy, d/m/yyyy,
 * yyyy-mm-dd) and as stored (ISO yyyy-mm-dd). */
#ifndef LANGSO_DATE_H
#define LANGSO_DATE_H

/* date_parse: a real calendar date from in into out (ISO, 11 bytes).
 * Returns 0, or -1 when in is not a date. */
int date_parse(const char *in, char out[11]);

/* date_today: today's date (UTC) in ISO form. */
void date_today(char out[11]);

#endif
