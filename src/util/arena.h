/* arena.h: a memory pool freed all at once (one per request). */
#ifndef LANGSO_ARENA_H
#define LANGSO_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head; /* most recent chunk first */
};

#define ARENA_INIT                                                                                 \
	{                                                                                          \
		NULL                                                                               \
	}

/* arena_alloc: n zeroed bytes, aligned for any type, valid until arena_release. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* arena_release: free every allocation made from a. */
void arena_release(struct arena *a);

#endif
