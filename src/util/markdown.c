/* markdown.c: a small, safe subset of Markdown rendered to HTML. Nothing
 * of the input reaches the output unescaped: every character is either
 * markup this file writes or text through html_escape. */
#include "util/markdown.h"
#include "util/escape.h"
#include <string.h>

/* Is the byte one a backslash may escape? */
static int escapable(char c)
{
	return c && strchr("\\*_`[]()#>-.!", c) != NULL;
}

/* A span is looked for this far at most: a text full of unclosed markers
 * then costs its length times this, not its length squared. */
#define SPAN_MAX 1000

/* The end of the run of s[0..n) closed by the marker m (m_len bytes)
 * starting at from, or -1: a closing marker not right after the opening
 * one. */
static long closing(const char *s, size_t n, size_t from, const char *m, size_t m_len)
{
	if (n > from + SPAN_MAX)
		n = from + SPAN_MAX;
	for (size_t i = from; i + m_len <= n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (memcmp(s + i, m, m_len) == 0)
			return i > from ? (long)i : -1;
	}
	return -1;
}

/* A link target: http(s), no space, no quote, no angle bracket. */
static int safe_link(const char *s, size_t n)
{
	if (!((n > 8 && strncmp(s, "https://", 8) == 0) ||
	      (n > 7 && strncmp(s, "http://", 7) == 0)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || strchr("\"'<>\\`", s[i]))
			return 0;
	return 1;
}

static void inline_text(struct buf *out, const char *s, size_t n, int depth);

/* One span: **strong**, *em* or _em_, `code`, [text](link). Returns the
 * bytes used from s[i], or 0 when none starts there. */
static size_t span(struct buf *out, const char *s, size_t n, size_t i, int depth)
{
	if (depth < 4 && i + 1 < n && s[i] == '*' && s[i + 1] == '*') {
		long e = closing(s, n, i + 2, "**", 2);
		if (e > 0) {
			buf_puts(out, "<strong>");
			inline_text(out, s + i + 2, (size_t)e - i - 2, depth + 1);
			buf_puts(out, "</strong>");
			return (size_t)e + 2 - i;
		}
	}
	if (depth < 4 && (s[i] == '*' || s[i] == '_') && i + 1 < n && s[i + 1] != ' ') {
		char m[2] = {s[i], 0};
		long e = closing(s, n, i + 1, m, 1);
		if (e > 0 && s[e - 1] != ' ') {
			buf_puts(out, "<em>");
			inline_text(out, s + i + 1, (size_t)e - i - 1, depth + 1);
			buf_puts(out, "</em>");
			return (size_t)e + 1 - i;
		}
	}
	if (s[i] == '`') {
		const char *e = memchr(s + i + 1, '`', n - i - 1);
		if (e && e > s + i + 1) {
			buf_puts(out, "<code>");
			html_escape(out, s + i + 1, (size_t)(e - s - i - 1));
			buf_puts(out, "</code>");
			return (size_t)(e - s) + 1 - i;
		}
	}
	if (s[i] == '[' && depth < 4) {
		long e = closing(s, n, i + 1, "]", 1);
		if (e > 0 && (size_t)e + 1 < n && s[e + 1] == '(') {
			const char *close = memchr(s + e + 2, ')', n - (size_t)e - 2);
			size_t ll = close ? (size_t)(close - s - e - 2) : 0;
			if (close && safe_link(s + e + 2, ll)) {
				buf_puts(out, "<a href=\"");
				html_escape(out, s + e + 2, ll);
				buf_puts(out, "\" rel=\"nofollow noopener\">");
				inline_text(out, s + i + 1, (size_t)e - i - 1, depth + 1);
				buf_puts(out, "</a>");
				return (size_t)(close - s) + 1 - i;
			}
		}
	}
	return 0;
}

/* Text with its spans; a line break inside a paragraph stays one. */
static void inline_text(struct buf *out, const char *s, size_t n, int depth)
{
	size_t plain = 0; /* the start of the text not yet written */
	for (size_t i = 0; i < n;) {
		size_t used = 0;
		if (s[i] == '\\' && i + 1 < n && escapable(s[i + 1])) {
			html_escape(out, s + plain, i - plain);
			html_escape(out, s + i + 1, 1);
			i += 2;
			plain = i;
			continue;
		}
		if (s[i] == '\n') {
			html_escape(out, s + plain, i - plain);
			buf_puts(out, "<br>");
			plain = ++i;
			continue;
		}
		if (strchr("*_`[", s[i])) {
			size_t before = out->len;
			html_escape(out, s + plain, i - plain);
			used = span(out, s, n, i, depth);
			if (!used) { /* not a span: keep it in the plain run */
				out->len = before;
				if (out->data)
					out->data[before] = '\0';
			}
			else
				plain = i + used;
		}
		i += used ? used : 1;
	}
	html_escape(out, s + plain, n - plain);
}

/* The kind of a line. */
enum line_kind { L_BLANK, L_TEXT, L_HEADING, L_BULLET, L_NUMBER, L_QUOTE };

/* The kind of line s[0..n) and where its text starts (*at); for a
 * heading its level in *level. */
static enum line_kind kind_of(const char *s, size_t n, size_t *at, int *level)
{
	size_t i = 0;
	while (i < n && s[i] == ' ' && i < 3)
		i++;
	if (i == n)
		return L_BLANK;
	int h = 0;
	while (i + (size_t)h < n && s[i + (size_t)h] == '#' && h < 4)
		h++;
	if (h >= 1 && h <= 3 && i + (size_t)h < n && s[i + (size_t)h] == ' ') {
		*at = i + (size_t)h + 1;
		*level = h;
		return L_HEADING;
	}
	if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ') {
		*at = i + 2;
		return L_BULLET;
	}
	size_t d = i;
	while (d < n && d - i < 3 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
		*at = d + 2;
		return L_NUMBER;
	}
	if (s[i] == '>') {
		*at = i + 1 + (i + 1 < n && s[i + 1] == ' ');
		return L_QUOTE;
	}
	*at = i;
	return L_TEXT;
}

void markdown_html(struct buf *out, const char *s, size_t n)
{
	/* lines, each of a kind; runs of the same list or quote or text make
	 * one block */
	enum line_kind open = L_BLANK;
	struct buf para = BUF_INIT;
	size_t pos = 0;
	for (;;) {
		size_t e = pos;
		while (e < n && s[e] != '\n' && s[e] != '\r')
			e++;
		int end = pos >= n;
		size_t at = 0;
		int level = 0;
		enum line_kind k = end ? L_BLANK : kind_of(s + pos, e - pos, &at, &level);
		/* a text line right after a quote or paragraph continues it */
		if (k == L_TEXT && (open == L_TEXT || open == L_QUOTE))
			k = open == L_QUOTE ? L_QUOTE : L_TEXT;
		if (open != L_BLANK && (k != open || k == L_HEADING)) {
			/* close the block open */
			if (open == L_TEXT || open == L_QUOTE) {
				buf_puts(out, open == L_QUOTE ? "<blockquote><p>" : "<p>");
				inline_text(out, para.data ? para.data : "", para.len, 0);
				buf_puts(out, open == L_QUOTE ? "</p></blockquote>\n" : "</p>\n");
				buf_reset(&para);
			} else if (open == L_BULLET || open == L_NUMBER) {
				buf_puts(out, open == L_BULLET ? "</ul>\n" : "</ol>\n");
			}
			open = L_BLANK;
		}
		if (end)
			break;
		const char *text = s + pos + at;
		size_t len = e - pos - at;
		switch (k) {
		case L_HEADING:
			buf_printf(out, "<h%d>", level + 1);
			inline_text(out, text, len, 0);
			buf_printf(out, "</h%d>\n", level + 1);
			break;
		case L_BULLET:
		case L_NUMBER:
			if (open != k)
				buf_puts(out, k == L_BULLET ? "<ul>\n" : "<ol>\n");
			open = k;
			buf_puts(out, "<li>");
			inline_text(out, text, len, 0);
			buf_puts(out, "</li>\n");
			break;
		case L_TEXT:
		case L_QUOTE:
			if (para.len)
				buf_putc(&para, '\n');
			buf_append(&para, text, len);
			open = k;
			break;
		case L_BLANK:
			break;
		}
		/* the line's end: \r\n, \n or \r */
		pos = e + (e < n && s[e] == '\r' && e + 1 < n && s[e + 1] == '\n' ? 2 : 1);
	}
	buf_release(&para);
}
