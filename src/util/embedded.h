/* embedded.h: files carried inside the binary (assets, catalogues,
 * migrations, official unit lists), generated at build by tools/embed.c. */
#ifndef LANGSO_EMBEDDED_H
#define LANGSO_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name;	   /* e.g. "static/style.css", "sqlite/001_units.sql" */
	const unsigned char *data; /* the bytes, followed by a NUL not counted in len */
	long len;		   /* length in bytes */
};

extern const struct embedded_file embedded_files[]; /* sorted by name */
extern const size_t embedded_count;

/* embedded_find: the file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
