/* temp_file.c: a file's bytes through a temporary path. */
#include "export/temp_file.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int temp_file_bytes(int (*write)(const void *ctx, const char *path), const void *ctx,
		    struct buf *out)
{
	char path[] = "/tmp/langso-file-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	int rc = write(ctx, path);
	FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
	if (f) {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_append(out, chunk, n);
		if (ferror(f))
			rc = -1;
		fclose(f);
	} else {
		rc = -1;
	}
	unlink(path);
	return rc;
}
