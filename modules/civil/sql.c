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
	[CV_PID_BIND - SQ__MAX] = "UPDATE pid_assignment SET citizen_id = ? "
	                          "WHERE pid = ? AND citizen_id IS NULL",
};

const struct sql_shape cv_shapes[] = {
	{ CV_OFFICIAL, 1, 4 }, /* official.c reads it */
	{ CV_RULE, 3, 1 },
	/* birth registration */
	{ CV_PID_PROVINCE, 2, 1 },
	{ CV_PID_HELD, 2, 1 },
	{ CV_PID_RESERVE, 3, 0 },
	{ CV_PID_BIND, 2, 0 },
	{ -1, 0, 0 },
};
