/*
 * Statements every module prepares, for the shared units (health, receipt
 * codes, the access log).  A module's own statements are numbered from
 * SQ__MAX on: its enum starts "= SQ__MAX" and its table holds those.
 */
#ifndef MOTCUA_SQL_H
#define MOTCUA_SQL_H

enum sql_shared {
	SQ_SCHEMA_VERSION,
	SQ_RECEIPT_RESERVE,
	SQ_AUDIT_HEAD,
	SQ_AUDIT_CHAIN_LAST,
	SQ_AUDIT_CHAIN_NEW,
	SQ_AUDIT_INSERT,
	SQ_AUDIT_INSERT10,
	SQ_AUDIT_INSERT50,
	SQ_AUDIT_ADVANCE,
	SQ_HOLIDAYS,
	SQ_DOSSIER_BY_KEY,
	SQ_DOSSIER_INSERT,
	SQ_DOSSIER_EVENT,
	SQ_DOSSIER_LOCK,
	SQ_DOSSIER_MOVE,
	SQ_DOSSIER_PAUSE,
	SQ_DOSSIER_RESUME,
	SQ_REFUSAL,
	SQ_NOTIFY_OUTBOX,
	SQ__MAX
};

extern const char *const sql_shared[SQ__MAX];

/*
 * What a statement's fetcher expects of it: its parameters and result
 * columns.  A module lists one for each statement it reads with a
 * fetcher; db_connect() checks every prepared statement against it, so a
 * column added to the SQL but not to the fetcher fails at start-up (and
 * under -n), not in a request.  A list ends with id -1.
 */
struct sql_shape {
	int id;
	unsigned params;
	unsigned cols;
};

/* The shared statements' shapes. */
extern const struct sql_shape sql_shared_shapes[];

/* The columns of SQ_DOSSIER_LOCK, as dossier_load() reads them. */
enum sq_dossier_lock {
	SQ_DL_ID,
	SQ_DL_STATE,
	SQ_DL_PROCEDURE,
	SQ_DL_COMMUNE,
	SQ_DL_APPLICANT,
	SQ_DL_PAYLOAD,
	SQ_DL_DUE,
	SQ_DL_REMAINING,
	SQ_DL_VERSION,
	SQ_DL_FILED_BY,
	SQ_DL_SUBMITTED,
	SQ_DOSSIER_LOCK_COLS
};

#endif
