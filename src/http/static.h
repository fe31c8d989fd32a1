/* static.h: assets embedded in the binary, served with ETag and a long
 * cache lifetime; pages link them by a versioned URL. */
#ifndef LANGSO_STATIC_H
#define LANGSO_STATIC_H
#include "http/req.h"

/* static_init: compute the assets' ETags; call once before serving. */
void static_init(void);

/* static_url: "/static/NAME?v=ETAG" for the asset NAME (a static string). */
const char *static_url(const char *name);

/* static_serve: the handler of GET /static/... */
void static_serve(struct req *r);

#endif
