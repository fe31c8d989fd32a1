/* respond.c: error replies in the user's language (an HTML page, or RFC 9457
 * problem+json under /api/) and JSON replies. The page around an HTML error
 * is the web layer's (respond_set_page); http/ knows nothing of it. */
#include "http/respond.h"
#include "core/result.h"
#include "util/escape.h"
#include "util/jw.h"
#include <stdio.h>
#include <string.h>

static respond_page_fn error_page;

void respond_set_page(respond_page_fn fn)
{
	error_page = fn;
}

/* The message for msgid in the request's language, with %s filled. */
static const char *message(struct req *r, const char *msgid, const char *arg)
{
	struct buf b = BUF_INIT;
	i18n_fill(&b, r->lang, msgid, arg);
	const char *t = arena_strdup(&r->arena, buf_cstr(&b));
	buf_release(&b);
	return t;
}

void respond_error(struct req *r, int status, const char *code, const char *msgid, const char *arg)
{
	const char *msg = message(r, msgid, arg);
	buf_reset(&r->out);
	r->status = status;
	if (r->is_api) {
		struct jw j;
		r->content_type = "application/problem+json; charset=utf-8";
		jw_init(&j, &r->out);
		jw_obj_begin(&j);
		jw_kv_str(&j, "type", arena_printf(&r->arena, "/problems/%s", code));
		jw_kv_str(&j, "title", msg);
		jw_kv_int(&j, "status", status);
		jw_kv_str(&j, "code", code);
		jw_kv_str(&j, "instance", r->path);
		jw_obj_end(&j);
		return;
	}
	const char *title = status == 404   ? req_t(r, "Not found")
			    : status >= 500 ? req_t(r, "Server error")
					    : req_t(r, "Request refused");
	if (error_page) {
		error_page(r, title, msg);
		return;
	}
	r->content_type = "text/html; charset=utf-8";
	html_printf(&r->out,
		    "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s"
		    "</title></head><body><h1>%s</h1><p>%s</p></body></html>\n",
		    i18n_code(r->lang), title, title, msg);
}

void respond_field_errors(struct req *r, const struct field_errors *fe)
{
	buf_reset(&r->out);
	r->status = 422;
	r->content_type = "application/problem+json; charset=utf-8";
	struct jw j;
	jw_init(&j, &r->out);
	jw_obj_begin(&j);
	jw_kv_str(&j, "type", "/problems/invalid");
	jw_kv_str(&j, "title", req_t(r, "Nothing was saved:"));
	jw_kv_int(&j, "status", 422);
	jw_kv_str(&j, "code", "invalid");
	jw_key(&j, "errors");
	jw_arr_begin(&j);
	for (int i = 0; i < fe->n; i++) {
		jw_obj_begin(&j);
		jw_kv_str(&j, "field", fe->e[i].field);
		jw_kv_str(&j, "message", message(r, fe->e[i].msgid, fe->e[i].arg));
		jw_obj_end(&j);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
}

int respond_result(struct req *r, int rc, const struct field_errors *fe, const char *what)
{
	static const struct field_errors none = {0};
	switch (rc) {
	case RES_OK:
		return 1;
	case RES_NOT_FOUND:
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		break;
	case RES_FORBIDDEN:
		respond_error(r, 403, "forbidden", "You may not do this.", NULL);
		break;
	case RES_INVALID:
	case RES_CONFLICT:
		respond_field_errors(r, fe ? fe : &none);
		break;
	default:
		req_fail(r, what);
	}
	return 0;
}

void respond_json(struct req *r, int status)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
}

void respond_attachment(struct req *r, const char *mime, const char *name)
{
	r->content_type = mime;
	struct buf cd = BUF_INIT;
	buf_puts(&cd, "attachment; filename=\"tai-lieu\"; filename*=UTF-8''");
	url_escape(&cd, name);
	req_add_header(r, "Content-Disposition", arena_strdup(&r->arena, buf_cstr(&cd)));
	buf_release(&cd);
}
