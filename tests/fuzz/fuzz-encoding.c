/*
 * libFuzzer target for the legacy encodings other systems send: a
 * document declaring the encoding the first input byte chooses (the
 * Vietnamese 8-bit ones, TCVN3 under the names it goes by, Windows-1258
 * and VISCII, or UTF-16 and UTF-8), its root's text the rest of the
 * input, parsed by the hardened parser (libxml2 converting through
 * iconv), then normalised to NFC and keyed for name matching as the
 * exchange handlers do.  Beyond the sanitizers, it aborts when an
 * accepted document's text is not valid UTF-8, is not what iconv makes
 * of the same bytes, or does not survive NFC and name keying; and when
 * a document is refused for an encoding the parser knows.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/encoding.h>

#include "buf.h"
#include "text.h"
#include "xml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

/* The name declared, the name iconv knows it by, the width of the
 * document's units (2: UTF-16), whether big-endian, whether with a BOM. */
static const struct {
	const char *decl, *iconv;
	int w, be, bom;
} encs[] = {
	{ "windows-1258", "CP1258", 1, 0, 0 },
	{ "TCVN3", "TCVN5712-1", 1, 0, 0 },
	{ "TCVN5712-1", "TCVN5712-1", 1, 0, 0 },
	{ "TCVN", "TCVN5712-1", 1, 0, 0 },
	{ "VISCII", "VISCII", 1, 0, 0 },
	{ "UTF-8", "UTF-8", 1, 0, 0 },
	{ NULL, "UTF-8", 1, 0, 0 }, /* no declaration */
	{ "ISO-8859-1", "ISO-8859-1", 1, 0, 0 },
	{ "UTF-16", "UTF-16LE", 2, 0, 1 },
	{ "UTF-16", "UTF-16BE", 2, 1, 1 },
	{ "UTF-16LE", "UTF-16LE", 2, 0, 0 },
	{ "UTF-16BE", "UTF-16BE", 2, 1, 0 },
};
#define NENCS (sizeof(encs) / sizeof(*encs))

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xml_init();
	/* as the exchange module does at start-up */
	xmlAddEncodingAlias("TCVN5712-1", "TCVN3");
	xml_lockdown();
	return 0;
}

/* ASCII markup in the document's units. */
static void
put_ascii(struct buf *b, const char *s, int w, int be)
{
	for (; *s != '\0'; s++) {
		if (w == 2 && be)
			buf_putc(b, '\0');
		buf_putc(b, *s);
		if (w == 2 && !be)
			buf_putc(b, '\0');
	}
}

/* iconv's own conversion of the n bytes to UTF-8, NUL-terminated in out;
 * 0, or -1 when iconv refuses them. */
static int
reference(const char *from, const char *in, size_t n, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char chunk[1024], *ip = (char *)in, *op;
	size_t left = n, room;
	int rc = 0;

	if (cd == (iconv_t)-1)
		abort(); /* glibc knows every one of them */
	buf_reset(out);
	buf_add(out, "", 0);
	while (left > 0) {
		op = chunk, room = sizeof(chunk);
		if (iconv(cd, &ip, &left, &op, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			rc = -1;
			break;
		}
		buf_add(out, chunk, sizeof(chunk) - room);
	}
	/* what a stateful converter holds back (a letter waiting for its
	 * combining mark) */
	op = chunk, room = sizeof(chunk);
	if (rc == 0 && iconv(cd, NULL, NULL, &op, &room) == (size_t)-1)
		rc = -1;
	buf_add(out, chunk, sizeof(chunk) - room);
	iconv_close(cd);
	return rc;
}

/* Whether libxml2 takes the text as it is: no markup, no line ends it
 * would normalise. */
static int
plain(const char *s, size_t n, int w, int be)
{
	size_t i;
	unsigned c;

	for (i = 0; i + (size_t)w <= n; i += (size_t)w) {
		if (w == 1)
			c = (unsigned char)s[i];
		else if (be)
			c = (unsigned char)s[i] << 8 | (unsigned char)s[i + 1];
		else
			c = (unsigned char)s[i + 1] << 8 | (unsigned char)s[i];
		if (c == '<' || c == '&' || c == '\r' || c == ']')
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct buf doc, ref;
	struct arena a;
	enum xml_err e;
	xmlDocPtr d;
	xmlChar *t;
	const char *text, *nfc, *k1, *k2;
	int w, be, i;

	if (n < 1)
		return 0;
	i = data[0] % NENCS;
	w = encs[i].w, be = encs[i].be;
	data++, n--;
	buf_init(&doc);
	buf_init(&ref);
	if (encs[i].bom)
		buf_add(&doc, be ? "\xfe\xff" : "\xff\xfe", 2);
	if (encs[i].decl != NULL) {
		put_ascii(&doc, "<?xml version=\"1.0\" encoding=\"", w, be);
		put_ascii(&doc, encs[i].decl, w, be);
		put_ascii(&doc, "\"?>", w, be);
	}
	put_ascii(&doc, "<R>", w, be);
	buf_add(&doc, data, n);
	put_ascii(&doc, "</R>", w, be);

	d = xml_parse(doc.s, doc.len, 32, &e);
	if (e == XML_ERR_ENCODING)
		abort(); /* every one of them is known */
	if (d != NULL) {
		t = xmlNodeGetContent(xmlDocGetRootElement(d));
		text = t != NULL ? (const char *)t : "";
		if (!text_utf8_valid(text, strlen(text)))
			abort();
		if (plain((const char *)data, n, w, be) &&
		    (reference(encs[i].iconv, (const char *)data, n, &ref) !=
		            0 ||
		        strcmp(ref.s, text) != 0))
			abort();
		arena_init(&a);
		if ((nfc = text_nfc(&a, text)) == NULL ||
		    strcmp(text_nfc(&a, nfc), nfc) != 0 ||
		    (k1 = text_name_key(&a, text)) == NULL ||
		    (k2 = text_name_key(&a, nfc)) == NULL ||
		    strcmp(k1, k2) != 0)
			abort();
		arena_free(&a);
		xmlFree(t);
		xmlFreeDoc(d);
	}
	buf_free(&doc);
	buf_free(&ref);
	return 0;
}
