/* main.c: the langso command line: one table of commands, each with --help. */
#include "cli/cli.h"
#include "core/accounts.h"
#include "i18n/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERSION "0.1.0"

static const struct cli_command commands[] = {
    {"init", cmd_init, "[--db PATH] [--demo] [--admin NAME]",
     "Create a database: migrations, the official units and the first administrator\n"
     "(password read from stdin). With --demo: the Lạng Sơn demo with its users."},
    {"serve", cmd_serve,
     "[--db PATH] [--listen ADDR:PORT] [--threads N] [--access-log FILE|-] [--secure-cookies]\n"
     "       [--max-connections N] [--per-ip-limit N] [--timeout SEC] [--head-timeout SEC]\n"
     "       [--body-timeout SEC] [--max-heads N]\n"
     "       [--session-idle MIN] [--session-max HOURS] [--signin-free-per-name N]\n"
     "       [--signin-free-per-address N] [--signin-window-minutes MIN] [--signin-max-wait SEC]\n"
     "       [--trusted-proxy ADDR] [--public-url URL]\n"
     "       [--open-early DAYS] [--clock 2026-11-30T06:00+07:00]",
     "Serve the web UI and the JSON API (default 127.0.0.1:8080). SIGINT/SIGTERM stop\n"
     "it cleanly. --secure-cookies when it is behind TLS. Sessions end after 30 idle minutes\n"
     "or 12 hours. Sign-in is throttled, never locked: after 5 failures of a name or 10 from\n"
     "an address within 15 minutes, each attempt waits 1, 2, 4 ... s (at most 300) after the\n"
     "last failure. --trusted-proxy: the address of a proxy whose X-Forwarded-For is believed.\n"
     "--public-url: the site's address in the sign-in links given to team members (default:\n"
     "the address the officer's browser used).\n"
     "Connections: 1024 in all, 256 per client address (raise it behind a proxy), 30 s idle;\n"
     "a request head must arrive whole within 15 s and a body within 120 s, and of the\n"
     "connections still sending their head (256 at most) the oldest is closed first.\n"
     "A period's report opens on its first day (Vietnam time), or --open-early DAYS before.\n"
     "--clock starts the server's clock at that instant (for tests and training rooms)."},
    {"migrate", cmd_migrate, "[--db PATH]", "Apply the schema migrations this binary carries."},
    {"units import-official", cmd_units_import_official, "[--db PATH] [--province CODE]",
     "Load the 34 provinces and 3,321 communes of the official list (idempotent)."},
    {"units list", cmd_units_list, "[--db PATH] [--parent ID] [TEXT]",
     "List units below a unit (default: the provinces), or those whose name matches TEXT\n"
     "(accents optional). Columns: id, level, code, name, children."},
    {"units import-nso", cmd_units_import_nso,
     "[--db PATH] [--province CODE] [--until 2025-06-30] FILE",
     "Load a pre-reform list in the Statistics Office's layout (province, district, commune)\n"
     "beside today's units, valid until the day before the 2025 reform. Idempotent."},
    {"units apply-conversion", cmd_units_apply_conversion,
     "[--db PATH] --effective DATE [--decision TEXT] FILE",
     "Apply the official conversion table: old units closed and linked to the new ones\n"
     "(whole or part), villages of wholly merged communes moved with their teams and\n"
     "history; villages of split communes wait (units waiting). Running it again changes\n"
     "nothing."},
    {"units unapply-conversion", cmd_units_unapply_conversion,
     "[--db PATH] --effective DATE FILE",
     "Undo a conversion table applied on that day, for the communes of your area: every\n"
     "village it moved back under its old commune and its links removed; all or nothing\n"
     "(a village with anything saved since it moved is named)."},
    {"units waiting", cmd_units_waiting, "[--db PATH]",
     "List the villages of split communes waiting for their new commune: id, village, old\n"
     "commune, teams, the old commune's successors."},
    {"units assign", cmd_units_assign, "[--db PATH] VILLAGE_ID COMMUNE_CODE",
     "Move a waiting village to one of its old commune's successors, with its history."},
    {"targets carry", cmd_targets_carry,
     "[--db PATH] --from UNIT [--at DATE] --to UNIT [--percent N] [--undo]",
     "Carry a closed unit's targets (all, or N percent) to one of its successors, added to\n"
     "its own; --undo takes them back. UNIT: #ID or an official code (the old one's on the\n"
     "day --at)."},
    {"units unmove", cmd_units_unmove, "[--db PATH] VILLAGE_ID",
     "Undo a village's last move (back under the commune it came from; a split commune's\n"
     "village waits again), while no report or team change of it was saved since."},
    {"units diff", cmd_units_diff, "[--db PATH] FILE",
     "Compare today's communes with a newer official list (columns province_code,\n"
     "province_name, commune_code, commune_name, kind): new, closed, renamed, of another kind,\n"
     "under another code; another spelling of the same name is no change. Changes nothing."},
    {"units apply", cmd_units_apply, "[--db PATH] --effective DATE FILE",
     "Record the differences of units diff from that day: the units keep their villages,\n"
     "teams and history; their former names, kinds and codes are kept, and a lookup by code\n"
     "on a day before finds them by their code of then."},
    {"villages merge", cmd_villages_merge, "[--db PATH] --effective DATE FILE",
     "Merge villages by a commune's decision: a CSV file of commune_code, old_village,\n"
     "new_village, decision_no, decision_date. The old villages close the day before, their\n"
     "teams are dissolved with their reports kept, one new team takes their members. All or\n"
     "nothing; rows already merged are left as they are."},
    {"villages unmerge", cmd_villages_unmerge, "[--db PATH] VILLAGE_ID",
     "Undo the merge that made a village (members, accounts and the old villages and teams\n"
     "back as they were), while nothing of it was saved since."},
    {"import villages", cmd_import_villages, "[--db PATH] [--at DATE] FILE",
     "Import villages from a CSV file (columns commune_code, village, village_code, kind;\n"
     "or the Vietnamese headers of the template). All or nothing. --at: the communes'\n"
     "codes as they were on that day (villages of communes since reorganised)."},
    {"user add", cmd_user_add,
     "[--db PATH] --username NAME --role ROLE [--scope UNIT_CODE] [--name FULL_NAME]\n"
     "       [--enterprise NAME]",
     "Add a user; the password is read from stdin. Roles: admin, ministry, province,\n"
     "district, commune, team, enterprise, viewer."},
    {"user list", cmd_user_list, "[--db PATH] [--role ROLE] [TEXT]",
     "List users (id, name, role, area, full name)."},
    {"user disable", cmd_user_disable, "[--db PATH] NAME",
     "Disable a user: their sessions end and their API tokens stop working."},
    {"user enable", cmd_user_enable, "[--db PATH] NAME", "Enable a disabled user."},
    {"user passwd", cmd_user_passwd, "[--db PATH] NAME",
     "Set a user's password (read from stdin); their sessions end."},
    {"user unlock", cmd_user_unlock, "[--db PATH] NAME",
     "Forget a user's failed sign-ins so they can sign in at once."},
    {"token create", cmd_token_create, "[--db PATH] --user NAME [--name LABEL]",
     "Create an API token for a user; prints the token alone on stdout (shown once)."},
    {"audit", cmd_audit,
     "[--db PATH] [--user NAME] [--unit CODE|#ID] [--entity E] [--from DATE] [--to DATE] "
     "[--limit N]",
     "Print the audit trail, newest first: time, user, role, action, entity, id, unit, detail."},
    {"import teams", cmd_import_teams, "[--db PATH] FILE",
     "Import teams and members from a CSV file, one row per member (columns commune_code,\n"
     "village, team_name, decision_no, decision_date, member_name, birth_year, gender, phone,\n"
     "role, affiliation; or the Vietnamese headers of the template). All or nothing."},
    {"export teams", cmd_export_teams, "[--db PATH] --unit CODE [--format xlsx|csv] -o FILE",
     "Write the roster of a commune or province (active teams and members) as XLSX or CSV."},
    {"export progress", cmd_export_progress, "[--db PATH] --unit CODE --period P -o FILE.xlsx",
     "Write what goes up for a unit and a period as an XLSX workbook: the units below side by\n"
     "side (targets, done, %, reports expected, received, late, not sent; open difficulties)\n"
     "with the unit's total, the teams missing a report, the open difficulties."},
    {"import attendance", cmd_import_attendance, "[--db PATH] --training ID FILE",
     "Record who came to a training from a sign-in sheet (CSV): a row per member, columns\n"
     "phone or member_id, present (1/0, có/không), completed, certificate. All or nothing."},
    {"import trainings", cmd_import_trainings, "[--db PATH] FILE",
     "Plan trainings from a CSV file: columns title, unit_code, starts_on and any of\n"
     "enterprise, mode (in_person/online, trực tiếp/trực tuyến), place, link, ends_on,\n"
     "trainers, platforms (codes), topics, materials. All or nothing; a training already\n"
     "there (same unit, title and first day) is left as it is."},
    {"export trainings", cmd_export_trainings, "[--db PATH] --unit CODE [-o FILE.csv]",
     "Write the trainings held for a unit or below it, latest first, with the teams\n"
     "invited and the members present and completed, as CSV."},
    {"export coverage", cmd_export_coverage,
     "[--db PATH] --unit CODE [--platform CODE] [--date DATE] [-o FILE.csv]",
     "Write the training coverage of a unit and of each unit below it on a day (today by\n"
     "default): teams and members, and how many were trained (on a platform), as CSV."},
    {"accounts issue", cmd_accounts_issue, "[--db PATH] --unit CODE --public-url URL -o FILE.csv",
     "Make an account for every current member of every team of a commune or province who\n"
     "has none, each with a one-time sign-in code and link (valid 30 days), and write the\n"
     "sign-in sheet. Running it again makes only the accounts still missing."},
    {"accounts code", cmd_accounts_code, "[--db PATH] --public-url URL NAME",
     "Give user NAME a new one-time sign-in code (a forgotten password); prints the message\n"
     "to send them."},
    {"enterprise add", cmd_enterprise_add,
     "[--db PATH] --name NAME --kind telecom|postal|it|bank|other --communes CODES\n"
     "       [--contact NAME] [--phone PHONE] [--email EMAIL]",
     "Register an enterprise and the communes it supports (codes separated by commas)."},
    {"check", cmd_check, "[--db PATH]",
     "Recompute every roll-up from the submitted and accepted reports and compare; prints\n"
     "each difference and exits 1 if there is any."},
    {"backup", cmd_backup, "[--db PATH] -o FILE",
     "Write a consistent, verified copy of an SQLite database into a new FILE while langso\n"
     "serves. A PostgreSQL database is backed up with pg_dump or pg_basebackup."},
    {"restore", cmd_restore, "[--db PATH] FILE",
     "Replace an SQLite database by the backup FILE (stop the server first); the backup is\n"
     "checked first and migrated if it is older."},
    {"routes", cmd_routes, "", "Print the route table (method, path, permission) as TSV."},
    {"demo-info", cmd_demo_info, "[--listen ADDR:PORT]", "Print the demo's address and logins."},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	fprintf(f, "langso %s — Community Digital Technology Teams\n\nUsage:\n", VERSION);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  langso %s %s\n", commands[i].name, commands[i].usage);
	fprintf(f, "\nEvery command takes --help. The database defaults to the db = line of\n"
		   "./langso.conf (or $LANGSO_CONFIG), else ./langso.db.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("langso %s\n", VERSION);
		return 0;
	}
	if (i18n_init() != 0 || accounts_init() != 0) {
		fprintf(stderr, "langso: cannot initialise\n");
		return 1;
	}
	/* Commands are one or two words; the longest match wins. */
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const char *name = commands[i].name, *space = strchr(name, ' ');
		int words = space ? 2 : 1;
		if (argc < 1 + words)
			continue;
		if (space ? (strncmp(argv[1], name, (size_t)(space - name)) != 0 ||
			     argv[1][space - name] != '\0' || strcmp(argv[2], space + 1) != 0)
			  : strcmp(argv[1], name) != 0)
			continue;
		if (cli_wants_help(argc, argv)) {
			printf("Usage: langso %s %s\n\n%s\n", name, commands[i].usage,
			       commands[i].help);
			return 0;
		}
		return commands[i].run(argc - words, argv + words);
	}
	fprintf(stderr, "langso: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
