/*
 * The route contract: the table checks (declared caller, fields and
 * captures the table has, rights only for officials, choices with their
 * values, no more keys than a request holds); matching, with captures
 * validated as declared fields; typed field values; and the caller check
 * the request loop makes.
 */
#include "config.h"

#include <sys/wait.h>

#include <string.h>
#include <unistd.h>

#include "form.h"
#include "route.h"
#include "tap.h"

static enum err
h(struct req *r)
{
	(void)r;
	return ERR_OK;
}

enum { K_NONE, K_NAME, K_DAY, K_PAGE, K_COLOUR, K_PID, K_RECEIPT, K__MAX };

static const char *const colours[] = { "red", "green", "blue", NULL };
static const char *const bad_colours[] = { "Red", NULL };

static const struct field keys[K__MAX] = {
	[K_NAME] = { "name", VALID_NAME, NULL },
	[K_DAY] = { "day", VALID_DATE, NULL },
	[K_PAGE] = { "page", VALID_PAGE, NULL },
	[K_COLOUR] = { "colour", VALID_CHOICE, colours },
	[K_PID] = { "pid", VALID_PID, NULL },
	[K_RECEIPT] = { "receipt", VALID_RECEIPT, NULL },
};

static const struct take t_all[] = {
	{ K_NAME, TAKE_REQUIRED },
	{ K_DAY, TAKE_OPTIONAL },
	{ K_PAGE, TAKE_OPTIONAL },
	{ K_COLOUR, TAKE_OPTIONAL },
	{ K_PID, TAKE_REFUSED },
	{ 0, TAKE_END },
};
static const struct take t_unknown[] = { { K__MAX, TAKE_OPTIONAL },
	{ 0, TAKE_END } };

/* clang-format off */
static const struct route good[] = {
	{ .name = "a", .method = "GET", .pattern = "/a", .handler = h,
	  .caller = ROUTE_ANYONE },
	{ .name = "b", .method = "POST", .pattern = "/b", .takes = t_all,
	  .handler = h, .caller = ROUTE_CITIZEN },
	{ .name = "c", .method = "POST",
	  .pattern = "/c/([A-Za-z0-9.]{1,20}-[0-9]{6}-[0-9]{4,6})",
	  .args = { K_RECEIPT }, .handler = h, .caller = ROUTE_OFFICIAL,
	  .right = 1, .act = "c" },
	{ .name = "d", .method = "GET", .pattern = "/d/([a-z]{1,9})",
	  .args = { K_COLOUR }, .handler = h, .caller = ROUTE_ANYONE },
};
static const struct route monitor = { .name = "m", .method = "GET",
	.pattern = "/m", .handler = h, .caller = ROUTE_MONITOR };
static const struct route undeclared[] = {
	{ .name = "a", .method = "GET", .pattern = "/a", .handler = h,
	  .caller = ROUTE_ANYONE },
	{ .name = "b", .method = "GET", .pattern = "/b", .handler = h },
};
static const struct route unknown_field[] = {
	{ .name = "a", .method = "GET", .pattern = "/a", .takes = t_unknown,
	  .handler = h, .caller = ROUTE_ANYONE },
};
static const struct route unknown_capture[] = {
	{ .name = "a", .method = "GET", .pattern = "/a/(x)",
	  .args = { 0 + K__MAX }, .handler = h, .caller = ROUTE_ANYONE },
};
static const struct route right_for_citizen[] = {
	{ .name = "a", .method = "GET", .pattern = "/a", .handler = h,
	  .caller = ROUTE_CITIZEN, .right = 1 },
};
static const struct route lagging_post[] = {
	{ .name = "a", .method = "POST", .pattern = "/a", .handler = h,
	  .caller = ROUTE_ANYONE, .lag_ok = 1 },
};
static const struct route undeclared_capture[] = {
	{ .name = "a", .method = "GET", .pattern = "/a/([a-z]+)/([a-z]+)",
	  .args = { K_COLOUR }, .handler = h, .caller = ROUTE_ANYONE },
};
/* clang-format on */

/* Whether route_init() refuses the table (it is fatal: in a child). */
static int
init_refuses(const struct route *rt, size_t n)
{
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(2);
		route_init(rt, n, keys, K__MAX);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

static void
start(struct req *r, const char *method, const char *path)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
	r->method = method;
	r->path = path;
}

static enum err
fields(struct req *r, const char *body)
{
	struct form_limits lim = { FORM_MAXKV, 1024 };
	struct form f;

	memset(&f, 0, sizeof(f));
	if (form_parse(&r->arena, body, strlen(body), &lim, &f) != ERR_OK)
		return ERR_BAD_REQUEST;
	return route_fields(r, &f);
}

int
main(void)
{
	struct field choice_without[K__MAX], wrong_values[K__MAX];
	struct req r;
	size_t bad = 99;
	enum err e;

	valid_init();
	memcpy(choice_without, keys, sizeof(keys));
	choice_without[K_COLOUR].choices = NULL;
	memcpy(wrong_values, keys, sizeof(keys));
	wrong_values[K_COLOUR].choices = bad_colours;

	/* the table checks */
	ok(route_check(good, 4, keys, K__MAX, NULL) == NULL,
	    "a declared table passes");
	is_str(route_check(undeclared, 2, keys, K__MAX, &bad),
	    "no declared caller", "a route without a declared caller");
	ok(bad == 1, "is refused and named");
	is_str(route_check(good, 4, keys, REQ_MAXKEYS + 1, NULL),
	    "more fields than a request holds (REQ_MAXKEYS)",
	    "a table with more keys than a request holds is refused");
	is_str(route_check(unknown_field, 1, keys, K__MAX, NULL),
	    "a field that is not in the table",
	    "a route taking a field the table lacks is refused");
	is_str(route_check(unknown_capture, 1, keys, K__MAX, NULL),
	    "a capture that is not in the table",
	    "a capture the table lacks is refused");
	is_str(route_check(right_for_citizen, 1, keys, K__MAX, NULL),
	    "a right on a route for no official",
	    "a right on a citizen's route is refused");
	is_str(route_check(lagging_post, 1, keys, K__MAX, NULL),
	    "a route that may read from a replica is a GET",
	    "a POST route may not read from a replica");
	is_str(route_check(good, 4, choice_without, K__MAX, NULL),
	    "a choice without its values, or values on no choice",
	    "a choice without its values is refused");
	is_str(route_check(good, 4, wrong_values, K__MAX, NULL),
	    "a choice value that VALID_CHOICE refuses",
	    "a choice whose values its validator refuses is refused");
	ok(init_refuses(undeclared_capture, 1),
	    "route_init refuses a pattern with an undeclared capture");
	ok(!init_refuses(good, 4), "and accepts the good table");

	route_init(good, 4, keys, K__MAX);

	/* matching, and captures validated as their fields */
	start(&r, "POST", "/c/AB.1-261201-0001");
	ok(route_find(&r, good, 4) == ERR_OK && r.route == &good[2],
	    "a path with a capture is found");
	ok(route_args(&r) == ERR_OK, "a valid capture passes");
	is_str(r.val[K_RECEIPT].s, "AB.1-261201-0001", "into its key");
	arena_free(&r.arena);
	start(&r, "GET", "/c/AB.1-261201-0001");
	ok(route_find(&r, good, 4) == ERR_METHOD, "the wrong method: 405");
	is_str(r.allow, "POST", "with Allow");
	arena_free(&r.arena);
	start(&r, "GET", "/d/green");
	ok(route_find(&r, good, 4) == ERR_OK && route_args(&r) == ERR_OK,
	    "a choice capture passes");
	ok(r.val[K_COLOUR].i == 1, "with its index");
	arena_free(&r.arena);
	start(&r, "GET", "/d/purple");
	ok(route_find(&r, good, 4) == ERR_OK, "a capture the pattern allows");
	ok(route_args(&r) == ERR_NOT_FOUND, "but not its field: 404");
	arena_free(&r.arena);
	start(&r, "GET", "/nowhere");
	ok(route_find(&r, good, 4) == ERR_NOT_FOUND, "an unknown path: 404");
	arena_free(&r.arena);

	/* typed fields */
	start(&r, "POST", "/b");
	r.route = &good[1];
	e = fields(&r,
	    "name=Nguy%E1%BB%85n+An&day=1970-01-02&page=7&"
	    "colour=blue&other=x");
	ok(e == ERR_OK, "valid fields pass; unknown ones are ignored");
	is_str(r.val[K_NAME].s, "Nguyễn An", "a name, decoded");
	ok(r.val[K_DAY].i == 1, "a date as days since 1970-01-01");
	ok(r.val[K_PAGE].i == 7, "a page as a number");
	ok(r.val[K_COLOUR].i == 2, "a choice as its index");
	arena_free(&r.arena);
	start(&r, "POST", "/b");
	r.route = &good[1];
	ok(fields(&r, "day=2026-12-01") == ERR_MISSING_FIELD,
	    "a required field missing");
	ok(r.nbad == 1 && strcmp(r.bad[0].name, "name") == 0 &&
	        strcmp(r.bad[0].reason, "required") == 0,
	    "is named, with reason required");
	arena_free(&r.arena);
	start(&r, "POST", "/b");
	r.route = &good[1];
	ok(fields(&r, "name=An&colour=purple") == ERR_INVALID_FIELD,
	    "a value not among the choices");
	is_str(r.bad[0].reason, "unknown_choice", "is unknown_choice");
	ok(r.val[K_COLOUR].s == NULL, "and gives no value");
	arena_free(&r.arena);
	start(&r, "POST", "/b");
	r.route = &good[1];
	ok(fields(&r, "name=An&pid=001099012345") == ERR_INVALID_FIELD,
	    "a refused field sent");
	is_str(r.bad[0].reason, "not_allowed", "is not_allowed");
	arena_free(&r.arena);
	start(&r, "POST", "/b");
	r.route = &good[1];
	ok(fields(&r, "name=An&page=100001") == ERR_INVALID_FIELD,
	    "a page past the last");
	is_str(r.bad[0].reason, "page_range", "is page_range");
	arena_free(&r.arena);

	/* the caller */
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
	/* the monitoring system: by the web server's REMOTE_ADDR alone */
	memset(&r, 0, sizeof(r));
	r.route = &monitor;
	ok(route_caller(&r) == ERR_FORBIDDEN,
	    "monitor: refused without an address");
	r.remote_addr = "127.0.0.1";
	ok(route_caller(&r) == ERR_OK, "monitor: loopback by default");
	r.remote_addr = "::1";
	ok(route_caller(&r) == ERR_OK, "monitor: ::1 by default");
	r.remote_addr = "10.20.0.1";
	ok(route_caller(&r) == ERR_FORBIDDEN, "monitor: another address, 403");
	r.citizen = "001099012345";
	r.user = "official";
	ok(route_caller(&r) == ERR_FORBIDDEN,
	    "monitor: an identity does not stand for the address");
	return tap_done();
}
