/*
 * GetCitizen: a citizen's facts as QCVN 109 CongDan elements, limited to
 * the field groups the client's right grants for the declared purpose,
 * and, within those, to the groups the request names (all granted ones
 * when it names none).  The access-log row says which groups were read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "xml.h"
#include "exchange.h"

static const char *const groups[] = { "co_ban", "nhan_than", "cu_tru",
	"ho_gia_dinh" };

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

static xmlNodePtr
dc_add(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	return xmlNewTextChild(
	    parent, ns, BAD_CAST name, text != NULL ? BAD_CAST text : NULL);
}

/* Splits "Nguyễn Văn An" into Ho, ChuDem and Ten. */
static void
add_name(struct arena *a, xmlNodePtr cd, xmlNsPtr ns, const char *full)
{
	const char *first = strchr(full, ' '), *last = strrchr(full, ' ');
	xmlNodePtr hv = dc_add(cd, ns, "HoVaTen", NULL);

	if (first == NULL) {
		dc_add(hv, ns, "Ho", "");
		dc_add(hv, ns, "Ten", full);
		return;
	}
	dc_add(hv, ns, "Ho", arena_strndup(a, full, (size_t)(first - full)));
	if (last > first)
		dc_add(hv, ns, "ChuDem",
		    arena_strndup(a, first + 1, (size_t)(last - first - 1)));
	dc_add(hv, ns, "Ten", last + 1);
}

static void
add_address(xmlNodePtr cd, xmlNsPtr ns, const char *el, const char *commune,
    const char *detail)
{
	xmlNodePtr d = dc_add(cd, ns, el, NULL);

	dc_add(d, ns, "MaDonViHanhChinh", commune);
	dc_add(d, ns, "ChiTiet", detail);
	dc_add(d, ns, "QuocGia", "VN");
}

int
ex_getcitizen(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *pid = ex_text(c, "SoDinhDanh");
	int want[NGROUPS], asked = 0, rc;
	struct db_res cz, res;
	struct buf read;
	xmlNodePtr n, cd;
	xmlNsPtr ns;
	size_t i;

	memset(want, 0, sizeof(want));
	for (n = xml_first_elem(c->in); n != NULL; n = xml_next_elem(n)) {
		xmlChar *t;

		if (!xml_is(n, EX_NS, "NhomTruong"))
			continue;
		asked = 1;
		t = xmlNodeGetContent(n);
		for (i = 0; i < NGROUPS; i++)
			if (t != NULL && strcmp((char *)t, groups[i]) == 0)
				want[i] = 1;
		xmlFree(t);
	}
	for (i = 0; i < NGROUPS; i++)
		want[i] = (want[i] || !asked) && ex_has_group(c, groups[i]);
	if ((rc = ex_citizen(db, a, pid, &cz)) != DB_OK)
		return rc;
	if (cz.nrows != 1) {
		ex_add(c->out, "KetQua", "not_found");
		return 0;
	}
	ex_add(c->out, "KetQua", "found");
	buf_init(&read);
	for (i = 0; i < NGROUPS; i++)
		if (want[i]) {
			ex_add(c->out, "NhomTruong", groups[i]);
			if (read.len > 0)
				buf_putc(&read, ',');
			buf_puts(&read, groups[i]);
		}
	cd = xmlNewChild(c->out, NULL, BAD_CAST "CongDan", NULL);
	ns = xmlNewNs(cd, BAD_CAST EX_DC_NS, BAD_CAST "dc");
	xmlSetNs(cd, ns);
	dc_add(cd, ns, "SoDinhDanh", DB_CELL(&cz, 0, 1));
	if (want[1]) {
		struct db_param p[] = { DBP_S(DB_CELL(&cz, 0, 0)) };

		if ((rc = db_exec(db, a, EXQ_CMND, p, 1, &res)) != DB_OK)
			goto out;
		if (res.nrows == 1)
			dc_add(cd, ns, "SoCMND", DB_CELL(&res, 0, 0));
	}
	if (want[0]) {
		add_name(a, cd, ns, DB_CELL(&cz, 0, 2));
		dc_add(cd, ns, "GioiTinh",
		    strcmp(DB_CELL(&cz, 0, 4), "M") == 0 ? "1" : "2");
	}
	if (want[1])
		dc_add(cd, ns, "DanToc", DB_CELL(&cz, 0, 5));
	if (want[0]) {
		xmlNodePtr b = dc_add(cd, ns, "NgayThangNamSinh", NULL);

		dc_add(b, ns, "NgayThangNam", DB_CELL(&cz, 0, 3));
	}
	if (want[2]) {
		struct db_param p[] = { DBP_S(DB_CELL(&cz, 0, 0)) };
		const char *perm = NULL, *permd = NULL, *cur = NULL,
		           *curd = NULL;
		size_t r;

		if ((rc = db_exec(db, a, EXQ_RES_CURRENT, p, 1, &res)) != DB_OK)
			goto out;
		for (r = 0; r < res.nrows; r++) {
			if (strcmp(DB_CELL(&res, r, 0), "permanent") == 0 &&
			    perm == NULL) {
				perm = DB_CELL(&res, r, 1);
				permd = DB_CELL(&res, r, 2);
			} else if (strcmp(DB_CELL(&res, r, 0), "temporary") ==
			        0 &&
			    cur == NULL) {
				cur = DB_CELL(&res, r, 1);
				curd = DB_CELL(&res, r, 2);
			}
		}
		if (perm != NULL)
			add_address(cd, ns, "ThuongTru", perm, permd);
		/* where the person lives now: the temporary residence if any */
		if (cur != NULL || perm != NULL)
			add_address(cd, ns, "NoiOHienTai", cur ? cur : perm,
			    cur ? curd : permd);
	}
	if (want[3] && DB_CELL(&cz, 0, 6) != NULL) {
		struct db_param p[] = { DBP_S(DB_CELL(&cz, 0, 6)) };

		if ((rc = db_exec(db, a, EXQ_HEAD, p, 1, &res)) != DB_OK)
			goto out;
		if (res.nrows == 1) {
			xmlNodePtr h = dc_add(cd, ns, "ChuHo", NULL);

			dc_add(h, ns, "SoDinhDanh", DB_CELL(&res, 0, 0));
			dc_add(h, ns, "QuanHe",
			    DB_CELL(&cz, 0, 7) != NULL ? DB_CELL(&cz, 0, 7)
			                               : "");
		}
	}
	{
		long long cid = strtoll(DB_CELL(&cz, 0, 0), NULL, 10);

		ex_read(
		    c, &cid, 1, arena_strdup(a, read.len > 0 ? read.s : "pid"));
	}
	rc = 0;
out:
	buf_free(&read);
	return rc;
}
