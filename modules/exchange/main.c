/*
 * exchange.fcgi: the gateway ministry systems post XML to (liên thông).
 * Wiring only: the route table and the module's hooks.
 */
#include "config.h"

#include "worker.h"
#include "exchange.h"

static const struct route routes[] = {
	{ "health", "GET", "/exchange/health", NULL, worker_health, 0,
	    ROUTE_ANYONE },
	{ "soap", "POST", "/exchange/v1/soap", NULL, ex_post_soap, 1,
	    ROUTE_ANYONE },
	{ "xml", "POST", "/exchange/v1/xml", NULL, ex_post_xml, 1,
	    ROUTE_ANYONE },
	{ "wsdl", "GET", "/exchange/v1/(?:soap|wsdl)", NULL, ex_get_wsdl, 0,
	    ROUTE_ANYONE },
	{ "xsd", "GET", "/exchange/v1/xsd/([a-z0-9-]{1,40}\\.xsd)", NULL,
	    ex_get_xsd, 0, ROUTE_ANYONE },
};

static const struct module exchange = {
	.name = "exchange",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.sql = ex_sql,
	.nsql = EXQ__MAX - SQ__MAX,
	.check = ex_check,
	.init = ex_init,
	.error = ex_error,
	.admit = ex_admit,
	.over_budget = ex_over_budget,
	.out_of_memory = ex_out_of_memory,
};

int
main(int argc, char **argv)
{
	return worker_main(&exchange, argc, argv);
}
