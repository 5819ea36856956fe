/*
 * Metrics over every worker of a module.
 *
 * The parent maps one MAP_SHARED|MAP_ANONYMOUS region before it forks:
 * a header it alone writes (restarts, start time), then one slot per
 * worker.  A slot is only 64-bit counters: the worker's own (busy,
 * requests, refusals, database errors, retries, the statement time
 * histogram), then one block per route of its table and one for requests
 * no route matched (a count per status class, the latency sum and
 * histogram).  A worker writes only its own slot, without locks: a
 * relaxed load and store, the plain instructions, since no one else
 * writes there; a reader loads each word relaxed and adds the slots word
 * by word.  A worker that dies leaves its counts; the parent gives its
 * replacement the same slot, which carries on from them.
 *
 * A request touches three or four cache lines: its route's block (the
 * status class and the sum, then one bucket) and the head of its slot.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "worker.h"

/* Upper bounds of the buckets, the last +Inf; the label is its string. */
struct bound {
	uint64_t ns;
	const char *le;
};

static const struct bound req_bounds[] = {
	{ 1000000ULL, "0.001" },
	{ 2500000ULL, "0.0025" },
	{ 5000000ULL, "0.005" },
	{ 10000000ULL, "0.01" },
	{ 25000000ULL, "0.025" },
	{ 50000000ULL, "0.05" },
	{ 100000000ULL, "0.1" },
	{ 250000000ULL, "0.25" },
	{ 500000000ULL, "0.5" },
	{ 1000000000ULL, "1" },
	{ 2500000000ULL, "2.5" },
	{ 5000000000ULL, "5" },
	{ 10000000000ULL, "10" },
	{ UINT64_MAX, "+Inf" },
};
#define NB_REQ (sizeof(req_bounds) / sizeof(req_bounds[0]))

/* a statement: from 100 us */
static const struct bound db_bounds[] = {
	{ 100000ULL, "0.0001" },
	{ 250000ULL, "0.00025" },
	{ 500000ULL, "0.0005" },
	{ 1000000ULL, "0.001" },
	{ 2500000ULL, "0.0025" },
	{ 5000000ULL, "0.005" },
	{ 10000000ULL, "0.01" },
	{ 25000000ULL, "0.025" },
	{ 50000000ULL, "0.05" },
	{ 100000000ULL, "0.1" },
	{ 250000000ULL, "0.25" },
	{ 500000000ULL, "0.5" },
	{ 1000000000ULL, "1" },
	{ 2500000000ULL, "2.5" },
	{ 5000000000ULL, "5" },
	{ 10000000000ULL, "10" },
	{ UINT64_MAX, "+Inf" },
};
#define NB_DB (sizeof(db_bounds) / sizeof(db_bounds[0]))

static const char *const classes[] = { "2xx", "3xx", "4xx", "5xx" };
#define NCLASS 4

/* metrics_refused()'s reasons; the last counts any other string */
static const char *const refusals[] = { "overload", "cpu_budget",
	"out_of_memory", "database_unavailable", "other" };
#define NREFUSED (sizeof(refusals) / sizeof(refusals[0]))

/* enum db_rc's errors, by -rc - 1: DB_ERR, DB_GONE, DB_DEADLOCK,
 * DB_LOCKWAIT, DB_DUP, DB_FULL */
static const char *const db_kinds[] = { "other", "connection_lost", "deadlock",
	"lock_wait_timeout", "duplicate_key", "storage_full" };
#define NDBKIND (sizeof(db_kinds) / sizeof(db_kinds[0]))

static const struct {
	const char *scope, *reason;
} retries[METRICS_RETRY__MAX] = {
	[METRICS_RETRY_TXN_DEADLOCK] = { "transaction", "deadlock" },
	[METRICS_RETRY_TXN_LOST] = { "transaction", "connection_lost" },
	[METRICS_RETRY_STMT_LOST] = { "statement", "connection_lost" },
};

static const char *const replica_outcomes[METRICS_REPLICA__MAX] = {
	[METRICS_REPLICA_USED] = "replica",
	[METRICS_REPLICA_LAGGING] = "primary_replica_lagging",
	[METRICS_REPLICA_DOWN] = "primary_replica_unavailable",
};

struct mx_route {
	uint64_t code[NCLASS];
	uint64_t sum_ns;
	uint64_t le[NB_REQ]; /* by bucket, not cumulative */
} __attribute__((aligned(64)));

struct mx_slot {
	uint64_t busy; /* 1 while a request is in hand */
	uint64_t requests;
	uint64_t refused[NREFUSED];
	uint64_t db_error[NDBKIND];
	uint64_t db_retry[METRICS_RETRY__MAX];
	uint64_t replica[METRICS_REPLICA__MAX];
	uint64_t db_sum_ns;
	uint64_t db_le[NB_DB];
	struct mx_route route[]; /* the table's, then no route's */
};

struct mx_head {
	uint64_t restarts;
	uint64_t started; /* the parent's start, Unix seconds */
} __attribute__((aligned(64)));

static struct {
	const struct module *mod;
	size_t nroutes;
	int nworkers;
	size_t stride; /* a slot's bytes, a multiple of 64 */
	struct mx_head *head;
	char *slots;
	struct mx_slot *self; /* this worker's, or NULL */
	uint64_t t0; /* the request in hand's start */
} mx;

static inline void
bump(uint64_t *p, uint64_t d)
{
	__atomic_store_n(
	    p, __atomic_load_n(p, __ATOMIC_RELAXED) + d, __ATOMIC_RELAXED);
}

static inline uint64_t
load(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static struct mx_slot *
slot(int n)
{
	return (struct mx_slot *)(mx.slots + (size_t)n * mx.stride);
}

int
metrics_init(const struct module *m, int nworkers)
{
	size_t head, len;
	void *p;

	mx.mod = m;
	mx.nroutes = m->nroutes;
	mx.nworkers = nworkers;
	mx.stride =
	    sizeof(struct mx_slot) + (mx.nroutes + 1) * sizeof(struct mx_route);
	mx.stride = (mx.stride + 63) & ~(size_t)63;
	head = sizeof(struct mx_head);
	len = head + (size_t)nworkers * mx.stride;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED) {
		log_warnx(
		    "metrics: cannot map %zu bytes; serving without", len);
		mx.head = NULL;
		return -1;
	}
	/* anonymous memory comes zeroed */
	mx.head = p;
	mx.slots = (char *)p + head;
	mx.head->started = (uint64_t)time(NULL);
	return 0;
}

void
metrics_worker(int n)
{
	if (mx.head == NULL || n < 0 || n >= mx.nworkers)
		return;
	mx.self = slot(n);
	/* a predecessor killed with a request in hand left it set */
	__atomic_store_n(&mx.self->busy, 0, __ATOMIC_RELAXED);
}

void
metrics_worker_died(int n)
{
	if (mx.head == NULL || n < 0 || n >= mx.nworkers)
		return;
	__atomic_store_n(&slot(n)->busy, 0, __ATOMIC_RELAXED);
	bump(&mx.head->restarts, 1);
}

uint64_t
metrics_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static size_t
bucket(const struct bound *b, uint64_t ns)
{
	size_t i;

	for (i = 0; ns > b[i].ns; i++)
		continue;
	return i;
}

void
metrics_begin(void)
{
	if (mx.self == NULL)
		return;
	mx.t0 = metrics_now();
	__atomic_store_n(&mx.self->busy, 1, __ATOMIC_RELAXED);
}

void
metrics_end(const struct route *rt, int status)
{
	struct mx_slot *w = mx.self;
	struct mx_route *c;
	uint64_t ns;
	size_t i;
	int k;

	if (w == NULL)
		return;
	ns = metrics_now() - mx.t0;
	i = rt != NULL ? (size_t)(rt - mx.mod->routes) : mx.nroutes;
	if (i > mx.nroutes)
		i = mx.nroutes;
	k = status < 300 ? 0 : status < 400 ? 1 : status < 500 ? 2 : 3;
	c = &w->route[i];
	bump(&c->code[k], 1);
	bump(&c->sum_ns, ns);
	bump(&c->le[bucket(req_bounds, ns)], 1);
	bump(&w->requests, 1);
	__atomic_store_n(&w->busy, 0, __ATOMIC_RELAXED);
}

void
metrics_db_error(int rc)
{
	if (mx.self == NULL || rc >= 0)
		return;
	if ((size_t)-rc > NDBKIND)
		rc = DB_ERR;
	bump(&mx.self->db_error[-rc - 1], 1);
}

void
metrics_db(uint64_t ns, int rc)
{
	if (mx.self == NULL)
		return;
	bump(&mx.self->db_sum_ns, ns);
	bump(&mx.self->db_le[bucket(db_bounds, ns)], 1);
	metrics_db_error(rc);
}

void
metrics_db_retry(enum metrics_retry what)
{
	if (mx.self == NULL || what < 0 || what >= METRICS_RETRY__MAX)
		return;
	bump(&mx.self->db_retry[what], 1);
}

void
metrics_replica(enum metrics_replica what)
{
	if (mx.self == NULL || what < 0 || what >= METRICS_REPLICA__MAX)
		return;
	bump(&mx.self->replica[what], 1);
}

void
metrics_refused(const char *reason)
{
	size_t i;

	if (mx.self == NULL)
		return;
	for (i = 0; i < NREFUSED - 1; i++)
		if (reason != NULL && strcmp(reason, refusals[i]) == 0)
			break;
	bump(&mx.self->refused[i], 1);
}

/* --- who may read it ------------------------------------------------- */

/* An address as 16 bytes (IPv4 as ::ffff:a.b.c.d); 0, or -1. */
static int
addr_parse(const char *s, size_t n, unsigned char a[16])
{
	char tmp[INET6_ADDRSTRLEN];
	struct in_addr v4;

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, &v4) == 1) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		memcpy(a + 12, &v4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, tmp, a) == 1 ? 0 : -1;
}

/*
 * The next entry of list from *at: its address in a, its prefix length
 * in *bits (counted on the 16 bytes).  1, 0 at the end, -1 when the entry
 * is not an address or prefix.
 */
static int
allow_next(const char **at, unsigned char a[16], int *bits)
{
	const char *s = *at, *slash, *end;
	char *e;
	long len;
	int v4;

	s += strspn(s, " \t,");
	if (*s == '\0')
		return 0;
	end = s + strcspn(s, " \t,");
	*at = end;
	slash = memchr(s, '/', (size_t)(end - s));
	if (addr_parse(s, (size_t)((slash != NULL ? slash : end) - s), a) < 0)
		return -1;
	v4 = memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0;
	*bits = 128;
	if (slash == NULL)
		return 1;
	if (slash[1] < '0' || slash[1] > '9')
		return -1;
	len = strtol(slash + 1, &e, 10);
	if (e != end || len > (v4 ? 32 : 128))
		return -1;
	*bits = (int)len + (v4 ? 96 : 0);
	return 1;
}

static int
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int i;

	for (i = 0; bits >= 8; i++, bits -= 8)
		if (a[i] != b[i])
			return 0;
	return bits == 0 ||
	    ((a[i] ^ b[i]) & (unsigned char)(0xff << (8 - bits))) == 0;
}

int
metrics_allowed(const char *addr, const char *list)
{
	unsigned char a[16], p[16];
	int bits, rc;

	if (addr == NULL || list == NULL ||
	    addr_parse(addr, strlen(addr), a) < 0)
		return 0;
	while ((rc = allow_next(&list, p, &bits)) != 0)
		if (rc > 0 && prefix_eq(a, p, bits))
			return 1;
	return 0;
}

const char *
metrics_allow_check(const char *list)
{
	unsigned char p[16];
	int bits, rc, n = 0;

	while ((rc = allow_next(&list, p, &bits)) != 0) {
		if (rc < 0)
			return "an entry that is not an address or a prefix";
		n++;
	}
	return n > 0 ? NULL : "no address";
}

/* --- the page --------------------------------------------------------- */

static void
meta(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value as the text format wants it (the code's own strings:
 * never a request's). */
static void
label(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		default:
			buf_putc(b, *v);
		}
}

static void
histogram(struct buf *b, const char *name, const char *route,
    const struct bound *bd, size_t nb, const uint64_t *le, uint64_t sum_ns)
{
	unsigned long long n = 0;
	size_t i;

	for (i = 0; i < nb; i++) {
		n += le[i];
		buf_printf(b, "%s_bucket{", name);
		if (route != NULL) {
			buf_puts(b, "route=\"");
			label(b, route);
			buf_puts(b, "\",");
		}
		buf_printf(b, "le=\"%s\"} %llu\n", bd[i].le, n);
	}
	buf_printf(b, "%s_sum", name);
	if (route != NULL) {
		buf_puts(b, "{route=\"");
		label(b, route);
		buf_puts(b, "\"}");
	}
	buf_printf(b, " %.9f\n%s_count", (double)sum_ns / 1e9, name);
	if (route != NULL) {
		buf_puts(b, "{route=\"");
		label(b, route);
		buf_puts(b, "\"}");
	}
	buf_printf(b, " %llu\n", n);
}

static const char *
route_name(size_t i)
{
	return i < mx.nroutes ? mx.mod->routes[i].name : "unmatched";
}

void
metrics_render(struct buf *b)
{
	const struct mx_slot *t;
	uint64_t *sum;
	size_t i, k, nw = mx.stride / sizeof(uint64_t);
	int n;

	if (mx.head == NULL)
		return;
	/* every slot is only counters: add them word by word */
	if ((sum = aligned_alloc(64, mx.stride)) == NULL)
		xnomem(mx.stride);
	memset(sum, 0, mx.stride);
	for (n = 0; n < mx.nworkers; n++) {
		const uint64_t *w = (const uint64_t *)(const void *)slot(n);

		for (k = 0; k < nw; k++)
			sum[k] += load(&w[k]);
	}
	t = (const struct mx_slot *)(void *)sum;

	meta(b, "motcua_requests_total", "counter",
	    "Requests answered, by route (the route table's name) and status "
	    "class.");
	for (i = 0; i <= mx.nroutes; i++)
		for (k = 0; k < NCLASS; k++) {
			buf_puts(b, "motcua_requests_total{route=\"");
			label(b, route_name(i));
			buf_printf(b, "\",code=\"%s\"} %llu\n", classes[k],
			    (unsigned long long)t->route[i].code[k]);
		}
	meta(b, "motcua_request_duration_seconds", "histogram",
	    "Time from a request's start to its answer written, by route.");
	for (i = 0; i <= mx.nroutes; i++)
		histogram(b, "motcua_request_duration_seconds", route_name(i),
		    req_bounds, NB_REQ, t->route[i].le, t->route[i].sum_ns);
	meta(b, "motcua_db_statement_duration_seconds", "histogram",
	    "Time of a prepared statement's execution and fetch.");
	histogram(b, "motcua_db_statement_duration_seconds", NULL, db_bounds,
	    NB_DB, t->db_le, t->db_sum_ns);
	meta(b, "motcua_db_errors_total", "counter",
	    "Database errors by kind (connection_lost: lost, or could not "
	    "be opened; lock_wait_timeout: also a statement over its time).");
	for (k = 0; k < NDBKIND; k++)
		buf_printf(b, "motcua_db_errors_total{kind=\"%s\"} %llu\n",
		    db_kinds[k], (unsigned long long)t->db_error[k]);
	meta(b, "motcua_db_retries_total", "counter",
	    "Transactions and statements run again, and why.");
	for (k = 0; k < METRICS_RETRY__MAX; k++)
		buf_printf(b,
		    "motcua_db_retries_total{scope=\"%s\",reason=\"%s\"} "
		    "%llu\n",
		    retries[k].scope, retries[k].reason,
		    (unsigned long long)t->db_retry[k]);
	meta(b, "motcua_db_replica_reads_total", "counter",
	    "Requests of the routes that may lag (db_replica), by where "
	    "they read from.");
	for (k = 0; k < METRICS_REPLICA__MAX; k++)
		buf_printf(b,
		    "motcua_db_replica_reads_total{served=\"%s\"} %llu\n",
		    replica_outcomes[k], (unsigned long long)t->replica[k]);
	meta(b, "motcua_refused_total", "counter",
	    "Requests refused for overload, by reason.");
	for (k = 0; k < NREFUSED; k++)
		buf_printf(b, "motcua_refused_total{reason=\"%s\"} %llu\n",
		    refusals[k], (unsigned long long)t->refused[k]);
	meta(b, "motcua_workers", "gauge", "Workers the module runs.");
	buf_printf(b, "motcua_workers %d\n", mx.nworkers);
	meta(b, "motcua_workers_busy", "gauge",
	    "Workers serving a request (this page's own included).");
	buf_printf(
	    b, "motcua_workers_busy %llu\n", (unsigned long long)t->busy);
	meta(b, "motcua_requests_in_flight", "gauge",
	    "Requests in hand: one per busy worker.");
	buf_printf(
	    b, "motcua_requests_in_flight %llu\n", (unsigned long long)t->busy);
	meta(b, "motcua_worker_requests_total", "counter",
	    "Requests answered by each worker slot (a replaced worker's "
	    "successor carries on in its slot).");
	for (n = 0; n < mx.nworkers; n++)
		buf_printf(b,
		    "motcua_worker_requests_total{worker=\"%d\"} %llu\n", n,
		    (unsigned long long)load(&slot(n)->requests));
	meta(b, "motcua_worker_restarts_total", "counter",
	    "Workers that died and were replaced.");
	buf_printf(b, "motcua_worker_restarts_total %llu\n",
	    (unsigned long long)load(&mx.head->restarts));
	meta(b, "process_start_time_seconds", "gauge",
	    "Start time of the module's parent process, Unix seconds.");
	buf_printf(b, "process_start_time_seconds %llu\n",
	    (unsigned long long)mx.head->started);
	meta(b, "motcua_build_info", "gauge", "The module and its version.");
	buf_printf(b, "motcua_build_info{module=\"%s\",version=\"%s\"} 1\n",
	    mx.mod->name, PACKAGE_VERSION);
	free(sum);
}

enum err
worker_metrics(struct req *r)
{
	if (mx.head == NULL)
		return ERR_INTERNAL;
	buf_reset(&r->body);
	metrics_render(&r->body);
	r->status = 200;
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return ERR_OK;
}
