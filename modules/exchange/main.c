/*
 * exchange.fcgi: the gateway ministry systems post XML to (liên thông).
 * Wiring only: the route table and the module's hooks.
 */
#include "config.h"

#include "worker.h"
#include "exchange.h"

static const struct field fields[EK__MAX] = {
	[EK_XSD] = { "xsd", VALID_FILE, NULL },
};

/* clang-format off */
static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/exchange/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	{ .name = "soap", .method = "POST", .pattern = "/exchange/v1/soap",
	  .handler = ex_post_soap, .raw = 1, .caller = ROUTE_ANYONE },
	{ .name = "xml", .method = "POST", .pattern = "/exchange/v1/xml",
	  .handler = ex_post_xml, .raw = 1, .caller = ROUTE_ANYONE },
	{ .name = "wsdl", .method = "GET",
	  .pattern = "/exchange/v1/(?:soap|wsdl)", .handler = ex_get_wsdl,
	  .caller = ROUTE_ANYONE },
	{ .name = "xsd", .method = "GET",
	  .pattern = "/exchange/v1/xsd/([a-z0-9-]{1,40}\\.xsd)",
	  .args = { EK_XSD }, .handler = ex_get_xsd, .caller = ROUTE_ANYONE },
};
/* clang-format on */

static const struct module exchange = {
	.name = "exchange",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = EK__MAX,
	.sql = ex_sql,
	.nsql = EXQ__MAX - SQ__MAX,
	.check = ex_check,
	.init = ex_init,
	.error = ex_error,
	.admit = ex_admit,
	.over_budget = ex_over_budget,
};

int
main(int argc, char **argv)
{
	return worker_main(&exchange, argc, argv);
}
