/* trainings_int.h: what trainings.c shares with attendance.c. */
#ifndef LANGSO_TRAININGS_INT_H
#define LANGSO_TRAININGS_INT_H
#include "core/trainings.h"

/* The members of a team during a training (joined by its last day, not
 * left before its first). */
#define DURING(m, tr)                                                                              \
	"(" m ".joined_on IS NULL OR " m ".joined_on <= " tr ".ends_on) AND (" m                   \
	".left_on IS NULL"                                                                         \
	" OR " m ".left_on >= " tr ".starts_on)"

/* trainings_text_field: in, NFC, at most max characters, into *out (from
 * a; "" when absent); else an error of field in fe. */
void trainings_text_field(struct arena *a, struct field_errors *fe, const char *field,
			  const char *in, size_t max, const char **out);
/* trainings_may_record: may who record the attendance of a team of village
 * at a training who manages (manage) or not? */
int trainings_may_record(struct db *db, const struct user *who, int manage, long long village);
/* trainings_invited_village: the village of team when it is invited to
 * training t and is in who's area; 0 otherwise. */
long long trainings_invited_village(struct db *db, const struct user *who, long long t,
				    long long team);

#endif
