/*
 * Every statement of the civil-status module, prepared once per
 * connection, and what the fetchers read of them (cv_shapes), so that
 * db_connect() refuses a statement and a fetcher that drift apart.
 */
#include "config.h"

#include "civil.h"

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
	[CV_M_CONSENT_GIVE - SQ__MAX] =
	    "UPDATE marriage_consent SET confirmed_at = ?, how = 'online' "
	    "WHERE dossier_id = ? AND confirmed_at IS NULL",
	/* the same working day from the consent, which completes it */
	[CV_M_DUE - SQ__MAX] = "UPDATE dossier SET due_at = ? WHERE id = ?",
	/* on approval: the marriage, the certificate's facts, the status */
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

const struct sql_shape cv_shapes[] = {
	{ CV_OFFICIAL, 1, 4 }, /* official.c reads it */
	{ CV_RULE, 3, 1 },
	/* marriage registration */
	{ CV_M_PARTY, 1, 9 },
	{ CV_M_ANCESTORS, 1, 2 },
	{ CV_M_CONSENT_GET, 1, 4 },
	{ -1, 0, 0 },
};
