/* roster.h: teams and members in and out of files: the import of a roster
 * (one CSV row per member, as Excel writes it on Vietnamese settings; all
 * or nothing) and the roster of an area for export (CSV, XLSX). */
#ifndef LANGSO_ROSTER_H
#define LANGSO_ROSTER_H
#include "core/teams.h"

/* roster_import_csv: create the teams and members of a CSV file. Columns
 * (English names or the Vietnamese headers of the template): commune_code,
 * village (name or code), team_name, decision_no, decision_date, member_name,
 * birth_year, gender, phone, role, affiliation. Rows of the same village
 * form one team; a village that already has an active team is an error.
 * Returns RES_OK (r->added = members, r->rows), RES_INVALID (errors with
 * line and column; nothing written) or RES_ERROR. */
int roster_import_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		      size_t len, struct import_result *r, int *teams_added);

/* roster_template: the CSV template (BOM, ';', CRLF) for lang "vi"/"en". */
const char *roster_template(const char *lang);

/* One line of a roster: a member of an active team. */
struct roster_row {
	const char *commune_code, *commune, *village, *team, *decision_no, *decision_date;
	const char *member, *gender, *phone, *role, *affiliation;
	int birth_year;
};

struct roster {
	const char *unit_name; /* the area exported */
	struct roster_row *rows;
	int n;
	int personal; /* phones and birth years are shown (else masked) */
};

/* roster_load: the members of the active teams in unit (inside who's
 * scope); personal data masked unless who may see it, and then the read is
 * audited. Returns RES_OK, RES_NOT_FOUND or RES_ERROR. */
int roster_load(struct db *db, struct arena *a, const struct user *who, long long unit,
		struct roster *out);

#endif
