/* perm.h: what a route needs, and which roles have it. Every route row
 * names one; PERM_MISSING (zero) makes the route table test fail. */
#ifndef LANGSO_PERM_H
#define LANGSO_PERM_H

enum perm {
	PERM_MISSING = 0,     /* never valid in a route row */
	PERM_PUBLIC,	      /* anyone, signed in or not */
	PERM_SIGNED_IN,	      /* any signed-in user */
	PERM_UNITS_READ,      /* browse units (public reference data) */
	PERM_UNITS_IMPORT,    /* import villages into communes in scope */
	PERM_USERS_MANAGE,    /* list, create and change users in scope */
	PERM_AUDIT_READ,      /* read the audit trail of the scope */
	PERM_TEAMS_READ,      /* see the teams and members of the scope */
	PERM_TEAMS_WRITE,     /* establish, change and dissolve teams; manage members */
	PERM_REPORTS_FILL,    /* fill a team's report, raise a difficulty (teams and officers) */
	PERM_TRAININGS_WRITE, /* plan trainings, invite, record attendance */
	PERM_PRACTICES_WRITE, /* write good practices (teams and officers) */
};

/* perm_allows: 1 when a user of role (NULL: not signed in) has p. */
int perm_allows(const char *role, enum perm p);

#endif
