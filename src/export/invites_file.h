/* invites_file.h: the sign-in sheet of accounts made from a roster, as CSV
 * (UTF-8 with BOM, ';', CRLF, as Excel on Vietnamese settings reads it),
 * and the message that gives one member its account (for Zalo or SMS).
 * Used by `langso accounts` and the pages alike. The link to a code is
 * base (the site's address, e.g. https://langso.example.vn) + /welcome/CODE. */
#ifndef LANGSO_INVITES_FILE_H
#define LANGSO_INVITES_FILE_H
#include "core/invites.h"
#include "i18n/i18n.h"
#include "util/buf.h"

/* invite_link: append the link that carries x's code. */
void invite_link(struct buf *out, const char *base, const struct invite *x);
/* invite_code_text: append the code in groups of four (1234 5678 9012). */
void invite_code_text(struct buf *out, const struct invite *x);
/* invite_message: append the plain-text message for x's holder. */
void invite_message(struct buf *out, const char *base, const struct invite *x, enum lang lang);
/* invites_csv: append the sheet: commune, village, team, name, role, user
 * name, code, link, valid until. */
void invites_csv(struct buf *out, const char *base, const struct invite *list, int n,
		 enum lang lang);

#endif
