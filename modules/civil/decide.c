/*
 * Officials decide civil dossiers of their own commune: accept, mark for
 * verification, approve, or reject (with a reason).  Approval runs the
 * procedure's effect (in the procedure's own file) in the same
 * transaction, then the result is issued; the lock, the commune, the
 * separation of duties and the refusals recorded are the shared flow's
 * (flow.c); the roles are in roles.c.
 *
 * Verification is not a state: a dossier received or accepted may be
 * marked, once, as needing it; it is then due the procedure's
 * verification time limit (civil_rule, by the day of receipt) in working
 * half-days from its receipt instead of the same day.
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "civil.h"

/* The state each right moves a dossier to (verification: none). */
static const enum dossier_state moves_to[CV_RIGHT__MAX] = {
	[CV_ACCEPT] = DS_ACCEPTED,
	[CV_APPROVE] = DS_APPROVED,
	[CV_REJECT] = DS_REJECTED,
};

/* The verification rule of the dossier's procedure, or NULL. */
static const char *
verify_rule(const char *code)
{
	size_t i;

	for (i = 0; i < CP__MAX; i++)
		if (strcmp(cv_procs[i]->info->code, code) == 0)
			return cv_verify_rule[i];
	return NULL;
}

static int
verify(
    struct db *db, struct arena *a, struct dossier *d, struct flow_decide *dc)
{
	const char *rule = verify_rule(d->procedure);
	struct workcal cal;
	struct db_res res;
	char due[20];
	long halves;
	int rc;

	if (rule == NULL ||
	    (d->state != DS_SUBMITTED && d->state != DS_ACCEPTED))
		return flow_refuse(dc, ERR_STATE, NULL);
	{
		struct db_param p[] = { DBP_I(d->id) };

		if ((rc = db_exec(db, a, CV_VERIFIED, p, 1, &res)) != DB_OK)
			return rc;
		if (res.nrows == 1 && strcmp(DB_CELL(&res, 0, 0), "0") != 0)
			return flow_refuse(dc, ERR_STATE, NULL);
	}
	if ((rc = cv_rule_int(db, a, rule, d->submitted_at, 1, 60, &halves)) !=
	        DB_OK ||
	    (rc = dossier_calendar(db, a, d->submitted_at, &cal)) != DB_OK)
		return rc;
	if (workcal_due(&cal, d->submitted_at, (int)halves, due) < 0)
		return DB_ERR;
	{
		struct db_param p[] = { DBP_I(d->id), DBP_S(dc->r->user),
			DBP_S(dossier_now(a)) };

		if ((rc = db_exec(db, a, CV_VERIFY_MARK, p, 3, NULL)) != DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_S(due), DBP_I(d->id) };

		if ((rc = db_exec(db, a, CV_DUE_SET, p, 2, NULL)) != DB_OK)
			return rc;
	}
	return dossier_note(db, a, d, dc->r->user,
	    dc->reason != NULL ? dc->reason : "needs verification");
}

/* POST /civil/official/dossiers/<receipt>/<action>: the action is the
 * route's right. */
enum err
cv_decide(struct req *r)
{
	struct flow_decide dc;

	memset(&dc, 0, sizeof(dc));
	dc.r = r;
	dc.receipt = REQ_S(r, CK_RECEIPT);
	dc.to = moves_to[r->route->right];
	dc.reason = REQ_S(r, CK_REASON);
	dc.procs = cv_procs;
	dc.nprocs = CP__MAX;
	dc.separation_sql = CV_SEPARATION;
	if (r->route->right == CV_VERIFY)
		dc.act = verify;
	return flow_decide(&dc);
}
