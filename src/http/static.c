/* static.c: embedded assets served with ETag and a long cache lifetime. */
#include "http/static.h"
#include "http/respond.h"
#include "util/embedded.h"
#include "util/gzip.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_ASSETS 64

static struct asset {
	const struct embedded_file *file;
	char etag[24]; /* "\"" 16 hex digits "\"" */
	char url[128];
	struct buf gz; /* packed once, when worth it; empty otherwise */
	char gz_etag[28];
} assets[MAX_ASSETS];
static int nassets;

static const char *content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".css", "text/css; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".ico", "image/x-icon"},
	    {".woff2", "font/woff2"},
	    {".json", "application/json"},
	    {".webmanifest", "application/manifest+json"},
	    {".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void static_init(void)
{
	nassets = 0;
	for (size_t i = 0; i < embedded_count && nassets < MAX_ASSETS; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->name, "static/", 7) != 0)
			continue;
		uint64_t h = 1469598103934665603ull; /* FNV-1a */
		for (long k = 0; k < f->len; k++)
			h = (h ^ f->data[k]) * 1099511628211ull;
		struct asset *a = &assets[nassets++];
		a->file = f;
		snprintf(a->etag, sizeof a->etag, "\"%016llx\"", (unsigned long long)h);
		snprintf(a->url, sizeof a->url, "/%s?v=%016llx", f->name, (unsigned long long)h);
		snprintf(a->gz_etag, sizeof a->gz_etag, "\"%016llx-gz\"", (unsigned long long)h);
		/* the packed bytes too, once for all the requests to come */
		buf_release(&a->gz);
		if (gzip_worth(content_type(f->name + 7), (size_t)f->len) &&
		    (gzip_pack(f->data, (size_t)f->len, &a->gz) != 0 ||
		     a->gz.len >= (size_t)f->len))
			buf_release(&a->gz);
	}
}

static const struct asset *asset_find(const char *name)
{
	for (int i = 0; i < nassets; i++)
		if (strcmp(assets[i].file->name + 7, name) == 0)
			return &assets[i];
	return NULL;
}

const char *static_url(const char *name)
{
	const struct asset *a = asset_find(name);
	return a ? a->url : "/static/missing";
}

void static_serve(struct req *r)
{
	const char *name = r->path + strlen("/static/");
	const struct asset *a = asset_find(name);
	if (!a) {
		respond_error(r, 404, "not_found", "There is no such page.", NULL);
		return;
	}
	/* each encoding its own validator; a 304 for either */
	int packed = a->gz.len && gzip_accepted(req_header(r, "Accept-Encoding"));
	req_add_header(r, "ETag", packed ? a->gz_etag : a->etag);
	req_add_header(r, "Cache-Control", "public, max-age=31536000, immutable");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && (strstr(inm, a->etag) || strstr(inm, a->gz_etag))) {
		r->status = 304;
		return;
	}
	r->status = 200;
	r->content_type = content_type(name);
	if (packed)
		buf_append(&r->out, a->gz.data, a->gz.len);
	else
		buf_append(&r->out, a->file->data, (size_t)a->file->len);
	r->packed = packed;
}
