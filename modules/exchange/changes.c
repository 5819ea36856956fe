/*
 * Changes: residence and civil-status changes after a cursor, for the
 * communes the client subscribes to, one page at a time, so a ministry
 * keeps its copy current without asking citizens.  The cursor is the
 * change-log id; ConNua says whether more follow; Loai says what each
 * change is.  Births, deaths, marriages and divorces (and the birth
 * bundle's health-insurance card) are shown only to a client whose right
 * grants the ho_tich field group; the access-log rows say which kinds of
 * change the page read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "exchange.h"

/* Whether a change-log kind is a residence change (else civil status). */
static int
residence_kind(const char *kind)
{
	static const char *const kinds[] = { "dang_ky_thuong_tru",
		"dang_ky_tam_tru", "thay_doi_cu_tru", "cham_dut_cu_tru" };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

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
	int rc, res = 0, civil = 0;

	if (limit < 1 || limit > 1000)
		limit = 100;
	/* one more than the page tells whether more follow */
	rc = ex_changes_get(db, a, c->client_id, ex_has_group(c, EXG_CIVIL),
	    cursor, limit + 1, &v, &got);
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
		if (residence_kind(v[i].kind))
			res = 1;
		else
			civil = 1;
	}
	ex_read(c, ids, n,
	    civil && res ? "pid,residence_change,civil_change"
	        : civil  ? "pid,civil_change"
	                 : "pid,residence_change");
	return 0;
}
