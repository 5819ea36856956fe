/*
 * The one map from database results to answered errors (db_err), and the
 * status each of those answers (resp_status).  No database: the map is a
 * pure function.
 */
#include "config.h"

#include <stddef.h>

#include "db.h"
#include "resp.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		int rc;
		enum err want;
		int status;
		const char *what;
	} cases[] = {
		{ DB_GONE, ERR_DB_UNAVAILABLE, 503, "connection lost" },
		{ DB_DEADLOCK, ERR_BUSY, 503, "deadlock past its retries" },
		{ DB_LOCKWAIT, ERR_BUSY, 503,
		    "lock wait or statement timeout" },
		{ DB_ERR, ERR_INTERNAL, 500, "any other error" },
		{ DB_DUP, ERR_INTERNAL, 500, "a duplicate nobody expected" },
		{ -99, ERR_INTERNAL, 500, "a value out of range" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum err e = db_err(cases[i].rc);

		ok(e == cases[i].want && resp_status(e) == cases[i].status,
		    "%s: %s, %d", cases[i].what, resp_code(e), resp_status(e));
	}
	return tap_done();
}
