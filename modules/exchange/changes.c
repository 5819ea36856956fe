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
	struct ex_change *v;
	char buf[32];
	size_t i, got, n;
	int rc;

	if (limit < 1 || limit > 1000)
		limit = 100;
	/* one more than the page tells whether more follow */
	rc = ex_changes_get(db, a, c->client_id, cursor, limit + 1, &v, &got);
	if (rc != DB_OK)
		return rc;
	n = got > (size_t)limit ? (size_t)limit : got;
	next = n > 0 ? v[n - 1].id : cursor;
	snprintf(buf, sizeof(buf), "%lld", next);
	ex_add(c->out, "ConTroTiepTheo", buf);
	ex_add(c->out, "ConNua", got > n ? "true" : "false");
	ids = arena_alloc(a, (n + 1) * sizeof(*ids));
	for (i = 0; i < n; i++) {
		xmlNodePtr t = ex_add(c->out, "ThayDoi", NULL);

		snprintf(buf, sizeof(buf), "%lld", v[i].id);
		ex_add(t, "ConTro", buf);
		ex_add(t, "Loai", v[i].kind);
		ex_add(t, "SoDinhDanh", v[i].pid);
		ex_add(t, "MaXa", v[i].commune);
		ex_add(t, "ThoiDiem", v[i].at);
		ids[i] = v[i].cid;
	}
	ex_read(c, ids, n, "pid,residence_change");
	return 0;
}
