/*
 * tracking.fcgi: dossier status, officials' queues, and the citizen's
 * record of who read their data (tra cứu).  Wiring only: the field
 * tables, the route table, and the page helper the list handlers use.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "tracking.h"
#include "worker.h"

/* The second factor, one of the two, from the body of a POST. */
static const struct field f_status[] = {
	{ "birth_year", VALID_YEAR, 0 },
	{ "birth_date", VALID_DATE, 0 },
	{ NULL, 0, 0 },
};

/* The same names on the form page: declared only to refuse them there
 * (form.c), since a query string lands in every access log. */
static const struct field f_form[] = {
	{ "birth_year", VALID_YEAR, 0 },
	{ "birth_date", VALID_DATE, 0 },
	{ NULL, 0, 0 },
};

static const struct field f_page[] = {
	{ "page", VALID_PAGE, 0 },
	{ NULL, 0, 0 },
};

/* A receipt code (route.h); anything else is 404. */
#define RECEIPT ROUTE_RECEIPT

static const struct route routes[] = {
	{ "health", "GET", "/tracking/health", NULL, worker_health, 0,
	    ROUTE_ANYONE },
	{ "status.form", "GET", "/tracking/dossiers/" RECEIPT, f_form, tr_form,
	    0, ROUTE_ANYONE },
	{ "status", "POST", "/tracking/dossiers/" RECEIPT, f_status, tr_status,
	    0, ROUTE_ANYONE },
	{ "official.queue", "GET", "/tracking/official/queue", f_page, tr_queue,
	    0, ROUTE_OFFICIAL },
	{ "citizen.reads", "GET", "/tracking/citizen/reads", f_page, tr_reads,
	    0, ROUTE_CITIZEN },
};

enum err
tr_page(struct req *r, long *page)
{
	const char *v = req_field(r, "page");
	size_t n;

	*page = 1;
	if (v == NULL)
		return ERR_OK;
	n = strlen(v);
	if (n > 0 && n <= 6 && strspn(v, "0123456789") == n && v[0] != '0') {
		*page = strtol(v, NULL, 10);
		if (*page <= TR_PAGE_MAX)
			return ERR_OK;
	}
	r->bad[0].name = "page";
	r->bad[0].reason = "page_range";
	r->nbad = 1;
	return ERR_INVALID_FIELD;
}

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
