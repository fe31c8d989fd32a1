/* escape.c: the one escaper per output context (HTML, URL, JSON, CSV). */
#include "util/escape.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, n - start);
}

void url_escape(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(out, e, 3);
		}
	}
}

void url_add(struct buf *out, const char *name, const char *value)
{
	buf_putc(out, out->len && memchr(out->data, '?', out->len) ? '&' : '?');
	url_escape(out, name);
	buf_putc(out, '=');
	url_escape(out, value);
}

void url_add_int(struct buf *out, const char *name, long long value)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", value);
	url_add(out, name, n);
}

int url_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '\\')
			return 0;
	return 1;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

size_t url_unescape_strict(char *s)
{
	char *w = s;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
			c = (unsigned char)(hex_value(p[1]) * 16 + hex_value(p[2]));
			p += 2;
		}
		*w++ = (char)(c < 0x20 || c == 0x7f ? 0xff : c);
	}
	*w = '\0';
	return (size_t)(w - s);
}

void json_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[8];
		const char *rep = NULL;
		size_t skip = 1;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			snprintf(tmp, sizeof tmp, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
			rep = tmp;
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
			skip = 3;
		}
		if (!rep)
			continue;
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		i += skip - 1;
		start = i + 1;
	}
	buf_append(out, s + start, n - start);
	buf_putc(out, '"');
}

void csv_cell(struct buf *out, const char *s, char delim)
{
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		      s[0] == '\r';
	int quote =
	    formula || strchr(s, delim) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

void csv_row(struct buf *out, const char *const *cells, int n, char delim)
{
	for (int c = 0; c < n; c++) {
		if (c)
			buf_putc(out, delim);
		csv_cell(out, cells[c], delim);
	}
	buf_puts(out, "\r\n");
}

void html_vprintf(struct buf *out, const char *fmt, va_list ap)
{
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(out, p);
			return;
		}
		buf_append(out, p, (size_t)(pct - p));
		const char *q = pct + 1;
		if (*q == '%') {
			buf_putc(out, '%');
			p = q + 1;
			continue;
		}
		char spec[32];
		size_t sl = 0;
		spec[sl++] = '%';
		int star_width = 0, star_prec = 0, has_prec = 0;
		while (*q && strchr("-+ #0", *q) && sl < 8)
			spec[sl++] = *q++;
		if (*q == '*') {
			star_width = 1;
			spec[sl++] = *q++;
		}
		while (*q >= '0' && *q <= '9' && sl < 16)
			spec[sl++] = *q++;
		if (*q == '.') {
			has_prec = 1;
			spec[sl++] = *q++;
			if (*q == '*') {
				star_prec = 1;
				spec[sl++] = *q++;
			}
			while (*q >= '0' && *q <= '9' && sl < 24)
				spec[sl++] = *q++;
		}
		int lng = 0, size = 0;
		while (*q == 'l' && sl < 28) {
			lng++;
			spec[sl++] = *q++;
		}
		if (*q == 'z') {
			size = 1;
			spec[sl++] = *q++;
		}
		char conv = *q;
		spec[sl++] = conv;
		spec[sl] = '\0';
		p = q + (*q ? 1 : 0);

		int width = star_width ? va_arg(ap, int) : 0;
		int prec = star_prec ? va_arg(ap, int) : -1;
		char tmp[128];
		switch (conv) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "";
			size_t n = strlen(s);
			if (has_prec) {
				if (!star_prec)
					prec = atoi(strchr(spec, '.') + 1);
				if (prec >= 0 && (size_t)prec < n)
					n = (size_t)prec;
			}
			html_escape(out, s, n);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			html_escape(out, &c, 1);
			break;
		}
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X': {
			int n;
			int unsig = conv != 'd' && conv != 'i';
#define FMT_ARG(T)                                                                                 \
	(star_width && star_prec ? snprintf(tmp, sizeof tmp, spec, width, prec, va_arg(ap, T))     \
	 : star_width		 ? snprintf(tmp, sizeof tmp, spec, width, va_arg(ap, T))           \
	 : star_prec		 ? snprintf(tmp, sizeof tmp, spec, prec, va_arg(ap, T))            \
				 : snprintf(tmp, sizeof tmp, spec, va_arg(ap, T)))
			if (size)
				n = unsig ? FMT_ARG(size_t) : FMT_ARG(long);
			else if (lng >= 2)
				n = unsig ? FMT_ARG(unsigned long long) : FMT_ARG(long long);
			else if (lng == 1)
				n = unsig ? FMT_ARG(unsigned long) : FMT_ARG(long);
			else
				n = unsig ? FMT_ARG(unsigned) : FMT_ARG(int);
			if (n > 0)
				buf_append(out, tmp,
					   (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
			break;
		}
		case 'f':
		case 'g':
		case 'e': {
			int n = FMT_ARG(double);
#undef FMT_ARG
			if (n > 0)
				buf_append(out, tmp,
					   (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
			break;
		}
		default:
			fprintf(stderr, "html_printf: unsupported conversion in \"%s\"\n", fmt);
			abort();
		}
	}
}

void html_printf(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(out, fmt, ap);
	va_end(ap);
}

void vcard_text(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c == '\n') {
			buf_puts(out, "\\n");
		} else if (c >= 0x20 && c != 0x7f) {
			buf_putc(out, (char)c);
		}
	}
}
