/*
 * A minimal TAP producer for the unit tests (read by automake's
 * tap-driver.sh).  ok() prints one test point; tap_done() the plan.
 */
#ifndef MOTCUA_TAP_H
#define MOTCUA_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	return cond;
}

static inline int
is_str(const char *got, const char *want, const char *what)
{
	int same = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);

	if (!ok(same, "%s", what))
		printf("# got  \"%s\"\n# want \"%s\"\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
