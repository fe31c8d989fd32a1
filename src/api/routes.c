/* routes.c: the route table of the JSON API under /api/v1/. Every row names
 * its permission; the dispatcher checks it before the handler runs. */
#include "api/api.h"
#include "http/respond.h"
#include "http/router.h"
#include "util/embedded.h"

const struct route api_routes[] = {
    {"GET", "/api/v1/units", api_units_list, PERM_UNITS_READ, 0, 0},
    {"GET", "/api/v1/units/{id}", api_unit_get, PERM_UNITS_READ, 0, 0},
    {"GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, 0, 0},
};
const size_t api_routes_count = sizeof api_routes / sizeof *api_routes;

void api_openapi(struct req *r)
{
	const struct embedded_file *f = embedded_find("static/openapi.json");
	if (!f) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	buf_append(&r->out, f->data, (size_t)f->len);
	respond_json(r, 200);
}
