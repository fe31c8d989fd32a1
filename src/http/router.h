/* router.h: the route tables (pages in web/routes.c, API in api/routes.c)
 * and their matching: method + pattern with {name} parts → handler. The
 * dispatcher checks the row's permission, sign-in, CSRF and body limit
 * before the handler runs. */
#ifndef LANGSO_ROUTER_H
#define LANGSO_ROUTER_H
#include "core/perm.h"
#include "http/req.h"
#include <stddef.h>

typedef void (*handler_fn)(struct req *r);

enum route_flag {
	ROUTE_NO_CSRF = 1, /* a POST that has no session yet (sign-in) */
};

struct route {
	const char *method;  /* "GET" (also answers HEAD), "POST", ... */
	const char *pattern; /* "/units/{id}"; a trailing "*" matches the rest */
	handler_fn handler;
	enum perm perm;	   /* never PERM_MISSING */
	unsigned flags;	   /* enum route_flag */
	size_t body_max;   /* largest request body accepted, bytes */
	size_t max_fields; /* most form fields accepted; 0: FORM_FIELDS_DEFAULT */
};

extern const struct route web_routes[];
extern const size_t web_routes_count;
extern const struct route api_routes[];
extern const size_t api_routes_count;

/* router_match: the row of table for method and path, with the {…} parts
 * (allocated from a) in params. When the path matches rows of other methods
 * only, returns NULL and writes them to allow ("GET, POST"); when nothing
 * matches, returns NULL and leaves allow empty. */
const struct route *router_match(const struct route *table, size_t n, const char *method,
				 const char *path, struct arena *a, const char **params,
				 int *nparams, char *allow, size_t allowlen);

#endif
