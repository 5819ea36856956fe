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
 * Refusals are logged too, with their fault code.  A message without a
 * verified certificate is refused before its body is read (ex_admit), and
 * is not recorded.  Messages and their stored answers (personal data) are
 * deleted after message_retention_days, a slice at a time, by the workers
 * as they go (purge()); a replay is recognised within that time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/encoding.h>
#include <libxml/xmlsave.h>

#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "resp.h"
#include "sha256.h"
#include "text.h"
#include "xml.h"
#include "exchange.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/share/motcua"
#endif

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
};

/* process-lifetime: the parsed schema, the limits of a message's shape,
 * the WSDL and schema files */
static xmlSchemaPtr schema;
static struct xml_limits limits = XML_LIMITS_DEFAULT;
static long retention_days = 30;
static time_t purge_due; /* 0: with the next message */
static struct buf wsdl;
static struct {
	const char *name;
	struct buf text;
} xsd_files[] = {
	{ "common-v1.xsd", { NULL, 0, 0 } },
	{ "exchange-v1.xsd", { NULL, 0, 0 } },
	{ "qcvn109-dancu.xsd", { NULL, 0, 0 } },
};

#define NXSD (sizeof(xsd_files) / sizeof(xsd_files[0]))

/* --- the answer ------------------------------------------------------- */

struct answer {
	int soap;
	const char *service;
	char req_digest[65];
	const char *msgid;
	long long client_id; /* 0: unknown */
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
		an->msgid != NULL ? (struct db_param)DBP_S(an->msgid) : np,
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
	log_message(r, an, ex_fault_code(f));
	return ERR_OK;
}

static int
is_soap_path(const struct req *r)
{
	return r->path != NULL && strstr(r->path, "/soap") != NULL;
}

/*
 * A message without a verified client certificate is refused on the web
 * server's verdict alone, before its body is read: an anonymous client
 * costs no read, no digest and no row (only a log line, without anything
 * from the request).
 */
enum err
ex_admit(struct req *r)
{
	char verdict[24];

	if (strcmp(r->method, "POST") != 0 || r->path == NULL ||
	    strncmp(r->path, "/exchange/v1/", 13) != 0)
		return ERR_OK;
	if (r->tls_verify != NULL && strcmp(r->tls_verify, "SUCCESS") == 0 &&
	    r->tls_dn != NULL)
		return ERR_OK;
	/* the verdict is the web server's word (NONE, FAILED:reason) */
	log_info("refused a message without a verified client certificate "
	         "(%s)",
	    log_escape(verdict, sizeof(verdict),
	        r->tls_verify != NULL ? r->tls_verify : "-"));
	return ERR_UNAUTHENTICATED;
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

/* Maps the shared errors met before the handler (size, length) to faults. */
void
ex_error(struct req *r, enum err e)
{
	enum ex_fault f;
	struct answer an;

	switch (e) {
	case ERR_UNAUTHENTICATED:
		/* from ex_admit: answered, not recorded */
		ex_render_fault(
		    r, is_soap_path(r), EXF_CLIENT_UNVERIFIED, NULL);
		return;
	case ERR_TOO_LARGE:
		f = EXF_TOO_LARGE;
		break;
	case ERR_DB_UNAVAILABLE:
		f = EXF_DB_UNAVAILABLE;
		break;
	case ERR_BUSY:
		f = EXF_BUSY;
		break;
	case ERR_INTERNAL:
		f = EXF_INTERNAL;
		break;
	case ERR_NOT_FOUND:
	case ERR_METHOD:
		resp_error(r, e);
		return;
	default:
		f = EXF_BAD_REQUEST;
		break;
	}
	memset(&an, 0, sizeof(an));
	an.soap = is_soap_path(r);
	sha256_hex_of("", 0, an.req_digest);
	ex_render_fault(r, an.soap, f, NULL);
	log_message(r, &an, ex_fault_code(f));
}

/* --- helpers for handlers --------------------------------------------- */

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
ex_citizen(struct db *db, struct arena *a, const char *pid, struct db_res *cz)
{
	struct db_param p[] = { DBP_S(pid) };
	int rc;

	if ((rc = db_exec(db, a, EXQ_CITIZEN, p, 1, cz)) != DB_OK)
		return rc;
	/* a number that was replaced still finds its holder */
	if (cz->nrows == 0)
		rc = db_exec(db, a, EXQ_CITIZEN_OLD, p, 1, cz);
	return rc;
}

int
ex_has_group(const struct ex_call *c, const char *group)
{
	size_t n = strlen(group);
	const char *p = c->groups;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, group, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	return 0;
}

/* --- the transaction -------------------------------------------------- */

struct txn {
	struct ex_call *call;
	struct answer *an;
	xmlDocPtr doc;
	const char *out_ctype;
	int replay;
	struct db_res stored;
};

static int
message_txn(struct db *db, struct arena *a, void *arg)
{
	struct txn *t = arg;
	struct ex_call *c = t->call;
	struct req *r = c->r;
	long long row;
	char digest[65];
	int rc;

	{
		struct db_param p[] = { DBP_I(c->client_id), DBP_S(r->tls_dn),
			DBP_S(services[c->svc].name), DBP_S(c->msgid),
			DBP_S(t->an->soap ? "soap" : "xml"),
			DBP_S(t->an->req_digest) };
		/* a twin with the same id waits here until the first commits,
		 * then fails with a duplicate key */
		if ((rc = db_exec(db, a, EXQ_MSG_INSERT, p, 6, NULL)) != DB_OK)
			return rc;
	}
	row = (long long)db_insert_id(db);
	t->doc = xmlNewDoc(BAD_CAST "1.0");
	{
		xmlNodePtr parent = t->an->soap ? ex_soap_body(t->doc) : NULL;
		xmlNsPtr ns;

		if (parent == NULL) {
			c->out = xmlNewDocNode(t->doc, NULL,
			    BAD_CAST services[c->svc].response, NULL);
			xmlDocSetRootElement(t->doc, c->out);
		} else
			c->out = xmlNewChild(parent, NULL,
			    BAD_CAST services[c->svc].response, NULL);
		ns = xmlNewNs(c->out, BAD_CAST EX_NS, NULL);
		xmlSetNs(c->out, ns);
		ex_add(c->out, "MaYeuCau", c->msgid);
	}
	if ((rc = services[c->svc].handler(db, a, c)) != 0)
		return rc;
	{
		char where[64];

		if (xml_validate(schema, c->out, where, sizeof(where)) < 0) {
			log_warnx(
			    "%s answer not valid against the schema at %s",
			    services[c->svc].name, where);
			c->fault = EXF_INTERNAL;
			return 1;
		}
	}
	ex_serialize(r, t->doc, 200);
	sha256_hex_of(r->body.s, r->body.len, digest);
	{
		struct db_param p[] = { DBP_S(r->body.s), DBP_S(r->ctype),
			DBP_S(digest), DBP_S("answered"), DBP_I(200),
			DBP_I(row) };
		if ((rc = db_exec(db, a, EXQ_MSG_DONE, p, 6, NULL)) != DB_OK)
			return rc;
	}
	/* last: the chain head stays locked only until the commit */
	{
		struct audit_read ar;

		memset(&ar, 0, sizeof(ar));
		ar.actor_kind = "exchange";
		ar.actor = c->client_name;
		ar.fields = c->read_fields != NULL ? c->read_fields : "";
		ar.purpose = c->purpose;
		ar.request_id = c->msgid;
		return audit_record_many(db, a, &ar, c->read_ids, c->nread);
	}
}

static enum ex_fault
db_fault(int rc)
{
	switch (rc) {
	case DB_GONE:
		return EXF_DB_UNAVAILABLE;
	case DB_DEADLOCK:
	case DB_LOCKWAIT:
		return EXF_BUSY;
	default:
		return EXF_INTERNAL;
	}
}

/* A replay: the stored answer when the request is the same one. */
static enum err
replay(struct req *r, struct answer *an, struct ex_call *c)
{
	struct db_param p[] = { DBP_I(c->client_id), DBP_S(c->msgid) };
	struct db_res res;
	int rc;

	rc = db_exec(r->db, &r->arena, EXQ_MSG_STORED, p, 2, &res);
	if (rc != DB_OK)
		return refuse(r, an, db_fault(rc));
	if (res.nrows != 1 || DB_CELL(&res, 0, 1) == NULL)
		return refuse(r, an, EXF_BUSY);
	if (strcmp(DB_CELL(&res, 0, 0), an->req_digest) != 0)
		return refuse(r, an, EXF_MESSAGE_ID_REUSED);
	buf_reset(&r->body);
	buf_puts(&r->body, DB_CELL(&res, 0, 1));
	r->ctype = arena_strdup(&r->arena, DB_CELL(&res, 0, 2));
	r->status = atoi(DB_CELL(&res, 0, 3));
	log_message(r, an, "replayed");
	return ERR_OK;
}

/* --- the pipeline ----------------------------------------------------- */

static enum ex_fault
xml_fault(enum xml_err e)
{
	switch (e) {
	case XML_ERR_DOCTYPE:
		return EXF_XML_DOCTYPE;
	case XML_ERR_ENCODING:
		return EXF_XML_ENCODING;
	case XML_ERR_UTF8:
		return EXF_XML_INVALID_ENCODING;
	case XML_ERR_DEPTH:
		return EXF_XML_TOO_DEEP;
	case XML_ERR_LIMIT:
		return EXF_XML_LIMIT;
	case XML_ERR_EXTERNAL:
		return EXF_XML_EXTERNAL;
	default:
		return EXF_XML_MALFORMED;
	}
}

static int
ctype_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static enum err
gateway(struct req *r, int soap)
{
	struct answer an;
	struct ex_call c;
	struct txn t;
	struct db_res res;
	xmlDocPtr doc;
	xmlNodePtr root, payload;
	enum xml_err xe;
	enum ex_fault f = EXF_NONE;
	char where[64];
	int i, rc;

	memset(&an, 0, sizeof(an));
	memset(&c, 0, sizeof(c));
	an.soap = soap;
	c.r = r;
	sha256_hex_of(
	    r->in_body != NULL ? r->in_body : "", r->in_len, an.req_digest);

	/* who: only the web server's verdict on the client certificate */
	if (r->tls_verify == NULL || strcmp(r->tls_verify, "SUCCESS") != 0 ||
	    r->tls_dn == NULL)
		return refuse(r, &an, EXF_CLIENT_UNVERIFIED);
	{
		struct db_param p[] = { DBP_S(r->tls_dn),
			DBP_S(r->tls_issuer != NULL ? r->tls_issuer : "") };

		rc = db_exec(r->db, &r->arena, EXQ_CLIENT, p, 2, &res);
	}
	if (rc != DB_OK) {
		ex_render_fault(r, soap, db_fault(rc), NULL);
		return ERR_OK;
	}
	if (res.nrows != 1)
		return refuse(r, &an, EXF_CLIENT_UNKNOWN);
	c.client_id = an.client_id = strtoll(DB_CELL(&res, 0, 0), NULL, 10);
	c.client_name = DB_CELL(&res, 0, 1);

	/* what: the content type, then the document */
	if (soap && ctype_is(r->content_type, "application/soap+xml"))
		return refuse(r, &an, EXF_SOAP_VERSION);
	if (!ctype_is(r->content_type, "text/xml") &&
	    (soap || !ctype_is(r->content_type, "application/xml")))
		return refuse(r, &an, EXF_MEDIA_TYPE);
	doc = xml_parse_limited(
	    r->in_body != NULL ? r->in_body : "", r->in_len, &limits, &xe);
	if (doc == NULL)
		return refuse(r, &an, xml_fault(xe));
	root = xmlDocGetRootElement(doc);
	payload = ex_payload(root, soap, &f);
	if (payload == NULL) {
		xmlFreeDoc(doc);
		return refuse(r, &an, f != EXF_NONE ? f : EXF_SOAP_ENVELOPE);
	}
	c.svc = EX__MAX;
	for (i = 0; i < EX__MAX; i++)
		if (xml_is(payload, EX_NS, services[i].request))
			c.svc = (enum ex_service)i;
	if (c.svc == EX__MAX) {
		xmlFreeDoc(doc);
		return refuse(r, &an, EXF_UNKNOWN_SERVICE);
	}
	an.service = services[c.svc].name;
	if (soap && r->soap_action != NULL) {
		const char *sa = r->soap_action;
		size_t n = strlen(sa);
		char *want = arena_printf(&r->arena, EX_NS "/%s", an.service);

		if (n >= 2 && sa[0] == '"' && sa[n - 1] == '"')
			sa = arena_strndup(&r->arena, sa + 1, n - 2);
		if (*sa != '\0' && strcmp(sa, want) != 0) {
			xmlFreeDoc(doc);
			return refuse(r, &an, EXF_SOAP_ACTION);
		}
	}
	if (xml_validate(schema, payload, where, sizeof(where)) < 0) {
		xmlFreeDoc(doc);
		log_info("schema: %s invalid at element %s", an.service, where);
		return refuse(r, &an, EXF_SCHEMA);
	}
	c.in = payload;
	c.msgid = an.msgid = ex_text(&c, "MaYeuCau");
	c.purpose = ex_text(&c, "MucDich");

	/* may this client ask this, for this purpose? */
	{
		struct db_param p[] = { DBP_I(c.client_id), DBP_S(an.service),
			DBP_S(c.purpose) };

		rc = db_exec(r->db, &r->arena, EXQ_RIGHT, p, 3, &res);
	}
	if (rc != DB_OK) {
		xmlFreeDoc(doc);
		return refuse(r, &an, db_fault(rc));
	}
	if (res.nrows == 0) {
		xmlFreeDoc(doc);
		log_info("client %lld refused %s for the declared purpose",
		    c.client_id, an.service);
		return refuse(r, &an, EXF_NOT_PERMITTED);
	}
	c.groups = DB_CELL(&res, 0, 0);

	memset(&t, 0, sizeof(t));
	t.call = &c;
	t.an = &an;
	rc = db_txn(r->db, message_txn, &r->arena, &t);
	xmlFreeDoc(t.doc);
	xmlFreeDoc(doc);
	if (rc == DB_DUP)
		return replay(r, &an, &c);
	if (rc > 0)
		return refuse(r, &an, c.fault);
	if (rc != DB_OK)
		return refuse(r, &an, db_fault(rc));
	return ERR_OK;
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

/* --- WSDL and schemas -------------------------------------------------- */

enum err
ex_get_wsdl(struct req *r)
{
	buf_reset(&r->body);
	buf_add(&r->body, wsdl.s, wsdl.len);
	r->status = 200;
	r->ctype = "text/xml; charset=utf-8";
	return ERR_OK;
}

enum err
ex_get_xsd(struct req *r)
{
	size_t i;

	for (i = 0; i < NXSD; i++)
		if (r->arg[0] != NULL &&
		    strcmp(r->arg[0], xsd_files[i].name) == 0) {
			buf_reset(&r->body);
			buf_add(&r->body, xsd_files[i].text.s,
			    xsd_files[i].text.len);
			r->status = 200;
			r->ctype = "text/xml; charset=utf-8";
			return ERR_OK;
		}
	return ERR_NOT_FOUND;
}

static int
slurp(const char *path, struct buf *b)
{
	char chunk[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL) {
		log_warnx("%s: cannot open", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
	return 0;
}

/* Copies src into dst with every @KEY@ replaced. */
static void
substitute(struct buf *dst, const char *src, const char *const *kv)
{
	while (*src != '\0') {
		size_t i;
		int hit = 0;

		for (i = 0; kv[i] != NULL; i += 2)
			if (strncmp(src, kv[i], strlen(kv[i])) == 0) {
				buf_puts(dst, kv[i + 1]);
				src += strlen(kv[i]);
				hit = 1;
				break;
			}
		if (!hit)
			buf_putc(dst, *src++);
	}
}

/* The settings that bound a message's shape: {name, default, min, max}. */
static const struct {
	const char *name;
	long dflt, min, max;
} shape[] = {
	{ "xml_max_depth", 32, 4, 256 },
	{ "xml_max_nodes", 60000, 16, 10000000 },
	{ "xml_max_attributes", 32, 4, 1000000 },
	{ "xml_max_namespaces", 16, 2, 1000000 },
	{ "xml_max_name_length", 256, 32, 1L << 20 },
	{ "xml_max_text_length", 65536, 1024, 64L << 20 },
};

#define NSHAPE (sizeof(shape) / sizeof(shape[0]))

/* Reads the shape settings into l; -1 when one is out of range. */
static int
read_limits(const struct conf *cf, struct xml_limits *l)
{
	long v[NSHAPE];
	size_t i;

	for (i = 0; i < NSHAPE; i++)
		if ((v[i] = conf_int(cf, shape[i].name, shape[i].dflt,
		         shape[i].min, shape[i].max)) < 0) {
			log_warnx("[exchange] %s: %ld to %ld", shape[i].name,
			    shape[i].min, shape[i].max);
			return -1;
		}
	l->max_depth = (int)v[0];
	l->max_nodes = (size_t)v[1];
	l->max_attributes = (size_t)v[2];
	l->max_namespaces = (size_t)v[3];
	l->max_name = (size_t)v[4];
	l->max_text = (size_t)v[5];
	return 0;
}

int
ex_check(const struct conf *cf)
{
	const char *url = conf_get(cf, "endpoint_url", NULL);
	struct xml_limits l;

	if (read_limits(cf, &l) < 0)
		return -1;
	if (conf_int(cf, "message_retention_days", 30, 1, 3650) < 0) {
		log_warnx("[exchange] message_retention_days: 1 to 3650");
		return -1;
	}

	if (url == NULL ||
	    (strncmp(url, "https://", 8) != 0 &&
	        strncmp(url, "http://", 7) != 0)) {
		log_warnx(
		    "[exchange] endpoint_url: the public https:// address "
		    "of the gateway is required");
		return -1;
	}
	return 0;
}

int
ex_init(const struct conf *cf)
{
	const char *dir = conf_get(cf, "xsd_dir", PKGDATADIR "/xsd");
	const char *url = conf_get(cf, "endpoint_url", "");
	struct buf raw;
	char *path;
	size_t i;

	if (read_limits(cf, &limits) < 0)
		return -1;
	retention_days = conf_int(cf, "message_retention_days", 30, 1, 3650);
	if (retention_days < 0)
		return -1;
	xml_init();
	/* "TCVN3" is what Vietnamese systems call TCVN 5712:1993; glibc's
	 * iconv knows it as TCVN5712-1 */
	xmlAddEncodingAlias("TCVN5712-1", "TCVN3");
	path = malloc(strlen(dir) + 64);
	if (path == NULL)
		return -1;
	sprintf(path, "%s/exchange-v1.xsd", dir);
	schema = xml_schema_load(path);
	for (i = 0; i < NXSD && schema != NULL; i++) {
		sprintf(path, "%s/%s", dir, xsd_files[i].name);
		buf_init(&xsd_files[i].text);
		if (slurp(path, &xsd_files[i].text) < 0)
			schema = NULL;
	}
	buf_init(&raw);
	sprintf(path, "%s/exchange-v1.wsdl", dir);
	if (schema == NULL || slurp(path, &raw) < 0) {
		free(path);
		buf_free(&raw);
		return -1;
	}
	free(path);
	{
		struct arena a;
		const char *kv[5];

		arena_init(&a);
		kv[0] = "@ENDPOINT@";
		kv[1] = arena_printf(&a, "%s/exchange/v1/soap", url);
		kv[2] = "@XSDBASE@";
		kv[3] = arena_printf(&a, "%s/exchange/v1/xsd/", url);
		kv[4] = NULL;
		buf_init(&wsdl);
		substitute(&wsdl, raw.s, kv);
		arena_free(&a);
	}
	buf_free(&raw);
	/* everything trusted is loaded: from now on nothing external is */
	xml_lockdown();
	return 0;
}
