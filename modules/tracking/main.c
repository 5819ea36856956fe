/*
 * tracking.fcgi: dossier status, officials' queues, and the citizen's
 * record of who read their data (tra cứu).  Wiring only.
 */
#include "config.h"

#include "worker.h"
#include "tracking.h"

static const struct route routes[] = {
	{ "health", "GET", "/tracking/health", NULL, worker_health, 0 },
};

static const struct module tracking = {
	.name = "tracking",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.sql = tr_sql,
	.nsql = TRQ__MAX - SQ__MAX,
};

int
main(int argc, char **argv)
{
	return worker_main(&tracking, argc, argv);
}
