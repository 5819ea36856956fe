/*
 * Marriage registration (kết hôn, 1.000894): the conditions as the
 * database holds them.  Both parties are read and locked, so that what
 * the check saw holds until its transaction ends: the same check runs
 * when the dossier is filed and again inside the approval's
 * transaction, where a party may meanwhile have married someone else.
 * The law on the registration date (the ages, whether a marriage of two
 * persons of the same sex is recognised) is data in civil_rule.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "civil.h"

/* The columns of CV_M_PARTY. */
enum {
	MP_ID,
	MP_PID,
	MP_NAME,
	MP_BIRTH,
	MP_SEX,
	MP_DEATH,
	MP_MARITAL,
	MP_OPEN,
};

int
cv_marriage_law_get(struct db *db, struct arena *a, const char *day,
    struct cv_marriage_law *law)
{
	long man, woman, same;
	int rc;

	if ((rc = cv_rule_int(db, a, "marriage_age_man", day, 0, 150, &man)) !=
	        DB_OK ||
	    (rc = cv_rule_int(
	         db, a, "marriage_age_woman", day, 0, 150, &woman)) != DB_OK ||
	    (rc = cv_rule_int(db, a, "marriage_same_sex", day, 0, 1, &same)) !=
	        DB_OK)
		return rc;
	law->age_man = (int)man;
	law->age_woman = (int)woman;
	law->same_sex = (int)same;
	return DB_OK;
}

static int
ancestors_get(struct db *db, struct arena *a, struct cv_party *p)
{
	struct db_param q[] = { DBP_I(p->id) };
	struct db_res res;
	size_t i;
	int rc;

	p->nanc = 0;
	if ((rc = db_exec(db, a, CV_M_ANCESTORS, q, 1, &res)) != DB_OK)
		return rc;
	/* more than a family tree of four generations holds: the links
	 * are broken (a cycle reaches one person at several depths, but
	 * GROUP BY keeps each once) */
	if (res.nrows > CV_KIN_MAX)
		return DB_ERR;
	for (i = 0; i < res.nrows; i++) {
		p->anc[i].id = strtoll(DB_CELL(&res, i, 0), NULL, 10);
		p->anc[i].depth = atoi(DB_CELL(&res, i, 1));
	}
	p->nanc = res.nrows;
	return DB_OK;
}

int
cv_party_get(
    struct db *db, struct arena *a, const char *pid, struct cv_party *p)
{
	struct db_param q[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_exec(db, a, CV_M_PARTY, q, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	p->id = strtoll(DB_CELL(&res, 0, MP_ID), NULL, 10);
	p->pid = DB_CELL(&res, 0, MP_PID);
	p->full_name = DB_CELL(&res, 0, MP_NAME);
	p->birth_date = DB_CELL(&res, 0, MP_BIRTH);
	p->sex = DB_CELL(&res, 0, MP_SEX);
	p->death_date = DB_CELL(&res, 0, MP_DEATH);
	p->marital = DB_CELL(&res, 0, MP_MARITAL);
	p->open_marriages = atoi(DB_CELL(&res, 0, MP_OPEN));
	return ancestors_get(db, a, p);
}

int
cv_marriage_check(struct db *db, struct arena *a, const char *day,
    const char *pid_a, const char *pid_b, struct cv_party *pa,
    struct cv_party *pb, enum err *why)
{
	struct cv_marriage_law law;
	int first_a, rc;

	*why = ERR_OK;
	if (strcmp(pid_a, pid_b) == 0) {
		memset(pa, 0, sizeof(*pa));
		memset(pb, 0, sizeof(*pb));
		*why = ERR_INVALID_FIELD;
		return DB_OK;
	}
	/* always the lower number first: two approvals sharing a party
	 * queue on it rather than deadlock */
	first_a = strcmp(pid_a, pid_b) < 0;
	if ((rc = cv_party_get(
	         db, a, first_a ? pid_a : pid_b, first_a ? pa : pb)) != DB_OK ||
	    (rc = cv_party_get(
	         db, a, first_a ? pid_b : pid_a, first_a ? pb : pa)) != DB_OK)
		return rc;
	if (pa->id == 0 || pb->id == 0) {
		*why = ERR_UNKNOWN_CITIZEN;
		return DB_OK;
	}
	if ((rc = cv_marriage_law_get(db, a, day, &law)) != DB_OK)
		return rc;
	*why = cv_marriage_refusal(day, &law, pa, pb);
	return DB_OK;
}
