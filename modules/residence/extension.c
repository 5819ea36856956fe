/*
 * Extension of a temporary residence (gia hạn tạm trú, 1.004197): asked
 * within the 15 days before the current term ends, for a new end after it
 * and at most two years on.  On approval the term is extended.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "residence.h"

/* Days before the end of the term from which an extension is asked. */
#define WINDOW_DAYS 15

static const struct proc_ask ask[] = {
	{ RK_UNTIL, "Gia hạn đến ngày (tối đa 2 năm)",
	    "Extend until (two years at most)", 1 },
	{ 0, NULL, NULL, 0 },
};

/* The commune of the temporary residence extended. */
static int
counter_commune(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	struct rs_citizen cz;
	struct rs_temporary t;
	int rc;

	*c = NULL;
	if ((rc = rs_citizen_get(db, a, s->f.pid, &cz)) != DB_OK || cz.id == 0)
		return rc;
	if ((rc = rs_current_temp_get(db, a, cz.id, &t)) != DB_OK)
		return rc;
	*c = t.id != 0 ? t.commune : NULL;
	return DB_OK;
}

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *until = REQ_S(r, RK_UNTIL);
	struct rs_temporary t;
	int rc;

	if ((rc = rs_current_temp_get(db, a, s->cz.id, &t)) != DB_OK)
		return rc;
	/* only within the days before the term ends */
	if (t.id == 0 || valid_days(t.until) > s->today_days + WINDOW_DAYS)
		return rs_refuse(s, ERR_NOT_ELIGIBLE);
	s->commune = t.commune;
	if (strcmp(until, t.until) <= 0)
		req_bad(r, "until", "not_after_current_term");
	else if (strcmp(until, s->limit) > 0)
		req_bad(r, "until", "term_over_2_years");
	rs_payload_put(s, "residence_id", arena_printf(a, "%lld", t.id));
	rs_payload_put(s, "until", until);
	return 0;
}

static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	struct db_param p[] = { DBP_S(form_get(f, "until")),
		DBP_S(form_get(f, "residence_id")), DBP_I(d->applicant_id) };
	int rc;

	if ((rc = db_exec(db, a, RS_EXTEND, p, 3, NULL)) != DB_OK)
		return rc;
	return db_affected(db) == 1 ? DB_OK : DB_ERR;
}

const struct procedure rs_extension = {
	.info = &proc_catalog[PROC_ID_EXTENSION],
	.ask = ask,
	.facts = "full_name,birth_date,sex,residence",
	.counter_commune = counter_commune,
	.check = check,
	.effect = effect,
};
