/* reorg.h: units over time. Old units (the Statistics Office's pre-reform
 * list) loaded beside today's; a reorganisation (the official conversion
 * table) linking them to their successors with its legal basis and moving
 * the villages of wholly merged communes, with their teams and their
 * history; the villages of split communes waiting for the province to say
 * where each goes. See db/sqlite/018_history.sql for the rule the
 * roll-ups follow. */
#ifndef LANGSO_REORG_H
#define LANGSO_REORG_H
#include "core/accounts.h"
#include "core/periods.h"
#include "core/result.h"
#include "core/units.h"
#include "db/db.h"
#include "util/arena.h"

/* The day before the 2025 reform: the last day of the pre-reform units. */
#define REORG_NSO_UNTIL "2025-06-30"

struct nso_stats {
	int provinces, districts, communes; /* added */
	int unchanged;			    /* already there */
};

/* reorg_import_nso: load a pre-reform list in the Statistics Office's
 * layout (province, its code, district, its code, commune, its code, kind,
 * English name), valid until the ISO date until, beside today's units;
 * only the province with code province when not NULL. All or nothing;
 * errors by line and column into r. Idempotent. Returns RES_OK,
 * RES_INVALID, RES_NOT_FOUND (no such province in the file) or RES_ERROR. */
int reorg_import_nso(struct db *db, struct arena *a, const struct user *who, const char *data,
		     size_t len, const char *until, const char *province, struct nso_stats *st,
		     struct import_result *r);

#define REORG_SKIPPED_SHOWN 20
struct conversion_stats {
	int rows;	/* data rows read */
	int linked;	/* successions added */
	int moved;	/* villages moved to their new commune */
	int waiting;	/* villages of split communes waiting, after the run */
	int not_loaded; /* rows whose old province is not in the database */
	int outside;	/* rows of new communes outside who's area */
	int skipped;	/* rows naming a commune neither list has: left out */
	int skipped_lines[REORG_SKIPPED_SHOWN]; /* the first of them */
	int without_code;			/* rows naming no old unit (an area, not a unit) */
};

/* reorg_apply_conversion: apply the official conversion table (its own
 * layout: new province, new commune, its code, old commune, its code,
 * note, old district, old province) taking effect on the ISO date
 * effective, under decision (its number and date, free text). Closes the
 * old units, opens the new ones on that day, links them (whole or part,
 * from the note), moves the villages of wholly merged communes with their
 * history; the villages of split communes wait (reorg_unassigned). A row
 * whose old commune the pre-reform list does not have (abolished before
 * it was made), or whose new one today's list does not have (renumbered
 * since), is left out and counted: the official table and lists disagree
 * there, and nobody can correct them. Only
 * the rows of new communes inside who's area. All or nothing; running it
 * again changes nothing. Returns RES_OK, RES_INVALID (r says where),
 * RES_FORBIDDEN or RES_ERROR. */
int reorg_apply_conversion(struct db *db, struct arena *a, const struct user *who, const char *data,
			   size_t len, const char *effective, const char *decision,
			   struct conversion_stats *st, struct import_result *r);

/* reorg_unapply_conversion: undo what reorg_apply_conversion did with the
 * same table and day, for the rows of who's area: every village it moved
 * (or that the province moved from a split commune) back under its old
 * commune, then the links removed (a province's with its last commune's).
 * All or nothing: a village with anything saved since it moved is named
 * in r and nothing changes. The units' validity, from the lists, stays.
 * st->linked counts the links removed, st->moved the villages moved back.
 * Returns RES_OK, RES_INVALID, RES_FORBIDDEN or RES_ERROR. */
int reorg_unapply_conversion(struct db *db, struct arena *a, const struct user *who,
			     const char *data, size_t len, const char *effective,
			     struct conversion_stats *st, struct import_result *r);

/* reorg_link: record the link old → new (part or whole) taking effect on
 * the ISO date effective, under decision; 1 when new, 0 when it was
 * there, -1 on error. */
int reorg_link(struct db *db, long long old, long long nu, int part, const char *effective,
	       const char *decision, const char *note);

struct merge_stats {
	int groups;   /* new villages */
	int villages; /* old villages closed */
	int teams;    /* new teams */
	int members;  /* members carried over */
};

/* villages_merge_csv: merge villages from a file (commune_code,
 * old_village, new_village, decision_no, decision_date; Vietnamese
 * headers too), taking effect on the ISO date day: the old villages
 * closed the day before and linked whole to the new one, their teams
 * dissolved that day with their reports kept, one new team by the
 * decision with their members and members' accounts. All or nothing;
 * rows already merged are left as they are. Returns RES_OK, RES_INVALID
 * (r says where), RES_FORBIDDEN or RES_ERROR. */
int villages_merge_csv(struct db *db, struct arena *a, const struct user *who, const char *data,
		       size_t len, const char *day, struct merge_stats *st,
		       struct import_result *r);

/* reorg_move_village: move village to the commune to, taking effect on the
 * ISO date day, with its teams and their history (see 018_history.sql);
 * inside a transaction. Returns 0 or -1. */
int reorg_move_village(struct db *db, const struct user *who, long long village, long long to,
		       const char *day);

/* One link of a unit's lineage. */
struct succession {
	struct unit unit;  /* the other unit */
	const char *share; /* "whole" or "part" */
	const char *effective_on, *decision_no, *note;
};

/* reorg_lineage: the predecessors and the successors of unit, oldest
 * first, strings from a. Returns RES_OK or RES_ERROR. */
int reorg_lineage(struct db *db, struct arena *a, long long unit, struct succession **before,
		  int *nb, struct succession **after, int *na);

/* A village waiting for its new commune. */
struct unassigned {
	struct unit village;
	struct unit old;	    /* the closed commune it is still under */
	struct succession *choices; /* the old commune's successors */
	int nchoices;
	int teams;
};

#define UNASSIGNED_PAGE_MAX 200
/* reorg_unassigned: the villages below scope's area (by their old
 * commune's successors, or the old commune's own area) still under a
 * closed commune, after the village id after, at most limit; *next the
 * cursor (0 on the last page). Returns RES_OK or RES_ERROR. */
int reorg_unassigned(struct db *db, struct arena *a, const struct user *who, long long after,
		     int limit, struct unassigned **out, int *n, long long *next);

/* reorg_may_change: may who apply a conversion table (to the communes of
 * their area) and say where waiting villages go? Officers of a province
 * and above. */
int reorg_may_change(const struct user *who);

/* reorg_assign: move a waiting village to to, one of its old commune's
 * successors, on the day the succession took effect. Returns RES_OK,
 * RES_NOT_FOUND (no such waiting village in who's area), RES_INVALID (to
 * is not a successor), RES_FORBIDDEN or RES_ERROR. */
int reorg_assign(struct db *db, const struct user *who, long long village, long long to);

/* villages_unmerge: undo the last merge that made village, while nothing
 * of it was saved since (a report, a team or member change, a move): the
 * members and their accounts back in their old teams, the old villages
 * and teams open again with their history, the new team and village gone.
 * Returns RES_OK, RES_NOT_FOUND (no such merge in who's area),
 * RES_FORBIDDEN, RES_INVALID (fe says why) or RES_ERROR. */
int villages_unmerge(struct db *db, struct arena *a, const struct user *who, long long village,
		     struct field_errors *fe);

/* villages_unmerge_info: whether village was made by a merge (RES_OK, or
 * RES_NOT_FOUND) and *reversible, villages_unmerge would undo it;
 * RES_ERROR. */
int villages_unmerge_info(struct db *db, long long village, int *reversible);

/* reorg_unmove: undo the last move of village (its teams and their
 * history back under the commune it came from, which, when closed with
 * successors, makes it wait again), while no report or team change of it
 * was saved since the move. *back_to: that commune. Returns RES_OK,
 * RES_NOT_FOUND (never moved, or not in who's area), RES_FORBIDDEN,
 * RES_INVALID (fe says why) or RES_ERROR. */
int reorg_unmove(struct db *db, const struct user *who, long long village, struct field_errors *fe,
		 long long *back_to);

/* reorg_unmove_in: inside a transaction, undo the last move of village
 * (when from, to and day are given, only if it is that move): RES_OK with
 * *back_to, RES_NOT_FOUND (no such move), RES_CONFLICT (something of it
 * was saved since) or RES_ERROR. No audit row: the caller's. */
int reorg_unmove_in(struct db *db, long long village, long long from, long long to,
		    const char *day, long long *back_to);

/* A village's last move, while it is still where it went. */
struct village_move {
	struct unit from, to;
	char effective_on[11];
	int reversible; /* nothing of it saved since: reorg_unmove may undo it */
};

/* reorg_last_move: that of village (strings from a). Returns RES_OK,
 * RES_NOT_FOUND (none) or RES_ERROR. */
int reorg_last_move(struct db *db, struct arena *a, long long village, struct village_move *mv);

/* reorg_period_closed: 1 when a report of team for the grain period key
 * would change the kept history of a unit closed by a reorganisation (the
 * period begins before the day the team's village left it), else 0; -1
 * on error. */
int reorg_period_closed(struct db *db, long long team, const char *key);

/* reorg_exists: 1 when some unit has a successor, 0 when none, -1 on
 * error. */
int reorg_exists(struct db *db);

/* reorg_cut_key: the first grain period of kind that begins on or after
 * the ISO date day. */
void reorg_cut_key(const char *day, enum period_kind kind, char out[PERIOD_TEXT]);

/* reorg_closed_error: the error on "period" into fe when it is so. */
void reorg_closed_error(struct db *db, long long team, const char *key, struct field_errors *fe);

#endif
