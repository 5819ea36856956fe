/*
 * The CPU budget of one request (budget.c): past it, the worker answers
 * with an answer rendered before the request ran, and exits.
 */
#ifndef MOTCUA_BUDGET_H
#define MOTCUA_BUDGET_H

#include <fcgiapp.h>

struct conf;
struct module;
struct req;

#define BUDGET_DEFAULT_MS 5000 /* cpu_budget_ms when the settings omit it */

/*
 * Sets up the budget of every request of this worker: ms of CPU (0: no
 * budget), the over-budget answer from m (or the shared 503) rendered with
 * settings c.  Once per worker, before the first budget_arm().
 */
void budget_init(const struct module *m, const struct conf *c, long ms);

/* Renders the over-budget answer for r and starts the clock. */
void budget_arm(FCGX_Request *, const struct req *r);

/* Stops the clock: from here on the request writes its own answer. */
void budget_disarm(void);

#endif
