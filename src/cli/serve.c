/* serve.c: langso serve. */
#include "cli/cli.h"
#include "http/server.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_serve(int argc, char **argv)
{
	struct server_config c;
	server_config_defaults(&c);
	c.db_path = cli_db_path(argc, argv);
	static char host[64];
	const char *listen = cli_opt(argc, argv, "--listen");
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
	const char *threads = cli_opt(argc, argv, "--threads");
	if (threads)
		c.threads = atoi(threads);
	c.access_log = cli_opt(argc, argv, "--access-log");
	c.secure_cookies = cli_flag(argc, argv, "--secure-cookies");

	/* Migrate (and refuse a database newer than this binary) before serving. */
	struct db *db = cli_open_db(argc, argv);
	if (!db)
		return 1;
	db_close(db);
	return server_run(&c);
}
