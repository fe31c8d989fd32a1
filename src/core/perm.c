/* perm.c: which roles have which permission. */
#include "core/perm.h"
#include <string.h>

static int role_in(const char *role, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(role, *list) == 0)
			return 1;
	return 0;
}

int perm_allows(const char *role, enum perm p)
{
	static const char *const importers[] = {"admin",    "ministry", "province",
						"district", "commune",	NULL};
	static const char *const auditors[] = {"admin", "ministry", "province", NULL};
	switch (p) {
	case PERM_PUBLIC:
	case PERM_UNITS_READ:
		return 1;
	case PERM_SIGNED_IN:
		return role != NULL;
	case PERM_UNITS_IMPORT:
	case PERM_USERS_MANAGE:
		return role && role_in(role, importers);
	case PERM_TEAMS_READ:
		return role != NULL;
	case PERM_TEAMS_WRITE:
		return role && role_in(role, importers);
	case PERM_REPORTS_FILL:
		return role && (role_in(role, importers) || strcmp(role, "team") == 0);
	case PERM_AUDIT_READ:
		return role && role_in(role, auditors);
	case PERM_MISSING:
		break;
	}
	return 0;
}
