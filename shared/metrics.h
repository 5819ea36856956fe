/*
 * The module's metrics (metrics.c): counters in memory the parent maps
 * shared before it forks the workers, one slot per worker, each written
 * by its worker alone and summed when GET .../metrics is read.  A worker
 * that dies leaves its counts in its slot; its replacement carries on in
 * the same slot.  Every call is a no-op before metrics_init() (-n, the
 * tests of a single file) and none makes a system call.
 */
#ifndef MOTCUA_METRICS_H
#define MOTCUA_METRICS_H

#include <stdint.h>

struct buf;
struct module;
struct route;

/*
 * The parent's, before the first fork: slots for nworkers workers of
 * m's route table.  0, or -1 (logged): the module serves without
 * metrics, and its page answers 500.
 */
int metrics_init(const struct module *m, int nworkers);

/* A worker's, just after fork: it writes slot n from now on. */
void metrics_worker(int n);

/* The parent's: the worker of slot n died and is being replaced. */
void metrics_worker_died(int n);

/* A request was accepted; metrics_end() when its answer is written
 * (route: the matched route, or NULL; status: the HTTP status). */
void metrics_begin(void);
void metrics_end(const struct route *route, int status);

/* Nanoseconds of CLOCK_MONOTONIC (a vDSO read, no system call). */
uint64_t metrics_now(void);

/* A statement took ns and ended with rc (enum db_rc: DB_OK, or an error
 * counted by its kind). */
void metrics_db(uint64_t ns, int rc);

/* A database error outside a statement (connecting, COMMIT). */
void metrics_db_error(int rc);

/* What db.c runs again. */
enum metrics_retry {
	METRICS_RETRY_TXN_DEADLOCK, /* a transaction after a deadlock */
	METRICS_RETRY_TXN_LOST, /* a transaction after its connection died */
	METRICS_RETRY_STMT_LOST, /* a statement outside one, likewise */
	METRICS_RETRY__MAX,
};
void metrics_db_retry(enum metrics_retry);

/* Where a route that may lag (lag_ok) read from, and why. */
enum metrics_replica {
	METRICS_REPLICA_USED, /* the replica, within its bound */
	METRICS_REPLICA_LAGGING, /* the primary: the replica lagged more */
	METRICS_REPLICA_DOWN, /* the primary: no replica, or stopped */
	METRICS_REPLICA__MAX,
};
void metrics_replica(enum metrics_replica);

/*
 * A request refused for overload, by reason: "overload" (more than the
 * module takes at once), "cpu_budget" (the request used up its CPU
 * budget), "out_of_memory" (the worker ran out of memory serving it),
 * "database_unavailable" (the breaker is open: breaker.h).
 * Any other string is counted as "other", never shown.  Safe in a signal
 * handler.
 */
void metrics_refused(const char *reason);

/*
 * Who may read the page: the web server's REMOTE_ADDR is one of list,
 * addresses and prefixes (127.0.0.1 ::1 10.20.0.0/16), separated by
 * spaces or commas.  metrics_allow_check() says why a list is not valid,
 * or NULL.
 */
#define METRICS_ALLOW_DEFAULT "127.0.0.1 ::1"
int metrics_allowed(const char *addr, const char *list);
const char *metrics_allow_check(const char *list);

/* Appends the page, in the Prometheus text format 0.0.4, summed over the
 * workers' slots. */
void metrics_render(struct buf *);

#endif
