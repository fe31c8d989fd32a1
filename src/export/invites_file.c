/* invites_file.c: the sign-in sheet as CSV and the message to a member. */
#include "export/invites_file.h"
#include "core/teams.h"
#include "util/date.h"
#include "util/escape.h"
#include <string.h>

void invite_link(struct buf *out, const char *base, const struct invite *x)
{
	size_t n = strlen(base);
	while (n && base[n - 1] == '/')
		n--;
	buf_append(out, base, n);
	buf_puts(out, "/welcome/");
	url_escape(out, x->code);
}

void invite_code_text(struct buf *out, const struct invite *x)
{
	for (int i = 0; x->code[i]; i++) {
		if (i && i % 4 == 0)
			buf_putc(out, ' ');
		buf_putc(out, x->code[i]);
	}
}

/* The last day x's code works, in Vietnam, as lang writes dates. */
static void until_text(struct buf *out, const struct invite *x, enum lang lang)
{
	char day[11];
	date_local((time_t)x->expires_at, day);
	i18n_date(out, lang, day);
}

void invite_message(struct buf *out, const char *base, const struct invite *x, enum lang lang)
{
	i18n_fill(out, lang, N_("Hello %s, your langso account is ready."), x->full_name);
	buf_puts(out, "\n");
	i18n_fill(out, lang, N_("User name: %s"), x->username);
	buf_puts(out, "\n");
	struct buf t = BUF_INIT;
	invite_code_text(&t, x);
	i18n_fill(out, lang, N_("Sign-in code: %s"), buf_cstr(&t));
	buf_puts(out, "\n");
	buf_reset(&t);
	invite_link(&t, base, x);
	i18n_fill(out, lang, N_("Open this link to choose your password: %s"), buf_cstr(&t));
	buf_puts(out, "\n");
	buf_reset(&t);
	until_text(&t, x, lang);
	i18n_fill(out, lang, N_("The code works once, until %s. Do not share it."), buf_cstr(&t));
	buf_release(&t);
}

void invites_csv(struct buf *out, const char *base, const struct invite *list, int n,
		 enum lang lang)
{
	static const char *const head[] = {
	    N_("Commune"),   N_("Village"), N_("Team"), N_("Full name"),   N_("Role in the team"),
	    N_("User name"), N_("Code"),    N_("Link"), N_("Valid until"),
	};
	const int cols = (int)(sizeof head / sizeof *head);
	buf_puts(out, "\xEF\xBB\xBF");
	const char *words[sizeof head / sizeof *head];
	for (int c = 0; c < cols; c++)
		words[c] = i18n_get(lang, head[c]);
	csv_row(out, words, cols, ';');
	struct buf code = BUF_INIT, link = BUF_INIT, until = BUF_INIT;
	for (int i = 0; i < n; i++) {
		const struct invite *x = &list[i];
		buf_reset(&code);
		buf_reset(&link);
		buf_reset(&until);
		invite_code_text(&code, x);
		invite_link(&link, base, x);
		until_text(&until, x, lang);
		const char *v[] = {
		    x->commune_name ? x->commune_name : "",
		    x->village_name ? x->village_name : "",
		    x->team_name ? x->team_name : "",
		    x->full_name,
		    x->member_role && *x->member_role
			? i18n_get(lang, member_role_msgid(x->member_role))
			: "",
		    x->username,
		    buf_cstr(&code),
		    buf_cstr(&link),
		    buf_cstr(&until),
		};
		csv_row(out, v, cols, ';');
	}
	buf_release(&code);
	buf_release(&link);
	buf_release(&until);
}
