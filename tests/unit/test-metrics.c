/*
 * The metrics page: counts summed over the workers' slots, status
 * classes, cumulative buckets whose +Inf is the count, database errors by
 * kind, refusals by a fixed set of reasons (any other string never
 * shown), a replaced worker's counts kept; and who may read it.  One
 * process plays every worker in turn: the slots are the same memory.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "metrics.h"
#include "worker.h"
#include "tap.h"

static enum err
h(struct req *r)
{
	return ERR_OK;
}

static const struct route routes[] = {
	{ .name = "health",
	    .method = "GET",
	    .pattern = "/m/health",
	    .handler = h,
	    .caller = ROUTE_ANYONE },
	{ .name = "odd\"name\\",
	    .method = "GET",
	    .pattern = "/m/x",
	    .handler = h,
	    .caller = ROUTE_ANYONE },
};

static const struct module mod = {
	.name = "m",
	.routes = routes,
	.nroutes = 2,
};

static struct buf page;

static void
render(void)
{
	buf_reset(&page);
	metrics_render(&page);
	buf_putc(&page, '\0');
}

/* The value of the series whose name and labels are exactly series, or
 * -1 when the page has no such line. */
static double
value(const char *series)
{
	const char *p = page.s;
	size_t n = strlen(series);

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, series, n) == 0 && p[n] == ' ')
			return strtod(p + n + 1, NULL);
	return -1;
}

static int
is_num(double got, double want, const char *what)
{
	if (!ok(got == want, "%s", what))
		printf("# got  %g\n# want %g\n", got, want);
	return got == want;
}

/* Every bucket line of the histogram name{labels,le=...}, in order, is
 * at least the one before; the +Inf one is the count. */
static int
cumulative(const char *name, const char *labels)
{
	char pre[256], cnt[256];
	const char *p;
	double last = 0, v = 0;
	size_t n;

	snprintf(pre, sizeof(pre), "%s_bucket{%s%sle=\"", name, labels,
	    *labels != '\0' ? "," : "");
	n = strlen(pre);
	for (p = page.s; p != NULL && *p != '\0';
	     p = strchr(p, '\n'), p = p ? p + 1 : p) {
		const char *sp;

		if (strncmp(p, pre, n) != 0)
			continue;
		sp = strchr(p, ' ');
		v = strtod(sp + 1, NULL);
		if (v < last)
			return 0;
		last = v;
	}
	snprintf(cnt, sizeof(cnt), "%s_count%s%s%s", name,
	    *labels != '\0' ? "{" : "", labels, *labels != '\0' ? "}" : "");
	return v == value(cnt);
}

int
main(void)
{
	buf_init(&page);

	/* before metrics_init, and before a worker has its slot: nothing */
	metrics_begin();
	metrics_end(&routes[0], 200);
	metrics_refused("overload");
	render();
	ok(page.len == 1, "no page before metrics_init");
	ok(metrics_init(&mod, 3) == 0, "metrics_init for 3 workers");
	metrics_end(&routes[0], 200);
	render();
	is_num(value("motcua_requests_total{route=\"health\",code=\"2xx\"}"), 0,
	    "the parent's own calls count nothing");

	/* worker 0: two answers of health, a 404 of no route */
	metrics_worker(0);
	metrics_begin();
	metrics_end(&routes[0], 200);
	metrics_begin();
	metrics_end(&routes[0], 303);
	metrics_begin();
	metrics_end(NULL, 404);
	/* worker 2: health again, and a 503 */
	metrics_worker(2);
	metrics_begin();
	metrics_end(&routes[0], 201);
	metrics_begin();
	metrics_end(&routes[1], 503);
	metrics_begin(); /* in hand */
	render();
	is_num(value("motcua_requests_total{route=\"health\",code=\"2xx\"}"), 2,
	    "health 2xx: summed over workers 0 and 2");
	is_num(value("motcua_requests_total{route=\"health\",code=\"3xx\"}"), 1,
	    "health 3xx");
	is_num(value("motcua_requests_total{route=\"health\",code=\"5xx\"}"), 0,
	    "health 5xx: none, shown as 0");
	is_num(value("motcua_requests_total{route=\"unmatched\",code=\"4xx\"}"),
	    1, "no route: the unmatched series");
	is_num(value("motcua_requests_total{route=\"odd\\\"name\\\\\","
	             "code=\"5xx\"}"),
	    1, "a route name is escaped as a label value");
	is_num(value("motcua_request_duration_seconds_count{route=\"health\"}"),
	    3, "health's histogram counts its 3 answers");
	ok(cumulative("motcua_request_duration_seconds", "route=\"health\""),
	    "health's buckets are cumulative, +Inf is the count");
	is_num(value("motcua_worker_requests_total{worker=\"0\"}"), 3,
	    "worker 0 answered 3");
	is_num(value("motcua_worker_requests_total{worker=\"1\"}"), 0,
	    "worker 1 none");
	is_num(value("motcua_worker_requests_total{worker=\"2\"}"), 2,
	    "worker 2 answered 2");
	is_num(value("motcua_workers"), 3, "3 workers");
	is_num(value("motcua_workers_busy"), 1, "one busy (worker 2)");
	is_num(value("motcua_requests_in_flight"), 1, "one request in hand");

	/* worker 2 dies with its request in hand; its successor */
	metrics_worker_died(2);
	metrics_worker(2);
	render();
	is_num(value("motcua_worker_restarts_total"), 1, "a restart counted");
	is_num(value("motcua_workers_busy"), 0, "the dead worker is not busy");
	is_num(value("motcua_worker_requests_total{worker=\"2\"}"), 2,
	    "its counts are kept");
	metrics_begin();
	metrics_end(&routes[0], 200);
	render();
	is_num(value("motcua_requests_total{route=\"health\",code=\"2xx\"}"), 3,
	    "and its successor adds to them");

	/* the database */
	metrics_db(300000, DB_OK);
	metrics_db(2000000000ULL, DB_DEADLOCK);
	metrics_db(1000, DB_DUP);
	metrics_db_error(DB_GONE);
	metrics_db_error(DB_LOCKWAIT);
	metrics_db_error(DB_ERR);
	metrics_db_error(DB_OK);
	metrics_db_error(DB_FULL);
	metrics_db_error(DB_AGAIN); /* not an error the server gave: other */
	metrics_db_retry(METRICS_RETRY_TXN_DEADLOCK);
	metrics_db_retry(METRICS_RETRY_STMT_LOST);
	render();
	is_num(value("motcua_db_statement_duration_seconds_count"), 3,
	    "3 statements timed");
	is_num(
	    value(
	        "motcua_db_statement_duration_seconds_bucket{le=\"0.00025\"}"),
	    1, "300 us is above 0.25 ms");
	is_num(
	    value("motcua_db_statement_duration_seconds_bucket{le=\"0.0005\"}"),
	    2, "and within 0.5 ms");
	is_num(value("motcua_db_statement_duration_seconds_sum"), 2.000301,
	    "the sum in seconds");
	ok(cumulative("motcua_db_statement_duration_seconds", ""),
	    "the statements' buckets are cumulative, +Inf is the count");
	is_num(value("motcua_db_errors_total{kind=\"deadlock\"}"), 1,
	    "a deadlock");
	is_num(value("motcua_db_errors_total{kind=\"duplicate_key\"}"), 1,
	    "a duplicate key");
	is_num(value("motcua_db_errors_total{kind=\"connection_lost\"}"), 1,
	    "a lost connection");
	is_num(value("motcua_db_errors_total{kind=\"lock_wait_timeout\"}"), 1,
	    "a lock wait timeout");
	is_num(value("motcua_db_errors_total{kind=\"other\"}"), 2,
	    "another error, and DB_AGAIN; DB_OK is none");
	is_num(value("motcua_db_errors_total{kind=\"storage_full\"}"), 1,
	    "the database full");
	is_num(value("motcua_db_retries_total{scope=\"transaction\","
	             "reason=\"deadlock\"}"),
	    1, "a transaction retried after a deadlock");
	is_num(value("motcua_db_retries_total{scope=\"statement\","
	             "reason=\"connection_lost\"}"),
	    1, "a statement retried on a new connection");

	/* refusals: a fixed set of reasons */
	metrics_refused("cpu_budget");
	metrics_refused("overload");
	metrics_refused("overload");
	metrics_refused("001099012345");
	metrics_refused(NULL);
	render();
	is_num(value("motcua_refused_total{reason=\"overload\"}"), 2,
	    "refused: overload");
	is_num(value("motcua_refused_total{reason=\"cpu_budget\"}"), 1,
	    "refused: cpu_budget");
	is_num(value("motcua_refused_total{reason=\"out_of_memory\"}"), 0,
	    "refused: out_of_memory, none");
	is_num(value("motcua_refused_total{reason=\"other\"}"), 2,
	    "an unknown reason counts as other");
	ok(strstr(page.s, "001099012345") == NULL,
	    "and is nowhere on the page");
	ok(strstr(page.s, "# TYPE motcua_requests_total counter\n") != NULL &&
	        strstr(page.s,
	            "# TYPE motcua_request_duration_seconds histogram\n") !=
	            NULL,
	    "HELP and TYPE lines");
	ok(page.len > 1 && page.s[page.len - 2] == '\n',
	    "the page ends with a newline");

	/* who may read it */
	ok(metrics_allowed("127.0.0.1", METRICS_ALLOW_DEFAULT), "127.0.0.1");
	ok(metrics_allowed("::1", METRICS_ALLOW_DEFAULT), "::1");
	ok(metrics_allowed("::ffff:127.0.0.1", METRICS_ALLOW_DEFAULT),
	    "127.0.0.1 mapped to IPv6");
	ok(!metrics_allowed("127.0.0.2", METRICS_ALLOW_DEFAULT),
	    "not 127.0.0.2 by default");
	ok(!metrics_allowed("10.1.2.3", METRICS_ALLOW_DEFAULT),
	    "not another address");
	ok(!metrics_allowed(NULL, METRICS_ALLOW_DEFAULT), "not without one");
	ok(!metrics_allowed("localhost", METRICS_ALLOW_DEFAULT), "not a name");
	ok(metrics_allowed("10.20.3.4", "127.0.0.1, 10.20.0.0/16"),
	    "in a prefix");
	ok(!metrics_allowed("10.21.0.1", "127.0.0.1, 10.20.0.0/16"),
	    "outside it");
	ok(metrics_allowed("10.20.3.4", "10.20.3.0/23"), "an odd prefix");
	ok(!metrics_allowed("10.20.5.4", "10.20.3.0/23"), "outside it");
	ok(metrics_allowed("fd00::5", "fd00::/8"), "an IPv6 prefix");
	ok(metrics_allowed("1.2.3.4", "0.0.0.0/0"), "everyone, if told");
	ok(!metrics_allowed("::1", "0.0.0.0/0"),
	    "IPv4's everyone is not IPv6's");
	ok(metrics_allow_check(METRICS_ALLOW_DEFAULT) == NULL,
	    "the default list is valid");
	ok(metrics_allow_check("10.0.0.0/8 fd00::/8") == NULL,
	    "prefixes are valid");
	ok(metrics_allow_check("10.0.0.0/33") != NULL, "a /33 is not");
	ok(metrics_allow_check("10.0.0.0/") != NULL, "nor an empty length");
	ok(metrics_allow_check("monitor.example") != NULL, "nor a name");
	ok(metrics_allow_check(" , ") != NULL, "nor an empty list");
	buf_free(&page);
	return tap_done();
}
