/*
 * The civil dossier flow, the declarant's side (and the counter's): what
 * every procedure of cv_procs shares; each procedure's own checks and
 * effect are in its file (death.c).
 *
 * Once-only: the facts the database holds about the people involved are
 * not asked; the declarant names them by personal number and says how
 * they are related (cv_relations).  A submission carries an idempotency
 * key: a double click is one dossier.
 *
 * The clock is the module's own (dossier_now()): the rules are those
 * valid on the day of receipt (civil_rule), and the dossier is due the
 * same working day when received before the cut-off (rule cutoff), else
 * the next working day.
 *
 * Competence follows the rule residence_tied on the day of receipt.
 * While it holds, the commune of the relevant person's residence decides
 * the dossier, and at the counter an official of another commune is
 * refused before anything about the people is compared (recorded).  Once
 * it no longer holds, any commune registers: the counter's own, or the
 * one a citizen names online (commune_code, which must exist).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "form.h"
#include "civil.h"

/* clang-format off */
const char *const cv_relations[CR__MAX + 1] = {
	[CR_SPOUSE] = "spouse",
	[CR_CHILD] = "child",
	[CR_PARENT] = "parent",
	[CR_SIBLING] = "sibling",
	[CR_OTHER] = "other_relative",
	[CR_GRANDPARENT] = "grandparent",
	[CR_CARER] = "carer",
};

const struct procedure *const cv_procs[CP__MAX] = {
	[CP_DEATH] = &cv_death,
	[CP_BIRTH] = &cv_birth,
	[CP_MARRIAGE] = &cv_marriage,
};

/* the forms' path: each procedure's slug, in the order of cv_procs */
const char *const cv_proc_slugs[CP__MAX + 1] = {
	[CP_DEATH] = "death",
	[CP_BIRTH] = "birth",
	[CP_MARRIAGE] = "marriage",
};

const char *const cv_verify_rule[CP__MAX] = {
	[CP_DEATH] = "death_verify_halves",
	[CP_BIRTH] = NULL,
	[CP_MARRIAGE] = "marriage_verify_halves",
};
/* clang-format on */

static const struct flow_render render = {
	.view_sql = CV_DOSSIER_VIEW,
	.events_sql = CV_EVENTS,
	.title = "Hồ sơ đăng ký hộ tịch",
	.citizen_path = "/civil/citizen/dossiers/",
	.procs = cv_procs,
	.nprocs = CP__MAX,
};

void
cv_payload_put(struct proc_submit *s, const char *name, const char *val)
{
	flow_payload_put(&s->f.payload, name, val);
}

int
cv_refuse(struct proc_submit *s, enum err why)
{
	return flow_filing_refuse(&s->f, why);
}

/* The deciding commune, once check has run.  Returns 0, 1 or a negative
 * enum db_rc. */
static int
competence(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *asked = REQ_S(r, CK_COMMUNE);
	int rc;

	if (s->tied) {
		if (s->commune == NULL)
			return cv_refuse(s, ERR_NO_RESIDENCE);
		if (asked != NULL && strcmp(asked, s->commune) != 0)
			req_bad(r, "commune_code", "not_competent");
		return 0;
	}
	if (s->f.counter) {
		s->commune = r->official->commune;
		return 0;
	}
	if (asked == NULL) {
		req_bad(r, "commune_code", "required");
		return cv_refuse(s, ERR_MISSING_FIELD);
	}
	{
		struct db_param p[] = { DBP_S(asked) };
		struct db_res res;

		if ((rc = db_exec(db, a, CV_COMMUNE, p, 1, &res)) != DB_OK)
			return rc;
		if (res.nrows != 1)
			req_bad(r, "commune_code", "unknown_commune");
	}
	s->commune = asked;
	return 0;
}

static int
submit_txn(struct db *db, struct arena *a, void *arg)
{
	struct proc_submit *s = arg;
	struct req *r = s->f.r;
	struct dossier_new n;
	long tied;
	int rc, cutoff;

	buf_free(&s->f.payload);
	s->commune = NULL;
	s->received = dossier_now(a);
	s->today = arena_strndup(a, s->received, 10);
	s->today_days = valid_days(s->today);
	if ((rc = cv_rule_int(
	         db, a, "residence_tied", s->today, 0, 1, &tied)) != DB_OK ||
	    (rc = cv_cutoff(db, a, s->today, &cutoff)) != DB_OK)
		return rc;
	s->tied = (int)tied;
	if (s->f.counter && s->tied &&
	    (rc = flow_counter_right(db, a, &s->f)) != 0)
		return rc;
	if ((rc = cv_citizen_get(db, a, s->f.pid, &s->declarant)) != DB_OK)
		return rc;
	if (s->declarant.id == 0)
		return cv_refuse(s, ERR_UNKNOWN_CITIZEN);
	if ((rc = s->f.proc->check(db, a, s)) != 0)
		return rc;
	if ((rc = competence(db, a, s)) != 0)
		return rc;
	if (r->nbad > 0)
		return cv_refuse(s, ERR_INVALID_FIELD);
	/* a procedure whose filer is a party (marriage) asks none */
	if (REQ_S(r, CK_RELATION) != NULL)
		cv_payload_put(
		    s, "relation", cv_relations[r->val[CK_RELATION].i]);
	memset(&n, 0, sizeof(n));
	n.commune = s->commune;
	n.applicant_id = s->declarant.id;
	n.same_day = 1;
	n.cutoff = cutoff;
	n.received = s->received;
	if ((rc = flow_create(db, a, &s->f, REQ_S(r, CK_IDEM), &n)) != DB_OK ||
	    s->f.existing || s->f.proc->created == NULL)
		return rc;
	{
		struct form f;

		if (flow_payload_parse(a, n.payload, &f) != 0)
			return DB_ERR;
		return s->f.proc->created(db, a, s, &f);
	}
}

/*
 * POST /civil/citizen/dossiers/<procedure>, and at the counter POST
 * /civil/official/dossiers/<procedure> for the declarant named by
 * applicant_pid.
 */
enum err
cv_file(struct req *r)
{
	struct proc_submit s;

	memset(&s, 0, sizeof(s));
	return flow_file(r, &render, CK_APPLICANT, &s.f, submit_txn, &s);
}

/* GET /civil/citizen/dossiers/<receipt>: the declarant's own view. */
enum err
cv_dossier_view(struct req *r)
{
	return flow_render_dossier(
	    r, &render, REQ_S(r, CK_RECEIPT), 200, r->citizen);
}
