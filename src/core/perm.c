/* perm.c: which roles have which permission. */
#include "core/perm.h"
#include "core/roles.h"
#include <string.h>

int perm_allows(const char *role, enum perm p)
{
	enum role r = role_of(role);
	switch (p) {
	case PERM_PUBLIC:
	case PERM_UNITS_READ:
		return 1;
	case PERM_SIGNED_IN:
		return role != NULL;
	case PERM_UNITS_IMPORT:
	case PERM_USERS_MANAGE:
		return role_is_officer(r);
	case PERM_TEAMS_READ:
		return role != NULL;
	case PERM_TEAMS_WRITE:
		return role_is_officer(r);
	case PERM_REPORTS_FILL:
		return role_is_officer(r) || r == ROLE_TEAM;
	case PERM_PRACTICES_WRITE:
		return role_is_officer(r) || r == ROLE_TEAM;
	case PERM_TRAININGS_WRITE:
		return role_is_officer(r) || r == ROLE_ENTERPRISE;
	case PERM_AUDIT_READ:
		return role_is_auditor(r);
	case PERM_MISSING:
		break;
	}
	return 0;
}
