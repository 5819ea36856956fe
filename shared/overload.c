/*
 * Refusing a request that waited too long for a worker (overload.h).
 * Under overload the web server bounds how many requests it hands a
 * module at once; the rest of a burst waits in the socket's backlog, and
 * this is the last guard: what waited longer than max_wait_ms is
 * answered at once with the module's 503, so that the workers spend
 * their time on requests whose callers still wait.
 */
#include "config.h"

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

void
overload_finish(FCGX_Request *rq)
{
	char trash[4096];

	if (!rq->keepConnection && rq->in != NULL) {
		while (FCGX_GetStr(trash, sizeof(trash), rq->in) > 0)
			;
		/* nothing more comes: close without waiting for the peer */
		if (FCGX_HasSeenEOF(rq->in) == EOF)
			rq->detached = 1;
	}
	FCGX_Finish_r(rq);
}
