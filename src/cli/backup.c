/* backup.c: langso backup and langso restore (SQLite; PostgreSQL has its
 * own tools, named in the refusal). */
#include "cli/cli.h"
#include "db/db.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_backup(int argc, char **argv)
{
	const char *out = cli_opt(argc, argv, "-o");
	if (!out) {
		fprintf(stderr, "langso: backup: name the new file with -o FILE\n");
		return 2;
	}
	struct stat sb;
	if (stat(out, &sb) == 0) {
		fprintf(stderr, "langso: backup: %s exists; choose a new file\n", out);
		return 1;
	}
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	char err[512];
	int rc = db->ops->backup(db, out, err, sizeof err);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "langso: backup: %s\n", err);
		unlink(out);
		return 1;
	}
	printf("%s: a verified copy of %s\n", out, cli_db_label(argc, argv));
	return 0;
}

/* Copy the file from into the new file to, on disk before it returns. */
static int copy_durably(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0640);
	int ok = in && fd >= 0;
	char buf[65536];
	size_t n;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = write(fd, buf, n) == (ssize_t)n;
	ok = ok && !ferror(in) && fsync(fd) == 0;
	if (in)
		fclose(in);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

int cmd_restore(int argc, char **argv)
{
	const char *from = cli_positional(argc, argv, 0);
	const char *path = cli_db_path(argc, argv);
	if (!from) {
		fprintf(stderr, "langso: restore: name the backup file\n");
		return 2;
	}
	if (db_is_uri(path)) {
		fprintf(stderr,
			"langso: restore: a PostgreSQL database is restored with pg_restore "
			"or from a base backup (docs/deploy.md)\n");
		return 1;
	}
	/* the backup must be a langso database this binary can open */
	if (access(from, R_OK) != 0) {
		perror(from);
		return 1;
	}
	char err[512];
	struct db *b = db_open(from, err, sizeof err);
	int version = b ? b->ops->get_version(b) : -1;
	int usable = version > 0 && version <= db_schema_latest(b);
	if (b)
		db_close(b);
	if (!usable) {
		fprintf(stderr,
			"langso: restore: %s is not a langso database this version can use\n",
			from);
		return 1;
	}
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.restoring", path);
	unlink(tmp);
	if (copy_durably(from, tmp) != 0) {
		perror(tmp);
		unlink(tmp);
		return 1;
	}
	/* the old database's journal belongs to it, not to the backup */
	char side[4200];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	if (rename(tmp, path) != 0) {
		perror(path);
		return 1;
	}
	struct db *db = cli_open_db(argc, argv); /* migrates it if it is older */
	if (!db)
		return 1;
	db_close(db);
	printf("%s: restored from %s\n", path, from);
	return 0;
}
