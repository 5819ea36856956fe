/*
 * Process model and request loop.
 *
 * The parent never serves: it forks the workers, replaces one that dies
 * (with a pause if they die faster than one a second), and on SIGTERM or
 * SIGINT passes SIGTERM on and waits for every worker.  A worker blocks
 * SIGTERM while it serves a request, so the request in hand is finished;
 * between requests the signal interrupts the accept (FCGI_FAIL_ACCEPT_ON_INTR)
 * and the worker exits 0.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "form.h"
#include "listen.h"
#include "log.h"
#include "resp.h"
#include "route.h"
#include "sql.h"
#include "worker.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

#define WORKERS_MAX 256

struct limits {
	size_t max_body;
	struct form_limits form;
	const char *citizen_param;
};

static volatile sig_atomic_t stopping;
static const struct module *mod;
static struct conf *settings;
static struct limits lim;
static struct db *wdb;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: %s.fcgi [-fhn] [-c file] [--listen addr] [--workers n]\n"
	    "  -c file         settings (default %s/motcua/motcua.cnf)\n"
	    "  -f              stay in the foreground, log to stderr too\n"
	    "  -n              check the settings and exit\n"
	    "  -h              this help\n"
	    "  --listen addr   a Unix socket path, or [host]:port (host\n"
	    "                  127.0.0.1 when left out; another than\n"
	    "                  loopback needs FCGI_WEB_SERVER_ADDRS);\n"
	    "                  without it the listening socket must be fd 0\n"
	    "  --workers n     preforked workers (default 2)\n"
	    "Environment: MOTCUA_CONF and MOTCUA_WORKERS set the defaults of\n"
	    "-c and --workers (for servers that start us without arguments);\n"
	    "MOTCUA_STDERR logs to stderr as well as syslog.\n",
	    mod->name, SYSCONFDIR);
}

static void
on_stop(int sig)
{
	stopping = 1;
	FCGX_ShutdownPending();
}

static int
load_settings(const char *path)
{
	long body, fields, flen;

	if ((settings = conf_load(path, mod->name)) == NULL)
		return -1;
	body = conf_int(settings, "max_body", 65536, 1, 64L * 1024 * 1024);
	fields = conf_int(settings, "max_fields", 32, 1, FORM_MAXKV);
	flen = conf_int(settings, "max_field_length", 2048, 16, 1L << 20);
	if (body < 0 || fields < 0 || flen < 0) {
		log_warnx("%s: [%s] max_body, max_fields or max_field_length "
		          "out of range",
		    path, mod->name);
		return -1;
	}
	lim.max_body = (size_t)body;
	lim.form.max_fields = (size_t)fields;
	lim.form.max_len = (size_t)flen;
	lim.citizen_param =
	    conf_get(settings, "citizen_param", "MOTCUA_CITIZEN");
	if (strncasecmp(lim.citizen_param, "HTTP_", 5) == 0 ||
	    *lim.citizen_param == '\0') {
		/* HTTP_* parameters are the client's own request headers */
		log_warnx("%s: [%s] citizen_param %s: a parameter the web "
		          "server sets after its sign-on, never HTTP_* (a "
		          "client's request header)",
		    path, mod->name, lim.citizen_param);
		return -1;
	}
	if (conf_int(settings, "db_connect_timeout", 3, 1, 60) < 0 ||
	    conf_int(settings, "db_timeout", 30, 1, 600) < 0) {
		log_warnx("%s: db timeouts out of range", path);
		return -1;
	}
	if (conf_int(settings, "cpu_budget_ms", 5000, 0, 3600L * 1000) < 0) {
		log_warnx("%s: [%s] cpu_budget_ms: 0 (none) to 3600000", path,
		    mod->name);
		return -1;
	}
	{
		/* the database connection's own group must be there too */
		char group[64];
		struct conf *db;
		int has;

		snprintf(group, sizeof(group), "client-%s", mod->name);
		db = conf_load(path, group);
		has = db != NULL && conf_get(db, "user", NULL) != NULL;
		conf_free(db);
		if (!has) {
			log_warnx("%s: no [%s] group with the database user",
			    path, group);
			return -1;
		}
	}
	return mod->check != NULL ? mod->check(settings) : 0;
}

static int
media_is_form(const char *ct)
{
	static const char want[] = "application/x-www-form-urlencoded";
	size_t n = sizeof(want) - 1;

	if (ct == NULL || strncasecmp(ct, want, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

static const char *
request_id(struct req *r, const char *given)
{
	static unsigned long seq;
	size_t i;

	if (given != NULL && *given != '\0' && strlen(given) <= 64) {
		for (i = 0; given[i] != '\0'; i++)
			if (!((given[i] >= '0' && given[i] <= '9') ||
			        (given[i] >= 'a' && given[i] <= 'z') ||
			        (given[i] >= 'A' && given[i] <= 'Z') ||
			        given[i] == '-'))
				break;
		if (given[i] == '\0')
			return arena_strdup(&r->arena, given);
	}
	return arena_printf(&r->arena, "%lx-%d-%lu", (unsigned long)time(NULL),
	    (int)getpid(), ++seq);
}

static enum err
read_body(FCGX_Request *rq, struct req *r, struct form *f)
{
	size_t len;
	char *body;
	int got;
	enum err e;

	e = form_content_length(
	    FCGX_GetParam("CONTENT_LENGTH", rq->envp), lim.max_body, &len);
	if (e != ERR_OK)
		return e;
	if (!r->route->raw && len > 0 &&
	    !media_is_form(FCGX_GetParam("CONTENT_TYPE", rq->envp)))
		return ERR_MEDIA_TYPE;
	body = arena_alloc(&r->arena, len + 1);
	got = len > 0 ? FCGX_GetStr(body, (int)len, rq->in) : 0;
	if (got < 0 || (size_t)got != len)
		return ERR_BAD_LENGTH;
	body[len] = '\0';
	if (r->route->raw) {
		r->in_body = body;
		r->in_len = len;
		return ERR_OK;
	}
	return form_parse(&r->arena, body, len, &lim.form, f);
}

static const char *
param_dup(struct req *r, FCGX_Request *rq, const char *name)
{
	const char *v = FCGX_GetParam(name, rq->envp);

	return v != NULL && *v != '\0' ? arena_strdup(&r->arena, v) : NULL;
}

/* Whether the query string names one of the route's fields; r->bad says
 * which. */
static int
query_has_field(struct req *r, const struct form *qf)
{
	const struct field *fd;

	for (fd = r->route->fields; fd != NULL && fd->name != NULL; fd++)
		if (form_get(qf, fd->name) != NULL) {
			r->bad[0].name = fd->name;
			r->bad[0].reason = "in_query_string";
			r->nbad = 1;
			return 1;
		}
	return 0;
}

static enum err
prepare(FCGX_Request *rq, struct req *r)
{
	struct form f;
	const char *q;
	enum err e;

	memset(&f, 0, sizeof(f));
	/* Identity is what the web server set, never a client header:
	 * headers reach us only as HTTP_* parameters. */
	r->citizen = param_dup(r, rq, lim.citizen_param);
	if (r->citizen != NULL) {
		/* the portal's sign-on must hand over a valid personal number;
		 * anything else is no identity at all */
		const char *why =
		    valid_field(VALID_PID, &r->arena, &r->citizen);

		if (why != NULL) {
			log_warnx("sign-on parameter is not a valid personal "
			          "number (%s)",
			    why);
			r->citizen = NULL;
		}
	}
	r->user = param_dup(r, rq, "REMOTE_USER");
	r->remote_addr = param_dup(r, rq, "REMOTE_ADDR");
	r->content_type = param_dup(r, rq, "CONTENT_TYPE");
	r->soap_action = param_dup(r, rq, "HTTP_SOAPACTION");
	r->tls_verify = param_dup(r, rq, "SSL_CLIENT_VERIFY");
	r->tls_dn = param_dup(r, rq, "SSL_CLIENT_S_DN");
	r->tls_issuer = param_dup(r, rq, "SSL_CLIENT_I_DN");
	if ((e = route_find(r, mod->routes, mod->nroutes)) != ERR_OK)
		return e;
	q = FCGX_GetParam("QUERY_STRING", rq->envp);
	if (strcmp(r->method, "POST") == 0) {
		/*
		 * A POST's fields come from its body only: a personal number
		 * or a code in the query string would sit in every access log
		 * and browser history.  A declared field sent there is
		 * refused, so the caller learns to move it.
		 */
		if (q != NULL && *q != '\0') {
			struct form qf;

			memset(&qf, 0, sizeof(qf));
			if (form_parse(&r->arena, q, strlen(q), &lim.form,
			        &qf) == ERR_OK &&
			    query_has_field(r, &qf))
				return ERR_FIELD_IN_QUERY;
		}
		if ((e = read_body(rq, r, &f)) != ERR_OK)
			return e;
	} else if (q != NULL &&
	    (e = form_parse(&r->arena, q, strlen(q), &lim.form, &f)) != ERR_OK)
		return e;
	return route_fields(r, &f);
}

static void
send_answer(FCGX_Request *rq, struct req *r)
{
	static const char *const reason[] = {
		[200] = "OK",
		[201] = "Created",
		[303] = "See Other",
		[400] = "Bad Request",
		[401] = "Unauthorized",
		[403] = "Forbidden",
		[404] = "Not Found",
		[405] = "Method Not Allowed",
		[409] = "Conflict",
		[411] = "Length Required",
		[413] = "Payload Too Large",
		[415] = "Unsupported Media Type",
		[422] = "Unprocessable Entity",
		[429] = "Too Many Requests",
		[500] = "Internal Server Error",
		[503] = "Service Unavailable",
	};
	struct buf h;
	const char *rs =
	    r->status > 0 && r->status < 504 && reason[r->status] != NULL
	    ? reason[r->status]
	    : "";

	/* formatted here: libfcgi's own printf lacks C99 length modifiers */
	buf_init(&h);
	buf_printf(&h,
	    "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
	    "Vary: Accept\r\nX-Request-Id: %s\r\n",
	    r->status, rs, r->ctype, r->id);
	if (r->location != NULL)
		buf_printf(&h, "Location: %s\r\n", r->location);
	if (r->retry_after > 0)
		buf_printf(&h, "Retry-After: %d\r\n", r->retry_after);
	if (r->status == 405 && r->allow != NULL)
		buf_printf(&h, "Allow: %s\r\n", r->allow);
	if (r->status == 401)
		buf_puts(&h, "WWW-Authenticate: Basic realm=\"motcua\"\r\n");
	buf_printf(&h, "Content-Length: %zu\r\n\r\n", r->body.len);
	FCGX_PutStr(h.s, (int)h.len, rq->out);
	buf_free(&h);
	if (strcmp(r->method, "HEAD") != 0)
		FCGX_PutStr(r->body.s, (int)r->body.len, rq->out);
}

/*
 * The path for the request log, without any secret: a matched route's
 * captures are masked (route.c); an unmatched path is cut after its first
 * two segments, since what follows may be a code sent to the wrong place.
 */
static const char *
logged_path(struct req *r)
{
	const char *p = r->path, *cut;

	if (r->route != NULL && r->log_path != NULL)
		return r->log_path;
	if (p == NULL)
		return "-";
	cut = strchr(p + (*p == '/'), '/');
	if (cut != NULL)
		cut = strchr(cut + 1, '/');
	if (cut == NULL || cut[1] == '\0')
		return p;
	return arena_printf(&r->arena, "%.*s/...", (int)(cut - p), p);
}

/*
 * The CPU budget of one request.  ITIMER_PROF counts the worker's own CPU
 * time (not its waits on the database); when a request has used up its
 * budget, whatever it is doing (libxml2 has no way to be told to stop),
 * SIGPROF writes the answer prepared for that case straight to the web
 * server's connection as FastCGI records and ends the worker, which the
 * parent replaces.  Only write(2) and _exit(2) run in the handler.
 */
#define BUDGET_DEFAULT_MS 5000
#define BUDGET_EXIT 3

static struct {
	long ms; /* 0: no budget; -1: not read yet */
	int fd; /* the web server's connection */
	int id; /* the FastCGI request id */
	struct buf answer; /* the HTTP answer, headers and body */
	char note[96];
} budget = { -1, -1, 0, { NULL, 0, 0 }, "" };

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

/* Prepares the over-budget answer for this request and starts the clock. */
static void
budget_arm(FCGX_Request *rq, const struct req *r)
{
	struct itimerval it;
	struct req o;

	if (budget.ms < 0) {
		struct sigaction sa;

		budget.ms = conf_int(settings, "cpu_budget_ms",
		    BUDGET_DEFAULT_MS, 0, 3600L * 1000);
		if (budget.ms < 0) {
			log_warnx("[%s] cpu_budget_ms out of range; %d ms",
			    mod->name, BUDGET_DEFAULT_MS);
			budget.ms = BUDGET_DEFAULT_MS;
		}
		snprintf(budget.note, sizeof(budget.note),
		    "%s: a request used up its CPU budget of %ld ms; "
		    "answered, the worker exits\n",
		    mod->name, budget.ms);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = budget_spent;
		sigaction(SIGPROF, &sa, NULL);
		buf_init(&budget.answer);
	}
	if (budget.ms == 0)
		return;
	/* rendered now, while rendering is safe: the module's own error */
	memset(&o, 0, sizeof(o));
	arena_init(&o.arena);
	buf_init(&o.body);
	o.conf = settings;
	o.id = r->id;
	o.method = r->method;
	o.path = r->path;
	o.fmt = r->fmt;
	if (mod->over_budget != NULL)
		mod->over_budget(&o);
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
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = budget.ms / 1000;
	it.it_value.tv_usec = (budget.ms % 1000) * 1000;
	setitimer(ITIMER_PROF, &it, NULL);
}

/* Stops the clock: from here on the request writes its own answer. */
static void
budget_disarm(void)
{
	struct itimerval it;

	if (budget.ms <= 0)
		return;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, NULL);
	budget.fd = -1;
}

/*
 * Out of memory while a request is served.  What was being done is not
 * resumed: unwinding half a handler, perhaps inside a transaction, is not
 * safer than a new process.  The request is answered with the module's
 * 503 (retry), rendered in the memory the reserve gives back, and the
 * worker ends; its parent replaces it, and the database rolls back what
 * was not committed.  A failure while answering is fatal (buf.c unsets the
 * hook before calling it).  Between requests the failure is fatal too.
 */
#define OOM_EXIT 4
#define OOM_RESERVE (64 * 1024)

static struct {
	FCGX_Request *rq;
	struct req *r; /* the request in hand, or NULL */
	int answered; /* its answer is in libfcgi's stream */
	void *reserve;
} oom;

static void
oom_answer(size_t n)
{
	struct req *r = oom.r, o;

	if (r == NULL)
		return; /* fatal */
	budget_disarm();
	free(oom.reserve);
	oom.reserve = NULL;
	if (!oom.answered) {
		memset(&o, 0, sizeof(o));
		arena_init(&o.arena);
		buf_init(&o.body);
		o.conf = settings;
		o.id = r->id != NULL ? r->id : "-";
		o.method = r->method;
		o.path = r->path;
		o.fmt = r->fmt;
		if (mod->out_of_memory != NULL)
			mod->out_of_memory(&o);
		else
			resp_error(&o, ERR_BUSY);
		send_answer(oom.rq, &o);
		buf_free(&o.body);
		arena_free(&o.arena);
	}
	FCGX_Finish_r(oom.rq);
	log_warnx("out of memory (%zu bytes) serving request %s; answered, "
	          "the worker exits",
	    n, r->id != NULL ? r->id : "-");
	buf_free(&r->body);
	arena_free(&r->arena);
	exit(OOM_EXIT);
}

static void
serve(FCGX_Request *rq)
{
	struct req r;
	struct timespec t0, t1;
	char path[128];
	enum err e;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.body);
	oom.r = &r;
	oom.rq = rq;
	oom.answered = 0;
	buf_seam_begin();
	r.db = wdb;
	r.conf = settings;
	r.fcgi = rq;
	/* what an answer needs, before the first allocation */
	r.method = FCGX_GetParam("REQUEST_METHOD", rq->envp);
	if (r.method == NULL)
		r.method = "GET";
	r.path = FCGX_GetParam("DOCUMENT_URI", rq->envp);
	r.fmt = resp_negotiate(FCGX_GetParam("HTTP_ACCEPT", rq->envp));
	r.id = request_id(&r, FCGX_GetParam("REQUEST_ID", rq->envp));
	if (r.path == NULL) {
		const char *u = FCGX_GetParam("REQUEST_URI", rq->envp);

		u = u != NULL ? u : "/";
		r.path = arena_strndup(&r.arena, u, strcspn(u, "?"));
	}
	budget_arm(rq, &r);
	e = ERR_OK;
	if (mod->admit != NULL) {
		/* before the body is read: what the web server established */
		r.tls_verify = param_dup(&r, rq, "SSL_CLIENT_VERIFY");
		r.tls_dn = param_dup(&r, rq, "SSL_CLIENT_S_DN");
		e = mod->admit(&r);
	}
	if (e == ERR_OK)
		e = prepare(rq, &r);
	/* after the fields, as the handlers checked it before: a missing
	 * field is still answered before a missing identity */
	if (e == ERR_OK)
		e = route_caller(&r);
	if (e == ERR_OK)
		e = r.route->handler(&r);
	if (e != ERR_OK) {
		if (mod->error != NULL)
			mod->error(&r, e);
		else
			resp_error(&r, e);
	}
	budget_disarm();
	send_answer(rq, &r);
	oom.answered = 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_access("req=%s route=%s method=%s path=\"%s\" status=%d code=%s "
	           "ms=%.2f",
	    r.id, r.route != NULL ? r.route->name : "-",
	    strcmp(r.method, "GET") == 0 || strcmp(r.method, "POST") == 0
	        ? r.method
	        : "other",
	    log_escape(path, sizeof(path), logged_path(&r)), r.status,
	    e != ERR_OK ? resp_code(e) : "ok",
	    (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	buf_seam_end();
	oom.r = NULL;
	buf_free(&r.body);
	arena_free(&r.arena);
}

enum err
worker_health(struct req *r)
{
	struct db_res res;
	struct doc d;
	int rc;

	rc = db_exec(r->db, &r->arena, SQ_SCHEMA_VERSION, NULL, 0, &res);
	doc_init(&d, "health", "Tình trạng dịch vụ");
	doc_add(&d, NULL, "module", "Mô-đun", mod->name);
	if (rc != DB_OK || res.nrows != 1) {
		doc_add(&d, NULL, "status", "Trạng thái", "unavailable");
		doc_add_raw(&d, NULL, "database", "Cơ sở dữ liệu", "false");
		resp_doc(r, 503, &d);
		r->retry_after = 5;
		return ERR_OK;
	}
	doc_add(&d, NULL, "status", "Trạng thái", "ok");
	doc_add_raw(&d, NULL, "database", "Cơ sở dữ liệu", "true");
	doc_add_raw(&d, NULL, "schema_version", "Phiên bản lược đồ",
	    DB_CELL(&res, 0, 0) != NULL ? DB_CELL(&res, 0, 0) : "0");
	resp_doc(r, 200, &d);
	return ERR_OK;
}

static void
worker_run(int sock)
{
	struct sigaction sa;
	struct db_settings ds;
	FCGX_Request rq;
	sigset_t term, old;
	char group[64];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: interrupt accept() */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the parent */

	valid_init();
	route_init(mod->routes, mod->nroutes);
	buf_seam_init();
	oom.reserve = malloc(OOM_RESERVE);
	buf_on_oom(oom_answer);
	if (mod->init != NULL && mod->init(settings) < 0)
		fatal("%s: cannot initialise", mod->name);
	snprintf(group, sizeof(group), "client-%s", mod->name);
	ds.file = conf_path(settings);
	ds.group = group;
	ds.connect_timeout =
	    (unsigned)conf_int(settings, "db_connect_timeout", 3, 1, 60);
	ds.rw_timeout = (unsigned)conf_int(settings, "db_timeout", 30, 1, 600);
	ds.lock_wait_timeout = 5;
	ds.statement_timeout = ds.rw_timeout > 2 ? ds.rw_timeout - 2 : 1;
	wdb = db_new(&ds, mod->sql, mod->nsql);
	if (db_connect(wdb) != DB_OK)
		log_warnx("database unavailable at start; will retry per "
		          "request");

	if (FCGX_Init() != 0)
		fatal("FCGX_Init");
	FCGX_InitRequest(&rq, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping) {
		if (FCGX_Accept_r(&rq) < 0)
			break;
		sigprocmask(SIG_BLOCK, &term, &old);
		serve(&rq);
		FCGX_Finish_r(&rq);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	db_free(wdb);
	exit(0);
}

static pid_t
spawn(int sock)
{
	pid_t pid = fork();

	if (pid == 0)
		worker_run(sock);
	if (pid < 0)
		log_warnx("fork: %s", strerror(errno));
	return pid;
}

int
worker_main(const struct module *m, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cfile = SYSCONFDIR "/motcua/motcua.cnf", *listen = NULL;
	pid_t pids[WORKERS_MAX];
	struct sigaction sa;
	time_t last_death = 0;
	int ch, fg = 0, check = 0, nworkers = 2, sock, i, alive;
	char *end;

	mod = m;
	/* defaults from the environment, for servers that spawn us with no
	 * arguments (Apache mod_fcgid: FcgidInitialEnv) */
	if (getenv("MOTCUA_CONF") != NULL && *getenv("MOTCUA_CONF") != '\0')
		cfile = getenv("MOTCUA_CONF");
	if (getenv("MOTCUA_WORKERS") != NULL) {
		nworkers = (int)strtol(getenv("MOTCUA_WORKERS"), &end, 10);
		if (*end != '\0' || nworkers < 1 || nworkers > WORKERS_MAX)
			nworkers = 2;
	}
	while ((ch = getopt_long(argc, argv, "c:fhn", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cfile = optarg;
			break;
		case 'f':
			fg = 1;
			break;
		case 'n':
			check = 1;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w':
			nworkers = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || nworkers < 1 ||
			    nworkers > WORKERS_MAX) {
				fprintf(stderr, "--workers: 1 to %d\n",
				    WORKERS_MAX);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	log_init(m->name, fg || check);
	if (load_settings(cfile) < 0) {
		fprintf(stderr, "%s.fcgi: %s: settings are not valid\n",
		    m->name, cfile);
		return 1;
	}
	if (check) {
		valid_init();
		route_init(m->routes, m->nroutes);
		if (m->init != NULL && m->init(settings) < 0) {
			fprintf(
			    stderr, "%s.fcgi: cannot initialise\n", m->name);
			return 1;
		}
		printf("%s: configuration ok\n", cfile);
		return 0;
	}
	if ((sock = listen_open(mod->name, listen)) < 0)
		return 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	log_info("serving with %d workers", nworkers);
	for (i = 0; i < nworkers; i++)
		pids[i] = spawn(sock);
	while (!stopping) {
		int status;
		pid_t pid = wait(&status);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			sleep(1);
		}
		for (i = 0; i < nworkers; i++) {
			if (pids[i] > 0 && pids[i] != pid)
				continue;
			if (pids[i] == pid && !stopping)
				log_warnx("worker %d died (%s %d); replacing",
				    (int)pid,
				    WIFSIGNALED(status) ? "signal" : "status",
				    WIFSIGNALED(status) ? WTERMSIG(status)
				                        : WEXITSTATUS(status));
			if (stopping)
				break;
			if (time(NULL) == last_death)
				sleep(1); /* do not spin on a crash loop */
			last_death = time(NULL);
			pids[i] = spawn(sock);
		}
	}
	for (i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (alive = 1; alive;) {
		alive = 0;
		for (i = 0; i < nworkers; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], NULL, 0) == pids[i] ||
			    errno != EINTR)
				pids[i] = 0;
			else
				alive = 1;
		}
	}
	if (listen != NULL && listen[0] == '/')
		unlink(listen);
	log_info("stopped");
	conf_free(settings);
	return 0;
}
