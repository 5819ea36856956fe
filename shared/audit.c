/*
 * Access-log rows.  The chain head lives in access_chain (one row, locked
 * FOR UPDATE), so appends are serialised; the hash is computed by the
 * server (SHA2) over the previous hash and the row's content.
 */
#include "config.h"

#include <stdio.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "sql.h"

int
audit_record(struct db *db, struct arena *a, const struct audit_read *ar)
{
	struct db_res head, h;
	char cid[24];
	int rc;

	snprintf(cid, sizeof(cid), "%lld", ar->citizen_id);
	if ((rc = db_exec(db, a, SQ_AUDIT_HEAD, NULL, 0, &head)) != DB_OK)
		return rc;
	if (head.nrows != 1)
		return DB_ERR;
	{
		struct db_param p[] = {
			DBP_S(DB_CELL(&head, 0, 0)),
			DBP_S(ar->actor_kind),
			DBP_S(ar->actor),
			DBP_S(cid),
			DBP_S(ar->fields),
			DBP_S(ar->purpose),
			DBP_S(ar->request_id != NULL ? ar->request_id : ""),
		};
		if ((rc = db_exec(db, a, SQ_AUDIT_HASH, p, 7, &h)) != DB_OK)
			return rc;
	}
	if (h.nrows != 1)
		return DB_ERR;
	{
		struct db_param p[] = {
			DBP_S(DB_CELL(&h, 0, 0)),
			DBP_S(ar->actor_kind),
			DBP_S(ar->actor),
			DBP_I(ar->citizen_id),
			DBP_S(ar->fields),
			DBP_S(ar->purpose),
			DBP_S(ar->request_id != NULL ? ar->request_id : ""),
			DBP_S(DB_CELL(&head, 0, 0)),
			DBP_S(DB_CELL(&h, 0, 1)),
		};
		if ((rc = db_exec(db, a, SQ_AUDIT_INSERT, p, 9, NULL)) != DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_S(DB_CELL(&h, 0, 1)) };
		return db_exec(db, a, SQ_AUDIT_ADVANCE, p, 1, NULL);
	}
}
