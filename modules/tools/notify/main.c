/*
 * motcua-notify: delivers the outbox of dossier notifications.
 *
 *   motcua-notify [-1fn] [-c file]
 *
 * Reads the [notify] group of the option file and connects with its
 * [client-notify] group as its own account, which may read and mark the
 * outbox and record deliveries and nothing else; to the servers of
 * db_hosts in turn when [notify] lists them, as the modules do.  It then
 * works the outbox one round at a time (outbox.c): at once again while
 * rounds find rows, every poll_ms when they do not; with -1, until none
 * is due, and exits.  SIGTERM and SIGINT end it after the round under way.
 */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "notify.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: motcua-notify [-1fn] [-c file]\n"
	    "  -1, --once  deliver what is due, then exit\n"
	    "  -c file     settings (default %s/motcua/motcua.cnf)\n"
	    "  -f          foreground: log to stderr too\n"
	    "  -n          check the settings and the statements, then exit\n",
	    SYSCONFDIR);
	exit(2);
}

/* A whole-number setting in [min,max], or -1 (logged). */
static long
setting(const struct conf *c, const char *key, long dflt, long min, long max)
{
	long v = conf_int(c, key, dflt, min, max);

	if (v < 0)
		log_warnx(
		    "%s: [notify] %s: %ld to %ld", conf_path(c), key, min, max);
	return v;
}

/* The settings from c into set: 0, or -1 (logged). */
static int
settings(const struct conf *c, struct nt_settings *set)
{
	const char *path = conf_path(c);
	long port, poll, tries, batch, timeout;

	memset(set, 0, sizeof(*set));
	set->public_url = conf_get(c, "public_url", NULL);
	set->smtp_host = conf_get(c, "smtp_host", "127.0.0.1");
	set->smtp_from = conf_get(c, "smtp_from", NULL);
	set->sms_url = conf_get(c, "sms_url", NULL);
	set->sms_body =
	    conf_get(c, "sms_body", "{\"to\":\"{to}\",\"text\":\"{text}\"}");
	set->sms_content_type =
	    conf_get(c, "sms_content_type", "application/json");
	if (set->public_url == NULL || *set->public_url == '\0' ||
	    set->smtp_from == NULL || strpbrk(set->smtp_from, "<>\r\n ")) {
		log_warnx("%s: [notify] needs public_url and smtp_from "
		          "(a plain address)",
		    path);
		return -1;
	}
	if (nt_parse_url(set) < 0) {
		log_warnx("%s: [notify] sms_url: an http:// URL", path);
		return -1;
	}
	if (strpbrk(set->sms_content_type, "\r\n") != NULL) {
		log_warnx("%s: [notify] sms_content_type: one line", path);
		return -1;
	}
	if ((port = setting(c, "smtp_port", 25, 1, 65535)) < 0 ||
	    (poll = setting(c, "poll_ms", 5000, 100, 3600000)) < 0 ||
	    (tries = setting(c, "max_attempts", 10, 1, 1000)) < 0 ||
	    (batch = setting(c, "batch", 20, 1, 500)) < 0 ||
	    (timeout = setting(c, "timeout", 10, 1, 300)) < 0)
		return -1;
	set->smtp_port = (int)port;
	set->poll_ms = poll;
	set->max_attempts = (int)tries;
	set->batch = (int)batch;
	set->timeout = (int)timeout;
	return 0;
}

/*
 * The db_hosts list of [notify] into ds: 0, or -1 (logged) when it is
 * refused, or when the client group sets protocol beside it, which
 * Connector/C reads after our options and which would send an entry
 * elsewhere than it says.
 */
static int
hosts_setting(const struct conf *c, struct db_settings *ds)
{
	const char *list = conf_get(c, "db_hosts", NULL), *why;
	struct conf *client;
	int protocol;

	if (list == NULL)
		return 0;
	if ((why = db_hosts_parse(ds, list)) != NULL) {
		log_warnx("%s: [notify] db_hosts: %s", conf_path(c), why);
		return -1;
	}
	client = conf_load(conf_path(c), ds->group);
	protocol = client != NULL && conf_get(client, "protocol", NULL) != NULL;
	conf_free(client);
	if (protocol) {
		log_warnx("%s: [%s] protocol: not with db_hosts (each entry "
		          "says its own)",
		    conf_path(c), ds->group);
		db_hosts_free(ds);
		return -1;
	}
	return 0;
}

static void
pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL); /* a signal cuts it short */
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, '1' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cfile = SYSCONFDIR "/motcua/motcua.cnf";
	struct db_settings ds;
	struct nt_settings set;
	struct sigaction sa;
	struct conf *conf;
	struct db *db;
	int opt, once = 0, fg = 0, check = 0, rc, rounds;

	while ((opt = getopt_long(argc, argv, "1c:fn", longopts, NULL)) != -1)
		switch (opt) {
		case '1':
			once = 1;
			break;
		case 'c':
			cfile = optarg;
			break;
		case 'f':
			fg = 1;
			break;
		case 'n':
			check = 1;
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	log_init("motcua-notify", fg || once || check);
	if ((conf = conf_load(cfile, "notify")) == NULL ||
	    settings(conf, &set) < 0)
		return 1;
	memset(&ds, 0, sizeof(ds));
	ds.file = conf_path(conf);
	ds.group = "client-notify";
	ds.connect_timeout = 5;
	ds.rw_timeout = 30;
	ds.lock_wait_timeout = 5;
	ds.statement_timeout = 28;
	ds.own_only = 1; /* none of the modules' statements: no rights */
	if (hosts_setting(conf, &ds) < 0) {
		conf_free(conf);
		return 1;
	}
	db = db_new(&ds, nt_sql, nt_nsql);
	db_shapes(db, nt_shapes);
	if (check) {
		rc = db_connect(db);
		printf("motcua-notify: settings checked; statements %s\n",
		    rc == DB_OK ? "prepared and checked"
		                : "not checked (no database)");
		db_free(db);
		db_hosts_free(&ds);
		conf_free(conf);
		return rc == DB_OK ? 0 : 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	log_info("started%s", once ? " (once)" : "");
	rc = 0;
	/* bounded even with -1: a round takes only due rows, and marks
	 * each it takes, so it ends long before */
	for (rounds = 0; !stopping && (!once || rounds < 100000); rounds++) {
		struct arena a;
		int n;

		arena_init(&a);
		n = nt_round(db, &a, &set);
		arena_free(&a);
		if (n < 0) {
			log_warnx("round failed (%d)", n);
			rc = 1;
			if (once)
				break;
		} else if (n == 0 && once)
			break;
		if (n <= 0)
			pause_ms(set.poll_ms);
	}
	db_free(db);
	db_hosts_free(&ds);
	conf_free(conf);
	return rc;
}
