/*
 * The FastCGI process model every module shares: a parent that owns the
 * listening socket (fd 0 from spawn-fcgi, mod_fcgid or systemd, or
 * --listen) and keeps --workers N single-threaded workers alive; each
 * worker opens its own database connection after fork and runs the
 * parse -> validate -> check the declared caller -> handle -> render loop
 * over the module's routes.
 */
#ifndef MOTCUA_WORKER_H
#define MOTCUA_WORKER_H

#include <stddef.h>

#include "req.h"

struct conf;
struct sql_shape;

struct module {
	const char *name; /* option group, syslog ident */
	/* HTML pages from the templates templates_dir/common and
	 * templates_dir/NAME (page.h), loaded before the fork */
	int pages;
	const struct route *routes;
	size_t nroutes;
	/* the fields routes take and capture, indexed by the module's enum
	 * of keys (key 0 unused); nfields is that enum's end */
	const struct field *fields;
	size_t nfields;
	/* ROUTE_OFFICIAL routes: the statement that loads an active
	 * official by user name (official.h), and whether a role has a
	 * route's right (NULL: every role has every right) */
	int official_sql;
	int (*may)(const char *role, int right);
	/* ROUTE_CLIENT routes: the statement that loads a registered
	 * client by its certificate (client.h) */
	int client_sql;
	const char *const *sql; /* ids from SQ__MAX on (sql.h) */
	size_t nsql;
	/* what the fetchers read of them (sql.h); NULL: not checked */
	const struct sql_shape *shapes;
	/* Checks the module's own settings; returns 0 or -1 (logged). */
	int (*check)(const struct conf *);
	/* Builds per-process objects in each worker; 0 or -1 (fatal). */
	int (*init)(const struct conf *);
	/* Renders an error in the module's own form (XML faults); NULL for
	 * the shared JSON/XML/HTML answers. */
	void (*error)(struct req *, enum err);
	/* Renders the answer for a request that used up its CPU budget
	 * (r has only id, method, path and format); NULL: the shared 503. */
	void (*over_budget)(struct req *);
	/* Renders the answer for a request the worker ran out of memory on
	 * (r as for over_budget, no database); NULL: the shared 503. */
	void (*out_of_memory)(struct req *);
};

/* Runs the module; returns the process exit status. */
int worker_main(const struct module *, int argc, char **argv);

/* The shared GET .../health handler: database reachable, schema version. */
enum err worker_health(struct req *);

/* The shared GET .../metrics handler: the Prometheus page (metrics.c). */
enum err worker_metrics(struct req *);

#endif
