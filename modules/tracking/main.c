/*
 * tracking.fcgi: dossier status, officials' queues, and the citizen's
 * record of who read their data (tra cứu).  Wiring only: the fields,
 * the route table, and the page helper.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "tracking.h"
#include "worker.h"

static const struct field fields[TK__MAX] = {
	[TK_RECEIPT] = { "receipt", VALID_RECEIPT, NULL },
	[TK_BIRTH_YEAR] = { "birth_year", VALID_YEAR, NULL },
	[TK_BIRTH_DATE] = { "birth_date", VALID_DATE, NULL },
	[TK_PAGE] = { "page", VALID_PAGE, NULL },
	[TK_FAMILY] = { "family", VALID_CHOICE, tr_families },
	[TK_EMAIL] = { "email", VALID_EMAIL, NULL },
	[TK_PHONE] = { "phone", VALID_PHONE, NULL },
	[TK_CHANNEL] = { "channel", VALID_CHOICE, tr_channels },
};

/* The second factor, one of the two, from the body of a POST; on the
 * form page the same names are taken only to refuse them there (form.c),
 * since a query string lands in every access log. */
static const struct take t_factor[] = {
	{ TK_BIRTH_YEAR, TAKE_OPTIONAL },
	{ TK_BIRTH_DATE, TAKE_OPTIONAL },
	{ 0, TAKE_END },
};

static const struct take t_page[] = {
	{ TK_PAGE, TAKE_OPTIONAL },
	{ 0, TAKE_END },
};

/* The queue: a page, and optionally one family of procedures. */
static const struct take t_queue[] = {
	{ TK_PAGE, TAKE_OPTIONAL },
	{ TK_FAMILY, TAKE_OPTIONAL },
	{ 0, TAKE_END },
};

/* The citizen's contact: empty clears a field; the channel is asked. */
static const struct take t_contact[] = {
	{ TK_EMAIL, TAKE_OPTIONAL },
	{ TK_PHONE, TAKE_OPTIONAL },
	{ TK_CHANNEL, TAKE_REQUIRED },
	{ 0, TAKE_END },
};

/* A receipt code (route.h); anything else is 404. */
#define RECEIPT ROUTE_RECEIPT

/* clang-format off */
static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/tracking/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	{ .name = "metrics", .method = "GET", .pattern = "/tracking/metrics",
	  .handler = worker_metrics, .caller = ROUTE_MONITOR },
	{ .name = "status.form", .method = "GET",
	  .pattern = "/tracking/dossiers/" RECEIPT, .takes = t_factor,
	  .args = { TK_RECEIPT }, .handler = tr_form, .caller = ROUTE_ANYONE },
	{ .name = "status", .method = "POST",
	  .pattern = "/tracking/dossiers/" RECEIPT, .takes = t_factor,
	  .args = { TK_RECEIPT }, .handler = tr_status,
	  .caller = ROUTE_ANYONE },
	{ .name = "official.queue", .method = "GET",
	  .pattern = "/tracking/official/queue", .takes = t_queue,
	  .handler = tr_queue, .caller = ROUTE_OFFICIAL },
	{ .name = "citizen.reads", .method = "GET",
	  .pattern = "/tracking/citizen/reads", .takes = t_page,
	  .handler = tr_reads, .caller = ROUTE_CITIZEN, .lag_ok = 1 },
	{ .name = "citizen.contact", .method = "GET",
	  .pattern = "/tracking/citizen/contact",
	  .handler = tr_contact_page, .caller = ROUTE_CITIZEN },
	{ .name = "citizen.contact.set", .method = "POST",
	  .pattern = "/tracking/citizen/contact", .takes = t_contact,
	  .handler = tr_contact_save, .caller = ROUTE_CITIZEN,
	  .reform = tr_contact_again },
};
/* clang-format on */

long
tr_page(const struct req *r)
{
	return REQ_S(r, TK_PAGE) != NULL ? (long)r->val[TK_PAGE].i : 1;
}

static const struct module tracking = {
	.name = "tracking",
	.pages = 1,
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = TK__MAX,
	.official_sql = TRQ_OFFICIAL,
	.sql = tr_sql,
	.nsql = TRQ__MAX - SQ__MAX,
	.shapes = tr_shapes,
};

int
main(int argc, char **argv)
{
	return worker_main(&tracking, argc, argv);
}
