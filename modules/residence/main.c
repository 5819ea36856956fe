/*
 * residence.fcgi: the residence procedures (cư trú).  Wiring only: the
 * module's settings check and its route table.
 */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "db.h"
#include "route.h"
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

/* Facts the database holds may be re-sent, but must then agree with it. */
#define KNOWN_FACTS \
	{ "full_name", VALID_NAME, 0 }, { "birth_date", VALID_DATE, 0 }, \
	{ \
		"sex", VALID_SEX, 0 \
	}

static const struct field f_permanent[] = {
	{ "applicant_pid", VALID_PID, 0 }, /* at the counter only */
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ "commune_code", VALID_COMMUNE, 1 },
	{ "address", VALID_ADDRESS, 1 },
	{ "basis", VALID_WORD, 1 },
	{ "household_head", VALID_PID, 0 },
	{ "relation", VALID_RELATION, 0 },
	KNOWN_FACTS,
	{ NULL, 0, 0 },
};

static const struct field f_temporary[] = {
	{ "applicant_pid", VALID_PID, 0 }, /* at the counter only */
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ "commune_code", VALID_COMMUNE, 1 },
	{ "address", VALID_ADDRESS, 1 },
	{ "until", VALID_DATE, 1 },
	KNOWN_FACTS,
	{ NULL, 0, 0 },
};

static const struct field f_extension[] = {
	{ "applicant_pid", VALID_PID, 0 }, /* at the counter only */
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ "until", VALID_DATE, 1 },
	KNOWN_FACTS,
	{ NULL, 0, 0 },
};

static const struct field f_absence[] = {
	{ "applicant_pid", VALID_PID, 0 }, /* at the counter only */
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ "from", VALID_DATE, 1 },
	{ "until", VALID_DATE, 1 },
	{ "destination", VALID_ADDRESS, 0 },
	{ "reason", VALID_ABSENCE_REASON, 0 },
	KNOWN_FACTS,
	{ NULL, 0, 0 },
};

static const struct field f_note[] = {
	{ "note", VALID_REASON, 1 },
	{ NULL, 0, 0 },
};

static const struct field f_decide[] = {
	{ "reason", VALID_REASON, 0 },
	{ NULL, 0, 0 },
};

#define RECEIPT ROUTE_RECEIPT

static const struct route routes[] = {
	{ "health", "GET", "/residence/health", NULL, worker_health, 0,
	    ROUTE_ANYONE },
	{ "confirm.issue", "POST", "/residence/citizen/confirmations",
	    f_confirm, rs_confirm_issue, 0, ROUTE_CITIZEN },
	{ "confirm.verify", "GET", "/residence/confirmations/([^/]{1,64})",
	    NULL, rs_confirm_verify, 0, ROUTE_ANYONE },
	{ "official.lookup", "POST", "/residence/official/lookup", f_lookup,
	    rs_official_lookup, 0, ROUTE_OFFICIAL },
	{ "form", "GET", "/residence/citizen/forms/([a-z]{1,16})", NULL,
	    rs_form, 0, ROUTE_CITIZEN_LATE },
	{ "submit.permanent", "POST", "/residence/citizen/dossiers/permanent",
	    f_permanent, rs_submit_permanent, 0, ROUTE_CITIZEN_LATE },
	{ "submit.temporary", "POST", "/residence/citizen/dossiers/temporary",
	    f_temporary, rs_submit_temporary, 0, ROUTE_CITIZEN_LATE },
	{ "submit.extension", "POST", "/residence/citizen/dossiers/extension",
	    f_extension, rs_submit_extension, 0, ROUTE_CITIZEN_LATE },
	{ "submit.absence", "POST", "/residence/citizen/dossiers/absence",
	    f_absence, rs_submit_absence, 0, ROUTE_CITIZEN_LATE },
	{ "dossier.view", "GET", "/residence/citizen/dossiers/" RECEIPT, NULL,
	    rs_dossier_view, 0, ROUTE_CITIZEN },
	{ "dossier.supplement", "POST",
	    "/residence/citizen/dossiers/" RECEIPT "/supplement", f_note,
	    rs_supplement_answer, 0, ROUTE_CITIZEN },
	{ "counter.permanent", "POST", "/residence/official/dossiers/permanent",
	    f_permanent, rs_counter_permanent, 0, ROUTE_OFFICIAL },
	{ "counter.temporary", "POST", "/residence/official/dossiers/temporary",
	    f_temporary, rs_counter_temporary, 0, ROUTE_OFFICIAL },
	{ "counter.extension", "POST", "/residence/official/dossiers/extension",
	    f_extension, rs_counter_extension, 0, ROUTE_OFFICIAL },
	{ "counter.absence", "POST", "/residence/official/dossiers/absence",
	    f_absence, rs_counter_absence, 0, ROUTE_OFFICIAL },
	{ "decide", "POST",
	    "/residence/official/dossiers/" RECEIPT
	    "/(accept|supplement|approve|reject)",
	    f_decide, rs_decide, 0, ROUTE_OFFICIAL },
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
