/* roles.h: the roles of DESIGN §1, defined once in the table of roles.c:
 * name (as stored), rank (higher ranks may grant lower ones), the level of
 * unit its scope must be, its label, and what it may do. Code decides on
 * the enum; the name is only for storage and the API. */
#ifndef LANGSO_ROLES_H
#define LANGSO_ROLES_H

enum role {
	ROLE_UNKNOWN = -1,
	ROLE_ADMIN,
	ROLE_MINISTRY,
	ROLE_PROVINCE,
	ROLE_DISTRICT,
	ROLE_COMMUNE,
	ROLE_ENTERPRISE,
	ROLE_TEAM,
	ROLE_VIEWER,
	ROLE_COUNT
};

/* role_of: the role stored as name (ROLE_UNKNOWN for anything else). */
enum role role_of(const char *name);
/* role_name: as stored ("commune"); role_label: its msgid for people. */
const char *role_name(enum role r);
const char *role_label_msgid(enum role r);
/* role_rank: higher ranks may grant lower ones; -1 for an unknown role. */
int role_rank(const char *role);
/* role_scope_level: the level the scope unit of role must have, or NULL
 * when any level will do (enterprise, viewer). */
const char *role_scope_level(const char *role);
/* role_is_officer: an officer of commune level or above (establishes
 * teams, imports, manages users, reviews reports). */
int role_is_officer(enum role r);
/* role_is_auditor: reads the audit trail (province and above). */
int role_is_auditor(enum role r);
/* role_names: the roles from highest to lowest, NULL-terminated. */
extern const char *const role_names[];

#endif
