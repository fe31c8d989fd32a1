/* routes.c: the route table of the HTML pages. Every row names its
 * permission; the dispatcher checks it, sign-in, CSRF and the body limit
 * before the handler runs. */
#include "http/router.h"
#include "http/static.h"
#include "web/pages.h"

#define FORM_MAX (64 * 1024)
#define UPLOAD_MAX (5 * 1024 * 1024)
/* The targets grid: a unit and every unit below it × every indicator
 * (4,000 rows × 12 indicators fit with room to spare). */
#define GRID_MAX (16 * 1024 * 1024)
#define GRID_FIELDS 100000

const struct route web_routes[] = {
    {"GET", "/", page_home, PERM_UNITS_READ, 0, 0, 0},
    {"GET", "/units", page_units_root, PERM_UNITS_READ, 0, 0, 0},
    {"GET", "/units/{id}", page_unit, PERM_UNITS_READ, 0, 0, 0},
    {"GET", "/import/villages", page_import_villages, PERM_UNITS_IMPORT, 0, 0, 0},
    {"POST", "/import/villages", page_import_villages_post, PERM_UNITS_IMPORT, 0, UPLOAD_MAX, 0},
    {"GET", "/import/villages/template.csv", page_villages_template, PERM_UNITS_IMPORT, 0, 0, 0},
    {"GET", "/login", page_login, PERM_PUBLIC, 0, 0, 0},
    {"POST", "/login", page_login_post, PERM_PUBLIC, ROUTE_NO_CSRF, FORM_MAX, 0},
    {"POST", "/logout", page_logout, PERM_SIGNED_IN, 0, FORM_MAX, 0},
    {"GET", "/users", page_users, PERM_USERS_MANAGE, 0, 0, 0},
    {"GET", "/users/new", page_user_new, PERM_USERS_MANAGE, 0, 0, 0},
    {"POST", "/users", page_user_create, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"GET", "/users/{id}", page_user, PERM_USERS_MANAGE, 0, 0, 0},
    {"POST", "/users/{id}", page_user_update, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"POST", "/users/{id}/disable", page_user_disable, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"POST", "/users/{id}/enable", page_user_enable, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"POST", "/users/{id}/password", page_user_password, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"POST", "/users/{id}/unlock", page_user_unlock, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"POST", "/users/{id}/code", page_user_code, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"GET", "/accounts", page_accounts, PERM_USERS_MANAGE, 0, 0, 0},
    {"POST", "/accounts", page_accounts_create, PERM_USERS_MANAGE, 0, FORM_MAX, 0},
    {"GET", "/welcome", page_welcome, PERM_PUBLIC, 0, 0, 0},
    {"GET", "/welcome/{code}", page_welcome, PERM_PUBLIC, 0, 0, 0},
    {"POST", "/welcome", page_welcome_post, PERM_PUBLIC, ROUTE_NO_CSRF, FORM_MAX, 0},
    {"GET", "/notices", page_notices, PERM_SIGNED_IN, 0, 0, 0},
    {"GET", "/account", page_account, PERM_SIGNED_IN, 0, 0, 0},
    {"POST", "/account/password", page_account_password, PERM_SIGNED_IN, 0, FORM_MAX, 0},
    {"POST", "/account/tokens", page_token_create, PERM_SIGNED_IN, 0, FORM_MAX, 0},
    {"POST", "/account/tokens/{id}/revoke", page_token_revoke, PERM_SIGNED_IN, 0, FORM_MAX, 0},
    {"GET", "/audit", page_audit, PERM_AUDIT_READ, 0, 0, 0},
    {"GET", "/setup/{token}", page_setup, PERM_PUBLIC, 0, 0, 0},
    {"POST", "/setup/{token}", page_setup_post, PERM_PUBLIC, ROUTE_NO_CSRF, FORM_MAX, 0},
    {"GET", "/teams", page_teams, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/teams/new", page_team_new, PERM_TEAMS_WRITE, 0, 0, 0},
    {"POST", "/teams", page_team_create, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/teams/{id}", page_team, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/teams/{id}", page_team_update, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"POST", "/teams/{id}/dissolve", page_team_dissolve, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/teams/{id}/scan", page_team_scan, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/teams/{id}/scan", page_team_scan_upload, PERM_TEAMS_WRITE, 0, UPLOAD_MAX + 4096, 0},
    {"POST", "/teams/{id}/members", page_member_add, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"POST", "/members/{id}", page_member_update, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"POST", "/members/{id}/leave", page_member_leave, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/units/{id}/decision", page_decision, PERM_TEAMS_WRITE, 0, 0, 0},
    {"GET", "/import/teams", page_import_teams, PERM_TEAMS_WRITE, 0, 0, 0},
    {"POST", "/import/teams", page_import_teams_post, PERM_TEAMS_WRITE, 0, UPLOAD_MAX, 0},
    {"GET", "/import/teams/template.csv", page_teams_template, PERM_TEAMS_WRITE, 0, 0, 0},
    {"GET", "/export/teams", page_export_teams, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/enterprises", page_enterprises, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/enterprises", page_enterprise_create, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"POST", "/enterprises/{id}/users", page_enterprise_user, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/report", page_report_start, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/teams/{id}/reports/{period}", page_report, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/teams/{id}/reports/{period}", page_report_save, PERM_REPORTS_FILL,
     ROUTE_GROUP_COMMIT, FORM_MAX, 0},
    {"POST", "/reports/{id}/review", page_report_review, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/reports", page_reports, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/units/{id}/progress", page_progress, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/targets", page_targets, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/targets", page_targets_save, PERM_TEAMS_WRITE, 0, GRID_MAX, GRID_FIELDS},
    {"GET", "/targets.csv", page_targets_csv, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/import/targets", page_targets_import, PERM_TEAMS_WRITE, 0, UPLOAD_MAX, 0},
    {"GET", "/difficulties", page_difficulties, PERM_TEAMS_READ, 0, 0, 0},
    {"GET", "/difficulties/new", page_difficulty_new, PERM_REPORTS_FILL, 0, 0, 0},
    {"POST", "/difficulties", page_difficulty_create, PERM_REPORTS_FILL, 0, FORM_MAX, 0},
    {"GET", "/difficulties/{id}", page_difficulty, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/difficulties/{id}/act", page_difficulty_act, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/catalog", page_catalog, PERM_TEAMS_READ, 0, 0, 0},
    {"POST", "/catalog/indicators", page_indicator_create, PERM_TEAMS_WRITE, 0, FORM_MAX, 0},
    {"GET", "/healthz", page_health, PERM_PUBLIC, 0, 0, 0},
    {"GET", "/readyz", page_ready, PERM_PUBLIC, 0, 0, 0},
    {"GET", "/static/*", static_serve, PERM_PUBLIC, 0, 0, 0},
};
const size_t web_routes_count = sizeof web_routes / sizeof *web_routes;
