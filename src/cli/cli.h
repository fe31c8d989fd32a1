/* cli.h: the command-line commands (table in main.c) and their shared
 * helpers: options, the database, reading a password from stdin. */
#ifndef LANGSO_CLI_H
#define LANGSO_CLI_H
#include "db/db.h"
#include "i18n/i18n.h"

/* A command: argv[0] is the command's own name. Returns the exit code. */
typedef int (*cli_fn)(int argc, char **argv);

struct cli_command {
	const char *name; /* "init", "units import-official", ... */
	cli_fn run;
	const char *usage; /* one line: the arguments */
	const char *help;  /* what it does */
};

/* cli_opt: the value of --name VALUE or --name=VALUE in argv, or NULL. */
const char *cli_opt(int argc, char **argv, const char *name);
/* cli_flag: 1 when --name is in argv. */
int cli_flag(int argc, char **argv, const char *name);
/* cli_positional: the n-th argument that is not an option (0-based, after
 * the command's name), or NULL. Options listed in with_value take a value. */
const char *cli_positional(int argc, char **argv, int n);
/* cli_wants_help: --help or -h given. */
int cli_wants_help(int argc, char **argv);

/* cli_setting: the option from the command line, else from the settings
 * file (see common.c), else NULL; cli_setting_flag the same for a flag. */
const char *cli_setting(int argc, char **argv, const char *name);
int cli_setting_flag(int argc, char **argv, const char *name);

/* cli_db_path: --db, else the config file's db, else ./langso.db. */
const char *cli_db_path(int argc, char **argv);
/* cli_db_label: the same, fit to print (no password); a static buffer. */
const char *cli_db_label(int argc, char **argv);
/* cli_open_db: open and migrate the database; NULL (message printed) on error. */
struct db *cli_open_db(int argc, char **argv);
/* cli_read_password: one line from stdin (no echo on a terminal) into buf. */
int cli_read_password(const char *prompt, char *buf, size_t size);

/* cli_read_file: the whole of path into out; 0, or -1 (message printed). */
struct buf;
int cli_read_file(const char *path, struct buf *out);
/* cli_import_open: the FILE argument of `langso import WHAT` read into
 * data, and the database opened. Returns 0, or the exit code (message
 * printed; nothing left to release). */
int cli_import_open(int argc, char **argv, const char *what, struct buf *data, struct db **db);
/* cli_print_import_errors: an import's errors on stderr as FILE:LINE:COL. */
struct import_result;
void cli_print_import_errors(const char *file, const struct import_result *r);
/* ms_since: the milliseconds since t0 (CLOCK_MONOTONIC). */
struct timespec;
double ms_since(const struct timespec *t0);
/* cli_lang: the language of messages: Vietnamese when LANG(UAGE) says so. */
enum lang cli_lang(void);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_units_import_official(int argc, char **argv);
int cmd_units_list(int argc, char **argv);
int cmd_units_import_nso(int argc, char **argv);
int cmd_units_apply_conversion(int argc, char **argv);
int cmd_units_waiting(int argc, char **argv);
int cmd_units_assign(int argc, char **argv);
int cmd_units_unmove(int argc, char **argv);
int cmd_units_unapply_conversion(int argc, char **argv);
int cmd_targets_carry(int argc, char **argv);
int cmd_units_diff(int argc, char **argv);
int cmd_units_apply(int argc, char **argv);
int cmd_villages_merge(int argc, char **argv);
int cmd_villages_unmerge(int argc, char **argv);
int cmd_import_villages(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_user_list(int argc, char **argv);
int cmd_user_disable(int argc, char **argv);
int cmd_user_enable(int argc, char **argv);
int cmd_user_passwd(int argc, char **argv);
int cmd_user_unlock(int argc, char **argv);
int cmd_token_create(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_import_teams(int argc, char **argv);
int cmd_export_teams(int argc, char **argv);
int cmd_export_progress(int argc, char **argv);
int cmd_import_attendance(int argc, char **argv);
int cmd_export_trainings(int argc, char **argv);
int cmd_import_trainings(int argc, char **argv);
int cmd_export_coverage(int argc, char **argv);
int cmd_enterprise_add(int argc, char **argv);
int cmd_accounts_issue(int argc, char **argv);
int cmd_accounts_code(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_demo_info(int argc, char **argv);

#endif
