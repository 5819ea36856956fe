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

/* stands for the request id while the shared answer is rendered once */
#define BUDGET_ID_MARK "ID0budget0MARK0ID"

static struct {
	const struct module *mod;
	const struct conf *conf;
	long ms; /* 0: no budget */
	volatile sig_atomic_t fd; /* the web server's connection; -1: off */
	int id; /* the FastCGI request id */
	struct buf answer; /* the HTTP answer, headers and body */
	char note[96];
	const struct req *r; /* the request in hand, for the metrics */
	int status; /* the answer's */
	/* the shared answer per format, rendered with BUDGET_ID_MARK, and
	 * where the mark is in it (the module has no answer of its own) */
	struct {
		struct buf body;
		size_t at; /* of the mark in body */
		int status, retry_after;
		const char *ctype;
		int ready;
	} shared[REQ_XML + 1];
} budget = { NULL, NULL, 0, -1, 0, { NULL, 0, 0 }, "", NULL, 0,
	{ { { NULL, 0, 0 }, 0, 0, 0, NULL, 0 } } };

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
	/* between requests (disarmed without a system call): not ours */
	if (budget.fd < 0)
		return;
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
	/* a signal that comes between requests returns (budget_disarm):
	 * what it interrupted, an accept or a write, goes on */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGPROF, &sa, NULL);
	buf_init(&budget.answer);
}

/* The module's own answer for r, rendered now with its id. */
static void
render_own(const struct req *r, struct req *o)
{
	memset(o, 0, sizeof(*o));
	arena_init(&o->arena);
	buf_init(&o->body);
	o->conf = budget.conf;
	o->id = r->id;
	o->method = r->method;
	o->path = r->path;
	o->fmt = r->fmt;
	budget.mod->over_budget(o);
}

/*
 * The shared 503 depends on the format and the id only: rendered once
 * per format with a mark for the id, then copied around the id for each
 * request.  Request ids are letters, digits and '-' (serve.c), which no
 * format escapes.
 */
static int
shared_ready(enum req_fmt fmt)
{
	struct req o;
	const char *m;

	if (budget.shared[fmt].ready)
		return budget.shared[fmt].ready > 0;
	memset(&o, 0, sizeof(o));
	arena_init(&o.arena);
	buf_init(&o.body);
	o.conf = budget.conf;
	o.id = BUDGET_ID_MARK;
	o.method = "GET";
	o.path = NULL; /* shared: no link back to a page of its own */
	o.fmt = fmt;
	resp_error(&o, ERR_BUSY);
	budget.shared[fmt].ready = -1;
	m = o.body.len > 0 ? memmem(o.body.s, o.body.len, BUDGET_ID_MARK,
	                         sizeof(BUDGET_ID_MARK) - 1)
	                   : NULL;
	if (m != NULL &&
	    memmem(m + 1, o.body.len - (size_t)(m + 1 - o.body.s),
	        BUDGET_ID_MARK, sizeof(BUDGET_ID_MARK) - 1) == NULL) {
		buf_init(&budget.shared[fmt].body);
		buf_add(&budget.shared[fmt].body, o.body.s, o.body.len);
		budget.shared[fmt].at = (size_t)(m - o.body.s);
		budget.shared[fmt].status = o.status;
		budget.shared[fmt].retry_after = o.retry_after;
		budget.shared[fmt].ctype = o.ctype;
		budget.shared[fmt].ready = 1;
	}
	buf_free(&o.body);
	arena_free(&o.arena);
	return budget.shared[fmt].ready > 0;
}

static int
id_ok(const char *id)
{
	for (; *id != '\0'; id++)
		if (!((*id >= '0' && *id <= '9') ||
		        (*id >= 'a' && *id <= 'z') ||
		        (*id >= 'A' && *id <= 'Z') || *id == '-'))
			return 0;
	return 1;
}

void
budget_arm(FCGX_Request *rq, const struct req *r)
{
	struct itimerval it;
	struct req o;
	const char *ctype;
	int status, retry_after, own;
	size_t len;

	if (budget.ms == 0)
		return;
	budget.fd = -1; /* the answer is being rewritten */
	/* rendered now, while rendering is safe: the module's own error */
	own = budget.mod->over_budget != NULL || r->fmt < REQ_HTML ||
	    r->fmt > REQ_XML || !id_ok(r->id) || !shared_ready(r->fmt);
	if (own) {
		if (budget.mod->over_budget != NULL)
			render_own(r, &o);
		else {
			memset(&o, 0, sizeof(o));
			arena_init(&o.arena);
			buf_init(&o.body);
			o.conf = budget.conf;
			o.id = r->id;
			o.method = r->method;
			o.path = r->path;
			o.fmt = r->fmt;
			resp_error(&o, ERR_BUSY);
		}
		status = o.status;
		ctype = o.ctype;
		retry_after = o.retry_after;
		len = o.body.len;
	} else {
		status = budget.shared[r->fmt].status;
		ctype = budget.shared[r->fmt].ctype;
		retry_after = budget.shared[r->fmt].retry_after;
		len = budget.shared[r->fmt].body.len -
		    (sizeof(BUDGET_ID_MARK) - 1) + strlen(r->id);
	}
	buf_reset(&budget.answer);
	buf_printf(&budget.answer,
	    "Status: %d\r\nContent-Type: %s\r\nCache-Control: no-store\r\n"
	    "X-Request-Id: %s\r\n",
	    status, ctype, r->id);
	resp_security_headers(&budget.answer);
	if (retry_after > 0)
		buf_printf(&budget.answer, "Retry-After: %d\r\n", retry_after);
	buf_printf(&budget.answer, "Content-Length: %zu\r\n\r\n", len);
	if (own) {
		buf_add(&budget.answer, o.body.s, o.body.len);
		buf_free(&o.body);
		arena_free(&o.arena);
	} else {
		const struct buf *b = &budget.shared[r->fmt].body;
		size_t at = budget.shared[r->fmt].at;

		buf_add(&budget.answer, b->s, at);
		buf_puts(&budget.answer, r->id);
		buf_add(&budget.answer, b->s + at + sizeof(BUDGET_ID_MARK) - 1,
		    b->len - at - (sizeof(BUDGET_ID_MARK) - 1));
	}
	/* the whole budget first: what is left of the last request's must
	 * not end this one */
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = budget.ms / 1000;
	it.it_value.tv_usec = (budget.ms % 1000) * 1000;
	setitimer(ITIMER_PROF, &it, NULL);
	/* the connection is libfcgi's; nothing has been written to it yet */
	budget.id = rq->requestId;
	budget.r = r;
	budget.status = status;
	budget.fd = rq->ipcFd;
}

/*
 * Stops the clock without a system call: the handler ignores a signal
 * that comes between requests (the timer, not periodic, then stays off
 * until the next budget_arm() sets it again).  The worker's CPU time
 * between two requests is short, so such a signal is rare.
 */
void
budget_disarm(void)
{
	budget.fd = -1;
}
