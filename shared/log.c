/*
 * Logging: syslog (spawn-fcgi sends stderr to /dev/null) and, when the
 * process runs in the foreground, stderr as well.  Messages are prefixed
 * with the function that logged them.
 *
 * The syslog datagrams are written here rather than by syslog(3): where
 * nothing listens on /dev/log, glibc's syslog() creates, connects and
 * closes a socket for every line, which costs a request more than the
 * rest of its answer.  Here a failed connection is tried again at most
 * once a second, and the socket is kept while it works.  A line is one
 * datagram, "<pri>Mmm dd hh:mm:ss ident[pid]: message", as syslog(3)
 * sends it.  MOTCUA_SYSLOG names another socket than /dev/log (a
 * container's, a test's).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#ifndef LOG_SOCKET
#define LOG_SOCKET "/dev/log"
#endif

static int log_fg;
static int log_verbose;

static struct {
	int fd; /* connected to LOG_SOCKET, or -1 */
	int stream; /* SOCK_STREAM (a NUL ends each line) */
	time_t retry; /* no new connection before this second */
	pid_t pid; /* this process's, refreshed in a forked child */
	char ident[48];
	char path[108]; /* sun_path's size on Linux */
	time_t stamp_at; /* the second stamp[] shows */
	char stamp[32];
} sl = { -1, 0, 0, 0, "", "", (time_t)-1, "" };

static void
log_forked(void)
{
	sl.pid = getpid();
}

static void
sl_close(void)
{
	if (sl.fd >= 0)
		close(sl.fd);
	sl.fd = -1;
}

/* Connects to the syslog socket unless a try failed this very second. */
static void
sl_open(time_t now)
{
	struct sockaddr_un sa;
	int type;

	if (sl.fd >= 0 || now < sl.retry)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, sl.path, sizeof(sa.sun_path) - 1);
	for (type = SOCK_DGRAM;; type = SOCK_STREAM) {
		sl.fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		if (sl.fd < 0)
			break;
		if (connect(sl.fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
			sl.stream = type == SOCK_STREAM;
			return;
		}
		sl_close();
		if (errno != EPROTOTYPE || type == SOCK_STREAM)
			break;
	}
	sl.retry = now + 1;
}

static void
sl_send(int pri, const char *func, const char *msg)
{
	char line[1200];
	time_t now = time(NULL);
	struct tm tm;
	int n, again;

	sl_open(now);
	if (sl.fd < 0)
		return;
	if (now != sl.stamp_at) {
		localtime_r(&now, &tm);
		if (strftime(
		        sl.stamp, sizeof(sl.stamp), "%b %e %H:%M:%S", &tm) == 0)
			sl.stamp[0] = '\0';
		sl.stamp_at = now;
	}
	n = snprintf(line, sizeof(line), "<%d>%s %s[%d]: %s%s%s",
	    pri | LOG_DAEMON, sl.stamp, sl.ident, (int)sl.pid,
	    func != NULL ? func : "", func != NULL ? ": " : "", msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	/* a stream socket reads up to a NUL */
	for (again = 0; again < 2; again++) {
		if (send(sl.fd, line, (size_t)n + (size_t)sl.stream,
		        MSG_NOSIGNAL) >= 0)
			return;
		/* the daemon restarted: one new connection, at once */
		sl_close();
		sl.retry = 0;
		sl_open(now);
		if (sl.fd < 0)
			return;
	}
}

void
log_init(const char *ident, int foreground)
{
	static int forks_seen;
	const char *path = getenv("MOTCUA_SYSLOG");

	/* MOTCUA_STDERR: also to stderr, for servers that keep it (Apache
	 * mod_fcgid puts it in its error log) */
	log_fg = foreground || getenv("MOTCUA_STDERR") != NULL;
	log_verbose = getenv("MOTCUA_DEBUG") != NULL;
	snprintf(sl.ident, sizeof(sl.ident), "%s", ident);
	snprintf(sl.path, sizeof(sl.path), "%s",
	    path != NULL && *path != '\0' ? path : LOG_SOCKET);
	sl.pid = getpid();
	if (!forks_seen++)
		pthread_atfork(NULL, NULL, log_forked);
	sl_close();
	sl.retry = 0;
	sl_open(time(NULL));
}

static void
vlog(int pri, const char *func, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	sl_send(pri, func, msg);
	if (log_fg) {
		if (func != NULL)
			fprintf(
			    stderr, "[%d] %s: %s\n", (int)sl.pid, func, msg);
		else
			fprintf(stderr, "[%d] %s\n", (int)sl.pid, msg);
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
