/*
 * Process model.
 *
 * The parent never serves: it forks the workers, replaces one that dies
 * (with a pause if they die faster than one a second), and on SIGTERM or
 * SIGINT passes SIGTERM on and waits for every worker.  A worker blocks
 * SIGTERM while it serves a request, so the request in hand is finished;
 * between requests the signal interrupts the accept (FCGI_FAIL_ACCEPT_ON_INTR)
 * and the worker exits 0.  The settings are read and checked once, before
 * any fork, by the same code for -n and for the real run; each worker then
 * runs the same start-up sequence -n runs, and serves (serve.c).
 */
#include "config.h"

#include <sys/prctl.h>
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

#include "breaker.h"
#include "budget.h"
#include "conf.h"
#include "db.h"
#include "form.h"
#include "listen.h"
#include "log.h"
#include "metrics.h"
#include "overload.h"
#include "page.h"
#include "route.h"
#include "serve.h"
#include "worker.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

#define WORKERS_MAX 256

struct opts {
	const char *cfile;
	const char *listen; /* NULL: fd 0 */
	int fg;
	int check; /* -n */
	int nworkers;
};

/* The settings, read and checked once; every worker inherits them. */
static struct {
	struct conf *conf; /* the module's group */
	struct serve_limits lim;
	long cpu_budget_ms;
	char db_group[64]; /* "client-<module>" */
	struct db_settings db;
	struct db_settings replica; /* nhosts 0: no db_replica */
	long replica_max_lag;
} set;

static volatile sig_atomic_t stopping;
/*
 * A worker's listening socket while it may wait in accept(), else -1.
 * on_stop() closes it: a SIGTERM that comes after the worker's check of
 * stopping but before its accept() then makes that accept() fail
 * (EBADF) rather than wait for ever, as it would when the parent was
 * killed outright and told the worker only once (PR_SET_PDEATHSIG).
 */
static volatile sig_atomic_t accept_fd = -1;
/* the parent's: the prober opened the breaker; pass it on */
static volatile sig_atomic_t cut_pending;
static int nprober = -1; /* the prober's slot: after the workers' */
static const struct module *mod;
/* a worker's handles, for the breaker's cut (on_cut) */
static struct db *cut_db, *cut_rdb;

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
	/*
	 * Not FCGX_ShutdownPending(): with libfcgi's flag set, an accept()
	 * that follows a connection it dropped (nothing read from it within
	 * 2 s, or the wait for it cut by this signal) is skipped, and
	 * OS_Accept() polls and closes the dropped socket again, for ever,
	 * at full speed.  Closing the listening socket ends the accept()
	 * instead (EBADF).
	 */
	if (accept_fd >= 0) {
		close(accept_fd); /* the other workers keep theirs */
		accept_fd = -1;
	}
}

/*
 * SIGUSR1, the breaker opened: in the parent, to pass on to the workers;
 * in a worker, the requests in hand are cut (their connections' sockets
 * shut down), so that none waits out db_timeout.
 */
static void
on_cut(int sig)
{
	if (cut_db == NULL && cut_rdb == NULL) {
		cut_pending = 1;
		return;
	}
	db_cut(cut_db);
	db_cut(cut_rdb);
}

/* The parent's: a worker died; only to end sigsuspend(). */
static void
on_child(int sig)
{
}

/* The signals the parent waits for, blocked but while it waits. */
static void
parent_signals(sigset_t *s)
{
	sigemptyset(s);
	sigaddset(s, SIGTERM);
	sigaddset(s, SIGINT);
	sigaddset(s, SIGCHLD);
	sigaddset(s, SIGUSR1);
}

/* The parent's and each worker's: no SA_RESTART, to interrupt a wait or an
 * accept. */
static void
catch_stop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* restarted: the cut must not end a worker's accept(); a read on
	 * the database's socket returns anyway, the socket shut down */
	sa.sa_handler = on_cut;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* Whether the file has the database connection's own group, with its user. */
static int
db_group_ok(const char *path)
{
	struct conf *db;
	int has;

	db = conf_load(path, set.db_group);
	has = db != NULL && conf_get(db, "user", NULL) != NULL;
	if (!has)
		log_warnx("%s: no [%s] group with the database user", path,
		    set.db_group);
	/* Connector/C reads the group after our options: its protocol
	 * would send a db_hosts entry elsewhere than it says */
	if (has && (set.db.nhosts > 0 || set.replica.nhosts > 0) &&
	    conf_get(db, "protocol", NULL) != NULL) {
		log_warnx("%s: [%s] protocol: not with db_hosts or db_replica "
		          "(each entry says its own)",
		    path, set.db_group);
		has = 0;
	}
	conf_free(db);
	return has ? 0 : -1;
}

/* Reads and checks the settings into set; -1 (logged) when they are not
 * valid. */
static int
settings_load(const char *path)
{
	long body, fields, flen, ct, rw;
	const char *why, *hosts;

	if ((set.conf = conf_load(path, mod->name)) == NULL)
		return -1;
	body = conf_int(set.conf, "max_body", 65536, 1, 64L * 1024 * 1024);
	fields = conf_int(set.conf, "max_fields", 32, 1, FORM_MAXKV);
	flen = conf_int(set.conf, "max_field_length", 2048, 16, 1L << 20);
	if (body < 0 || fields < 0 || flen < 0) {
		log_warnx("%s: [%s] max_body, max_fields or max_field_length "
		          "out of range",
		    path, mod->name);
		return -1;
	}
	set.lim.max_body = (size_t)body;
	set.lim.form.max_fields = (size_t)fields;
	set.lim.form.max_len = (size_t)flen;
	set.lim.citizen_param =
	    conf_get(set.conf, "citizen_param", "MOTCUA_CITIZEN");
	if (strncasecmp(set.lim.citizen_param, "HTTP_", 5) == 0 ||
	    *set.lim.citizen_param == '\0') {
		/* HTTP_* parameters are the client's own request headers */
		log_warnx("%s: [%s] citizen_param %s: a parameter the web "
		          "server sets after its sign-on, never HTTP_* (a "
		          "client's request header)",
		    path, mod->name, set.lim.citizen_param);
		return -1;
	}
	ct = conf_int(set.conf, "db_connect_timeout", 3, 1, 60);
	rw = conf_int(set.conf, "db_timeout", 30, 1, 600);
	if (ct < 0 || rw < 0) {
		log_warnx("%s: db timeouts out of range", path);
		return -1;
	}
	set.cpu_budget_ms = conf_int(
	    set.conf, "cpu_budget_ms", BUDGET_DEFAULT_MS, 0, 3600L * 1000);
	if (set.cpu_budget_ms < 0) {
		log_warnx("%s: [%s] cpu_budget_ms: 0 (none) to 3600000", path,
		    mod->name);
		return -1;
	}
	if (overload_conf(set.conf, path) < 0)
		return -1;
	snprintf(set.db_group, sizeof(set.db_group), "client-%s", mod->name);
	set.db.file = conf_path(set.conf);
	set.db.group = set.db_group;
	set.db.connect_timeout = (unsigned)ct;
	set.db.rw_timeout = (unsigned)rw;
	set.db.lock_wait_timeout = 5;
	set.db.statement_timeout = rw > 2 ? (unsigned)rw - 2 : 1;
	if ((hosts = conf_get(set.conf, "db_hosts", NULL)) != NULL &&
	    (why = db_hosts_parse(&set.db, hosts)) != NULL) {
		log_warnx("%s: [%s] db_hosts: %s", path, mod->name, why);
		return -1;
	}
	set.replica = set.db;
	set.replica.nhosts = 0;
	if ((hosts = conf_get(set.conf, "db_replica", NULL)) != NULL &&
	    ((why = db_hosts_parse(&set.replica, hosts)) != NULL ||
	        (set.replica.nhosts != 1 &&
	            (why = "one server, not a list")))) {
		log_warnx("%s: [%s] db_replica: %s", path, mod->name, why);
		return -1;
	}
	/* short limits: a replica that does not answer is left for the
	 * primary, not waited for */
	set.replica.connect_timeout = 1;
	set.replica.rw_timeout = 5;
	set.replica.statement_timeout = 3;
	set.replica_max_lag =
	    conf_int(set.conf, "db_replica_max_lag", 5, 0, 3600);
	if (set.replica_max_lag < 0) {
		log_warnx("%s: [%s] db_replica_max_lag: 0 to 3600 seconds",
		    path, mod->name);
		return -1;
	}
	if (db_group_ok(path) < 0)
		return -1;
	if ((why = metrics_allow_check(conf_get(
	         set.conf, "metrics_allow", METRICS_ALLOW_DEFAULT))) != NULL) {
		log_warnx("%s: [%s] metrics_allow: %s", path, mod->name, why);
		return -1;
	}
	if (mod->pages && page_load(set.conf, mod->name) < 0)
		return -1;
	return mod->check != NULL ? mod->check(set.conf) : 0;
}

/* The start-up sequence, in each worker and for -n: the field patterns,
 * the route table, the module's own objects.  0, or -1 when the module's
 * init fails; a broken route table is fatal in route_init(). */
static int
start_up(void)
{
	valid_init();
	route_init(mod->routes, mod->nroutes, mod->fields, mod->nfields);
	return mod->init != NULL ? mod->init(set.conf) : 0;
}

/*
 * For -n: when the database answers, every statement is prepared and
 * checked against its fetcher's shape (a mismatch is fatal); when it
 * does not, the settings alone were checked, and -n says so.  -1 when a
 * statement does not prepare (a schema not migrated, a missing right).
 */
static int
check_statements(void)
{
	struct db *db = db_new(&set.db, mod->sql, mod->nsql);
	int rc;

	db_shapes(db, mod->shapes);
	rc = db_connect(db);
	db_free(db);
	if (rc == DB_GONE) {
		fprintf(stderr,
		    "%s.fcgi: the database does not answer: statements "
		    "not checked\n",
		    mod->name);
		return 0;
	}
	if (rc != DB_OK) {
		fprintf(stderr,
		    "%s.fcgi: a statement does not prepare (see above)\n",
		    mod->name);
		return -1;
	}
	printf("%s: statements prepared and checked\n", mod->name);
	return 0;
}

static void
worker_run(int sock, int n)
{
	FCGX_Request rq;
	sigset_t term, old;
	struct db *db, *rdb = NULL;

	catch_stop();
	signal(SIGCHLD, SIG_DFL);
	/* forked with the parent's signals blocked: a SIGTERM sent since
	 * is pending, and stops the worker now */
	parent_signals(&term);
	sigprocmask(SIG_UNBLOCK, &term, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the parent */
	metrics_worker(n);

	if (start_up() < 0)
		fatal("%s: cannot initialise", mod->name);
	db = db_new(&set.db, mod->sql, mod->nsql);
	db_shapes(db, mod->shapes);
	if (db_connect(db) != DB_OK)
		log_warnx("database unavailable at start; will retry per "
		          "request");
	budget_init(mod, set.conf, set.cpu_budget_ms);
	serve_init(mod, set.conf, &set.lim, db);
	cut_db = db;
	if (set.replica.nhosts > 0) {
		/* the same statements: a replica's are the primary's; the
		 * routes that use it only read */
		rdb = db_new(&set.replica, mod->sql, mod->nsql);
		db_shapes(rdb, mod->shapes);
		serve_replica(rdb, set.replica_max_lag);
		cut_rdb = rdb;
	}

	if (FCGX_Init() != 0)
		fatal("FCGX_Init");
	FCGX_InitRequest(&rq, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	accept_fd = sock; /* on_stop() closes it; never inside serve() */
	while (!stopping) {
		if (FCGX_Accept_r(&rq) < 0)
			break;
		sigprocmask(SIG_BLOCK, &term, &old);
		serve(&rq);
		overload_finish(&rq, serve_stdin_done());
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	db_free(db);
	db_free(rdb);
	exit(0);
}

/* The prober's process (breaker.c): beside the workers, replaced as they
 * are. */
static void
prober_run(void)
{
	sigset_t term;

	catch_stop();
	signal(SIGCHLD, SIG_DFL);
	signal(SIGUSR1, SIG_IGN);
	parent_signals(&term);
	sigprocmask(SIG_UNBLOCK, &term, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* its name in ps, apart from the workers */
	prctl(PR_SET_NAME, "prober");
	breaker_run(&set.db, set.replica.nhosts > 0 ? mod->name : NULL,
	    (volatile int *)&stopping);
}

/* Forks the worker of slot n (the metrics' slot it writes); slot
 * nworkers is the prober's. */
static pid_t
spawn(int sock, int n)
{
	pid_t pid = fork();

	if (pid == 0 && n == nprober)
		prober_run();
	if (pid == 0)
		worker_run(sock, n);
	if (pid < 0)
		log_warnx("fork: %s", strerror(errno));
	return pid;
}

/*
 * Keeps nworkers alive until SIGTERM or SIGINT, then stops them all.
 * The signals stay blocked but while sigsuspend() waits, so that one
 * arriving between the check of stopping and the wait is not lost (a
 * SIGTERM just after start-up left the parent waiting for ever).
 */
static void
supervise(int sock, int nworkers)
{
	pid_t pids[WORKERS_MAX + 1];
	time_t last_death = 0;
	sigset_t block, waiting;
	struct sigaction sa;
	int i, alive, tries, nchild = nworkers + 1;

	catch_stop();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	parent_signals(&block);
	sigprocmask(SIG_BLOCK, &block, &waiting);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGINT);
	sigdelset(&waiting, SIGCHLD);
	sigdelset(&waiting, SIGUSR1);
	log_info("serving with %d workers", nworkers);
	metrics_init(mod, nworkers);
	if (breaker_init() < 0)
		fatal("breaker: %s", strerror(errno));
	nprober = nworkers;
	for (i = 0; i < nchild; i++)
		pids[i] = spawn(sock, i);
	while (!stopping) {
		int status;
		pid_t pid;

		if (cut_pending) {
			/* the breaker opened: the workers cut what they wait
			 * on */
			cut_pending = 0;
			for (i = 0; i < nworkers; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGUSR1);
		}
		pid = waitpid(-1, &status, WNOHANG);

		if (pid == 0) {
			sigsuspend(&waiting);
			continue;
		}
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			/* no worker (none could be forked): try again in a
			 * second, a signal still heard meanwhile */
			sigprocmask(SIG_SETMASK, &waiting, NULL);
			sleep(1);
			sigprocmask(SIG_BLOCK, &block, NULL);
		}
		for (i = 0; i < nchild; i++) {
			if (pids[i] > 0 && pids[i] != pid)
				continue;
			if (pids[i] == pid && !stopping) {
				log_warnx("%s %d died (%s %d); replacing",
				    i == nprober ? "the prober" : "worker",
				    (int)pid,
				    WIFSIGNALED(status) ? "signal" : "status",
				    WIFSIGNALED(status) ? WTERMSIG(status)
				                        : WEXITSTATUS(status));
				if (i < nworkers)
					metrics_worker_died(i);
			}
			if (stopping)
				break;
			if (time(NULL) == last_death)
				sleep(1); /* do not spin on a crash loop */
			last_death = time(NULL);
			pids[i] = spawn(sock, i);
		}
	}
	for (i = 0; i < nchild; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	/*
	 * A worker finishes the request in hand, then stops.  One whose
	 * SIGTERM came between its check and its accept() would wait there
	 * for ever: it is told again every second, and killed after 30.
	 */
	for (tries = 0, alive = 1; alive; tries++) {
		alive = 0;
		for (i = 0; i < nchild; i++) {
			pid_t r;

			if (pids[i] <= 0)
				continue;
			r = waitpid(pids[i], NULL, WNOHANG);
			if (r == pids[i] || (r < 0 && errno != EINTR))
				pids[i] = 0;
			else {
				alive = 1;
				if (tries % 10 == 9)
					kill(pids[i],
					    tries >= 300 ? SIGKILL : SIGTERM);
			}
		}
		if (alive)
			usleep(100000);
	}
}

/* Fills o from the environment and argv; -1 to go on, or the exit status. */
static int
opts_parse(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int ch;

	memset(o, 0, sizeof(*o));
	o->cfile = SYSCONFDIR "/motcua/motcua.cnf";
	o->nworkers = 2;
	/* defaults from the environment, for servers that spawn us with no
	 * arguments (Apache mod_fcgid: FcgidInitialEnv) */
	if (getenv("MOTCUA_CONF") != NULL && *getenv("MOTCUA_CONF") != '\0')
		o->cfile = getenv("MOTCUA_CONF");
	if (getenv("MOTCUA_WORKERS") != NULL) {
		o->nworkers = (int)strtol(getenv("MOTCUA_WORKERS"), &end, 10);
		if (*end != '\0' || o->nworkers < 1 ||
		    o->nworkers > WORKERS_MAX)
			o->nworkers = 2;
	}
	while ((ch = getopt_long(argc, argv, "c:fhn", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->cfile = optarg;
			break;
		case 'f':
			o->fg = 1;
			break;
		case 'n':
			o->check = 1;
			break;
		case 'l':
			o->listen = optarg;
			break;
		case 'w':
			o->nworkers = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o->nworkers < 1 ||
			    o->nworkers > WORKERS_MAX) {
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
	return -1;
}

int
worker_main(const struct module *m, int argc, char **argv)
{
	struct opts o;
	int rc, sock;

	mod = m;
	if ((rc = opts_parse(&o, argc, argv)) >= 0)
		return rc;
	log_init(m->name, o.fg || o.check);
	if (settings_load(o.cfile) < 0) {
		fprintf(stderr, "%s.fcgi: %s: settings are not valid\n",
		    m->name, o.cfile);
		return 1;
	}
	if (o.check) {
		if (start_up() < 0) {
			fprintf(
			    stderr, "%s.fcgi: cannot initialise\n", m->name);
			return 1;
		}
		if (check_statements() < 0)
			return 1;
		printf("%s: configuration ok\n", o.cfile);
		return 0;
	}
	if ((sock = listen_open(mod->name, o.listen)) < 0)
		return 1;
	supervise(sock, o.nworkers);
	if (o.listen != NULL && o.listen[0] == '/')
		unlink(o.listen);
	log_info("stopped");
	conf_free(set.conf);
	return 0;
}
