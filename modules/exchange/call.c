/*
 * What every service handler uses on its call: the request element's
 * texts (NFC), the answer's elements, the citizens it reads (written to
 * the access log by the pipeline at the end of the transaction) and
 * the field groups the client's right grants.  Everything they return lives in the request's arena or in the
 * answer's document: the handler frees nothing.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "db.h"
#include "text.h"
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

xmlNodePtr
ex_add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNsPtr ns = xmlSearchNsByHref(parent->doc, parent, BAD_CAST EX_NS);

	return xmlNewTextChild(
	    parent, ns, BAD_CAST name, text != NULL ? BAD_CAST text : NULL);
}

void
ex_read(struct ex_call *c, const long long *ids, size_t n, const char *fields)
{
	long long *copy = arena_alloc(&c->r->arena, (n + 1) * sizeof(*copy));

	if (n > 0)
		memcpy(copy, ids, n * sizeof(*ids));
	c->read_ids = copy;
	c->nread = n;
	c->read_fields = fields;
}

int
ex_has_group(const struct ex_call *c, enum ex_group g)
{
	return (unsigned)g < EXG__MAX && (c->groups & (1u << g)) != 0;
}
