/* enterprises.h: the enterprises that train and support teams (G12):
 * telecom, postal, IT, banks; the communes each one supports. An enterprise
 * user works in exactly those communes. */
#ifndef LANGSO_ENTERPRISES_H
#define LANGSO_ENTERPRISES_H
#include "core/accounts.h"
#include "core/result.h"

struct enterprise {
	long long id;
	const char *name, *kind; /* kind: telecom, postal, it, bank, other */
	const char *contact_name, *contact_phone, *contact_email;
	int communes;		  /* number of communes supported */
	const char *commune_list; /* "Xã A, Xã B, ..." */
};

struct enterprise_input {
	const char *name, *kind, *contact_name, *contact_phone, *contact_email;
	const char *communes; /* commune codes separated by commas or spaces */
};

/* enterprises_list: enterprises supporting a commune in who's scope (all
 * of them for the nation; its own for an enterprise user). */
int enterprises_list(struct db *db, struct arena *a, const struct user *who,
		     struct enterprise **out, int *n);
/* enterprises_visible: may who see (and assign users to) enterprise id? */
int enterprises_visible(struct db *db, const struct user *who, long long id);
/* enterprises_find: the id of the enterprise called name, or 0. */
long long enterprises_find(struct db *db, const char *name);

/* enterprises_create: provincial officers and above; every commune must be
 * in their scope. Error strings come from ra. */
int enterprises_create(struct db *db, struct arena *ra, const struct user *who,
		       const struct enterprise_input *in, struct field_errors *fe, long long *id);

#endif
