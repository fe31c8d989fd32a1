/* summary.c: a unit's summary for a period, each list read page by page. */
#include "core/summary.h"
#include "util/date.h"
#include "util/vec.h"
#include <string.h>

int summary_get(struct db *db, struct arena *a, const struct user *who, long long unit,
		const struct period *p, time_t now, struct summary *out)
{
	memset(out, 0, sizeof *out);
	out->p = *p;
	int rc = units_get(db, a, unit, &out->unit);
	if (rc == RES_OK)
		rc = progress_get(db, a, who, unit, p, now, &out->items, &out->n, &out->c);
	if (rc != RES_OK)
		return rc;
	struct breakdown_query q = {.unit = unit,
				    .p = *p,
				    .level = LEVEL_UNKNOWN,
				    .sort = SORT_NAME,
				    .limit = BREAKDOWN_PAGE_MAX};
	VEC(struct breakdown_row) rows = {0};
	do {
		struct breakdown b;
		rc = breakdown_get(db, a, who, &q, now, &b);
		if (rc != RES_OK)
			return rc;
		for (int i = 0; i < b.n; i++)
			*VEC_PUSH(a, &rows) = b.rows[i];
		q.offset = b.next;
	} while (q.offset);
	out->rows = rows.items;
	out->nrows = rows.n;
	if (p->kind == PERIOD_WEEK || p->kind == PERIOD_MONTH) {
		VEC(struct missing_team) m = {0};
		long long after = 0;
		do {
			struct missing_team *page;
			int n;
			rc = progress_missing(db, a, who, unit, p, after, MISSING_PAGE_MAX, &page,
					      &n, &after);
			if (rc == RES_INVALID) /* no form is filled for such periods */
				break;
			if (rc != RES_OK)
				return rc;
			for (int i = 0; i < n; i++)
				*VEC_PUSH(a, &m) = page[i];
		} while (after);
		out->missing = m.items;
		out->nmissing = m.n;
	}
	VEC(struct difficulty) d = {0};
	long long after = 0;
	do {
		struct difficulty *page;
		int n;
		rc = difficulties_list(db, a, who, NULL, 0, unit, after, DIFFICULTIES_PAGE_MAX,
				       &page, &n, &after);
		if (rc != RES_OK)
			return rc;
		for (int i = 0; i < n; i++)
			*VEC_PUSH(a, &d) = page[i];
	} while (after);
	out->difficulties = d.items;
	out->ndifficulties = d.n;
	char first[11], last[11];
	period_days(p, first, last);
	date_local(now, out->coverage_day);
	if (strcmp(last, out->coverage_day) < 0)
		memcpy(out->coverage_day, last, sizeof last);
	return coverage_get(db, a, who, unit, 0, out->coverage_day, &out->coverage,
			    &out->coverage_rows, &out->ncoverage);
}
