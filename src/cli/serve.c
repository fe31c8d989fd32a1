/* serve.c: langso serve. */
#include "cli/cli.h"
#include "core/accounts.h"
#include "http/respond.h"
#include "web/layout.h"
#include "core/reports.h"
#include "http/router.h"
#include "http/server.h"
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_serve(int argc, char **argv)
{
	struct server_config c;
	server_config_defaults(&c);
	c.db_path = cli_db_path(argc, argv);
	static char host[64];
	const char *listen = cli_setting(argc, argv, "--listen");
	if (listen) {
		const char *colon = strrchr(listen, ':');
		if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host) {
			fprintf(stderr,
				"langso: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080\n");
			return 2;
		}
		memcpy(host, listen, (size_t)(colon - listen));
		host[colon - listen] = '\0';
		c.host = host;
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (*end || port < 0 || port > 65535) {
			fprintf(stderr, "langso: bad port in --listen %s\n", listen);
			return 2;
		}
		c.port = (int)port;
	}
	const struct {
		const char *flag;
		int *field;
	} counts[] = {
	    {"--threads", &c.threads},		 {"--max-connections", &c.connection_limit},
	    {"--per-ip-limit", &c.per_ip_limit}, {"--timeout", &c.timeout},
	    {"--head-timeout", &c.head_timeout}, {"--body-timeout", &c.body_timeout},
	    {"--max-heads", &c.max_heads},
	};
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		const char *v = cli_setting(argc, argv, counts[i].flag);
		if (v && (*counts[i].field = atoi(v)) <= 0) {
			fprintf(stderr, "langso: %s takes a positive number\n", counts[i].flag);
			return 2;
		}
	}
	c.access_log = cli_setting(argc, argv, "--access-log");
	c.secure_cookies = cli_setting_flag(argc, argv, "--secure-cookies");
	c.trusted_proxy = cli_setting(argc, argv, "--trusted-proxy");
	c.public_url = cli_setting(argc, argv, "--public-url");
	const struct {
		const char *flag;
		int *field, scale;
	} limits[] = {
	    {"--session-idle", &accounts_policy.session_idle, 60},
	    {"--session-max", &accounts_policy.session_max, 3600},
	    {"--signin-free-per-name", &accounts_policy.name_free, 1},
	    {"--signin-free-per-address", &accounts_policy.address_free, 1},
	    {"--signin-window-minutes", &accounts_policy.window, 60},
	    {"--signin-max-wait", &accounts_policy.max_delay, 1},
	};
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		const char *v = cli_setting(argc, argv, limits[i].flag);
		if (!v)
			continue;
		int n = atoi(v);
		if (n <= 0) {
			fprintf(stderr, "langso: %s takes a positive number\n", limits[i].flag);
			return 2;
		}
		*limits[i].field = n * limits[i].scale;
	}
	const char *early = cli_setting(argc, argv, "--open-early");
	if (early) {
		char *end;
		long d = strtol(early, &end, 10);
		if (*end || d < 0 || d > 14) {
			fprintf(stderr,
				"langso: --open-early takes a number of days from 0 to 14\n");
			return 2;
		}
		reports_open_early_days = (int)d;
	}
	const char *clock = cli_opt(argc, argv, "--clock");
	if (clock) {
		time_t at;
		if (date_parse_instant(clock, &at) != 0) {
			fprintf(stderr,
				"langso: --clock takes an instant like 2026-11-30T06:00+07:00\n");
			return 2;
		}
		c.clock_offset = (long long)(at - time(NULL));
	}
	/* Migrate (and refuse a database newer than this binary) before serving. */
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	db_close(db);
	/* the server serves what the web and API layers give it */
	c.web_routes = web_routes;
	c.web_routes_count = web_routes_count;
	c.api_routes = api_routes;
	c.api_routes_count = api_routes_count;
	respond_set_page(page_error);
	return server_run(&c);
}

static const char *const perm_names[] = {
    [PERM_MISSING] = "MISSING",
    [PERM_PUBLIC] = "public",
    [PERM_SIGNED_IN] = "signed_in",
    [PERM_UNITS_READ] = "units_read",
    [PERM_UNITS_IMPORT] = "units_import",
    [PERM_USERS_MANAGE] = "users_manage",
    [PERM_AUDIT_READ] = "audit_read",
    [PERM_TEAMS_READ] = "teams_read",
    [PERM_TEAMS_WRITE] = "teams_write",
    [PERM_REPORTS_FILL] = "reports_fill",
    [PERM_TRAININGS_WRITE] = "trainings_write",
    [PERM_PRACTICES_WRITE] = "practices_write",
};

int cmd_routes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	const struct route *tables[] = {web_routes, api_routes};
	size_t counts[] = {web_routes_count, api_routes_count};
	const size_t named = sizeof perm_names / sizeof *perm_names;
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < counts[t]; i++) {
			/* a permission without a name shows as MISSING: the route
			 * table test fails on it */
			size_t p = (size_t)tables[t][i].perm;
			printf("%s\t%s\t%s\n", tables[t][i].method, tables[t][i].pattern,
			       p < named && perm_names[p] ? perm_names[p] : "MISSING");
		}
	return 0;
}
