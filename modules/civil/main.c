/*
 * civil.fcgi: the civil-status family (hộ tịch).  Wiring only: the
 * module's fields, its route table and its settings check; the health
 * check is all it serves so far.
 */
#include "config.h"

#include "civil.h"
#include "receipt.h"
#include "route.h"
#include "worker.h"

static const struct field fields[CK__MAX] = {
	[CK_NONE] = { NULL, 0, NULL },
	/* marriage registration */
	[CK_RECEIPT] = { "receipt", VALID_RECEIPT, NULL },
};

/* clang-format off */
static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/civil/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	/* marriage registration: the second party's consent */
	{ .name = "marriage_consent", .method = "POST",
	  .pattern = "/civil/citizen/dossiers/" ROUTE_RECEIPT "/consent",
	  .args = { CK_RECEIPT }, .handler = cv_marriage_consent,
	  .caller = ROUTE_CITIZEN },
};
/* clang-format on */

/* The receiving agency's code goes into the receipt codes the module
 * will issue, as in the residence module. */
static int
check(const struct conf *c)
{
	return receipt_agency_check(c, "civil");
}

static const struct module civil = {
	.name = "civil",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = CK__MAX,
	.official_sql = CV_OFFICIAL,
	.sql = cv_sql,
	.nsql = CV__MAX - SQ__MAX,
	.shapes = cv_shapes,
	.check = check,
};

int
main(int argc, char **argv)
{
	return worker_main(&civil, argc, argv);
}
