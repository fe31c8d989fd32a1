/* api.h: the JSON API handlers named in api/routes.c. */
#ifndef LANGSO_API_H
#define LANGSO_API_H
#include "core/progress.h"
#include "http/req.h"
#include <jansson.h>

void api_units_list(struct req *r);
void api_unit_get(struct req *r);
void api_openapi(struct req *r);
/* query_id: the query parameter name as a positive id, 0 when absent, -1
 * when not one. bad_param: answer 400 naming the parameter. query_cursor:
 * the "cursor" parameter into *after (0 when absent): 0, or -1 after
 * answering 400. */
long long query_id(struct req *r, const char *name);
void bad_param(struct req *r, const char *name);
int query_cursor(struct req *r, long long *after);
/* api_items_begin: start a page's reply, {"items": [ ...; api_items_end:
 * close it with "next_cursor" (null when next is 0) and answer 200. */
struct jw;
void api_items_begin(struct req *r, struct jw *j);
void api_items_end(struct req *r, struct jw *j, long long next);
/* api_body: the request body as a JSON object (free with json_decref), or
 * NULL after answering 400 (a syntax error with its line and column). */
json_t *api_body(struct req *r);

/* A member a body may have: its name, its kind and, for counts, the
 * largest value. null is always allowed unless it is J_REQUIRED. */
enum jkind { J_TEXT, J_BOOL, J_OBJECT, J_COUNT, J_ID, J_ARRAY };
#define J_REQUIRED 1u
struct jfield {
	const char *name;
	enum jkind kind;
	long long max;
	unsigned flags;
};

/* api_body_fields: api_body, every member checked against spec (ended by
 * a {NULL} row): an unknown name, a value of another kind, a count out of
 * range or a required member missing is answered 422 naming the field,
 * and NULL returned. */
json_t *api_body_fields(struct req *r, const struct jfield *spec);
void api_session_create(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_users_list(struct req *r);
void api_teams_list(struct req *r);
void api_team_create(struct req *r);
void api_team_get(struct req *r);
void api_team_update(struct req *r);
void api_member_add(struct req *r);
void api_member_update(struct req *r);
void api_enterprises_list(struct req *r);
void api_report_get(struct req *r);
void api_report_put(struct req *r);
void api_report_return(struct req *r);
void api_report_accept(struct req *r);
void api_report_unlock(struct req *r);
void api_targets_put(struct req *r);
void api_reorg_unmove(struct req *r);
void api_reorg_unmerge(struct req *r);
void api_targets_carry_list(struct req *r);
void api_targets_carry(struct req *r);
void api_targets_uncarry(struct req *r);
void api_progress(struct req *r);
void api_missing(struct req *r);
struct period;
/* api_period_param: text as a period into *p: 0, or -1 after answering
 * 400 (with the canonical spelling when text is another one). */
int api_period_param(struct req *r, const char *text, struct period *p);
void api_breakdown(struct req *r);
void api_reorg_waiting(struct req *r);
void api_reorg_assign(struct req *r);
void api_data_value_sets(struct req *r);
void api_progress_of(struct req *r, long long unit, const struct period *p);
/* api_as_param: the "as" parameter (now, the default, or then) into *as:
 * 0, or -1 after answering 400. */
int api_as_param(struct req *r, enum progress_as *as);
void api_difficulties_list(struct req *r);
void api_difficulty_create(struct req *r);
void api_difficulty_reply(struct req *r);
void api_difficulty_escalate(struct req *r);
void api_difficulty_resolve(struct req *r);
void api_catalog(struct req *r);
void api_trainings_list(struct req *r);
void api_training_create(struct req *r);
void api_announcements_list(struct req *r);
void api_announcement_post(struct req *r);
void api_announcement_get(struct req *r);
void api_announcement_answer(struct req *r);
void api_announcement_receipts(struct req *r);
void api_directory(struct req *r);
void api_contact_add(struct req *r);
void api_contact_remove(struct req *r);
void api_training_get(struct req *r);
void api_training_update(struct req *r);
void api_training_teams(struct req *r);
void api_training_invite(struct req *r);
void api_training_uninvite(struct req *r);
void api_attendance_get(struct req *r);
void api_attendance_put(struct req *r);
void api_coverage(struct req *r);
void api_untrained(struct req *r);
void api_practices_list(struct req *r);
void api_practice_create(struct req *r);
void api_practice_get(struct req *r);
void api_practice_update(struct req *r);
void api_practice_submit(struct req *r);
void api_practice_review(struct req *r);
void api_practice_mark(struct req *r);

#endif
