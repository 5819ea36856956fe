/*
 * An official looks up a citizen's current residence.  Only citizens with
 * a current residence in the official's commune are visible; anyone else
 * is "not found", so the answer does not reveal who exists elsewhere.
 * The read and its access-log row are one transaction: no row, no read.
 * The personal number travels in a POST body, not the URL, so it stays out
 * of web server access logs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "resp.h"
#include "residence.h"

struct lookup {
	struct req *r;
	struct db_res cz;
	struct db_res res;
	enum err why;
};

static int
lookup_txn(struct db *db, struct arena *a, void *arg)
{
	struct lookup *lk = arg;
	struct req *r = lk->r;
	struct db_res off;
	struct audit_read ar;
	const char *pid = req_field(r, "pid");
	size_t i;
	int rc, seen = 0;

	{
		struct db_param p[] = { DBP_S(r->user) };
		if ((rc = db_exec(db, a, RS_OFFICIAL, p, 1, &off)) != DB_OK)
			return rc;
	}
	if (off.nrows != 1) {
		lk->why = ERR_FORBIDDEN;
		return 1;
	}
	{
		struct db_param p[] = { DBP_S(pid) };
		if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &lk->cz)) != DB_OK)
			return rc;
	}
	if (lk->cz.nrows != 1) {
		lk->why = ERR_NOT_FOUND;
		return 1;
	}
	{
		struct db_param p[] = { DBP_S(DB_CELL(&lk->cz, 0, 0)) };
		if ((rc = db_exec(db, a, RS_RESIDENCES, p, 1, &lk->res)) !=
		    DB_OK)
			return rc;
	}
	for (i = 0; i < lk->res.nrows; i++)
		if (strcmp(DB_CELL(&lk->res, i, 1), DB_CELL(&off, 0, 1)) == 0)
			seen = 1;
	if (!seen) {
		lk->why = ERR_NOT_FOUND;
		return 1;
	}
	memset(&ar, 0, sizeof(ar));
	ar.actor_kind = "official";
	ar.actor = r->user;
	ar.citizen_id = strtoll(DB_CELL(&lk->cz, 0, 0), NULL, 10);
	ar.fields = "full_name,birth_date,sex,residence";
	ar.purpose = req_field(r, "purpose");
	ar.request_id = r->id;
	return audit_record(db, a, &ar);
}

enum err
rs_official_lookup(struct req *r)
{
	struct lookup lk;
	struct doc d;
	size_t i;
	int rc;

	memset(&lk, 0, sizeof(lk));
	lk.r = r;
	rc = db_txn(r->db, lookup_txn, &r->arena, &lk);
	if (rc > 0)
		return lk.why;
	if (rc != DB_OK)
		return rs_db_err(rc);

	doc_init(&d, "residence", "Thông tin cư trú của công dân");
	doc_add(
	    &d, "person", "pid", "Số định danh cá nhân", DB_CELL(&lk.cz, 0, 1));
	doc_add(&d, "person", "full_name", "Họ và tên", DB_CELL(&lk.cz, 0, 2));
	doc_add(&d, "person", "birth_date", "Ngày sinh", DB_CELL(&lk.cz, 0, 3));
	doc_add(&d, "person", "sex", "Giới tính", DB_CELL(&lk.cz, 0, 4));
	doc_add_raw(
	    &d, "person", "residence_version", NULL, DB_CELL(&lk.cz, 0, 5));
	for (i = 0; i < lk.res.nrows && i < 2; i++) {
		const char *k = strcmp(DB_CELL(&lk.res, i, 0), "permanent") == 0
		    ? "permanent"
		    : "temporary";

		doc_add(&d, k, "commune_code", "Mã xã/phường",
		    DB_CELL(&lk.res, i, 1));
		doc_add(&d, k, "commune", "Xã/phường", DB_CELL(&lk.res, i, 2));
		doc_add(&d, k, "province", "Tỉnh/thành phố",
		    DB_CELL(&lk.res, i, 3));
		doc_add(&d, k, "address", "Địa chỉ", DB_CELL(&lk.res, i, 4));
		doc_add(&d, k, "since", "Từ ngày", DB_CELL(&lk.res, i, 5));
		if (DB_CELL(&lk.res, i, 6) != NULL)
			doc_add(
			    &d, k, "until", "Đến ngày", DB_CELL(&lk.res, i, 6));
	}
	resp_doc(r, 200, &d);
	return ERR_OK;
}
