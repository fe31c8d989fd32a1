/* words.c: what was done, in words, for every history a person reads (the
 * audit trail, a report's history, a difficulty's answers): the verbs of
 * the audit rows and their details, never codes or JSON. */
#include "i18n/i18n.h"
#include "util/escape.h"
#include "web/layout.h"
#include <jansson.h>
#include <string.h>

static const struct {
	const char *action, *entity, *msgid; /* entity NULL: any */
} verbs[] = {
    {"create", "user", N_("created the user")},
    {"create", "difficulty", N_("raised a difficulty")},
    {"create", "enterprise", N_("registered the enterprise")},
    {"create", "team", N_("established the team")},
    {"create", "village", N_("added the village")},
    {"create", "training", N_("planned the training")},
    {"create", "practice", N_("wrote a good practice")},
    {"submit", "practice", N_("sent the practice for review")},
    {"return", "practice", N_("returned it to its author")},
    {"post", "announcement", N_("sent an announcement")},
    {"answer", "announcement", N_("answered the announcement")},
    {"create", "contact", N_("added a contact to the management group")},
    {"delete", "contact", N_("removed a contact from the management group")},
    {"create", NULL, N_("created")},
    {"update", NULL, N_("changed")},
    {"import", NULL, N_("imported a file")},
    {"import-official", NULL, N_("loaded the official list of units")},
    {"import-nso", NULL, N_("loaded the pre-reform list of units")},
    {"apply-conversion", NULL, N_("applied a reorganisation of units")},
    {"unapply-conversion", NULL, N_("undid a reorganisation of units")},
    {"apply-list", NULL, N_("applied a newer official list of units")},
    {"merge", "village", N_("merged villages")},
    {"unmove", "unit", N_("undid a village's move")},
    {"unmerge", "village", N_("undid a merge of villages")},
    {"carry", "target", N_("carried a closed unit's targets to its successor")},
    {"uncarry", "target", N_("took back targets carried from a closed unit")},
    {"assign", "unit", N_("moved a village of a split commune to its new commune")},
    {"login", NULL, N_("signed in")},
    {"logout", NULL, N_("signed out")},
    {"login-failed", NULL, N_("failed to sign in")},
    {"login-throttled", NULL, N_("tried to sign in too often")},
    {"refused", NULL, N_("was refused")},
    {"denied", NULL, N_("was denied a page")},
    {"disable", NULL, N_("disabled the user")},
    {"enable", NULL, N_("enabled the user")},
    {"password", NULL, N_("set a new password")},
    {"unlock", "user", N_("cleared the failed sign-ins")},
    {"code", NULL, N_("gave a new sign-in code")},
    {"code-used", NULL, N_("chose a password with a sign-in code")},
    {"accounts", NULL, N_("made the accounts of the teams")},
    {"save", NULL, N_("saved a draft")},
    {"submit", NULL, N_("sent the report")},
    {"return", NULL, N_("returned it to the team")},
    {"accept", NULL, N_("accepted it")},
    {"unlock", NULL, N_("unlocked it")},
    {"targets", NULL, N_("set targets")},
    {"reply", NULL, N_("answered")},
    {"escalate", NULL, N_("sent it to the level above")},
    {"resolve", NULL, N_("marked it resolved")},
    {"dissolve", NULL, N_("dissolved the team")},
    {"leave", NULL, N_("recorded a member leaving")},
    {"scan", NULL, N_("attached the signed decision")},
    {"revoke", NULL, N_("revoked an API token")},
    {"read-personal", NULL, N_("read members' personal data")},
    {"invite", NULL, N_("invited teams")},
    {"uninvite", NULL, N_("withdrew a team's invitation")},
    {"attend", NULL, N_("recorded attendance")},
    {"publish", NULL, N_("published it")},
    {"mark", NULL, N_("marked it")},
    {"unmark", NULL, N_("took back a mark")},
    {"photo", NULL, N_("added a photo")},
    {"file", "training", N_("added a material file")},
    {"unfile", "training", N_("removed a material file")},
};

const char *page_action_words(struct req *r, const char *action, const char *entity)
{
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (strcmp(verbs[i].action, action) == 0 &&
		    (!verbs[i].entity || (entity && strcmp(verbs[i].entity, entity) == 0)))
			return req_t(r, verbs[i].msgid);
	return action;
}

static const struct {
	const char *key, *msgid;
} keys[] = {
    {"username", N_("user name")},
    {"role", N_("role")},
    {"reason", N_("reason")},
    {"action", N_("action")},
    {"address", N_("address")},
    {"accounts", N_("accounts")},
    {"had", N_("had one already")},
    {"name", N_("name")},
    {"path", N_("page")},
    {"added", N_("added")},
    {"wait", N_("seconds to wait")},
    {"title", N_("title")},
    {"starts_on", N_("first day")},
    {"ends_on", N_("last day")},
    {"invited", N_("teams invited")},
    {"members", N_("members")},
    {"present", N_("present")},
    {"sheet", N_("from the sign-in sheet")},
    {"photo_bytes", N_("photo size (bytes)")},
    {"to", N_("to")},
    {"directory", N_("the management group's directory")},
    {"phones", N_("phone numbers shown")},
    {"bytes", N_("file size (bytes)")},
};

void page_detail_words(struct req *r, const char *json)
{
	json_t *o = json_loads(json ? json : "", 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return;
	}
	const char *k;
	json_t *v;
	int first = 1;
	json_object_foreach(o, k, v)
	{
		/* ids and stamps say nothing to a person */
		size_t kl = strlen(k);
		if ((kl > 3 && strcmp(k + kl - 3, "_id") == 0) ||
		    strcmp(k, "code_expires_at") == 0 || json_is_object(v) || json_is_array(v) ||
		    json_is_null(v))
			continue;
		const char *label = k;
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
			if (strcmp(keys[i].key, k) == 0)
				label = req_t(r, keys[i].msgid);
		html_printf(&r->out, "%s%s: ", first ? "" : " · ", label);
		first = 0;
		if (json_is_string(v))
			html_printf(&r->out, "%s", json_string_value(v));
		else if (json_is_integer(v))
			page_number(r, json_integer_value(v));
		else if (json_is_boolean(v))
			html_printf(&r->out, "%s",
				    json_is_true(v) ? req_t(r, "yes") : req_t(r, "no"));
	}
	json_decref(o);
}
