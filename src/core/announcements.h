/* announcements.h: announcements of the management group (G9): an officer
 * of a province, a district or a commune (or the ministry) writes to an
 * area of theirs: every user there, only the teams or only the officers,
 * optionally only in communes or villages of one kind ("Phường", "Thôn").
 * Each recipient reads it (the first reading is kept: the read receipt)
 * and, when it asks for one, answers it. The author and the officers over
 * the sending unit see who has read and what was answered. */
#ifndef LANGSO_ANNOUNCEMENTS_H
#define LANGSO_ANNOUNCEMENTS_H
#include "core/accounts.h"
#include "core/result.h"

enum audience { AUDIENCE_EVERYONE, AUDIENCE_TEAMS, AUDIENCE_OFFICERS, AUDIENCE_COUNT };

/* audience_parse: "everyone", "teams", "officers"; -1 for anything else. */
int audience_parse(const char *text, enum audience *out);
const char *audience_name(enum audience a);
const char *audience_msgid(enum audience a);

struct announcement {
	long long id, unit_id, scope_unit_id;
	const char *unit, *scope; /* the sending unit's name, the area's */
	enum audience audience;
	const char *unit_kind; /* "" for any */
	const char *title, *body, *author, *posted_at;
	const char *answer_by; /* ISO day, "" when none */
	int asks_answer;
	int recipient;	       /* who is one of its recipients */
	int unread;	       /* ... and has not read it yet */
	int may_receipts;      /* who may see who read and answered */
	long long read;	       /* recipients who have read it */
	long long answers;     /* answers given */
	const char *my_answer; /* who's answer, "" when none */
};

struct announcement_input {
	const char *title, *body;
	long long scope; /* the area: a unit inside who's scope (0: who's own) */
	const char *audience, *unit_kind;
	int asks_answer;
	const char *answer_by; /* optional day */
};

#define ANNOUNCEMENTS_PAGE_MAX 100

/* announcements_post: who (an officer) writes to an area of theirs. Errors
 * by field in fe. */
int announcements_post(struct db *db, struct arena *a, const struct user *who,
		       const struct announcement_input *in, struct field_errors *fe, long long *id);

/* announcements_list: a page of those who received or may oversee, the
 * newest first; *next the offset of the next page (0 after the last). */
int announcements_list(struct db *db, struct arena *a, const struct user *who, long long offset,
		       int limit, struct announcement **out, int *n, long long *next);

/* announcements_get: one who may read; a recipient's first reading is
 * kept (committed before it returns). */
int announcements_get(struct db *db, struct arena *a, const struct user *who, long long id,
		      struct announcement *out);

/* announcements_answer: a recipient answers one that asks for it (a
 * second answer replaces the first). */
int announcements_answer(struct db *db, struct arena *a, const struct user *who, long long id,
			 const char *text, struct field_errors *fe);

struct receipt {
	long long user_id;
	const char *name, *username, *role, *unit;
	const char *read_at; /* "" when not read */
	const char *answer;  /* "" when none */
	const char *answered_at;
};

/* announcements_receipts: a page of its recipients, those who have not
 * read it first, then by unit; *total how many there are. Only for who
 * may see them (RES_FORBIDDEN otherwise). */
int announcements_receipts(struct db *db, struct arena *a, const struct user *who, long long id,
			   long long offset, int limit, struct receipt **out, int *n,
			   long long *next, long long *total);

/* announcements_unread: how many who has received and not read. */
long long announcements_unread(struct db *db, const struct user *who);

#endif
