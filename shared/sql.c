/*
 * The shared statements (see sql.h).
 */
#include "config.h"

#include "sql.h"

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
	/* at, hash of (prev | at | kind | actor | citizen | fields | purpose
	 * | request) */
	[SQ_AUDIT_HASH] =
	    "SELECT t.at, SHA2(CONCAT_WS('|', ?, t.at, ?, ?, ?, ?, ?, ?), 256)"
	    " FROM (SELECT DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%d "
	    "%H:%i:%s.%f')"
	    " AS at) t",
	[SQ_AUDIT_INSERT] =
	    "INSERT INTO access_log (at, actor_kind, actor, citizen_id, fields,"
	    " purpose, request_id, prev_hash, hash)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[SQ_AUDIT_ADVANCE] = "UPDATE access_chain SET head = ? WHERE id = 1",
};
