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

struct module {
	const char *name; /* option group, syslog ident */
	const struct route *routes;
	size_t nroutes;
	const char *const *sql; /* ids from SQ__MAX on (sql.h) */
	size_t nsql;
	/* Checks the module's own settings; returns 0 or -1 (logged). */
	int (*check)(const struct conf *);
	/* Builds per-process objects in each worker; 0 or -1 (fatal). */
	int (*init)(const struct conf *);
	/* Renders an error in the module's own form (XML faults); NULL for
	 * the shared JSON/XML/HTML answers. */
	void (*error)(struct req *, enum err);
	/* Refuses a request before its body is read, on what the web server
	 * established (r->method, r->path, r->tls_verify, r->tls_dn); returns
	 * ERR_OK to go on.  NULL: every request goes on. */
	enum err (*admit)(struct req *);
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

#endif
