/*
 * What every service handler uses on its call: the request element's
 * texts (NFC) and the day it asks about, the answer's elements, the
 * check of the identity the request describes, the citizens it reads
 * (written to the access log by the pipeline at the end of the
 * transaction) and the field groups the client's right grants.  Everything they return lives in the request's arena or in the
 * answer's document: the handler frees nothing.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "receipt.h"
#include "text.h"
#include "valid.h"
#include "xml.h"
#include "exchange.h"

const char *
ex_text(struct ex_call *c, const char *name)
{
	const char *t = xml_child_text(&c->r->arena, c->in, EX_NS, name);

	if (t == NULL)
		return NULL;
	t = text_nfc(&c->r->arena, t);
	return t;
}

int
ex_date(struct ex_call *c, char out[11])
{
	const char *d = ex_text(c, "NgayKiemTra");

	if (d == NULL) {
		receipt_today(out);
		return 0;
	}
	/* a year alone means its last day */
	switch (valid_flexdate(d, out)) {
	case 0:
		return 0;
	case 1:
		snprintf(out + 4, 7, "-12-31");
		return 1;
	default:
		return -1;
	}
}

int
ex_identity_check(
    struct ex_call *c, const struct ex_citizen *cz, struct ex_identity *id)
{
	struct arena *a = &c->r->arena;
	const char *name = ex_text(c, "HoVaTen"),
	           *birth = ex_text(c, "NgaySinh");
	char bd[11];

	memset(id, 0, sizeof(*id));
	if (name != NULL) {
		const char *k1 = text_name_key(a, name);
		const char *k2 = text_name_key(a, cz->full_name);

		id->name = k1 != NULL && k2 != NULL && strcmp(k1, k2) == 0
		    ? "match"
		    : "mismatch";
	}
	if (birth != NULL) {
		int kind = valid_flexdate(birth, bd);
		const char *held = cz->birth_date;

		id->birth = (kind == 0 && strcmp(bd, held) == 0) ||
		        (kind == 1 && strncmp(bd, held, 4) == 0)
		    ? "match"
		    : "mismatch";
	}
	return (id->name != NULL && strcmp(id->name, "mismatch") == 0) ||
	    (id->birth != NULL && strcmp(id->birth, "mismatch") == 0);
}

void
ex_identity_add(struct ex_call *c, const struct ex_identity *id)
{
	if (id->name != NULL)
		ex_add(c->out, "KhopHoTen", id->name);
	if (id->birth != NULL)
		ex_add(c->out, "KhopNgaySinh", id->birth);
}

xmlNodePtr
ex_add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNsPtr ns = xmlSearchNsByHref(parent->doc, parent, BAD_CAST EX_NS);

	return xmlNewTextChild(
	    parent, ns, BAD_CAST name, text != NULL ? BAD_CAST text : NULL);
}

/* A copy of n ids from the arena. */
static const long long *
ids_copy(struct ex_call *c, const long long *ids, size_t n)
{
	long long *copy = arena_alloc(&c->r->arena, (n + 1) * sizeof(*copy));

	if (n > 0)
		memcpy(copy, ids, n * sizeof(*ids));
	return copy;
}

void
ex_read(struct ex_call *c, const long long *ids, size_t n, const char *fields)
{
	c->read_ids = ids_copy(c, ids, n);
	c->nread = n;
	c->read_fields = fields;
}

void
ex_read_also(
    struct ex_call *c, const long long *ids, size_t n, const char *fields)
{
	c->also_ids = ids_copy(c, ids, n);
	c->nalso = n;
	c->also_fields = fields;
}

int
ex_has_group(const struct ex_call *c, enum ex_group g)
{
	return (unsigned)g < EXG__MAX && (c->groups & (1u << g)) != 0;
}
