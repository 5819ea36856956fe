/*
 * residence.fcgi: the residence procedures (cư trú).  Wiring only: the
 * module's fields, its route table and its settings check.
 */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "db.h"
#include "receipt.h"
#include "route.h"
#include "log.h"
#include "residence.h"
#include "worker.h"

/* clang-format off */
static const struct field fields[RK__MAX] = {
	[RK_IDEM] =		{ "idempotency_key", VALID_IDEMKEY, NULL },
	[RK_PID] =		{ "pid", VALID_PID, NULL },
	[RK_PURPOSE] =		{ "purpose", VALID_PURPOSE, NULL },
	[RK_APPLICANT] =	{ "applicant_pid", VALID_PID, NULL },
	[RK_COMMUNE] =		{ "commune_code", VALID_COMMUNE, NULL },
	[RK_ADDRESS] =		{ "address", VALID_ADDRESS, NULL },
	[RK_BASIS] =		{ "basis", VALID_CHOICE, rs_bases },
	[RK_HEAD] =		{ "household_head", VALID_PID, NULL },
	[RK_RELATION] =		{ "relation", VALID_RELATION, NULL },
	[RK_FULL_NAME] =	{ "full_name", VALID_NAME, NULL },
	[RK_BIRTH_DATE] =	{ "birth_date", VALID_DATE, NULL },
	[RK_SEX] =		{ "sex", VALID_SEX, NULL },
	[RK_FROM] =		{ "from", VALID_DATE, NULL },
	[RK_UNTIL] =		{ "until", VALID_DATE, NULL },
	[RK_DESTINATION] =	{ "destination", VALID_ADDRESS, NULL },
	[RK_ABSENCE_REASON] =	{ "reason", VALID_ABSENCE_REASON, NULL },
	[RK_NOTE] =		{ "note", VALID_REASON, NULL },
	[RK_REASON] =		{ "reason", VALID_REASON, NULL },
	[RK_VCODE] =		{ "code", VALID_VCODE, NULL },
	[RK_RECEIPT] =		{ "receipt", VALID_RECEIPT, NULL },
	[RK_PROCEDURE] =	{ "procedure", VALID_CHOICE, rs_proc_slugs },
};

#define REQ(k) { (k), TAKE_REQUIRED }
#define OPT(k) { (k), TAKE_OPTIONAL }
#define END { 0, TAKE_END }

/* The applicant's number: refused online; at the counter it is needed,
 * but its absence is answered after the caller's identity (submit.c). */
#define ONLINE { RK_APPLICANT, TAKE_REFUSED }
#define COUNTER OPT(RK_APPLICANT)

/* Facts the database holds may be re-sent, but must then agree with it. */
#define KNOWN OPT(RK_FULL_NAME), OPT(RK_BIRTH_DATE), OPT(RK_SEX)

#define PERMANENT REQ(RK_IDEM), REQ(RK_COMMUNE), REQ(RK_ADDRESS), \
	REQ(RK_BASIS), OPT(RK_HEAD), OPT(RK_RELATION), KNOWN, END
#define TEMPORARY REQ(RK_IDEM), REQ(RK_COMMUNE), REQ(RK_ADDRESS), \
	REQ(RK_UNTIL), KNOWN, END
#define EXTENSION REQ(RK_IDEM), REQ(RK_UNTIL), KNOWN, END
#define ABSENCE REQ(RK_IDEM), REQ(RK_FROM), REQ(RK_UNTIL), \
	OPT(RK_DESTINATION), OPT(RK_ABSENCE_REASON), KNOWN, END

static const struct take
	t_confirm[] = { REQ(RK_IDEM), END },
	t_lookup[] = { REQ(RK_PID), REQ(RK_PURPOSE), END },
	/* the form page takes them only to refuse them: a personal number
	 * in a query string lands in every access log */
	t_lookup_page[] = { OPT(RK_PID), OPT(RK_PURPOSE), END },
	t_permanent[] = { ONLINE, PERMANENT },
	t_temporary[] = { ONLINE, TEMPORARY },
	t_extension[] = { ONLINE, EXTENSION },
	t_absence[] = { ONLINE, ABSENCE },
	c_permanent[] = { COUNTER, PERMANENT },
	c_temporary[] = { COUNTER, TEMPORARY },
	c_extension[] = { COUNTER, EXTENSION },
	c_absence[] = { COUNTER, ABSENCE },
	t_note[] = { REQ(RK_NOTE), END },
	t_decide[] = { OPT(RK_REASON), END };

#define RECEIPT ROUTE_RECEIPT
#define CITIZEN "/residence/citizen/dossiers/"
#define OFFICIAL "/residence/official/dossiers/"

/* Online by the citizen, and at the counter by an official. */
#define SUBMIT(slug, proc, t, c) \
	{ .name = "submit." slug, .method = "POST", \
	  .pattern = CITIZEN slug, .takes = (t), \
	  .handler = rs_file, .data = &(proc), .caller = ROUTE_CITIZEN, \
	  .reform = rs_form_again }, \
	{ .name = "counter." slug, .method = "POST", \
	  .pattern = OFFICIAL slug, .takes = (c), \
	  .handler = rs_file, .data = &(proc), .caller = ROUTE_OFFICIAL, \
	  .right = RS_FILE, .act = "file_at_counter", \
	  .object = (proc##_code) }

#define rs_permanent_code PROC_PERMANENT
#define rs_temporary_code PROC_TEMPORARY
#define rs_extension_code PROC_EXTENSION
#define rs_absence_code PROC_ABSENCE

/* An official's decision: the right names the action. */
#define DECIDE(action, right_) \
	{ .name = "decide." action, .method = "POST", \
	  .pattern = OFFICIAL RECEIPT "/" action, .takes = t_decide, \
	  .args = { RK_RECEIPT }, .handler = rs_decide, \
	  .caller = ROUTE_OFFICIAL, .right = (right_), .act = action }

static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/residence/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	{ .name = "metrics", .method = "GET", .pattern = "/residence/metrics",
	  .handler = worker_metrics, .caller = ROUTE_MONITOR },
	{ .name = "confirm.form", .method = "GET",
	  .pattern = "/residence/citizen/confirmations",
	  .handler = rs_confirm_form, .caller = ROUTE_CITIZEN },
	{ .name = "confirm.issue", .method = "POST",
	  .pattern = "/residence/citizen/confirmations", .takes = t_confirm,
	  .handler = rs_confirm_issue, .caller = ROUTE_CITIZEN },
	{ .name = "confirm.verify", .method = "GET",
	  .pattern = "/residence/confirmations/([^/]{1,64})",
	  .args = { RK_VCODE }, .handler = rs_confirm_verify,
	  .caller = ROUTE_ANYONE, .lag_ok = 1 },
	{ .name = "official.lookup.form", .method = "GET",
	  .pattern = "/residence/official/lookup", .takes = t_lookup_page,
	  .handler = rs_lookup_form, .caller = ROUTE_OFFICIAL },
	{ .name = "official.lookup", .method = "POST",
	  .pattern = "/residence/official/lookup", .takes = t_lookup,
	  .handler = rs_official_lookup, .caller = ROUTE_OFFICIAL,
	  .reform = rs_lookup_again },
	{ .name = "form", .method = "GET",
	  .pattern = "/residence/citizen/forms/([a-z]{1,16})",
	  .args = { RK_PROCEDURE }, .handler = rs_form,
	  .caller = ROUTE_CITIZEN },
	SUBMIT("permanent", rs_permanent, t_permanent, c_permanent),
	SUBMIT("temporary", rs_temporary, t_temporary, c_temporary),
	SUBMIT("extension", rs_extension, t_extension, c_extension),
	SUBMIT("absence", rs_absence, t_absence, c_absence),
	{ .name = "dossier.view", .method = "GET", .pattern = CITIZEN RECEIPT,
	  .args = { RK_RECEIPT }, .handler = rs_dossier_view,
	  .caller = ROUTE_CITIZEN },
	{ .name = "dossier.supplement", .method = "POST",
	  .pattern = CITIZEN RECEIPT "/supplement", .takes = t_note,
	  .args = { RK_RECEIPT }, .handler = rs_supplement_answer,
	  .caller = ROUTE_CITIZEN },
	DECIDE("accept", RS_ACCEPT),
	DECIDE("supplement", RS_SUPPLEMENT),
	DECIDE("approve", RS_APPROVE),
	DECIDE("reject", RS_REJECT),
};
/* clang-format on */

static int
check(const struct conf *c)
{
	if (receipt_agency_check(c, "residence") < 0)
		return -1;
	if (conf_int(c, "confirmation_days", 365, 1, 3650) < 0) {
		log_warnx("[residence] confirmation_days: 1 to 3650");
		return -1;
	}
	return 0;
}

static const struct module residence = {
	.name = "residence",
	.pages = 1,
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = RK__MAX,
	.official_sql = RS_OFFICIAL,
	.may = rs_may,
	.sql = rs_sql,
	.nsql = RS__MAX - SQ__MAX,
	.shapes = rs_shapes,
	.check = check,
};

int
main(int argc, char **argv)
{
	return worker_main(&residence, argc, argv);
}
