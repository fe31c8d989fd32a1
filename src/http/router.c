/* router.c: matching a method and path against a route table. */
#include "http/router.h"
#include <stdio.h>
#include <string.h>

/* Does path match pattern? Captures {…} segments into params. */
static int path_match(const char *pattern, const char *path, struct arena *a, const char **params,
		      int *nparams)
{
	const char *p = pattern, *s = path;
	*nparams = 0;
	while (*p) {
		if (p[0] == '*' && p[1] == '\0')
			return 1;
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return 0;
			size_t n = strcspn(s, "/");
			if (n == 0 || *nparams >= REQ_MAX_PARAMS)
				return 0;
			params[(*nparams)++] = arena_strndup(a, s, n);
			s += n;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

const struct route *router_match(const struct route *table, size_t n, const char *method,
				 const char *path, struct arena *a, const char **params,
				 int *nparams, char *allow, size_t allowlen)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	size_t used = 0;
	allow[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct route *rt = &table[i];
		const char *tmp[REQ_MAX_PARAMS];
		int ntmp;
		if (!path_match(rt->pattern, path, a, tmp, &ntmp))
			continue;
		if (strcmp(rt->method, m) == 0) {
			memcpy(params, tmp, sizeof tmp);
			*nparams = ntmp;
			allow[0] = '\0';
			return rt;
		}
		if (!strstr(allow, rt->method)) {
			int k =
			    snprintf(allow + used, allowlen - used, "%s%s%s", used ? ", " : "",
				     rt->method, strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
			if (k > 0 && (size_t)k < allowlen - used)
				used += (size_t)k;
		}
	}
	return NULL;
}
