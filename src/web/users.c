/* users.c: the user pages: list, create, edit, disable, reset password,
 * unlock — each only inside the officer's own area (the rules are in
 * core/users.c; these pages only show them). */
#include "core/roles.h"
#include "core/units.h"
#include "core/users.h"
#include "http/respond.h"
#include "util/escape.h"
#include "web/layout.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

const char *role_label(struct req *r, const char *role)
{
	enum role x = role_of(role);
	return x == ROLE_UNKNOWN ? role : req_t(r, role_label_msgid(x));
}

/* The translated message of a core refusal, with a fallback. */
static const char *why_text(struct req *r, const char *why)
{
	return req_t(r, why ? why : N_("The change could not be saved."));
}

static void role_select(struct req *r, const char *selected)
{
	struct buf *o = &r->out;
	html_printf(o, "<label for=\"role\">%s</label><select id=\"role\" name=\"role\" required>",
		    req_t(r, "Role"));
	for (int i = 0; role_names[i]; i++) {
		if (role_rank(role_names[i]) > role_rank(r->user->role))
			continue;
		html_printf(o, "<option value=\"%s\"%s>%s</option>", role_names[i],
			    selected && strcmp(selected, role_names[i]) == 0 ? " selected" : "",
			    role_label(r, role_names[i]));
	}
	buf_puts(o, "</select>");
}

/* The area box: the unit's name (a person never types an internal id),
 * a list to pick from when the user's area is small enough, and the unit
 * it showed (kept when the name is sent back unchanged). */
static void scope_field(struct req *r, long long scope)
{
	struct unit u;
	const char *name = "";
	if (scope && units_get(r->db, &r->arena, scope, &u) == RES_OK)
		name = u.name;
	const char *typed = req_form(r, "scope");
	struct unit_choice *c;
	int n = 0;
	if (units_choices(r->db, &r->arena, r->user->scope, NULL, 400, &c, &n) != RES_OK)
		n = 0;
	html_printf(&r->out,
		    "<label for=\"scope\">%s</label>"
		    "<input id=\"scope\" name=\"scope\" value=\"%s\" required autocomplete=\"off\" "
		    "list=\"scope-choices\" aria-describedby=\"scope-hint\">"
		    "<input type=\"hidden\" name=\"scope_id\" value=\"%lld\">"
		    "<p class=\"hint\" id=\"scope-hint\">%s</p><datalist id=\"scope-choices\">",
		    req_t(r, "Area"), typed ? typed : name, scope,
		    req_t(r, "Type the unit's name, with or without accents (e.g. dong dang), or "
			     "its code (e.g. 06184); add \" — \" and its commune when two have the "
			     "same name."));
	for (int i = 0; i < n; i++)
		html_printf(&r->out, "<option value=\"%s%s%s\">", c[i].name,
			    *c[i].parent ? " — " : "", c[i].parent);
	buf_puts(&r->out, "</datalist>");
}

/* The unit the area box names (units_pick), or the one it showed when
 * its name came back unchanged; 0 with *why when several have that name. */
static long long picked_scope(struct req *r, const char **why)
{
	const char *text = req_form(r, "scope"), *shown = req_form(r, "scope_id");
	struct unit_choice *c;
	int n;
	long long id = units_pick(r->db, &r->arena, r->user->scope, text, &c, &n);
	struct unit u;
	long long k = shown ? strtoll(shown, NULL, 10) : 0;
	if (!id && k > 0 && text && units_get(r->db, &r->arena, k, &u) == RES_OK &&
	    strcmp(u.name, text) == 0)
		id = k;
	if (!id && n > 1) {
		struct buf b = BUF_INIT;
		for (int i = 0; i < n; i++)
			buf_printf(&b, "%s%s — %s", i ? "; " : "", c[i].name, c[i].parent);
		*why = page_error_text(r,
				       N_("several units have this name: %s. Type the one you "
					  "mean with its commune after \" — \"."),
				       buf_cstr(&b));
		buf_release(&b);
	}
	return id;
}

static void error_box(struct req *r, const char *msg)
{
	if (msg)
		html_printf(&r->out, "<p class=\"card error\" role=\"alert\">%s</p>\n", msg);
}

void page_users(struct req *r)
{
	struct user_filter f = {.q = req_query(r, "q"), .role = req_query(r, "role"), .limit = 100};
	const char *after = req_query(r, "after");
	if (after)
		f.after = strtoll(after, NULL, 10);
	if (f.role && !*f.role)
		f.role = NULL;
	struct user *list;
	int n;
	long long next;
	if (users_list(r->db, &r->arena, r->user, &f, &list, &n, &next) != RES_OK) {
		req_fail(r, "users_list");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "Users"));
	html_printf(o, "<h1>%s</h1>\n<p class=\"facts\">%s: %s</p>\n", req_t(r, "Users"),
		    req_t(r, "Your area"), r->user->scope_name);
	html_printf(o,
		    "<p class=\"row-links\"><a class=\"button\" href=\"/users/new\">%s</a> "
		    "<a class=\"button secondary\" href=\"/accounts\">%s</a></p>\n",
		    req_t(r, "New user"), req_t(r, "Accounts for the teams"));
	html_printf(
	    o,
	    "<form class=\"search\" method=\"get\" action=\"/users\"><label for=\"q\">%s</label>"
	    "<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></div></form>\n",
	    req_t(r, "Search by user name or full name"), f.q ? f.q : "", req_t(r, "Search"));
	if (!n)
		html_printf(o, "<p class=\"empty\">%s</p>\n", req_t(r, "No users."));
	buf_puts(o, "<ul class=\"units\">\n");
	for (int i = 0; i < n; i++) {
		const struct user *u = &list[i];
		html_printf(o,
			    "<li><a href=\"/users/%lld\"><span class=\"name\">%s</span>"
			    "<span class=\"meta\">%s · %s · %s%s</span></a></li>\n",
			    u->id, u->username, *u->full_name ? u->full_name : "—",
			    role_label(r, u->role), u->scope_name,
			    u->disabled ? req_t(r, " · disabled") : "");
	}
	buf_puts(o, "</ul>\n");
	if (next)
		html_printf(
		    o, "<p><a class=\"button secondary\" href=\"/users?after=%lld\">%s</a></p>\n",
		    next, req_t(r, "More"));
	page_end(r);
}

static void new_form(struct req *r, const char *error)
{
	const char *s = req_query(r, "scope");
	long long scope = s ? strtoll(s, NULL, 10) : r->user->scope;
	const char *ignored = NULL;
	if (req_form(r, "scope"))
		scope = picked_scope(r, &ignored);
	if (!scope)
		scope = r->user->scope;
	struct buf *o = &r->out;
	page_begin(r, req_t(r, "New user"));
	html_printf(o, "<h1>%s</h1>\n", req_t(r, "New user"));
	error_box(r, error);
	buf_puts(o, "<form class=\"card\" method=\"post\" action=\"/users\">");
	page_csrf(r);
	const char *un = req_form(r, "username"), *fn = req_form(r, "full_name");
	html_printf(o,
		    "<label for=\"username\">%s</label><input id=\"username\" name=\"username\" "
		    "required autocapitalize=\"none\" value=\"%s\">"
		    "<label for=\"full_name\">%s</label><input id=\"full_name\" name=\"full_name\" "
		    "value=\"%s\">",
		    req_t(r, "User name"), un ? un : "", req_t(r, "Full name"), fn ? fn : "");
	role_select(r, req_form(r, "role"));
	scope_field(r, scope);
	html_printf(o,
		    "<label for=\"password\">%s</label><input id=\"password\" name=\"password\" "
		    "type=\"password\" autocomplete=\"new-password\" required minlength=\"12\">"
		    "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form>\n",
		    req_t(r, "Password"), req_t(r, "At least 12 characters; a phrase is easiest."),
		    req_t(r, "Create"));
	page_end(r);
}

void page_user_new(struct req *r)
{
	new_form(r, NULL);
}

void page_user_create(struct req *r)
{
	const char *why = NULL, *ambiguous = NULL;
	long long scope = picked_scope(r, &ambiguous);
	long long id;
	const char *username = req_form(r, "username"), *password = req_form(r, "password");
	int rc = users_create(r->db, r->user, username ? username : "", req_form(r, "full_name"),
			      req_form(r, "role") ? req_form(r, "role") : "", scope,
			      password ? password : "", &id, &why);
	if (rc == RES_ERROR) {
		req_fail(r, "users_create");
		return;
	}
	if (rc != RES_OK) {
		r->status = 422;
		new_form(r, ambiguous ? ambiguous : why_text(r, why));
		return;
	}
	req_redirect(r, 303, arena_printf(&r->arena, "/users/%lld", id));
}

static void user_page(struct req *r, const char *error, const char *notice)
{
	long long id = req_param_id(r, 0);
	struct user u;
	int rc = id ? users_get(r->db, &r->arena, r->user, id, &u) : RES_NOT_FOUND;
	if (rc == RES_NOT_FOUND) {
		respond_error(r, 404, "not_found", "There is no such user.", NULL);
		return;
	}
	if (rc != RES_OK) {
		req_fail(r, "users_get");
		return;
	}
	struct buf *o = &r->out;
	page_begin(r, u.username);
	page_crumbs(r);
	html_printf(o,
		    "<ol><li><a href=\"/users\">%s</a></li>"
		    "<li aria-current=\"page\">%s</li></ol></nav>\n<h1>%s</h1>\n",
		    req_t(r, "Users"), u.username, u.username);
	html_printf(o, "<p class=\"facts\">%s · %s%s</p>\n", role_label(r, u.role), u.scope_name,
		    u.disabled ? req_t(r, " · disabled") : "");
	error_box(r, error);
	if (notice)
		html_printf(o, "<p class=\"card ok\" role=\"status\">%s</p>\n", notice);

	unsigned may = users_allowed(r->db, r->user, &u);
	if (!may)
		html_printf(o, "<p class=\"card\">%s</p>\n",
			    req_t(r, "Only a higher level may change this user."));
	if (may & (USER_MAY_RENAME | USER_MAY_MOVE)) {
		html_printf(
		    o, "<form class=\"card\" method=\"post\" action=\"/users/%lld\"><h2>%s</h2>",
		    u.id, req_t(r, "Details"));
		page_csrf(r);
		html_printf(o,
			    "<label for=\"full_name\">%s</label><input id=\"full_name\" "
			    "name=\"full_name\" value=\"%s\">",
			    req_t(r, "Full name"), u.full_name);
		if (may & USER_MAY_MOVE) {
			role_select(r, u.role);
			scope_field(r, u.scope);
		} else { /* decided above: shown, kept as it is */
			html_printf(o, "<input type=\"hidden\" name=\"role\" value=\"%s\">",
				    u.role);
			html_printf(o, "<input type=\"hidden\" name=\"scope\" value=\"#%lld\">",
				    u.scope);
			html_printf(o, "<p class=\"hint\">%s</p>",
				    req_t(r, "The role and area were set by a higher level."));
		}
		html_printf(o, "<button type=\"submit\">%s</button></form>\n", req_t(r, "Save"));
	}
	if (may & USER_MAY_PASSWORD) {
		html_printf(o,
			    "<form class=\"card\" method=\"post\" "
			    "action=\"/users/%lld/password\"><h2>%s</h2>",
			    u.id, req_t(r, "Set a new password"));
		page_csrf(r);
		html_printf(
		    o,
		    "<label for=\"password\">%s</label><input id=\"password\" name=\"password\" "
		    "type=\"password\" autocomplete=\"new-password\" required minlength=\"12\">"
		    "<button type=\"submit\">%s</button></form>\n",
		    req_t(r, "New password"), req_t(r, "Set password"));
		html_printf(o,
			    "<form class=\"card\" method=\"post\" action=\"/users/%lld/code\">"
			    "<h2>%s</h2><p class=\"hint\">%s</p>",
			    u.id, req_t(r, "A new sign-in code"),
			    req_t(r, "For a forgotten password: the user chooses a new password "
				     "with the code (shown once, valid 30 days)."));
		page_csrf(r);
		html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
			    req_t(r, "Give a new code"));
	}
	if (may & (USER_MAY_ACCESS | USER_MAY_UNLOCK)) {
		html_printf(o, "<div class=\"card actions\"><h2>%s</h2>", req_t(r, "Access"));
		if (may & USER_MAY_ACCESS) {
			html_printf(o, "<form method=\"post\" action=\"/users/%lld/%s\">", u.id,
				    u.disabled ? "enable" : "disable");
			page_csrf(r);
			html_printf(
			    o, "<button type=\"submit\" class=\"secondary\">%s</button></form>",
			    u.disabled ? req_t(r, "Enable") : req_t(r, "Disable"));
		} else {
			html_printf(o, "<p class=\"hint\">%s</p>",
				    req_t(r, "Access was decided by a higher level."));
		}
		html_printf(o, "<form method=\"post\" action=\"/users/%lld/unlock\">", u.id);
		page_csrf(r);
		html_printf(
		    o, "<button type=\"submit\" class=\"secondary\">%s</button></form></div>\n",
		    req_t(r, "Unlock sign-in"));
	}
	page_end(r);
}

void page_user(struct req *r)
{
	user_page(r, NULL, NULL);
}

/* After a change: the user's page again, with the refusal or a notice. */
static void after_change(struct req *r, int rc, const char *why, const char *done, const char *what)
{
	if (rc == RES_ERROR) {
		req_fail(r, what);
		return;
	}
	if (rc == RES_NOT_FOUND || (rc == RES_FORBIDDEN && !why)) {
		respond_error(r, 404, "not_found", "There is no such user.", NULL);
		return;
	}
	if (rc != RES_OK)
		r->status = rc == RES_FORBIDDEN ? 403 : 422;
	user_page(r, rc == RES_OK ? NULL : why_text(r, why), rc == RES_OK ? req_t(r, done) : NULL);
}

void page_user_update(struct req *r)
{
	const char *why = NULL, *ambiguous = NULL;
	long long scope = picked_scope(r, &ambiguous);
	const char *role = req_form(r, "role");
	int rc = users_update(r->db, r->user, req_param_id(r, 0), req_form(r, "full_name"),
			      role ? role : "", scope, &why);
	if (rc == RES_INVALID && ambiguous) {
		r->status = 422;
		user_page(r, ambiguous, NULL);
		return;
	}
	after_change(r, rc, why, N_("Saved."), "users_update");
}

void page_user_disable(struct req *r)
{
	const char *why = NULL;
	int rc = users_set_disabled(r->db, r->user, req_param_id(r, 0), 1, &why);
	after_change(r, rc, why, N_("The user is disabled and signed out."), "users_set_disabled");
}

void page_user_enable(struct req *r)
{
	const char *why = NULL;
	int rc = users_set_disabled(r->db, r->user, req_param_id(r, 0), 0, &why);
	after_change(r, rc, why, N_("The user is enabled."), "users_set_disabled");
}

void page_user_password(struct req *r)
{
	const char *why = NULL;
	const char *pw = req_form(r, "password");
	int rc = users_set_password(r->db, r->user, req_param_id(r, 0), NULL, pw ? pw : "", &why);
	after_change(r, rc, why, N_("The password is set; the user's sessions have ended."),
		     "users_set_password");
}

void page_user_unlock(struct req *r)
{
	int rc = users_unlock(r->db, r->user, req_param_id(r, 0));
	after_change(r, rc, NULL, N_("Sign-in is unlocked."), "users_unlock");
}
