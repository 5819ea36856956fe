/*
 * Every statement of the exchange gateway, prepared once per connection.
 */
#include "config.h"

#include "exchange.h"

#define P10 "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define P100 \
	P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 \
	    ", " P10 ", " P10

#define CITIZEN_COLS \
	"c.id, c.pid, c.full_name, c.birth_date, c.sex, c.ethnicity, " \
	"c.household_id, c.household_role "

const char *const ex_sql[EXQ__MAX - SQ__MAX] = {
	/* the issuer, when recorded, must match too */
	[EXQ_CLIENT - SQ__MAX] = "SELECT id, name FROM exchange_client "
	                         "WHERE subject_dn = ? AND active = 1 "
	                         "AND (issuer_dn IS NULL OR issuer_dn = ?)",
	[EXQ_RIGHT - SQ__MAX] = "SELECT field_groups FROM exchange_right "
	                        "WHERE client_id = ? AND service = ? "
	                        "AND purpose = ?",
	[EXQ_MSG_INSERT - SQ__MAX] =
	    "INSERT INTO exchange_message (client_id, subject_dn, service, "
	    "message_id, id_owner, wire, received_at, request_sha256, outcome, "
	    "http_status) VALUES (?, ?, ?, ?, 1, ?, NOW(3), ?, 'processing', "
	    "0)",
	[EXQ_MSG_DONE - SQ__MAX] =
	    "UPDATE exchange_message SET response = ?, content_type = ?, "
	    "response_sha256 = ?, outcome = ?, http_status = ? WHERE id = ?",
	[EXQ_MSG_STORED - SQ__MAX] =
	    "SELECT request_sha256, response, content_type, http_status "
	    "FROM exchange_message WHERE client_id = ? AND message_id = ? "
	    "AND id_owner = 1",
	[EXQ_MSG_LOG - SQ__MAX] =
	    "INSERT INTO exchange_message (client_id, subject_dn, service, "
	    "message_id, wire, received_at, request_sha256, response_sha256, "
	    "outcome, http_status) "
	    "VALUES (?, ?, ?, ?, ?, NOW(3), ?, ?, ?, ?)",
	/* a bounded slice of the messages past their retention (walks
	 * exchange_message_time); EX_PURGE_BATCH rows */
	[EXQ_MSG_PURGE - SQ__MAX] =
	    "DELETE FROM exchange_message "
	    "WHERE received_at < NOW(3) - INTERVAL ? DAY "
	    "ORDER BY received_at LIMIT 500",
	[EXQ_CITIZEN - SQ__MAX] =
	    "SELECT " CITIZEN_COLS "FROM citizen c WHERE c.pid = ?",
	[EXQ_CITIZEN_OLD - SQ__MAX] =
	    "SELECT " CITIZEN_COLS "FROM citizen_pid p "
	    "JOIN citizen c ON c.id = p.citizen_id "
	    "WHERE p.number = ? AND p.kind = 'pid'",
	/* permanent sorts before temporary (ENUM order) */
	[EXQ_RES_AT - SQ__MAX] =
	    "SELECT kind, valid_from, valid_to, address FROM residence "
	    "WHERE citizen_id = ? AND commune_code = ? AND valid_from <= ? "
	    "AND (valid_to IS NULL OR valid_to >= ?) ORDER BY kind LIMIT 1",
	[EXQ_RES_CURRENT - SQ__MAX] =
	    "SELECT kind, commune_code, address FROM residence "
	    "WHERE citizen_id = ? AND valid_from <= CURDATE() "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY kind, valid_from DESC",
	[EXQ_CMND - SQ__MAX] =
	    "SELECT number FROM citizen_pid WHERE citizen_id = ? "
	    "AND kind = 'cmnd' ORDER BY valid_from DESC LIMIT 1",
	[EXQ_HEAD - SQ__MAX] = "SELECT pid FROM citizen WHERE household_id = ? "
	                       "AND household_role = 'chủ hộ' LIMIT 1",
	/* a chunk of a batch: every residence valid on the date (2 params)
	 * of up to EX_BATCH_CHUNK citizens */
	[EXQ_BATCH - SQ__MAX] =
	    "SELECT c.id, c.pid, r.commune_code, r.kind FROM citizen c "
	    "LEFT JOIN residence r ON r.citizen_id = c.id "
	    "AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?) "
	    "WHERE c.pid IN (" P100 ")",
	/* the same, by numbers that were replaced (asked only for numbers the
	 * first query did not find) */
	[EXQ_BATCH_OLD - SQ__MAX] =
	    "SELECT c.id, p.number, r.commune_code, r.kind FROM citizen_pid p "
	    "JOIN citizen c ON c.id = p.citizen_id "
	    "LEFT JOIN residence r ON r.citizen_id = c.id "
	    "AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?) "
	    "WHERE p.kind = 'pid' AND p.number <> c.pid AND p.number IN (" P100
	    ")",
	[EXQ_CHANGES - SQ__MAX] =
	    "SELECT cl.id, cl.kind, c.pid, cl.commune_code, "
	    "DATE_FORMAT(cl.at, '%Y-%m-%dT%H:%i:%sZ'), c.id "
	    "FROM change_log cl "
	    "JOIN exchange_subscription s ON s.commune_code = cl.commune_code "
	    "AND s.client_id = ? "
	    "JOIN citizen c ON c.id = cl.citizen_id "
	    "WHERE cl.id > ? ORDER BY cl.id LIMIT ?",
};
