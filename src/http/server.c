/* server.c: the HTTP server: libmicrohttpd set-up with every limit explicit,
 * the request life cycle (body, dispatch, buffered reply), security headers,
 * the access log and a clean stop on SIGINT/SIGTERM. */
#include "http/server.h"
#include "core/audit.h"
#include "core/idempotency.h"
#include "core/rollup.h"
#include "core/result.h"
#include "core/tokens.h"
#include "http/form.h"
#include "http/req.h"
#include "http/respond.h"
#include "http/router.h"
#include "http/static.h"
#include "http/watch.h"
#include "util/alloc.h"
#include "util/escape.h"
#include "util/gzip.h"
#include "util/jw.h"
#include "util/log.h"
#include "util/text.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <ctype.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

const struct server_config *server_cfg;
static atomic_int in_flight;
static FILE *access_log;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void server_config_defaults(struct server_config *c)
{
	memset(c, 0, sizeof *c);
	c->db_path = "langso.db";
	c->host = "127.0.0.1";
	c->port = 8080;
	c->connection_limit = 1024;
	c->per_ip_limit = 256;
	c->timeout = 30;
	c->memory_limit = 64 * 1024;
	c->head_timeout = 15;
	c->body_timeout = 120;
	c->max_heads = 256;
}

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- request data ------------------------------------------------------ */

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_form(struct req *r, const char *name)
{
	for (int i = 0; i < r->nform; i++)
		if (!r->form[i].filename && strcmp(r->form[i].name, name) == 0)
			return r->form[i].value;
	return NULL;
}

const struct form_field *req_file(struct req *r, const char *name)
{
	for (int i = 0; i < r->nform; i++)
		if (r->form[i].filename && strcmp(r->form[i].name, name) == 0)
			return &r->form[i];
	return NULL;
}

long long req_param_id(struct req *r, int n)
{
	if (n >= r->nparams)
		return 0;
	const char *s = r->params[n];
	long long v = 0;
	if (!*s || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < REQ_MAX_HEADERS) {
		r->hnames[r->nheaders] = name;
		r->hvalues[r->nheaders++] = value;
	}
}

void req_redirect(struct req *r, int status, const char *location)
{
	r->status = status;
	buf_reset(&r->out);
	r->content_type = "text/plain; charset=utf-8";
	req_add_header(r, "Location", location);
}

const char *req_t(struct req *r, const char *msgid)
{
	return i18n_get(r->lang, msgid);
}

void req_fail(struct req *r, const char *what)
{
	unsigned id = (unsigned)randombytes_random();
	char *eid = arena_printf(&r->arena, "%08x", id);
	log_msg(LOG_ERROR, "error %s: %s %s: %s", eid, r->method, r->path, what);
	respond_error(r, 500, "internal",
		      "Something went wrong on the server (error %s). "
		      "Nothing was changed. Please try again.",
		      eid);
}

/* --- checks before the handler ----------------------------------------- */

/* MHD's unescaping of the path and the query (see url_unescape_strict). */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return url_unescape_strict(s);
}

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	(void)kind;
	int *bad = cls;
	if (!utf8_valid(key, strlen(key)) || (value && !utf8_valid(value, strlen(value)))) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

/* A header's name must be an HTTP token: no control character, space or
 * separator. */
static enum MHD_Result check_header_name(void *cls, enum MHD_ValueKind kind, const char *key,
					 const char *value)
{
	(void)kind;
	(void)value;
	int *bad = cls;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		if (!isalnum(*p) && !strchr("!#$%&'*+-.^_`|~", *p)) {
			*bad = 1;
			return MHD_NO;
		}
	return MHD_YES;
}

static void choose_lang(struct req *r)
{
	int l = i18n_parse(req_query(r, "lang"));
	if (l >= 0) {
		r->lang = (enum lang)l;
		req_add_header(r, "Set-Cookie",
			       l == LANG_EN ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
					    : "lang=vi; Path=/; Max-Age=31536000; SameSite=Lax");
		return;
	}
	l = i18n_parse(req_cookie(r, "lang"));
	r->lang = l >= 0 ? (enum lang)l : i18n_accept(req_header(r, "Accept-Language"));
}

/* A request from another site's page: its Origin names another host. */
static int foreign_origin(struct req *r)
{
	const char *origin = req_header(r, "Origin");
	const char *host = req_header(r, "Host");
	if (!origin)
		return 0;
	if (!host || strcmp(origin, "null") == 0)
		return 1;
	const char *p = strstr(origin, "://");
	return !p || strcasecmp(p + 3, host) != 0;
}

/* A form sent after its session ended (30 idle minutes on a slow
 * village afternoon): its fields, but secrets and files, ride along
 * to the sign-in page as &keep=(a query string), and from there back to
 * the page, which fills them in again. Nothing is kept on the server;
 * forms too large for an address keep nothing. */
static void kept_fields(struct req *r, struct buf *loc)
{
	if (strcmp(r->method, "POST") != 0 || foreign_origin(r) ||
	    form_parse(r, req_header(r, "Content-Type")) != FORM_OK)
		return;
	struct buf q = BUF_INIT;
	for (int i = 0; i < r->nform; i++) {
		const struct form_field *f = &r->form[i];
		/* never a secret in an address (logs, history): no token,
		 * password or sign-in code rides along */
		if (f->filename || strcmp(f->name, "csrf") == 0 || strlen(f->value) != f->len ||
		    strstr(f->name, "password") || strcmp(f->name, "again") == 0 ||
		    strcmp(f->name, "code") == 0 || strcmp(f->name, "token") == 0)
			continue;
		if (q.len)
			buf_putc(&q, '&');
		url_escape(&q, f->name);
		buf_putc(&q, '=');
		url_escape(&q, f->value);
	}
	if (q.len && q.len <= SERVER_KEEP_MAX) {
		buf_puts(loc, "&keep=");
		url_escape(loc, buf_cstr(&q));
	}
	buf_release(&q);
}

/* The signed-in user: an API token (Authorization: Bearer) or the
 * session cookie. */
static void load_session(struct req *r)
{
	const char *auth = req_header(r, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		struct user *u = arena_alloc(&r->arena, sizeof *u);
		if (tokens_auth(r->db, &r->arena, auth + 7, r->now, u) == RES_OK)
			r->user = u;
		r->bearer = 1;
		return;
	}
	const char *sid = req_cookie(r, "sid");
	if (!sid || strlen(sid) > 128)
		return;
	struct user *u = arena_alloc(&r->arena, sizeof *u);
	if (accounts_session(r->db, &r->arena, sid, r->now, u) == RES_OK) {
		r->user = u;
		r->session_token = sid;
	}
}

/* A signed-in user was refused a route: leave an audit row. */
static void audit_denial(struct req *r)
{
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "method", r->method);
	jw_kv_str(&j, "path", r->path);
	jw_obj_end(&j);
	if (db_begin(r->db) == DB_OK) {
		if (audit_log(r->db, r->user, "denied", "route", 0, 0, buf_cstr(&d)) == 0)
			db_commit(r->db);
		else
			db_rollback(r->db);
	}
	buf_release(&d);
}

/* run_write: the handler, and for a request with an Idempotency-Key its
 * lookup and kept answer. The kept answer is written in the same
 * transaction as the work, so a crash commits both or neither; the lookup
 * runs under the write lock, so two retries at once cannot both do the
 * work. */
static void run_write(struct req *r, const char *key)
{
	const struct route *rt = r->route;
	int base = r->db->depth;
	if (key) {
		if (db_begin(r->db) != DB_OK) {
			req_fail(r, "idempotency: begin");
			return;
		}
		struct idem_answer ans;
		int rc = idem_lookup(r->db, &r->arena, r->user->id, key, r->method, r->path, &ans);
		if (rc != RES_NOT_FOUND) {
			db_rollback(r->db);
			if (rc == RES_OK) {
				r->status = ans.status;
				r->content_type = ans.content_type;
				buf_append(&r->out, ans.body, ans.len);
				req_add_header(r, "Idempotent-Replayed", "true");
			} else if (rc == RES_CONFLICT) {
				respond_error(r, 422, "idempotency_key_reused",
					      "This Idempotency-Key was used for another request.",
					      NULL);
			} else {
				req_fail(r, "idempotency: lookup");
			}
			return;
		}
	}
	rt->handler(r);
	if (!r->status)
		r->status = 200;
	if (key) {
		while (r->db->depth > base + 1) { /* a handler left a savepoint open */
			log_msg(LOG_ERROR, "%s %s left a transaction open", r->method, r->path);
			db_rollback(r->db);
		}
		int ok = 1;
		if (r->status >= 200 && r->status < 300) {
			struct idem_answer ans = {r->status,
						  r->content_type ? r->content_type : "text/html",
						  r->out.data, r->out.len};
			ok = idem_store(r->db, r->user->id, key, r->method, r->path, &ans,
					r->now) == RES_OK;
		}
		if (!ok || db_commit(r->db) != DB_OK) {
			db_rollback(r->db);
			req_fail(r, "idempotency: commit");
		}
	}
	if (r->db->depth > base) { /* a handler left its transaction open: it
				      would keep every other writer waiting */
		log_msg(LOG_ERROR, "%s %s left a transaction open", r->method, r->path);
		while (r->db->depth > base)
			db_rollback(r->db);
		req_fail(r, "transaction left open");
	}
}

static void dispatch(struct req *r)
{
	const char *allow = r->allow ? r->allow : "";
	int bad = 0;
	if (!utf8_valid(r->path, strlen(r->path)))
		bad = 1;
	else
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &bad);
	if (!bad)
		MHD_get_connection_values(r->conn, MHD_HEADER_KIND, check_header_name, &bad);
	choose_lang(r);
	if (bad) {
		respond_error(r, 400, "bad_address",
			      "The address or a header's name is not valid text: a control "
			      "character, or not UTF-8.",
			      NULL);
		return;
	}
	if (!r->route) {
		if (*allow) {
			req_add_header(r, "Allow", arena_strdup(&r->arena, allow));
			respond_error(r, 405, "method_not_allowed",
				      "This address does not accept this method.", NULL);
		} else {
			respond_error(r, 404, "not_found", "There is no such page.", NULL);
		}
		return;
	}
	if (r->body_too_large) {
		size_t max = r->body_max;
		respond_error(
		    r, 413, "too_large", "The data sent is larger than this address takes (%s).",
		    max >= 1024 * 1024 ? arena_printf(&r->arena, "%zu MB", max / (1024 * 1024))
		    : max >= 1024      ? arena_printf(&r->arena, "%zu KB", max / 1024)
				       : arena_printf(&r->arena, "%zu bytes", max));
		return;
	}
	r->db = db_thread();
	if (!r->db) {
		req_fail(r, "no database connection");
		return;
	}
	load_session(r);
	const struct route *rt = r->route;
	if (!perm_allows(r->user ? r->user->role : NULL, rt->perm)) {
		if (!r->user && !r->is_api) {
			struct buf loc = BUF_INIT;
			buf_puts(&loc, "/login?next=");
			url_escape(&loc, r->path);
			kept_fields(r, &loc);
			req_redirect(r, 303, arena_strdup(&r->arena, buf_cstr(&loc)));
			buf_release(&loc);
		} else if (!r->user) {
			respond_error(r, 401, "unauthenticated", "Please sign in first.", NULL);
		} else {
			audit_denial(r);
			respond_error(r, 403, "forbidden", "You may not do this.", NULL);
		}
		return;
	}
	if (strcmp(rt->method, "GET") != 0) {
		if (foreign_origin(r)) {
			respond_error(r, 403, "foreign_origin",
				      "This request came from another site and was refused.", NULL);
			return;
		}
		int frc = form_parse(r, req_header(r, "Content-Type"));
		if (frc == FORM_BAD_UTF8) {
			respond_error(r, 400, "bad_utf8",
				      "The form holds text that is not valid UTF-8.", NULL);
			return;
		}
		if (frc == FORM_TOO_MANY) {
			size_t max = rt->max_fields ? rt->max_fields : FORM_FIELDS_DEFAULT;
			respond_error(r, 413, "too_many_fields",
				      "The form has more than %s fields.",
				      arena_printf(&r->arena, "%zu", max));
			return;
		}
		if (frc != FORM_OK) {
			respond_error(r, 400, "bad_form", "The form data could not be read.", NULL);
			return;
		}
		if (!(rt->flags & ROUTE_NO_CSRF) && r->user && !r->bearer) {
			const char *t = req_form(r, "csrf");
			if (!t)
				t = req_header(r, "X-CSRF-Token");
			if (!t || strcmp(t, r->user->csrf) != 0) {
				respond_error(
				    r, 403, "csrf",
				    "This form has expired. Please reload the page and try again.",
				    NULL);
				return;
			}
		}
	}
	/* A retried request with the same Idempotency-Key gets the first answer. */
	const char *key =
	    strcmp(rt->method, "GET") != 0 && r->user ? req_header(r, "Idempotency-Key") : NULL;
	if (key && (strlen(key) > 200 || !*key)) {
		respond_error(r, 400, "bad_idempotency_key",
			      "The Idempotency-Key must have 1 to 200 characters.", NULL);
		return;
	}
	run_write(r, key);
}

/* --- the reply ---------------------------------------------------------- */

static enum MHD_Result send_reply(struct req *r)
{
	watch_replied(r->watch);
	const char *type = r->content_type ? r->content_type : "text/html; charset=utf-8";
	int shared = 0; /* public: the same bytes for everyone (static assets) */
	for (int i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->hnames[i], "Cache-Control") == 0 &&
		    strncmp(r->hvalues[i], "public", 6) == 0)
			shared = 1;
	/* text worth packing goes out with gzip to a client that takes it (a
	 * static asset comes packed already); a cache keeps each encoding
	 * apart (Vary) */
	int packed = r->packed;
	if (!packed && gzip_worth(type, r->out.len) &&
	    gzip_accepted(
		MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Encoding"))) {
		struct buf z = BUF_INIT;
		if (gzip_pack(r->out.data, r->out.len, &z) == 0 && z.len < r->out.len) {
			buf_release(&r->out);
			r->out = z;
			packed = 1;
		} else {
			buf_release(&z);
		}
	}
	size_t len = r->out.len;
	r->sent = len;
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(len, buf_detach(&r->out), MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", type);
	if (packed)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
				"base-uri 'none'; form-action 'self'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	int has_cache = 0;
	for (int i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->hnames[i], r->hvalues[i]);
		if (strcasecmp(r->hnames[i], "Cache-Control") == 0)
			has_cache = 1;
	}
	if (!has_cache)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(
	    resp, "Vary", shared ? "Accept-Encoding" : "Cookie, Accept-Language, Accept-Encoding");
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* The client's address: the peer's, or behind a trusted proxy (one of the
 * comma-separated --trusted-proxy addresses) the last address that proxy
 * added to X-Forwarded-For. */
static const char *client_address(struct req *r)
{
	char ip[INET6_ADDRSTRLEN] = "";
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ip,
				  sizeof ip);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, ip,
				  sizeof ip);
	}
	const char *proxies = server_cfg->trusted_proxy;
	const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
	int trusted = 0;
	for (const char *p = proxies; p && *p && !trusted;) {
		size_t n = strcspn(p, ",");
		trusted = n == strlen(ip) && strncmp(p, ip, n) == 0;
		p += n + (p[n] == ',');
	}
	if (trusted && xff) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		size_t n = strcspn(last, " ");
		if (n > 0 && n < INET6_ADDRSTRLEN)
			return arena_printf(&r->arena, "%.*s", (int)n, last);
	}
	return arena_strdup(&r->arena, ip);
}

static void log_access(struct req *r, size_t bytes)
{
	if (!access_log)
		return;
	const char *ip = r->client ? r->client : "";
	char ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct buf line = BUF_INIT;
	struct jw j;
	jw_init(&j, &line);
	jw_obj_begin(&j);
	jw_kv_str(&j, "time", ts);
	jw_kv_str(&j, "ip", ip);
	jw_kv_str(&j, "method", r->method);
	jw_kv_str(&j, "path", utf8_valid(r->path, strlen(r->path)) ? r->path : "(invalid)");
	jw_kv_int(&j, "status", r->status);
	jw_kv_int(&j, "bytes", (long long)bytes);
	jw_key(&j, "ms");
	jw_num(&j, (double)(long long)((now_mono() - r->started) * 1e5) / 100.0);
	if (r->user)
		jw_kv_str(&j, "user", r->user->username);
	jw_obj_end(&j);
	buf_putc(&line, '\n');
	pthread_mutex_lock(&log_lock);
	fwrite(line.data, 1, line.len, access_log);
	fflush(access_log);
	pthread_mutex_unlock(&log_lock);
	buf_release(&line);
}

static void req_free(struct req *r)
{
	buf_release(&r->body);
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		/* First call: headers only. Find the route to know the body limit. */
		r = xcalloc(1, sizeof *r);
		atomic_fetch_add(&in_flight, 1);
		r->conn = conn;
		const union MHD_ConnectionInfo *sc =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		r->watch = sc ? sc->socket_context : NULL;
		watch_head_done(r->watch);
		r->started = now_mono();
		r->now = time(NULL) + (time_t)server_cfg->clock_offset;
		r->method = arena_strdup(&r->arena, method);
		r->path = arena_strdup(&r->arena, url);
		r->client = client_address(r);
		r->is_api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
		char allow[64];
		if (r->is_api)
			r->route = router_match(
			    server_cfg->api_routes, server_cfg->api_routes_count, method, url,
			    &r->arena, r->params, &r->nparams, allow, sizeof allow);
		else
			r->route = router_match(
			    server_cfg->web_routes, server_cfg->web_routes_count, method, url,
			    &r->arena, r->params, &r->nparams, allow, sizeof allow);
		r->body_max = r->route ? r->route->body_max : 0;
		r->allow = arena_strdup(&r->arena, allow);
		*con_cls = r;
		const char *cl =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (r->route && cl && strtoull(cl, NULL, 10) > r->body_max) {
			/* Refuse before reading the body; MHD closes the connection
			 * after this reply instead of reading what follows. */
			r->body_too_large = 1;
			dispatch(r);
			return send_reply(r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		/* Bodies of unknown routes and bodies over the limit (sent without
		 * a Content-Length) are read and dropped; the reply comes at the end. */
		if (r->route && !r->body_too_large) {
			if (r->body.len + *upload_size > r->body_max) {
				r->body_too_large = 1;
				buf_release(&r->body);
			} else {
				buf_append(&r->body, upload, *upload_size);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->status) /* the reply went out already (413) */
		return MHD_YES;
	dispatch(r);
	return send_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	struct req *r = *con_cls;
	if (!r)
		return;
	if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
		watch_next(r->watch); /* keep-alive: the next head's deadline runs */
	if (r->status)
		log_access(r, r->sent);
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

/* A connection accepted or closed: its watch (watch.h). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? watch_open(ci->connect_fd) : NULL;
	} else {
		watch_close(*socket_context);
		*socket_context = NULL;
	}
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	struct buf b = BUF_INIT;
	buf_puts(&b, "http: ");
	buf_vprintf(&b, fmt, ap);
	log_msg(LOG_ERROR, "%s", buf_cstr(&b));
	buf_release(&b);
}

int server_run(const struct server_config *c)
{
	server_cfg = c;
	/* under a supervisor, messages are JSON lines like the access log */
	log_json_lines(!isatty(STDERR_FILENO));
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)c->port);
	if (inet_pton(AF_INET, c->host, &addr.sin_addr) != 1) {
		log_msg(LOG_ERROR, "cannot listen on %s: not an IPv4 address", c->host);
		return 1;
	}
	if (!c->access_log)
		access_log = stderr;
	else if (strcmp(c->access_log, "-") != 0 && !(access_log = fopen(c->access_log, "a"))) {
		perror(c->access_log);
		return 1;
	}
	static_init();
	db_pool_init(c->db_path);
	struct watch_limits wl = {c->head_timeout, c->body_timeout, c->max_heads};
	if (watch_start(&wl) != 0) {
		log_msg(LOG_ERROR, "cannot start the connection watch");
		db_pool_close();
		return 1;
	}

	/* Worker threads inherit this mask: only the main thread takes signals. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (rollup_folder_start(c->db_path) != 0) {
		watch_stop();
		db_pool_close();
		return 1;
	}

	/* Four threads a core: a thread waiting for the disk or the database
	 * leaves the core to another, and concurrent writes can be committed
	 * together (group.c). */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads =
	    c->threads > 0 ? (unsigned)c->threads : 4 * (cores > 0 ? (unsigned)cores : 2);
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, (uint16_t)c->port,
	    NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)c->connection_limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->per_ip_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    c->memory_limit, MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_LISTEN_BACKLOG_SIZE, 512,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
	    on_connection, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (!d) {
		log_msg(LOG_ERROR, "cannot listen on %s:%d", c->host, c->port);
		rollup_folder_stop();
		watch_stop();
		db_pool_close();
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char label[512];
	db_label(c->db_path, label, sizeof label);
	log_msg(LOG_INFO, "serving %s on http://%s:%u/ with %u threads", label, c->host,
		di ? di->port : (unsigned)c->port, threads);
	fflush(stderr);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_msg(LOG_INFO, "signal %d: finishing requests in flight", sig);
	MHD_quiesce_daemon(d);
	double until = now_mono() + 10;
	while (atomic_load(&in_flight) > 0 && now_mono() < until)
		usleep(10000);
	MHD_stop_daemon(d);
	rollup_folder_stop();
	watch_stop();
	if (watch_closed())
		log_msg(LOG_INFO, "closed %lld slow connections in all", watch_closed());
	db_pool_close();
	if (access_log && access_log != stderr)
		fclose(access_log);
	log_msg(LOG_INFO, "stopped");
	return 0;
}
