/*
 * exchange.fcgi: the gateway ministry systems post XML to (liên thông).
 * Wiring only: the module's settings (checked once, read again by each
 * worker into the pipeline and the served files), the route table and the
 * module's hooks.
 */
#include "config.h"

#include <string.h>

#include <libxml/encoding.h>

#include "conf.h"
#include "log.h"
#include "worker.h"
#include "xml.h"
#include "exchange.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/share/motcua"
#endif

static const struct field fields[EK__MAX] = {
	[EK_XSD] = { "xsd", VALID_FILE, NULL },
};

/* clang-format off */
static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/exchange/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	{ .name = "metrics", .method = "GET", .pattern = "/exchange/metrics",
	  .handler = worker_metrics, .caller = ROUTE_MONITOR },
	{ .name = "soap", .method = "POST", .pattern = "/exchange/v1/soap",
	  .handler = ex_post_soap, .raw = 1, .caller = ROUTE_CLIENT },
	{ .name = "xml", .method = "POST", .pattern = "/exchange/v1/xml",
	  .handler = ex_post_xml, .raw = 1, .caller = ROUTE_CLIENT },
	{ .name = "wsdl", .method = "GET",
	  .pattern = "/exchange/v1/(?:soap|wsdl)", .handler = ex_get_wsdl,
	  .caller = ROUTE_ANYONE },
	{ .name = "xsd", .method = "GET",
	  .pattern = "/exchange/v1/xsd/([a-z0-9-]{1,40}\\.xsd)",
	  .args = { EK_XSD }, .handler = ex_get_xsd, .caller = ROUTE_ANYONE },
};
/* clang-format on */

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

static int
check(const struct conf *cf)
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

static int
init(const struct conf *cf)
{
	const char *dir = conf_get(cf, "xsd_dir", PKGDATADIR "/xsd");
	const char *url = conf_get(cf, "endpoint_url", "");
	struct xml_limits l = XML_LIMITS_DEFAULT;
	long days;

	if (read_limits(cf, &l) < 0)
		return -1;
	if ((days = conf_int(cf, "message_retention_days", 30, 1, 3650)) < 0)
		return -1;
	xml_init();
	/* "TCVN3" is what Vietnamese systems call TCVN 5712:1993; glibc's
	 * iconv knows it as TCVN5712-1 */
	xmlAddEncodingAlias("TCVN5712-1", "TCVN3");
	if (ex_wire_init(&l, days, dir) < 0 || ex_wsdl_load(dir, url) < 0)
		return -1;
	/* everything trusted is loaded: from now on nothing external is */
	xml_lockdown();
	return 0;
}

static const struct module exchange = {
	.name = "exchange",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = EK__MAX,
	.client_sql = EXQ_CLIENT,
	.sql = ex_sql,
	.nsql = EXQ__MAX - SQ__MAX,
	.shapes = ex_shapes,
	.check = check,
	.init = init,
	.error = ex_error,
	.over_budget = ex_over_budget,
	.out_of_memory = ex_out_of_memory,
};

int
main(int argc, char **argv)
{
	return worker_main(&exchange, argc, argv);
}
