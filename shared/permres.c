/*
 * A permanent residence registered: the residence family's effect, which
 * the birth bundle shares (permres.h).
 */
#include "config.h"

#include "db.h"
#include "permres.h"

int
permres_register(struct db *db, struct arena *a, const struct permres_sql *q,
    const struct permres *pr)
{
	long long hid = pr->household;
	int rc;

	/* the old permanent residence ends, the new one begins */
	if (q->end >= 0) {
		struct db_param p[] = { DBP_I(pr->citizen) };

		if ((rc = db_exec(db, a, q->end, p, 1, NULL)) != DB_OK)
			return rc;
	}
	if (hid == 0) {
		struct db_param p[] = { DBP_S(pr->commune),
			DBP_S(pr->address) };

		if (q->household_new < 0)
			return DB_ERR;
		if ((rc = db_exec(db, a, q->household_new, p, 2, NULL)) !=
		    DB_OK)
			return rc;
		hid = (long long)db_insert_id(db);
	}
	{
		struct db_param p[] = { DBP_I(hid), DBP_S(pr->role),
			DBP_I(pr->citizen) };

		if ((rc = db_exec(db, a, q->join, p, 3, NULL)) != DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_I(pr->citizen), DBP_S("permanent"),
			DBP_S(pr->commune), DBP_S(pr->address), DBP_I(hid),
			DBP_SN(NULL) };

		return db_exec(db, a, q->insert, p, 6, NULL);
	}
}
