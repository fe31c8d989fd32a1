/* breakdown.c: GET /api/v1/units/{id}/breakdown: a unit's children side by
 * side for a period, ranked worst first (core/breakdown.c). */
#include "api/api.h"
#include "core/breakdown.h"
#include "http/respond.h"
#include "util/jw.h"
#include <string.h>

static void value_json(struct jw *j, const struct progress_item *it, int pace)
{
	jw_key(j, it->ind->code);
	jw_obj_begin(j);
	jw_key(j, "target");
	if (it->target >= 0)
		jw_int(j, it->target);
	else
		jw_null(j);
	jw_kv_int(j, "actual", it->actual);
	jw_key(j, "percent");
	if (it->percent >= 0)
		jw_int(j, it->percent);
	else
		jw_null(j);
	jw_kv_bool(j, "lagging", breakdown_lagging(it, pace));
	jw_obj_end(j);
}

static void row_json(struct jw *j, const struct breakdown_row *row, int pace)
{
	jw_obj_begin(j);
	jw_key(j, "unit");
	jw_obj_begin(j);
	jw_kv_int(j, "id", row->unit.id);
	jw_kv_str(j, "code", *row->unit.code ? row->unit.code : NULL);
	jw_kv_str(j, "name", row->unit.name);
	jw_kv_str(j, "level", row->unit.level);
	jw_obj_end(j);
	jw_kv_int(j, "rank", row->rank);
	jw_kv_bool(j, "lagging", row->lagging);
	jw_key(j, "values");
	jw_obj_begin(j);
	for (int i = 0; i < row->n; i++)
		value_json(j, &row->items[i], pace);
	jw_obj_end(j);
	jw_key(j, "completeness");
	jw_obj_begin(j);
	jw_kv_int(j, "expected", row->c.expected);
	jw_kv_int(j, "received", row->c.received);
	jw_kv_int(j, "on_time", row->c.on_time);
	jw_kv_int(j, "late", row->c.late);
	jw_kv_int(j, "missing", row->c.missing);
	jw_obj_end(j);
	jw_kv_int(j, "open_difficulties", row->difficulties);
	jw_obj_end(j);
}

void api_breakdown(struct req *r)
{
	struct breakdown_query q = {.unit = req_param_id(r, 0), .level = LEVEL_UNKNOWN};
	if (api_period_param(r, req_query(r, "period"), &q.p) != 0 ||
	    query_cursor(r, &q.offset) != 0 || api_as_param(r, &q.as) != 0)
		return;
	const char *sort = req_query(r, "sort");
	if (sort && breakdown_sort_parse(sort, &q.sort, &q.reverse) != 0) {
		bad_param(r, "sort");
		return;
	}
	const char *level = req_query(r, "level");
	if (level && (q.level = unit_level_of(level)) == LEVEL_UNKNOWN) {
		bad_param(r, "level");
		return;
	}
	long long limit = query_id(r, "limit");
	if (limit < 0 || limit > BREAKDOWN_PAGE_MAX) {
		bad_param(r, "limit");
		return;
	}
	q.limit = limit ? (int)limit : 50;
	q.indicator = req_query(r, "indicator");
	struct breakdown b;
	int rc = breakdown_get(r->db, &r->arena, r->user, &q, r->now, &b);
	if (rc == RES_INVALID) {
		bad_param(r, q.indicator ? "indicator" : "level");
		return;
	}
	if (!respond_result(r, rc, NULL, "breakdown_get"))
		return;
	char key[PERIOD_TEXT];
	period_format(&q.p, key);
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "unit_id", q.unit);
	jw_kv_str(&j, "period", key);
	jw_kv_str(&j, "sort", breakdown_sort_name(q.sort));
	jw_kv_bool(&j, "reverse", q.reverse);
	jw_kv_str(&j, "ranked_indicator", b.ranked ? b.ranked->code : NULL);
	jw_kv_int(&j, "pace", b.pace);
	jw_kv_int(&j, "total", b.total);
	jw_key(&j, "items");
	jw_arr_begin(&j);
	for (int i = 0; i < b.n; i++)
		row_json(&j, &b.rows[i], b.pace);
	jw_arr_end(&j);
	jw_kv_cursor(&j, "next_cursor", b.next);
	jw_obj_end(&j);
	respond_json(r, 200);
}
