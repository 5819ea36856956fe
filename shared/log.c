/*
 * Logging: syslog (spawn-fcgi sends stderr to /dev/null) and, when the
 * process runs in the foreground, stderr as well.  Messages are prefixed
 * with the function that logged them.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"

static int log_fg;
static int log_verbose;

void
log_init(const char *ident, int foreground)
{
	/* MOTCUA_STDERR: also to stderr, for servers that keep it (Apache
	 * mod_fcgid puts it in its error log) */
	log_fg = foreground || getenv("MOTCUA_STDERR") != NULL;
	log_verbose = getenv("MOTCUA_DEBUG") != NULL;
	openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

static void
vlog(int pri, const char *func, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (func != NULL)
		syslog(pri, "%s: %s", func, msg);
	else
		syslog(pri, "%s", msg);
	if (log_fg) {
		if (func != NULL)
			fprintf(
			    stderr, "[%d] %s: %s\n", (int)getpid(), func, msg);
		else
			fprintf(stderr, "[%d] %s\n", (int)getpid(), msg);
	}
}

void
log_warnx_(const char *func, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, func, fmt, ap);
	va_end(ap);
}

void
log_info_(const char *func, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, func, fmt, ap);
	va_end(ap);
}

void
log_debug_(const char *func, const char *fmt, ...)
{
	va_list ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, func, fmt, ap);
	va_end(ap);
}

void
log_access(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, NULL, fmt, ap);
	va_end(ap);
}

void
fatal_(const char *func, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, func, fmt, ap);
	va_end(ap);
	if (!log_fg) {
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	exit(1);
}

char *
log_escape(char *dst, size_t dstsz, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (dstsz == 0)
		return dst;
	for (; src != NULL && *src != '\0'; src++) {
		unsigned char c = (unsigned char)*src;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = (char)c;
		} else {
			if (o + 4 >= dstsz)
				break;
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	dst[o] = '\0';
	return dst;
}
