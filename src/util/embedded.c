/* embedded.c: lookup in the table of files embedded at build time. */
#include "util/embedded.h"
#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
	size_t lo = 0, hi = embedded_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, embedded_files[mid].name);
		if (c == 0)
			return &embedded_files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
