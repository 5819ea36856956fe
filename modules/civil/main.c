/*
 * civil.fcgi: the civil-status family (hộ tịch).  Wiring only: the
 * module's fields, its route table and its settings check.
 */
#include "config.h"

#include "civil.h"
#include "receipt.h"
#include "route.h"
#include "worker.h"

/* clang-format off */
static const struct field fields[CK__MAX] = {
	[CK_NONE] = { NULL, 0, NULL },
	/* the flow */
	[CK_IDEM] =		{ "idempotency_key", VALID_IDEMKEY, NULL },
	[CK_APPLICANT] =	{ "applicant_pid", VALID_PID, NULL },
	[CK_RELATION] =		{ "relation", VALID_CHOICE, cv_relations },
	[CK_COMMUNE] =		{ "commune_code", VALID_COMMUNE, NULL },
	[CK_REASON] =		{ "reason", VALID_REASON, NULL },
	[CK_RECEIPT] =		{ "receipt", VALID_RECEIPT, NULL },
	/* death registration */
	[CK_DECEASED] =		{ "deceased_pid", VALID_PID, NULL },
	[CK_DEATH_DATE] =	{ "death_date", VALID_DATE, NULL },
	[CK_DEATH_TIME] =	{ "death_time", VALID_TIME, NULL },
	[CK_DEATH_PLACE] =	{ "death_place", VALID_ADDRESS, NULL },
	[CK_NOTICE] =		{ "notice_number", VALID_DOCNO, NULL },
	[CK_CAUSE] =		{ "cause", VALID_REASON, NULL },
	/* papers */
	[CK_PURPOSE] =		{ "purpose", VALID_CHOICE, cv_purposes },
	[CK_PURPOSE_TEXT] =	{ "purpose_text", VALID_PURPOSE, NULL },
	[CK_VCODE] =		{ "code", VALID_VCODE, NULL },
	[CK_PID] =		{ "pid", VALID_PID, NULL },
	[CK_KIND] =		{ "kind", VALID_CHOICE, cv_record_kinds },
	[CK_READ_PURPOSE] =	{ "purpose", VALID_PURPOSE, NULL },
	/* birth registration */
	[CK_CHILD_NAME] =	{ "child_name", VALID_NAME, NULL },
	[CK_CHILD_SEX] =	{ "child_sex", VALID_SEX, NULL },
	[CK_BIRTH_DATE] =	{ "birth_date", VALID_DATE, NULL },
	[CK_BIRTH_TIME] =	{ "birth_time", VALID_TIME, NULL },
	[CK_BIRTH_PLACE] =	{ "birth_place", VALID_ADDRESS, NULL },
	[CK_PLACE_KIND] =	{ "birth_place_kind", VALID_CHOICE,
				  cv_place_kinds },
	[CK_CERTIFICATE] =	{ "birth_certificate", VALID_GCS, NULL },
	[CK_MOTHER] =		{ "mother_pid", VALID_PID, NULL },
	[CK_FATHER] =		{ "father_pid", VALID_PID, NULL },
	[CK_TAKES_FROM] =	{ "takes_from", VALID_CHOICE, cv_parents },
	[CK_RESIDENCE_WITH] =	{ "residence_with", VALID_CHOICE, cv_parents },
	[CK_HEALTH_CARD] =	{ "health_insurance", VALID_CHOICE, cv_yes_no },
	/* marriage registration */
	[CK_OTHER] =		{ "other_pid", VALID_PID, NULL },
	[CK_PROCEDURE] =	{ "procedure", VALID_CHOICE, cv_proc_slugs },
};

#define REQ(k) { (k), TAKE_REQUIRED }
#define OPT(k) { (k), TAKE_OPTIONAL }
#define END { 0, TAKE_END }

/* The declarant's number: refused online (the citizen signed on is the
 * declarant); at the counter it is needed, but its absence is answered
 * after the caller's identity (submit.c).  Every filing says how the
 * declarant is related, and where to register when any commune may. */
#define ONLINE { CK_APPLICANT, TAKE_REFUSED }
#define COUNTER OPT(CK_APPLICANT)
#define FILING REQ(CK_IDEM), REQ(CK_RELATION), OPT(CK_COMMUNE)

#define DEATH FILING, REQ(CK_DECEASED), REQ(CK_DEATH_DATE), \
	OPT(CK_DEATH_TIME), REQ(CK_DEATH_PLACE), REQ(CK_NOTICE), \
	OPT(CK_CAUSE), END

#define BIRTH FILING, REQ(CK_CHILD_NAME), REQ(CK_CHILD_SEX), \
	REQ(CK_BIRTH_DATE), OPT(CK_BIRTH_TIME), REQ(CK_BIRTH_PLACE), \
	REQ(CK_PLACE_KIND), OPT(CK_CERTIFICATE), REQ(CK_MOTHER), \
	OPT(CK_FATHER), OPT(CK_TAKES_FROM), OPT(CK_RESIDENCE_WITH), \
	OPT(CK_HEALTH_CARD), END

/* the filer's relation is that of a party: not asked */
#define MARRIAGE REQ(CK_IDEM), OPT(CK_COMMUNE), REQ(CK_OTHER), END

static const struct take
	t_death[] = { ONLINE, DEATH },
	c_death[] = { COUNTER, DEATH },
	t_birth[] = { ONLINE, BIRTH },
	c_birth[] = { COUNTER, BIRTH },
	t_marriage[] = { ONLINE, MARRIAGE },
	c_marriage[] = { COUNTER, MARRIAGE },
	t_decide[] = { OPT(CK_REASON), END },
	t_clear[] = { REQ(CK_REASON), END };

#define RECEIPT ROUTE_RECEIPT
#define CITIZEN "/civil/citizen/dossiers/"
#define OFFICIAL "/civil/official/dossiers/"

/* Online by the declarant, and at the counter by an official.  A
 * procedure's file plugs in with one line here, its cv_procs row and
 * its verification rule (submit.c), and its slug (form.c).  A plain
 * form refused for its fields is shown again (form.c). */
#define SUBMIT(slug, proc, t, c) \
	{ .name = "submit." slug, .method = "POST", \
	  .pattern = CITIZEN slug, .takes = (t), \
	  .handler = cv_file, .data = &(proc), .caller = ROUTE_CITIZEN, \
	  .reform = cv_form_again }, \
	{ .name = "counter." slug, .method = "POST", \
	  .pattern = OFFICIAL slug, .takes = (c), \
	  .handler = cv_file, .data = &(proc), .caller = ROUTE_OFFICIAL, \
	  .right = CV_FILE, .act = "file_at_counter", \
	  .object = (proc##_code) }

#define cv_death_code PROC_DEATH
#define cv_birth_code PROC_BIRTH
#define cv_marriage_code PROC_MARRIAGE

/* An official's decision: the right names the action. */
#define DECIDE(action, right_) \
	{ .name = "decide." action, .method = "POST", \
	  .pattern = OFFICIAL RECEIPT "/" action, .takes = t_decide, \
	  .args = { CK_RECEIPT }, .handler = cv_decide, \
	  .caller = ROUTE_OFFICIAL, .right = (right_), .act = action }

/* papers */
static const struct take
	t_confirm[] = { REQ(CK_IDEM), REQ(CK_PURPOSE), OPT(CK_PURPOSE_TEXT),
	    END },
	t_extract[] = { REQ(CK_IDEM), REQ(CK_KIND), OPT(CK_PID), END },
	t_extract_official[] = { REQ(CK_IDEM), REQ(CK_PID), REQ(CK_KIND),
	    REQ(CK_READ_PURPOSE), END };

static const struct route routes[] = {
	{ .name = "health", .method = "GET", .pattern = "/civil/health",
	  .handler = worker_health, .caller = ROUTE_ANYONE },
	{ .name = "metrics", .method = "GET", .pattern = "/civil/metrics",
	  .handler = worker_metrics, .caller = ROUTE_MONITOR },
	/* the flow: the forms, a dossier as its declarant sees it */
	{ .name = "form", .method = "GET",
	  .pattern = "/civil/citizen/forms/([a-z]{1,16})",
	  .args = { CK_PROCEDURE }, .handler = cv_form,
	  .caller = ROUTE_CITIZEN },
	{ .name = "dossier.view", .method = "GET", .pattern = CITIZEN RECEIPT,
	  .args = { CK_RECEIPT }, .handler = cv_dossier_view,
	  .caller = ROUTE_CITIZEN },
	DECIDE("accept", CV_ACCEPT),
	DECIDE("verify", CV_VERIFY),
	DECIDE("approve", CV_APPROVE),
	DECIDE("reject", CV_REJECT),
	/* death registration */
	SUBMIT("death", cv_death, t_death, c_death),
	/* papers: issued at once, verified by anyone holding the code */
	{ .name = "confirm.form", .method = "GET",
	  .pattern = "/civil/citizen/confirmations",
	  .handler = cv_confirm_form, .caller = ROUTE_CITIZEN },
	{ .name = "confirm.issue", .method = "POST",
	  .pattern = "/civil/citizen/confirmations", .takes = t_confirm,
	  .handler = cv_confirm_issue, .caller = ROUTE_CITIZEN,
	  .reform = cv_confirm_again },
	{ .name = "confirm.verify", .method = "GET",
	  .pattern = "/civil/confirmations/([^/]{1,64})",
	  .args = { CK_VCODE }, .handler = cv_confirm_verify,
	  .caller = ROUTE_ANYONE, .lag_ok = 1 },
	{ .name = "extract.form", .method = "GET",
	  .pattern = "/civil/citizen/extracts",
	  .handler = cv_extract_form, .caller = ROUTE_CITIZEN },
	{ .name = "extract.issue", .method = "POST",
	  .pattern = "/civil/citizen/extracts", .takes = t_extract,
	  .handler = cv_extract_citizen, .caller = ROUTE_CITIZEN,
	  .reform = cv_extract_again },
	{ .name = "official.extract", .method = "POST",
	  .pattern = "/civil/official/extracts", .takes = t_extract_official,
	  .handler = cv_extract_official, .caller = ROUTE_OFFICIAL },
	{ .name = "extract.verify", .method = "GET",
	  .pattern = "/civil/extracts/([^/]{1,64})",
	  .args = { CK_VCODE }, .handler = cv_extract_verify,
	  .caller = ROUTE_ANYONE, .lag_ok = 1 },
	/* birth registration; an official with the right to approve finds
	 * a dossier held as a possible duplicate none (birth.c) */
	SUBMIT("birth", cv_birth, t_birth, c_birth),
	{ .name = "decide.not_duplicate", .method = "POST",
	  .pattern = OFFICIAL RECEIPT "/not-duplicate", .takes = t_clear,
	  .args = { CK_RECEIPT }, .handler = cv_birth_clear,
	  .caller = ROUTE_OFFICIAL, .right = CV_APPROVE,
	  .act = "not_duplicate" },
	/* marriage registration, and the second party's consent */
	SUBMIT("marriage", cv_marriage, t_marriage, c_marriage),
	{ .name = "marriage.consent", .method = "POST",
	  .pattern = CITIZEN RECEIPT "/consent",
	  .args = { CK_RECEIPT }, .handler = cv_marriage_consent,
	  .caller = ROUTE_CITIZEN },
	{ .name = "marriage.consents", .method = "GET",
	  .pattern = "/civil/citizen/consents",
	  .handler = cv_marriage_consents, .caller = ROUTE_CITIZEN },
};
/* clang-format on */

/* The receiving agency's code goes into the receipt codes the module
 * issues, as in the residence module. */
static int
check(const struct conf *c)
{
	return receipt_agency_check(c, "civil");
}

static const struct module civil = {
	.name = "civil",
	.pages = 1,
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.fields = fields,
	.nfields = CK__MAX,
	.official_sql = CV_OFFICIAL,
	.may = cv_may,
	.sql = cv_sql,
	.nsql = CV__MAX - SQ__MAX,
	.shapes = cv_shapes,
	.check = check,
};

int
main(int argc, char **argv)
{
	return worker_main(&civil, argc, argv);
}
