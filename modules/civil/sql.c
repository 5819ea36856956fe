/*
 * Every statement of the civil-status module, prepared once per
 * connection, and what the fetchers read of them (cv_shapes), so that
 * db_connect() refuses a statement and a fetcher that drift apart.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "permres.h"
#include "civil.h"

/* A parent's facts (birth.c's struct parent), with their current
 * permanent residence on the day (the two first parameters). */
#define BIRTH_PARENT \
	"SELECT c.id, c.pid, c.full_name, " \
	"DATE_FORMAT(c.birth_date, '%Y-%m-%d'), YEAR(c.birth_date), c.sex, " \
	"c.ethnicity, c.hometown, c.nationality, " \
	"DATE_FORMAT(c.death_date, '%Y-%m-%d'), " \
	"COALESCE(r.household_id, c.household_id), c.household_role, " \
	"r.commune_code, r.address, " \
	"CONCAT(r.address, ', ', COALESCE(u.full_name, r.commune_code)) " \
	"FROM citizen c LEFT JOIN residence r ON r.citizen_id = c.id " \
	"AND r.kind = 'permanent' AND r.valid_from <= ? " \
	"AND (r.valid_to IS NULL OR r.valid_to >= ?) " \
	"LEFT JOIN admin_unit u ON u.level = 'commune' " \
	"AND u.code = r.commune_code AND u.valid_to IS NULL "

/* A birth dossier's own state (birth.c), by the dossier. */
#define BIRTH_STATE \
	"SELECT b.hold, b.cleared_by, b.late, b.residence, " \
	"b.residence_parent, b.residence_note, b.health_card, c.pid, " \
	"r.book, r.number FROM civil_birth_dossier b " \
	"LEFT JOIN citizen c ON c.id = b.child_id " \
	"LEFT JOIN civil_record r ON r.id = b.record_id " \
	"WHERE b.dossier_id = ?"

const char *const cv_sql[CV__MAX - SQ__MAX] = {
	/* the official behind REMOTE_USER, with the commune's name */
	[CV_OFFICIAL - SQ__MAX] =
	    "SELECT o.id, o.commune_code, o.role, u.full_name FROM official o "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = o.commune_code AND u.valid_to IS NULL "
	    "WHERE o.username = ? AND o.active = 1",
	/* the civil rule valid on a day */
	[CV_RULE - SQ__MAX] =
	    "SELECT value FROM civil_rule WHERE rule = ? AND valid_from <= ? "
	    "AND (valid_to IS NULL OR valid_to >= ?)",
	/* the flow: a person, and whether their records are locked */
	[CV_CITIZEN - SQ__MAX] =
	    "SELECT c.id, c.pid, c.full_name, "
	    "DATE_FORMAT(c.birth_date, '%Y-%m-%d'), c.sex, "
	    "DATE_FORMAT(c.death_date, '%Y-%m-%d'), EXISTS (SELECT 1 FROM "
	    "civil_record r WHERE r.citizen_id = c.id AND r.locked = 1), "
	    /* papers: the marital status and the civil version */
	    "c.marital_status, c.civil_version "
	    "FROM citizen c WHERE c.pid = ?",
	[CV_PERMANENT_COMMUNE - SQ__MAX] =
	    "SELECT commune_code FROM residence WHERE citizen_id = ? "
	    "AND kind = 'permanent' AND valid_from <= CURDATE() "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY valid_from DESC LIMIT 1",
	[CV_COMMUNE - SQ__MAX] =
	    "SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL",
	[CV_DOSSIER_VIEW - SQ__MAX] = FLOW_VIEW_SQL,
	[CV_EVENTS - SQ__MAX] = FLOW_EVENTS_SQL,
	[CV_SEPARATION - SQ__MAX] =
	    "SELECT separate_duties FROM procedure_setting "
	    "WHERE procedure_code = ?",
	[CV_VERIFIED - SQ__MAX] =
	    "SELECT COUNT(*) FROM civil_verification WHERE dossier_id = ?",
	[CV_VERIFY_MARK - SQ__MAX] =
	    "INSERT INTO civil_verification (dossier_id, official, at) "
	    "VALUES (?, ?, ?)",
	[CV_DUE_SET - SQ__MAX] = "UPDATE dossier SET due_at = ? WHERE id = ?",
	/* death registration: only a living person is marked */
	/* deceased, and out of their household's register with their
	 * permanent residence (a household whose head died keeps no head
	 * until its members name one, through the residence procedures) */
	[CV_SET_DEATH - SQ__MAX] =
	    "UPDATE citizen SET death_date = ?, household_id = NULL, "
	    "household_role = NULL WHERE id = ? AND death_date IS NULL",
	[CV_BOOK_BUMP - SQ__MAX] =
	    "INSERT INTO civil_book_seq (commune_code, book, year, last) "
	    "VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE last = last + 1",
	[CV_BOOK_GET - SQ__MAX] =
	    "SELECT last FROM civil_book_seq WHERE commune_code = ? "
	    "AND book = ? AND year = ?",
	[CV_RECORD_INSERT - SQ__MAX] =
	    "INSERT INTO civil_record (kind, book, number, commune_code, "
	    "citizen_id, event_date, event_time, event_place, registered_at, "
	    "declarant_id, declarant_relation, dossier_id, late, locked) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CV_DEATH_DETAIL - SQ__MAX] =
	    "INSERT INTO civil_death (record_id, notice_number, cause) "
	    "VALUES (?, ?, ?)",
	[CV_LOCK_RECORDS - SQ__MAX] =
	    "UPDATE civil_record SET locked = 1 WHERE citizen_id = ?",
	/* as the residence module ends a residence: the day before today,
	 * by the clock the residence rows are read by */
	[CV_END_RESIDENCE - SQ__MAX] =
	    "UPDATE residence SET valid_to = CURDATE() - INTERVAL 1 DAY "
	    "WHERE citizen_id = ? AND (valid_to IS NULL OR "
	    "valid_to >= CURDATE())",
	[CV_WIDOW - SQ__MAX] =
	    "UPDATE citizen SET marital_status = 'widowed' WHERE id IN "
	    "(SELECT IF(m.party_a = ?, m.party_b, m.party_a) FROM marriage m "
	    "WHERE (m.party_a = ? OR m.party_b = ?) AND m.ended_on IS NULL)",
	[CV_END_MARRIAGE - SQ__MAX] =
	    "UPDATE marriage SET ended_on = ?, end_reason = 'death' "
	    "WHERE (party_a = ? OR party_b = ?) AND ended_on IS NULL",
	/* which of spouse, child, parent, sibling the first person (the
	 * declarant) is of the second, as the database holds it (a spouse
	 * still, of a marriage a death ended) */
	[CV_RELATED - SQ__MAX] =
	    "SELECT EXISTS (SELECT 1 FROM marriage WHERE (ended_on IS NULL "
	    "OR end_reason = 'death') AND ((party_a = ? AND party_b = ?) OR "
	    "(party_b = ? AND "
	    "party_a = ?))), "
	    "EXISTS (SELECT 1 FROM parent_link WHERE child_id = ? "
	    "AND parent_id = ?), "
	    "EXISTS (SELECT 1 FROM parent_link WHERE parent_id = ? "
	    "AND child_id = ?), "
	    "EXISTS (SELECT 1 FROM parent_link x JOIN parent_link y "
	    "ON y.parent_id = x.parent_id WHERE x.child_id = ? "
	    "AND y.child_id = ? AND x.child_id <> y.child_id)",
	/* papers: confirmations of marital status and extracts */
	/* the residence current on the module's day, permanent first */
	[CV_HOME_COMMUNE - SQ__MAX] =
	    "SELECT r.commune_code, COALESCE(u.full_name, '') FROM residence r "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = r.commune_code AND u.valid_to IS NULL "
	    "WHERE r.citizen_id = ? AND r.valid_from <= ? "
	    "AND (r.valid_to IS NULL OR r.valid_to >= ?) "
	    "ORDER BY r.kind, r.valid_from DESC LIMIT 1",
	[CV_CONFIRM_BY_KEY - SQ__MAX] =
	    "SELECT c.code FROM dossier d "
	    "JOIN civil_confirmation c ON c.dossier_id = d.id "
	    "WHERE d.applicant_id = ? AND d.procedure_code = ? "
	    "AND d.idempotency_key = ?",
	/* issued and valid until by the module's clock */
	[CV_CONFIRM_INSERT - SQ__MAX] =
	    "INSERT INTO civil_confirmation (code, dossier_id, receipt_code, "
	    "citizen_id, civil_version, full_name, pid, birth_date, sex, "
	    "marital_status, purpose, purpose_text, commune_code, "
	    "commune_name, issued_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "CAST(? AS DATETIME) + INTERVAL ? MONTH)",
	/* the verification: one row by a unique key, and the person's
	 * current civil version by primary key, at the module's now */
	[CV_CONFIRM_BY_CODE - SQ__MAX] =
	    "SELECT c.code, c.receipt_code, c.full_name, c.pid, c.birth_date, "
	    "c.sex, c.marital_status, c.purpose, c.purpose_text, "
	    "c.commune_code, c.commune_name, "
	    "DATE_FORMAT(c.issued_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%s'), "
	    "c.expires_at < ?, z.civil_version <> c.civil_version, "
	    "z.death_date IS NOT NULL "
	    "FROM civil_confirmation c JOIN citizen z ON z.id = c.citizen_id "
	    "WHERE c.code = ?",
	/* the newest record of a kind about a person (either party of a
	 * marriage) */
	[CV_RECORD - SQ__MAX] =
	    "SELECT id, commune_code FROM civil_record WHERE kind = ? "
	    "AND (citizen_id = ? OR (kind = 'marriage' AND other_id = ?)) "
	    "ORDER BY event_date DESC, id DESC LIMIT 1",
	[CV_EXTRACT_BY_KEY - SQ__MAX] =
	    "SELECT e.code FROM dossier d "
	    "JOIN civil_extract e ON e.dossier_id = d.id "
	    "WHERE d.applicant_id = ? AND d.procedure_code = ? "
	    "AND d.idempotency_key = ?",
	/* the record's facts and the person's (and, for a marriage, the
	 * other party's) as of the issue, copied into the extract */
	[CV_EXTRACT_INSERT - SQ__MAX] =
	    "INSERT INTO civil_extract (code, dossier_id, receipt_code, "
	    "paper, requested_by, requester_id, relation, purpose, issued_at, "
	    "record_id, kind, citizen_id, full_name, pid, birth_date, sex, "
	    "other_name, other_pid, book, number, event_date, event_place, "
	    "commune_code, commune_name, registered_at) "
	    "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, r.id, r.kind, s.id, "
	    "s.full_name, s.pid, s.birth_date, s.sex, o.full_name, o.pid, "
	    "r.book, r.number, r.event_date, r.event_place, r.commune_code, "
	    "u.full_name, r.registered_at "
	    "FROM civil_record r JOIN citizen s ON s.id = ? "
	    "LEFT JOIN citizen o ON o.id = "
	    "IF(r.citizen_id = s.id, r.other_id, r.citizen_id) "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = r.commune_code AND u.valid_to IS NULL "
	    "WHERE r.id = ?",
	[CV_EXTRACT_BY_CODE - SQ__MAX] =
	    "SELECT code, receipt_code, kind, paper, full_name, pid, "
	    "birth_date, sex, other_name, other_pid, book, number, "
	    "event_date, event_place, commune_code, "
	    "COALESCE(commune_name, ''), "
	    "DATE_FORMAT(registered_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(issued_at, '%Y-%m-%dT%H:%i:%s') "
	    "FROM civil_extract WHERE code = ?",
	/* birth registration: pid.c */
	/* the commune's pre-2025 province in the code table of the day */
	[CV_PID_PROVINCE - SQ__MAX] =
	    "SELECT province_code FROM commune_pre2025 "
	    "WHERE commune_code = ? AND valid_from <= ? "
	    "ORDER BY valid_from DESC LIMIT 1",
	/* whether anyone holds or held the number */
	[CV_PID_HELD - SQ__MAX] =
	    "SELECT EXISTS (SELECT 1 FROM citizen WHERE pid = ?) OR "
	    "EXISTS (SELECT 1 FROM citizen_pid WHERE number = ? "
	    "AND kind = 'pid')",
	[CV_PID_RESERVE - SQ__MAX] =
	    "INSERT INTO pid_assignment (pid, citizen_id, assigned_at, "
	    "commune_code) VALUES (?, NULL, ?, ?)",
	/* birth registration: birth.c */
	/* a parent, with their permanent residence on the day */
	[CV_BIRTH_PARENT - SQ__MAX] =
	    BIRTH_PARENT "WHERE c.pid = ? "
	                 "ORDER BY r.valid_from DESC LIMIT 1",
	[CV_BIRTH_PARENT_ID - SQ__MAX] =
	    BIRTH_PARENT "WHERE c.id = ? "
	                 "ORDER BY r.valid_from DESC LIMIT 1",
	/* the mother's registered children, and those declared in her
	 * pending dossiers */
	[CV_BIRTH_CHILDREN - SQ__MAX] =
	    "SELECT c.id, c.full_name, DATE_FORMAT(c.birth_date, '%Y-%m-%d') "
	    "FROM parent_link l JOIN citizen c ON c.id = l.child_id "
	    "WHERE l.parent_id = ? AND l.role = 'mother'",
	[CV_BIRTH_PENDING - SQ__MAX] =
	    "SELECT b.dossier_id, b.child_name, "
	    "DATE_FORMAT(b.birth_date, '%Y-%m-%d') "
	    "FROM civil_birth_dossier b JOIN dossier d ON d.id = b.dossier_id "
	    "WHERE b.mother_id = ? AND d.state IN ('submitted', 'accepted', "
	    "'supplement_requested')",
	[CV_BIRTH_OPEN - SQ__MAX] =
	    "INSERT INTO civil_birth_dossier (dossier_id, mother_id, "
	    "child_name, birth_date, late, hold, hold_citizen_id, "
	    "hold_dossier_id, residence, residence_parent, health_card) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CV_BIRTH_STATE - SQ__MAX] = BIRTH_STATE,
	[CV_BIRTH_LOCK - SQ__MAX] = BIRTH_STATE " FOR UPDATE",
	[CV_BIRTH_CLEAR - SQ__MAX] =
	    "UPDATE civil_birth_dossier SET cleared_by = ?, cleared_at = ?, "
	    "cleared_reason = ? WHERE dossier_id = ? AND hold IS NOT NULL "
	    "AND cleared_by IS NULL",
	/* a hold found when an official clears it: a registered child */
	[CV_BIRTH_HOLD - SQ__MAX] =
	    "UPDATE civil_birth_dossier SET hold = ?, hold_citizen_id = ? "
	    "WHERE dossier_id = ? AND hold IS NULL",
	[CV_BIRTH_MOTHER_LOCK - SQ__MAX] =
	    "SELECT id FROM citizen WHERE id = ? FOR UPDATE",
	/* the child: single, as every newborn */
	[CV_BIRTH_CITIZEN - SQ__MAX] =
	    "INSERT INTO citizen (pid, full_name, birth_date, sex, ethnicity, "
	    "hometown, nationality, marital_status) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, 'single')",
	[CV_BIRTH_PID_HISTORY - SQ__MAX] =
	    "INSERT INTO citizen_pid (citizen_id, number, kind, valid_from) "
	    "VALUES (?, ?, 'pid', ?)",
	[CV_BIRTH_PARENT_LINK - SQ__MAX] =
	    "INSERT INTO parent_link (child_id, parent_id, role, record_id) "
	    "VALUES (?, ?, ?, ?)",
	[CV_BIRTH_FACTS - SQ__MAX] =
	    "INSERT INTO civil_birth (record_id, place_kind, certificate, "
	    "takes_from, hometown, ethnicity, nationality, mother_id, "
	    "mother_name, mother_birth_year, mother_ethnicity, "
	    "mother_nationality, mother_residence, father_id, father_name, "
	    "father_birth_year, father_ethnicity, father_nationality, "
	    "father_residence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?)",
	/* the bundle: the residence family's effect (permres.h) */
	[CV_BIRTH_JOIN - SQ__MAX] = PERMRES_JOIN_SQL,
	[CV_BIRTH_RESIDENCE - SQ__MAX] = PERMRES_INSERT_SQL,
	/* the bundle: the health-insurance card; change_log.at is UTC, as
	 * the triggers feeding it write it */
	[CV_BIRTH_CARD - SQ__MAX] =
	    "INSERT INTO change_log (at, kind, citizen_id, commune_code) "
	    "VALUES (UTC_TIMESTAMP(3), 'the_bhyt', ?, ?)",
	[CV_BIRTH_DONE - SQ__MAX] =
	    "UPDATE civil_birth_dossier SET child_id = ?, record_id = ?, "
	    "residence = ?, residence_note = ?, health_card = ? "
	    "WHERE dossier_id = ?",
	[CV_PID_BIND - SQ__MAX] = "UPDATE pid_assignment SET citizen_id = ? "
	                          "WHERE pid = ? AND citizen_id IS NULL",
	/* marriage registration: a party, locked for the transaction,
	 * with the marriages of theirs not ended */
	[CV_M_PARTY - SQ__MAX] =
	    "SELECT c.id, c.pid, c.full_name, c.birth_date, c.sex, "
	    "c.death_date, c.marital_status, c.ethnicity, (SELECT COUNT(*) "
	    "FROM marriage m "
	    "WHERE (m.party_a = c.id OR m.party_b = c.id) "
	    "AND m.ended_on IS NULL) FROM citizen c WHERE c.pid = ? "
	    "FOR UPDATE",
	/* a person's ancestors up to four generations (a bounded walk up
	 * parent_link: at most 30 rows), each at its nearest depth */
	[CV_M_ANCESTORS - SQ__MAX] =
	    "WITH RECURSIVE up (id, depth) AS ("
	    "SELECT parent_id, 1 FROM parent_link WHERE child_id = ? "
	    "UNION ALL SELECT p.parent_id, u.depth + 1 FROM up u "
	    "JOIN parent_link p ON p.child_id = u.id WHERE u.depth < 4) "
	    "SELECT id, MIN(depth) FROM up GROUP BY id ORDER BY id LIMIT 31",
	/* the second party's consent to a dossier: asked at filing */
	[CV_M_CONSENT_ASK - SQ__MAX] =
	    "INSERT INTO marriage_consent (dossier_id, party_id, asked_at, "
	    "expires_at, confirmed_at, how) VALUES (?, ?, ?, ?, ?, ?)",
	/* and as it stands (the dossier row is locked by then) */
	[CV_M_CONSENT_GET - SQ__MAX] =
	    "SELECT c.pid, DATE_FORMAT(m.expires_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(m.confirmed_at, '%Y-%m-%d %H:%i:%s'), m.how "
	    "FROM marriage_consent m JOIN citizen c ON c.id = m.party_id "
	    "WHERE m.dossier_id = ?",
	/* the consents asked of a person and not yet given, on dossiers
	 * still open: what they are asked to consent to, and by whom */
	[CV_M_CONSENTS_OF - SQ__MAX] =
	    "SELECT d.receipt_code, a.full_name, "
	    "DATE_FORMAT(m.asked_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(m.expires_at, '%Y-%m-%d %H:%i:%s') "
	    "FROM marriage_consent m JOIN citizen b ON b.id = m.party_id "
	    "JOIN dossier d ON d.id = m.dossier_id "
	    "JOIN citizen a ON a.id = d.applicant_id "
	    "WHERE b.pid = ? AND m.confirmed_at IS NULL "
	    "AND d.state IN ('submitted', 'accepted') "
	    "ORDER BY m.asked_at, d.id LIMIT 20",
	[CV_M_CONSENT_GIVE - SQ__MAX] =
	    "UPDATE marriage_consent SET confirmed_at = ?, how = 'online' "
	    "WHERE dossier_id = ? AND confirmed_at IS NULL",
	/* on approval: the record (the other party too), the marriage,
	 * the certificate's facts, both married */
	[CV_M_RECORD_INSERT - SQ__MAX] =
	    "INSERT INTO civil_record (kind, book, number, commune_code, "
	    "citizen_id, other_id, event_date, registered_at, declarant_id, "
	    "dossier_id) VALUES ('marriage', 'KH', ?, ?, ?, ?, ?, ?, ?, ?)",
	[CV_M_MARRIAGE_INSERT - SQ__MAX] =
	    "INSERT INTO marriage (party_a, party_b, married_on, record_id) "
	    "VALUES (?, ?, ?, ?)",
	[CV_M_CERTIFICATE_INSERT - SQ__MAX] =
	    "INSERT INTO marriage_certificate (record_id, paper, law, "
	    "registered_on, commune_code, a_pid, a_name, a_birth_date, "
	    "a_ethnicity, b_pid, b_name, b_birth_date, b_ethnicity) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CV_M_MARRIED - SQ__MAX] =
	    "UPDATE citizen SET marital_status = 'married' WHERE id IN (?, ?)",
};

/* clang-format off */
enum { CZ_ID, CZ_PID, CZ_NAME, CZ_BIRTH, CZ_SEX, CZ_DEATH, CZ_LOCKED,
	CZ_MARITAL, CZ_VERSION, CZ__N };
/* papers */
enum { CC_CODE, CC_RECEIPT, CC_NAME, CC_PID, CC_BIRTH, CC_SEX, CC_MARITAL,
	CC_PURPOSE, CC_PURPOSE_TEXT, CC_COMMUNE, CC_COMMUNE_NAME, CC_ISSUED,
	CC_EXPIRES, CC_EXPIRED, CC_CHANGED, CC_DEAD, CC__N };
enum { CE_CODE, CE_RECEIPT, CE_KIND, CE_PAPER, CE_NAME, CE_PID, CE_BIRTH,
	CE_SEX, CE_OTHER_NAME, CE_OTHER_PID, CE_BOOK, CE_NUMBER, CE_DATE,
	CE_PLACE, CE_COMMUNE, CE_COMMUNE_NAME, CE_REGISTERED, CE_ISSUED,
	CE__N };


const struct sql_shape cv_shapes[] = {
	{ CV_OFFICIAL, 1, 4 }, /* official.c reads it */
	{ CV_RULE, 3, 1 },
	{ CV_CITIZEN, 1, CZ__N },
	{ CV_PERMANENT_COMMUNE, 1, 1 },
	{ CV_COMMUNE, 1, 1 },
	{ CV_DOSSIER_VIEW, 1, FLOW_VIEW_COLS },
	{ CV_EVENTS, 1, DOSSIER_EV_COLS },
	{ CV_SEPARATION, 1, 1 },
	{ CV_VERIFIED, 1, 1 },
	{ CV_VERIFY_MARK, 3, 0 },
	{ CV_DUE_SET, 2, 0 },
	{ CV_SET_DEATH, 2, 0 },
	{ CV_BOOK_BUMP, 3, 0 },
	{ CV_BOOK_GET, 3, 1 },
	{ CV_RECORD_INSERT, 14, 0 },
	{ CV_DEATH_DETAIL, 3, 0 },
	{ CV_LOCK_RECORDS, 1, 0 },
	{ CV_END_RESIDENCE, 1, 0 },
	{ CV_WIDOW, 3, 0 },
	{ CV_END_MARRIAGE, 3, 0 },
	{ CV_RELATED, 10, CR_OTHER },
	/* papers */
	{ CV_HOME_COMMUNE, 3, 2 },
	{ CV_CONFIRM_BY_KEY, 3, 1 },
	{ CV_CONFIRM_INSERT, 17, 0 },
	{ CV_CONFIRM_BY_CODE, 2, CC__N },
	{ CV_RECORD, 3, 2 },
	{ CV_EXTRACT_BY_KEY, 3, 1 },
	{ CV_EXTRACT_INSERT, 11, 0 },
	{ CV_EXTRACT_BY_CODE, 1, CE__N },
	/* birth registration */
	{ CV_PID_PROVINCE, 2, 1 },
	{ CV_PID_HELD, 2, 1 },
	{ CV_PID_RESERVE, 3, 0 },
	{ CV_PID_BIND, 2, 0 },
	{ CV_BIRTH_PARENT, 3, 15 },
	{ CV_BIRTH_PARENT_ID, 3, 15 },
	{ CV_BIRTH_CHILDREN, 1, 3 },
	{ CV_BIRTH_PENDING, 1, 3 },
	{ CV_BIRTH_OPEN, 11, 0 },
	{ CV_BIRTH_STATE, 1, 10 },
	{ CV_BIRTH_LOCK, 1, 10 },
	{ CV_BIRTH_CLEAR, 4, 0 },
	{ CV_BIRTH_HOLD, 3, 0 },
	{ CV_BIRTH_MOTHER_LOCK, 1, 1 },
	{ CV_BIRTH_CITIZEN, 7, 0 },
	{ CV_BIRTH_PID_HISTORY, 3, 0 },
	{ CV_BIRTH_PARENT_LINK, 4, 0 },
	{ CV_BIRTH_FACTS, 19, 0 },
	{ CV_BIRTH_JOIN, 3, 0 },
	{ CV_BIRTH_RESIDENCE, 6, 0 },
	{ CV_BIRTH_CARD, 2, 0 },
	{ CV_BIRTH_DONE, 6, 0 },
	/* marriage registration */
	{ CV_M_PARTY, 1, 9 },
	{ CV_M_ANCESTORS, 1, 2 },
	{ CV_M_CONSENT_ASK, 6, 0 },
	{ CV_M_CONSENT_GET, 1, 4 },
	{ CV_M_CONSENTS_OF, 1, 4 },
	{ CV_M_CONSENT_GIVE, 2, 0 },
	{ CV_M_RECORD_INSERT, 8, 0 },
	{ CV_M_MARRIAGE_INSERT, 4, 0 },
	{ CV_M_CERTIFICATE_INSERT, 13, 0 },
	{ CV_M_MARRIED, 2, 0 },
	{ -1, 0, 0 },
};
/* clang-format on */

int
cv_citizen_get(
    struct db *db, struct arena *a, const char *pid, struct cv_citizen *c)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, CV_CITIZEN, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->id = strtoll(DB_CELL(&res, 0, CZ_ID), NULL, 10);
	c->pid = DB_CELL(&res, 0, CZ_PID);
	c->full_name = DB_CELL(&res, 0, CZ_NAME);
	c->birth_date = DB_CELL(&res, 0, CZ_BIRTH);
	c->sex = DB_CELL(&res, 0, CZ_SEX);
	c->death_date = DB_CELL(&res, 0, CZ_DEATH);
	c->locked = strcmp(DB_CELL(&res, 0, CZ_LOCKED), "1") == 0;
	c->marital_status = DB_CELL(&res, 0, CZ_MARITAL);
	c->civil_version = DB_CELL(&res, 0, CZ_VERSION);
	return DB_OK;
}

int
cv_permanent_commune(
    struct db *db, struct arena *a, long long citizen, const char **commune)
{
	struct db_param p[] = { DBP_I(citizen) };
	struct db_res res;
	int rc;

	*commune = NULL;
	if ((rc = db_exec(db, a, CV_PERMANENT_COMMUNE, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*commune = DB_CELL(&res, 0, 0);
	return DB_OK;
}

/* papers: the fetchers */

#define CELL(res, row, col) DB_CELL(res, row, col)
#define FLAG(res, col) (strcmp(CELL(res, 0, col), "1") == 0)

int
cv_home_commune(struct db *db, struct arena *a, long long cid, const char *day,
    const char **commune, const char **name)
{
	struct db_param p[] = { DBP_I(cid), DBP_S(day), DBP_S(day) };
	struct db_res res;
	int rc;

	*commune = *name = NULL;
	if ((rc = db_exec(db, a, CV_HOME_COMMUNE, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1) {
		*commune = CELL(&res, 0, 0);
		*name = CELL(&res, 0, 1);
	}
	return DB_OK;
}

int
cv_confirmation_get(struct db *db, struct arena *a, const char *code,
    const char *now, struct cv_confirmation *c)
{
	struct db_param p[] = { DBP_S(now), DBP_S(code) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, CV_CONFIRM_BY_CODE, p, 2, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->code = CELL(&res, 0, CC_CODE);
	c->receipt = CELL(&res, 0, CC_RECEIPT);
	c->full_name = CELL(&res, 0, CC_NAME);
	c->pid = CELL(&res, 0, CC_PID);
	c->birth_date = CELL(&res, 0, CC_BIRTH);
	c->sex = CELL(&res, 0, CC_SEX);
	c->marital_status = CELL(&res, 0, CC_MARITAL);
	c->purpose = CELL(&res, 0, CC_PURPOSE);
	c->purpose_text = CELL(&res, 0, CC_PURPOSE_TEXT);
	c->commune = CELL(&res, 0, CC_COMMUNE);
	c->commune_name = CELL(&res, 0, CC_COMMUNE_NAME);
	c->issued_at = CELL(&res, 0, CC_ISSUED);
	c->expires_at = CELL(&res, 0, CC_EXPIRES);
	c->expired = FLAG(&res, CC_EXPIRED);
	c->changed = FLAG(&res, CC_CHANGED);
	c->deceased = FLAG(&res, CC_DEAD);
	return DB_OK;
}

int
cv_paper_by_key(struct db *db, struct arena *a, int stmt, long long applicant,
    const char *procedure, const char *key, const char **code)
{
	struct db_param p[] = { DBP_I(applicant), DBP_S(procedure),
		DBP_S(key) };
	struct db_res res;
	int rc;

	*code = NULL;
	if ((rc = db_exec(db, a, stmt, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*code = CELL(&res, 0, 0);
	return DB_OK;
}

int
cv_record_find(struct db *db, struct arena *a, const char *kind, long long cid,
    long long *id, const char **commune)
{
	struct db_param p[] = { DBP_S(kind), DBP_I(cid), DBP_I(cid) };
	struct db_res res;
	int rc;

	*id = 0;
	*commune = NULL;
	if ((rc = db_exec(db, a, CV_RECORD, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1) {
		*id = strtoll(CELL(&res, 0, 0), NULL, 10);
		*commune = CELL(&res, 0, 1);
	}
	return DB_OK;
}

int
cv_relative(struct db *db, struct arena *a, long long me, long long other,
    const char **relation)
{
	/* what I am of them, and so what they are of me */
	static const struct {
		int col;
		const char *rel;
	} is[] = { { CR_SPOUSE, "spouse" }, { CR_CHILD, "parent" },
		{ CR_PARENT, "child" } };
	struct db_param p[] = { DBP_I(me), DBP_I(other), DBP_I(me),
		DBP_I(other), DBP_I(me), DBP_I(other), DBP_I(me), DBP_I(other),
		DBP_I(me), DBP_I(other) };
	struct db_res res;
	size_t i;
	int rc;

	*relation = NULL;
	if ((rc = db_exec(db, a, CV_RELATED, p, 10, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_ERR;
	for (i = 0; i < sizeof(is) / sizeof(is[0]) && *relation == NULL; i++)
		if (FLAG(&res, is[i].col))
			*relation = is[i].rel;
	return DB_OK;
}

int
cv_extract_get(
    struct db *db, struct arena *a, const char *code, struct cv_extract *e)
{
	struct db_param p[] = { DBP_S(code) };
	struct db_res res;
	int rc;

	memset(e, 0, sizeof(*e));
	if ((rc = db_exec(db, a, CV_EXTRACT_BY_CODE, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	e->code = CELL(&res, 0, CE_CODE);
	e->receipt = CELL(&res, 0, CE_RECEIPT);
	e->kind = CELL(&res, 0, CE_KIND);
	e->paper = CELL(&res, 0, CE_PAPER);
	e->full_name = CELL(&res, 0, CE_NAME);
	e->pid = CELL(&res, 0, CE_PID);
	e->birth_date = CELL(&res, 0, CE_BIRTH);
	e->sex = CELL(&res, 0, CE_SEX);
	e->other_name = CELL(&res, 0, CE_OTHER_NAME);
	e->other_pid = CELL(&res, 0, CE_OTHER_PID);
	e->book = CELL(&res, 0, CE_BOOK);
	e->number = CELL(&res, 0, CE_NUMBER);
	e->event_date = CELL(&res, 0, CE_DATE);
	e->event_place = CELL(&res, 0, CE_PLACE);
	e->commune = CELL(&res, 0, CE_COMMUNE);
	e->commune_name = CELL(&res, 0, CE_COMMUNE_NAME);
	e->registered_at = CELL(&res, 0, CE_REGISTERED);
	e->issued_at = CELL(&res, 0, CE_ISSUED);
	return DB_OK;
}
