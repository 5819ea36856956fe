/*
 * The SOAP 1.1 envelope: the Body's one element is the request.  A SOAP
 * 1.2 envelope is a VersionMismatch, a header marked mustUnderstand is one
 * we cannot honour, anything else around the Body is a broken envelope.
 * Kept apart from the pipeline so the fuzz target drives it with the
 * parser and the schema, without a database.
 */
#include "config.h"

#include <string.h>

#include "xml.h"
#include "exchange.h"

xmlNodePtr
ex_payload(xmlNodePtr env, int soap, enum ex_fault *f)
{
	xmlNodePtr n, body = NULL, payload;

	if (!soap)
		return env;

	if (xml_is(env, EX_SOAP12_NS, "Envelope")) {
		*f = EXF_SOAP_VERSION;
		return NULL;
	}
	if (!xml_is(env, EX_SOAP11_NS, "Envelope")) {
		*f = env != NULL &&
		        strcmp((const char *)env->name, "Envelope") == 0
		    ? EXF_SOAP_VERSION
		    : EXF_SOAP_ENVELOPE;
		return NULL;
	}
	for (n = xml_first_elem(env); n != NULL; n = xml_next_elem(n)) {
		if (xml_is(n, EX_SOAP11_NS, "Header") && body == NULL) {
			xmlNodePtr h;

			for (h = xml_first_elem(n); h != NULL;
			     h = xml_next_elem(h)) {
				xmlChar *mu =
				    xmlGetNsProp(h, BAD_CAST "mustUnderstand",
				        BAD_CAST EX_SOAP11_NS);
				int must = mu != NULL &&
				    (strcmp((char *)mu, "1") == 0 ||
				        strcmp((char *)mu, "true") == 0);

				xmlFree(mu);
				if (must) {
					*f = EXF_SOAP_MUST_UNDERSTAND;
					return NULL;
				}
			}
		} else if (xml_is(n, EX_SOAP11_NS, "Body") && body == NULL)
			body = n;
		else {
			*f = EXF_SOAP_ENVELOPE;
			return NULL;
		}
	}
	payload = xml_first_elem(body);
	if (body == NULL || payload == NULL || xml_next_elem(payload) != NULL) {
		*f = EXF_SOAP_ENVELOPE;
		return NULL;
	}
	return payload;
}
