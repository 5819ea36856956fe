/*
 * fcgi-params SOCKET: a FastCGI responder that answers every request with
 * the parameters it received, one NAME=VALUE per line, in the order the
 * web server sent them (a name sent twice is listed twice).  The web
 * server tests put it behind the shipped nginx snippets, in place of the
 * modules, to see exactly which identity parameters each location hands
 * a module.
 *
 * Listens on the Unix socket SOCKET (created under a temporary name and
 * renamed into place once listening) with one process, and exits 0 on
 * SIGTERM or SIGINT, removing the socket.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	struct sigaction sa;
	FCGX_Request rq;
	char tmp[sizeof(sun.sun_path)];
	char **e;
	int sock;

	if (argc != 2 || strlen(argv[1]) + 8 >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: fcgi-params SOCKET\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	strcpy(sun.sun_path, tmp);
	unlink(tmp);
	if ((sock = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    bind(sock, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(tmp, 0666) < 0 || listen(sock, 512) < 0 ||
	    rename(tmp, argv[1]) < 0) {
		perror(argv[1]);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (FCGX_Init() != 0)
		return 1;
	FCGX_InitRequest(&rq, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping && FCGX_Accept_r(&rq) >= 0) {
		FCGX_FPrintF(rq.out,
		    "Status: 200 OK\r\n"
		    "Content-Type: text/plain\r\n\r\n");
		for (e = rq.envp; *e != NULL; e++)
			FCGX_FPrintF(rq.out, "%s\n", *e);
		FCGX_Finish_r(&rq);
	}
	unlink(argv[1]);
	return 0;
}
