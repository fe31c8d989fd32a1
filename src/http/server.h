/* server.h: the HTTP server (libmicrohttpd, epoll, a thread pool). */
#ifndef LANGSO_SERVER_H
#define LANGSO_SERVER_H
#include <stddef.h>

struct route;

struct server_config {
	const char *db_path;
	const char *host;	   /* listen address, e.g. "127.0.0.1" */
	int port;		   /* 0: any free port (printed) */
	int threads;		   /* worker threads; 0 = number of cores */
	int connection_limit;	   /* open connections in total */
	int per_ip_limit;	   /* open connections per client address */
	int timeout;		   /* idle connection timeout, seconds */
	int head_timeout;	   /* seconds to send a whole request head */
	int body_timeout;	   /* seconds to send a whole request body */
	int max_heads;		   /* connections sending their head at once */
	size_t memory_limit;	   /* per-connection buffer, bytes */
	int secure_cookies;	   /* behind TLS: mark cookies Secure */
	const char *access_log;	   /* file for the JSON-lines access log; NULL: stderr; "-": none */
	long long clock_offset;	   /* seconds added to the system clock (serve --clock) */
	const char *trusted_proxy; /* proxies (a,b,...) whose X-Forwarded-For names the client */
	const char *public_url;	   /* the site's address for links sent away; NULL: from Host */
	const struct route *web_routes, *api_routes; /* what it serves (web/, api/) */
	size_t web_routes_count, api_routes_count;
};

/* A form sent after its session ended rides through sign-in as &keep=,
 * an escaped query string of at most this many bytes (server.c). */
#define SERVER_KEEP_MAX 4096

void server_config_defaults(struct server_config *c);

/* server_run: serve until SIGINT or SIGTERM, then finish the requests in
 * flight, close the database and return 0; non-zero if it cannot start. */
int server_run(const struct server_config *c);

/* The configuration in force (read-only once serving). */
extern const struct server_config *server_cfg;

#endif
