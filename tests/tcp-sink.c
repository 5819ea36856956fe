/*
 * tcp-sink PORTFILE SECONDS: a loopback listener that counts who knocks.
 *
 * Binds 127.0.0.1 on a port the kernel picks, writes the port number to
 * PORTFILE (atomically: written beside it, then renamed), accepts and at
 * once closes every connection, and after SECONDS, or on SIGTERM or SIGINT,
 * prints the number of connections it accepted and exits 0.  The hostile
 * XML tests point external entities, DTDs and schema locations at it and
 * expect 0.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	stop = 1;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
write_port(const char *path, unsigned port)
{
	size_t n = strlen(path) + 8;
	char *tmp = malloc(n);
	FILE *f;
	int ok;

	if (tmp == NULL)
		return -1;
	snprintf(tmp, n, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL) {
		free(tmp);
		return -1;
	}
	ok = fprintf(f, "%u\n", port) > 0;
	ok = fclose(f) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	free(tmp);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	struct sigaction act;
	sigset_t block, wait_mask;
	unsigned long count = 0;
	long seconds, deadline;
	char *end;
	int s, one = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: tcp-sink PORTFILE SECONDS\n");
		return 2;
	}
	seconds = strtol(argv[2], &end, 10);
	if (*argv[2] == '\0' || *end != '\0' || seconds < 1 ||
	    seconds > 86400) {
		fprintf(stderr, "tcp-sink: SECONDS must be 1 to 86400\n");
		return 2;
	}
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	/* the signals are delivered only inside ppoll(): none is lost */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);

	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0) {
		perror("tcp-sink: socket");
		return 1;
	}
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(s, 64) < 0 ||
	    getsockname(s, (struct sockaddr *)&sa, &len) < 0) {
		perror("tcp-sink: bind");
		return 1;
	}
	if (write_port(argv[1], ntohs(sa.sin_port)) < 0) {
		perror("tcp-sink: port file");
		return 1;
	}

	deadline = now_ms() + seconds * 1000;
	while (!stop) {
		struct pollfd p = { s, POLLIN, 0 };
		struct timespec ts;
		long left = deadline - now_ms();
		int c;

		if (left <= 0)
			break;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (left % 1000) * 1000000;
		if (ppoll(&p, 1, &ts, &wait_mask) <= 0)
			continue;
		if ((c = accept(s, NULL, NULL)) >= 0) {
			count++;
			close(c);
		} else if (errno != EINTR && errno != EAGAIN &&
		    errno != ECONNABORTED) {
			perror("tcp-sink: accept");
			break;
		}
	}
	close(s);
	printf("%lu\n", count);
	return 0;
}
