/* pages.h: the page handlers named in web/routes.c. */
#ifndef LANGSO_PAGES_H
#define LANGSO_PAGES_H
#include "http/req.h"

void page_units_root(struct req *r);
void page_home(struct req *r);
/* page_unit_search: the search box for units below unit (q: the text
 * searched, or NULL). */
void page_unit_search(struct req *r, long long unit, const char *q);
void page_unit(struct req *r);
void page_import_villages(struct req *r);
void page_reorg(struct req *r);
void page_reorg_assign(struct req *r);
void page_reorg_unmove(struct req *r);
void page_reorg_unmerge(struct req *r);
void page_reorg_conversion(struct req *r);
void page_reorg_merge(struct req *r);
void page_import_villages_post(struct req *r);
void page_villages_template(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout(struct req *r);
void page_health(struct req *r);
void page_ready(struct req *r);
void page_users(struct req *r);
void page_user_new(struct req *r);
void page_user_create(struct req *r);
void page_user(struct req *r);
void page_user_update(struct req *r);
void page_user_disable(struct req *r);
void page_user_enable(struct req *r);
void page_user_password(struct req *r);
void page_user_unlock(struct req *r);
void page_user_code(struct req *r);
void page_accounts(struct req *r);
void page_accounts_create(struct req *r);
void page_welcome(struct req *r);
void page_welcome_post(struct req *r);
/* page_signed_in: the session cookie of token, and a redirect to next. */
void page_signed_in(struct req *r, const char *token, const char *next);
void page_notices(struct req *r);
void page_account(struct req *r);
void page_account_password(struct req *r);
void page_token_create(struct req *r);
void page_token_revoke(struct req *r);
void page_audit(struct req *r);
void page_setup(struct req *r);
void page_setup_post(struct req *r);
void page_teams(struct req *r);
void page_team_new(struct req *r);
void page_team_create(struct req *r);
void page_team(struct req *r);
void page_team_update(struct req *r);
void page_team_dissolve(struct req *r);
void page_team_scan_upload(struct req *r);
void page_team_scan(struct req *r);
void page_member_add(struct req *r);
void page_member_update(struct req *r);
void page_member_leave(struct req *r);
void page_decision(struct req *r);
void page_import_teams(struct req *r);
void page_import_teams_post(struct req *r);
void page_teams_template(struct req *r);
void page_export_teams(struct req *r);
void page_enterprises(struct req *r);
void page_enterprise_create(struct req *r);
void page_enterprise_user(struct req *r);
void page_report_start(struct req *r);
void page_report(struct req *r);
void page_report_save(struct req *r);
void page_report_review(struct req *r);
void page_reports(struct req *r);
void page_progress(struct req *r);
void page_missing(struct req *r);
void page_breakdown(struct req *r);
/* page_breakdown_read: breakdown_get for a page: an indicator not reported
 * for the period falls back to the default one; all: every row, page after
 * page. 0, or -1 after answering 404 or 500. */
struct breakdown_query;
struct breakdown;
int page_breakdown_read(struct req *r, struct breakdown_query *q, struct breakdown *b, int all);
void page_export_progress(struct req *r);
void page_summary(struct req *r);
void page_map(struct req *r);
void page_dashboard(struct req *r);
void page_trainings(struct req *r);
void page_training_new(struct req *r);
void page_training_create(struct req *r);
void page_training(struct req *r);
void page_training_edit(struct req *r);
void page_training_update(struct req *r);
void page_training_invite(struct req *r);
void page_attendance(struct req *r);
void page_attendance_sheet(struct req *r);
void page_attendance_upload(struct req *r);
/* page_training_days: "dd/mm/yyyy" or "dd/mm/yyyy – dd/mm/yyyy", from the
 * arena. */
struct training;
const char *page_training_days(struct req *r, const struct training *t);
void page_attendance_save(struct req *r);
void page_coverage(struct req *r);
void page_untrained(struct req *r);
void page_untrained_invite(struct req *r);
void page_training_file_add(struct req *r);
void page_training_file(struct req *r);
void page_training_file_remove(struct req *r);
void page_announcements(struct req *r);
void page_announcement_new(struct req *r);
void page_announcement_post(struct req *r);
void page_announcement(struct req *r);
void page_announcement_answer(struct req *r);
void page_group(struct req *r);
void page_group_csv(struct req *r);
void page_group_vcard(struct req *r);
void page_contact_add(struct req *r);
void page_contact_remove(struct req *r);
void page_practices(struct req *r);
void page_practice_new(struct req *r);
void page_practice_create(struct req *r);
void page_practice(struct req *r);
void page_practice_edit(struct req *r);
void page_practice_update(struct req *r);
void page_practice_submit(struct req *r);
void page_practice_review(struct req *r);
void page_practice_mark(struct req *r);
void page_practice_photo_add(struct req *r);
void page_practice_photo(struct req *r);
void page_targets(struct req *r);
void page_targets_save(struct req *r);
void page_targets_csv(struct req *r);
void page_targets_import(struct req *r);
void page_targets_carry(struct req *r);
void page_targets_uncarry(struct req *r);
void page_catalog(struct req *r);
void page_indicator_create(struct req *r);
void page_difficulties(struct req *r);
void page_difficulty(struct req *r);
void page_difficulty_act(struct req *r);
void page_difficulty_new(struct req *r);
void page_difficulty_create(struct req *r);
/* status_label: a report status in words; current_period: this week's or
 * month's key in Vietnam (from the arena); targets_grid: the targets page. */
#include "core/periods.h"
#include "core/reports.h"
const char *status_label(struct req *r, enum report_status status);
/* page_status_badge: a report's status as a coloured word ("sent again"
 * when it was returned before), and "late" beside it when it is. */
void page_status_badge(struct req *r, enum report_status status, int resubmitted, int late);
const char *current_period(struct req *r, enum period_kind kind);
/* page_period: a period as typed in a page or address: 0 when text is its
 * canonical spelling, 1 when it is another spelling of p (redirect or show
 * the canonical one), -1 when it is no period. */
int page_period(const char *text, struct period *p);
/* page_period_or_current: the period typed in text (any spelling), or the
 * current period of kind when text is NULL or no period. */
void page_period_or_current(struct req *r, const char *text, enum period_kind kind,
			    struct period *p);
void targets_grid(struct req *r, long long unit, const struct period *p, const char *error,
		  const char *notice);
/* member_role_label, affiliation_label: translated names of coded values. */
const char *member_role_label(struct req *r, const char *code);
const char *affiliation_label(struct req *r, const char *code);
/* import_errors_table: the table of an import's errors (line, column, problem). */
struct import_result;
void import_errors_table(struct req *r, const struct import_result *res);
/* role_label: the translated name of a role. */
const char *role_label(struct req *r, const char *role);

#endif
