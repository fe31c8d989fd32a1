/* req.h: one HTTP request and its buffered reply, as handlers see it.
 * Everything a handler allocates comes from r->arena and is freed when the
 * request ends. The reply is buffered whole and sent with Content-Length. */
#ifndef LANGSO_REQ_H
#define LANGSO_REQ_H
#include "core/accounts.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include <stddef.h>
#include <time.h>

struct route;
struct MHD_Connection;

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 12

struct form_field {
	const char *name;
	const char *value;    /* file contents for an upload (may hold NULs) */
	size_t len;	      /* length of value */
	const char *filename; /* upload: the client's file name, else NULL */
};

struct req {
	struct MHD_Connection *conn;
	struct watch *watch; /* its connection's deadlines (watch.h) */
	struct arena arena;
	const char *method, *path;	    /* path as decoded by MHD */
	const struct route *route;	    /* the matched row, or NULL */
	const char *allow;		    /* no row: methods the path takes (405) */
	const char *params[REQ_MAX_PARAMS]; /* the {…} parts of the path, in order */
	int nparams;
	int is_api;		   /* path under /api/ */
	enum lang lang;		   /* reply language */
	struct db *db;		   /* this thread's connection */
	struct user *user;	   /* signed-in user, or NULL */
	const char *session_token; /* the session cookie, or NULL */
	int bearer;		   /* signed in by an API token (no CSRF) */
	time_t now;		   /* request time (injectable in tests) */
	const char *client;	   /* the client's address (see serve --trusted-proxy) */

	struct buf body; /* request body */
	size_t body_max; /* route's limit */
	int body_too_large;
	struct form_field *form; /* parsed form (urlencoded or multipart) */
	int nform, form_cap;

	int status; /* reply */
	const char *content_type;
	int packed; /* out is gzip already (a static asset packed once) */
	struct buf out;
	const char *hnames[REQ_MAX_HEADERS], *hvalues[REQ_MAX_HEADERS];
	int nheaders;

	double started; /* monotonic seconds */
	size_t sent;	/* reply body bytes */
};

/* Request data. Strings are NUL-terminated and valid UTF-8 (checked before
 * the handler runs), or NULL when absent. */
const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
/* req_form: a text field of the form body (NULL if absent). */
const char *req_form(struct req *r, const char *name);
/* req_file: an uploaded file's contents and length, or NULL. */
const struct form_field *req_file(struct req *r, const char *name);
/* req_param_id: the n-th {id} of the path as a positive integer, 0 if not one. */
long long req_param_id(struct req *r, int n);

/* Reply. */
void req_add_header(struct req *r, const char *name, const char *value);
void req_redirect(struct req *r, int status, const char *location);
/* req_text: a localised message for msgid. */
const char *req_t(struct req *r, const char *msgid);

/* req_fail: a program error (logged with an error id): 500 page or problem. */
void req_fail(struct req *r, const char *what);

#endif
