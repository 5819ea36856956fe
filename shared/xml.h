/*
 * Hardened XML for requests from other systems (libxml2).  A document
 * with a DOCTYPE is refused outright (SOAP forbids them, and it stops
 * every entity trick); external entities can never be loaded once
 * xml_lockdown() has run; no XInclude, no network, no DTD loading,
 * no huge-document relaxation; nesting is limited.  Schemas are parsed
 * once per process, before the lockdown, from trusted files.
 */
#ifndef MOTCUA_XML_H
#define MOTCUA_XML_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

enum xml_err {
	XML_OK = 0,
	XML_ERR_DOCTYPE, /* a DOCTYPE (and so any entity) */
	XML_ERR_MALFORMED, /* not well-formed */
	XML_ERR_ENCODING, /* an encoding iconv does not know */
	XML_ERR_UTF8, /* bytes not valid in the encoding */
	XML_ERR_DEPTH, /* nested deeper than allowed */
	XML_ERR_EXTERNAL, /* something tried to load a resource */
	XML_ERR_SCHEMA, /* not valid against the schema */
	XML_ERR_LIMIT, /* over a structural limit (struct xml_limits) */
	XML_ERR__MAX
};

/* Initialises libxml2 and installs the error collector.  Once per process. */
void xml_init(void);

/* Parses a schema file (imports resolved next to it).  NULL on error. */
xmlSchemaPtr xml_schema_load(const char *path);

/* From now on every attempt to load an external resource fails. */
void xml_lockdown(void);

/*
 * What one document may hold, checked by a linear scan of its bytes before
 * libxml2 sees them (libxml2 2.9 checks an element's attributes against
 * each other pairwise: 100,000 of them cost a minute of CPU).  Text nodes
 * lie between the others, so max_nodes bounds them too.  Lengths are
 * in code units of the document's encoding: bytes for UTF-8 and the 8-bit
 * encodings, 16-bit units for UTF-16.
 */
struct xml_limits {
	int max_depth; /* element nesting */
	size_t max_nodes; /* elements, comments and PIs in the document */
	size_t max_attributes; /* on one element, xmlns ones included */
	size_t max_namespaces; /* namespace declarations on one element */
	size_t max_name; /* an element, attribute or PI name */
	size_t max_text; /* a text run (CDATA included), attribute value,
	                  * comment or processing instruction */
};

/* The defaults: 32, 60000, 32, 16, 256, 65536. */
#define XML_LIMITS_DEFAULT \
	{ \
		32, 60000, 32, 16, 256, 65536 \
	}

/*
 * Checks the document's shape against the limits without building
 * anything.  Returns XML_OK, XML_ERR_LIMIT, XML_ERR_DEPTH, or
 * XML_ERR_MALFORMED for markup no XML parser would accept.  Whatever it
 * cannot judge (a DOCTYPE, an encoding it does not know) it leaves to
 * the parser, having checked everything before it.
 */
enum xml_err xml_prescan(const char *buf, size_t n, const struct xml_limits *);

/*
 * Parses an untrusted document of n bytes, after xml_prescan().  Returns
 * the document (free it with xmlFreeDoc), or NULL with *err set.
 */
xmlDocPtr xml_parse_limited(
    const char *buf, size_t n, const struct xml_limits *, enum xml_err *err);

/* xml_parse_limited() with the default limits and this nesting bound. */
xmlDocPtr
xml_parse(const char *buf, size_t n, int max_depth, enum xml_err *err);

/*
 * Validates the element (and its subtree) against the schema.  Returns 0
 * when valid, else -1 and, when where is not NULL, copies the local name
 * of the first offending element (never its content) there.
 */
int xml_validate(xmlSchemaPtr, xmlNodePtr, char *where, size_t wheresz);

/* Returns the number of external loads refused since the process began. */
unsigned long xml_refused_loads(void);

/* Stable code for an xml_err ("xml_doctype_forbidden", ...). */
const char *xml_err_code(enum xml_err);

/*
 * The first element child of n, or NULL.  xml_next_elem: the next element
 * sibling.  xml_is: local name and namespace match.
 */
xmlNodePtr xml_first_elem(xmlNodePtr);
xmlNodePtr xml_next_elem(xmlNodePtr);
int xml_is(xmlNodePtr, const char *ns, const char *name);

/* The text of child element name (in ns) of n, or NULL (libxml2 memory
 * owned by the caller's arena: copied). */
struct arena;
const char *
xml_child_text(struct arena *, xmlNodePtr, const char *ns, const char *name);

#endif
