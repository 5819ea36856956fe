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

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "receipt.h"
#include "text.h"
#include "valid.h"
#include "xml.h"
#include "exchange.h"

/* The date D asked about (YYYY-MM-DD), today when absent. */
static int
check_date(struct ex_call *c, char out[11])
{
	const char *d = ex_text(c, "NgayKiemTra");

	if (d == NULL) {
		receipt_today(out);
		return 0;
	}
	/* a year alone means its last day */
	switch (valid_flexdate(d, out)) {
	case 0:
		return 0;
	case 1:
		snprintf(out + 4, 7, "-12-31");
		return 0;
	default:
		return -1;
	}
}

static const char *
kind_code(const char *kind)
{
	return strcmp(kind, "permanent") == 0 ? "thuong_tru" : "tam_tru";
}

static void
audit_init(struct audit_read *ar, struct ex_call *c, const char *fields)
{
	memset(ar, 0, sizeof(*ar));
	ar->actor_kind = "exchange";
	ar->actor = c->client_name;
	ar->fields = fields;
	ar->purpose = c->purpose;
	ar->request_id = c->msgid;
}

int
ex_verify(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *pid = ex_text(c, "SoDinhDanh"),
	           *commune = ex_text(c, "MaXa");
	const char *name = ex_text(c, "HoVaTen"),
	           *birth = ex_text(c, "NgaySinh");
	const char *name_ok = NULL, *birth_ok = NULL;
	struct db_res cz, res;
	struct audit_read ar;
	char day[11], bd[11];
	long long cid;
	int rc;

	if (check_date(c, day) < 0) {
		c->fault = EXF_SCHEMA;
		return 1;
	}
	{
		struct db_param p[] = { DBP_S(pid) };

		if ((rc = db_exec(db, a, EXQ_CITIZEN, p, 1, &cz)) != DB_OK)
			return rc;
		/* a number that was replaced still finds its holder */
		if (cz.nrows == 0 &&
		    (rc = db_exec(db, a, EXQ_CITIZEN_OLD, p, 1, &cz)) != DB_OK)
			return rc;
	}
	if (cz.nrows != 1) {
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "not_found");
		return 0;
	}
	cid = strtoll(DB_CELL(&cz, 0, 0), NULL, 10);
	if (name != NULL) {
		const char *k1 = text_name_key(a, name);
		const char *k2 = text_name_key(a, DB_CELL(&cz, 0, 2));

		name_ok = k1 != NULL && k2 != NULL && strcmp(k1, k2) == 0
		    ? "match"
		    : "mismatch";
	}
	if (birth != NULL) {
		int kind = valid_flexdate(birth, bd);
		const char *held = DB_CELL(&cz, 0, 3);

		birth_ok = (kind == 0 && strcmp(bd, held) == 0) ||
		        (kind == 1 && strncmp(bd, held, 4) == 0)
		    ? "match"
		    : "mismatch";
	}
	audit_init(&ar, c, "residence");
	ar.citizen_id = cid;
	if ((rc = audit_record(db, a, &ar)) != DB_OK)
		return rc;
	if ((name_ok != NULL && strcmp(name_ok, "mismatch") == 0) ||
	    (birth_ok != NULL && strcmp(birth_ok, "mismatch") == 0)) {
		/* the number is not the person described: say nothing more */
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "identity_mismatch");
		if (name_ok != NULL)
			ex_add(c->out, "KhopHoTen", name_ok);
		if (birth_ok != NULL)
			ex_add(c->out, "KhopNgaySinh", birth_ok);
		return 0;
	}
	{
		struct db_param p[] = { DBP_I(cid), DBP_S(commune), DBP_S(day),
			DBP_S(day) };

		if ((rc = db_exec(db, a, EXQ_RES_AT, p, 4, &res)) != DB_OK)
			return rc;
	}
	if (res.nrows == 0) {
		ex_add(c->out, "KetQua", "no");
		ex_add(c->out, "LyDo", "no_residence_in_commune");
	} else {
		ex_add(c->out, "KetQua", "yes");
		if (ex_has_group(c, "cu_tru")) {
			ex_add(c->out, "LoaiCuTru",
			    kind_code(DB_CELL(&res, 0, 0)));
			ex_add(c->out, "TuNgay", DB_CELL(&res, 0, 1));
			if (DB_CELL(&res, 0, 2) != NULL)
				ex_add(c->out, "DenNgay", DB_CELL(&res, 0, 2));
			ex_add(c->out, "DiaChi", DB_CELL(&res, 0, 3));
		}
	}
	if (name_ok != NULL)
		ex_add(c->out, "KhopHoTen", name_ok);
	if (birth_ok != NULL)
		ex_add(c->out, "KhopNgaySinh", birth_ok);
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

struct held {
	const char *pid;
	long long cid;
	const char *commune;
	const char *kind;
};

static int
held_cmp(const void *x, const void *y)
{
	const struct held *a = x, *b = y;
	int d = strcmp(a->pid, b->pid);

	if (d != 0)
		return d;
	/* permanent before temporary, as the ENUM sorts */
	if (a->kind == NULL || b->kind == NULL)
		return (a->kind == NULL) - (b->kind == NULL);
	return strcmp(a->kind, b->kind);
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
	struct held *held = NULL;
	long long *ids;
	size_t n = 0, nheld = 0, capheld = 0, nids = 0, i, j;
	xmlNodePtr m;
	struct audit_read ar;
	char day[11], count[24];
	int rc;

	if (check_date(c, day) < 0) {
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

	/* every residence valid on the day, for up to 100 people a query */
	for (i = 0; i < n; i += EX_BATCH_CHUNK) {
		/* the current numbers, then numbers that were replaced */
		struct db_param p[2 * (2 + EX_BATCH_CHUNK)];
		struct db_res res;
		size_t k, r;

		for (k = 0; k < 2; k++) {
			size_t base = k * (2 + EX_BATCH_CHUNK), q;

			p[base] = (struct db_param)DBP_S(day);
			p[base + 1] = (struct db_param)DBP_S(day);
			for (q = 0; q < EX_BATCH_CHUNK; q++)
				p[base + 2 + q] = (struct db_param)DBP_S(
				    items[i + q < n ? i + q : n - 1].pid);
		}
		rc = db_exec(
		    db, a, EXQ_BATCH, p, 2 * (2 + EX_BATCH_CHUNK), &res);
		if (rc != DB_OK)
			return rc;
		for (r = 0; r < res.nrows; r++) {
			if (nheld == capheld) {
				struct held *bigger;

				capheld = capheld ? capheld * 2 : 256;
				bigger =
				    arena_alloc(a, capheld * sizeof(*held));
				if (nheld > 0)
					memcpy(bigger, held,
					    nheld * sizeof(*held));
				held = bigger;
			}
			held[nheld].cid =
			    strtoll(DB_CELL(&res, r, 0), NULL, 10);
			held[nheld].pid = DB_CELL(&res, r, 1);
			held[nheld].commune = DB_CELL(&res, r, 2);
			held[nheld].kind = DB_CELL(&res, r, 3);
			nheld++;
		}
	}
	if (nheld > 0)
		qsort(held, nheld, sizeof(*held), held_cmp);

	/* answer each pair; collect each distinct citizen once */
	ids = arena_alloc(a, (nheld + 1) * sizeof(*ids));
	for (i = 0; i < n; i++) {
		struct held key, *h;

		key.pid = items[i].pid;
		key.kind = NULL;
		h = NULL;
		/* find the first row of this pid */
		{
			size_t lo = 0, hi = nheld;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (strcmp(held[mid].pid, key.pid) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < nheld && strcmp(held[lo].pid, key.pid) == 0)
				h = &held[lo];
		}
		if (h == NULL)
			continue;
		items[i].result = "no";
		ids[nids++] = h->cid;
		for (j = (size_t)(h - held);
		     j < nheld && strcmp(held[j].pid, key.pid) == 0; j++)
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
	audit_init(&ar, c, "residence");
	if ((rc = audit_record_many(db, a, &ar, ids, nids)) != DB_OK)
		return rc;

	snprintf(count, sizeof(count), "%zu", n);
	ex_add(c->out, "SoMuc", count);
	for (i = 0; i < n; i++) {
		xmlNodePtr mo = ex_add(c->out, "Muc", NULL);

		ex_add(mo, "STT", items[i].stt);
		ex_add(mo, "KetQua", items[i].result);
		if (items[i].kind != NULL && ex_has_group(c, "cu_tru"))
			ex_add(mo, "LoaiCuTru", kind_code(items[i].kind));
	}
	return 0;
}
