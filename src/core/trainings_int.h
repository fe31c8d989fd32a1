/* trainings_int.h: what trainings.c shares with attendance.c and trainings_import.c. */
#ifndef LANGSO_TRAININGS_INT_H
#define LANGSO_TRAININGS_INT_H
#include "core/trainings.h"

/* Member m was in the team during training tr (joined by its last day,
 * not left before its first). */
#define MEMBER_DURING                                                                              \
	"(m.joined_on IS NULL OR m.joined_on <= tr.ends_on) AND (m.left_on IS NULL"                \
	" OR m.left_on >= tr.starts_on)"

/* trainings_may_record: may who record the attendance of the teams of
 * their area (the only ones the reads find: a commune that holds a
 * training does not see another commune's members) at a training who
 * manages (manage) or not? Those who manage it, and officers. */
int trainings_may_record(const struct user *who, int manage);
/* trainings_invited_village: the village of team when it is invited to
 * training t and is in who's area; 0 otherwise. */
long long trainings_invited_village(struct db *db, const struct user *who, long long t,
				    long long team);

/* trainings_unit_code: the unit a training's unit code names (the nation,
 * a province, a district or a commune, in that order), or 0. */
long long trainings_unit_code(struct db *db, const char *code);

#endif
