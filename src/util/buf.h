/* buf.h: the one growable byte buffer, always NUL-terminated. */
#ifndef LANGSO_BUF_H
#define LANGSO_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated contents, or NULL before the first write */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void buf_grow(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* buf_printf: append printf-formatted text (plain printf: no escaping). */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* buf_cstr: the contents as a C string ("" when empty); owned by b. */
const char *buf_cstr(const struct buf *b);
void buf_reset(struct buf *b);	 /* empty it, keep the memory */
void buf_release(struct buf *b); /* free the memory */
/* buf_detach: hand the contents to the caller (free() them); b is empty. */
char *buf_detach(struct buf *b);

#endif
