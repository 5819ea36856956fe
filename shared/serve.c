/*
 * One request: the request line and the parameters the web server set,
 * the fields from the query string or the body under the settings'
 * limits, the route and its declared caller, the handler, and the answer
 * written back with the access-log line.  Handlers see only struct req;
 * nothing here outlives the request but the process-lifetime objects
 * serve_init() was given.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "breaker.h"
#include "budget.h"
#include "buf.h"
#include "client.h"
#include "conf.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "metrics.h"
#include "official.h"
#include "origin.h"
#include "overload.h"
#include "resp.h"
#include "route.h"
#include "serve.h"
#include "worker.h"

static const struct module *mod;
static const struct conf *settings;
static struct serve_limits lim;
static struct db *wdb;
static struct db *rdb; /* db_replica's, or NULL */
#define RDB_BACKOFF_S 5
static long rdb_max_lag;
/* the request's announced body has been read whole (or there was none) */
static int stdin_done;
static pid_t wpid; /* this worker's, for request ids */

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

static void send_answer(FCGX_Request *, struct req *);

static void
oom_answer(size_t n)
{
	struct req *r = oom.r, o;

	if (r == NULL)
		return; /* fatal */
	budget_disarm();
	metrics_refused("out_of_memory");
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
		metrics_end(r->route, o.status);
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

void
serve_init(const struct module *m, const struct conf *c,
    const struct serve_limits *l, struct db *db)
{
	mod = m;
	settings = c;
	lim = *l;
	wdb = db;
	wpid = getpid();
	buf_seam_init();
	oom.reserve = malloc(OOM_RESERVE);
	buf_on_oom(oom_answer);
}

void
serve_replica(struct db *replica, long max_lag)
{
	rdb = replica;
	rdb_max_lag = max_lag;
}

/*
 * The handle a route's handler reads from: the replica for a route that
 * may lag, while the replica is within its bound; else the primary.
 * Asked at each request, so that a replica that falls behind is left at
 * once, and one that catches up is used again.
 */
static struct db *
read_db(const struct route *rt)
{
	static time_t skip_until; /* a replica that did not answer: left */
	long lag;
	int rc;

	if (!rt->lag_ok || rdb == NULL)
		return wdb;
	if (time(NULL) < skip_until) {
		metrics_replica(METRICS_REPLICA_DOWN);
		return wdb;
	}
	if ((rc = db_replica_lag(rdb, &lag)) != DB_OK) {
		/* not asked again for a few seconds: each request would
		 * otherwise wait its connect timeout */
		if (rc == DB_GONE)
			skip_until = time(NULL) + RDB_BACKOFF_S;
		metrics_replica(METRICS_REPLICA_DOWN);
		return wdb;
	}
	if (lag > rdb_max_lag * 1000) {
		metrics_replica(METRICS_REPLICA_LAGGING);
		return wdb;
	}
	metrics_replica(METRICS_REPLICA_USED);
	return rdb;
}

const struct module *
serve_module(void)
{
	return mod;
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
	    (int)wpid, ++seq);
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
	stdin_done = 1;
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
	const char *name = route_taken_in(r->route, qf);

	if (name == NULL)
		return 0;
	r->nbad = 0;
	req_bad(r, name, "in_query_string");
	return 1;
}

static enum err
prepare(FCGX_Request *rq, struct req *r)
{
	struct form *f = arena_alloc(&r->arena, sizeof(*f));
	const char *q;
	enum err e;

	memset(f, 0, sizeof(*f));
	r->form = f;
	r->lang =
	    resp_lang(NULL, FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", rq->envp));
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
	if ((e = route_find(r, mod->routes, mod->nroutes)) != ERR_OK ||
	    (e = route_args(r)) != ERR_OK)
		return e;
	/* a ministry system: the web server's verdict, before any read */
	if (r->route->caller == ROUTE_CLIENT && (e = client_admit(r)) != ERR_OK)
		return e;
	q = FCGX_GetParam("QUERY_STRING", rq->envp);
	if (strcmp(r->method, "POST") == 0 &&
	    r->route->caller != ROUTE_CLIENT &&
	    !origin_allowed(
	        &(struct origin_seen){
	            .origin = FCGX_GetParam("HTTP_ORIGIN", rq->envp),
	            .fetch_site =
	                FCGX_GetParam("HTTP_SEC_FETCH_SITE", rq->envp),
	            .host = FCGX_GetParam("HTTP_HOST", rq->envp),
	            .server_port = FCGX_GetParam("SERVER_PORT", rq->envp),
	            .https = FCGX_GetParam("HTTPS", rq->envp),
	            .scheme = FCGX_GetParam("REQUEST_SCHEME", rq->envp) },
	        conf_get(settings, "public_url", NULL),
	        conf_get(settings, "allowed_origins", NULL)))
		return ERR_CROSS_SITE;
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
		if ((e = read_body(rq, r, f)) != ERR_OK)
			return e;
	} else if (q != NULL &&
	    (e = form_parse(&r->arena, q, strlen(q), &lim.form, f)) != ERR_OK)
		return e;
	if (form_get(f, "lang") != NULL)
		r->lang = resp_lang(form_get(f, "lang"),
		    FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", rq->envp));
	return route_fields(r, f);
}

/* Admits, parses and checks the request, and runs its handler. */
static enum err
handle(FCGX_Request *rq, struct req *r)
{
	enum err e;

	if ((e = prepare(rq, r)) != ERR_OK)
		return e;
	/* one that waited too long for a worker: refused before the
	 * database (overload.c) */
	if ((e = overload_admit(r,
	         FCGX_GetParam("HTTP_X_REQUEST_START", rq->envp), 0)) != ERR_OK)
		return e;
	/* the database answers nobody (breaker.h): 503 at once, without
	 * waiting on it; the metrics page reads none of it */
	if (r->route->caller != ROUTE_MONITOR &&
	    r->route->handler != worker_health && breaker_open()) {
		metrics_refused("database_unavailable");
		return ERR_DB_UNAVAILABLE;
	}
	/* after the fields, as the handlers checked it before: a missing
	 * field is still answered before a missing identity; an official
	 * or a client is resolved once, an official's right checked */
	if ((e = route_caller(r)) != ERR_OK)
		return e;
	switch (r->route->caller) {
	case ROUTE_OFFICIAL:
		e = official_check(r, mod->official_sql, mod->may);
		break;
	case ROUTE_CLIENT:
		e = client_check(r, mod->client_sql);
		break;
	default:
		break;
	}
	if (e != ERR_OK)
		return e;
	r->db = read_db(r->route);
	return r->route->handler(r);
}

/*
 * A plain form refused for its fields is shown again rather than an
 * error page, when its route can (reform): only once the caller is one
 * the route takes and the request has not waited too long, since the
 * form shows what the database holds of them.  1 when it was.
 */
static int
form_again(FCGX_Request *rq, struct req *r)
{
	if (r->fmt != REQ_HTML || r->route == NULL ||
	    r->route->reform == NULL || r->nbad == 0 ||
	    route_caller(r) != ERR_OK ||
	    overload_admit(r, FCGX_GetParam("HTTP_X_REQUEST_START", rq->envp),
	        0) != ERR_OK)
		return 0;
	return r->route->reform(r) == ERR_OK;
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
	    "Cache-Control: no-store\r\n"
	    "Vary: Accept, Accept-Language\r\nX-Request-Id: %s\r\n",
	    r->status, rs, r->ctype, r->id);
	if (r->fmt == REQ_HTML)
		buf_printf(&h, "Content-Language: %s\r\n",
		    r->lang != NULL ? r->lang : "vi");
	resp_security_headers(&h);
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

int
serve_stdin_done(void)
{
	return stdin_done;
}

void
serve(FCGX_Request *rq)
{
	struct req r;
	struct timespec t0, t1;
	long long cs;
	char path[128];
	enum err e;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	metrics_begin();
	{
		const char *cl = FCGX_GetParam("CONTENT_LENGTH", rq->envp);

		stdin_done = cl == NULL || *cl == '\0' || strcmp(cl, "0") == 0;
	}
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.body);
	oom.r = &r;
	oom.rq = rq;
	oom.answered = 0;
	buf_seam_begin();
	r.db = wdb;
	r.conf = settings;
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
	if ((e = handle(rq, &r)) != ERR_OK && !form_again(rq, &r)) {
		if (mod->error != NULL)
			mod->error(&r, e);
		else
			resp_error(&r, e);
	}
	budget_disarm();
	send_answer(rq, &r);
	oom.answered = 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	metrics_end(r.route, r.status);
	/* hundredths of a millisecond, formatted without floating point */
	cs = ((long long)(t1.tv_sec - t0.tv_sec) * 1000000000 +
	         (t1.tv_nsec - t0.tv_nsec) + 5000) /
	    10000;
	log_access("req=%s route=%s method=%s path=\"%s\" status=%d code=%s "
	           "ms=%lld.%02lld",
	    r.id, r.route != NULL ? r.route->name : "-",
	    strcmp(r.method, "GET") == 0 || strcmp(r.method, "POST") == 0
	        ? r.method
	        : "other",
	    log_escape(path, sizeof(path), logged_path(&r)), r.status,
	    e != ERR_OK ? resp_code(e) : "ok", cs / 100, cs % 100);
	buf_seam_end();
	oom.r = NULL;
	buf_free(&r.body);
	arena_free(&r.arena);
}
