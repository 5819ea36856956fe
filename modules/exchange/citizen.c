/*
 * GetCitizen: a citizen's facts as QCVN 109 CongDan elements, limited to
 * the field groups the client's right grants for the declared purpose,
 * and, within those, to the groups the request names (all granted ones
 * when it names none).  The access-log row says which groups were read.
 * The parents (cha_me) are people too: each one shown gets a row of its
 * own, for their number and name.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "receipt.h"
#include "xml.h"
#include "exchange.h"

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

/* The current residences as ThuongTru and NoiOHienTai. */
static int
add_residences(
    struct db *db, struct arena *a, xmlNodePtr cd, xmlNsPtr ns, long long cid)
{
	const char *perm = NULL, *permd = NULL, *cur = NULL, *curd = NULL;
	struct ex_residence *v;
	size_t n, i;
	int rc;

	if ((rc = ex_residences_get(db, a, cid, &v, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (v[i].permanent && perm == NULL) {
			perm = v[i].commune;
			permd = v[i].address;
		} else if (!v[i].permanent && cur == NULL) {
			cur = v[i].commune;
			curd = v[i].address;
		}
	}
	if (perm != NULL)
		add_address(cd, ns, "ThuongTru", perm, permd);
	/* where the person lives now: the temporary residence if any */
	if (cur != NULL || perm != NULL)
		add_address(cd, ns, "NoiOHienTai", cur ? cur : perm,
		    cur ? curd : permd);
	return DB_OK;
}

/* The civil status today: TinhTrangHonNhan, and NgayMat for the dead. */
static void
add_civil(xmlNodePtr cd, xmlNsPtr ns, const struct ex_citizen *cz)
{
	struct ex_marital ms;
	char today[11];

	receipt_today(today);
	if (cz->death_date == NULL) {
		/* today's status is the one held: no marriages needed */
		ex_marital_on(cz, NULL, 0, today, today, &ms);
		dc_add(cd, ns, "TinhTrangHonNhan", ms.status);
	} else
		dc_add(cd, ns, "NgayMat", cz->death_date);
}

/* The parents as ThongTinCha and ThongTinMe, each one's number and name;
 * the ones shown are read too. */
static int
add_parents(struct db *db, struct arena *a, struct ex_call *c, xmlNodePtr cd,
    xmlNsPtr ns, long long cid)
{
	struct ex_parent *v;
	long long ids[2];
	size_t n, i, k = 0;
	int rc, father;

	if ((rc = ex_parents_get(db, a, cid, &v, &n)) != DB_OK)
		return rc;
	/* the father first, then the mother, as the schema orders them */
	for (father = 1; father >= 0; father--)
		for (i = 0; i < n; i++) {
			xmlNodePtr p;

			if (v[i].father != father || k == 2)
				continue;
			p = dc_add(cd, ns,
			    father ? "ThongTinCha" : "ThongTinMe", NULL);
			dc_add(p, ns, "SoDinhDanh", v[i].pid);
			add_name(a, p, ns, v[i].full_name);
			ids[k++] = v[i].id;
		}
	ex_read_also(c, ids, k, "pid,full_name");
	return DB_OK;
}

int
ex_getcitizen(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *pid = ex_text(c, "SoDinhDanh"), *number;
	int want[EXG__MAX], asked = 0, rc, g;
	struct ex_citizen cz;
	struct buf read;
	xmlNodePtr n, cd;
	xmlNsPtr ns;

	memset(want, 0, sizeof(want));
	for (n = xml_first_elem(c->in); n != NULL; n = xml_next_elem(n)) {
		xmlChar *t;

		if (!xml_is(n, EX_NS, "NhomTruong"))
			continue;
		asked = 1;
		t = xmlNodeGetContent(n);
		if (t != NULL && (g = ex_group_named((char *)t)) != EXG__MAX)
			want[g] = 1;
		xmlFree(t);
	}
	for (g = 0; g < EXG__MAX; g++)
		want[g] =
		    (want[g] || !asked) && ex_has_group(c, (enum ex_group)g);
	if ((rc = ex_citizen_get(db, a, pid, &cz)) != DB_OK)
		return rc;
	if (cz.id == 0) {
		ex_add(c->out, "KetQua", "not_found");
		return 0;
	}
	ex_add(c->out, "KetQua", "found");
	buf_init(&read);
	for (g = 0; g < EXG__MAX; g++)
		if (want[g]) {
			ex_add(c->out, "NhomTruong", ex_groups[g].name);
			if (read.len > 0)
				buf_putc(&read, ',');
			buf_puts(&read, ex_groups[g].name);
		}
	cd = xmlNewChild(c->out, NULL, BAD_CAST "CongDan", NULL);
	ns = xmlNewNs(cd, BAD_CAST EX_DC_NS, BAD_CAST "dc");
	xmlSetNs(cd, ns);
	dc_add(cd, ns, "SoDinhDanh", cz.pid);
	if (want[EXG_PERSONAL]) {
		if ((rc = ex_cmnd_get(db, a, cz.id, &number)) != DB_OK)
			goto out;
		if (number != NULL)
			dc_add(cd, ns, "SoCMND", number);
	}
	if (want[EXG_BASIC]) {
		add_name(a, cd, ns, cz.full_name);
		dc_add(
		    cd, ns, "GioiTinh", strcmp(cz.sex, "M") == 0 ? "1" : "2");
	}
	if (want[EXG_PERSONAL])
		dc_add(cd, ns, "DanToc", cz.ethnicity);
	if (want[EXG_BASIC]) {
		xmlNodePtr b = dc_add(cd, ns, "NgayThangNamSinh", NULL);

		dc_add(b, ns, "NgayThangNam", cz.birth_date);
	}
	if (want[EXG_RESIDENCE] &&
	    (rc = add_residences(db, a, cd, ns, cz.id)) != DB_OK)
		goto out;
	if (want[EXG_HOUSEHOLD] && cz.household != 0) {
		if ((rc = ex_head_get(db, a, cz.household, &number)) != DB_OK)
			goto out;
		if (number != NULL) {
			xmlNodePtr h = dc_add(cd, ns, "ChuHo", NULL);

			dc_add(h, ns, "SoDinhDanh", number);
			dc_add(h, ns, "QuanHe",
			    cz.household_role != NULL ? cz.household_role : "");
		}
	}
	if (want[EXG_CIVIL])
		add_civil(cd, ns, &cz);
	if (want[EXG_PARENTS] &&
	    (rc = add_parents(db, a, c, cd, ns, cz.id)) != DB_OK)
		goto out;
	ex_read(c, &cz.id, 1, arena_strdup(a, read.len > 0 ? read.s : "pid"));
	rc = 0;
out:
	buf_free(&read);
	return rc;
}
