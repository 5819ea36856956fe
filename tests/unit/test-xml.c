/*
 * Hardened XML parsing: DOCTYPEs, entities, external resources, nesting,
 * encodings, and validation against a pre-parsed schema only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "xml.h"
#include "tap.h"

static enum xml_err
parse(const char *s, size_t n)
{
	enum xml_err e;
	xmlDocPtr d = xml_parse(s, n, 32, &e);

	xmlFreeDoc(d);
	return e;
}

static xmlDocPtr
xp(const char *s, enum xml_err *e)
{
	return xml_parse(s, strlen(s), 32, e);
}

static enum xml_err
parse_str(const char *s)
{
	return parse(s, strlen(s));
}

/* The pre-scan against small limits: {document, expected, what}. */
static void
prescan_tests(void)
{
	static const struct xml_limits l = { 3, 6, 3, 2, 8, 10 };
	static const struct {
		const char *doc;
		enum xml_err want;
		const char *what;
	} t[] = {
		{ "<?x y?><R a='1' b=\"2\" c='3'><A/></R>", XML_OK,
		    "three attributes, the limit" },
		{ "<R a='1' b='2' c='3' d='4'/>", XML_ERR_LIMIT,
		    "four attributes" },
		{ "<R xmlns='u' xmlns:p='v'/>", XML_OK,
		    "two namespace declarations" },
		{ "<R xmlns='u' xmlns:p='v' xmlns:q='w'/>", XML_ERR_LIMIT,
		    "three namespace declarations" },
		{ "<R xmlnsx='u' xmlnsy='v' a='w'/>", XML_OK,
		    "xmlnsx is not a declaration" },
		{ "<Abcdefgh/>", XML_OK, "a name of 8" },
		{ "<Abcdefghi/>", XML_ERR_LIMIT, "an element name of 9" },
		{ "<R abcdefghi='1'/>", XML_ERR_LIMIT,
		    "an attribute name of 9" },
		{ "<R></Abcdefghi>", XML_ERR_LIMIT, "an end tag name of 9" },
		{ "<?abcdefghi x?><R/>", XML_ERR_LIMIT, "a PI target of 9" },
		{ "<R>0123456789</R>", XML_OK, "a text of 10" },
		{ "<R>0123456789a</R>", XML_ERR_LIMIT, "a text of 11" },
		{ "<R>01234<![CDATA[567]]>89a</R>", XML_ERR_LIMIT,
		    "text and CDATA of 11 together" },
		{ "<R>01234<!---->56789</R>", XML_OK,
		    "a comment splits the text" },
		{ "<R><!--0123456789a--></R>", XML_ERR_LIMIT,
		    "a comment of 11" },
		{ "<R a='0123456789a'/>", XML_ERR_LIMIT,
		    "an attribute value of 11" },
		{ "<R a='0123>56789'/>", XML_OK, "'>' inside a value" },
		{ "<R><A/><A/><A/><A/><A/></R>", XML_OK, "six elements" },
		{ "<R><A/><A/><A/><A/><A/><A/></R>", XML_ERR_LIMIT,
		    "seven elements" },
		{ "<R><A/><A/><!----><A/><?p?></R>", XML_OK,
		    "four elements, a comment and a PI" },
		{ "<R><A/><A/><!----><A/><?p?><!----></R>", XML_ERR_LIMIT,
		    "four elements, two comments and a PI" },
		{ "<a><a><a></a></a></a>", XML_OK, "three levels" },
		{ "<a><a><a><a></a></a></a></a>", XML_ERR_DEPTH,
		    "four levels" },
		{ "<a></a><a></a><a></a><a></a>", XML_OK,
		    "siblings are not levels" },
		{ "<R a/>", XML_ERR_MALFORMED, "an attribute without a value" },
		{ "<R a=1/>", XML_ERR_MALFORMED, "an unquoted value" },
		{ "< R/>", XML_ERR_MALFORMED, "no name after '<'" },
		{ "<R a='1", XML_OK, "truncated: left to the parser" },
		{ "<!DOCTYPE R [<!ATTLIST R a CDATA 'x'>]><R/>", XML_OK,
		    "a DOCTYPE: left to the parser" },
	};
	char big[4096];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ok(xml_prescan(t[i].doc, strlen(t[i].doc), &l) == t[i].want,
		    "pre-scan: %s", t[i].what);
	/* UTF-16LE with a BOM: "<R a='1' b='2' c='3' d='4'/>" */
	{
		const char *a = "<R a='1' b='2' c='3' d='4'/>";
		size_t n = 2;

		big[0] = '\xff', big[1] = '\xfe';
		for (i = 0; a[i] != '\0'; i++)
			big[n++] = a[i], big[n++] = '\0';
		ok(xml_prescan(big, n, &l) == XML_ERR_LIMIT,
		    "pre-scan: four attributes in UTF-16LE");
		ok(xml_prescan(big, n - 24, &l) == XML_OK,
		    "pre-scan: two attributes in UTF-16LE");
	}
	/* the defaults let a real request through, and refuse the shape
	 * that costs libxml2 a minute */
	{
		struct buf b;
		enum xml_err e;
		xmlDocPtr d;

		buf_init(&b);
		buf_puts(&b, "<R");
		for (i = 0; i < 100000; i++)
			buf_printf(&b, " a%zu=''", i);
		buf_puts(&b, "/>");
		d = xml_parse(b.s, b.len, 32, &e);
		ok(d == NULL && e == XML_ERR_LIMIT,
		    "100,000 attributes: refused by the default limits");
		buf_free(&b);
	}
}

int
main(void)
{
	static const char xsd[] =
	    "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'"
	    " targetNamespace='urn:t' xmlns='urn:t' "
	    "elementFormDefault='qualified'>"
	    "<xs:element name='R'><xs:complexType><xs:sequence>"
	    "<xs:element name='A' type='xs:string'/>"
	    "</xs:sequence></xs:complexType></xs:element></xs:schema>";
	char path[] = "/tmp/motcua-test-xsd-XXXXXX",
	     secret[] = "/tmp/motcua-test-secret-XXXXXX", doc[1024], where[64];
	struct buf deep;
	xmlSchemaPtr schema;
	xmlDocPtr d;
	enum xml_err e;
	struct arena a;
	int fd, i;

	xml_init();
	fd = mkstemp(path);
	if (write(fd, xsd, sizeof(xsd) - 1) < 0)
		return 1;
	close(fd);
	fd = mkstemp(secret);
	if (write(fd, "TOPSECRET", 9) < 0)
		return 1;
	close(fd);
	ok((schema = xml_schema_load(path)) != NULL,
	    "schema parses before lockdown");
	xml_lockdown();
	ok(xml_schema_load(path) == NULL, "no schema loading after lockdown");

	ok(parse_str("<R xmlns='urn:t'><A>x</A></R>") == XML_OK,
	    "plain document");
	ok(parse_str("<!DOCTYPE R><R/>") == XML_ERR_DOCTYPE,
	    "bare DOCTYPE refused");
	ok(parse_str("<!DOCTYPE R [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
	             "<R>&b;</R>") == XML_ERR_DOCTYPE,
	    "entity expansion refused");
	snprintf(doc, sizeof(doc),
	    "<!DOCTYPE R [<!ENTITY x SYSTEM 'file://%s'>]>"
	    "<R>&x;</R>",
	    secret);
	ok(parse_str(doc) == XML_ERR_DOCTYPE,
	    "file:// external entity refused");
	ok(parse_str("<!DOCTYPE R SYSTEM 'http://127.0.0.1:9/x.dtd'><R/>") ==
	        XML_ERR_DOCTYPE,
	    "external DTD refused");
	ok(parse_str("<R><A>x</R>") == XML_ERR_MALFORMED, "tag mismatch");
	ok(parse_str("") == XML_ERR_MALFORMED, "empty body");
	ok(parse_str("<R>\xff\xfe</R>") == XML_ERR_UTF8, "invalid UTF-8");
	ok(parse_str("<?xml version='1.0' encoding='x-klingon'?><R/>") ==
	        XML_ERR_ENCODING,
	    "unknown encoding");
	/* "Việt" in Windows-1258: V i e + U+0323 (combining dot below, 0xF2)
	 * + circumflex e (0xEA) ... composed by libxml2 through iconv */
	ok(parse_str("<?xml version='1.0' encoding='windows-1258'?>"
	             "<R>Vi\xea\xf2t</R>") == XML_OK,
	    "windows-1258 declared");
	ok(parse("\xef\xbb\xbf<R/>", 7) == XML_OK, "UTF-8 with BOM");
	ok(parse("\xff\xfe<\0R\0/\0>\0", 10) == XML_OK, "UTF-16LE with BOM");

	buf_init(&deep);
	for (i = 0; i < 40; i++)
		buf_puts(&deep, "<a>");
	for (i = 0; i < 40; i++)
		buf_puts(&deep, "</a>");
	ok(parse(deep.s, deep.len) == XML_ERR_DEPTH,
	    "40 levels over a limit of 32");
	buf_reset(&deep);
	for (i = 0; i < 5000; i++)
		buf_puts(&deep, "<a>");
	ok(parse(deep.s, deep.len) != XML_OK, "5000 open levels refused");
	buf_free(&deep);
	ok(parse_str(
	       "<R xmlns:xi='http://www.w3.org/2001/XInclude'>"
	       "<xi:include href='/etc/passwd' parse='text'/></R>") == XML_OK,
	    "XInclude parses as an inert element");
	ok(xml_refused_loads() == 0, "nothing was loaded so far");

	d = xp("<R xmlns='urn:t'><A>x</A></R>", &e);
	ok(d != NULL &&
	        xml_validate(
	            schema, xmlDocGetRootElement(d), where, sizeof(where)) == 0,
	    "valid against the schema");
	xmlFreeDoc(d);
	d = xp("<R xmlns='urn:t'><A>x</A><A>y</A></R>", &e);
	ok(d != NULL &&
	        xml_validate(
	            schema, xmlDocGetRootElement(d), where, sizeof(where)) < 0,
	    "a duplicated singleton is invalid");
	is_str(where, "A", "the offending element is named");
	xmlFreeDoc(d);
	d = xp("<R xmlns='urn:t' "
	       "xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
	       " xsi:schemaLocation='urn:t "
	       "http://127.0.0.1:9/evil.xsd'><A>x</A></R>",
	    &e);
	ok(d != NULL, "schemaLocation document parses");
	ok(d != NULL &&
	        xml_validate(schema, xmlDocGetRootElement(d), NULL, 0) == 0,
	    "validated against our schema only");
	ok(xml_validate(NULL, xmlDocGetRootElement(d), NULL, 0) < 0,
	    "no schema, no validation");
	xmlFreeDoc(d);
	ok(xml_refused_loads() == 0, "schemaLocation loaded nothing");

	prescan_tests();

	arena_init(&a);
	d = xp("<R xmlns='urn:t'><A>Nguyễn</A></R>", &e);
	is_str(xml_child_text(&a, xmlDocGetRootElement(d), "urn:t", "A"),
	    "Nguyễn", "child text");
	ok(xml_child_text(&a, xmlDocGetRootElement(d), "urn:t", "B") == NULL,
	    "absent child");
	xmlFreeDoc(d);
	arena_free(&a);
	xmlSchemaFree(schema);
	unlink(path);
	unlink(secret);
	return tap_done();
}
