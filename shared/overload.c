/*
 * Refusing a request that waited too long for a worker (overload.h).
 * Under overload the web server bounds how many requests it hands a
 * module at once; the rest of a burst waits in the socket's backlog, and
 * this is the last guard: what waited longer than max_wait_ms is
 * answered at once with the module's 503, so that the workers spend
 * their time on requests whose callers still wait.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "log.h"
#include "metrics.h"
#include "overload.h"

static long max_wait_ms = OVERLOAD_WAIT_MS;

/* refusals since the last warning, and when it was written */
static struct {
	unsigned long n;
	time_t logged;
} refused;

int
overload_conf(const struct conf *c, const char *path)
{
	long ms = conf_int(c, "max_wait_ms", OVERLOAD_WAIT_MS, 0, 600000);

	if (ms < 0) {
		log_warnx("%s: max_wait_ms: 0 (never refuse) to 600000", path);
		return -1;
	}
	max_wait_ms = ms;
	return 0;
}

long long
overload_stamp_us(const char *s)
{
	long long n = 0, frac = 0, scale = 1000000;
	int digits = 0;

	if (s == NULL)
		return -1;
	while (s[0] == 't' && s[1] == '=')
		s += 2;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (digits >= 17)
			return -1;
		n = n * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (scale > 1) {
				scale /= 10;
				frac += (*s - '0') * scale;
			}
		if (*s != '\0' || digits > 11)
			return -1;
		return n * 1000000 + frac;
	}
	if (*s != '\0')
		return -1;
	/* this century's epoch: 10 digits of seconds, 13 of milliseconds,
	 * 16 of microseconds */
	if (n >= 100000000000000LL)
		return n;
	if (n >= 100000000000LL)
		return n * 1000;
	return n * 1000000;
}

enum err
overload_admit(struct req *r, const char *stamp, long long now_us)
{
	struct timespec ts;
	long long at;

	if (max_wait_ms == 0 || (at = overload_stamp_us(stamp)) < 0)
		return ERR_OK;
	if (now_us == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		now_us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	}
	if (now_us - at <= (long long)max_wait_ms * 1000)
		return ERR_OK;
	/* metrics: refused for overload */
	metrics_refused("overload");
	refused.n++;
	if (time(NULL) - refused.logged >= 10) {
		log_warnx("overload: refused %lu request(s) that waited more "
		          "than max_wait_ms (%ld ms) for a worker",
		    refused.n, max_wait_ms);
		refused.n = 0;
		refused.logged = time(NULL);
	}
	r->retry_after = OVERLOAD_RETRY_AFTER;
	return ERR_BUSY;
}

/* Whether the web server's connection has bytes to read now. */
static int
readable_now(int fd)
{
	struct pollfd p;

	p.fd = fd;
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLIN | POLLHUP)) != 0;
}

/*
 * Ends the request.  libfcgi's close waits up to 2 s for the web server
 * to close first, which under a flood leaves the worker idle with
 * requests queued behind it; once the request's stdin has been read to
 * its end nothing more can come, and the connection is closed at once.
 * When the body was read whole (or there was none), only the empty
 * record that ends stdin is left, which the web server sends with the
 * request.  Otherwise (refused before its body was read) only what has
 * already arrived is read: a client that withholds the body it announced
 * must not hold the worker, and gets libfcgi's own bounded close.
 */
void
overload_finish(FCGX_Request *rq, int body_read)
{
	FCGX_Stream *in = rq->in;
	char trash[4096];
	size_t have;
	int i;

	if (!rq->keepConnection && in != NULL) {
		for (i = 0; i < 1024 && !FCGX_HasSeenEOF(in); i++) {
			have = (size_t)(in->stop - in->rdNext);
			if (have == 0) {
				if ((!body_read && !readable_now(rq->ipcFd)) ||
				    FCGX_GetChar(in) == EOF)
					break;
				continue;
			}
			FCGX_GetStr(trash,
			    (int)(have < sizeof(trash) ? have : sizeof(trash)),
			    in);
		}
		if (FCGX_HasSeenEOF(in) == EOF)
			rq->detached = 1;
	}
	FCGX_Finish_r(rq);
}
