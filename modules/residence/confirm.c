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
#include "resp.h"
#include "token.h"
#include "residence.h"

struct issue {
	struct req *r;
	const char *key;
	const char *code; /* out: the verification code */
	int replay; /* out: an earlier confirmation */
	enum err why; /* out: a business refusal */
};

static int
issue_txn(struct db *db, struct arena *a, void *arg)
{
	struct issue *is = arg;
	struct req *r = is->r;
	struct db_res cz, res, old;
	const char *receipt;
	const char *pc = NULL, *pa = NULL, *ps = NULL;
	const char *tc = NULL, *ta = NULL, *tu = NULL;
	long long cid, did;
	char code[TOKEN_LEN + 1];
	size_t i;
	int rc;

	{
		struct db_param p[] = { DBP_S(r->citizen) };
		if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &cz)) != DB_OK)
			return rc;
	}
	if (cz.nrows != 1) {
		is->why = ERR_UNKNOWN_CITIZEN;
		return 1;
	}
	cid = strtoll(DB_CELL(&cz, 0, 0), NULL, 10);
	{
		struct db_param p[] = { DBP_I(cid), DBP_S(RS_PROC_CONFIRM),
			DBP_S(is->key) };
		if ((rc = db_exec(db, a, RS_CONFIRM_BY_KEY, p, 3, &old)) !=
		    DB_OK)
			return rc;
	}
	if (old.nrows == 1) {
		is->code = DB_CELL(&old, 0, 0);
		is->replay = 1;
		return 0;
	}
	{
		struct db_param p[] = { DBP_I(cid) };
		if ((rc = db_exec(db, a, RS_RESIDENCES, p, 1, &res)) != DB_OK)
			return rc;
	}
	/* rows are ordered by kind, newest first: take the first of each */
	for (i = 0; i < res.nrows; i++) {
		const char *kind = DB_CELL(&res, i, 0);

		if (strcmp(kind, "permanent") == 0 && pc == NULL) {
			pc = DB_CELL(&res, i, 1);
			pa = DB_CELL(&res, i, 4);
			ps = DB_CELL(&res, i, 5);
		} else if (strcmp(kind, "temporary") == 0 && tc == NULL) {
			tc = DB_CELL(&res, i, 1);
			ta = DB_CELL(&res, i, 4);
			tu = DB_CELL(&res, i, 6);
		}
	}
	if (pc == NULL && tc == NULL) {
		is->why = ERR_NO_RESIDENCE;
		return 1;
	}
	/* the shared lifecycle, completed at once: every fact is held */
	{
		struct dossier_new n;
		struct dossier d;
		static const char *const steps[] = { "accepted", "approved",
			"result_issued" };
		int existing;

		memset(&n, 0, sizeof(n));
		n.agency = conf_get(r->conf, "agency", "");
		n.procedure = RS_PROC_CONFIRM;
		n.commune = pc != NULL ? pc : tc;
		n.applicant_id = cid;
		n.channel = "online";
		n.actor = "citizen";
		n.idem_key = is->key;
		n.halves = 1; /* ½ working day when the data is held */
		if ((rc = dossier_create(
		         db, a, &n, &did, &receipt, &existing)) != DB_OK)
			return rc;
		if ((rc = dossier_load(db, a, receipt, &d)) != DB_OK)
			return rc;
		for (i = 0; i < sizeof(steps) / sizeof(*steps); i++)
			if ((rc = dossier_move(db, a, &d, steps[i], "system",
			         i == 2 ? "facts held by the population "
			                  "database"
			                : NULL)) != DB_OK)
				return rc > 0 ? DB_ERR : rc;
	}
	if (token_new(code) < 0)
		return DB_ERR;
	{
		struct db_param np = { DBP_NULL, NULL, 0 };
		struct db_param p[] = {
			DBP_S(code),
			DBP_I(did),
			DBP_S(receipt),
			DBP_I(cid),
			DBP_S(DB_CELL(&cz, 0, 5)),
			DBP_S(DB_CELL(&cz, 0, 2)),
			DBP_S(DB_CELL(&cz, 0, 1)),
			DBP_S(DB_CELL(&cz, 0, 3)),
			DBP_S(DB_CELL(&cz, 0, 4)),
			pc ? (struct db_param)DBP_S(pc) : np,
			pc ? (struct db_param)DBP_S(pc) : np,
			pa ? (struct db_param)DBP_S(pa) : np,
			ps ? (struct db_param)DBP_S(ps) : np,
			tc ? (struct db_param)DBP_S(tc) : np,
			tc ? (struct db_param)DBP_S(tc) : np,
			ta ? (struct db_param)DBP_S(ta) : np,
			tu ? (struct db_param)DBP_S(tu) : np,
			DBP_I(conf_int(
			    r->conf, "confirmation_days", 365, 1, 3650)),
		};
		if ((rc = db_exec(db, a, RS_CONFIRM_INSERT, p, 18, NULL)) !=
		    DB_OK)
			return rc;
	}
	is->code = arena_strdup(a, code);
	return 0;
}

const char *
rs_mask_pid(struct arena *a, const char *pid)
{
	size_t n = strlen(pid);

	if (n < 7)
		return arena_strdup(a, "******");
	return arena_printf(
	    a, "%.3s%.*s%s", pid, (int)(n - 6), "************", pid + n - 3);
}

/* Renders the confirmation with code as the answer, with the given status. */
static enum err
render(struct req *r, const char *code, int status)
{
	struct db_param p[] = { DBP_S(code) };
	struct db_res c;
	struct doc d;
	const char *state, *url;
	int rc;

	if ((rc = db_exec(r->db, &r->arena, RS_CONFIRM_BY_CODE, p, 1, &c)) !=
	    DB_OK)
		return rs_db_err(rc);
	if (c.nrows != 1)
		return ERR_NOT_FOUND;
	if (strcmp(DB_CELL(&c, 0, 16), "1") == 0)
		state = "expired";
	else if (strcmp(DB_CELL(&c, 0, 17), "1") == 0)
		state = "void";
	else
		state = "valid";
	url = arena_printf(&r->arena, "%s/residence/confirmations/%s",
	    conf_get(r->conf, "public_url", ""), code);

	doc_init(&d, "confirmation", "Xác nhận thông tin về cư trú");
	doc_add(&d, NULL, "status", NULL, state);
	doc_add(&d, NULL, "status_vi", "Tình trạng",
	    strcmp(state, "valid") == 0 ? "Còn hiệu lực"
	        : strcmp(state, "expired") == 0
	        ? "Đã hết hạn"
	        : "Không còn giá trị (thông tin cư trú đã thay đổi)");
	doc_add(&d, NULL, "verification_code", "Mã xác thực", code);
	doc_add(&d, NULL, "verify_url", "Địa chỉ kiểm tra", url);
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", DB_CELL(&c, 0, 1));
	doc_add(&d, NULL, "issued_at", "Ngày cấp", DB_CELL(&c, 0, 14));
	doc_add(&d, NULL, "expires_at", "Có giá trị đến", DB_CELL(&c, 0, 15));
	doc_add(&d, "person", "full_name", "Họ và tên", DB_CELL(&c, 0, 2));
	doc_add(&d, "person", "pid", "Số định danh cá nhân",
	    rs_mask_pid(&r->arena, DB_CELL(&c, 0, 3)));
	doc_add(&d, "person", "birth_date", "Ngày sinh", DB_CELL(&c, 0, 4));
	doc_add(&d, "person", "sex", "Giới tính", DB_CELL(&c, 0, 5));
	if (DB_CELL(&c, 0, 6) != NULL) {
		doc_add(&d, "permanent", "commune_code", "Mã xã/phường",
		    DB_CELL(&c, 0, 6));
		doc_add(
		    &d, "permanent", "commune", "Xã/phường", DB_CELL(&c, 0, 7));
		doc_add(&d, "permanent", "address", "Nơi thường trú",
		    DB_CELL(&c, 0, 8));
		doc_add(&d, "permanent", "since", "Từ ngày", DB_CELL(&c, 0, 9));
	}
	if (DB_CELL(&c, 0, 10) != NULL) {
		doc_add(&d, "temporary", "commune_code", "Mã xã/phường",
		    DB_CELL(&c, 0, 10));
		doc_add(&d, "temporary", "commune", "Xã/phường",
		    DB_CELL(&c, 0, 11));
		doc_add(&d, "temporary", "address", "Nơi tạm trú",
		    DB_CELL(&c, 0, 12));
		doc_add(
		    &d, "temporary", "until", "Đến ngày", DB_CELL(&c, 0, 13));
	}
	resp_doc(r, status, &d);
	return ERR_OK;
}

enum err
rs_confirm_issue(struct req *r)
{
	struct issue is;
	int rc, tries;

	memset(&is, 0, sizeof(is));
	is.r = r;
	is.key = req_field(r, "idempotency_key");
	/* A concurrent twin with the same key loses on the unique key and
	 * finds the winner's confirmation on the second pass. */
	for (tries = 0; tries < 2; tries++) {
		rc = db_txn(r->db, issue_txn, &r->arena, &is);
		if (rc != DB_DUP)
			break;
	}
	if (rc > 0)
		return is.why;
	if (rc != DB_OK)
		return rs_db_err(rc);
	if (r->fmt == REQ_HTML) {
		resp_redirect(r,
		    arena_printf(&r->arena, "%s/residence/confirmations/%s",
		        conf_get(r->conf, "public_url", ""), is.code));
		return ERR_OK;
	}
	return render(r, is.code, is.replay ? 200 : 201);
}

enum err
rs_confirm_verify(struct req *r)
{
	const char *code = r->arg[0];

	if (code == NULL || valid_field(VALID_VCODE, &r->arena, &code) != NULL)
		return ERR_NOT_FOUND;
	return render(r, code, 200);
}
