/* vec.c: growable arrays on an arena. */
#include "util/vec.h"
#include <string.h>

void *vec_grow(struct arena *a, void *items, int n, int *cap, size_t size)
{
	int want = *cap ? *cap * 2 : 16;
	void *p = arena_alloc(a, (size_t)want * size);
	if (n)
		memcpy(p, items, (size_t)n * size);
	*cap = want;
	return p;
}
