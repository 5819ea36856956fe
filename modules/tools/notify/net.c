/*
 * Plain TCP for the two delivery clients: a connection made within a
 * timeout (non-blocking connect, then poll), writes and reads that each
 * wait at most the timeout.  No TLS: the relay and the gateway are on
 * loopback or the province's own network (motcua-notify(8)).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "notify.h"

static int
wait_for(int fd, short ev, int timeout)
{
	struct pollfd p = { fd, ev, 0 };
	int n;

	do
		n = poll(&p, 1, timeout * 1000);
	while (n < 0 && errno == EINTR);
	return n == 1 ? 0 : -1;
}

static int
connect_one(const struct addrinfo *ai, int timeout)
{
	int fd, err = 0;
	socklen_t len = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		goto fail;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		if (errno != EINPROGRESS ||
		    wait_for(fd, POLLOUT, timeout) < 0 ||
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 ||
		    err != 0)
			goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

int
nt_connect(const char *host, int port, int timeout)
{
	struct addrinfo hints, *res, *ai;
	char serv[8];
	int fd = -1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(serv, sizeof(serv), "%d", port);
	if (getaddrinfo(host, serv, &hints, &res) != 0)
		return -1;
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
		fd = connect_one(ai, timeout);
	freeaddrinfo(res);
	return fd;
}

int
nt_write(int fd, const char *s, size_t len, int timeout)
{
	ssize_t n;

	while (len > 0) {
		if (wait_for(fd, POLLOUT, timeout) < 0)
			return -1;
		n = send(fd, s, len, MSG_NOSIGNAL);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

long
nt_read(int fd, char *s, size_t cap, int timeout)
{
	ssize_t n;

	for (;;) {
		if (wait_for(fd, POLLIN, timeout) < 0)
			return -1;
		n = recv(fd, s, cap, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return n < 0 ? -1 : (long)n;
	}
}
