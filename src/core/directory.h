/* directory.h: a commune's management group (G9), as a directory to make
 * its Zalo group from: the commune's leaders, the contacts of the district
 * and the province (their IT division), the enterprises that support the
 * commune, and the leaders and members of its teams. Leaders and contacts
 * are kept here (contact); members come from the rosters. Phones of
 * persons are masked for those who may not see personal data, and every
 * reading with them shown is written to the audit trail. Exported as CSV
 * and as vCard. */
#ifndef LANGSO_DIRECTORY_H
#define LANGSO_DIRECTORY_H
#include "core/accounts.h"
#include "core/result.h"
#include "i18n/i18n.h"
#include "util/buf.h"

enum dir_section {
	DIR_LEADERS,	 /* the commune's own contacts */
	DIR_ABOVE,	 /* contacts of the district, the province, the nation */
	DIR_ENTERPRISES, /* enterprises supporting the commune */
	DIR_TEAMS,	 /* the teams' current members, leaders first */
	DIR_SECTIONS
};

/* directory_section_msgid: the heading of a section. */
const char *directory_section_msgid(enum dir_section s);

struct dir_entry {
	enum dir_section section;
	long long contact_id; /* a contact (removable), else 0 */
	long long unit_id;    /* a contact's unit */
	const char *name;
	const char *title; /* a contact's title; a member's role; an enterprise's contact */
	const char *org;   /* the unit, the enterprise, the team */
	const char *place; /* a member's village */
	const char *phone; /* masked unless personal; "" when none */
	const char *email;
};

struct directory {
	long long commune;
	const char *name; /* the commune's */
	int personal;	  /* phones shown */
	int may_edit;	  /* who may add and remove contacts */
	struct dir_entry *items;
	int n;
};

/* directory_get: the directory of commune (a commune in who's scope). */
int directory_get(struct db *db, struct arena *a, const struct user *who, long long commune,
		  struct directory *out);

/* directory_csv: the directory as CSV (a BOM, ';', headers in lang). */
void directory_csv(const struct directory *d, enum lang lang, struct buf *out);
/* directory_vcard: one vCard 3.0 per person with a shown phone or an
 * email, grouped by the directory's commune. */
void directory_vcard(const struct directory *d, enum lang lang, struct buf *out);

/* directory_export: the directory as a file, CSV (vcard 0) or vCard, into
 * out, with its media type and file name. */
void directory_export(const struct directory *d, enum lang lang, int vcard, struct buf *out,
		      const char **mime, const char **name);

struct contact_input {
	const char *full_name, *title, *phone, *email;
};

/* directory_contact_add: an officer adds a contact to a unit (a commune,
 * district, province or the nation) in their scope. */
int directory_contact_add(struct db *db, struct arena *a, const struct user *who, long long unit,
			  const struct contact_input *in, struct field_errors *fe, long long *id);
/* directory_contact_remove: an officer over its unit removes contact id. */
int directory_contact_remove(struct db *db, const struct user *who, long long id);

#endif
