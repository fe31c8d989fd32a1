/* health.c: the probes of a load balancer or systemd: /healthz (the
 * process answers) and /readyz (it can do its work). */
#include "core/rollup.h"
#include "db/db.h"
#include "http/respond.h"
#include "util/jw.h"
#include "web/pages.h"

/* /healthz: the process answers (a load balancer's liveness probe). */
void page_health(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->out, "ok\n");
}

/* /readyz: this server can do its work: its database answers, takes
 * writes and has this binary's schema. 503 otherwise, so that nginx or a
 * load balancer sends requests elsewhere. With it, for monitoring, the
 * roll-up changes waiting for a folder (rollup_folder.c). */
void page_ready(struct req *r)
{
	char why[160];
	int ready = db_ready(r->db, why, sizeof why);
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_str(&j, "status", ready ? "ready" : "unavailable");
	jw_kv_str(&j, "database", r->db->ops->name);
	jw_kv_int(&j, "schema", db_schema_latest(r->db));
	if (!ready)
		jw_kv_str(&j, "reason", why);
	else
		jw_kv_int(&j, "rollup_pending", rollup_pending_rows(r->db));
	jw_obj_end(&j);
	respond_json(r, ready ? 200 : 503);
}
