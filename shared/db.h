/*
 * The database: one connection per worker, opened after fork, with the
 * module's table of prepared statements.  Settings come from a MariaDB
 * option file through Connector/C (group "client-<module>").  There is no
 * automatic reconnect: a lost connection is reopened and every statement
 * re-prepared explicitly, and a statement is retried only outside a
 * transaction; db_txn() retries whole transactions.
 */
#ifndef MOTCUA_DB_H
#define MOTCUA_DB_H

#include <stddef.h>

#include "req.h"

struct arena;
struct db;

enum db_rc {
	DB_OK = 0,
	DB_ERR = -1, /* anything else: a bug or a broken schema */
	DB_GONE = -2, /* no connection, or lost (answer 503) */
	DB_DEADLOCK = -3, /* ER_LOCK_DEADLOCK: retried by db_txn() */
	DB_LOCKWAIT = -4, /* ER_LOCK_WAIT_TIMEOUT or ER_STATEMENT_TIMEOUT:
	                   * rolled back */
	DB_DUP = -5, /* ER_DUP_ENTRY: a duplicate key */
	DB_FULL = -6, /* the server cannot write: its disk or a table is
	               * full (ER_RECORD_FILE_FULL, ER_DISK_FULL); rolled
	               * back, answer 503 */
	DB_AGAIN = -7, /* from a transaction's fn: roll back, run the steps
	                * db_before() queued, and run fn again */
};

/*
 * The error a request answers for a failed statement or transaction:
 * DB_GONE and DB_FULL are ERR_DB_UNAVAILABLE, DB_DEADLOCK and DB_LOCKWAIT
 * are ERR_BUSY,
 * anything else (DB_DUP included: a caller that expects one handles it
 * first) is ERR_INTERNAL.  The one map from enum db_rc to enum err.
 */
enum err db_err(int rc);

enum db_ptype {
	DBP_NULL,
	DBP_STR,
	DBP_INT,
};

struct db_param {
	enum db_ptype type;
	const char *s;
	long long i;
};

#define DBP_S(v) \
	{ \
		DBP_STR, (v), 0 \
	}
/* A string, or SQL NULL when v is NULL. */
#define DBP_SN(v) \
	{ \
		(v) != NULL ? DBP_STR : DBP_NULL, (v), 0 \
	}
#define DBP_I(v) \
	{ \
		DBP_INT, NULL, (v) \
	}

/* Rows of a result, every cell a string from the arena (NULL for SQL NULL). */
struct db_res {
	size_t nrows;
	size_t ncols;
	const char **cell; /* cell[row * ncols + col] */
};

#define DB_CELL(res, row, col) ((res)->cell[(row) * (res)->ncols + (col)])

/*
 * One database server of a list (db_hosts): a TCP host and port, or a
 * Unix socket (socket not NULL).
 */
#define DB_MAXHOSTS 8
struct db_host {
	char *host; /* NULL with a socket */
	unsigned port;
	char *socket;
};

struct db_settings {
	const char *file; /* option file */
	const char *group; /* e.g. "client-residence" */
	unsigned connect_timeout;
	unsigned rw_timeout; /* below the web server's FastCGI timeout */
	unsigned lock_wait_timeout;
	unsigned statement_timeout;
	/* 1: prepare only the caller's sql[], not the shared statements
	 * (a tool whose account holds none of their rights); its
	 * statements are still numbered from SQ__MAX */
	int own_only;
	/* db_hosts: the servers to try in turn, from the one that last
	 * answered; none: the option file's host, port or socket */
	struct db_host hosts[DB_MAXHOSTS];
	size_t nhosts;
};

/*
 * Parses a db_hosts list into s->hosts: entries separated by commas,
 * each "host", "host:port", "[v6 address]:port" or an absolute socket
 * path (port 3306 when left out).  NULL, or why the list is refused
 * (nothing kept then).  The strings live as long as the process.
 */
const char *db_hosts_parse(struct db_settings *s, const char *list);
/* Frees what db_hosts_parse() kept; s->nhosts is 0 after. */
void db_hosts_free(struct db_settings *s);
/* What host h is called in the log, into out[0..n): its address
 * (host:port, [v6]:port or the socket path), never a secret. */
void db_host_name(const struct db_host *h, char *out, size_t n);

/*
 * Returns a handle (not yet connected) for the shared statements (sql.h)
 * and the module's sql[], numbered from SQ__MAX.  sql[] must outlive it.
 */
struct db *
db_new(const struct db_settings *, const char *const *sql, size_t nsql);
void db_free(struct db *);

/* The shapes (sql.h) db_connect() checks every statement against;
 * shapes must outlive db. */
struct sql_shape;
void db_shapes(struct db *, const struct sql_shape *shapes);

/*
 * Connects and prepares every statement if not connected.  0 or DB_GONE.
 * With a list of hosts, each is tried in turn from the one that last
 * answered; a Galera node that is not ready for queries (wsrep_ready
 * OFF, not Synced, or error 1047) is left for the next.
 */
int db_connect(struct db *);

/*
 * Executes prepared statement id with np parameters.  Result rows, if any,
 * go to *res (when res is not NULL).  Returns DB_OK or a negative enum
 * db_rc.  Outside a transaction a lost connection is reopened and the
 * statement retried once.  Inside one it never is: the server has rolled
 * the transaction back, so this and every later statement of it return
 * DB_GONE until db_txn() ends it.
 */
int db_exec(struct db *, struct arena *, int id, const struct db_param *p,
    size_t np, struct db_res *res);
unsigned long long db_insert_id(struct db *);
unsigned long long db_affected(struct db *);

/*
 * Runs fn inside a transaction and commits.  fn returns 0 to commit, or a
 * non-zero value (a negative enum db_rc, or a positive value of the
 * caller's) to roll back; db_txn returns that value.  Deadlocks are retried
 * up to three times.  A connection lost inside fn fails the whole
 * transaction, whatever fn returns; it is run once more from its start on
 * a new connection, so fn must be safe to run again (it looks up its
 * idempotency key first), and a second loss returns DB_GONE.  A loss at
 * COMMIT returns DB_GONE at once: whether it committed is unknown, and
 * only the client's retry with the same idempotency key settles it.
 * Returns DB_LOCKWAIT after an explicit ROLLBACK on a lock wait timeout.
 */
int db_txn(struct db *, int (*fn)(struct db *, struct arena *, void *),
    struct arena *, void *arg);

/*
 * Queues step to run on its own, outside any transaction (autocommit),
 * before db_txn() next begins one: what a transaction needs but must not
 * hold a lock on until its commit (a block of receipt numbers, a chain of
 * the access log).  The same step and arg are queued once.  A step
 * returns DB_OK or an enum db_rc; a failed one fails the db_txn() that
 * runs it.  A transaction's fn that cannot go on without the step queues
 * it and returns DB_AGAIN: db_txn() rolls back, runs the step and runs fn
 * again from its start (twice at most, then DB_ERR).
 */
void db_before(
    struct db *, int (*step)(struct db *, struct arena *, void *), void *arg);

/*
 * The breaker's probe (breaker.c): connects if need be, and runs SELECT 1
 * (which a Galera node without quorum refuses).  DB_OK or DB_GONE (the
 * connection closed).
 */
int db_ping(struct db *);

/*
 * Cuts the connection under whatever is waiting on it: shuts its socket
 * down, so that a read blocked on a server that does not answer returns
 * at once (the statement then fails as a lost connection).  Safe in a
 * signal handler.
 */
void db_cut(struct db *);

/*
 * On a replica's handle: connects if need be and asks how far behind its
 * primary it is: the age, in milliseconds, of the newest heartbeat it
 * has applied (the primary's probers write one a second: breaker.c).
 * Replication stopped, stalled or cut shows as a growing age.  DB_OK
 * with *lag_ms; DB_ERR when there is no heartbeat (unknown); DB_GONE when
 * the replica does not answer.
 */
int db_replica_lag(struct db *, long *lag_ms);

#endif
