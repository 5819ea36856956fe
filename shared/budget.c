/*
 * The CPU budget of one request.  ITIMER_PROF counts the worker's own CPU
 * time (not its waits on the database); when a request has used up its
 * budget, whatever it is doing (libxml2 has no way to be told to stop),
 * SIGPROF writes the answer prepared for that case straight to the web
 * server's connection as FastCGI records and ends the worker, which the
 * parent replaces.  Only write(2), _exit(2) and the metrics' count
 * (clock_gettime(2), stores to shared memory) run in the handler.
 */
#include "config.h"

#include <sys/time.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "budget.h"
#include "buf.h"
#include "metrics.h"
#include "resp.h"
#include "worker.h"

#define BUDGET_EXIT 3

static struct {
	const struct module *mod;
	const struct conf *conf;
	long ms; /* 0: no budget */
	int fd; /* the web server's connection */
	int id; /* the FastCGI request id */
	struct buf answer; /* the HTTP answer, headers and body */
	char note[96];
	const struct req *r; /* the request in hand, for the metrics */
	int status; /* the answer's */
} budget = { NULL, NULL, 0, -1, 0, { NULL, 0, 0 }, "", NULL, 0 };

static void
budget_record(unsigned char *h, int type, int id, size_t len)
{
	h[0] = 1; /* FCGI_VERSION_1 */
	h[1] = (unsigned char)type;
	h[2] = (unsigned char)(id >> 8);
	h[3] = (unsigned char)id;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = h[7] = 0;
}

static void
budget_spent(int sig)
{
	unsigned char h[8], end[16] = { 0 };
	ssize_t w;

	(void)sig;
	metrics_refused("cpu_budget");
	metrics_end(budget.r != NULL ? budget.r->route : NULL, budget.status);
	if (budget.fd >= 0 && budget.answer.len > 0 &&
	    budget.answer.len <= 65535) {
		budget_record(h, 6, budget.id, budget.answer.len); /* STDOUT */
		w = write(budget.fd, h, 8);
		w = write(budget.fd, budget.answer.s, budget.answer.len);
		budget_record(end, 6, budget.id, 0); /* end of STDOUT */
		budget_record(end + 8, 3, budget.id, 8); /* END_REQUEST */
		w = write(budget.fd, end, 16);
		memset(end, 0, 8); /* appStatus 0, FCGI_REQUEST_COMPLETE */
		w = write(budget.fd, end, 8);
	}
	w = write(2, budget.note, strlen(budget.note));
	(void)w;
	_exit(BUDGET_EXIT);
}

void
budget_init(const struct module *m, const struct conf *c, long ms)
{
	struct sigaction sa;

	budget.mod = m;
	budget.conf = c;
	budget.ms = ms;
	snprintf(budget.note, sizeof(budget.note),
	    "%s: a request used up its CPU budget of %ld ms; "
	    "answered, the worker exits\n",
	    m->name, ms);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = budget_spent;
	sigaction(SIGPROF, &sa, NULL);
	buf_init(&budget.answer);
}

void
budget_arm(FCGX_Request *rq, const struct req *r)
{
	struct itimerval it;
	struct req o;

	if (budget.ms == 0)
		return;
	/* rendered now, while rendering is safe: the module's own error */
	memset(&o, 0, sizeof(o));
	arena_init(&o.arena);
	buf_init(&o.body);
	o.conf = budget.conf;
	o.id = r->id;
	o.method = r->method;
	o.path = r->path;
	o.fmt = r->fmt;
	if (budget.mod->over_budget != NULL)
		budget.mod->over_budget(&o);
	else
		resp_error(&o, ERR_BUSY);
	buf_reset(&budget.answer);
	buf_printf(&budget.answer,
	    "Status: %d\r\nContent-Type: %s\r\nCache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\nX-Request-Id: %s\r\n",
	    o.status, o.ctype, o.id);
	if (o.retry_after > 0)
		buf_printf(
		    &budget.answer, "Retry-After: %d\r\n", o.retry_after);
	buf_printf(&budget.answer, "Content-Length: %zu\r\n\r\n", o.body.len);
	buf_add(&budget.answer, o.body.s, o.body.len);
	buf_free(&o.body);
	arena_free(&o.arena);
	/* the connection is libfcgi's; nothing has been written to it yet */
	budget.fd = rq->ipcFd;
	budget.id = rq->requestId;
	budget.r = r;
	budget.status = o.status;
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = budget.ms / 1000;
	it.it_value.tv_usec = (budget.ms % 1000) * 1000;
	setitimer(ITIMER_PROF, &it, NULL);
}

void
budget_disarm(void)
{
	struct itimerval it;

	if (budget.ms <= 0)
		return;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	budget.fd = -1;
}
