/*
 * Notice of temporary absence (khai báo tạm vắng, 1.003677): from a day
 * not in the past, until a day not before it, optionally where to and
 * why.  It is decided by the commune of the permanent residence left; on
 * approval the absence is recorded.
 */
#include "config.h"

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "residence.h"

static const struct proc_ask ask[] = {
	{ RK_FROM, "Tạm vắng từ ngày", "Away from", 1 },
	{ RK_UNTIL, "Đến ngày", "Until", 1 },
	{ RK_DESTINATION, "Nơi đến", "Destination", 0 },
	{ RK_ABSENCE_REASON, "Lý do", "Reason", 0 },
	{ 0, NULL, NULL, 0 },
};

/* The commune of the permanent residence left. */
static int
counter_commune(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	struct rs_citizen cz;
	int rc;

	*c = NULL;
	if ((rc = rs_citizen_get(db, a, s->f.pid, &cz)) != DB_OK || cz.id == 0)
		return rc;
	return rs_permanent_commune(db, a, cz.id, c);
}

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	int rc;

	if ((rc = rs_permanent_commune(db, a, s->cz.id, &s->commune)) != DB_OK)
		return rc;
	if (s->commune == NULL)
		return rs_refuse(s, ERR_NO_RESIDENCE);
	if (r->val[RK_FROM].i < s->today_days)
		req_bad(r, "from", "in_the_past");
	if (r->val[RK_UNTIL].i < r->val[RK_FROM].i)
		req_bad(r, "until", "before_from");
	rs_payload_put(s, "from", REQ_S(r, RK_FROM));
	rs_payload_put(s, "until", REQ_S(r, RK_UNTIL));
	rs_payload_put(s, "destination", REQ_S(r, RK_DESTINATION));
	rs_payload_put(s, "reason", REQ_S(r, RK_ABSENCE_REASON));
	return 0;
}

static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	struct db_param p[] = { DBP_I(d->applicant_id), DBP_I(d->id),
		DBP_S(form_get(f, "from")), DBP_S(form_get(f, "until")),
		DBP_SN(form_get(f, "destination")),
		DBP_SN(form_get(f, "reason")) };

	return db_exec(db, a, RS_ABSENCE, p, 6, NULL);
}

const struct procedure rs_absence = {
	.info = &proc_catalog[PROC_ID_ABSENCE],
	.ask = ask,
	.facts = "full_name,birth_date,sex,residence",
	.counter_commune = counter_commune,
	.check = check,
	.effect = effect,
};
