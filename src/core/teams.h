/* teams.h: Community Digital Technology Teams (G2, G3, G7) and their
 * members: one active team per village, set up by a decision of the commune
 * chairman; members with their role, affiliation and consent record.
 * Officers of commune level and above change teams inside their area;
 * everyone signed in reads what their scope holds. Phone numbers and birth
 * years are shown only to those who need them, and every such read is
 * audited. */
#ifndef LANGSO_TEAMS_H
#define LANGSO_TEAMS_H
#include "core/accounts.h"
#include "core/result.h"

enum team_warning {
	TEAM_FEW_MEMBERS = 1,	  /* fewer than 3 active members */
	TEAM_NO_LEADER = 2,	  /* no active leader */
	TEAM_NO_VILLAGE_HEAD = 4, /* the village head is not on the team */
};

struct team {
	long long id, unit_id, commune_id;
	const char *name, *village, *commune;
	const char *decision_no, *decision_date, *decided_by; /* ISO date or "" */
	long long scan_id;				      /* 0: no scan */
	const char *established_on, *dissolved_on, *dissolved_reason;
	const char *group_name, *group_link;
	long long households, households_in_group; /* -1: not known */
	int active_members;
	unsigned warnings; /* enum team_warning */
};

struct team_input {
	const char *name;
	const char *decision_no, *decision_date, *decided_by; /* dates: dd/mm/yyyy or ISO */
	const char *established_on;
	const char *group_name, *group_link;
	const char *households, *households_in_group; /* text as typed; "" = unknown */
};

struct member {
	long long id, team_id;
	const char *full_name;
	int birth_year;		    /* 0: not known or masked */
	const char *gender, *phone; /* phone normalised, or masked "09x xxx x123" */
	const char *role, *affiliation;
	const char *joined_on, *left_on, *consent_on, *consent_how;
	int phone_shared; /* another active member of the province has this phone */
};

struct member_input {
	const char *full_name, *birth_year, *gender, *phone, *role, *affiliation;
	const char *joined_on, *consent_on, *consent_how;
};

struct team_filter {
	long long unit;	 /* 0: the caller's scope */
	const char *q;	 /* NULL, or words of a team, village or member name */
	int dissolved;	 /* include dissolved teams */
	long long after; /* cursor */
	int limit;	 /* 1..500 */
};

/* phone_normalize: a Vietnamese mobile number in any usual form (+84 912
 * 345 678, 0912.345.678, the old 11-digit 01xx numbers) into 0xxxxxxxxx.
 * Returns 0, or -1 when it is not a mobile number. */
int phone_normalize(const char *in, char out[11]);
/* phone_mask: "09x xxx x678" for a normalised number. */
void phone_mask(const char *phone, char out[16]);
/* members_personal_visible: may who see phones and birth years (inside
 * their scope)? */
int members_personal_visible(const struct user *who);
/* teams_may_write: may who's role change teams and members? */
int teams_may_write(const struct user *who);

int teams_list(struct db *db, struct arena *a, const struct user *who, const struct team_filter *f,
	       struct team **out, int *n, long long *next);
/* teams_own: the team a team member works for: the one active team of
 * who's village. RES_NOT_FOUND for another role, or when the village has
 * no active team. */
int teams_own(struct db *db, struct arena *a, const struct user *who, struct team *out);
/* teams_get: RES_NOT_FOUND when missing or outside who's scope. */
int teams_get(struct db *db, struct arena *a, const struct user *who, long long id,
	      struct team *out);
/* teams_of_village: the active team of a village (RES_NOT_FOUND if none). */
int teams_of_village(struct db *db, struct arena *a, const struct user *who, long long village,
		     struct team *out);
/* teams_history: the dissolved teams of a village, newest first. */
int teams_history(struct db *db, struct arena *a, const struct user *who, long long village,
		  struct team **out, int *n);

int teams_create(struct db *db, const struct user *who, long long village,
		 const struct team_input *in, struct field_errors *fe, long long *id);
int teams_update(struct db *db, const struct user *who, long long id, const struct team_input *in,
		 struct field_errors *fe);
int teams_dissolve(struct db *db, const struct user *who, long long id, const char *date,
		   const char *reason, struct field_errors *fe);
/* teams_set_scan: attach the scanned decision: PDF, JPEG or PNG (checked by
 * content), at most 5 MB. */
int teams_set_scan(struct db *db, const struct user *who, long long id, const char *filename,
		   const void *data, size_t len, struct field_errors *fe);
int teams_scan(struct db *db, struct arena *a, const struct user *who, long long id,
	       const char **mime, const void **data, size_t *len);

/* members_list: the members of a team (with those who left when
 * with_left); personal data masked unless who may see it, and then one
 * audit row names the members read. */
int members_list(struct db *db, struct arena *a, const struct user *who, long long team,
		 int with_left, struct member **out, int *n);
int members_add(struct db *db, const struct user *who, long long team,
		const struct member_input *in, struct field_errors *fe, long long *id);
int members_update(struct db *db, const struct user *who, long long id,
		   const struct member_input *in, struct field_errors *fe);
int members_leave(struct db *db, const struct user *who, long long id, const char *date,
		  struct field_errors *fe);
/* members_team: the team of member id, if who may see it (else 0). */
long long members_team(struct db *db, const struct user *who, long long id);

/* Checked and normalised team fields. */
struct team_values {
	char name[256], decision_no[64], decided_by[256], group_name[256], group_link[512];
	char decision_date[11], established_on[11];
	long long households, households_in_group; /* -1: unknown */
};

/* teams_check: check and normalise a team's fields (errors into fe). */
void teams_check(const struct team_input *in, struct team_values *v, struct field_errors *fe);
/* teams_insert: a new team of village from checked values, inside the
 * caller's transaction (no audit row: the caller writes it). RES_CONFLICT
 * when the village has an active team. */
int teams_insert(struct db *db, long long village, const struct team_values *v, long long *id);

/* Checked member fields. */
struct member_values {
	char name[256], fold[256], phone[11], joined[11], consent_on[11], consent_how[256];
	int birth_year; /* 0: unknown */
	const char *gender, *role, *affiliation;
};

/* members_check: check and normalise a member's fields (errors into fe). */
void members_check(const struct member_input *in, struct member_values *v, struct field_errors *fe);
/* members_insert: a new member from checked values, inside the caller's
 * transaction (no audit row). */
int members_insert(struct db *db, long long team, long long province, const struct member_values *v,
		   long long *id);
/* teams_province: the province above a unit (0 if none). */
long long teams_province(struct db *db, long long unit);

/* The English msgids naming coded values (translate with i18n_get). */
const char *member_role_msgid(const char *code);
const char *affiliation_msgid(const char *code);
const char *gender_msgid(const char *code);

/* Parsing of the coded fields, as typed in forms and files (Vietnamese or
 * English): NULL when the text names none. */
const char *member_role_code(const char *text);
const char *member_gender_code(const char *text);
const char *member_affiliation_code(const char *text);

#endif
