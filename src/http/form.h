/* form.h: request bodies of HTML forms: urlencoded and multipart/form-data. */
#ifndef LANGSO_FORM_H
#define LANGSO_FORM_H
#include "http/req.h"

enum form_rc {
	FORM_OK = 0,
	FORM_MALFORMED = -1,
	FORM_BAD_UTF8 = -2,
	FORM_TOO_MANY = -3, /* more fields than the route takes */
};

/* The fields a form may have where its route does not say. */
#define FORM_FIELDS_DEFAULT 200

/* form_parse: parse r->body by its Content-Type into r->form (allocated from
 * r->arena). Text fields must be valid UTF-8; uploaded files are kept as
 * bytes. A body of another type leaves the form empty and returns FORM_OK. */
int form_parse(struct req *r, const char *content_type);

/* url_decode: decode %XX and '+' of s[0..n) into a new arena string. Returns
 * NULL on a bad escape. */
char *url_decode(struct arena *a, const char *s, size_t n, size_t *outlen);

#endif
