/*
 * civil.fcgi: the civil-status family (hộ tịch).  Wiring only: the
 * module's fields, its route table and its settings check.
 */
#include "config.h"

#include "civil.h"
#include "receipt.h"
#include "route.h"
#include "worker.h"

/* clang-format off */
static const struct field fields[CK__MAX] = {
	[CK_NONE] =		{ NULL, 0, NULL },
	/* papers */
	[CK_IDEM] =		{ "idempotency_key", VALID_IDEMKEY, NULL },
	[CK_PURPOSE] =		{ "purpose", VALID_CHOICE, cv_purposes },
	[CK_PURPOSE_TEXT] =	{ "purpose_text", VALID_PURPOSE, NULL },
	[CK_VCODE] =		{ "code", VALID_VCODE, NULL },
	[CK_PID] =		{ "pid", VALID_PID, NULL },
	[CK_KIND] =		{ "kind", VALID_CHOICE, cv_record_kinds },
	[CK_READ_PURPOSE] =	{ "purpose", VALID_PURPOSE, NULL },
};

#define REQ(k) { (k), TAKE_REQUIRED }
#define OPT(k) { (k), TAKE_OPTIONAL }
#define END { 0, TAKE_END }

/* papers */
static const struct take
	t_confirm[] = { REQ(CK_IDEM), REQ(CK_PURPOSE), OPT(CK_PURPOSE_TEXT),
	    END },
	t_extract[] = { REQ(CK_IDEM), REQ(CK_KIND), OPT(CK_PID), END },
	t_extract_official[] = { REQ(CK_IDEM), REQ(CK_PID), REQ(CK_KIND),
	    REQ(CK_READ_PURPOSE), END };

static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/civil/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	/* papers: issued at once, verified by anyone holding the code */
	{ .name = "confirm.issue", .method = "POST",
	  .pattern = "/civil/citizen/confirmations", .takes = t_confirm,
	  .handler = cv_confirm_issue, .caller = ROUTE_CITIZEN },
	{ .name = "confirm.verify", .method = "GET",
	  .pattern = "/civil/confirmations/([^/]{1,64})",
	  .args = { CK_VCODE }, .handler = cv_confirm_verify,
	  .caller = ROUTE_ANYONE },
	{ .name = "extract.issue", .method = "POST",
	  .pattern = "/civil/citizen/extracts", .takes = t_extract,
	  .handler = cv_extract_citizen, .caller = ROUTE_CITIZEN },
	{ .name = "official.extract", .method = "POST",
	  .pattern = "/civil/official/extracts", .takes = t_extract_official,
	  .handler = cv_extract_official, .caller = ROUTE_OFFICIAL },
	{ .name = "extract.verify", .method = "GET",
	  .pattern = "/civil/extracts/([^/]{1,64})",
	  .args = { CK_VCODE }, .handler = cv_extract_verify,
	  .caller = ROUTE_ANYONE },
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
