/*
 * Death registration (đăng ký khai tử, 1.000656).  A relative declares
 * the death of a person they name by personal number: the date (and the
 * time, when known) and place of death, the death notice's number and,
 * optionally, the cause.  Nothing else is asked: who the person was comes
 * from the database.  Refused: a person the database does not know, one
 * already deceased (their records are locked), a date of death after the
 * day of receipt or before the birth.
 *
 * While registration is tied to residence, the commune of the deceased's
 * last permanent residence decides.  The law also allows the commune
 * where the death happened; that place is free text here, not a commune,
 * so only the residence is used.
 *
 * On approval, in the decision's one transaction: the person is marked
 * deceased and leaves their household's register, the death is numbered in the commune's death book of the
 * year and recorded, all their records are locked, their permanent and
 * temporary residences end (the triggers change their residence version,
 * which voids every confirmation of their residence, and feed the
 * residence-removed change), and an open marriage ends by death with the
 * spouse widowed.  The death record itself feeds the funeral-allowance
 * change (a trigger on civil_record).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dossier.h"
#include "form.h"
#include "civil.h"

static const struct proc_ask ask[] = {
	{ CK_DECEASED, "Số định danh cá nhân của người chết",
	    "Personal number of the deceased", 1 },
	{ CK_RELATION, "Quan hệ với người chết", "Relation to the deceased",
	    1 },
	{ CK_DEATH_DATE, "Ngày chết", "Date of death", 1 },
	{ CK_DEATH_TIME, "Giờ chết", "Time of death", 0 },
	{ CK_DEATH_PLACE, "Nơi chết", "Place of death", 1 },
	{ CK_NOTICE, "Số giấy báo tử", "Death notice number", 1 },
	{ CK_CAUSE, "Nguyên nhân chết", "Cause of death", 0 },
	{ 0, NULL, NULL, 0 },
};

/* The commune of the deceased's last permanent residence. */
static int
counter_commune(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	struct cv_citizen cz;
	int rc;

	*c = NULL;
	if ((rc = cv_citizen_get(db, a, REQ_S(s->f.r, CK_DECEASED), &cz)) !=
	        DB_OK ||
	    cz.id == 0)
		return rc;
	return cv_permanent_commune(db, a, cz.id, c);
}

/*
 * Online, the relation the declarant states must be one the database
 * holds: an open marriage, a parent link either way, a parent in common (a marriage a death
 * ended still makes its survivor the spouse).
 * Whether the person is not known, or known but not theirs, the answer is
 * the same and comes before anything about the person, so that a citizen
 * cannot learn from a declaration whether someone exists, has died, or
 * was born before a date.  A relation the database cannot show (another
 * relative, a carer) is declared at the counter, where an official sees
 * the papers.  Returns DB_OK (*holds set) or an enum db_rc.
 */
static int
related(struct db *db, struct arena *a, struct proc_submit *s, long long person,
    int *holds)
{
	long long d = s->declarant.id;
	int rel = s->f.r->val[CK_RELATION].i;
	struct db_param p[] = { DBP_I(d), DBP_I(person), DBP_I(d),
		DBP_I(person), DBP_I(d), DBP_I(person), DBP_I(d), DBP_I(person),
		DBP_I(d), DBP_I(person) };
	struct db_res res;
	const char *v;
	int rc;

	*holds = 0;
	if (person == 0 || rel >= CR_OTHER)
		return DB_OK;
	if ((rc = db_exec(db, a, CV_RELATED, p, 10, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_ERR;
	v = DB_CELL(&res, 0, rel);
	*holds = v != NULL && strcmp(v, "1") == 0;
	return DB_OK;
}

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	struct cv_citizen cz;
	int rc, holds;

	if ((rc = cv_citizen_get(db, a, REQ_S(r, CK_DECEASED), &cz)) != DB_OK)
		return rc;
	if (!s->f.counter) {
		if ((rc = related(db, a, s, cz.id, &holds)) != DB_OK)
			return rc;
		if (!holds)
			return cv_refuse(s, ERR_NOT_RELATED);
	}
	if (cz.id == 0)
		return cv_refuse(s, ERR_UNKNOWN_CITIZEN);
	if (cz.death_date != NULL || cz.locked)
		return cv_refuse(s, ERR_DECEASED);
	if (cz.id == s->declarant.id)
		req_bad(r, "deceased_pid", "is_declarant");
	if (r->val[CK_DEATH_DATE].i > s->today_days)
		return cv_refuse(s, ERR_DEATH_FUTURE);
	if (r->val[CK_DEATH_DATE].i < valid_days(cz.birth_date))
		return cv_refuse(s, ERR_DEATH_BEFORE_BIRTH);
	if ((rc = cv_permanent_commune(db, a, cz.id, &s->commune)) != DB_OK)
		return rc;
	cv_payload_put(s, "deceased", arena_printf(a, "%lld", cz.id));
	cv_payload_put(s, "date", REQ_S(r, CK_DEATH_DATE));
	cv_payload_put(s, "time", REQ_S(r, CK_DEATH_TIME));
	cv_payload_put(s, "place", REQ_S(r, CK_DEATH_PLACE));
	cv_payload_put(s, "notice", REQ_S(r, CK_NOTICE));
	cv_payload_put(s, "cause", REQ_S(r, CK_CAUSE));
	return 0;
}

static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	const char *deceased = form_get(f, "deceased");
	const char *date = form_get(f, "date");
	const char *now = dossier_now(a), *number;
	long long id, record;
	int rc;

	if (deceased == NULL || date == NULL || form_get(f, "notice") == NULL)
		return DB_ERR;
	id = strtoll(deceased, NULL, 10);
	{
		struct db_param p[] = { DBP_S(date), DBP_I(id) };

		if ((rc = db_exec(db, a, CV_SET_DEATH, p, 2, NULL)) != DB_OK)
			return rc;
		/* registered meanwhile by another dossier */
		if (db_affected(db) != 1)
			return ERR_DECEASED;
	}
	if ((rc = cv_book_next(db, a, d->commune, "KT", atoi(now), &number)) !=
	    DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S("death"), DBP_S("KT"),
			DBP_S(number), DBP_S(d->commune), DBP_I(id),
			DBP_S(date), DBP_SN(form_get(f, "time")),
			DBP_SN(form_get(f, "place")), DBP_S(now),
			DBP_I(d->applicant_id), DBP_SN(form_get(f, "relation")),
			DBP_I(d->id), DBP_I(0), DBP_I(1) };

		if ((rc = db_exec(db, a, CV_RECORD_INSERT, p, 14, NULL)) !=
		    DB_OK)
			return rc;
		record = (long long)db_insert_id(db);
	}
	{
		struct db_param p[] = { DBP_I(record),
			DBP_S(form_get(f, "notice")),
			DBP_SN(form_get(f, "cause")) };

		if ((rc = db_exec(db, a, CV_DEATH_DETAIL, p, 3, NULL)) != DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_I(id) };

		if ((rc = db_exec(db, a, CV_LOCK_RECORDS, p, 1, NULL)) !=
		        DB_OK ||
		    (rc = db_exec(db, a, CV_END_RESIDENCE, p, 1, NULL)) !=
		        DB_OK)
			return rc;
	}
	{
		/* the spouse first: the marriage is still open */
		struct db_param w[] = { DBP_I(id), DBP_I(id), DBP_I(id) };
		struct db_param m[] = { DBP_S(date), DBP_I(id), DBP_I(id) };

		if ((rc = db_exec(db, a, CV_WIDOW, w, 3, NULL)) != DB_OK)
			return rc;
		return db_exec(db, a, CV_END_MARRIAGE, m, 3, NULL);
	}
}

const struct procedure cv_death = {
	.info = &proc_catalog[PROC_ID_DEATH],
	.ask = ask,
	.facts = "full_name,birth_date,sex,residence",
	.counter_commune = counter_commune,
	.check = check,
	.effect = effect,
};
