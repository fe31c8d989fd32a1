/* test_http.c: the router, the route tables and form bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "http/form.h"
#include "http/router.h"

static void dummy(struct req *r)
{
	(void)r;
}

static const struct route table[] = {
    {"GET", "/units", dummy, PERM_PUBLIC, 0, 0, 0},
    {"GET", "/units/{id}", dummy, PERM_PUBLIC, 0, 0, 0},
    {"POST", "/units/{id}", dummy, PERM_SIGNED_IN, 0, 100, 0},
    {"GET", "/teams/{id}/members/{mid}", dummy, PERM_PUBLIC, 0, 0, 0},
    {"GET", "/static/*", dummy, PERM_PUBLIC, 0, 0, 0},
};
#define N (sizeof table / sizeof *table)

static void matches_patterns_and_captures(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	const char *p[REQ_MAX_PARAMS];
	int np;
	char allow[64];
	const struct route *rt = router_match(table, N, "GET", "/units/42", &a, p, &np, allow, 64);
	assert_ptr_equal(rt, &table[1]);
	assert_int_equal(np, 1);
	assert_string_equal(p[0], "42");
	rt = router_match(table, N, "HEAD", "/units", &a, p, &np, allow, 64);
	assert_ptr_equal(rt, &table[0]);
	rt = router_match(table, N, "GET", "/teams/7/members/9", &a, p, &np, allow, 64);
	assert_ptr_equal(rt, &table[3]);
	assert_string_equal(p[1], "9");
	rt = router_match(table, N, "GET", "/static/style.css", &a, p, &np, allow, 64);
	assert_ptr_equal(rt, &table[4]);
	arena_release(&a);
}

static void not_found_and_method_not_allowed(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	const char *p[REQ_MAX_PARAMS];
	int np;
	char allow[64];
	assert_null(router_match(table, N, "GET", "/units/", &a, p, &np, allow, 64));
	assert_string_equal(allow, "");
	assert_null(router_match(table, N, "GET", "/units/1/x", &a, p, &np, allow, 64));
	assert_null(router_match(table, N, "GET", "/unitsx", &a, p, &np, allow, 64));
	assert_null(router_match(table, N, "DELETE", "/units/1", &a, p, &np, allow, 64));
	assert_string_equal(allow, "GET, HEAD, POST");
	arena_release(&a);
}

/* Every row of the real tables names a permission and a handler; every
 * mutation accepts a body; no two rows answer the same method and path. */
static void check_table(const struct route *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(t[i].perm, PERM_MISSING);
		assert_non_null(t[i].handler);
		assert_true(t[i].pattern[0] == '/');
		if (strcmp(t[i].method, "GET") != 0)
			assert_true(t[i].body_max > 0);
		for (size_t k = 0; k < i; k++)
			assert_false(strcmp(t[i].method, t[k].method) == 0 &&
				     strcmp(t[i].pattern, t[k].pattern) == 0);
	}
}

static void route_tables_declare_permissions(void **state)
{
	(void)state;
	check_table(web_routes, web_routes_count);
	check_table(api_routes, api_routes_count);
	for (size_t i = 0; i < api_routes_count; i++)
		assert_int_equal(strncmp(api_routes[i].pattern, "/api/v1/", 8), 0);
}

static void urlencoded_form(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof r);
	buf_puts(&r.body, "username=t%C3%AAn+a&password=p%26q%3D&empty=&flag");
	assert_int_equal(form_parse(&r, "application/x-www-form-urlencoded"), FORM_OK);
	assert_string_equal(req_form(&r, "username"), "tên a");
	assert_string_equal(req_form(&r, "password"), "p&q=");
	assert_string_equal(req_form(&r, "empty"), "");
	assert_string_equal(req_form(&r, "flag"), "");
	assert_null(req_form(&r, "nope"));
	buf_release(&r.body);
	arena_release(&r.arena);

	memset(&r, 0, sizeof r);
	buf_puts(&r.body, "a=%C3%28");
	assert_int_equal(form_parse(&r, "application/x-www-form-urlencoded"), FORM_BAD_UTF8);
	buf_release(&r.body);
	arena_release(&r.arena);

	memset(&r, 0, sizeof r);
	buf_puts(&r.body, "a=%G1");
	assert_int_equal(form_parse(&r, "application/x-www-form-urlencoded"), FORM_MALFORMED);
	buf_release(&r.body);
	arena_release(&r.arena);
}

static void multipart_form_with_file(void **state)
{
	(void)state;
	struct req r;
	memset(&r, 0, sizeof r);
	const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
			    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
			    "filename=\"thôn.csv\"\r\nContent-Type: text/csv\r\n\r\n"
			    "a;b\r\n\xFF\x00z\r\n--XyZ--\r\n";
	buf_append(&r.body, body, sizeof body - 1);
	assert_int_equal(form_parse(&r, "multipart/form-data; boundary=XyZ"), FORM_OK);
	assert_string_equal(req_form(&r, "csrf"), "tok");
	const struct form_field *f = req_file(&r, "file");
	assert_non_null(f);
	assert_string_equal(f->filename, "thôn.csv");
	assert_int_equal(f->len, 8);
	assert_memory_equal(f->value, "a;b\r\n\xFF\x00z", 8);
	buf_release(&r.body);
	arena_release(&r.arena);

	memset(&r, 0, sizeof r);
	buf_puts(&r.body, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end");
	assert_int_equal(form_parse(&r, "multipart/form-data; boundary=XyZ"), FORM_MALFORMED);
	buf_release(&r.body);
	arena_release(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(matches_patterns_and_captures),
	    cmocka_unit_test(not_found_and_method_not_allowed),
	    cmocka_unit_test(route_tables_declare_permissions),
	    cmocka_unit_test(urlencoded_form),
	    cmocka_unit_test(multipart_form_with_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
