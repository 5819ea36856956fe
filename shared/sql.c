/*
 * The shared statements (see sql.h).
 */
#include "config.h"

#include "sql.h"

/* Access-log rows go in by one, ten or fifty (a batch of 10,000 pairs
 * must not take 10,000 round trips). */
#define AUDIT_INSERT \
	"INSERT INTO access_log (at, actor_kind, actor, citizen_id, fields," \
	" purpose, request_id, prev_hash, hash) VALUES "
#define AUDIT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define AUDIT_ROW10 \
	AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW \
	          "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW "," AUDIT_ROW \
	          "," AUDIT_ROW

const char *const sql_shared[SQ__MAX] = {
	[SQ_SCHEMA_VERSION] =
	    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
	[SQ_RECEIPT_BUMP] =
	    "INSERT INTO receipt_seq (agency, day, last) VALUES (?, ?, 1) "
	    "ON DUPLICATE KEY UPDATE last = last + 1",
	[SQ_RECEIPT_GET] =
	    "SELECT last FROM receipt_seq WHERE agency = ? AND day = ?",
	[SQ_AUDIT_HEAD] =
	    "SELECT head FROM access_chain WHERE id = 1 FOR UPDATE",
	[SQ_AUDIT_INSERT] = AUDIT_INSERT AUDIT_ROW,
	[SQ_AUDIT_INSERT10] = AUDIT_INSERT AUDIT_ROW10,
	[SQ_AUDIT_INSERT50] = AUDIT_INSERT AUDIT_ROW10
	"," AUDIT_ROW10 "," AUDIT_ROW10 "," AUDIT_ROW10 "," AUDIT_ROW10,
	[SQ_AUDIT_ADVANCE] = "UPDATE access_chain SET head = ? WHERE id = 1",
};
