/*
 * VerifyResidence and BatchVerify: does person X have permanent or
 * temporary residence in commune Y on date D?  The answer replaces the
 * paper confirmation for agencies.  "Not found" is an answer (unknown,
 * not_found), not a fault.  The facts behind a "yes" are shown only to a
 * client whose right includes the cu_tru field group.  Every citizen
 * touched gets an access-log row naming the client and the purpose.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "xml.h"
#include "exchange.h"

static const char *
kind_code(int permanent)
{
	return permanent ? "thuong_tru" : "tam_tru";
}

int
ex_verify(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *pid = ex_text(c, "SoDinhDanh"),
	           *commune = ex_text(c, "MaXa");
	struct ex_identity id;
	struct ex_citizen cz;
	struct ex_residence_at ra;
	char day[11];
	int rc;

	if (ex_date(c, day) < 0) {
		c->fault = EXF_SCHEMA;
		return 1;
	}
	if ((rc = ex_citizen_get(db, a, pid, &cz)) != DB_OK)
		return rc;
	if (cz.id == 0) {
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "not_found");
		return 0;
	}
	ex_read(c, &cz.id, 1, "residence");
	if (ex_identity_check(c, &cz, &id)) {
		/* the number is not the person described: say nothing more */
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "identity_mismatch");
		ex_identity_add(c, &id);
		return 0;
	}
	if ((rc = ex_residence_at_get(db, a, cz.id, commune, day, &ra)) !=
	    DB_OK)
		return rc;
	if (!ra.found) {
		ex_add(c->out, "KetQua", "no");
		ex_add(c->out, "LyDo", "no_residence_in_commune");
	} else {
		ex_add(c->out, "KetQua", "yes");
		if (ex_has_group(c, EXG_RESIDENCE)) {
			ex_add(c->out, "LoaiCuTru", kind_code(ra.permanent));
			ex_add(c->out, "TuNgay", ra.since);
			if (ra.until != NULL)
				ex_add(c->out, "DenNgay", ra.until);
			ex_add(c->out, "DiaChi", ra.address);
		}
	}
	ex_identity_add(c, &id);
	return 0;
}

/* --- BatchVerify ------------------------------------------------------ */

struct item {
	const char *stt;
	const char *pid;
	const char *commune;
	const char *result;
	const char *kind;
};

static int
held_cmp(const void *x, const void *y)
{
	const struct ex_held *a = x, *b = y;
	int d = strcmp(a->pid, b->pid);

	if (d != 0)
		return d;
	/* permanent before temporary, as the ENUM sorts */
	if (a->kind == NULL || b->kind == NULL)
		return (a->kind == NULL) - (b->kind == NULL);
	return strcmp(a->kind, b->kind);
}

/* The first row held for this number, or NULL (rows sorted by number). */
static struct ex_held *
find(const struct ex_heldset *hs, const char *pid)
{
	size_t lo = 0, hi = hs->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(hs->rows[mid].pid, pid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < hs->n && strcmp(hs->rows[lo].pid, pid) == 0 ? &hs->rows[lo]
	                                                        : NULL;
}

/* Reads the residences valid on day of the numbers' holders, current or
 * replaced ones, EX_BATCH_CHUNK a query, into hs, which it leaves sorted. */
static int
fetch(struct db *db, struct arena *a, int replaced, const char *day,
    const char *const *pids, size_t n, struct ex_heldset *hs)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i += EX_BATCH_CHUNK) {
		rc = ex_batch_get(db, a, replaced, day, pids + i,
		    n - i < EX_BATCH_CHUNK ? n - i : EX_BATCH_CHUNK, hs);
		if (rc != DB_OK)
			return rc;
	}
	if (hs->n > 0)
		qsort(hs->rows, hs->n, sizeof(*hs->rows), held_cmp);
	return DB_OK;
}

static int
str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
ll_cmp(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

int
ex_batch(struct db *db, struct arena *a, struct ex_call *c)
{
	struct item *items;
	struct ex_held *held = NULL;
	long long *ids;
	struct ex_heldset hs = { NULL, 0, 0 };
	const char **pids;
	size_t n = 0, nheld = 0, nids = 0, npids, nmiss, i, j;
	xmlNodePtr m;
	char day[11], count[24];
	int rc;

	if (ex_date(c, day) < 0) {
		c->fault = EXF_SCHEMA;
		return 1;
	}
	for (m = xml_first_elem(c->in); m != NULL; m = xml_next_elem(m))
		if (xml_is(m, EX_NS, "Muc"))
			n++;
	if (n > EX_BATCH_MAX) {
		c->fault = EXF_BATCH_TOO_LARGE;
		return 1;
	}
	items = arena_alloc(a, (n + 1) * sizeof(*items));
	i = 0;
	for (m = xml_first_elem(c->in); m != NULL; m = xml_next_elem(m)) {
		if (!xml_is(m, EX_NS, "Muc"))
			continue;
		items[i].stt = xml_child_text(a, m, EX_NS, "STT");
		items[i].pid = xml_child_text(a, m, EX_NS, "SoDinhDanh");
		items[i].commune = xml_child_text(a, m, EX_NS, "MaXa");
		items[i].result = "unknown";
		items[i].kind = NULL;
		i++;
	}

	/* every residence valid on the day (fetch): by the current numbers,
	 * then, for numbers not found, by replaced ones.  A number may come
	 * many times (one person, several communes): each distinct number is
	 * asked once. */
	pids = arena_alloc(a, (n + 1) * sizeof(*pids));
	for (i = 0; i < n; i++)
		pids[i] = items[i].pid;
	if (n > 0)
		qsort(pids, n, sizeof(*pids), str_cmp);
	for (i = 0, npids = 0; i < n; i++)
		if (npids == 0 || strcmp(pids[npids - 1], pids[i]) != 0)
			pids[npids++] = pids[i];
	if ((rc = fetch(db, a, 0, day, pids, npids, &hs)) != DB_OK)
		return rc;
	for (i = 0, nmiss = 0; i < npids; i++)
		if (find(&hs, pids[i]) == NULL)
			pids[nmiss++] = pids[i];
	if (nmiss > 0 && (rc = fetch(db, a, 1, day, pids, nmiss, &hs)) != DB_OK)
		return rc;
	held = hs.rows;
	nheld = hs.n;

	/* answer each pair; collect each distinct citizen once (at most one
	 * id a pair, before the duplicates go) */
	ids = arena_alloc(a, (n + 1) * sizeof(*ids));
	for (i = 0; i < n; i++) {
		struct ex_held *h;

		h = find(&hs, items[i].pid);
		if (h == NULL)
			continue;
		items[i].result = "no";
		ids[nids++] = h->cid;
		for (j = (size_t)(h - held);
		     j < nheld && strcmp(held[j].pid, items[i].pid) == 0; j++)
			if (held[j].commune != NULL &&
			    strcmp(held[j].commune, items[i].commune) == 0) {
				items[i].result = "yes";
				items[i].kind = held[j].kind;
				break;
			}
	}
	if (nids > 0) {
		size_t u = 1;

		qsort(ids, nids, sizeof(*ids), ll_cmp);
		for (i = 1; i < nids; i++)
			if (ids[i] != ids[u - 1])
				ids[u++] = ids[i];
		nids = u;
	}
	ex_read(c, ids, nids, "residence");

	snprintf(count, sizeof(count), "%zu", n);
	ex_add(c->out, "SoMuc", count);
	for (i = 0; i < n; i++) {
		xmlNodePtr mo = ex_add(c->out, "Muc", NULL);

		ex_add(mo, "STT", items[i].stt);
		ex_add(mo, "KetQua", items[i].result);
		if (items[i].kind != NULL && ex_has_group(c, EXG_RESIDENCE))
			ex_add(mo, "LoaiCuTru",
			    kind_code(strcmp(items[i].kind, "permanent") == 0));
	}
	return 0;
}
