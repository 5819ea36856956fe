/*
 * Hardened XML parsing and schema validation on libxml2 2.9.
 *
 * - DOCTYPE: the SAX internalSubset callback stops the parser and marks the
 *   document; stopping raises no libxml2 error, so the flag is checked
 *   explicitly (HARDENING.md).
 * - External resources: after xml_lockdown() the external entity loader
 *   refuses everything (XML_PARSE_NONET alone lets file:// through).
 * - Options: NONET and NOCDATA only; never NOENT, DTDLOAD, DTDATTR,
 *   DTDVALID, XINCLUDE, HUGE or RECOVER.
 * - Errors are collected with xmlSetStructuredErrorFunc.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "log.h"
#include "xml.h"

static int xml_locked;
static unsigned long xml_refused;
static int xml_last_error;
static char xml_last_node[64];

static void
xml_collect(void *ctx, xmlErrorPtr e)
{
	if (e == NULL)
		return;
	if (xml_last_error == 0) {
		xml_last_error = e->code;
		xml_last_node[0] = '\0';
		if (e->node != NULL &&
		    ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
			snprintf(xml_last_node, sizeof(xml_last_node), "%s",
			    (const char *)((xmlNodePtr)e->node)->name);
	}
}

static xmlParserInputPtr
xml_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	xml_refused++;
	return NULL;
}

static xmlExternalEntityLoader xml_default_loader;

static xmlParserInputPtr
xml_startup_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (xml_locked)
		return xml_deny_loader(url, id, ctxt);
	return xml_default_loader(url, id, ctxt);
}

void
xml_init(void)
{
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, xml_collect);
	xml_default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xml_startup_loader);
}

void
xml_lockdown(void)
{
	xml_locked = 1;
	xmlSetExternalEntityLoader(xml_deny_loader);
}

unsigned long
xml_refused_loads(void)
{
	return xml_refused;
}

xmlSchemaPtr
xml_schema_load(const char *path)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr s;

	if (xml_locked)
		return NULL;
	xml_last_error = 0;
	if ((pc = xmlSchemaNewParserCtxt(path)) == NULL)
		return NULL;
	s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (s == NULL)
		log_warnx("%s: schema does not parse (error %d)", path,
		    xml_last_error);
	return s;
}

static void
deny_subset(
    void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;

	c->_private = (void *)1;
	xmlStopParser(c);
}

static int
too_deep(xmlNodePtr n, int depth, int max)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth > max || too_deep(n->children, depth + 1, max))
			return 1;
	}
	return 0;
}

xmlDocPtr
xml_parse(const char *buf, size_t n, int max_depth, enum xml_err *err)
{
	xmlParserCtxtPtr c;
	xmlDocPtr doc;
	unsigned long refused = xml_refused;
	int wf;

	*err = XML_OK;
	if (n > 0x7fffffff) {
		*err = XML_ERR_MALFORMED;
		return NULL;
	}
	if ((c = xmlNewParserCtxt()) == NULL)
		fatal("xmlNewParserCtxt");
	c->sax->internalSubset = deny_subset;
	c->_private = NULL;
	xml_last_error = 0;
	doc = xmlCtxtReadMemory(
	    c, buf, (int)n, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	wf = c->wellFormed;
	if (c->_private != NULL)
		*err = XML_ERR_DOCTYPE;
	else if (xml_refused != refused)
		*err = XML_ERR_EXTERNAL;
	else if (doc == NULL || !wf) {
		switch (xml_last_error) {
		case XML_ERR_UNSUPPORTED_ENCODING:
		case XML_ERR_UNKNOWN_ENCODING:
			*err = XML_ERR_ENCODING;
			break;
		case XML_ERR_INVALID_CHAR:
		case XML_ERR_INVALID_ENCODING:
			*err = XML_ERR_UTF8;
			break;
		case XML_ERR_INTERNAL_ERROR:
			/* libxml2's own depth limit */
			*err = XML_ERR_DEPTH;
			break;
		default:
			*err = XML_ERR_MALFORMED;
		}
	} else if (too_deep(xmlDocGetRootElement(doc), 1, max_depth))
		*err = XML_ERR_DEPTH;
	xmlFreeParserCtxt(c);
	if (*err != XML_OK) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int
xml_validate(xmlSchemaPtr s, xmlNodePtr n, char *where, size_t wheresz)
{
	xmlSchemaValidCtxtPtr v;
	int rc;

	if (s == NULL) /* never let libxml2 assemble one from the message */
		return -1;
	if ((v = xmlSchemaNewValidCtxt(s)) == NULL)
		fatal("xmlSchemaNewValidCtxt");
	xml_last_error = 0;
	xml_last_node[0] = '\0';
	xmlSchemaSetValidStructuredErrors(v, xml_collect, NULL);
	rc = xmlSchemaValidateOneElement(v, n);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && where != NULL)
		snprintf(where, wheresz, "%s", xml_last_node);
	return rc == 0 ? 0 : -1;
}

const char *
xml_err_code(enum xml_err e)
{
	static const char *const codes[XML_ERR__MAX] = {
		[XML_OK] = "ok",
		[XML_ERR_DOCTYPE] = "xml_doctype_forbidden",
		[XML_ERR_MALFORMED] = "xml_malformed",
		[XML_ERR_ENCODING] = "xml_encoding_unsupported",
		[XML_ERR_UTF8] = "xml_invalid_encoding",
		[XML_ERR_DEPTH] = "xml_too_deep",
		[XML_ERR_EXTERNAL] = "xml_external_forbidden",
		[XML_ERR_SCHEMA] = "schema_invalid",
	};

	return e >= 0 && e < XML_ERR__MAX ? codes[e] : "xml_malformed";
}

xmlNodePtr
xml_first_elem(xmlNodePtr n)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
xml_next_elem(xmlNodePtr n)
{
	for (n = n != NULL ? n->next : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

int
xml_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return 0;
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

const char *
xml_child_text(struct arena *a, xmlNodePtr n, const char *ns, const char *name)
{
	xmlNodePtr c;

	for (c = xml_first_elem(n); c != NULL; c = xml_next_elem(c))
		if (xml_is(c, ns, name)) {
			xmlChar *t = xmlNodeGetContent(c);
			const char *s =
			    arena_strdup(a, t != NULL ? (const char *)t : "");

			xmlFree(t);
			return s;
		}
	return NULL;
}
