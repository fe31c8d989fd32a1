/* roles.c: the roles: one table for their names, order, scopes, labels
 * and powers. */
#include "core/roles.h"
#include "i18n/i18n.h"
#include <string.h>

static const struct {
	const char *name;
	int rank;
	const char *scope_level; /* NULL: any */
	const char *label;	 /* msgid */
	int officer, auditor;
} roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = {"admin", 100, "nation", N_("Administrator"), 1, 1},
    [ROLE_MINISTRY] = {"ministry", 90, "nation", N_("Ministry officer"), 1, 1},
    [ROLE_PROVINCE] = {"province", 80, "province", N_("Provincial officer"), 1, 1},
    [ROLE_DISTRICT] = {"district", 70, "district", N_("District officer"), 1, 0},
    [ROLE_COMMUNE] = {"commune", 60, "commune", N_("Commune officer"), 1, 0},
    [ROLE_ENTERPRISE] = {"enterprise", 50, NULL, N_("Enterprise"), 0, 0},
    [ROLE_TEAM] = {"team", 40, "village", N_("Team member"), 0, 0},
    [ROLE_VIEWER] = {"viewer", 30, NULL, N_("Viewer"), 0, 0},
};

const char *const role_names[] = {"admin",	"ministry", "province", "district", "commune",
				  "enterprise", "team",	    "viewer",	NULL};

enum role role_of(const char *name)
{
	for (int i = 0; name && i < ROLE_COUNT; i++)
		if (strcmp(name, roles[i].name) == 0)
			return (enum role)i;
	return ROLE_UNKNOWN;
}

const char *role_name(enum role r)
{
	return r > ROLE_UNKNOWN && r < ROLE_COUNT ? roles[r].name : "";
}

const char *role_label_msgid(enum role r)
{
	return r > ROLE_UNKNOWN && r < ROLE_COUNT ? roles[r].label : "";
}

int role_rank(const char *role)
{
	enum role r = role_of(role);
	return r == ROLE_UNKNOWN ? -1 : roles[r].rank;
}

const char *role_scope_level(const char *role)
{
	enum role r = role_of(role);
	return r == ROLE_UNKNOWN ? NULL : roles[r].scope_level;
}

int role_is_officer(enum role r)
{
	return r > ROLE_UNKNOWN && r < ROLE_COUNT && roles[r].officer;
}

int role_is_auditor(enum role r)
{
	return r > ROLE_UNKNOWN && r < ROLE_COUNT && roles[r].auditor;
}
