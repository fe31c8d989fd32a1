/* fuzz_request.c: the request path that is langso's own, before any
 * handler: the input is "METHOD URL\nContent-Type\nbody". The URL's path
 * and query are unescaped as MHD is told to (url_unescape_strict) and
 * checked as UTF-8, the path is matched against both route tables, a
 * sign-in target is checked, and the body is parsed as its form. */
#include "fuzz.h"
#include "http/form.h"
#include "http/router.h"
#include "util/escape.h"
#include "util/text.h"
#include <string.h>

/* The next line of data[*at..size) as a new string (NULL at the end). */
static char *line(const uint8_t *data, size_t size, size_t *at, size_t *len)
{
	if (*at > size)
		return NULL;
	size_t start = *at, end = start;
	while (end < size && data[end] != '\n')
		end++;
	char *s = malloc(end - start + 1);
	memcpy(s, data + start, end - start);
	s[end - start] = '\0';
	*len = end - start;
	*at = end + 1;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0, n;
	char *first = line(data, size, &at, &n);
	char *type = line(data, size, &at, &n);
	if (!first || !type) {
		free(first);
		free(type);
		return 0;
	}
	char *url = strchr(first, ' ');
	const char *method = first;
	if (url)
		*url++ = '\0';
	else
		url = first + strlen(first);
	char *query = strchr(url, '?');
	if (query)
		*query++ = '\0';
	size_t len = url_unescape_strict(url);
	MUST(len == strlen(url)); /* no NUL survives */
	for (size_t i = 0; i < len; i++)
		MUST((unsigned char)url[i] >= 0x20 && url[i] != 0x7f);
	if (query)
		url_unescape_strict(query);
	if (utf8_valid(url, len)) {
		struct arena a = ARENA_INIT;
		const char *params[REQ_MAX_PARAMS];
		int np = 0;
		char allow[64];
		const struct route *r = router_match(web_routes, web_routes_count, method, url, &a,
						     params, &np, allow, sizeof allow);
		MUST(np >= 0 && np <= REQ_MAX_PARAMS);
		MUST(!r || !*allow);
		router_match(api_routes, api_routes_count, method, url, &a, params, &np, allow,
			     sizeof allow);
		arena_release(&a);
		if (url_local_path(url)) /* a Location of this site: no host, no control */
			MUST(url[0] == '/' && url[1] != '/' && url[1] != '\\' && !strchr(url, '\t'));
	}

	struct req r;
	memset(&r, 0, sizeof r);
	r.body_max = size;
	if (at < size)
		buf_append(&r.body, data + at, size - at);
	int rc = form_parse(&r, type);
	MUST(rc == FORM_OK || rc == FORM_MALFORMED || rc == FORM_BAD_UTF8 || rc == FORM_TOO_MANY);
	for (int i = 0; rc == FORM_OK && i < r.nform; i++)
		MUST(r.form[i].name != NULL);
	buf_release(&r.body);
	arena_release(&r.arena);
	free(first);
	free(type);
	return 0;
}
