/* log.h: the messages of the server and of the database layer: a line of
 * text ("langso: ...") for a person at a terminal, or, while serving under
 * a supervisor (stderr not a terminal), one JSON object a line
 * {"time","level","msg"} beside the access log's, for the journal. */
#ifndef LANGSO_LOG_H
#define LANGSO_LOG_H
#include <stdarg.h>

enum log_level { LOG_INFO, LOG_ERROR };

/* log_json_lines: from now on, JSON lines (server_run sets it). */
void log_json_lines(int on);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap);

#endif
