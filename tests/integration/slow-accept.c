/*
 * An LD_PRELOAD shim for t-worker: accept() first creates the file
 * MOTCUA_ACCEPT_MARK.PID (when that is set), waits MOTCUA_ACCEPT_DELAY_MS
 * milliseconds, whole (a signal does not cut the wait short), then
 * accepts.  It holds a worker in the moment between
 * its check of the stop flag and the accept() itself, where a SIGTERM
 * used to leave it waiting for ever once no parent was there to say it
 * again.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int
accept(int fd, struct sockaddr *sa, socklen_t *len)
{
	static int (*real)(int, struct sockaddr *, socklen_t *);
	const char *ms = getenv("MOTCUA_ACCEPT_DELAY_MS");
	const char *mark = getenv("MOTCUA_ACCEPT_MARK");
	struct timespec t;
	char path[4096];
	long v;
	int m;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "accept");
	if (mark != NULL &&
	    snprintf(path, sizeof(path), "%s.%ld", mark, (long)getpid()) <
	        (int)sizeof(path) &&
	    (m = open(path, O_WRONLY | O_CREAT, 0600)) >= 0)
		close(m);
	if (ms != NULL && (v = strtol(ms, NULL, 10)) > 0) {
		t.tv_sec = v / 1000;
		t.tv_nsec = (v % 1000) * 1000000L;
		while (nanosleep(&t, &t) < 0 && errno == EINTR)
			;
	}
	return real(fd, sa, len);
}
