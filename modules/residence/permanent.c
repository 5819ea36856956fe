/*
 * Permanent residence registration (đăng ký thường trú, 1.004222): the
 * citizen names the commune, the address and the basis of the right to
 * live there, and optionally the household they join.  On approval the
 * old permanent residence ends, the new one begins, and the citizen joins
 * the named household or heads a new one.
 */
#include "config.h"

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "permres.h"
#include "residence.h"

const char *const rs_bases[RB__MAX + 1] = {
	[RB_OWN_HOME] = "own_home",
	[RB_FAMILY] = "family",
	[RB_RENTED] = "rented",
	[RB_OTHER] = "other",
};

static const struct proc_ask ask[] = {
	{ RK_COMMUNE, "Mã xã/phường nơi đăng ký thường trú",
	    "Code of the commune of permanent residence", 1 },
	{ RK_ADDRESS, "Địa chỉ chỗ ở hợp pháp", "Address of the lawful home",
	    1 },
	{ RK_BASIS, "Căn cứ (own_home, family, rented, other)",
	    "Basis (own_home, family, rented, other)", 1 },
	{ RK_HEAD, "Số định danh của chủ hộ (khi nhập hộ)",
	    "Personal number of the household's head (when joining one)", 0 },
	{ RK_RELATION, "Quan hệ với chủ hộ", "Relation to the household's head",
	    0 },
	{ 0, NULL, NULL, 0 },
};

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *head = REQ_S(r, RK_HEAD);
	long long hid;
	int rc;

	if ((rc = rs_commune_asked(db, a, s)) != DB_OK)
		return rc;
	if (head != NULL) {
		if ((rc = rs_household_of(db, a, head, &hid)) != DB_OK)
			return rc;
		if (hid == 0)
			req_bad(r, "household_head", "unknown_household");
	}
	rs_payload_put(s, "commune_code", s->commune);
	rs_payload_put(s, "address", REQ_S(r, RK_ADDRESS));
	rs_payload_put(s, "basis", REQ_S(r, RK_BASIS));
	rs_payload_put(s, "household_head", head);
	rs_payload_put(s, "relation", REQ_S(r, RK_RELATION));
	return 0;
}

/* The residence family's statements of the shared effect (permres.h). */
static const struct permres_sql statements = {
	.end = RS_END_PERMANENT,
	.household_new = RS_HOUSEHOLD_NEW,
	.join = RS_JOIN_HOUSEHOLD,
	.insert = RS_INSERT_RESIDENCE,
};

static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	const char *head = form_get(f, "household_head");
	const char *rel = form_get(f, "relation");
	struct permres pr;
	int rc;

	pr.citizen = d->applicant_id;
	pr.commune = form_get(f, "commune_code");
	pr.address = form_get(f, "address");
	pr.household = 0;
	pr.role = "chủ hộ";
	if (head != NULL) {
		if ((rc = rs_household_of(db, a, head, &pr.household)) != DB_OK)
			return rc;
		if (pr.household == 0)
			return DB_ERR;
		pr.role = rel != NULL ? rel : "thành viên";
	}
	return permres_register(db, a, &statements, &pr);
}

const struct procedure rs_permanent = {
	.info = &proc_catalog[PROC_ID_PERMANENT],
	.ask = ask,
	.facts = "full_name,birth_date,sex,residence",
	.counter_commune = rs_counter_commune_asked,
	.check = check,
	.effect = effect,
};
