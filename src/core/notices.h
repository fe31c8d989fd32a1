/* notices.h: what calls for a user now, and whether they have seen it: a
 * team's reports returned to it and its difficulties answered from above;
 * a commune's (or district's) reports waiting for its review; the
 * difficulties waiting at an officer's unit. Nothing is copied: the items
 * are the reports and difficulties themselves, and a user has read one
 * when they opened it after its last change. */
#ifndef LANGSO_NOTICES_H
#define LANGSO_NOTICES_H
#include "core/accounts.h"
#include "core/periods.h"
#include "core/result.h"
#include "util/arena.h"

enum notice_kind {
	NOTICE_RETURNED, /* a report of the team was returned (text: the reason) */
	NOTICE_ANSWERED, /* a difficulty of the team got an answer (text: the last one) */
	NOTICE_WAITING,	 /* a report waits for who's review */
	NOTICE_SENT_UP,	 /* a difficulty waits at who's unit (text: the difficulty) */
};

struct notice {
	enum notice_kind kind;
	long long id; /* the report's or the difficulty's */
	long long team_id;
	const char *team, *village, *text;
	char period[PERIOD_TEXT]; /* reports: the period, else "" */
	const char *at;		  /* the item's last change, UTC */
	int unread;
};

/* notices_list: who's items, the newest change first, at most limit
 * (1..200), and how many of all of them are unread. */
int notices_list(struct db *db, struct arena *a, const struct user *who, int limit,
		 struct notice **out, int *n, long long *unread);
/* notices_unread: how many of who's items are unread (0 on error). */
long long notices_unread(struct db *db, const struct user *who);
/* notices_seen: who opened the report (or difficulty) id: when it is one
 * of who's items and unread, it is read as it is now; otherwise nothing is
 * written. RES_OK or RES_ERROR. */
int notices_seen(struct db *db, const struct user *who, const char *entity, long long id);

#endif
