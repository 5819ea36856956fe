/*
 * MariaDB Connector/C wrapper.  Parameters bind as strings or integers;
 * results bind every column as a string (our columns are short), copied
 * into the request arena.  Errors are classified by number: connection
 * loss (reconnect), a deadlock (retry the transaction), a lock wait or
 * statement timeout (roll back and answer busy), a duplicate key; db_err()
 * says what each class answers.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "sql.h"

#define DB_MAXCOLS 40
#define DB_MAXPARAMS 640
#define DB_CELLSZ 1024
#define DB_MAXSTEPS 4

/*
 * MySQL 8.0.24 and later send this before dropping an idle client
 * (ER_CLIENT_INTERACTION_TIMEOUT there).  MariaDB's header gives the
 * number to an unrelated CREATE TRIGGER error no statement of ours can
 * raise, so the name is ours.
 */
#define DB_ER_CLIENT_INTERACTION_TIMEOUT 4031

struct db {
	struct db_settings set;
	const char **sql;
	size_t nsql;
	MYSQL *my;
	MYSQL_STMT **stmt;
	const struct sql_shape *shapes; /* NULL, or ends with id -1 */
	size_t host; /* of set.hosts: the one that last answered */
	volatile sig_atomic_t fd; /* the connection's socket, or -1 */
	int in_txn; /* between db_txn's BEGIN and its COMMIT or ROLLBACK */
	int txn_lost; /* the connection died inside that transaction */
	unsigned long long insert_id;
	unsigned long long affected;
	struct db_step {
		int (*fn)(struct db *, struct arena *, void *);
		void *arg;
	} before[DB_MAXSTEPS]; /* db_before()'s queue */
	size_t nbefore;
};

struct db *
db_new(const struct db_settings *s, const char *const *sql, size_t nsql)
{
	struct db *db = calloc(1, sizeof(*db));
	size_t i;

	/* shared statements first, then the module's from SQ__MAX on */
	if (db == NULL ||
	    (db->stmt = calloc(SQ__MAX + nsql, sizeof(*db->stmt))) == NULL ||
	    (db->sql = calloc(SQ__MAX + nsql, sizeof(*db->sql))) == NULL)
		fatal("out of memory");
	db->set = *s;
	db->fd = -1;
	for (i = 0; i < SQ__MAX; i++)
		db->sql[i] = s->own_only ? NULL : sql_shared[i];
	for (i = 0; i < nsql; i++)
		db->sql[SQ__MAX + i] = sql[i];
	db->nsql = SQ__MAX + nsql;
	return db;
}

void
db_shapes(struct db *db, const struct sql_shape *shapes)
{
	db->shapes = shapes;
}

/*
 * A statement whose parameters or columns are not what its fetcher reads
 * is a bug in this build, not a fault of the moment: fatal, so the worker
 * never serves with it.
 */
static void
check_shape(struct db *db, MYSQL_STMT *st, size_t id)
{
	const struct sql_shape *sh;
	unsigned params = mysql_stmt_param_count(st);
	unsigned cols = mysql_stmt_field_count(st);

	for (sh = id < SQ__MAX ? sql_shared_shapes : db->shapes;
	     sh != NULL && sh->id >= 0; sh++)
		if ((size_t)sh->id == id &&
		    (sh->params != params || sh->cols != cols))
			fatal("statement %zu has %u parameters and %u columns; "
			      "its fetcher expects %u and %u",
			    id, params, cols, sh->params, sh->cols);
}

static void
db_close(struct db *db)
{
	size_t i;

	db->fd = -1; /* before the socket is closed: see db_cut() */
	for (i = 0; i < db->nsql; i++)
		if (db->stmt[i] != NULL) {
			mysql_stmt_close(db->stmt[i]);
			db->stmt[i] = NULL;
		}
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	/* in_txn stays as it is: the server rolled the transaction back,
	 * and nothing may run after it on another connection as though it
	 * were still open (db_exec refuses until db_txn ends it) */
	if (db->in_txn)
		db->txn_lost = 1;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_close(db);
	free(db->sql);
	free(db->stmt);
	free(db);
}

static int
classify(unsigned int no)
{
	switch (no) {
	case 0:
		return DB_OK;
	case ER_LOCK_DEADLOCK:
		return DB_DEADLOCK;
	case ER_LOCK_WAIT_TIMEOUT:
	case ER_STATEMENT_TIMEOUT:
		return DB_LOCKWAIT;
	case ER_DUP_ENTRY:
		return DB_DUP;
	case ER_RECORD_FILE_FULL:
	case ER_DISK_FULL:
		return DB_FULL;
	case ER_UNKNOWN_COM_ERROR: /* Galera without quorum */
	case ER_ERROR_DURING_COMMIT: /* Galera: quorum lost at the write;
	                              * whether it committed is unknown */
	case ER_SERVER_SHUTDOWN:
	case ER_CONNECTION_KILLED:
	case DB_ER_CLIENT_INTERACTION_TIMEOUT:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_SERVER_LOST_EXTENDED:
	case CR_SERVER_HANDSHAKE_ERR:
	case CR_COMMANDS_OUT_OF_SYNC:
		return DB_GONE;
	default:
		return DB_ERR;
	}
}

enum err
db_err(int rc)
{
	switch (rc) {
	case DB_GONE:
	case DB_FULL:
		return ERR_DB_UNAVAILABLE;
	case DB_DEADLOCK:
	case DB_LOCKWAIT:
		return ERR_BUSY;
	default:
		return ERR_INTERNAL;
	}
}

/*
 * Whether the server just connected to takes queries: a server without
 * Galera (wsrep_on off) does; a Galera node must be in the primary
 * component and Synced (4): a joiner has not the data, a donor under
 * rsync state transfer holds its tables locked, and a node without
 * quorum answers 1047 to everything.  Fixed text, no parameters.
 */
static int
cluster_ready(MYSQL *my, char *why, size_t n)
{
	static const char q[] =
	    "SELECT @@GLOBAL.wsrep_on,"
	    " (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
	    "  WHERE VARIABLE_NAME = 'WSREP_READY'),"
	    " (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
	    "  WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE')";
	MYSQL_RES *res;
	MYSQL_ROW row;
	int ready = 0;

	if (mysql_real_query(my, q, sizeof(q) - 1) != 0 ||
	    (res = mysql_store_result(my)) == NULL) {
		if (mysql_errno(my) == ER_UNKNOWN_SYSTEM_VARIABLE)
			return 1; /* a server built without Galera */
		snprintf(why, n, "error %u", mysql_errno(my));
		return 0;
	}
	if ((row = mysql_fetch_row(res)) == NULL)
		snprintf(why, n, "no answer to the cluster check");
	else if (row[0] == NULL || strcmp(row[0], "0") == 0)
		ready = 1; /* not a cluster node */
	else if (row[1] == NULL || strcasecmp(row[1], "ON") != 0)
		snprintf(why, n, "wsrep_ready %s", row[1] ? row[1] : "NULL");
	else if (row[2] == NULL || strcmp(row[2], "4") != 0)
		snprintf(why, n, "wsrep_local_state %s (not Synced)",
		    row[2] ? row[2] : "NULL");
	else
		ready = 2;
	mysql_free_result(res);
	/*
	 * A node applies the others' commits a little after they are
	 * acknowledged: reads wait for it (causal reads), so that a worker
	 * that moved to this node never reads older data than it, or
	 * another worker, wrote on the last one (a voided confirmation
	 * shown valid, an idempotency key not found).
	 */
	if (ready == 2 &&
	    mysql_real_query(my, "SET SESSION wsrep_sync_wait = 1", 31) != 0) {
		snprintf(why, n, "error %u setting wsrep_sync_wait",
		    mysql_errno(my));
		return 0;
	}
	return ready;
}

/* Opens db->my on host h (NULL: the option file's); DB_OK or DB_GONE. */
static int
open_conn(struct db *db, const struct db_host *h)
{
	unsigned int ct = db->set.connect_timeout, rw = db->set.rw_timeout;
	char init[256], name[128], why[64];

	if ((db->my = mysql_init(NULL)) == NULL)
		xnomem(sizeof(MYSQL));
	mysql_options(db->my, MYSQL_READ_DEFAULT_FILE, db->set.file);
	mysql_options(db->my, MYSQL_READ_DEFAULT_GROUP, db->set.group);
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (h != NULL) {
		unsigned proto = h->socket != NULL ? MYSQL_PROTOCOL_SOCKET
		                                   : MYSQL_PROTOCOL_TCP;

		mysql_options(db->my, MYSQL_OPT_PROTOCOL, &proto);
	}
	snprintf(init, sizeof(init),
	    "SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
	    "NO_ENGINE_SUBSTITUTION', time_zone='+07:00',"
	    " innodb_lock_wait_timeout=%u,"
	    " max_statement_time=%u",
	    db->set.lock_wait_timeout, db->set.statement_timeout);
	mysql_options(db->my, MYSQL_INIT_COMMAND, init);
	if (h != NULL)
		db_host_name(h, name, sizeof(name));
	if (mysql_real_connect(db->my,
	        h == NULL               ? NULL
	            : h->socket != NULL ? "localhost"
	                                : h->host,
	        NULL, NULL, NULL, h != NULL ? h->port : 0,
	        h != NULL ? h->socket : NULL, 0) == NULL) {
		log_warnx("connect%s%s: %s (%u)", h != NULL ? " to " : "",
		    h != NULL ? name : "", mysql_error(db->my),
		    mysql_errno(db->my));
		db_close(db);
		return DB_GONE;
	}
	if (!cluster_ready(db->my, why, sizeof(why))) {
		log_warnx("%s%s does not take queries: %s",
		    h != NULL ? "database " : "the database",
		    h != NULL ? name : "", why);
		db_close(db);
		return DB_GONE;
	}
	return DB_OK;
}

void
db_cut(struct db *db)
{
	int fd;

	if (db != NULL && (fd = db->fd) >= 0)
		shutdown(fd, SHUT_RDWR);
}

int
db_ping(struct db *db)
{
	MYSQL_RES *res;

	if (db->my == NULL && db_connect(db) != DB_OK)
		return DB_GONE;
	if (mysql_real_query(db->my, "SELECT 1", 8) != 0 ||
	    (res = mysql_store_result(db->my)) == NULL) {
		db_close(db);
		return DB_GONE;
	}
	mysql_free_result(res);
	return DB_OK;
}

int
db_connect(struct db *db)
{
	size_t i, k;
	int rc = DB_GONE;

	if (db->my != NULL)
		return DB_OK;
	if (db->set.nhosts == 0)
		rc = open_conn(db, NULL);
	for (k = 0; k < db->set.nhosts && rc != DB_OK; k++) {
		size_t h = (db->host + k) % db->set.nhosts;

		if ((rc = open_conn(db, &db->set.hosts[h])) == DB_OK) {
			if (h != db->host)
				log_info("database: now on host %zu of %zu",
				    h + 1, db->set.nhosts);
			db->host = h;
		}
	}
	if (rc != DB_OK) {
		metrics_db_error(DB_GONE);
		return DB_GONE;
	}
	db->fd = (sig_atomic_t)mysql_get_socket(db->my);
	for (i = 0; i < db->nsql; i++) {
		MYSQL_STMT *st;

		if (db->sql[i] == NULL)
			continue; /* own_only: a shared one, not prepared */
		if ((st = mysql_stmt_init(db->my)) == NULL ||
		    mysql_stmt_prepare(st, db->sql[i], strlen(db->sql[i])) !=
		        0) {
			rc = st != NULL ? classify(mysql_stmt_errno(st))
			                : DB_ERR;
			log_warnx("prepare statement %zu: %s", i,
			    st != NULL ? mysql_stmt_error(st) : "no memory");
			if (st != NULL)
				mysql_stmt_close(st);
			db_close(db);
			rc = rc == DB_GONE ? DB_GONE : DB_ERR;
			metrics_db_error(rc);
			return rc;
		}
		check_shape(db, st, i);
		db->stmt[i] = st;
	}
	return DB_OK;
}

static int
exec_once(struct db *db, struct arena *a, int id, const struct db_param *p,
    size_t np, struct db_res *res)
{
	MYSQL_STMT *st = db->stmt[id];
	MYSQL_BIND pb[DB_MAXPARAMS], rb[DB_MAXCOLS];
	unsigned long plen[DB_MAXPARAMS], rlen[DB_MAXCOLS];
	my_bool rnull[DB_MAXCOLS], rerr[DB_MAXCOLS];
	char cells[DB_MAXCOLS][DB_CELLSZ];
	size_t i, ncols = 0, cap = 0;
	int rc;

	if (np > DB_MAXPARAMS || np != mysql_stmt_param_count(st))
		fatal("statement %d: %zu parameters given", id, np);
	/* only what is bound: the arrays are sized for the largest
	 * statement (the access log's fifty rows), 57 kB of MYSQL_BIND */
	memset(pb, 0, np * sizeof(*pb));
	for (i = 0; i < np; i++) {
		switch (p[i].type) {
		case DBP_NULL:
			pb[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_STR:
			pb[i].buffer_type = MYSQL_TYPE_STRING;
			pb[i].buffer = (void *)p[i].s;
			plen[i] = strlen(p[i].s);
			pb[i].buffer_length = plen[i];
			pb[i].length = &plen[i];
			break;
		case DBP_INT:
			pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
			pb[i].buffer = (void *)&p[i].i;
			break;
		}
	}
	if (np > 0 && mysql_stmt_bind_param(st, pb) != 0)
		return classify(mysql_stmt_errno(st));
	if (mysql_stmt_execute(st) != 0)
		return classify(mysql_stmt_errno(st));
	db->affected = mysql_stmt_affected_rows(st);
	db->insert_id = mysql_stmt_insert_id(st);
	if (res != NULL) {
		res->nrows = res->ncols = 0;
		res->cell = NULL;
	}
	/* the statement's column count, known since it was prepared: no
	 * result metadata copied for it at each execution */
	if ((ncols = mysql_stmt_field_count(st)) == 0)
		return DB_OK;
	if (ncols > DB_MAXCOLS)
		fatal("statement %d: %zu columns", id, ncols);
	memset(rb, 0, ncols * sizeof(*rb));
	for (i = 0; i < ncols; i++) {
		rb[i].buffer_type = MYSQL_TYPE_STRING;
		rb[i].buffer = cells[i];
		rb[i].buffer_length = DB_CELLSZ;
		rb[i].length = &rlen[i];
		rb[i].is_null = &rnull[i];
		rb[i].error = &rerr[i];
	}
	if (mysql_stmt_bind_result(st, rb) != 0 ||
	    mysql_stmt_store_result(st) != 0) {
		rc = classify(mysql_stmt_errno(st));
		mysql_stmt_free_result(st);
		return rc != DB_OK ? rc : DB_ERR;
	}
	if (res != NULL)
		res->ncols = ncols;
	while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		if (res == NULL)
			continue;
		if (res->nrows == cap) {
			const char **n;

			cap = cap ? cap * 2 : 4;
			n = arena_alloc(a, cap * ncols * sizeof(*n));
			if (res->nrows > 0)
				memcpy(n, res->cell,
				    res->nrows * ncols * sizeof(*n));
			res->cell = n;
		}
		for (i = 0; i < ncols; i++) {
			const char **c = &res->cell[res->nrows * ncols + i];

			if (rnull[i])
				*c = NULL;
			else if (rlen[i] > DB_CELLSZ) {
				/* a long column: fetch it whole */
				MYSQL_BIND one;
				char *big = arena_alloc(a, rlen[i] + 1);

				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = big;
				one.buffer_length = rlen[i];
				mysql_stmt_fetch_column(
				    st, &one, (unsigned int)i, 0);
				big[rlen[i]] = '\0';
				*c = big;
			} else
				*c = arena_strndup(a, cells[i], rlen[i]);
		}
		res->nrows++;
	}
	rc = rc == MYSQL_NO_DATA ? DB_OK : classify(mysql_stmt_errno(st));
	mysql_stmt_free_result(st);
	return rc;
}

/* exec_once, timed and its error counted for the metrics */
static int
exec_counted(struct db *db, struct arena *a, int id, const struct db_param *p,
    size_t np, struct db_res *res)
{
	uint64_t t0 = metrics_now();
	int rc = exec_once(db, a, id, p, np, res);

	metrics_db(metrics_now() - t0, rc);
	return rc;
}

int
db_exec(struct db *db, struct arena *a, int id, const struct db_param *p,
    size_t np, struct db_res *res)
{
	int rc;

	if (id < 0 || (size_t)id >= db->nsql || db->sql[id] == NULL)
		fatal("no statement %d", id);
	if (db->in_txn && (db->txn_lost || db->my == NULL))
		return DB_GONE; /* the transaction is gone: never carry on */
	if (db->my == NULL && db_connect(db) != DB_OK)
		return DB_GONE;
	rc = exec_counted(db, a, id, p, np, res);
	if (rc == DB_GONE) {
		unsigned errno_at_loss = mysql_stmt_errno(db->stmt[id]);

		log_warnx("connection lost (statement %d, error %u)%s", id,
		    errno_at_loss, db->in_txn ? " inside a transaction" : "");
		db_close(db);
		/* outside a transaction the statement stands alone: retry it
		 * once on a new connection; but not one whose commit failed
		 * (1180, Galera losing quorum at the write): whether it
		 * committed is unknown */
		if (!db->in_txn && errno_at_loss != ER_ERROR_DURING_COMMIT &&
		    db_connect(db) == DB_OK) {
			metrics_db_retry(METRICS_RETRY_STMT_LOST);
			rc = exec_counted(db, a, id, p, np, res);
		}
	} else if (rc == DB_ERR)
		/* the number and SQLSTATE, not the message: MariaDB's
		 * messages quote the offending value (a date, a key) */
		log_warnx("statement %d failed: error %u, SQLSTATE %s", id,
		    mysql_stmt_errno(db->stmt[id]),
		    mysql_stmt_sqlstate(db->stmt[id]));
	return rc;
}

int
db_replica_lag(struct db *db, long *lag_ms)
{
	/* the newest heartbeat the replica has applied: how far behind
	 * its primary it is, a replication stalled without a word too */
	static const char q[] =
	    "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(at), UTC_TIMESTAMP(6))"
	    " DIV 1000 FROM heartbeat";
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc;

	if (db->my == NULL && db_connect(db) != DB_OK)
		return DB_GONE;
	if (mysql_real_query(db->my, q, sizeof(q) - 1) != 0 ||
	    (res = mysql_store_result(db->my)) == NULL) {
		rc = classify(mysql_errno(db->my));
		if (rc == DB_GONE)
			db_close(db);
		else
			log_warnx("replica: the heartbeat: error %u",
			    mysql_errno(db->my));
		metrics_db_error(rc == DB_OK ? DB_ERR : rc);
		return rc == DB_GONE ? DB_GONE : DB_ERR;
	}
	rc = DB_ERR; /* no heartbeat yet: the lag is unknown */
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL) {
		*lag_ms = strtol(row[0], NULL, 10);
		rc = DB_OK;
	}
	mysql_free_result(res);
	return rc;
}

unsigned long long
db_insert_id(struct db *db)
{
	return db->insert_id;
}

unsigned long long
db_affected(struct db *db)
{
	return db->affected;
}

void
db_before(
    struct db *db, int (*step)(struct db *, struct arena *, void *), void *arg)
{
	size_t i;

	for (i = 0; i < db->nbefore; i++)
		if (db->before[i].fn == step && db->before[i].arg == arg)
			return;
	if (db->nbefore == DB_MAXSTEPS)
		fatal("db_before: more than %d steps queued", DB_MAXSTEPS);
	db->before[db->nbefore].fn = step;
	db->before[db->nbefore++].arg = arg;
}

/* Runs the queued steps, each in autocommit mode, in their order; the
 * first failure ends it (it and the steps after it stay queued). */
static int
run_before(struct db *db, struct arena *a)
{
	int rc;

	while (db->nbefore > 0) {
		if ((rc = db->before[0].fn(db, a, db->before[0].arg)) != DB_OK)
			return rc;
		db->nbefore--;
		memmove(&db->before[0], &db->before[1],
		    db->nbefore * sizeof(db->before[0]));
	}
	return DB_OK;
}

int
db_txn(struct db *db, int (*fn)(struct db *, struct arena *, void *),
    struct arena *a, void *arg)
{
	int attempt, rc = DB_ERR, lost = 0, again = 0;

	for (attempt = 0; attempt < 4; attempt++) {
		if (db_connect(db) != DB_OK)
			return DB_GONE;
		if ((rc = run_before(db, a)) != DB_OK) {
			/* a step's autocommit statement in a deadlock, or
			 * (Galera) failing certification past the server's
			 * own retries: the step again, as a transaction */
			if (rc == DB_DEADLOCK && attempt < 3) {
				metrics_db_retry(METRICS_RETRY_TXN_DEADLOCK);
				continue;
			}
			return rc;
		}
		/* START TRANSACTION in an autocommit session, not autocommit
		 * switched off and on again: COMMIT and ROLLBACK end it, and
		 * the session is back in autocommit without a third round
		 * trip */
		if (mysql_real_query(db->my, "START TRANSACTION", 17) != 0) {
			/* nothing was sent yet: a dead idle connection */
			rc = classify(mysql_errno(db->my));
			db_close(db);
			metrics_db_error(rc);
			if (rc == DB_GONE && !lost++) {
				metrics_db_retry(METRICS_RETRY_TXN_LOST);
				continue;
			}
			return rc == DB_OK ? DB_ERR : rc;
		}
		db->in_txn = 1;
		db->txn_lost = 0;
		rc = fn(db, a, arg);
		if (db->txn_lost) {
			/*
			 * The server rolled back what fn did before the loss,
			 * whatever fn made of the errors after it: run the
			 * whole transaction once more on a new connection, or
			 * fail it.  Never commit the rest.
			 */
			db->in_txn = db->txn_lost = 0;
			db_close(db);
			log_warnx("transaction lost with its connection%s",
			    lost ? "; giving up" : "; running it again");
			if (!lost++) {
				metrics_db_retry(METRICS_RETRY_TXN_LOST);
				continue;
			}
			return DB_GONE;
		}
		if (rc == 0 && mysql_commit(db->my) != 0) {
			rc = classify(mysql_errno(db->my));
			metrics_db_error(rc);
			if (rc == DB_GONE) {
				/*
				 * Lost at COMMIT: it may or may not have
				 * committed.  Not retried here; the caller's
				 * idempotency key makes the client's retry
				 * safe.
				 */
				db->in_txn = db->txn_lost = 0;
				db_close(db);
				return DB_GONE;
			}
		}
		if (rc != 0 && mysql_rollback(db->my) != 0) {
			/* explicit: after a lock wait timeout the
			 * transaction is still open; a connection that cannot
			 * end it is not used again */
			db_close(db);
		}
		db->in_txn = 0;
		if (rc == DB_DEADLOCK && attempt < 3) {
			log_info(
			    "deadlock, retrying (attempt %d)", attempt + 1);
			metrics_db_retry(METRICS_RETRY_TXN_DEADLOCK);
			continue;
		}
		if (rc == DB_AGAIN) {
			/* not a deadlock: does not count as an attempt */
			if (again++ == 2)
				return DB_ERR;
			attempt--;
			continue;
		}
		return rc;
	}
	return rc;
}
