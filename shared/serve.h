/*
 * One request, from the FastCGI parameters to the answer written back
 * (serve.c), for the process model in worker.c and the shared handlers.
 */
#ifndef MOTCUA_SERVE_H
#define MOTCUA_SERVE_H

#include <stddef.h>

#include <fcgiapp.h>

#include "form.h"

struct conf;
struct db;
struct module;

/* What the settings allow a request. */
struct serve_limits {
	size_t max_body;
	struct form_limits form;
	const char *citizen_param; /* the web server's sign-on parameter */
};

/*
 * Sets what every request of this worker is served with; m, c and db
 * outlive the worker, lim is copied.  Once per worker, before serve().
 */
void serve_init(const struct module *m, const struct conf *c,
    const struct serve_limits *lim, struct db *db);

/*
 * The replica the routes that may lag (lag_ok) read from while it is at
 * most max_lag seconds behind its primary.  Once per worker, after
 * serve_init(), when db_replica is set.
 */
void serve_replica(struct db *replica, long max_lag);

/* Answers one accepted request and writes its access-log line. */
void serve(FCGX_Request *);

/* The module being served. */
const struct module *serve_module(void);

/* Whether the last request's body, if it announced one, was read whole:
 * then only the end of its stdin can still come, and at once. */
int serve_stdin_done(void);

#endif
