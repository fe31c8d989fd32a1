/* temp_file.h: the bytes of a file that a library can only write to a
 * path (libxlsxwriter): written to a private temporary file, read back,
 * removed. */
#ifndef LANGSO_TEMP_FILE_H
#define LANGSO_TEMP_FILE_H
#include "util/buf.h"

/* temp_file_bytes: call write(ctx, path) on a new temporary path and
 * append what it wrote to out. Returns 0, or -1 when writing or reading
 * failed. */
int temp_file_bytes(int (*write)(const void *ctx, const char *path), const void *ctx,
		    struct buf *out);

#endif
