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
#include "form.h"
#include "resp.h"
#include "residence.h"

struct lookup {
	struct req *r;
	struct rs_citizen cz;
	struct rs_residence *res;
	size_t n;
	enum err why;
};

static int
lookup_txn(struct db *db, struct arena *a, void *arg)
{
	struct lookup *lk = arg;
	struct req *r = lk->r;
	struct audit_read ar;
	size_t i;
	int rc, seen = 0;

	rc = rs_citizen_residences_get(
	    db, a, REQ_S(r, RK_PID), &lk->cz, &lk->res, &lk->n);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < lk->n; i++)
		if (strcmp(lk->res[i].commune, r->official->commune) == 0)
			seen = 1;
	if (!seen) {
		lk->why = ERR_NOT_FOUND;
		return 1;
	}
	memset(&ar, 0, sizeof(ar));
	ar.actor_kind = "official";
	ar.actor = r->user;
	ar.citizen_id = lk->cz.id;
	ar.fields = "full_name,birth_date,sex,residence";
	ar.purpose = REQ_S(r, RK_PURPOSE);
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
		return db_err(rc);

	doc_init(&d, "residence", "Thông tin cư trú của công dân");
	doc_add(&d, "person", "pid", "Số định danh cá nhân", lk.cz.pid);
	doc_add(&d, "person", "full_name", "Họ và tên", lk.cz.full_name);
	doc_add(&d, "person", "birth_date", "Ngày sinh", lk.cz.birth_date);
	doc_add(&d, "person", "sex", "Giới tính", lk.cz.sex);
	doc_add_raw(
	    &d, "person", "residence_version", NULL, lk.cz.residence_version);
	for (i = 0; i < lk.n && i < 2; i++) {
		const struct rs_residence *x = &lk.res[i];
		const char *k = x->permanent ? "permanent" : "temporary";

		doc_add(&d, k, "commune_code", "Mã xã/phường", x->commune);
		doc_add(&d, k, "commune", "Xã/phường", x->commune_name);
		doc_add(&d, k, "province", "Tỉnh/thành phố", x->province_name);
		doc_add(&d, k, "address", "Địa chỉ", x->address);
		doc_add(&d, k, "since", "Từ ngày", x->since);
		if (x->until != NULL)
			doc_add(&d, k, "until", "Đến ngày", x->until);
	}
	resp_doc(r, 200, &d);
	return ERR_OK;
}

/* The form an official looks a citizen up with; after a refusal (422)
 * with what was typed and why (the purpose is not a secret, nor the
 * number to the official who typed it). */
static enum err
lookup_form(struct req *r, int status)
{
	struct doc d;
	size_t i;

	doc_init(&d, "lookup_form", "Tra cứu thông tin cư trú của công dân");
	if (status == 422 && r->form != NULL) {
		doc_add(&d, NULL, "pid", NULL, form_get(r->form, "pid"));
		doc_add(
		    &d, NULL, "purpose", NULL, form_get(r->form, "purpose"));
		doc_add_raw(&d, NULL, "refused", NULL, "true");
		for (i = 0; i < r->nbad; i++)
			doc_add(&d, "error", r->bad[i].name, NULL,
			    r->bad[i].reason);
	}
	resp_doc(r, status, &d);
	return ERR_OK;
}

/* GET /residence/official/lookup: the number and the purpose in the
 * query string are refused (400 secret_in_query: POST them). */
enum err
rs_lookup_form(struct req *r)
{
	if (REQ_S(r, RK_PID) != NULL)
		req_bad(r, "pid", "use_post");
	if (REQ_S(r, RK_PURPOSE) != NULL)
		req_bad(r, "purpose", "use_post");
	if (r->nbad > 0)
		return ERR_SECRET_IN_QUERY;
	return lookup_form(r, 200);
}

enum err
rs_lookup_again(struct req *r)
{
	return lookup_form(r, 422);
}
