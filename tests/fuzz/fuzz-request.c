/*
 * libFuzzer target for the exchange gateway's request path without the
 * database: the hardened parser, the SOAP envelope, validation against the
 * real schema and the text extraction handlers use.  The first input byte
 * chooses plain XML or SOAP; the rest is the message.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xml.h"
#include "exchange.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static xmlSchemaPtr schema;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("MOTCUA_XSD_DIR");
	char path[4096];

	xml_init();
	snprintf(path, sizeof(path), "%s/exchange-v1.xsd",
	    dir != NULL ? dir : "xsd");
	if ((schema = xml_schema_load(path)) == NULL)
		abort();
	xml_lockdown();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const fields[] = { "MaYeuCau", "MucDich",
		"SoDinhDanh", "HoVaTen", "NgaySinh", "MaXa", "NgayKiemTra",
		"ConTro" };
	enum ex_fault f = EXF_NONE;
	enum xml_err e;
	xmlDocPtr doc;
	xmlNodePtr payload;
	struct arena a;
	size_t i;

	if (n < 1)
		return 0;
	doc = xml_parse((const char *)data + 1, n - 1, 32, &e);
	if (doc == NULL)
		return 0;
	payload = ex_payload(xmlDocGetRootElement(doc), data[0] & 1, &f);
	if (payload != NULL && xml_validate(schema, payload, NULL, 0) == 0) {
		arena_init(&a);
		for (i = 0; i < sizeof(fields) / sizeof(*fields); i++)
			xml_child_text(&a, payload, EX_NS, fields[i]);
		arena_free(&a);
	}
	xmlFreeDoc(doc);
	if (xml_refused_loads() != 0)
		abort(); /* something tried to load an external resource */
	return 0;
}
