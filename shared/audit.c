/*
 * Access-log rows.  The log is several hash chains: each worker process
 * appends to a chain of its own, which it creates on first use in a
 * statement of its own (autocommit, before the transaction: db_before()),
 * so the head row it locks (access_chain, FOR UPDATE) is one no other
 * process asks for, and readers in different workers never wait for each
 * other's commit.  A new chain's genesis hash is derived from the chain
 * before it (prev_id, unique), so a whole chain removed breaks the link
 * of the next; motcua-audit-verify checks every chain and signs all their
 * heads in its checkpoints.  Hashes are computed here and the rows
 * inserted fifty, ten or one at a time.
 *
 * Only this process writes its chain, so it knows the head it left: the
 * next rows link to that without reading it first.  The head moves on in
 * one UPDATE that matches only when the chain still ends there (seq and
 * hash); a transaction that moved it and then rolled back leaves the
 * process ahead of its chain, no row matches, and the head is read again
 * under its lock.  Two round trips an append, not three.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "sha256.h"
#include "sql.h"

#define AUDIT_COLS 11

struct audit_row {
	char cid[24];
	char hash[65];
	char prev[65];
};

static void
audit_now(char at[64])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	/* as DATE_FORMAT(DATETIME(3), '%Y-%m-%d %H:%i:%s.%f') prints it */
	snprintf(at, 64, "%04d-%02d-%02d %02d:%02d:%02d.%03ld000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ts.tv_nsec / 1000000);
}

void
audit_row_hash(const char *prev, const char *at, const struct audit_read *ar,
    const char *cid, char out[65])
{
	const char *parts[8] = { prev, at, ar->actor_kind, ar->actor, cid,
		ar->fields, ar->purpose,
		ar->request_id != NULL ? ar->request_id : "" };
	struct sha256 s;
	int i;

	sha256_init(&s);
	for (i = 0; i < 8; i++) {
		if (i > 0)
			sha256_update(&s, "|", 1);
		sha256_update(&s, parts[i], strlen(parts[i]));
	}
	sha256_hex(&s, out);
}

/* This process's chain; the pid tells it from one a fork inherited.
 * head and seq: where this process last moved it, when known. */
static struct {
	pid_t pid;
	long long id;
	int known;
	long long seq;
	char head[65];
} chain;

/* db_before()'s step: a chain of this process's own, after the newest. */
static int
chain_new(struct db *db, struct arena *a, void *arg)
{
	struct db_res last;
	int rc = DB_ERR, i;

	(void)arg;
	/* two processes starting a chain at once name the same
	 * predecessor: one loses on the unique prev_id and tries again */
	for (i = 0; i < 8; i++) {
		rc = db_exec(db, a, SQ_AUDIT_CHAIN_LAST, NULL, 0, &last);
		if (rc != DB_OK)
			return rc;
		if (last.nrows != 1)
			return DB_ERR; /* not even chain 1: not migrated */
		{
			const char *id = DB_CELL(&last, 0, 0);
			const char *g = DB_CELL(&last, 0, 1);
			struct db_param p[] = { DBP_S(id), DBP_S(id), DBP_S(g),
				DBP_S(id), DBP_S(g) };

			rc = db_exec(db, a, SQ_AUDIT_CHAIN_NEW, p, 5, NULL);
		}
		if (rc != DB_DUP && rc != DB_DEADLOCK)
			break;
	}
	if (rc != DB_OK)
		return rc;
	if (db_insert_id(db) == 0)
		return DB_ERR;
	chain.id = (long long)db_insert_id(db);
	chain.pid = getpid();
	chain.known = 0;
	return DB_OK;
}

static void
bind_row(struct db_param *p, const char *at, const struct audit_read *ar,
    const struct audit_row *row, long long cid, long long seq)
{
	p[9] = (struct db_param)DBP_I(chain.id);
	p[10] = (struct db_param)DBP_I(seq);
	p[0] = (struct db_param)DBP_S(at);
	p[1] = (struct db_param)DBP_S(ar->actor_kind);
	p[2] = (struct db_param)DBP_S(ar->actor);
	p[3] = (struct db_param)DBP_I(cid);
	p[4] = (struct db_param)DBP_S(ar->fields);
	p[5] = (struct db_param)DBP_S(ar->purpose);
	p[6] = (struct db_param)DBP_S(
	    ar->request_id != NULL ? ar->request_id : "");
	p[7] = (struct db_param)DBP_S(row->prev);
	p[8] = (struct db_param)DBP_S(row->hash);
}

/* Reads the chain's head under its lock into chain.head and chain.seq. */
static int
head_read(struct db *db, struct arena *a)
{
	struct db_param hp[] = { DBP_I(chain.id) };
	struct db_res head;
	int rc;

	chain.known = 0;
	if ((rc = db_exec(db, a, SQ_AUDIT_HEAD, hp, 1, &head)) != DB_OK)
		return rc;
	if (head.nrows != 1 || DB_CELL(&head, 0, 0) == NULL ||
	    strlen(DB_CELL(&head, 0, 0)) != 64) {
		/* the chain's row is gone: the next read starts another */
		chain.pid = 0;
		return DB_ERR;
	}
	memcpy(chain.head, DB_CELL(&head, 0, 0), 65);
	chain.seq = strtoll(DB_CELL(&head, 0, 1), NULL, 10);
	chain.known = 1;
	return DB_OK;
}

/* Links n rows to the chain's head, and moves the head past them. */
static int
head_advance(struct db *db, struct arena *a, const struct audit_read *ar,
    const long long *ids, size_t n, const char *at, struct audit_row *rows)
{
	size_t i;
	int rc, tries;

	for (tries = 0; tries < 2; tries++) {
		if (!chain.known && (rc = head_read(db, a)) != DB_OK)
			return rc;
		for (i = 0; i < n; i++) {
			snprintf(
			    rows[i].cid, sizeof(rows[i].cid), "%lld", ids[i]);
			snprintf(rows[i].prev, sizeof(rows[i].prev), "%s",
			    i == 0 ? chain.head : rows[i - 1].hash);
			audit_row_hash(
			    rows[i].prev, at, ar, rows[i].cid, rows[i].hash);
		}
		{
			struct db_param hp[] = { DBP_S(rows[n - 1].hash),
				DBP_I(chain.seq + (long long)n),
				DBP_I(chain.id), DBP_I(chain.seq),
				DBP_S(chain.head) };

			rc = db_exec(db, a, SQ_AUDIT_ADVANCE, hp, 5, NULL);
		}
		if (rc != DB_OK) {
			chain.known = 0;
			return rc;
		}
		if (db_affected(db) == 1)
			return DB_OK;
		chain.known = 0; /* behind what this process thought */
	}
	return DB_ERR; /* read under the lock, and still not there */
}

int
audit_record_many(struct db *db, struct arena *a, const struct audit_read *ar,
    const long long *ids, size_t n)
{
	struct db_param p[50 * AUDIT_COLS];
	struct audit_row *rows;
	char at[64];
	size_t i, done;
	long long seq;
	int rc;

	if (n == 0)
		return DB_OK;
	if ((rc = audit_ready(db)) != DB_OK)
		return rc; /* no chain yet: start one outside the transaction */
	audit_now(at);
	rows = arena_alloc(a, n * sizeof(*rows));
	if ((rc = head_advance(db, a, ar, ids, n, at, rows)) != DB_OK)
		return rc;
	seq = chain.seq;
	for (done = 0; done < n;) {
		size_t take = n - done >= 50 ? 50 : n - done >= 10 ? 10 : 1;
		int id = take == 50 ? SQ_AUDIT_INSERT50
		    : take == 10    ? SQ_AUDIT_INSERT10
		                    : SQ_AUDIT_INSERT;

		for (i = 0; i < take; i++)
			bind_row(p + i * AUDIT_COLS, at, ar, &rows[done + i],
			    ids[done + i], seq + (long long)(done + i) + 1);
		rc = db_exec(db, a, id, p, take * AUDIT_COLS, NULL);
		if (rc != DB_OK) {
			chain.known = 0;
			return rc;
		}
		done += take;
	}
	/* where the head now is, if this transaction commits; if it does
	 * not, the next advance finds out */
	memcpy(chain.head, rows[n - 1].hash, 65);
	chain.seq = seq + (long long)n;
	return DB_OK;
}

int
audit_ready(struct db *db)
{
	if (chain.pid == getpid())
		return DB_OK;
	db_before(db, chain_new, NULL);
	return DB_AGAIN;
}

int
audit_record(struct db *db, struct arena *a, const struct audit_read *ar)
{
	return audit_record_many(db, a, ar, &ar->citizen_id, 1);
}
