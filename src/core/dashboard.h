/* dashboard.h: what a unit's dashboard shows beside its progress and its
 * children side by side: progress period by period (completeness and
 * timeliness, the trend of each indicator), the open difficulties by level
 * and age, and how many households the teams' Zalo groups reach. */
#ifndef LANGSO_DASHBOARD_H
#define LANGSO_DASHBOARD_H
#include "core/progress.h"

/* One period of a series: its progress as progress_get reads it. */
struct trend_point {
	struct period p;
	struct progress_item *items;
	int n;
	struct completeness c;
};

#define TREND_MAX 53

/* dashboard_trend: the n (1..TREND_MAX) periods of last's kind ending with
 * last, oldest first, each read by progress_get at instant now inside
 * who's scope. RES_NOT_FOUND when the unit is not in scope. */
int dashboard_trend(struct db *db, struct arena *a, const struct user *who, long long unit,
		    const struct period *last, int n, time_t now, struct trend_point *out);

/* The ages of an open difficulty, from when it was raised. */
enum difficulty_age { AGE_WEEK, AGE_MONTH, AGE_OLDER, AGE_COUNT };
/* The levels a difficulty waits at. */
enum difficulty_level { AT_COMMUNE, AT_DISTRICT, AT_PROVINCE, AT_MINISTRY, AT_COUNT };

/* dashboard_difficulties: the open (not resolved) difficulties of the
 * teams below unit inside who's scope, counted by the level they wait at
 * and their age at instant now (under 7 days, under 30, older). */
int dashboard_difficulties(struct db *db, const struct user *who, long long unit, time_t now,
			   long long counts[AT_COUNT][AGE_COUNT]);

/* dashboard_households: over the active teams below unit whose households
 * are known, the households and those in the village's Zalo group; and
 * how many teams say both. */
int dashboard_households(struct db *db, const struct user *who, long long unit,
			 long long *households, long long *in_group, long long *teams);

#endif
