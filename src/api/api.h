/* api.h: the JSON API handlers named in api/routes.c. */
#ifndef LANGSO_API_H
#define LANGSO_API_H
#include "http/req.h"

void api_units_list(struct req *r);
void api_unit_get(struct req *r);
void api_openapi(struct req *r);
void api_not_found(struct req *r);

#endif
