/*
 * Every statement of the tracking module, prepared once per connection.
 * Times of dossiers are the database's local time; access-log times are
 * UTC (audit.c writes them so), hence the Z.
 */
#include "config.h"

#include "tracking.h"

/* open, finished, finished on time, on-time rate in percent (or NULL) */
#define STATS_COLS \
	"COALESCE(SUM(state IN ('submitted', 'accepted', " \
	"'supplement_requested')), 0), " \
	"COALESCE(SUM(completed_at IS NOT NULL), 0), " \
	"COALESCE(SUM(completed_at IS NOT NULL AND completed_at <= due_at), " \
	"0), " \
	"ROUND(100 * SUM(completed_at IS NOT NULL AND completed_at <= " \
	"due_at) " \
	"/ NULLIF(SUM(completed_at IS NOT NULL), 0), 1)"

/*
 * A dossier by receipt code, the second factor's condition after it.
 * Overdue (the last column): open past the due date with the clock
 * running, or finished after it.
 */
#define DOSSIER_COLS \
	"SELECT d.id, d.receipt_code, d.procedure_code, d.state, " \
	"DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.completed_at, '%Y-%m-%dT%H:%i:%s'), " \
	"d.paused_at IS NOT NULL, " \
	"IF(d.completed_at IS NULL, " \
	"d.paused_at IS NULL AND d.due_at < NOW(), " \
	"d.completed_at > d.due_at) " \
	"FROM dossier d JOIN citizen c ON c.id = d.applicant_id " \
	"WHERE d.receipt_code = ? "

const char *const tr_sql[TRQ__MAX - SQ__MAX] = {
	[TRQ_OFFICIAL - SQ__MAX] =
	    "SELECT o.id, o.commune_code, o.role, u.full_name FROM official o "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = o.commune_code AND u.valid_to IS NULL "
	    "WHERE o.username = ? AND o.active = 1",
	/* the code's row for the factor, created (no failure yet) or
	 * locked: parallel attempts on a code queue here, before any gap
	 * lock of a missing row could make two of them deadlock */
	[TRQ_FAILURE_LOCK - SQ__MAX] =
	    "INSERT INTO tracking_failure "
	    "(receipt_code, factor, client, failures, last_at) "
	    "VALUES (?, ?, '', 0, NOW()) "
	    "ON DUPLICATE KEY UPDATE failures = failures",
	/* per factor, the rows of the client and of all clients (''):
	 * failures, and microseconds since the end of the second of the
	 * last one (last_at has whole seconds: never wait less than asked) */
	[TRQ_FAILURE_GET - SQ__MAX] =
	    "SELECT client, failures, TIMESTAMPDIFF(MICROSECOND, "
	    "last_at + INTERVAL 1 SECOND, NOW(6)) FROM tracking_failure "
	    "WHERE receipt_code = ? AND factor = ? AND client IN (?, '') "
	    "FOR UPDATE",
	[TRQ_FAILURE_ADD - SQ__MAX] =
	    "INSERT INTO tracking_failure "
	    "(receipt_code, factor, client, failures, last_at) "
	    "VALUES (?, ?, ?, 1, NOW()) ON DUPLICATE KEY UPDATE "
	    "failures = failures + 1, last_at = NOW()",
	[TRQ_FAILURE_RESET - SQ__MAX] =
	    "UPDATE tracking_failure SET failures = 0 "
	    "WHERE receipt_code = ? AND factor = ? AND client IN (?, '')",
	/* a bounded slice of day-old failures, on each new failure */
	[TRQ_FAILURE_PURGE - SQ__MAX] =
	    "DELETE FROM tracking_failure "
	    "WHERE last_at < NOW() - INTERVAL 1 DAY LIMIT 50",
	/* only with both factors: the code and the applicant's birth year,
	 * or (TRQ_DOSSIER_DATE) the whole birth date */
	[TRQ_DOSSIER - SQ__MAX] = DOSSIER_COLS "AND YEAR(c.birth_date) = ?",
	[TRQ_DOSSIER_DATE - SQ__MAX] = DOSSIER_COLS "AND c.birth_date = ?",
	/* the reason only where it is the applicant's business (what to
	 * supplement, why it was refused); never the actor */
	[TRQ_EVENTS - SQ__MAX] =
	    "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s'), "
	    "from_state, to_state, "
	    "IF(to_state IN ('supplement_requested', 'rejected'), "
	    "reason, NULL) "
	    "FROM dossier_event WHERE dossier_id = ? ORDER BY at, id LIMIT 200",
	[TRQ_QUEUE - SQ__MAX] =
	    "SELECT receipt_code, procedure_code, state, "
	    "DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(due_at, '%Y-%m-%dT%H:%i:%s'), paused_at IS NOT NULL, "
	    "paused_at IS NULL AND due_at < NOW() FROM dossier "
	    "WHERE commune_code = ? "
	    "AND state IN ('submitted', 'accepted', 'supplement_requested') "
	    "ORDER BY due_at, id LIMIT ? OFFSET ?",
	[TRQ_STATS - SQ__MAX] =
	    "SELECT procedure_code, " STATS_COLS
	    " FROM dossier WHERE commune_code = ? "
	    "GROUP BY procedure_code ORDER BY procedure_code",
	[TRQ_STATS_TOTAL - SQ__MAX] =
	    "SELECT " STATS_COLS " FROM dossier WHERE commune_code = ?",
	[TRQ_CITIZEN - SQ__MAX] = "SELECT id FROM citizen WHERE pid = ?",
	[TRQ_READS_COUNT - SQ__MAX] =
	    "SELECT COUNT(*) FROM access_log WHERE citizen_id = ?",
	/* a page of the citizen's reads, newest first; for an official
	 * reader, the current name of their commune (their office) */
	[TRQ_READS - SQ__MAX] =
	    "SELECT DATE_FORMAT(a.at, '%Y-%m-%dT%H:%i:%sZ'), a.actor_kind, "
	    "a.actor, u.full_name, a.fields, a.purpose FROM access_log a "
	    "LEFT JOIN official o ON a.actor_kind = 'official' "
	    "AND o.username = a.actor COLLATE utf8mb4_bin "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = o.commune_code AND u.valid_to IS NULL "
	    "WHERE a.citizen_id = ? ORDER BY a.at DESC, a.id DESC "
	    "LIMIT ? OFFSET ?",
};
