/* directory.c: a commune's management group: contacts and the directory. */
#include "core/directory.h"
#include "core/audit.h"
#include "core/roles.h"
#include "core/scope.h"
#include "core/teams.h"
#include "core/tx.h"
#include "core/units.h"
#include "util/escape.h"
#include "util/jw.h"
#include "util/vec.h"
#include <stdio.h>
#include <string.h>

static const char *const section_msgids[DIR_SECTIONS] = {
    [DIR_LEADERS] = N_("Commune leaders"),
    [DIR_ABOVE] = N_("District, province and ministry contacts"),
    [DIR_ENTERPRISES] = N_("Enterprises"),
    [DIR_TEAMS] = N_("Team leaders and members"),
};

const char *directory_section_msgid(enum dir_section s)
{
	return s >= 0 && s < DIR_SECTIONS ? section_msgids[s] : "";
}

typedef VEC(struct dir_entry) entries;

static const char *shown_phone(struct arena *a, const char *phone, int personal)
{
	if (!*phone || personal)
		return arena_strdup(a, phone);
	char masked[16];
	phone_mask(phone, masked);
	return arena_strdup(a, masked);
}

/* The contacts of the commune and of the units above it, nearest first. */
static int read_contacts(struct db *db, struct arena *a, struct directory *d, entries *v)
{
	struct db_stmt *st = db_prepare(
	    db,
	    "SELECT c.id, c.full_name, c.title, coalesce(c.phone, ''), c.email, u.name, x.depth,"
	    " c.unit_id"
	    " FROM unit_tree x JOIN contact c ON c.unit_id = x.ancestor_id"
	    " JOIN unit u ON u.id = c.unit_id WHERE x.unit_id = :c"
	    " ORDER BY x.depth, c.id");
	if (!st)
		return -1;
	db_bind_int(st, ":c", d->commune);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct dir_entry *e = VEC_PUSH(a, v);
		memset(e, 0, sizeof *e);
		e->section = db_col_int(st, 6) == 0 ? DIR_LEADERS : DIR_ABOVE;
		e->contact_id = db_col_int(st, 0);
		e->unit_id = db_col_int(st, 7);
		e->name = arena_strdup(a, db_col_text(st, 1));
		e->title = arena_strdup(a, db_col_text(st, 2));
		e->phone = shown_phone(a, db_col_text(st, 3), d->personal);
		e->email = arena_strdup(a, db_col_text(st, 4));
		e->org = arena_strdup(a, db_col_text(st, 5));
		e->place = "";
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The enterprises supporting the commune, with their contact (business
 * contacts, shown as on the enterprises page). */
static int read_enterprises(struct db *db, struct arena *a, struct directory *d, entries *v)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT e.name, e.contact_name, e.contact_phone, e.contact_email FROM enterprise e"
		" JOIN enterprise_unit eu ON eu.enterprise_id = e.id WHERE eu.unit_id = :c"
		" ORDER BY e.name");
	if (!st)
		return -1;
	db_bind_int(st, ":c", d->commune);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct dir_entry *e = VEC_PUSH(a, v);
		memset(e, 0, sizeof *e);
		e->section = DIR_ENTERPRISES;
		e->org = arena_strdup(a, db_col_text(st, 0));
		const char *contact = db_col_text(st, 1);
		e->name = arena_strdup(a, *contact ? contact : e->org);
		e->title = "";
		e->phone = arena_strdup(a, db_col_text(st, 2));
		e->email = arena_strdup(a, db_col_text(st, 3));
		e->place = "";
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* The current members of the commune's teams, by village, leaders first. */
static int read_members(struct db *db, struct arena *a, struct directory *d, entries *v)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.full_name, m.role, coalesce(m.phone, ''), t.name, w.name FROM unit w"
		" JOIN team t ON t.unit_id = w.id AND t.dissolved_on IS NULL"
		" JOIN member m ON m.team_id = t.id AND m.left_on IS NULL"
		" WHERE w.parent_id = :c ORDER BY w.sort_key, t.id,"
		" CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, m.id");
	if (!st)
		return -1;
	db_bind_int(st, ":c", d->commune);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct dir_entry *e = VEC_PUSH(a, v);
		memset(e, 0, sizeof *e);
		e->section = DIR_TEAMS;
		e->name = arena_strdup(a, db_col_text(st, 0));
		e->title = arena_strdup(a, db_col_text(st, 1)); /* a role code */
		e->phone = shown_phone(a, db_col_text(st, 2), d->personal);
		e->email = "";
		e->org = arena_strdup(a, db_col_text(st, 3));
		e->place = arena_strdup(a, db_col_text(st, 4));
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

int directory_get(struct db *db, struct arena *a, const struct user *who, long long commune,
		  struct directory *out)
{
	memset(out, 0, sizeof *out);
	struct unit u;
	int rc = units_get(db, a, commune, &u);
	if (rc != RES_OK)
		return rc;
	if (u.lvl != LEVEL_COMMUNE || !scope_has(db, who, commune))
		return RES_NOT_FOUND;
	out->commune = commune;
	out->name = u.name;
	/* the officers who manage rosters see phones; others see them masked */
	out->personal = teams_may_write(who) && !who->enterprise_id;
	out->may_edit = out->personal;
	entries v = {0};
	if (read_contacts(db, a, out, &v) != 0 || read_enterprises(db, a, out, &v) != 0 ||
	    read_members(db, a, out, &v) != 0)
		return RES_ERROR;
	out->items = v.items;
	out->n = v.n;
	long long persons = 0;
	for (int i = 0; i < v.n; i++)
		persons += v.items[i].section != DIR_ENTERPRISES && *v.items[i].phone;
	if (!out->personal || !persons)
		return RES_OK;
	/* the read log: who saw which commune's phones */
	char detail[64];
	snprintf(detail, sizeof detail, "{\"directory\":true,\"phones\":%lld}", persons);
	if (db_begin(db) != DB_OK)
		return RES_ERROR;
	if (audit_log(db, who, "read-personal", "member", 0, commune, detail) != 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return RES_ERROR;
	}
	return RES_OK;
}

/* What a member's role code reads as; a contact's title as it is. */
static const char *title_of(const struct dir_entry *e, enum lang lang)
{
	if (e->section == DIR_TEAMS)
		return i18n_get(lang, member_role_msgid(e->title));
	if (e->section == DIR_ENTERPRISES)
		return i18n_get(lang, N_("Enterprise contact"));
	return e->title;
}

void directory_csv(const struct directory *d, enum lang lang, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	const char *head[] = {
	    i18n_get(lang, N_("Group")),	 i18n_get(lang, N_("Full name")),
	    i18n_get(lang, N_("Title or role")), i18n_get(lang, N_("Unit, enterprise or team")),
	    i18n_get(lang, N_("Village")),	 i18n_get(lang, N_("Phone")),
	    i18n_get(lang, N_("Email"))};
	csv_row(out, head, 7, ';');
	for (int i = 0; i < d->n; i++) {
		const struct dir_entry *e = &d->items[i];
		const char *row[] = {i18n_get(lang, directory_section_msgid(e->section)),
				     e->name,
				     title_of(e, lang),
				     e->org,
				     e->place,
				     e->phone,
				     e->email};
		csv_row(out, row, 7, ';');
	}
}

/* vCard lines end in CRLF; values through vcard_text. */
static void vline(struct buf *out, const char *name, const char *value)
{
	buf_puts(out, name);
	buf_putc(out, ':');
	vcard_text(out, value);
	buf_puts(out, "\r\n");
}

void directory_vcard(const struct directory *d, enum lang lang, struct buf *out)
{
	for (int i = 0; i < d->n; i++) {
		const struct dir_entry *e = &d->items[i];
		/* a masked phone is no number to call */
		int phone = *e->phone && strchr(e->phone, 'x') == NULL;
		if (!phone && !*e->email)
			continue;
		buf_puts(out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
		vline(out, "FN", e->name);
		buf_puts(out, "N:");
		vcard_text(out, e->name);
		buf_puts(out, ";;;;\r\n");
		if (*e->org)
			vline(out, "ORG", e->org);
		const char *title = title_of(e, lang);
		if (*title)
			vline(out, "TITLE", title);
		if (phone)
			vline(out, "TEL;TYPE=CELL", e->phone);
		if (*e->email)
			vline(out, "EMAIL;TYPE=INTERNET", e->email);
		buf_puts(out, "CATEGORIES:");
		vcard_text(out, d->name);
		buf_putc(out, ',');
		vcard_text(out, i18n_get(lang, directory_section_msgid(e->section)));
		buf_puts(out, "\r\nEND:VCARD\r\n");
	}
}

void directory_export(const struct directory *d, enum lang lang, int vcard, struct buf *out,
		      const char **mime, const char **name)
{
	if (vcard)
		directory_vcard(d, lang, out);
	else
		directory_csv(d, lang, out);
	*mime = vcard ? "text/vcard; charset=utf-8" : "text/csv; charset=utf-8";
	*name = vcard ? "nhom-quan-ly.vcf" : "nhom-quan-ly.csv";
}

int directory_contact_add(struct db *db, struct arena *a, const struct user *who, long long unit,
			  const struct contact_input *in, struct field_errors *fe, long long *id)
{
	*id = 0;
	if (!teams_may_write(who) || who->enterprise_id)
		return RES_FORBIDDEN;
	struct unit u;
	int rc = units_get(db, a, unit, &u);
	if (rc != RES_OK)
		return rc;
	if (!scope_has(db, who, unit) || u.lvl == LEVEL_VILLAGE)
		return RES_NOT_FOUND; /* a village has no group of its own */
	const char *name, *title, *email;
	if (field_text(a, fe, "full_name", in->full_name, 120, 0, &name) == 0 && !*name)
		field_error_add(fe, "full_name", N_("Give the full name."), NULL);
	field_text(a, fe, "title", in->title, 120, 0, &title);
	char phone[11] = "";
	if (in->phone && *in->phone && phone_normalize(in->phone, phone) != 0)
		field_error_add(fe, "phone", N_("not a Vietnamese mobile number: %s"),
				arena_strdup(a, in->phone));
	if (field_text(a, fe, "email", in->email, 120, 0, &email) == 0 && *email &&
	    (!strchr(email, '@') || strchr(email, ' ')))
		field_error_add(fe, "email", N_("%s is not an email address."), email);
	if (!fe->n && !*phone && !*email)
		field_error_add(fe, "phone", N_("Give a phone number or an email."), NULL);
	if (fe->n)
		return RES_INVALID;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO contact(unit_id, full_name, title, phone, email, added_by)"
			   " VALUES (:u, :name, :title, :phone, :email, :by)");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":u", unit);
		db_bind_text(st, ":name", name);
		db_bind_text(st, ":title", title);
		db_bind_text(st, ":phone", *phone ? phone : NULL);
		db_bind_text(st, ":email", email);
		db_bind_id(st, ":by", who->id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	*id = res == RES_OK ? db_last_id(db) : 0;
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "name", name);
	jw_kv_str(&j, "title", title);
	jw_obj_end(&j);
	res = tx_end(db, res, who, "create", "contact", *id, unit, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int directory_contact_remove(struct db *db, const struct user *who, long long id)
{
	if (!teams_may_write(who) || who->enterprise_id)
		return RES_FORBIDDEN;
	struct db_stmt *st = db_prepare(db, "SELECT unit_id FROM contact WHERE id = :id");
	if (st)
		db_bind_int(st, ":id", id);
	long long unit = db_one_int(st, 0);
	if (!unit || !scope_has(db, who, unit))
		return RES_NOT_FOUND;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	st = db_prepare(db, "DELETE FROM contact WHERE id = :id");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":id", id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	return tx_end(db, res, who, "delete", "contact", id, unit, NULL);
}
