/* vec.h: growable arrays on an arena (h2o's H2O_VECTOR): a list grows
 * until its arena is released, so no list stops at a fixed size.
 *
 *   VEC(struct team) v = {0};
 *   struct team *t = VEC_PUSH(a, &v);   // zeroed, valid until arena_release
 *   for (int i = 0; i < v.n; i++) ... v.items[i] ...
 */
#ifndef LANGSO_VEC_H
#define LANGSO_VEC_H
#include "util/arena.h"
#include <stddef.h>

#define VEC(T)                                                                                     \
	struct {                                                                                   \
		T *items;                                                                          \
		int n, cap;                                                                        \
	}

/* vec_grow: a copy of items (n of size bytes) with room for twice as many;
 * sets *cap. The old block stays in the arena until it is released. */
void *vec_grow(struct arena *a, void *items, int n, int *cap, size_t size);

/* VEC_PUSH: a pointer to a new zeroed last element of *v. */
#define VEC_PUSH(a, v)                                                                             \
	((v)->n == (v)->cap ? (void)((v)->items = vec_grow((a), (v)->items, (v)->n, &(v)->cap,     \
							   sizeof *(v)->items))                    \
			    : (void)0,                                                             \
	 &(v)->items[(v)->n++])

#endif
