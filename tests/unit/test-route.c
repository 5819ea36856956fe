/*
 * The route table check: every route declares its caller and at most
 * REQ_MAXFIELDS fields; and the caller check the request loop makes.
 */
#include "config.h"

#include <string.h>

#include "route.h"
#include "tap.h"

static enum err
h(struct req *r)
{
	(void)r;
	return ERR_OK;
}

#define F(n) \
	{ \
		n, VALID_NAME, 0 \
	}

static const struct field f_max[] = { F("a"), F("b"), F("c"), F("d"), F("e"),
	F("f"), F("g"), F("h"), F("i"), F("j"), F("k"), F("l"), F("m"), F("n"),
	F("o"), F("p"), { NULL, 0, 0 } };
static const struct field f_over[] = { F("a"), F("b"), F("c"), F("d"), F("e"),
	F("f"), F("g"), F("h"), F("i"), F("j"), F("k"), F("l"), F("m"), F("n"),
	F("o"), F("p"), F("q"), { NULL, 0, 0 } };

int
main(void)
{
	const struct route good[] = {
		{ "a", "GET", "/a", NULL, h, 0, ROUTE_ANYONE },
		{ "b", "GET", "/b", f_max, h, 0, ROUTE_CITIZEN },
		{ "c", "POST", "/c", NULL, h, 0, ROUTE_OFFICIAL },
	};
	const struct route undeclared[] = {
		{ "a", "GET", "/a", NULL, h, 0, ROUTE_ANYONE },
		{ "b", "GET", "/b", NULL, h, 0, ROUTE_UNDECLARED },
	};
	const struct route over[] = {
		{ "a", "GET", "/a", f_over, h, 0, ROUTE_ANYONE },
	};
	struct req r;
	size_t bad = 99;

	ok(sizeof(f_max) / sizeof(*f_max) == REQ_MAXFIELDS + 1,
	    "the full table has REQ_MAXFIELDS fields");
	ok(route_check(good, 3, NULL) == NULL, "a declared table passes");
	is_str(route_check(undeclared, 2, &bad), "no declared caller",
	    "a route without a declared caller is refused");
	ok(bad == 1, "and named");
	is_str(route_check(over, 1, NULL), "more fields than REQ_MAXFIELDS",
	    "a route with more than REQ_MAXFIELDS fields is refused");

	memset(&r, 0, sizeof(r));
	r.route = &good[0];
	ok(route_caller(&r) == ERR_OK, "anyone: no identity needed");
	r.route = &good[1];
	ok(route_caller(&r) == ERR_UNAUTHENTICATED, "citizen: refused without");
	r.user = "official";
	ok(route_caller(&r) == ERR_UNAUTHENTICATED,
	    "citizen: an official is not one");
	r.citizen = "001099012345";
	ok(route_caller(&r) == ERR_OK, "citizen: signed on");
	r.route = &good[2];
	r.user = NULL;
	ok(route_caller(&r) == ERR_UNAUTHENTICATED,
	    "official: a citizen is not one");
	r.user = "official";
	ok(route_caller(&r) == ERR_OK, "official: signed on");
	return tap_done();
}
