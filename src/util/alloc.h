/* alloc.h: allocation that never returns NULL (out of memory aborts). */
#ifndef LANGSO_ALLOC_H
#define LANGSO_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
