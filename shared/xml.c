/*
 * Hardened XML parsing and schema validation on libxml2 2.9.
 *
 * - DOCTYPE: the SAX internalSubset callback stops the parser and marks the
 *   document; stopping raises no libxml2 error (xmlStopParser leaves the
 *   well-formed flag set), so the flag is checked explicitly.
 * - External resources: after xml_lockdown() the external entity loader
 *   refuses everything (XML_PARSE_NONET alone lets file:// through).
 * - Options: NONET and NOCDATA only; never NOENT, DTDLOAD, DTDATTR,
 *   DTDVALID, XINCLUDE, HUGE or RECOVER.
 * - Errors are collected with xmlSetStructuredErrorFunc.
 * - Shape: before libxml2 sees a document, a linear scan of its code units
 *   counts nodes, attributes and namespace declarations per element,
 *   and measures names, text runs and nesting (struct xml_limits), so no
 *   shape of message reaches libxml2's quadratic paths.
 */
#include "config.h"

#include <stdint.h>
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

/* --- the pre-scan ---------------------------------------------------- */

/* The document as code units: 1, 2 or 4 bytes wide, either byte order.
 * Only units below 128 mean anything to the scan; every other one is a
 * name or text character. */
struct scan {
	const unsigned char *b;
	size_t n; /* whole units */
	size_t i; /* the current unit */
	int w, be;
};

/* The unit at position i, or UINT32_MAX past the end. */
static uint32_t
unit_at(const struct scan *s, size_t i)
{
	const unsigned char *p;

	if (i >= s->n)
		return UINT32_MAX; /* the end */
	p = s->b + i * (size_t)s->w;
	switch (s->w) {
	case 1:
		return p[0];
	case 2:
		return s->be ? (uint32_t)p[0] << 8 | p[1]
		             : (uint32_t)p[1] << 8 | p[0];
	default:
		return s->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		        (uint32_t)p[2] << 8 | p[3]
		             : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
		        (uint32_t)p[1] << 8 | p[0];
	}
}

/* The unit k places after the cursor. */
static uint32_t
unit(const struct scan *s, size_t k)
{
	return unit_at(s, s->i + k);
}

/* The layout from the byte order mark or the first '<' (XML 1.0 F.1). */
static void
scan_init(struct scan *s, const unsigned char *b, size_t n)
{
	size_t skip = 0;

	s->b = b;
	s->w = 1;
	s->be = 0;
	if (n >= 4 && memcmp(b, "\0\0\xfe\xff", 4) == 0)
		s->w = 4, s->be = 1, skip = 4;
	else if (n >= 4 && memcmp(b, "\xff\xfe\0\0", 4) == 0)
		s->w = 4, skip = 4;
	else if (n >= 2 && memcmp(b, "\xfe\xff", 2) == 0)
		s->w = 2, s->be = 1, skip = 2;
	else if (n >= 2 && memcmp(b, "\xff\xfe", 2) == 0)
		s->w = 2, skip = 2;
	else if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	else if (n >= 4 && memcmp(b, "\0\0\0<", 4) == 0)
		s->w = 4, s->be = 1;
	else if (n >= 4 && memcmp(b, "<\0\0\0", 4) == 0)
		s->w = 4;
	else if (n >= 4 && memcmp(b, "\0<\0?", 4) == 0)
		s->w = 2, s->be = 1;
	else if (n >= 4 && memcmp(b, "<\0?\0", 4) == 0)
		s->w = 2;
	s->b += skip;
	s->n = (n - skip) / (size_t)s->w;
	s->i = 0;
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skips white space. */
static void
skip_space(struct scan *s)
{
	while (is_space(unit(s, 0)))
		s->i++;
}

/* Reads a name (up to a delimiter); its length, or max + 1 when longer. */
static size_t
scan_name(struct scan *s, size_t max)
{
	size_t len = 0;
	uint32_t c;

	for (;;) {
		c = unit(s, 0);
		if (c == UINT32_MAX || is_space(c) || c == '>' || c == '/' ||
		    c == '=' || c == '<' || c == '"' || c == '\'' || c == '?' ||
		    c == '!' || c == '&' || c == ';')
			return len;
		if (++len > max)
			return len;
		s->i++;
	}
}

/* Skips to just after the terminator t (ASCII, 2 or 3 characters), at most
 * max units before it.  0: found; 1: too long; -1: the end came first. */
static int
skip_to(struct scan *s, const char *t, size_t max)
{
	size_t tn = strlen(t), len = 0, k;

	for (;; len++, s->i++) {
		if (unit(s, 0) == UINT32_MAX)
			return -1;
		for (k = 0; k < tn && unit(s, k) == (unsigned char)t[k]; k++)
			;
		if (k == tn) {
			s->i += tn;
			return 0;
		}
		if (len >= max)
			return 1;
	}
}

/* Whether the units from position pos on spell the ASCII word. */
static int
looking_at(const struct scan *s, size_t pos, const char *word)
{
	for (; *word != '\0'; word++, pos++)
		if (unit_at(s, pos) != (unsigned char)*word)
			return 0;
	return 1;
}

/* A start tag, the cursor on its '<'. */
static enum xml_err
scan_start_tag(struct scan *s, const struct xml_limits *l, int *depth)
{
	size_t attrs = 0, ns = 0, len, start;
	uint32_t q;
	int rc, xmlns;

	s->i++;
	if ((len = scan_name(s, l->max_name)) == 0)
		return XML_ERR_MALFORMED;
	if (len > l->max_name)
		return XML_ERR_LIMIT;
	for (;;) {
		skip_space(s);
		switch (unit(s, 0)) {
		case UINT32_MAX:
			return XML_OK; /* truncated: the parser says so */
		case '>':
			s->i++;
			if (++*depth > l->max_depth)
				return XML_ERR_DEPTH;
			return XML_OK;
		case '/':
			if (unit(s, 1) != '>')
				return XML_ERR_MALFORMED;
			s->i += 2;
			return XML_OK;
		}
		start = s->i;
		if ((len = scan_name(s, l->max_name)) == 0)
			return XML_ERR_MALFORMED;
		xmlns = looking_at(s, start, "xmlns") &&
		    (len == 5 || looking_at(s, start + 5, ":"));
		if (len > l->max_name || ++attrs > l->max_attributes ||
		    (xmlns && ++ns > l->max_namespaces))
			return XML_ERR_LIMIT;
		skip_space(s);
		if (unit(s, 0) != '=')
			return unit(s, 0) == UINT32_MAX ? XML_OK
			                                : XML_ERR_MALFORMED;
		s->i++;
		skip_space(s);
		q = unit(s, 0);
		if (q == UINT32_MAX)
			return XML_OK;
		if (q != '"' && q != '\'')
			return XML_ERR_MALFORMED;
		s->i++;
		rc = skip_to(s, q == '"' ? "\"" : "'", l->max_text);
		if (rc != 0)
			return rc > 0 ? XML_ERR_LIMIT : XML_OK;
	}
}

enum xml_err
xml_prescan(const char *buf, size_t n, const struct xml_limits *l)
{
	struct scan s;
	size_t text = 0, nodes = 0, start;
	int depth = 0, rc;
	enum xml_err e;

	scan_init(&s, (const unsigned char *)buf, n);
	while (s.i < s.n) {
		if (unit(&s, 0) != '<') {
			if (++text > l->max_text)
				return XML_ERR_LIMIT;
			s.i++;
			continue;
		}
		switch (unit(&s, 1)) {
		case '?': /* a processing instruction or the declaration */
			if (++nodes > l->max_nodes)
				return XML_ERR_LIMIT;
			s.i += 2;
			if (scan_name(&s, l->max_name) > l->max_name)
				return XML_ERR_LIMIT;
			rc = skip_to(&s, "?>", l->max_text);
			break;
		case '!':
			if (looking_at(&s, s.i + 2, "--")) {
				if (++nodes > l->max_nodes)
					return XML_ERR_LIMIT;
				s.i += 4;
				rc = skip_to(&s, "-->", l->max_text);
			} else if (looking_at(&s, s.i + 2, "[CDATA[")) {
				/* merged into the text around it */
				s.i += 9;
				start = s.i;
				rc = skip_to(&s, "]]>", l->max_text - text);
				if (rc > 0)
					return XML_ERR_LIMIT;
				if (rc < 0)
					return XML_OK;
				text += s.i - 3 - start;
				continue;
			} else
				/* a DOCTYPE (refused by the parser, which stops
				 * there) or markup it refuses as malformed */
				return XML_OK;
			break;
		case '/':
			s.i += 2;
			if (scan_name(&s, l->max_name) > l->max_name)
				return XML_ERR_LIMIT;
			depth--;
			rc = skip_to(&s, ">", l->max_name);
			break;
		default:
			if (++nodes > l->max_nodes)
				return XML_ERR_LIMIT;
			if ((e = scan_start_tag(&s, l, &depth)) != XML_OK ||
			    s.i >= s.n)
				return e;
			rc = 0;
			break;
		}
		if (rc < 0)
			return XML_OK; /* the end came first: malformed */
		if (rc > 0)
			return XML_ERR_LIMIT;
		text = 0;
	}
	return XML_OK;
}

/* --- parsing --------------------------------------------------------- */

xmlDocPtr
xml_parse(const char *buf, size_t n, int max_depth, enum xml_err *err)
{
	struct xml_limits l = XML_LIMITS_DEFAULT;

	l.max_depth = max_depth;
	return xml_parse_limited(buf, n, &l, err);
}

xmlDocPtr
xml_parse_limited(
    const char *buf, size_t n, const struct xml_limits *l, enum xml_err *err)
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
	if ((*err = xml_prescan(buf, n, l)) != XML_OK)
		return NULL;
	if ((c = xmlNewParserCtxt()) == NULL)
		xnomem(sizeof(xmlParserCtxt));
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
	} else if (too_deep(xmlDocGetRootElement(doc), 1, l->max_depth))
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
		xnomem(0);
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
		[XML_ERR_LIMIT] = "xml_limit_exceeded",
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
