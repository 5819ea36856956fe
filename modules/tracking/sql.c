/*
 * Every statement of the tracking module, prepared once per connection.
 */
#include "config.h"

#include "tracking.h"

const char *const tr_sql[TRQ__MAX - SQ__MAX] = {
	[TRQ_OFFICIAL - SQ__MAX] =
	    "SELECT id, commune_code, role FROM official "
	    "WHERE username = ? AND active = 1",
};
