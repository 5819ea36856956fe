/*
 * The shared statements (see sql.h).
 */
#include "config.h"

#include "sql.h"

/* Access-log rows go in by one, ten or fifty (a batch of 10,000 pairs
 * must not take 10,000 round trips). */
#define AUDIT_INSERT \
	"INSERT INTO access_log (at, actor_kind, actor, citizen_id, fields," \
	" purpose, request_id, prev_hash, hash, chain_id, seq) VALUES "
#define AUDIT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define AUDIT_ROW10 \
	AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW \
	          "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW \
	          "," AUDIT_ROW

const char *const sql_shared[SQ__MAX] = {
	[SQ_SCHEMA_VERSION] =
	    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
	/* a block of numbers, on its own (autocommit): the row's new last
	 * comes back as the insert id */
	[SQ_RECEIPT_RESERVE] =
	    "INSERT INTO receipt_seq (agency, day, last) "
	    "VALUES (?, ?, LAST_INSERT_ID(?)) "
	    "ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + ?)",
	/* the head of the worker's own chain: no other process locks it */
	[SQ_AUDIT_HEAD] =
	    "SELECT head, seq FROM access_chain WHERE id = ? FOR UPDATE",
	/* a new chain (autocommit, on its own): the newest, read without
	 * a lock, then the chain after it, its genesis derived from that
	 * one's; two at once name the same predecessor, and the unique
	 * prev_id turns one away */
	[SQ_AUDIT_CHAIN_LAST] =
	    "SELECT id, genesis FROM access_chain ORDER BY id DESC LIMIT 1",
	[SQ_AUDIT_CHAIN_NEW] =
	    "INSERT INTO access_chain (prev_id, genesis, head, seq) "
	    "VALUES (?, SHA2(CONCAT_WS('|', 'chain', ?, ?), 256), "
	    "SHA2(CONCAT_WS('|', 'chain', ?, ?), 256), 0)",
	[SQ_AUDIT_INSERT] = AUDIT_INSERT AUDIT_ROW,
	[SQ_AUDIT_INSERT10] = AUDIT_INSERT AUDIT_ROW10,
	[SQ_AUDIT_INSERT50] = AUDIT_INSERT AUDIT_ROW10
	"," AUDIT_ROW10 "," AUDIT_ROW10 "," AUDIT_ROW10 "," AUDIT_ROW10,
	[SQ_HOLIDAYS] =
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holiday "
	    "WHERE day BETWEEN ? AND ? + INTERVAL 3 YEAR ORDER BY day",
	[SQ_DOSSIER_BY_KEY] =
	    "SELECT id, receipt_code FROM dossier WHERE applicant_id = ? "
	    "AND procedure_code = ? AND idempotency_key = ?",
	[SQ_DOSSIER_INSERT] =
	    "INSERT INTO dossier (receipt_code, agency, procedure_code, "
	    "commune_code, applicant_id, filed_by, channel, state, "
	    "idempotency_key, submitted_at, due_at, payload) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?)",
	[SQ_DOSSIER_EVENT] =
	    "INSERT INTO dossier_event (dossier_id, from_state, to_state, "
	    "actor, at, reason) VALUES (?, ?, ?, ?, NOW(3), ?)",
	/* the outbox row of a state change (event id, new state, dossier),
	 * when the applicant chose a channel: one statement, the contact
	 * read by it, in the change's transaction */
	[SQ_NOTIFY_OUTBOX] =
	    "INSERT INTO notification (dossier_id, event_id, channel, "
	    "address, receipt_code, to_state) "
	    "SELECT d.id, ?, c.channel, "
	    "IF(c.channel = 'email', c.email, c.phone), d.receipt_code, ? "
	    "FROM dossier d JOIN citizen_contact c ON c.citizen_id = "
	    "d.applicant_id WHERE d.id = ? AND c.channel <> 'none' "
	    "AND IF(c.channel = 'email', c.email, c.phone) <> ''",
	/* the dossier an action is about, locked for the transaction */
	[SQ_DOSSIER_LOCK] =
	    "SELECT d.id, d.state, d.procedure_code, d.commune_code, "
	    "d.applicant_id, d.payload, "
	    "DATE_FORMAT(d.due_at, '%Y-%m-%d %H:%i:%s'), d.remaining_halves, "
	    "d.version, d.filed_by, "
	    "DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s') "
	    "FROM dossier d WHERE d.receipt_code = ? "
	    "FOR UPDATE",
	[SQ_DOSSIER_MOVE] =
	    "UPDATE dossier SET state = ?, version = version + 1, "
	    "decided_by = COALESCE(?, decided_by), "
	    "decision_reason = COALESCE(?, decision_reason), "
	    "completed_at = IF(? IN ('rejected', 'result_issued'), NOW(), "
	    "completed_at) WHERE id = ? AND state = ? AND version = ?",
	[SQ_DOSSIER_PAUSE] =
	    "UPDATE dossier SET paused_at = NOW(), remaining_halves = ? "
	    "WHERE id = ?",
	[SQ_DOSSIER_RESUME] =
	    "UPDATE dossier SET paused_at = NULL, remaining_halves = NULL, "
	    "due_at = ? WHERE id = ?",
	[SQ_REFUSAL] =
	    "INSERT INTO refusal (at, actor, action, object, reason) "
	    "VALUES (NOW(3), ?, ?, ?, ?)",
	/* the head moves on only from where this process last left it:
	 * no row matches when a rolled-back transaction had moved it */
	[SQ_AUDIT_ADVANCE] = "UPDATE access_chain SET head = ?, seq = ? "
	                     "WHERE id = ? AND seq = ? AND head = ?",
};

/* What the shared units read of them: parameters and columns. */
const struct sql_shape sql_shared_shapes[] = {
	{ SQ_SCHEMA_VERSION, 0, 1 },
	{ SQ_RECEIPT_RESERVE, 4, 0 },
	{ SQ_AUDIT_HEAD, 1, 2 },
	{ SQ_AUDIT_CHAIN_LAST, 0, 2 },
	{ SQ_AUDIT_CHAIN_NEW, 5, 0 },
	{ SQ_AUDIT_INSERT, 11, 0 },
	{ SQ_AUDIT_INSERT10, 110, 0 },
	{ SQ_AUDIT_INSERT50, 550, 0 },
	{ SQ_AUDIT_ADVANCE, 5, 0 },
	{ SQ_HOLIDAYS, 2, 1 },
	{ SQ_DOSSIER_BY_KEY, 3, 2 },
	{ SQ_DOSSIER_INSERT, 11, 0 },
	{ SQ_DOSSIER_EVENT, 5, 0 },
	{ SQ_DOSSIER_LOCK, 1, SQ_DOSSIER_LOCK_COLS },
	{ SQ_DOSSIER_MOVE, 7, 0 },
	{ SQ_DOSSIER_PAUSE, 2, 0 },
	{ SQ_DOSSIER_RESUME, 2, 0 },
	{ SQ_REFUSAL, 4, 0 },
	{ SQ_NOTIFY_OUTBOX, 3, 0 },
	{ -1, 0, 0 },
};
