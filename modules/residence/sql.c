/*
 * Every statement of the residence module, prepared once per connection.
 */
#include "config.h"

#include "residence.h"

/* Current residence rows with the commune's current name. */
#define CURRENT_RESIDENCES \
	"SELECT r.kind, r.commune_code, COALESCE(u.full_name, ''), " \
	"COALESCE(p.full_name, ''), r.address, r.valid_from, r.valid_to " \
	"FROM residence r " \
	"LEFT JOIN admin_unit u ON u.level = 'commune' " \
	"AND u.code = r.commune_code AND u.valid_to IS NULL " \
	"LEFT JOIN admin_unit p ON p.level = 'province' " \
	"AND p.code = u.province_code AND p.valid_to IS NULL " \
	"WHERE r.citizen_id = ? AND r.valid_from <= CURDATE() " \
	"AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) " \
	"ORDER BY r.kind, r.valid_from DESC"

const char *const rs_sql[RS__MAX - SQ__MAX] = {
	[RS_CITIZEN - SQ__MAX] =
	    "SELECT id, pid, full_name, birth_date, sex, residence_version "
	    "FROM citizen WHERE pid = ?",
	[RS_RESIDENCES - SQ__MAX] = CURRENT_RESIDENCES,
	[RS_CONFIRM_BY_KEY - SQ__MAX] =
	    "SELECT c.code FROM dossier d "
	    "JOIN confirmation c ON c.dossier_id = d.id "
	    "WHERE d.applicant_id = ? AND d.procedure_code = ? "
	    "AND d.idempotency_key = ?",
	/* the facts as of today, commune names included */
	[RS_CONFIRM_INSERT - SQ__MAX] =
	    "INSERT INTO confirmation (code, dossier_id, receipt_code, "
	    "citizen_id, residence_version, full_name, pid, birth_date, sex, "
	    "perm_commune, perm_commune_name, perm_address, perm_since, "
	    "temp_commune, temp_commune_name, temp_address, temp_until, "
	    "issued_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "(SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL), ?, ?, ?, "
	    "(SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL), ?, ?, NOW(), "
	    "NOW() + INTERVAL ? DAY)",
	/* the verification: one row by a unique key, and the citizen's
	 * current residence version by primary key */
	[RS_CONFIRM_BY_CODE - SQ__MAX] =
	    "SELECT c.code, c.receipt_code, c.full_name, c.pid, c.birth_date, "
	    "c.sex, c.perm_commune, COALESCE(c.perm_commune_name, ''), "
	    "c.perm_address, c.perm_since, c.temp_commune, "
	    "COALESCE(c.temp_commune_name, ''), c.temp_address, c.temp_until, "
	    "DATE_FORMAT(c.issued_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%s'), "
	    "c.expires_at < NOW(), z.residence_version <> c.residence_version "
	    "FROM confirmation c JOIN citizen z ON z.id = c.citizen_id "
	    "WHERE c.code = ?",
	[RS_COMMUNE - SQ__MAX] =
	    "SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL",
	/* the current temporary residence, newest first */
	[RS_CURRENT_TEMP - SQ__MAX] =
	    "SELECT id, commune_code, DATE_FORMAT(valid_to, '%Y-%m-%d') "
	    "FROM residence WHERE citizen_id = ? AND kind = 'temporary' "
	    "AND valid_from <= CURDATE() AND valid_to >= CURDATE() "
	    "ORDER BY valid_to DESC LIMIT 1",
	[RS_END_PERMANENT - SQ__MAX] =
	    "UPDATE residence SET valid_to = CURDATE() - INTERVAL 1 DAY "
	    "WHERE citizen_id = ? AND kind = 'permanent' "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE())",
	[RS_INSERT_RESIDENCE - SQ__MAX] =
	    "INSERT INTO residence (citizen_id, kind, commune_code, address, "
	    "household_id, valid_from, valid_to) "
	    "VALUES (?, ?, ?, ?, ?, CURDATE(), ?)",
	[RS_EXTEND - SQ__MAX] =
	    "UPDATE residence SET valid_to = ? WHERE id = ? AND citizen_id = ? "
	    "AND kind = 'temporary'",
	[RS_HOUSEHOLD_OF - SQ__MAX] =
	    "SELECT household_id FROM citizen WHERE pid = ?",
	[RS_HOUSEHOLD_NEW - SQ__MAX] =
	    "INSERT INTO household (commune_code, address) VALUES (?, ?)",
	[RS_JOIN_HOUSEHOLD - SQ__MAX] =
	    "UPDATE citizen SET household_id = ?, household_role = ? "
	    "WHERE id = ?",
	[RS_ABSENCE - SQ__MAX] =
	    "INSERT INTO absence (citizen_id, dossier_id, valid_from, "
	    "valid_to, "
	    "destination, reason) VALUES (?, ?, ?, ?, ?, ?)",
	[RS_EVENTS - SQ__MAX] =
	    "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s'), from_state, "
	    "to_state, "
	    "reason FROM dossier_event WHERE dossier_id = ? ORDER BY id",
	[RS_DOSSIER_VIEW - SQ__MAX] =
	    "SELECT d.id, d.receipt_code, d.procedure_code, d.state, "
	    "DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), d.paused_at IS NOT "
	    "NULL, "
	    "d.channel, d.applicant_id, c.pid "
	    "FROM dossier d JOIN citizen c ON c.id = d.applicant_id "
	    "WHERE d.receipt_code = ?",
	[RS_OFFICIAL - SQ__MAX] = "SELECT id, commune_code, role FROM official "
	                          "WHERE username = ? AND active = 1",
	[RS_SEPARATION - SQ__MAX] =
	    "SELECT separate_duties FROM "
	    "procedure_setting WHERE procedure_code = ?",
};
