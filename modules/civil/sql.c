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
};

const struct sql_shape cv_shapes[] = {
	{ CV_OFFICIAL, 1, 4 }, /* official.c reads it */
	{ CV_RULE, 3, 1 },
	{ -1, 0, 0 },
};
