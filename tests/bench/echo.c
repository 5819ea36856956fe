/*
 * The benchmark's baseline: a bare libfcgi responder that answers every
 * request with a tiny fixed body, and nothing else (no parsing, no
 * database, no logging).  tests/bench/run compiles it into its temporary
 * directory; it is not part of the build.
 *
 *   echo SOCKET NPROCS
 *
 * Binds the Unix socket SOCKET (backlog 128, as the modules do), forks
 * NPROCS workers that all accept on it, and waits.  SIGTERM or SIGINT: the
 * parent passes SIGTERM on, waits for every worker, removes the socket and
 * exits 0; a worker finishes the request in hand and exits 0.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define NPROCS_MAX 256

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: interrupt accept() */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
worker(int sock)
{
	static const char answer[] = "Status: 200 OK\r\n"
	                             "Content-Type: text/plain\r\n"
	                             "Content-Length: 3\r\n"
	                             "\r\n"
	                             "ok\n";
	FCGX_Request rq;
	sigset_t term, old;

	catch_signals();
	prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the parent */
	if (getppid() == 1)
		_exit(0);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	if (FCGX_InitRequest(&rq, sock, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		_exit(1);
	while (!stopping) {
		if (FCGX_Accept_r(&rq) < 0)
			break;
		sigprocmask(SIG_BLOCK, &term, &old);
		FCGX_PutStr(answer, (int)sizeof(answer) - 1, rq.out);
		FCGX_Finish_r(&rq);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	pid_t pids[NPROCS_MAX];
	char *end;
	long n;
	int sock, i, alive;

	if (argc != 3) {
		fprintf(stderr, "usage: %s SOCKET NPROCS\n", argv[0]);
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 1 || n > NPROCS_MAX) {
		fprintf(stderr, "%s: NPROCS: 1 to %d\n", argv[0], NPROCS_MAX);
		return 2;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "%s: FCGX_Init failed\n", argv[0]);
		return 1;
	}
	unlink(argv[1]);
	if ((sock = FCGX_OpenSocket(argv[1], 128)) < 0) {
		fprintf(stderr, "%s: cannot listen on %s\n", argv[0], argv[1]);
		return 1;
	}
	chmod(argv[1], 0660);
	catch_signals();
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(sock);
		if (pids[i] < 0) {
			fprintf(
			    stderr, "%s: fork: %s\n", argv[0], strerror(errno));
			stopping = 1;
			n = i;
			break;
		}
	}
	/* wait until told to stop, or until every worker is gone */
	alive = (int)n;
	while (!stopping && alive > 0) {
		pid_t pid = wait(NULL);

		if (pid < 0 && errno != EINTR)
			break;
		for (i = 0; pid > 0 && i < n; i++)
			if (pids[i] == pid) {
				pids[i] = 0;
				alive--;
			}
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(argv[1]);
	return 0;
}
