/* routes.c: the route table of the JSON API under /api/v1/. Every row names
 * its permission; the dispatcher checks it before the handler runs. */
#include "api/api.h"
#include "http/respond.h"
#include "http/router.h"
#include "util/embedded.h"

const struct route api_routes[] = {
    {"GET", "/api/v1/units", api_units_list, PERM_UNITS_READ, 0, 0, 0},
    {"GET", "/api/v1/units/{id}", api_unit_get, PERM_UNITS_READ, 0, 0, 0},
    {"GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, 0, 0, 0},
    {"POST", "/api/v1/session", api_session_create, PERM_PUBLIC, ROUTE_NO_CSRF, 16 * 1024, 0},
    {"DELETE", "/api/v1/session", api_session_delete, PERM_SIGNED_IN, 0, 1024, 0},
    {"GET", "/api/v1/me", api_me, PERM_SIGNED_IN, 0, 0, 0},
    {"GET", "/api/v1/users", api_users_list, PERM_USERS_MANAGE, 0, 0, 0},
    {"GET", "/api/v1/teams", api_teams_list, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/teams", api_team_create, PERM_TEAMS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/teams/{id}", api_team_get, PERM_TEAMS_READ, 0, 0, 0},
    {"PATCH", "/api/v1/teams/{id}", api_team_update, PERM_TEAMS_WRITE, 0, 64 * 1024, 0},
    {"POST", "/api/v1/teams/{id}/members", api_member_add, PERM_TEAMS_WRITE, 0, 64 * 1024, 0},
    {"PATCH", "/api/v1/members/{id}", api_member_update, PERM_TEAMS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/enterprises", api_enterprises_list, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/teams/{id}/reports/{period}", api_report_get, PERM_TEAMS_READ, 0, 0, 0},
    {"PUT", "/api/v1/teams/{id}/reports/{period}", api_report_put, PERM_REPORTS_FILL, 0, 64 * 1024,
     0},
    {"POST", "/api/v1/reports/{id}/return", api_report_return, PERM_TEAMS_WRITE, 0, 16 * 1024, 0},
    {"POST", "/api/v1/reports/{id}/accept", api_report_accept, PERM_TEAMS_WRITE, 0, 16 * 1024, 0},
    {"POST", "/api/v1/reports/{id}/unlock", api_report_unlock, PERM_TEAMS_WRITE, 0, 16 * 1024, 0},
    {"PUT", "/api/v1/units/{id}/targets/{period}", api_targets_put, PERM_TEAMS_WRITE, 0, 64 * 1024,
     0},
    {"GET", "/api/v1/units/{id}/targets/carry", api_targets_carry_list, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/units/{id}/targets/carry", api_targets_carry, PERM_TEAMS_WRITE, 0, 1024, 0},
    {"DELETE", "/api/v1/units/{id}/targets/carry/{from}", api_targets_uncarry, PERM_TEAMS_WRITE, 0,
     1024, 0},
    {"GET", "/api/v1/units/{id}/progress", api_progress, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/units/{id}/missing", api_missing, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/units/{id}/breakdown", api_breakdown, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/dataValueSets", api_data_value_sets, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/trainings", api_trainings_list, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/trainings", api_training_create, PERM_TRAININGS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/trainings/{id}", api_training_get, PERM_TEAMS_READ, 0, 0, 0},
    {"PATCH", "/api/v1/trainings/{id}", api_training_update, PERM_TRAININGS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/trainings/{id}/teams", api_training_teams, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/trainings/{id}/invitations", api_training_invite, PERM_TRAININGS_WRITE, 0,
     128 * 1024, 0},
    {"DELETE", "/api/v1/trainings/{id}/invitations/{team}", api_training_uninvite,
     PERM_TRAININGS_WRITE, 0, 1024, 0},
    {"GET", "/api/v1/trainings/{id}/teams/{team}/attendance", api_attendance_get, PERM_TEAMS_READ,
     0, 0, 0},
    {"PUT", "/api/v1/trainings/{id}/teams/{team}/attendance", api_attendance_put,
     PERM_TRAININGS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/units/{id}/coverage", api_coverage, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/units/{id}/untrained", api_untrained, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/practices", api_practices_list, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/practices", api_practice_create, PERM_PRACTICES_WRITE, 0, 128 * 1024, 0},
    {"GET", "/api/v1/practices/{id}", api_practice_get, PERM_TEAMS_READ, 0, 0, 0},
    {"PATCH", "/api/v1/practices/{id}", api_practice_update, PERM_PRACTICES_WRITE, 0, 128 * 1024,
     0},
    {"POST", "/api/v1/practices/{id}/submit", api_practice_submit, PERM_PRACTICES_WRITE, 0, 1024,
     0},
    {"POST", "/api/v1/practices/{id}/review", api_practice_review, PERM_TEAMS_WRITE, 0, 16 * 1024,
     0},
    {"PUT", "/api/v1/practices/{id}/marks/{kind}", api_practice_mark, PERM_SIGNED_IN, 0, 1024, 0},
    {"DELETE", "/api/v1/practices/{id}/marks/{kind}", api_practice_mark, PERM_SIGNED_IN, 0, 1024,
     0},
    {"GET", "/api/v1/difficulties", api_difficulties_list, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/difficulties", api_difficulty_create, PERM_REPORTS_FILL, 0, 16 * 1024, 0},
    {"POST", "/api/v1/difficulties/{id}/replies", api_difficulty_reply, PERM_TEAMS_WRITE, 0,
     16 * 1024, 0},
    {"POST", "/api/v1/difficulties/{id}/escalate", api_difficulty_escalate, PERM_TEAMS_WRITE, 0,
     16 * 1024, 0},
    {"POST", "/api/v1/difficulties/{id}/resolve", api_difficulty_resolve, PERM_TEAMS_WRITE, 0,
     16 * 1024, 0},
    {"GET", "/api/v1/catalog", api_catalog, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/api/v1/reorganisation/waiting", api_reorg_waiting, PERM_UNITS_IMPORT, 0, 0, 0},
    {"POST", "/api/v1/reorganisation/waiting/{id}", api_reorg_assign, PERM_UNITS_IMPORT, 0, 1024,
     0},
    {"DELETE", "/api/v1/reorganisation/moves/{id}", api_reorg_unmove, PERM_UNITS_IMPORT, 0, 1024,
     0},
    {"DELETE", "/api/v1/reorganisation/merges/{id}", api_reorg_unmerge, PERM_TEAMS_WRITE, 0, 1024,
     0},
    {"GET", "/api/v1/announcements", api_announcements_list, PERM_SIGNED_IN, 0, 0, 0},
    {"POST", "/api/v1/announcements", api_announcement_post, PERM_TEAMS_WRITE, 0, 64 * 1024, 0},
    {"GET", "/api/v1/announcements/{id}", api_announcement_get, PERM_SIGNED_IN, 0, 0, 0},
    {"PUT", "/api/v1/announcements/{id}/answer", api_announcement_answer, PERM_SIGNED_IN, 0,
     16 * 1024, 0},
    {"GET", "/api/v1/announcements/{id}/receipts", api_announcement_receipts, PERM_SIGNED_IN, 0, 0,
     0},
    {"GET", "/api/v1/units/{id}/directory", api_directory, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/api/v1/units/{id}/contacts", api_contact_add, PERM_TEAMS_WRITE, 0, 16 * 1024, 0},
    {"DELETE", "/api/v1/contacts/{id}", api_contact_remove, PERM_TEAMS_WRITE, 0, 1024, 0},
};
const size_t api_routes_count = sizeof api_routes / sizeof *api_routes;

void api_openapi(struct req *r)
{
	const struct embedded_file *f = embedded_find("static/openapi.json");
	if (!f) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	buf_append(&r->out, f->data, (size_t)f->len);
	respond_json(r, 200);
}
