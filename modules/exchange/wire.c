/*
 * The gateway's wire: plain XML POST and SOAP 1.1 document/literal.
 *
 * Every message goes: client identity (the TLS client certificate the web
 * server verified) -> content type -> hardened parse -> envelope (SOAP) ->
 * schema validation of the request element -> the client's right for the
 * service and declared purpose -> one transaction that records the message
 * id (unique per client, so a replay, even a concurrent one, finds the
 * stored answer and does nothing twice), runs the handler with its
 * access-log rows, checks the answer against the schema and stores it.
 * Refusals are logged too, with their fault code.  The routes declare a
 * ministry client as their caller: a message without a verified
 * certificate is refused by the request loop before its body is read, and
 * is not recorded; the client registered for the certificate is resolved
 * there too, once the body is in hand (client.h).  Messages and their stored answers (personal data) are
 * deleted after message_retention_days, a slice at a time, by the workers
 * as they go (purge()); a replay is recognised within that time.
 *
 * The handlers' helpers are in call.c, the faults in fault.c, the WSDL and
 * schemas served in wsdl.c, the settings in main.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "resp.h"
#include "sha256.h"
#include "xml.h"
#include "exchange.h"

static const struct {
	const char *request; /* request element */
	const char *response; /* response element */
	const char *name; /* service and operation name */
	int (*handler)(struct db *, struct arena *, struct ex_call *);
} services[EX__MAX] = {
	[EX_VERIFY] = { "VerifyResidenceRequest", "VerifyResidenceResponse",
	    "VerifyResidence", ex_verify },
	[EX_GETCITIZEN] = { "GetCitizenRequest", "GetCitizenResponse",
	    "GetCitizen", ex_getcitizen },
	[EX_BATCH] = { "BatchVerifyRequest", "BatchVerifyResponse",
	    "BatchVerify", ex_batch },
	[EX_CHANGES] = { "ChangesRequest", "ChangesResponse", "Changes",
	    ex_changes },
	[EX_CIVIL] = { "VerifyCivilStatusRequest", "VerifyCivilStatusResponse",
	    "VerifyCivilStatus", ex_civil },
};

/* process-lifetime (ex_wire_init): the parsed schema, the limits of a
 * message's shape, how long messages are kept */
static xmlSchemaPtr schema;
static struct xml_limits limits = XML_LIMITS_DEFAULT;
static long retention_days = 30;
static time_t purge_due; /* 0: with the next message */

int
ex_wire_init(const struct xml_limits *l, long days, const char *xsd_dir)
{
	struct arena a;

	limits = *l;
	retention_days = days;
	arena_init(&a);
	schema =
	    xml_schema_load(arena_printf(&a, "%s/exchange-v1.xsd", xsd_dir));
	arena_free(&a);
	return schema != NULL ? 0 : -1;
}

/* --- the answer ------------------------------------------------------- */

struct answer {
	int soap;
	const char *service;
	char req_digest[65];
	const char *msgid;
	long long client_id; /* 0: unknown */
	int unrecorded; /* the client lookup failed: answered, not logged */
};

static void
log_message(struct req *r, const struct answer *an, const char *outcome)
{
	char digest[65];
	struct db_param np = { DBP_NULL, NULL, 0 };
	struct db_param p[] = {
		an->client_id > 0 ? (struct db_param)DBP_I(an->client_id) : np,
		DBP_S(r->tls_dn != NULL ? r->tls_dn : ""),
		DBP_S(an->service != NULL ? an->service : "-"),
		DBP_SN(an->msgid),
		DBP_S(an->soap ? "soap" : "xml"),
		DBP_S(an->req_digest),
		DBP_S(digest),
		DBP_S(outcome),
		DBP_I(r->status),
	};

	sha256_hex_of(r->body.s != NULL ? r->body.s : "", r->body.len, digest);
	if (db_exec(r->db, &r->arena, EXQ_MSG_LOG, p, 9, NULL) != DB_OK)
		log_warnx("message not logged (%s)", outcome);
}

static enum err
refuse(struct req *r, struct answer *an, enum ex_fault f)
{
	ex_render_fault(r, an->soap, f, an->msgid);
	if (!an->unrecorded)
		log_message(r, an, ex_fault_code(f));
	return ERR_OK;
}

static int
is_soap_path(const struct req *r)
{
	return r->path != NULL && strstr(r->path, "/soap") != NULL;
}

/* The answer for a message that used up the worker's CPU budget. */
void
ex_over_budget(struct req *r)
{
	ex_render_fault(r, is_soap_path(r), EXF_TOO_COSTLY, NULL);
}

/* The answer for a message the worker ran out of memory on: busy, retry
 * (not recorded: the database is not touched on the way out). */
void
ex_out_of_memory(struct req *r)
{
	ex_render_fault(r, is_soap_path(r), EXF_BUSY, NULL);
}

/*
 * Deletes a slice of the messages older than the retention, outside any
 * transaction: once a minute per worker, or with every message while a
 * backlog remains (a full slice was deleted).  A failure is logged and
 * retried a minute later; the message in hand is not affected.
 */
static void
purge(struct req *r)
{
	struct db_param p[] = { DBP_I(retention_days) };
	time_t now = time(NULL);
	int rc;

	if (now < purge_due)
		return;
	rc = db_exec(r->db, &r->arena, EXQ_MSG_PURGE, p, 1, NULL);
	if (rc != DB_OK) {
		log_warnx("exchange_message: the purge failed (%d)", rc);
		purge_due = now + 60;
		return;
	}
	purge_due = db_affected(r->db) >= EX_PURGE_BATCH ? now : now + 60;
}

/* Answers the shared errors met before the handler (size, length). */
void
ex_error(struct req *r, enum err e)
{
	struct answer an;

	memset(&an, 0, sizeof(an));
	an.soap = is_soap_path(r);
	switch (e) {
	case ERR_UNAUTHENTICATED:
		/* no verified certificate: answered, not recorded */
		ex_render_fault(r, an.soap, EXF_CLIENT_UNVERIFIED, NULL);
		return;
	case ERR_NOT_FOUND:
	case ERR_METHOD:
		resp_error(r, e);
		return;
	case ERR_CLIENT_UNKNOWN:
		break;
	default:
		/* the database failing before the handler failed the client's
		 * lookup: answered, not recorded */
		an.unrecorded = r->route != NULL &&
		    r->route->caller == ROUTE_CLIENT && r->client == NULL &&
		    r->in_body != NULL;
		break;
	}
	sha256_hex_of(
	    r->in_body != NULL ? r->in_body : "", r->in_len, an.req_digest);
	refuse(r, &an, ex_fault_of(e));
}

/* --- the transaction -------------------------------------------------- */

struct txn {
	struct ex_call *call;
	struct answer *an;
	xmlDocPtr doc; /* the answer; the caller frees it */
};

/* A twin with the same id waits here until the first commits, then fails
 * with a duplicate key. */
static int
insert_message(struct db *db, struct arena *a, const struct txn *t)
{
	const struct ex_call *c = t->call;
	struct db_param p[] = { DBP_I(c->client_id), DBP_S(c->r->tls_dn),
		DBP_S(services[c->svc].name), DBP_S(c->msgid),
		DBP_S(t->an->soap ? "soap" : "xml"), DBP_S(t->an->req_digest) };

	return db_exec(db, a, EXQ_MSG_INSERT, p, 6, NULL);
}

/* A new answer document, alone or in a SOAP envelope, with its response
 * element (c->out) holding the message id. */
static void
start_answer(struct txn *t)
{
	struct ex_call *c = t->call;
	const char *name = services[c->svc].response;
	xmlNodePtr parent;

	xmlFreeDoc(t->doc); /* a retried transaction's */
	t->doc = xmlNewDoc(BAD_CAST "1.0");
	parent = t->an->soap ? ex_soap_body(t->doc) : NULL;
	if (parent == NULL) {
		c->out = xmlNewDocNode(t->doc, NULL, BAD_CAST name, NULL);
		xmlDocSetRootElement(t->doc, c->out);
	} else
		c->out = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	xmlSetNs(c->out, xmlNewNs(c->out, BAD_CAST EX_NS, NULL));
	ex_add(c->out, "MaYeuCau", c->msgid);
}

/* Checks the answer against the schema, renders it as the reply and
 * stores it in the message's row; 1 with c->fault set when invalid. */
static int
store_answer(struct db *db, struct arena *a, struct txn *t, long long row)
{
	struct ex_call *c = t->call;
	struct req *r = c->r;
	char where[64], digest[65];

	if (xml_validate(schema, c->out, where, sizeof(where)) < 0) {
		log_warnx("%s answer not valid against the schema at %s",
		    services[c->svc].name, where);
		c->fault = EXF_INTERNAL;
		return 1;
	}
	ex_serialize(r, t->doc, 200);
	sha256_hex_of(r->body.s, r->body.len, digest);
	{
		struct db_param p[] = { DBP_S(r->body.s), DBP_S(r->ctype),
			DBP_S(digest), DBP_S("answered"), DBP_I(200),
			DBP_I(row) };

		return db_exec(db, a, EXQ_MSG_DONE, p, 6, NULL);
	}
}

static int
record_reads(struct db *db, struct arena *a, const struct ex_call *c)
{
	struct audit_read ar;
	int rc;

	memset(&ar, 0, sizeof(ar));
	ar.actor_kind = "exchange";
	ar.actor = c->client_name;
	ar.fields = c->read_fields != NULL ? c->read_fields : "";
	ar.purpose = c->purpose;
	ar.request_id = c->msgid;
	rc = audit_record_many(db, a, &ar, c->read_ids, c->nread);
	if (rc != DB_OK || c->nalso == 0)
		return rc;
	ar.fields = c->also_fields != NULL ? c->also_fields : "";
	return audit_record_many(db, a, &ar, c->also_ids, c->nalso);
}

static int
message_txn(struct db *db, struct arena *a, void *arg)
{
	struct txn *t = arg;
	struct ex_call *c = t->call;
	long long row;
	int rc;

	/* a worker's first message: its access-log chain before the work
	 * (a batch of 10,000 would be done twice) */
	if ((rc = audit_ready(db)) != DB_OK ||
	    (rc = insert_message(db, a, t)) != DB_OK)
		return rc;
	row = (long long)db_insert_id(db);
	start_answer(t);
	/* a retried transaction's reads are not this one's */
	c->nread = c->nalso = 0;
	if ((rc = services[c->svc].handler(db, a, c)) != 0)
		return rc;
	if ((rc = store_answer(db, a, t, row)) != DB_OK)
		return rc;
	/* last: the chain head stays locked only until the commit */
	return record_reads(db, a, c);
}

/* A replay: the stored answer when the request is the same one. */
static enum err
replay(struct req *r, struct answer *an, struct ex_call *c)
{
	struct ex_stored st;
	int rc;

	rc = ex_stored_get(r->db, &r->arena, c->client_id, c->msgid, &st);
	if (rc != DB_OK)
		return refuse(r, an, ex_fault_of(db_err(rc)));
	if (!st.found || st.response == NULL)
		return refuse(r, an, EXF_BUSY);
	if (strcmp(st.request_sha256, an->req_digest) != 0)
		return refuse(r, an, EXF_MESSAGE_ID_REUSED);
	buf_reset(&r->body);
	buf_puts(&r->body, st.response);
	r->ctype = arena_strdup(&r->arena, st.content_type);
	r->status = st.http_status;
	log_message(r, an, "replayed");
	return ERR_OK;
}

/* Runs the service in the message's transaction and answers its outcome:
 * the answer, the stored one for a replay, or a fault. */
static enum err
dispatch(struct req *r, struct answer *an, struct ex_call *c)
{
	struct txn t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.call = c;
	t.an = an;
	rc = db_txn(r->db, message_txn, &r->arena, &t);
	xmlFreeDoc(t.doc);
	if (rc == DB_DUP)
		return replay(r, an, c);
	if (rc > 0)
		return refuse(r, an, c->fault);
	if (rc != DB_OK)
		return refuse(r, an, ex_fault_of(db_err(rc)));
	return ERR_OK;
}

/* --- the pipeline ----------------------------------------------------- */

static int
ctype_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* What: the content type, then the document and its request element.
 * *doc, once parsed, is the caller's to free whatever this returns. */
static enum ex_fault
read_document(struct req *r, int soap, xmlDocPtr *doc, xmlNodePtr *payload)
{
	enum ex_fault f = EXF_NONE;
	enum xml_err xe;

	if (soap && ctype_is(r->content_type, "application/soap+xml"))
		return EXF_SOAP_VERSION;
	if (!ctype_is(r->content_type, "text/xml") &&
	    (soap || !ctype_is(r->content_type, "application/xml")))
		return EXF_MEDIA_TYPE;
	*doc = xml_parse_limited(
	    r->in_body != NULL ? r->in_body : "", r->in_len, &limits, &xe);
	if (*doc == NULL)
		return ex_fault_of_xml(xe);
	*payload = ex_payload(xmlDocGetRootElement(*doc), soap, &f);
	if (*payload == NULL)
		return f != EXF_NONE ? f : EXF_SOAP_ENVELOPE;
	return EXF_NONE;
}

/* A SOAPAction header, unless absent or empty, names the service. */
static int
soap_action_ok(struct req *r, const char *service)
{
	const char *sa = r->soap_action;
	size_t n;

	if (sa == NULL)
		return 1;
	n = strlen(sa);
	if (n >= 2 && sa[0] == '"' && sa[n - 1] == '"')
		sa = arena_strndup(&r->arena, sa + 1, n - 2);
	return *sa == '\0' ||
	    strcmp(sa, arena_printf(&r->arena, EX_NS "/%s", service)) == 0;
}

/* Which service: the one of the request element, which must be valid
 * against the schema. */
static enum ex_fault
find_service(
    struct req *r, struct answer *an, struct ex_call *c, xmlNodePtr payload)
{
	char where[64];
	int i;

	c->svc = EX__MAX;
	for (i = 0; i < EX__MAX; i++)
		if (xml_is(payload, EX_NS, services[i].request))
			c->svc = (enum ex_service)i;
	if (c->svc == EX__MAX)
		return EXF_UNKNOWN_SERVICE;
	an->service = services[c->svc].name;
	if (an->soap && !soap_action_ok(r, an->service))
		return EXF_SOAP_ACTION;
	if (xml_validate(schema, payload, where, sizeof(where)) < 0) {
		log_info(
		    "schema: %s invalid at element %s", an->service, where);
		return EXF_SCHEMA;
	}
	c->in = payload;
	c->msgid = an->msgid = ex_text(c, "MaYeuCau");
	c->purpose = ex_text(c, "MucDich");
	return EXF_NONE;
}

/* May this client ask this, for this purpose? */
static enum ex_fault
check_right(struct req *r, const struct answer *an, struct ex_call *c)
{
	struct ex_right rt;
	int rc;

	rc = ex_right_get(
	    r->db, &r->arena, c->client_id, an->service, c->purpose, &rt);
	if (rc != DB_OK)
		return ex_fault_of(db_err(rc));
	if (!rt.found) {
		log_info("client %lld refused %s for the declared purpose",
		    c->client_id, an->service);
		return EXF_NOT_PERMITTED;
	}
	c->groups = rt.groups;
	return EXF_NONE;
}

static enum err
gateway(struct req *r, int soap)
{
	struct answer an;
	struct ex_call c;
	xmlDocPtr doc = NULL;
	xmlNodePtr payload = NULL;
	enum ex_fault f;
	enum err e;

	memset(&an, 0, sizeof(an));
	memset(&c, 0, sizeof(c));
	an.soap = soap;
	c.r = r;
	/* who: the request loop resolved the client (ROUTE_CLIENT) */
	c.client_id = an.client_id = r->client->id;
	c.client_name = r->client->name;
	sha256_hex_of(
	    r->in_body != NULL ? r->in_body : "", r->in_len, an.req_digest);

	if ((f = read_document(r, soap, &doc, &payload)) != EXF_NONE)
		goto fail;
	if ((f = find_service(r, &an, &c, payload)) != EXF_NONE)
		goto fail;
	if ((f = check_right(r, &an, &c)) != EXF_NONE)
		goto fail;
	e = dispatch(r, &an, &c);
	xmlFreeDoc(doc);
	return e;
fail:
	xmlFreeDoc(doc);
	return refuse(r, &an, f);
}

enum err
ex_post_soap(struct req *r)
{
	enum err e = gateway(r, 1);

	purge(r);
	return e;
}

enum err
ex_post_xml(struct req *r)
{
	enum err e = gateway(r, 0);

	purge(r);
	return e;
}
