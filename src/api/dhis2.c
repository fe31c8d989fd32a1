/* dhis2.c: GET /api/v1/dataValueSets?orgUnit=CODE&period=P[&children=true]
 * [&format=csv]: a unit's figures for a period in DHIS2's data value set
 * format, so that they can move into a DHIS2 instance (imported there with
 * dataElementIdScheme=CODE and orgUnitIdScheme=CODE): data elements are
 * the indicator codes, org units the official unit codes, periods DHIS2's
 * (2026W48, 202611, 2026Q4, 2026). A flow is its sum over the period, a
 * stock its value at the period's end, as on the progress page. */
#include "api/api.h"
#include "core/breakdown.h"
#include "http/respond.h"
#include "util/escape.h"
#include "util/jw.h"
#include "util/vec.h"
#include <string.h>

/* The figures of one unit, each indicator once (one in two forms is
 * given by the first). */
struct figures {
	const char *org_unit;
	const struct progress_item *items;
	int n;
};

static int seen_before(const struct progress_item *items, int i)
{
	for (int k = 0; k < i; k++)
		if (items[k].ind->id == items[i].ind->id)
			return 1;
	return 0;
}

static void values_json(struct jw *j, const struct figures *f, const char *period)
{
	for (int i = 0; i < f->n; i++) {
		if (seen_before(f->items, i))
			continue;
		char value[24];
		snprintf(value, sizeof value, "%lld", f->items[i].actual);
		jw_obj_begin(j);
		jw_kv_str(j, "dataElement", f->items[i].ind->code);
		jw_kv_str(j, "period", period);
		jw_kv_str(j, "orgUnit", f->org_unit);
		jw_kv_str(j, "value", value);
		jw_obj_end(j);
	}
}

#define CSV_HEADER                                                                                 \
	"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"      \
	"lastupdated,comment,followup\r\n"

static void values_csv(struct buf *out, const struct figures *f, const char *period)
{
	for (int i = 0; i < f->n; i++) {
		if (seen_before(f->items, i))
			continue;
		csv_cell(out, f->items[i].ind->code, ',');
		buf_printf(out, ",%s,", period);
		csv_cell(out, f->org_unit, ',');
		buf_printf(out, ",,,%lld,langso,,,false\r\n", f->items[i].actual);
	}
}

void api_data_value_sets(struct req *r)
{
	const char *code = req_query(r, "orgUnit"), *text = req_query(r, "period");
	const char *children = req_query(r, "children"), *format = req_query(r, "format");
	struct period p;
	if (!text || period_parse_dhis2(text, &p) != 0) {
		respond_error(r, 400, "invalid_period",
			      "The period must be written as DHIS2 does: %s.",
			      "2026W48, 202611, 2026Q4, 2026");
		return;
	}
	if (children && strcmp(children, "true") != 0 && strcmp(children, "false") != 0) {
		bad_param(r, "children");
		return;
	}
	int csv = format && strcmp(format, "csv") == 0;
	const char *accept = req_header(r, "Accept");
	if (!format && accept && strstr(accept, "application/csv"))
		csv = 1;
	if (format && !csv && strcmp(format, "json") != 0) {
		bad_param(r, "format");
		return;
	}
	long long unit = code && *code ? units_resolve(r->db, code) : 0;
	struct progress_item *items;
	int n;
	struct completeness c;
	int rc = unit ? progress_get(r->db, &r->arena, r->user, unit, &p, r->now, &items, &n, &c)
		      : RES_NOT_FOUND;
	if (!respond_result(r, rc, NULL, "progress_get"))
		return;
	char period[PERIOD_TEXT];
	period_format_dhis2(&p, period);
	/* the unit, then its children that have an official code */
	struct unit u;
	if (units_get(r->db, &r->arena, unit, &u) != RES_OK) {
		req_fail(r, "units_get");
		return;
	}
	VEC(struct figures) all = {0};
	if (*u.code)
		*VEC_PUSH(&r->arena, &all) = (struct figures){u.code, items, n};
	struct breakdown_query q = {.unit = unit,
				    .p = p,
				    .level = LEVEL_UNKNOWN,
				    .sort = SORT_NAME,
				    .limit = BREAKDOWN_PAGE_MAX};
	while (children && strcmp(children, "true") == 0) {
		struct breakdown b;
		if (breakdown_get(r->db, &r->arena, r->user, &q, r->now, &b) != RES_OK) {
			req_fail(r, "breakdown_get");
			return;
		}
		for (int i = 0; i < b.n; i++)
			if (*b.rows[i].unit.code)
				*VEC_PUSH(&r->arena, &all) = (struct figures){
				    b.rows[i].unit.code, b.rows[i].items, b.rows[i].n};
		if (!(q.offset = b.next))
			break;
	}
	if (csv) {
		buf_puts(&r->out, CSV_HEADER);
		for (int i = 0; i < all.n; i++)
			values_csv(&r->out, &all.items[i], period);
		r->content_type = "application/csv; charset=utf-8";
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "dataValues");
	jw_arr_begin(&j);
	for (int i = 0; i < all.n; i++)
		values_json(&j, &all.items[i], period);
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}
