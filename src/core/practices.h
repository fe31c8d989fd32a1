/* practices.h: good practices and the national network (cách làm hay,
 * G9, G13). A team, a commune or a province writes one (title, what was
 * done in the Markdown subset, results in words and in indicator numbers,
 * its platform and domain, the place, photos); its author sends it to the
 * level above (a team's to its commune, a commune's to its province, a
 * province's to the ministry), which publishes it or returns it with a
 * note. Published practices are read by every signed-in user in the
 * country, found by words without accents and filtered by platform,
 * domain and province; a "hay" or an "đã áp dụng" (applied here) marks
 * one that spreads. Before publication a practice is seen by its author,
 * the officers of its unit's area and its reviewers. */
#ifndef LANGSO_PRACTICES_H
#define LANGSO_PRACTICES_H
#include "core/accounts.h"
#include "core/result.h"

enum practice_status { PRACTICE_DRAFT, PRACTICE_SUBMITTED, PRACTICE_RETURNED, PRACTICE_PUBLISHED };

struct practice_number {
	long long indicator_id, value;
	const char *code, *name_vi, *name_en;
};

struct practice {
	long long id, unit_id, team_id, review_unit_id, platform_id;
	enum practice_status status;
	const char *title, *body, *results, *domain, *place, *review_note;
	const char *unit, *province, *team, *review_unit, *author;
	const char *platform_code, *platform_vi, *platform_en; /* "" when none */
	const char *created_at, *published_at;
	long long likes, applied;
	int liked, applied_here; /* by the reader */
	int may_edit, may_review;
	long long *photos; /* file ids */
	int nphotos;
	struct practice_number *numbers;
	int nnumbers;
};

struct practice_input {
	const char *title, *body, *results, *platform, *domain, *place;
	/* results in numbers: indicator codes and their values */
	const char *const *codes, *const *values;
	int nvalues;
};

struct practice_query {
	const char *q;	    /* words, with or without accents */
	long long platform; /* 0: any */
	const char *domain; /* NULL: any */
	long long below;    /* 0: any; else a unit (a province) they are in */
	int mine;	    /* only who's own, whatever their state */
	int to_review;	    /* only those waiting for who's review */
	long long offset;
	int limit;
};

#define PRACTICES_PAGE_MAX 100
#define PRACTICE_PHOTOS_MAX 6

const char *practices_status_name(enum practice_status s);
const char *practices_status_msgid(enum practice_status s);

/* practices_create: a draft by who (a team member for their team, an
 * officer for their unit). Errors by field in fe. */
int practices_create(struct db *db, struct arena *ra, const struct user *who,
		     const struct practice_input *in, struct field_errors *fe, long long *id);
/* practices_update: its author changes it while it is not published. */
int practices_update(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const struct practice_input *in, struct field_errors *fe);
/* practices_submit: its author sends a draft (or a returned one) up. */
int practices_submit(struct db *db, const struct user *who, long long id, struct field_errors *fe);
/* practices_review: "publish" or "return" (with note) by an officer whose
 * area holds the practice's reviewing unit, once it was sent. */
int practices_review(struct db *db, struct arena *ra, const struct user *who, long long id,
		     const char *action, const char *note, struct field_errors *fe);

int practices_get(struct db *db, struct arena *a, const struct user *who, long long id,
		  struct practice *out);
/* practices_list: a page of q, latest first; *next the next page's offset
 * (0 after the last). Without mine or to_review: the published ones. */
int practices_list(struct db *db, struct arena *a, const struct user *who,
		   const struct practice_query *q, struct practice **out, int *n, long long *next);
/* practices_waiting: how many wait for who's review. */
long long practices_waiting(struct db *db, const struct user *who);

/* practices_mark: set (on 1) or take back (on 0) who's "like" or
 * "applied" on a published practice. */
int practices_mark(struct db *db, const struct user *who, long long id, const char *kind, int on);

/* practices_add_photo: a photo (JPEG or PNG, checked by content) of a
 * practice its author may still change: scaled to 1280 px, EXIF left out. */
int practices_add_photo(struct db *db, const struct user *who, long long id, const void *data,
			size_t len, struct field_errors *fe);
/* practices_photo: a photo of a practice who may read. */
int practices_photo(struct db *db, struct arena *a, const struct user *who, long long id,
		    long long file, const void **data, size_t *len);

#endif
