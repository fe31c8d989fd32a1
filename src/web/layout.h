/* layout.h: the chrome every page shares: head, navigation, language
 * switch, footer. Pages write their body between page_begin and page_end. */
#ifndef LANGSO_LAYOUT_H
#define LANGSO_LAYOUT_H
#include "http/req.h"
#include "util/buf.h"

/* page_begin: start an HTML reply titled title (already translated). */
void page_begin(struct req *r, const char *title);
/* page_error: the page of an error reply (see respond_set_page). */
void page_error(struct req *r, const char *title, const char *message);
/* page_action_words: what an audit row's action on entity did, in words
 * ("sent the report"); the action itself when it has none. */
const char *page_action_words(struct req *r, const char *action, const char *entity);
/* page_detail_words: append an audit row's detail (a JSON object) as
 * "label: value" pairs for a person, leaving out ids. */
void page_detail_words(struct req *r, const char *json);
/* page_crumbs: open the labelled navigation of breadcrumbs (the page
 * writes its <ol> and closes the </nav>). */
void page_crumbs(struct req *r);
/* page_field_errors: "Nothing was saved:" and the errors of fe, field by
 * field (nothing when fe is NULL or empty). */
struct field_errors;
void page_field_errors(struct req *r, const struct field_errors *fe);
/* page_end: close the page. */
void page_end(struct req *r);
/* page_csrf: the hidden CSRF field of a form (nothing when signed out). */
void page_csrf(struct req *r);
/* page_number: a number in the reply's language format; page_number_text
 * the same as text from the arena (an argument of html_printf). */
void page_number(struct req *r, long long n);
const char *page_number_text(struct req *r, long long n);
/* scope_visible: is unit inside the signed-in user's scope? */
int scope_visible(struct req *r, long long unit);
/* page_error_text: the message msgid in the reply's language with its %s
 * replaced by arg (NULL: none), from the arena. */
const char *page_error_text(struct req *r, const char *msgid, const char *arg);
/* page_stamp: append a stored UTC timestamp in Vietnam time. */
void page_stamp(struct req *r, const char *stamp);
/* page_markup: append trusted markup written in the program (never data):
 * the one way markup is added outside html_printf's format string. */
void page_markup(struct req *r, const char *markup);
/* page_next_link: a "next page" link to url (built with url_add, not yet
 * HTML-escaped) with cursor=next added, when next is not 0. */
void page_next_link(struct req *r, const struct buf *url, long long next);
struct period;
const char *page_period_words(struct req *r, const struct period *p);
/* page_period_select: a labelled select named "period" of the periods
 * that have begun, of the kinds in the mask kinds (1 << PERIOD_WEEK ...),
 * newest first in a group per kind, chosen selected. */
void page_period_select(struct req *r, const char *label, const struct period *chosen,
			unsigned kinds);
/* page_as: the "as" of the address (then, or now by default);
 * page_as_select: a labelled select of the two readings of a period
 * before a reorganisation, as chosen (none while nothing was
 * reorganised). */
int page_as(struct req *r);
void page_as_select(struct req *r, int then);
/* level_label: the translated name of a unit level. */
const char *level_label(struct req *r, const char *level);

#endif
