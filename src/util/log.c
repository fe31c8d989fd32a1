/* log.c: text or JSON lines on stderr, one write per message. */
#include "util/log.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/escape.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int json;

void log_json_lines(int on)
{
	json = on;
}

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, line = BUF_INIT;
	buf_vprintf(&msg, fmt, ap);
	while (msg.len && msg.data[msg.len - 1] == '\n')
		msg.data[--msg.len] = '\0';
	if (json) {
		char stamp[21];
		date_stamp(time(NULL), stamp);
		buf_printf(&line, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":", stamp,
			   level == LOG_ERROR ? "error" : "info");
		json_escape(&line, buf_cstr(&msg), msg.len);
		buf_puts(&line, "}\n");
	} else {
		buf_printf(&line, "langso: %s\n", buf_cstr(&msg));
	}
	/* one write: lines of several threads never interleave */
	ssize_t w = write(STDERR_FILENO, line.data, line.len);
	(void)w;
	buf_release(&msg);
	buf_release(&line);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
