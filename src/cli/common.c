/* common.c: helpers shared by the command-line commands. */
#include "cli/cli.h"
#include "core/result.h"
#include "util/alloc.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Options that take a value (so their value is not a positional). */
static const char *const valued[] = {"--db",
				     "--listen",
				     "--province",
				     "--username",
				     "--role",
				     "--scope",
				     "--name",
				     "--threads",
				     "--access-log",
				     "--parent",
				     "--admin",
				     "--user",
				     "--entity",
				     "--from",
				     "--to",
				     "--unit",
				     "--limit",
				     "--session-idle",
				     "--open-early",
				     "--clock",
				     "--session-max",
				     "--signin-free-per-name",
				     "--signin-free-per-address",
				     "--signin-window-minutes",
				     "--signin-max-wait",
				     "--trusted-proxy",
				     "--max-connections",
				     "--format",
				     "-o",
				     "--kind",
				     "--contact",
				     "--phone",
				     "--email",
				     "--communes",
				     "--enterprise",
				     "--per-ip-limit",
				     "--timeout",
				     "--head-timeout",
				     "--body-timeout",
				     "--max-heads",
				     "--public-url",
				     "--training",
				     "--platform",
				     "--date",
				     "--at",
				     "--until",
				     "--effective",
				     "--decision",
				     "--percent",
				     NULL};

static int takes_value(const char *arg)
{
	for (int i = 0; valued[i]; i++)
		if (strcmp(arg, valued[i]) == 0)
			return 1;
	return 0;
}

const char *cli_opt(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
			return argv[i] + n + 1;
	}
	return NULL;
}

int cli_flag(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

const char *cli_positional(int argc, char **argv, int n)
{
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (takes_value(argv[i]))
				i++;
			continue;
		}
		if (n-- == 0)
			return argv[i];
	}
	return NULL;
}

int cli_wants_help(int argc, char **argv)
{
	return cli_flag(argc, argv, "--help") || cli_flag(argc, argv, "-h");
}

/* The settings file: $LANGSO_CONFIG, else ./langso.conf, else
 * /etc/langso/langso.conf. Lines "name = value" (a serve option without
 * its dashes: db, listen, threads, access-log, ...; "yes" for a flag);
 * "#" starts a comment. Read once. */
static char **config_keys, **config_vals;
static int config_n;

static void config_load(void)
{
	static int loaded;
	if (loaded++)
		return;
	const char *file = getenv("LANGSO_CONFIG");
	FILE *f = fopen(file ? file : "langso.conf", "r");
	if (!f && !file)
		f = fopen("/etc/langso/langso.conf", "r");
	if (!f)
		return;
	char line[4200];
	while (fgets(line, sizeof line, f)) {
		char *p = line + strspn(line, " \t");
		if (*p == '#' || !strchr(p, '='))
			continue;
		char *eq = strchr(p, '='), *k_end = eq, *v = eq + 1;
		while (k_end > p && (k_end[-1] == ' ' || k_end[-1] == '\t'))
			k_end--;
		v += strspn(v, " \t");
		v[strcspn(v, "\r\n")] = '\0';
		for (size_t n = strlen(v); n && (v[n - 1] == ' ' || v[n - 1] == '\t'); n--)
			v[n - 1] = '\0';
		config_keys = xrealloc(config_keys, (size_t)(config_n + 1) * sizeof *config_keys);
		config_vals = xrealloc(config_vals, (size_t)(config_n + 1) * sizeof *config_vals);
		config_keys[config_n] = xstrndup(p, (size_t)(k_end - p));
		config_vals[config_n++] = xstrdup(v);
	}
	fclose(f);
}

/* The file's value for an option (--listen → listen), the last line winning. */
static const char *config_value(const char *option)
{
	config_load();
	const char *key = option + strspn(option, "-"), *found = NULL;
	for (int i = 0; i < config_n; i++)
		if (strcmp(config_keys[i], key) == 0)
			found = config_vals[i];
	return found;
}

const char *cli_setting(int argc, char **argv, const char *name)
{
	const char *v = cli_opt(argc, argv, name);
	return v ? v : config_value(name);
}

int cli_setting_flag(int argc, char **argv, const char *name)
{
	const char *v = config_value(name);
	return cli_flag(argc, argv, name) || (v && (!strcmp(v, "yes") || !strcmp(v, "true")));
}

const char *cli_db_path(int argc, char **argv)
{
	const char *db = cli_setting(argc, argv, "--db");
	return db ? db : "langso.db";
}

const char *cli_db_label(int argc, char **argv)
{
	static char label[512];
	db_label(cli_db_path(argc, argv), label, sizeof label);
	return label;
}

struct db *cli_open_db(int argc, char **argv)
{
	char err[512];
	const char *path = cli_db_path(argc, argv);
	struct db *db = db_open(path, err, sizeof err);
	if (!db) {
		fprintf(stderr, "langso: %s\n", err);
		return NULL;
	}
	if (db_migrate(db, err, sizeof err) != 0) {
		fprintf(stderr, "langso: %s: %s\n", cli_db_label(argc, argv), err);
		db_close(db);
		return NULL;
	}
	return db;
}

int cli_read_password(const char *prompt, char *buf, size_t size)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *ok = fgets(buf, (int)size, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int cli_read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		return -1;
	}
	return 0;
}

enum lang cli_lang(void)
{
	const char *l = getenv("LANGUAGE");
	if (!l || !*l)
		l = getenv("LANG");
	return i18n_parse(l) == LANG_VI ? LANG_VI : LANG_EN;
}

void cli_print_import_errors(const char *file, const struct import_result *r)
{
	enum lang lang = cli_lang();
	fprintf(stderr, "%s: %s\n", file,
		i18n_get(lang, "Nothing was imported: the file has errors"));
	int shown = r->nerrors < IMPORT_MAX_ERRORS ? r->nerrors : IMPORT_MAX_ERRORS;
	for (int i = 0; i < shown; i++) {
		const struct import_error *e = &r->errors[i];
		fprintf(stderr, "%s:%d:", file, e->line);
		if (e->col)
			fprintf(stderr, "%d:", e->col);
		if (e->column)
			fprintf(stderr, " [%s]", e->column);
		fputc(' ', stderr);
		struct buf b = BUF_INIT;
		i18n_fill(&b, lang, e->msgid, e->arg);
		fprintf(stderr, "%s\n", buf_cstr(&b));
		buf_release(&b);
	}
	if (r->nerrors > shown)
		fprintf(stderr, "... %d more\n", r->nerrors - shown);
}

int cli_import_open(int argc, char **argv, const char *what, struct buf *data, struct db **db)
{
	const char *file = cli_positional(argc, argv, 0);
	if (!file) {
		fprintf(stderr, "langso: import %s needs a FILE\n", what);
		return 2;
	}
	if (cli_read_file(file, data) != 0)
		return 1;
	*db = cli_open_db(argc, argv);
	if (!*db) {
		buf_release(data);
		return 1;
	}
	return 0;
}

double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}
