/* api.h: the JSON API handlers named in api/routes.c. */
#ifndef LANGSO_API_H
#define LANGSO_API_H
#include "http/req.h"
#include <jansson.h>

void api_units_list(struct req *r);
void api_unit_get(struct req *r);
void api_openapi(struct req *r);
/* api_body: the request body as a JSON object (free with json_decref), or
 * NULL after answering 400. */
json_t *api_body(struct req *r);
void api_session_create(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_users_list(struct req *r);
void api_teams_list(struct req *r);
void api_team_create(struct req *r);
void api_team_get(struct req *r);
void api_team_update(struct req *r);
void api_member_add(struct req *r);
void api_member_update(struct req *r);
void api_enterprises_list(struct req *r);

#endif
