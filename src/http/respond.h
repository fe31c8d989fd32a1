/* respond.h: replies shared by every handler: errors in the user's language
 * (an HTML page, or RFC 9457 problem+json under /api/) and JSON bodies. */
#ifndef LANGSO_RESPOND_H
#define LANGSO_RESPOND_H
#include "http/req.h"

/* respond_set_page: the page of an HTML error (the web layer's chrome
 * around title and the message, both translated); without one, a bare
 * page. Set once at start. */
typedef void (*respond_page_fn)(struct req *r, const char *title, const char *message);
void respond_set_page(respond_page_fn fn);

/* respond_error: status with a machine code (e.g. "not_found") and a
 * message msgid (translated; %s replaced by arg when given). Replaces any
 * reply already written. */
void respond_error(struct req *r, int status, const char *code, const char *msgid, const char *arg);

/* respond_field_errors: 422 problem+json naming each field and what is
 * wrong with it, in the request's language (API only). */
struct field_errors;
void respond_field_errors(struct req *r, const struct field_errors *fe);

/* respond_result: answer a core result code that is not RES_OK (404, 403,
 * 422 with fe's fields, 500); returns 1 when rc is RES_OK and nothing was
 * answered. */
int respond_result(struct req *r, int rc, const struct field_errors *fe, const char *what);

/* respond_attachment: the reply is a file to save: its media type and
 * its file name (URL-escaped in the header as RFC 6266 says, with an ASCII
 * stand-in for older clients); the body is what the handler writes. */
void respond_attachment(struct req *r, const char *mime, const char *name);

/* respond_json: a 2xx JSON reply; the body is whatever the handler wrote to
 * r->out. */
void respond_json(struct req *r, int status);

#endif
