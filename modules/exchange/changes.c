/*
 * Changes: residence (and, later, civil-status) changes after a cursor,
 * for the communes the client subscribes to, one page at a time, so a
 * ministry keeps its copy current without asking citizens.  The cursor is
 * the change-log id; ConNua says whether more follow.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "exchange.h"

int
ex_changes(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *cur = ex_text(c, "ConTro"),
	           *max = ex_text(c, "SoLuongToiDa");
	long long cursor = strtoll(cur, NULL, 10), next, *ids;
	long limit = max != NULL ? strtol(max, NULL, 10) : 100;
	struct db_res res;
	char buf[32];
	size_t i, n;
	int rc;

	if (limit < 1 || limit > 1000)
		limit = 100;
	{
		/* one more than the page tells whether more follow */
		struct db_param p[] = { DBP_I(c->client_id), DBP_I(cursor),
			DBP_I(limit + 1) };

		if ((rc = db_exec(db, a, EXQ_CHANGES, p, 3, &res)) != DB_OK)
			return rc;
	}
	n = res.nrows > (size_t)limit ? (size_t)limit : res.nrows;
	next = n > 0 ? strtoll(DB_CELL(&res, n - 1, 0), NULL, 10) : cursor;
	snprintf(buf, sizeof(buf), "%lld", next);
	ex_add(c->out, "ConTroTiepTheo", buf);
	ex_add(c->out, "ConNua", res.nrows > n ? "true" : "false");
	ids = arena_alloc(a, (n + 1) * sizeof(*ids));
	for (i = 0; i < n; i++) {
		xmlNodePtr t = ex_add(c->out, "ThayDoi", NULL);

		ex_add(t, "ConTro", DB_CELL(&res, i, 0));
		ex_add(t, "Loai", DB_CELL(&res, i, 1));
		ex_add(t, "SoDinhDanh", DB_CELL(&res, i, 2));
		ex_add(t, "MaXa", DB_CELL(&res, i, 3));
		ex_add(t, "ThoiDiem", DB_CELL(&res, i, 4));
		ids[i] = strtoll(DB_CELL(&res, i, 5), NULL, 10);
	}
	ex_read(c, ids, n, "pid,residence_change");
	return 0;
}
