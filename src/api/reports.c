/* reports.c: the reporting API: reports (PUT with values and submit),
 * their review, targets, progress, difficulties and the catalogue. */
#include "api/api.h"
#include "core/difficulties.h"
#include "core/progress.h"
#include "core/reports.h"
#include "http/respond.h"
#include "util/jw.h"
#include <stdlib.h>
#include <string.h>

/* The bodies these routes take. */
static const struct jfield report_body[] = {
    {"form", J_TEXT, 0, 0}, {"values", J_OBJECT, 0, 0}, {"submit", J_BOOL, 0, 0}, {NULL, 0, 0, 0}};
static const struct jfield targets_body[] = {{"values", J_OBJECT, 0, 0}, {NULL, 0, 0, 0}};
static const struct jfield reason_body[] = {{"reason", J_TEXT, 0, 0}, {NULL, 0, 0, 0}};
static const struct jfield difficulty_body[] = {{"team_id", J_ID, 0, J_REQUIRED},
						{"report_id", J_ID, 0, 0},
						{"text", J_TEXT, 0, 0},
						{"category", J_TEXT, 0, 0},
						{NULL, 0, 0, 0}};
static const struct jfield text_body[] = {{"text", J_TEXT, 0, 0}, {NULL, 0, 0, 0}};

/* The "values" object of a body (checked an object) as parallel arrays of
 * texts. A member that is not a whole number or null (a string "3" too)
 * becomes text that no count parses, so that the core names its field
 * among the report's other errors. */
static int body_values(struct req *r, json_t *doc, const char ***codes, const char ***values)
{
	json_t *obj = json_object_get(doc, "values");
	size_t n = json_is_object(obj) ? json_object_size(obj) : 0;
	*codes = arena_alloc(&r->arena, (n + 1) * sizeof **codes);
	*values = arena_alloc(&r->arena, (n + 1) * sizeof **values);
	const char *k;
	json_t *v;
	int i = 0;
	json_object_foreach(obj, k, v)
	{
		(*codes)[i] = arena_strdup(&r->arena, k);
		if (json_is_integer(v))
			(*values)[i] =
			    arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
		else if (json_is_null(v))
			(*values)[i] = "";
		else
			(*values)[i] = "not a whole number";
		i++;
	}
	return i;
}

/* A period parameter: only the canonical spelling (2026W05, 2026-01,
 * 2026Q1, 2026) is taken; 0, or -1 after answering 400. */
int api_period_param(struct req *r, const char *text, struct period *p)
{
	if (period_parse(text, p) == 0)
		return 0;
	struct period guess;
	char key[PERIOD_TEXT];
	if (text && period_read(text, &guess) == 0) {
		period_format(&guess, key);
		respond_error(r, 400, "invalid_period", "Write the period as %s.",
			      arena_strdup(&r->arena, key));
	} else {
		respond_error(r, 400, "invalid_period",
			      "The period must be a week, month, quarter or year written like "
			      "%s.",
			      "2026W05, 2026-01, 2026Q1, 2026");
	}
	return -1;
}

static void report_json(struct req *r, long long team, const struct form *f,
			const struct report *rep, const struct report_line *lines, int n)
{
	buf_reset(&r->out);
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "id");
	if (rep->id)
		jw_int(&j, rep->id);
	else
		jw_null(&j);
	jw_kv_int(&j, "team_id", team);
	jw_kv_str(&j, "form", f->code);
	jw_kv_str(&j, "period", rep->key);
	jw_kv_str(&j, "status", rep->id ? report_status_name(rep->status) : "none");
	jw_kv_str(&j, "due_on", rep->due_on);
	jw_key(&j, "late");
	jw_bool(&j, rep->late);
	jw_kv_int(&j, "revision", rep->revision);
	jw_kv_str(&j, "note", rep->note);
	jw_key(&j, "open");
	jw_bool(&j, rep->window == WINDOW_OPEN);
	jw_key(&j, "actions");
	jw_arr_begin(&j);
	for (unsigned bit = REPORT_SAVE; bit <= REPORT_UNLOCK; bit <<= 1)
		if (rep->actions & bit)
			jw_str(&j, report_action_name(bit));
	jw_arr_end(&j);
	jw_key(&j, "values");
	jw_obj_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_key(&j, lines[i].ind->code);
		if (lines[i].value >= 0)
			jw_int(&j, lines[i].value);
		else
			jw_null(&j);
	}
	jw_obj_end(&j);
	jw_key(&j, "previous");
	jw_obj_begin(&j);
	for (int i = 0; i < n; i++)
		if (lines[i].previous >= 0)
			jw_kv_int(&j, lines[i].ind->code, lines[i].previous);
	jw_obj_end(&j);
	jw_obj_end(&j);
}

/* Answer with the report of team for form f and period p as it is. */
static void report_reply(struct req *r, long long team, const struct form *f,
			 const struct period *p)
{
	struct report rep;
	struct report_line *lines;
	int n;
	int rc = reports_get(r->db, &r->arena, r->user, team, f, p, r->now, &rep, &lines, &n);
	if (!respond_result(r, rc, NULL, "reports_get"))
		return;
	report_json(r, team, f, &rep, lines, n);
	respond_json(r, 200);
}

/* The team of the path and the form of the period (query or body "form"). */
static int team_form(struct req *r, const char *code, const struct period *p, long long *team,
		     struct form *f)
{
	struct team t;
	char key[PERIOD_TEXT];
	period_format(p, key);
	*team = req_param_id(r, 0);
	int rc = teams_get(r->db, &r->arena, r->user, *team, &t);
	if (rc == RES_OK)
		rc = catalog_form_for(r->db, &r->arena, t.unit_id, key, code, f);
	if (rc == RES_NOT_FOUND)
		respond_error(r, 404, "not_found", "There is no such report.", NULL);
	else if (rc != RES_OK)
		req_fail(r, "catalog_form_for");
	return rc;
}

void api_report_get(struct req *r)
{
	long long team;
	struct form f;
	struct period p;
	if (api_period_param(r, r->params[1], &p) != 0 ||
	    team_form(r, req_query(r, "form"), &p, &team, &f) != RES_OK)
		return;
	report_reply(r, team, &f, &p);
}

void api_report_put(struct req *r)
{
	struct period p;
	if (api_period_param(r, r->params[1], &p) != 0)
		return;
	json_t *doc = api_body_fields(r, report_body);
	if (!doc)
		return;
	long long team;
	struct form f;
	if (team_form(r, json_string_value(json_object_get(doc, "form")), &p, &team, &f) !=
	    RES_OK) {
		json_decref(doc);
		return;
	}
	const char **codes, **values;
	struct field_errors fe = {0};
	int n = body_values(r, doc, &codes, &values);
	int submit = json_is_true(json_object_get(doc, "submit"));
	json_decref(doc);
	struct report rep;
	struct report_line *lines;
	int nl;
	int rc = reports_save(r->db, &r->arena, r->user, team, &f, &p, codes, values, n, submit,
			      r->now, &fe, &rep, &lines, &nl);
	if (!respond_result(r, rc, &fe, "reports_save"))
		return;
	report_json(r, team, &f, &rep, lines, nl);
	respond_json(r, 200);
}

static void review(struct req *r, unsigned action)
{
	json_t *doc = r->body.len ? api_body_fields(r, reason_body) : NULL;
	if (r->body.len && !doc)
		return;
	const char *reason = doc ? json_string_value(json_object_get(doc, "reason")) : NULL;
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	int rc = reports_review(r->db, r->user, id, action, reason, &fe);
	json_decref(doc);
	if (!respond_result(r, rc, &fe, "reports_review"))
		return;
	long long form;
	struct period period;
	long long team = reports_team(r->db, r->user, id, &form, &period);
	struct form *forms;
	int nf;
	struct team t;
	if (teams_get(r->db, &r->arena, r->user, team, &t) != RES_OK ||
	    catalog_forms(r->db, &r->arena, t.unit_id, &forms, &nf) != RES_OK) {
		req_fail(r, "review");
		return;
	}
	for (int i = 0; i < nf; i++)
		if (forms[i].id == form) {
			report_reply(r, team, &forms[i], &period);
			return;
		}
	req_fail(r, "review: the report's form");
}

void api_report_return(struct req *r)
{
	review(r, REPORT_RETURN);
}
void api_report_accept(struct req *r)
{
	review(r, REPORT_ACCEPT);
}
void api_report_unlock(struct req *r)
{
	review(r, REPORT_UNLOCK);
}

void api_targets_put(struct req *r)
{
	struct period p;
	if (api_period_param(r, r->params[1], &p) != 0)
		return;
	json_t *doc = api_body_fields(r, targets_body);
	if (!doc)
		return;
	const char **codes, **values;
	struct field_errors fe = {0};
	int n = body_values(r, doc, &codes, &values);
	json_decref(doc);
	struct target_row row = {req_param_id(r, 0), codes, values, n};
	int rc = targets_set(r->db, &r->arena, r->user, &p, &row, 1, &fe);
	if (!respond_result(r, rc, &fe, "targets_set"))
		return;
	api_progress_of(r, req_param_id(r, 0), &p);
}

/* "missing_teams": a page of the teams without a report, and its cursor. */
static void commune_json(struct jw *j, const struct missing_team *m)
{
	jw_key(j, "commune");
	jw_obj_begin(j);
	jw_kv_int(j, "id", m->commune_id);
	jw_kv_str(j, "code", m->commune_code);
	jw_kv_str(j, "name", m->commune);
	jw_obj_end(j);
}

static int missing_json(struct req *r, struct jw *j, long long unit, const struct period *p,
			long long after, int limit)
{
	struct missing_team *m;
	int n;
	long long next;
	int rc = progress_missing(r->db, &r->arena, r->user, unit, p, after, limit, &m, &n, &next);
	if (rc == RES_INVALID)
		n = 0, next = 0;
	else if (rc != RES_OK)
		return rc;
	jw_key(j, "items");
	jw_arr_begin(j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(j);
		jw_key(j, "team");
		jw_obj_begin(j);
		jw_kv_int(j, "id", m[i].id);
		jw_kv_str(j, "name", m[i].name);
		jw_obj_end(j);
		jw_key(j, "village");
		jw_obj_begin(j);
		jw_kv_int(j, "id", m[i].village_id);
		jw_kv_str(j, "name", m[i].village);
		jw_obj_end(j);
		commune_json(j, &m[i]);
		jw_obj_end(j);
	}
	jw_arr_end(j);
	/* for each commune of the page, the message for its Zalo group */
	jw_key(j, "reminders");
	jw_arr_begin(j);
	for (int i = 0; i < n;) {
		int k = i;
		while (k < n && m[k].commune_id == m[i].commune_id)
			k++;
		struct buf text = BUF_INIT;
		progress_reminder(r->lang, p, m + i, k - i, &text);
		jw_obj_begin(j);
		commune_json(j, &m[i]);
		jw_kv_str(j, "text", buf_cstr(&text));
		jw_obj_end(j);
		buf_release(&text);
		i = k;
	}
	jw_arr_end(j);
	jw_kv_cursor(j, "next_cursor", next);
	return RES_OK;
}

/* The as parameter: now (default) or then into *as; -1 when answered. */
int api_as_param(struct req *r, enum progress_as *as)
{
	const char *s = req_query(r, "as");
	*as = s && strcmp(s, "then") == 0 ? AS_THEN : AS_NOW;
	if (!s || strcmp(s, "now") == 0 || strcmp(s, "then") == 0)
		return 0;
	bad_param(r, "as");
	return -1;
}

void api_progress_of(struct req *r, long long unit, const struct period *p)
{
	struct progress_item *items;
	int n;
	struct completeness c;
	enum progress_as as;
	if (api_as_param(r, &as) != 0)
		return;
	struct unit u;
	int rc = units_get(r->db, &r->arena, unit, &u);
	if (rc == RES_OK)
		rc =
		    progress_get_as(r->db, &r->arena, r->user, unit, p, as, r->now, &items, &n, &c);
	if (!respond_result(r, rc, NULL, "progress_get"))
		return;
	char key[PERIOD_TEXT];
	period_format(p, key);
	buf_reset(&r->out);
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_int(&j, "unit_id", unit);
	jw_kv_str(&j, "period", key);
	jw_kv_str(&j, "as", as == AS_THEN ? "then" : "now");
	jw_kv_bool(&j, "existed", progress_existed(&u, p));
	jw_key(&j, "items");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "indicator", items[i].ind->code);
		jw_kv_str(&j, "name",
			  r->lang == LANG_EN ? items[i].ind->name_en : items[i].ind->name_vi);
		jw_kv_str(&j, "aggregation", items[i].ind->aggregation);
		jw_key(&j, "target");
		if (items[i].target >= 0)
			jw_int(&j, items[i].target);
		else
			jw_null(&j);
		jw_kv_int(&j, "actual", items[i].actual);
		jw_key(&j, "percent");
		if (items[i].percent >= 0)
			jw_int(&j, items[i].percent);
		else
			jw_null(&j);
		jw_key(&j, "children_targets");
		if (items[i].children_targets >= 0)
			jw_int(&j, items[i].children_targets);
		else
			jw_null(&j);
		if (items[i].stock) {
			jw_kv_int(&j, "teams", items[i].teams);
			jw_key(&j, "as_of");
			if (*items[i].as_of)
				jw_str(&j, items[i].as_of);
			else
				jw_null(&j);
		}
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_key(&j, "completeness");
	jw_obj_begin(&j);
	jw_kv_int(&j, "expected", c.expected);
	jw_kv_int(&j, "received", c.received);
	jw_kv_int(&j, "on_time", c.on_time);
	jw_kv_int(&j, "late", c.late);
	jw_kv_int(&j, "missing", c.missing);
	jw_obj_end(&j);
	/* the first page of the teams still missing, for one reporting period */
	jw_key(&j, "missing_teams");
	jw_obj_begin(&j);
	if (p->kind == PERIOD_WEEK || p->kind == PERIOD_MONTH) {
		rc = missing_json(r, &j, unit, p, 0, 50);
		if (rc != RES_OK) {
			req_fail(r, "progress_missing");
			return;
		}
	} else {
		jw_key(&j, "items");
		jw_arr_begin(&j);
		jw_arr_end(&j);
		jw_kv_cursor(&j, "next_cursor", 0);
	}
	jw_obj_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}

void api_progress(struct req *r)
{
	struct period p;
	if (api_period_param(r, req_query(r, "period"), &p) != 0)
		return;
	api_progress_of(r, req_param_id(r, 0), &p);
}

void api_missing(struct req *r)
{
	struct period p;
	if (api_period_param(r, req_query(r, "period"), &p) != 0)
		return;
	long long after;
	if (query_cursor(r, &after) != 0)
		return;
	if (p.kind != PERIOD_WEEK && p.kind != PERIOD_MONTH) {
		respond_error(r, 400, "invalid_period",
			      "Teams are missing for one reporting period: a week or a month.",
			      NULL);
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	int rc = missing_json(r, &j, req_param_id(r, 0), &p, after, MISSING_PAGE_MAX);
	if (!respond_result(r, rc, NULL, "progress_missing"))
		return;
	jw_obj_end(&j);
	respond_json(r, 200);
}

static void difficulty_json(struct jw *j, const struct difficulty *d)
{
	jw_kv_int(j, "id", d->id);
	jw_kv_int(j, "team_id", d->team_id);
	jw_kv_str(j, "team", d->team);
	jw_kv_str(j, "text", d->text);
	jw_kv_str(j, "category", d->category);
	jw_kv_str(j, "status", d->status);
	jw_kv_str(j, "level", d->level);
	jw_kv_int(j, "unit_id", d->unit_id);
	jw_kv_str(j, "opened_at", d->opened_at);
	jw_kv_int(j, "replies", d->replies);
}

void api_difficulties_list(struct req *r)
{
	struct difficulty *list;
	int n;
	long long next;
	long long after;
	if (query_cursor(r, &after) != 0)
		return;
	long long below = query_id(r, "unit");
	if (below < 0) {
		bad_param(r, "unit");
		return;
	}
	if (difficulties_list(r->db, &r->arena, r->user, req_query(r, "status"),
			      req_query(r, "mine") != NULL, below, after, DIFFICULTIES_PAGE_MAX,
			      &list, &n, &next) != RES_OK) {
		req_fail(r, "difficulties_list");
		return;
	}
	struct jw j;
	api_items_begin(r, &j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		difficulty_json(&j, &list[i]);
		jw_obj_end(&j);
	}
	api_items_end(r, &j, next);
}

static void difficulty_reply(struct req *r, long long id, int status)
{
	struct difficulty d;
	struct difficulty_reply *rs;
	int n;
	if (!respond_result(r, difficulties_get(r->db, &r->arena, r->user, id, &d, &rs, &n), NULL,
			    "difficulties_get"))
		return;
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	difficulty_json(&j, &d);
	jw_key(&j, "thread");
	jw_arr_begin(&j);
	for (int i = 0; i < n; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "at", rs[i].at);
		jw_kv_str(&j, "user", rs[i].username);
		jw_kv_str(&j, "action", rs[i].action);
		jw_kv_str(&j, "text", rs[i].text);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, status);
}

void api_difficulty_create(struct req *r)
{
	json_t *doc = api_body_fields(r, difficulty_body);
	if (!doc)
		return;
	json_t *team = json_object_get(doc, "team_id"), *report = json_object_get(doc, "report_id");
	struct field_errors fe = {0};
	long long id = 0;
	int rc = difficulties_open(r->db, r->user, json_integer_value(team),
				   json_is_integer(report) ? json_integer_value(report) : 0,
				   json_string_value(json_object_get(doc, "text")),
				   json_string_value(json_object_get(doc, "category")), &fe, &id);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "difficulties_open"))
		difficulty_reply(r, id, 201);
}

static void act(struct req *r, const char *action)
{
	json_t *doc = r->body.len ? api_body_fields(r, text_body) : NULL;
	if (r->body.len && !doc)
		return;
	struct field_errors fe = {0};
	long long id = req_param_id(r, 0);
	int rc =
	    difficulties_act(r->db, r->user, id, action,
			     doc ? json_string_value(json_object_get(doc, "text")) : NULL, &fe);
	json_decref(doc);
	if (respond_result(r, rc, &fe, "difficulties_act"))
		difficulty_reply(r, id, 200);
}

void api_difficulty_reply(struct req *r)
{
	act(r, "reply");
}
void api_difficulty_escalate(struct req *r)
{
	act(r, "escalate");
}
void api_difficulty_resolve(struct req *r)
{
	act(r, "resolve");
}

void api_catalog(struct req *r)
{
	struct indicator *inds;
	struct form *forms;
	int ni, nf;
	long long unit = r->user->scope;
	if (catalog_indicators(r->db, &r->arena, unit, &inds, &ni) != RES_OK ||
	    catalog_forms(r->db, &r->arena, unit, &forms, &nf) != RES_OK) {
		req_fail(r, "catalog");
		return;
	}
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_key(&j, "indicators");
	jw_arr_begin(&j);
	for (int i = 0; i < ni; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "code", inds[i].code);
		jw_kv_str(&j, "name_vi", inds[i].name_vi);
		jw_kv_str(&j, "name_en", inds[i].name_en);
		jw_kv_str(&j, "domain", inds[i].domain);
		jw_kv_str(&j, "aggregation", inds[i].aggregation);
		jw_kv_int(&j, "ceiling", inds[i].ceiling);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_key(&j, "forms");
	jw_arr_begin(&j);
	for (int i = 0; i < nf; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "code", forms[i].code);
		jw_kv_str(&j, "name_vi", forms[i].name_vi);
		jw_kv_str(&j, "period_type", forms[i].grain == PERIOD_WEEK ? "week" : "month");
		jw_kv_int(&j, "due_days", forms[i].due_days);
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	respond_json(r, 200);
}
