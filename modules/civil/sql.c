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
	    "civil_record r WHERE r.citizen_id = c.id AND r.locked = 1) "
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
	[CV_SET_DEATH - SQ__MAX] =
	    "UPDATE citizen SET death_date = ? WHERE id = ? "
	    "AND death_date IS NULL",
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
};

/* clang-format off */
enum { CZ_ID, CZ_PID, CZ_NAME, CZ_BIRTH, CZ_SEX, CZ_DEATH, CZ_LOCKED,
	CZ__N };

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
