/*
 * The access log of personal data: every read by an official or a
 * ministry system writes a row in the same transaction as the read.  Rows
 * are hash-chained: each row's hash is SHA-256 over the previous row's
 * hash and the row's content, "prev|at|kind|actor|citizen|fields|purpose|
 * request" (the verifier, motcua-audit-verify, recomputes the same), so an
 * edit, deletion or reordering shows.  There are several chains, one per
 * worker process (audit.c): a row's chain_id and seq place it, and no
 * head row is locked by more than one process.  The modules' database
 * accounts may only add rows (start a chain, and advance their own
 * chain's head), never change one; the
 * verifier, under its own account, seals what it verified and signs
 * checkpoints with a key the database never sees, so a rewrite with the
 * chain recomputed shows too.
 */
#ifndef MOTCUA_AUDIT_H
#define MOTCUA_AUDIT_H

#include <stddef.h>

struct arena;
struct db;

struct audit_read {
	const char *actor_kind; /* "official", "exchange", "citizen" */
	const char *actor; /* username, client name */
	long long citizen_id;
	const char *fields; /* which facts were read */
	const char *purpose;
	const char *request_id;
};

/*
 * Writes into out (64 hex digits and a NUL) the hash of the row for ar's
 * read of citizen cid (decimal) at time at ("YYYY-MM-DD HH:MM:SS.ffffff",
 * as DATE_FORMAT prints DATETIME(3)) following the row whose hash is prev:
 * SHA-256 over "prev|at|kind|actor|cid|fields|purpose|request", a NULL
 * request id as "", the same as the verifier's CONCAT_WS.
 */
void audit_row_hash(const char *prev, const char *at,
    const struct audit_read *ar, const char *cid, char out[65]);

/*
 * Inside a transaction: appends one row to this process's chain.  The
 * first time a process writes, it has no chain yet: it queues the start
 * of one and returns DB_AGAIN (db_txn() runs the transaction again after
 * it).  Returns DB_OK or enum db_rc.
 */
int audit_record(struct db *, struct arena *, const struct audit_read *);

/*
 * At the start of a transaction that will write the log, for one that
 * does much before it: DB_OK when this process has its chain, or
 * DB_AGAIN (its start queued) before any work is done in vain.
 */
int audit_ready(struct db *);

/*
 * Inside a transaction: appends n rows sharing actor, fields, purpose and
 * request id (ar), one per citizen id.  Returns DB_OK or enum db_rc.
 */
int audit_record_many(struct db *, struct arena *, const struct audit_read *ar,
    const long long *citizen_ids, size_t n);

#endif
