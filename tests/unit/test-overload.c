/*
 * The overload guard: the web servers' request stamps parsed, and a
 * request refused with 503 and Retry-After once it waited longer than
 * max_wait_ms, admitted otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "overload.h"
#include "req.h"
#include "tap.h"

static char path[4096];

static void
settings(const char *text)
{
	struct conf *c;
	FILE *f;

	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	if ((c = conf_load(path, "residence")) == NULL) {
		fprintf(stderr, "%s: not read\n", path);
		exit(1);
	}
	ok(overload_conf(c, path) == 0, "settings taken: %s",
	    strchr(text, '\n') + 1);
	conf_free(c);
}

static void
stamps(void)
{
	ok(overload_stamp_us("t=1764662400.123") == 1764662400123000LL,
	    "nginx's t=${msec}: seconds and milliseconds");
	ok(overload_stamp_us("t=1764662400123456") == 1764662400123456LL,
	    "Apache's %%t: t= and microseconds");
	ok(overload_stamp_us("t=t=1764662400123456") == 1764662400123456LL,
	    "t= given twice (\"t=%%t\")");
	ok(overload_stamp_us("1764662400123") == 1764662400123000LL,
	    "milliseconds");
	ok(overload_stamp_us("1764662400") == 1764662400000000LL,
	    "whole seconds");
	ok(overload_stamp_us("1764662400.5") == 1764662400500000LL,
	    "a fraction of one digit");
	ok(overload_stamp_us("1764662400.1234567") == 1764662400123456LL,
	    "a fraction past microseconds is cut");
	ok(overload_stamp_us(NULL) == -1, "no stamp");
	ok(overload_stamp_us("") == -1, "an empty stamp");
	ok(overload_stamp_us("t=") == -1, "t= alone");
	ok(overload_stamp_us("t=12x") == -1, "trailing garbage");
	ok(overload_stamp_us("-5") == -1, "a sign");
	ok(overload_stamp_us("t=123456789012345678") == -1, "too many digits");
	ok(overload_stamp_us("123456789012.5") == -1,
	    "too many digits of seconds before a fraction");
}

static void
admit(void)
{
	struct req r;
	long long now = 1764662400000000LL;

	memset(&r, 0, sizeof(r));
	ok(overload_admit(&r, "t=1764662399.500", now) == ERR_OK,
	    "500 ms waited: admitted under the default of %d ms",
	    OVERLOAD_WAIT_MS);
	ok(overload_admit(&r, "t=1764662398.999", now) == ERR_BUSY,
	    "1001 ms waited: refused");
	ok(r.retry_after == OVERLOAD_RETRY_AFTER, "with Retry-After %d",
	    OVERLOAD_RETRY_AFTER);
	memset(&r, 0, sizeof(r));
	ok(overload_admit(&r, "t=1764662399000000", now) == ERR_OK,
	    "exactly the limit: admitted");
	ok(overload_admit(&r, "t=1764662460.000", now) == ERR_OK,
	    "a stamp in the future: admitted");
	ok(overload_admit(&r, NULL, now) == ERR_OK, "no stamp: admitted");
	ok(overload_admit(&r, "garbage", now) == ERR_OK,
	    "a malformed stamp: admitted");
	ok(r.retry_after == 0, "and no Retry-After set");
	ok(overload_admit(&r, "t=1", 0) == ERR_BUSY,
	    "a stamp of 1970, against the clock: refused");

	settings("[residence]\nmax_wait_ms = 100\n");
	ok(overload_admit(&r, "t=1764662399.950", now) == ERR_OK,
	    "50 ms waited: admitted");
	ok(overload_admit(&r, "t=1764662399.850", now) == ERR_BUSY,
	    "150 ms waited: refused");
	settings("[residence]\nmax_wait_ms = 0\n");
	ok(overload_admit(&r, "t=1", 0) == ERR_OK,
	    "max_wait_ms 0: never refused");
}

static void
ranges(void)
{
	struct conf *c;
	FILE *f;

	if ((f = fopen(path, "w")) == NULL ||
	    fputs("[residence]\nmax_wait_ms = 600001\n", f) == EOF ||
	    fclose(f) != 0 || (c = conf_load(path, "residence")) == NULL) {
		perror(path);
		exit(1);
	}
	ok(overload_conf(c, path) == -1, "max_wait_ms above 600000: refused");
	conf_free(c);
}

int
main(void)
{
	snprintf(path, sizeof(path), "%s/test-overload.%d.cnf",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp",
	    (int)getpid());
	stamps();
	admit();
	ranges();
	unlink(path);
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
