/* period_words.c: periods as people read and choose them: words and dates
 * in the reply's language instead of the stored text (2026W48), and
 * pickers of the periods that have begun instead of a free text box. */
#include "core/periods.h"
#include "core/reorg.h"
#include "i18n/i18n.h"
#include "util/date.h"
#include "util/escape.h"
#include "web/layout.h"
#include <string.h>

const char *page_period_words(struct req *r, const struct period *p)
{
	struct buf b = BUF_INIT;
	i18n_period_words(r->lang, p, &b);
	const char *s = arena_strdup(&r->arena, buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* One <option> of the picker. */
static void option(struct req *r, const struct period *p, const struct period *chosen)
{
	char key[PERIOD_TEXT];
	period_format(p, key);
	html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", key,
		    period_cmp(p, chosen) == 0 && p->kind == chosen->kind ? " selected" : "",
		    page_period_words(r, p));
}

void page_period_select(struct req *r, const char *label, const struct period *chosen,
			unsigned kinds)
{
	/* how many of each kind, the one holding today first */
	static const struct {
		enum period_kind kind;
		int count;
		const char *group;
	} offer[] = {{PERIOD_WEEK, 12, N_("Weeks")},
		     {PERIOD_MONTH, 12, N_("Months")},
		     {PERIOD_QUARTER, 4, N_("Quarters")},
		     {PERIOD_YEAR, 3, N_("Years")}};
	char today[11];
	date_local(r->now, today);
	html_printf(&r->out,
		    "<label for=\"period\">%s</label><select id=\"period\" name=\"period\">",
		    label);
	for (size_t i = 0; i < sizeof offer / sizeof *offer; i++) {
		if (!(kinds & (1u << offer[i].kind)))
			continue;
		html_printf(&r->out, "<optgroup label=\"%s\">", req_t(r, offer[i].group));
		struct period p, oldest;
		period_of(today, offer[i].kind, &p);
		oldest = p;
		period_step(&oldest, -(offer[i].count - 1));
		/* a chosen period outside the list (a future or an older one)
		 * is shown first, so that the picker says what the page shows */
		if (chosen->kind == offer[i].kind &&
		    (period_cmp(chosen, &p) > 0 || period_cmp(chosen, &oldest) < 0))
			option(r, chosen, chosen);
		for (int k = 0; k < offer[i].count; k++) {
			option(r, &p, chosen);
			period_step(&p, -1);
		}
		buf_puts(&r->out, "</optgroup>");
	}
	buf_puts(&r->out, "</select>");
}

int page_as(struct req *r)
{
	const char *as = req_query(r, "as");
	return as && strcmp(as, "then") == 0;
}

void page_as_select(struct req *r, int then)
{
	if (!then && reorg_exists(r->db) != 1)
		return; /* nothing reorganised: one reading */
	html_printf(&r->out,
		    "<label for=\"as\">%s</label><select id=\"as\" name=\"as\">"
		    "<option value=\"now\"%s>%s</option><option value=\"then\"%s>%s</option>"
		    "</select>",
		    req_t(r, "Units"), then ? "" : " selected", req_t(r, "as they are today"),
		    then ? " selected" : "", req_t(r, "as they were then"));
}
