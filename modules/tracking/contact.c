/*
 * How the signed-on citizen is told when a dossier of theirs moves on:
 * an e-mail address, a phone number and the channel to use (none,
 * e-mail or SMS), the schema's citizen_contact, read by every module's
 * outbox write (shared/dossier.c) and by motcua-notify's messages.
 *
 * The citizen is who the web server's sign-on says; only their own row
 * is read or written.  Their own contact is not a read of personal data
 * by an official or a ministry, so no access-log row is written; the
 * values never reach a log (the request's fields are not logged).
 *
 * A channel needs its address: e-mail without an address, or SMS
 * without a number, is refused for that field, and the form is shown
 * again with what was typed.
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "form.h"
#include "tracking.h"

/* The page (or, for a script, the contact); saved: just written. */
static enum err
render(struct req *r, const struct tr_contact *c, int status, int saved)
{
	struct doc d;
	size_t i;

	doc_init(&d, "contact", "Nhận thông báo về hồ sơ");
	doc_add(&d, NULL, "channel", "Kênh nhận thông báo", c->channel);
	doc_add(&d, NULL, "email", "Thư điện tử", c->email);
	doc_add(&d, NULL, "phone", "Số điện thoại", c->phone);
	if (saved)
		doc_add_raw(&d, NULL, "saved", NULL, "true");
	if (r->nbad > 0)
		doc_add_raw(&d, NULL, "refused", NULL, "true");
	for (i = 0; i < r->nbad; i++)
		doc_add(&d, "error", r->bad[i].name, NULL, r->bad[i].reason);
	resp_doc(r, status, &d);
	return ERR_OK;
}

/* GET /tracking/citizen/contact */
enum err
tr_contact_page(struct req *r)
{
	struct tr_contact c;
	int rc;

	if ((rc = tr_contact_get(r->db, &r->arena, r->citizen, &c)) != DB_OK)
		return db_err(rc);
	if (c.id == 0)
		return ERR_UNKNOWN_CITIZEN;
	return render(r, &c, 200, 0);
}

struct save {
	struct req *r;
	struct tr_contact c;
};

static int
save_txn(struct db *db, struct arena *a, void *arg)
{
	struct save *s = arg;
	struct tr_contact old;
	int rc;

	if ((rc = tr_contact_get(db, a, s->r->citizen, &old)) != DB_OK)
		return rc;
	if (old.id == 0)
		return 1;
	s->c.id = old.id;
	return tr_contact_set(db, a, &s->c);
}

/* POST /tracking/citizen/contact: email, phone (empty: none), channel. */
enum err
tr_contact_save(struct req *r)
{
	struct save s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.c.email = REQ_S(r, TK_EMAIL);
	s.c.phone = REQ_S(r, TK_PHONE);
	s.c.channel = REQ_S(r, TK_CHANNEL);
	if (strcmp(s.c.channel, "email") == 0 && s.c.email == NULL)
		req_bad(r, "email", "required");
	if (strcmp(s.c.channel, "sms") == 0 && s.c.phone == NULL)
		req_bad(r, "phone", "required");
	if (r->nbad > 0)
		return ERR_MISSING_FIELD;
	if ((rc = db_txn(r->db, save_txn, &r->arena, &s)) > 0)
		return ERR_UNKNOWN_CITIZEN;
	if (rc != DB_OK)
		return db_err(rc);
	return render(r, &s.c, 200, 1);
}

/* The form again (422), with what was typed and each field's fault. */
enum err
tr_contact_again(struct req *r)
{
	struct tr_contact c;
	const char *ch;

	memset(&c, 0, sizeof(c));
	if (r->form != NULL) {
		c.email = form_get(r->form, "email");
		c.phone = form_get(r->form, "phone");
	}
	ch = r->form != NULL ? form_get(r->form, "channel") : NULL;
	/* a channel is shown chosen only when it is one of ours */
	c.channel = "none";
	for (size_t i = 0; ch != NULL && tr_channels[i] != NULL; i++)
		if (strcmp(ch, tr_channels[i]) == 0)
			c.channel = tr_channels[i];
	return render(r, &c, 422, 0);
}
