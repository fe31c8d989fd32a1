/* i18n.h: the message catalogues (po/vi.po and po/en.po compiled to .mo and embedded) and
 * the Vietnamese and English formats of numbers and dates. Messages are
 * keyed by their English text (msgid). */
#ifndef LANGSO_I18N_H
#define LANGSO_I18N_H
#include "util/buf.h"

enum lang { LANG_VI = 0, LANG_EN = 1 };

/* N_: marks a msgid written outside a translation call (tables, core
 * errors); tests/unit/test_i18n.c checks every marked string is translated. */
#define N_(s) s

/* i18n_init: load the embedded catalogues; call once at start. Returns 0 or -1. */
int i18n_init(void);

/* i18n_get: msgid translated into lang (msgid itself when untranslated).
 * The result is static. */
const char *i18n_get(enum lang lang, const char *msgid);

/* i18n_fill: append msgid translated into lang with its one %s (if any)
 * replaced by arg (NULL: left as it is). The one place a message gets its
 * argument: never through printf, so a translation cannot inject a
 * conversion. */
void i18n_fill(struct buf *out, enum lang lang, const char *msgid, const char *arg);

/* i18n_parse: "vi" or "en" (or a tag starting with them) → lang; -1 otherwise. */
int i18n_parse(const char *tag);

/* i18n_accept: the best of vi/en for an Accept-Language header; LANG_VI
 * when it names neither. */
enum lang i18n_accept(const char *header);

/* i18n_code: "vi" or "en". */
const char *i18n_code(enum lang lang);

/* i18n_number: append n with thousands separators (1.234.567 in Vietnamese,
 * 1,234,567 in English). */
void i18n_number(struct buf *out, enum lang lang, long long n);

/* i18n_date: append an ISO date (YYYY-MM-DD...) as dd/mm/yyyy in Vietnamese
 * and as YYYY-MM-DD in English; other text is appended unchanged. */
void i18n_date(struct buf *out, enum lang lang, const char *iso);

/* i18n_period_words: the period p in words and dates in lang, appended
 * to out. */
struct period;
void i18n_period_words(enum lang lang, const struct period *p, struct buf *out);

#endif
