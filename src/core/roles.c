/* roles.c: the roles, their order and the level of their scope. */
#include "core/roles.h"
#include <string.h>

static const struct {
	const char *role;
	int rank;
	const char *scope_level; /* NULL: any */
} roles[] = {
    {"admin", 100, "nation"},	  {"ministry", 90, "nation"}, {"province", 80, "province"},
    {"district", 70, "district"}, {"commune", 60, "commune"}, {"enterprise", 50, NULL},
    {"team", 40, "village"},	  {"viewer", 30, NULL},
};

const char *const role_names[] = {"admin",	"ministry", "province", "district", "commune",
				  "enterprise", "team",	    "viewer",	NULL};

int role_rank(const char *role)
{
	for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(role, roles[i].role) == 0)
			return roles[i].rank;
	return -1;
}

const char *role_scope_level(const char *role)
{
	for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(role, roles[i].role) == 0)
			return roles[i].scope_level;
	return NULL;
}
