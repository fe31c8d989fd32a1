/* trainings.h: trainings of the teams (bồi dưỡng, tập huấn, G4, G12): a
 * course or session organised for a province or a commune, often given by
 * an enterprise; the platforms it covers; the teams invited; each member's
 * attendance and completion.
 *
 * Who sees a training: those whose area holds its unit, lies inside it, or
 * holds a team it invited; an enterprise user sees only its enterprise's.
 * Who manages it (edits, invites): officers whose area holds its unit,
 * and the enterprise that gives it. Its invited teams, their members and
 * attendance are seen and recorded only within one's own area: by those
 * who manage it, and by the officers of the teams' communes. */
#ifndef LANGSO_TRAININGS_H
#define LANGSO_TRAININGS_H
#include "core/accounts.h"
#include "core/result.h"

enum training_mode { MODE_IN_PERSON, MODE_ONLINE };

struct training {
	long long id, unit_id, enterprise_id;
	const char *title, *unit, *enterprise; /* enterprise: "" when none */
	const char *trainers, *place, *link, *topics, *materials;
	enum training_mode mode;
	char starts_on[11], ends_on[11];
	long long *platforms; /* ids, nplatforms of them */
	int nplatforms;
	long long teams, present, completed; /* invited; members present, completed */
	int may_manage;
};

struct training_input {
	long long unit_id; /* the unit it is for, or 0 and its code: */
	const char *title, *unit_code, *enterprise, *trainers, *mode, *place, *link;
	const char *starts_on, *ends_on, *topics, *materials;
	const long long *platforms; /* ids of the catalogue's platforms */
	int nplatforms;
};

#define TRAININGS_PAGE_MAX 200

/* trainings_mode_parse: "in_person" or "online"; -1 for anything else. */
int trainings_mode_parse(const char *text, enum training_mode *m);
const char *trainings_mode_name(enum training_mode m);

/* trainings_create: a new training; unit_code names the province or
 * commune it is for (an enterprise user: one of its communes, and the
 * training is its enterprise's). Errors by field in fe. */
int trainings_create(struct db *db, struct arena *ra, const struct user *who,
		     const struct training_input *in, struct field_errors *fe, long long *id);
/* trainings_import: trainings from a CSV file (columns title, unit_code,
 * starts_on, and any of enterprise, mode, place, link, ends_on, trainers,
 * platforms, topics, materials; or their Vietnamese headers), all or
 * nothing; a row naming a training already there (same unit, title and
 * first day) is left unchanged. Errors by line and column in r. */
struct import_result;
int trainings_import(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, struct import_result *r);

/* A training's material kept as a file. */
struct training_file {
	long long id;
	const char *name, *mime;
	long long bytes;
};

#define TRAINING_FILE_MAX (10 * 1024 * 1024)
#define TRAINING_FILES_MAX 20

/* trainings_files: the files of training id (who must have read it with
 * trainings_get). */
int trainings_files(struct db *db, struct arena *a, long long id, struct training_file **out,
		    int *n);
/* trainings_add_file: one who manages training id adds a file: a PDF, an
 * image, an Office or OpenDocument file by its content, at most
 * TRAINING_FILE_MAX bytes and TRAINING_FILES_MAX files. */
int trainings_add_file(struct db *db, struct arena *a, const struct user *who, long long id,
		       const char *filename, const void *data, size_t len, struct field_errors *fe,
		       long long *file);
/* trainings_file: a file of training id who sees, its bytes into *data. */
int trainings_file(struct db *db, struct arena *a, const struct user *who, long long id,
		   long long file, struct training_file *out, const void **data);
/* trainings_remove_file: one who manages training id removes a file. */
int trainings_remove_file(struct db *db, struct arena *a, const struct user *who, long long id,
			  long long file);

/* trainings_update: change every field of training id (its unit stays). */
int trainings_update(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const struct training_input *in, struct field_errors *fe);

/* trainings_units: the units a form offers for a training or to invite
 * teams from: who's own unit and those right below it (an enterprise's:
 * its communes), who's own first, then by name. */
struct unit_choice;
int trainings_units(struct db *db, struct arena *a, const struct user *who,
		    struct unit_choice **out, int *n);

/* trainings_list: a page of the trainings who sees, below unit when not 0
 * (held for it or a unit inside it), latest first; offset paging: *next
 * is the next page's offset, 0 after the last. */
int trainings_list(struct db *db, struct arena *a, const struct user *who, long long unit,
		   long long offset, int limit, struct training **out, int *n, long long *next);
int trainings_get(struct db *db, struct arena *a, const struct user *who, long long id,
		  struct training *out);

/* An invited team, with its members counted. */
struct training_team {
	long long team_id, village_id, commune_id;
	const char *team, *village, *commune;
	long long members, present, completed;
	int may_record; /* who may record its attendance */
};
/* trainings_teams: the teams invited to training id, by commune and
 * village; offset paging as trainings_list. */
int trainings_teams(struct db *db, struct arena *a, const struct user *who, long long id,
		    long long offset, int limit, struct training_team **out, int *n,
		    long long *next);

/* trainings_invite: invite the teams listed (ids), or every team existing
 * today below unit (0: none) in who's area, untrained ones only when
 * untrained (never trained, or not on platform when not 0;
 * TRAININGS_OWN_PLATFORM: the training's own when it covers just one).
 * Inviting a team twice changes nothing; *added counts the new ones. */
#define TRAININGS_OWN_PLATFORM (-1)
int trainings_invite(struct db *db, const struct user *who, long long id, const long long *teams,
		     int nteams, long long unit, int untrained, long long platform,
		     struct field_errors *fe, long long *added);
/* trainings_uninvite: withdraw a team's invitation (none of its members
 * marked present yet). */
int trainings_uninvite(struct db *db, const struct user *who, long long id, long long team);

/* One member of an invited team and their attendance. */
struct attendance {
	long long member_id;
	const char *name, *role;
	int recorded, present, completed;
	const char *certificate;
};
/* trainings_attendance: the members of team (invited to training id) who
 * were in it during the training, with what is recorded. */
int trainings_attendance(struct db *db, struct arena *a, const struct user *who, long long id,
			 long long team, struct attendance **out, int *n);

/* One line of a training's sign-in sheet: a member of an invited team. */
struct sheet_line {
	long long member_id;
	const char *commune, *village, *team, *name, *certificate;
	int recorded, present, completed;
};
/* trainings_sheet: the sign-in sheet of training id: every member during
 * it of the invited teams whose attendance who may record (those of
 * who's area), by commune, village, team and name, in one read. */
int trainings_sheet(struct db *db, struct arena *a, const struct user *who, long long id,
		    struct sheet_line **out, int *n);

struct attendance_input {
	long long member_id;
	int present, completed;
	const char *certificate;
};
/* trainings_attend: record the attendance of members of team at training
 * id, all in one: each member must be of the team (its line's error in fe
 * otherwise, and nothing is written); completed implies present. */
int trainings_attend(struct db *db, struct arena *ra, const struct user *who, long long id,
		     long long team, const struct attendance_input *rows, int n,
		     struct field_errors *fe);

/* trainings_attendance_import: the attendance of training id from a
 * sign-in sheet (CSV as spreadsheets write it): a row per member found by
 * phone (or member_id) among the invited teams of who's area, with
 * present (1/0, có/không; 1 when the column is missing), completed and
 * certificate. All or nothing: the errors name their line and column. */
struct import_result;
int trainings_attendance_import(struct db *db, struct arena *a, const struct user *who,
				long long id, const char *data, size_t len,
				struct import_result *r);

#endif
