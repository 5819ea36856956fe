/*
 * insert: the raw durable write a benchmark compares a procedure with.
 *
 *   insert -f OPTION-FILE [-c clients] [-n commits] [-s seconds]
 *
 * Each of the clients (processes, default 16) connects with the option
 * file's [client] settings, prepares one INSERT of a short row into
 * motcua_bench.raw_insert (created here), and repeats "INSERT; COMMIT"
 * until the clients have made commits in all (default 20000) or the
 * seconds (default 30) have passed, whichever comes first.  Under
 * innodb_flush_log_at_trx_commit=1 every COMMIT waits for its flush, so
 * this is what the server can commit at that durability and that client
 * count, with nothing else to do.  Prints one line:
 *
 *   raw_insert clients=16 commits=20000 seconds=1.234 per_s=16207.5
 *
 * Exits 1 when a client fails.  Run by the benchmarks, not by make check.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static MYSQL *
connect_db(const char *file)
{
	MYSQL *m = mysql_init(NULL);

	if (m == NULL)
		return NULL;
	mysql_options(m, MYSQL_READ_DEFAULT_FILE, file);
	mysql_options(m, MYSQL_READ_DEFAULT_GROUP, "client");
	if (mysql_real_connect(m, NULL, NULL, NULL, NULL, 0, NULL, 0) == NULL) {
		fprintf(stderr, "insert: %s\n", mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

/* One client: commits until the shared count or the deadline runs out. */
static int
client(const char *file, int id, long *left, double deadline)
{
	static const char q[] = "INSERT INTO motcua_bench.raw_insert "
	                        "(client, at, payload) VALUES (?, NOW(3), ?)";
	char payload[64];
	unsigned long plen;
	MYSQL_BIND b[2];
	MYSQL_STMT *st;
	MYSQL *m;
	int cid = id;

	if ((m = connect_db(file)) == NULL)
		return 1;
	if (mysql_autocommit(m, 0) != 0 || (st = mysql_stmt_init(m)) == NULL ||
	    mysql_stmt_prepare(st, q, sizeof(q) - 1) != 0) {
		fprintf(stderr, "insert: %s\n", mysql_error(m));
		return 1;
	}
	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONG;
	b[0].buffer = &cid;
	b[1].buffer_type = MYSQL_TYPE_STRING;
	b[1].buffer = payload;
	b[1].length = &plen;
	if (mysql_stmt_bind_param(st, b) != 0)
		return 1;
	while (__atomic_sub_fetch(left, 1, __ATOMIC_RELAXED) >= 0 &&
	    now() < deadline) {
		plen = (unsigned long)snprintf(
		    payload, sizeof(payload), "client %d row %ld", id, *left);
		if (mysql_stmt_execute(st) != 0 || mysql_commit(m) != 0) {
			fprintf(stderr, "insert: %s\n", mysql_error(m));
			return 1;
		}
	}
	mysql_stmt_close(st);
	mysql_close(m);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *file = NULL;
	long clients = 16, commits = 20000, secs = 30, *left, before, after;
	double t0, t1, deadline;
	MYSQL *m;
	MYSQL_RES *res;
	MYSQL_ROW row;
	int opt, i, bad = 0, st;

	while ((opt = getopt(argc, argv, "f:c:n:s:")) != -1)
		switch (opt) {
		case 'f':
			file = optarg;
			break;
		case 'c':
			clients = strtol(optarg, NULL, 10);
			break;
		case 'n':
			commits = strtol(optarg, NULL, 10);
			break;
		case 's':
			secs = strtol(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	if (file == NULL || clients < 1 || clients > 1000 || commits < 1 ||
	    secs < 1 || secs > 600)
		goto usage;
	if ((m = connect_db(file)) == NULL)
		return 1;
	if (mysql_query(m, "CREATE DATABASE IF NOT EXISTS motcua_bench") ||
	    mysql_query(m,
	        "CREATE TABLE IF NOT EXISTS motcua_bench.raw_insert ("
	        "id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
	        "client INT NOT NULL, at DATETIME(3) NOT NULL, "
	        "payload VARCHAR(64) NOT NULL) ENGINE=InnoDB") ||
	    mysql_query(m, "SELECT COUNT(*) FROM motcua_bench.raw_insert") ||
	    (res = mysql_store_result(m)) == NULL ||
	    (row = mysql_fetch_row(res)) == NULL) {
		fprintf(stderr, "insert: %s\n", mysql_error(m));
		return 1;
	}
	before = strtol(row[0], NULL, 10);
	mysql_free_result(res);
	left = mmap(NULL, sizeof(*left), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (left == MAP_FAILED)
		return 1;
	*left = commits;
	t0 = now();
	deadline = t0 + secs;
	for (i = 0; i < clients; i++) {
		pid_t p = fork();

		if (p < 0)
			return 1;
		if (p == 0)
			_exit(client(file, i, left, deadline));
	}
	while (wait(&st) > 0)
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad = 1;
	t1 = now();
	if (mysql_query(m, "SELECT COUNT(*) FROM motcua_bench.raw_insert") ||
	    (res = mysql_store_result(m)) == NULL ||
	    (row = mysql_fetch_row(res)) == NULL)
		return 1;
	/* counted from the table, not from the clients: what committed */
	after = strtol(row[0], NULL, 10);
	mysql_free_result(res);
	mysql_close(m);
	printf("raw_insert clients=%ld commits=%ld seconds=%.3f per_s=%.1f\n",
	    clients, after - before, t1 - t0, (after - before) / (t1 - t0));
	return bad;
usage:
	fprintf(stderr,
	    "usage: insert -f option-file [-c clients] "
	    "[-n commits] [-s seconds]\n");
	return 2;
}
