/*
 * residence.fcgi: the residence procedures (cư trú).  Wiring only: the
 * module's settings check and its route table.
 */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "db.h"
#include "log.h"
#include "residence.h"
#include "worker.h"

static const struct field f_confirm[] = {
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ NULL, 0, 0 },
};

static const struct field f_lookup[] = {
	{ "pid", VALID_PID, 1 },
	{ "purpose", VALID_PURPOSE, 1 },
	{ NULL, 0, 0 },
};

static const struct route routes[] = {
	{ "health", "GET", "/residence/health", NULL, worker_health, 0 },
	{ "confirm.issue", "POST", "/residence/citizen/confirmations",
	    f_confirm, rs_confirm_issue, 0 },
	{ "confirm.verify", "GET", "/residence/confirmations/([^/]{1,64})",
	    NULL, rs_confirm_verify, 0 },
	{ "official.lookup", "POST", "/residence/official/lookup", f_lookup,
	    rs_official_lookup, 0 },
};

enum err
rs_db_err(int rc)
{
	switch (rc) {
	case DB_GONE:
		return ERR_DB_UNAVAILABLE;
	case DB_DEADLOCK:
	case DB_LOCKWAIT:
		return ERR_BUSY;
	default:
		return ERR_INTERNAL;
	}
}

static int
check(const struct conf *c)
{
	const char *agency = conf_get(c, "agency", NULL);
	size_t i;

	if (agency == NULL || *agency == '\0' || strlen(agency) > 20) {
		log_warnx("[residence] agency: the receiving agency's code "
		          "(at most 20 characters) is required");
		return -1;
	}
	for (i = 0; agency[i] != '\0'; i++)
		if (strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		           "abcdefghijklmnopqrstuvwxyz.",
		        agency[i]) == NULL) {
			log_warnx("[residence] agency: letters, digits and "
			          "dots only");
			return -1;
		}
	if (conf_int(c, "confirmation_days", 365, 1, 3650) < 0) {
		log_warnx("[residence] confirmation_days: 1 to 3650");
		return -1;
	}
	return 0;
}

static const struct module residence = {
	.name = "residence",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.sql = rs_sql,
	.nsql = RS__MAX - SQ__MAX,
	.check = check,
};

int
main(int argc, char **argv)
{
	return worker_main(&residence, argc, argv);
}
