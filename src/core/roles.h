/* roles.h: the roles of DESIGN §1, their order and the level of unit each
 * one's scope must be. */
#ifndef LANGSO_ROLES_H
#define LANGSO_ROLES_H

/* role_rank: higher ranks may grant lower ones; -1 for an unknown role. */
int role_rank(const char *role);
/* role_scope_level: the level the scope unit of role must have, or NULL
 * when any level will do (enterprise, viewer). */
const char *role_scope_level(const char *role);
/* role_names: the roles from highest to lowest, NULL-terminated. */
extern const char *const role_names[];

#endif
