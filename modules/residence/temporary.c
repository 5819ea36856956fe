/*
 * Temporary residence registration (đăng ký tạm trú, 1.004194): the
 * commune, the address and the end of the term, at most two years on.
 * On approval a temporary residence begins today.
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "residence.h"

static const struct proc_ask ask[] = {
	{ RK_COMMUNE, "Mã xã/phường nơi tạm trú",
	    "Code of the commune of temporary residence", 1 },
	{ RK_ADDRESS, "Địa chỉ nơi tạm trú",
	    "Address of the temporary residence", 1 },
	{ RK_UNTIL, "Tạm trú đến ngày (tối đa 2 năm)",
	    "Until (two years at most)", 1 },
	{ 0, NULL, NULL, 0 },
};

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *until = REQ_S(r, RK_UNTIL);
	int rc;

	if ((rc = rs_commune_asked(db, a, s)) != DB_OK)
		return rc;
	if (r->val[RK_UNTIL].i <= s->today_days)
		req_bad(r, "until", "not_in_future");
	else if (strcmp(until, s->limit) > 0)
		req_bad(r, "until", "term_over_2_years");
	rs_payload_put(s, "commune_code", s->commune);
	rs_payload_put(s, "address", REQ_S(r, RK_ADDRESS));
	rs_payload_put(s, "until", until);
	return 0;
}

static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	struct db_param p[] = { DBP_I(d->applicant_id), DBP_S("temporary"),
		DBP_S(form_get(f, "commune_code")),
		DBP_S(form_get(f, "address")), DBP_SN(NULL),
		DBP_S(form_get(f, "until")) };

	return db_exec(db, a, RS_INSERT_RESIDENCE, p, 6, NULL);
}

const struct procedure rs_temporary = {
	.info = &proc_catalog[PROC_ID_TEMPORARY],
	.ask = ask,
	.facts = "full_name,birth_date,sex,residence",
	.counter_commune = rs_counter_commune_asked,
	.check = check,
	.effect = effect,
};
