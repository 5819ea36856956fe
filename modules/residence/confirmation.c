/*
 * Confirmation of residence (CT07 equivalent, procedure 1.010041).
 *
 * Issue: the signed-on citizen asks; when the database holds a current
 * residence, one transaction creates the dossier (receipt code, daily
 * sequence), its events, and the confirmation with the facts, the
 * residence version they describe and an unguessable verification code;
 * the dossier is complete at once.  The idempotency key is unique per
 * applicant and procedure, so a retry returns the first confirmation.
 *
 * Verify: anyone holding the code sees valid / expired / void, with the
 * personal number masked.  A code that is malformed or unknown is a 404
 * either way, so the answer says nothing about the code space.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "log.h"
#include "paper.h"
#include "procedure.h"
#include "resp.h"
#include "text.h"
#include "token.h"
#include "residence.h"

struct issue {
	struct paper_issue out;
	struct req *r;
	const char *key;
};

/* The first permanent and the first temporary residence: rows are
 * ordered by kind, newest first. */
static void
current(const struct rs_residence *res, size_t n,
    const struct rs_residence **perm, const struct rs_residence **temp)
{
	size_t i;

	*perm = *temp = NULL;
	for (i = 0; i < n; i++)
		if (res[i].permanent && *perm == NULL)
			*perm = &res[i];
		else if (!res[i].permanent && *temp == NULL)
			*temp = &res[i];
}

/* The shared lifecycle, completed at once: every fact is held. */
static int
dossier(struct db *db, struct arena *a, struct issue *is,
    const struct rs_citizen *cz, const char *commune, long long *did,
    const char **receipt)
{
	struct dossier_new n;

	memset(&n, 0, sizeof(n));
	n.agency = conf_get(is->r->conf, "agency", "");
	n.procedure = PROC_RESIDENCE_CONFIRMATION;
	n.commune = commune;
	n.applicant_id = cz->id;
	n.channel = "online";
	n.actor = "citizen";
	n.idem_key = is->key;
	n.halves = proc_catalog[PROC_ID_RESIDENCE_CONFIRMATION].halves;
	return dossier_issue_at_once(
	    db, a, &n, "facts held by the population database", did, receipt);
}

static int
issue_txn(struct db *db, struct arena *a, void *arg)
{
	struct issue *is = arg;
	const struct rs_residence *pr, *tr;
	struct rs_residence *res;
	struct rs_citizen cz;
	const char *receipt;
	long long did;
	char code[TOKEN_LEN + 1];
	size_t n;
	int rc;

	if ((rc = rs_citizen_get(db, a, is->r->citizen, &cz)) != DB_OK)
		return rc;
	if (cz.id == 0) {
		is->out.why = ERR_UNKNOWN_CITIZEN;
		return 1;
	}
	if ((rc = rs_confirmation_by_key(
	         db, a, cz.id, is->key, &is->out.code)) != DB_OK)
		return rc;
	if (is->out.code != NULL) {
		is->out.replay = 1;
		return 0;
	}
	if ((rc = rs_residences_get(db, a, cz.id, &res, &n)) != DB_OK)
		return rc;
	current(res, n, &pr, &tr);
	if (pr == NULL && tr == NULL) {
		is->out.why = ERR_NO_RESIDENCE;
		return 1;
	}
	if ((rc = dossier(db, a, is, &cz,
	         pr != NULL ? pr->commune : tr->commune, &did, &receipt)) !=
	    DB_OK)
		return rc;
	if (token_new(code) < 0)
		return DB_ERR;
	{
		struct db_param p[] = {
			DBP_S(code),
			DBP_I(did),
			DBP_S(receipt),
			DBP_I(cz.id),
			DBP_S(cz.residence_version),
			DBP_S(cz.full_name),
			DBP_S(cz.pid),
			DBP_S(cz.birth_date),
			DBP_S(cz.sex),
			DBP_SN(pr != NULL ? pr->commune : NULL),
			DBP_SN(pr != NULL ? pr->commune : NULL),
			DBP_SN(pr != NULL ? pr->address : NULL),
			DBP_SN(pr != NULL ? pr->since : NULL),
			DBP_SN(tr != NULL ? tr->commune : NULL),
			DBP_SN(tr != NULL ? tr->commune : NULL),
			DBP_SN(tr != NULL ? tr->address : NULL),
			DBP_SN(tr != NULL ? tr->until : NULL),
			DBP_I(conf_int(
			    is->r->conf, "confirmation_days", 365, 1, 3650)),
		};
		if ((rc = db_exec(db, a, RS_CONFIRM_INSERT, p, 18, NULL)) !=
		    DB_OK)
			return rc;
	}
	is->out.code = arena_strdup(a, code);
	return 0;
}

/* Renders the confirmation with code as the answer, with the given status. */
static enum err
render(struct req *r, const char *code, int status)
{
	struct rs_confirmation c;
	struct doc d;
	const char *state, *url;
	int rc;

	if ((rc = rs_confirmation_get(r->db, &r->arena, code, &c)) != DB_OK)
		return db_err(rc);
	if (c.code == NULL)
		return ERR_NOT_FOUND;
	state = c.expired ? "expired" : c.changed ? "void" : "valid";
	url = arena_printf(&r->arena, "%s/residence/confirmations/%s",
	    conf_get(r->conf, "public_url", ""), code);

	doc_init(&d, "confirmation",
	    proc_catalog[PROC_ID_RESIDENCE_CONFIRMATION].name_vi);
	doc_add(&d, NULL, "status", NULL, state);
	doc_add(&d, NULL, "status_vi", "Tình trạng",
	    c.expired ? "Đã hết hạn"
	        : c.changed ? "Không còn giá trị (thông tin cư trú đã thay đổi)"
	                    : "Còn hiệu lực");
	doc_add(&d, NULL, "verification_code", "Mã xác thực", code);
	doc_add(&d, NULL, "verify_url", "Địa chỉ kiểm tra", url);
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", c.receipt);
	doc_add(&d, NULL, "issued_at", "Ngày cấp", c.issued_at);
	doc_add(&d, NULL, "expires_at", "Có giá trị đến", c.expires_at);
	doc_add(&d, "person", "full_name", "Họ và tên", c.full_name);
	doc_add(&d, "person", "pid", "Số định danh cá nhân",
	    text_mask_pid(&r->arena, c.pid));
	doc_add(&d, "person", "birth_date", "Ngày sinh", c.birth_date);
	doc_add(&d, "person", "sex", "Giới tính", c.sex);
	if (c.perm_commune != NULL) {
		doc_add(&d, "permanent", "commune_code", "Mã xã/phường",
		    c.perm_commune);
		doc_add(&d, "permanent", "commune", "Xã/phường",
		    c.perm_commune_name);
		doc_add(&d, "permanent", "address", "Nơi thường trú",
		    c.perm_address);
		doc_add(&d, "permanent", "since", "Từ ngày", c.perm_since);
	}
	if (c.temp_commune != NULL) {
		doc_add(&d, "temporary", "commune_code", "Mã xã/phường",
		    c.temp_commune);
		doc_add(&d, "temporary", "commune", "Xã/phường",
		    c.temp_commune_name);
		doc_add(
		    &d, "temporary", "address", "Nơi tạm trú", c.temp_address);
		doc_add(&d, "temporary", "until", "Đến ngày", c.temp_until);
	}
	resp_doc(r, status, &d);
	return ERR_OK;
}

enum err
rs_confirm_issue(struct req *r)
{
	struct issue is;

	memset(&is, 0, sizeof(is));
	is.r = r;
	is.key = REQ_S(r, RK_IDEM);
	return paper_issue(
	    r, issue_txn, &is, &is.out, "/residence/confirmations", render);
}

/*
 * GET /residence/citizen/confirmations: the page that asks for one (a
 * plain form), with a fresh key so that a double click is one
 * confirmation.  Nothing is asked: the database holds every fact.
 */
enum err
rs_confirm_form(struct req *r)
{
	char key[TOKEN_LEN + 1];
	struct doc d;

	if (token_new(key) < 0)
		return ERR_INTERNAL;
	doc_init(&d, "confirm_form",
	    proc_catalog[PROC_ID_RESIDENCE_CONFIRMATION].name_vi);
	doc_add(
	    &d, NULL, "procedure", "Mã thủ tục", PROC_RESIDENCE_CONFIRMATION);
	doc_add(&d, NULL, "method", "Phương thức", "POST");
	doc_add(
	    &d, NULL, "action", "Địa chỉ", "/residence/citizen/confirmations");
	doc_add(&d, NULL, "idempotency_key", "Mã chống gửi trùng",
	    arena_strdup(&r->arena, key));
	resp_doc(r, 200, &d);
	return ERR_OK;
}

enum err
rs_confirm_verify(struct req *r)
{
	return render(r, REQ_S(r, RK_VCODE), 200);
}
