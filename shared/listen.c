/*
 * The module's listening socket: the one on fd 0 (spawn-fcgi, mod_fcgid,
 * a systemd socket unit), or one opened for --listen.  A Unix socket is
 * bound under a temporary name and renamed into place once it listens; a
 * TCP socket binds loopback unless the address says otherwise, and then
 * only with FCGI_WEB_SERVER_ADDRS: FastCGI has no authentication of its
 * own, so only the web server may reach its socket.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "listen.h"

/* connections the kernel holds for the workers to take; see
 * motcua-deploy(7) */
#define LISTEN_BACKLOG 1024

/*
 * A Unix socket at path that accepts connections from the moment its
 * path exists: bound under a temporary name in the same directory,
 * listening, then renamed into place (the path exists from bind(), before
 * listen(), and a client connecting in between would be refused).
 */
static int
listen_unix(const char *name, const char *path)
{
	struct sockaddr_un sun;
	char tmp[sizeof(sun.sun_path)];
	int sock;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid()) >=
	        (int)sizeof(tmp) ||
	    strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "%s.fcgi: %s: path too long\n", name, path);
		return -1;
	}
	strcpy(sun.sun_path, tmp);
	unlink(tmp);
	if ((sock = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    bind(sock, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(tmp, 0660) < 0 || listen(sock, LISTEN_BACKLOG) < 0 ||
	    rename(tmp, path) < 0) {
		fprintf(stderr, "%s.fcgi: cannot listen on %s: %s\n", name,
		    path, strerror(errno));
		if (sock >= 0)
			close(sock);
		unlink(tmp);
		return -1;
	}
	return sock;
}

static int
is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)
		                  ->sin_addr.s_addr) >>
		           24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(
		    &((const struct sockaddr_in6 *)sa)->sin6_addr);
	return 0;
}

/*
 * A TCP socket at [host]:port.  Without a host it is 127.0.0.1: only the
 * web server may reach a FastCGI socket (FastCGI trusts whoever
 * connects: the parameters it sends carry the identity).  Any other address
 * than loopback must come with FCGI_WEB_SERVER_ADDRS, the list of web
 * servers libfcgi accepts connections from (IPv4 only, as libfcgi checks).
 */
static int
listen_tcp(const char *name, const char *addr)
{
	struct addrinfo hints, *ai = NULL;
	const char *colon = strrchr(addr, ':'), *allowed;
	char host[128];
	size_t hl;
	int sock = -1, on = 1, rc;

	if (colon == NULL || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    (hl = (size_t)(colon - addr)) >= sizeof(host))
		goto bad;
	memcpy(host, addr, hl);
	host[hl] = '\0';
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	if (host[0] == '\0')
		strcpy(host, "127.0.0.1");
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if ((rc = getaddrinfo(host, colon + 1, &hints, &ai)) != 0)
		goto bad;
	allowed = getenv("FCGI_WEB_SERVER_ADDRS");
	if (!is_loopback(ai->ai_addr) &&
	    (allowed == NULL || *allowed == '\0')) {
		fprintf(stderr,
		    "%s.fcgi: --listen %s: not a loopback address; set "
		    "FCGI_WEB_SERVER_ADDRS to the web servers' addresses to "
		    "listen there\n",
		    name, addr);
		freeaddrinfo(ai);
		return -1;
	}
	if ((sock = socket(ai->ai_family, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(sock, ai->ai_addr, ai->ai_addrlen) < 0 ||
	    listen(sock, LISTEN_BACKLOG) < 0) {
		fprintf(stderr, "%s.fcgi: cannot listen on %s: %s\n", name,
		    addr, strerror(errno));
		if (sock >= 0)
			close(sock);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	return sock;
bad:
	fprintf(stderr,
	    "%s.fcgi: --listen %s: a socket path, or [host]:port with a "
	    "numeric host\n",
	    name, addr);
	return -1;
}

int
listen_open(const char *name, const char *addr)
{
	if (addr == NULL) {
		if (FCGX_IsCGI()) {
			fprintf(stderr,
			    "%s.fcgi: fd 0 is not a listening "
			    "socket; this program is a FastCGI server and "
			    "refuses to run as plain CGI.\n"
			    "Start it with --listen, spawn-fcgi, mod_fcgid or "
			    "a systemd socket unit.\n",
			    name);
			return -1;
		}
		return 0;
	}
	return addr[0] == '/' ? listen_unix(name, addr)
	                      : listen_tcp(name, addr);
}
