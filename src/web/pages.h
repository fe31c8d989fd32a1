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

#endif
