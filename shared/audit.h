/*
 * The access log of personal data: every read by an official or a
 * ministry system writes a row in the same transaction as the read.  Rows
 * are hash-chained (each hash covers the previous one and the row), so an
 * edit, deletion or reordering shows.
 */
#ifndef MOTCUA_AUDIT_H
#define MOTCUA_AUDIT_H

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

/* Inside a transaction: appends one row.  Returns DB_OK or enum db_rc. */
int audit_record(struct db *, struct arena *, const struct audit_read *);

#endif
