/* pages.h: the page handlers named in web/routes.c. */
#ifndef LANGSO_PAGES_H
#define LANGSO_PAGES_H
#include "http/req.h"

void page_units_root(struct req *r);
void page_unit(struct req *r);
void page_import_villages(struct req *r);
void page_import_villages_post(struct req *r);
void page_villages_template(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout(struct req *r);
void page_health(struct req *r);
void page_users(struct req *r);
void page_user_new(struct req *r);
void page_user_create(struct req *r);
void page_user(struct req *r);
void page_user_update(struct req *r);
void page_user_disable(struct req *r);
void page_user_enable(struct req *r);
void page_user_password(struct req *r);
void page_user_unlock(struct req *r);
void page_account(struct req *r);
void page_account_password(struct req *r);
void page_token_create(struct req *r);
void page_token_revoke(struct req *r);
void page_audit(struct req *r);
void page_setup(struct req *r);
void page_setup_post(struct req *r);
/* role_label: the translated name of a role. */
const char *role_label(struct req *r, const char *role);

#endif
