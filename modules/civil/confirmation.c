/*
 * Confirmation of marital status (xác nhận tình trạng hôn nhân,
 * procedure 1.004873), issued at once from the database.
 *
 * Issue: the signed-on citizen asks, stating what the paper is for (a
 * choice, with words of their own; words are required for "other").
 * When the database holds their marital status and they are alive, one
 * transaction creates the dossier through the shared lifecycle, and the
 * confirmation with the facts, the civil version they describe and an
 * unguessable verification code.  It is valid for the months the civil
 * rule marital_confirmation_months gives on the day of issue, by the
 * module's clock.  The idempotency key is unique per applicant and
 * procedure, so a retry returns the first confirmation.
 *
 * Verify: anyone holding the code sees valid / expired / void with the
 * personal number masked.  The paper is void the moment the person's
 * civil version moves on (a marriage, a divorce, a death), as a residence
 * confirmation is when the residence changes.  A code that is malformed
 * or unknown is a 404 either way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "civil.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "paper.h"
#include "procedure.h"
#include "resp.h"
#include "text.h"
#include "token.h"

/* The purposes' stable slugs, in the order of enum cv_purpose. */
const char *const cv_purposes[PU__MAX + 1] = {
	[PU_BANK_LOAN] = "bank_loan",
	[PU_LAND_PROPERTY] = "land_property",
	[PU_MARRIAGE_ABROAD] = "marriage_abroad",
	[PU_EMPLOYMENT] = "employment",
	[PU_OTHER] = "other",
	[PU__MAX] = NULL,
};

/* A slug's words on the paper, in Vietnamese and in English. */
struct words {
	const char *slug, *vi, *en;
};

static const struct words purposes[] = {
	{ "bank_loan", "Vay vốn, giao dịch ngân hàng",
	    "A bank loan or transaction" },
	{ "land_property", "Giao dịch đất đai, tài sản",
	    "A land or property transaction" },
	{ "marriage_abroad", "Kết hôn với người nước ngoài, ở nước ngoài",
	    "Marriage abroad or to a foreign national" },
	{ "employment", "Tuyển dụng, lao động", "Employment" },
	{ "other", "Mục đích khác", "Another purpose" },
	{ NULL, NULL, NULL },
};

/* citizen.marital_status's values */
static const struct words statuses[] = {
	{ "single", "Chưa đăng ký kết hôn", "Single (never married)" },
	{ "married", "Đang có vợ/chồng", "Married" },
	{ "divorced", "Đã ly hôn, chưa kết hôn lại",
	    "Divorced, not remarried" },
	{ "widowed", "Vợ/chồng đã chết, chưa kết hôn lại",
	    "Widowed, not remarried" },
	{ NULL, NULL, NULL },
};

static const struct words *
words(const struct words *w, const char *slug)
{
	for (; slug != NULL && w->slug != NULL; w++)
		if (strcmp(w->slug, slug) == 0)
			return w;
	return NULL;
}

struct issue {
	struct paper_issue out;
	struct req *r;
	const char *key;
};

static int
issue_txn(struct db *db, struct arena *a, void *arg)
{
	struct issue *is = arg;
	struct req *r = is->r;
	struct cv_paper pp;
	struct cv_citizen cz;
	const char *now, *commune, *commune_name;
	long months;
	int rc;

	if ((rc = cv_citizen_get(db, a, r->citizen, &cz)) != DB_OK)
		return rc;
	if (cz.id == 0) {
		is->out.why = ERR_UNKNOWN_CITIZEN;
		return 1;
	}
	if ((rc = cv_paper_by_key(db, a, CV_CONFIRM_BY_KEY, cz.id,
	         PROC_MARITAL_CONFIRMATION, is->key, &is->out.code)) != DB_OK)
		return rc;
	if (is->out.code != NULL) {
		is->out.replay = 1;
		return 0;
	}
	if (cz.death_date != NULL) {
		is->out.why = ERR_DECEASED;
		return 1;
	}
	if (cz.marital_status == NULL) {
		is->out.why = ERR_MARITAL_UNKNOWN;
		return 1;
	}
	now = dossier_now(a);
	/* the commune of residence issues it, and its officials see the
	 * dossier: without a residence there is none to name */
	if ((rc = cv_home_commune(
	         db, a, cz.id, now, &commune, &commune_name)) != DB_OK)
		return rc;
	if (commune == NULL) {
		is->out.why = ERR_NO_RESIDENCE;
		return 1;
	}
	if ((rc = cv_rule_int(db, a, "marital_confirmation_months", now, 1, 120,
	         &months)) != DB_OK)
		return rc;

	memset(&pp, 0, sizeof(pp));
	pp.proc = PROC_ID_MARITAL_CONFIRMATION;
	pp.commune = commune;
	pp.applicant = cz.id;
	pp.key = is->key;
	pp.basis = "marital status held by the population database";
	if ((rc = cv_paper_dossier(db, a, r, now, &pp)) != DB_OK)
		return rc;
	{
		struct db_param p[] = {
			DBP_S(pp.code),
			DBP_I(pp.dossier),
			DBP_S(pp.receipt),
			DBP_I(cz.id),
			DBP_S(cz.civil_version),
			DBP_S(cz.full_name),
			DBP_S(cz.pid),
			DBP_S(cz.birth_date),
			DBP_S(cz.sex),
			DBP_S(cz.marital_status),
			DBP_S(REQ_S(r, CK_PURPOSE)),
			DBP_SN(REQ_S(r, CK_PURPOSE_TEXT)),
			DBP_S(commune),
			DBP_S(commune_name),
			DBP_S(now),
			DBP_S(now),
			DBP_I(months),
		};
		if ((rc = db_exec(db, a, CV_CONFIRM_INSERT, p, 17, NULL)) !=
		    DB_OK)
			return rc;
	}
	is->out.code = arena_strdup(a, pp.code);
	return 0;
}

/* Renders the confirmation with code as the answer, with the given status. */
static enum err
render(struct req *r, const char *code, int status)
{
	struct cv_confirmation c;
	const struct words *pw, *sw;
	struct doc d;
	const char *state, *state_vi, *why = NULL, *url;
	int rc;

	if ((rc = cv_confirmation_get(
	         r->db, &r->arena, code, dossier_now(&r->arena), &c)) != DB_OK)
		return db_err(rc);
	if (c.code == NULL)
		return ERR_NOT_FOUND;
	if (c.expired) {
		state = "expired";
		state_vi = "Đã hết thời hạn sử dụng";
	} else if (c.changed) {
		state = "void";
		why = c.deceased ? "deceased" : "marital_status_changed";
		state_vi = c.deceased
		    ? "Không còn giá trị (người được xác nhận đã chết)"
		    : "Không còn giá trị (tình trạng hôn nhân đã thay đổi)";
	} else {
		state = "valid";
		state_vi = "Còn giá trị sử dụng";
	}
	pw = words(purposes, c.purpose);
	sw = words(statuses, c.marital_status);
	url = arena_printf(&r->arena, "%s/civil/confirmations/%s",
	    conf_get(r->conf, "public_url", ""), code);

	doc_init(&d, "confirmation",
	    proc_catalog[PROC_ID_MARITAL_CONFIRMATION].name_vi);
	doc_add(&d, NULL, "status", NULL, state);
	doc_add(&d, NULL, "status_vi", "Tình trạng", state_vi);
	doc_add(&d, NULL, "void_reason", NULL, why);
	doc_add(&d, NULL, "verification_code", "Mã xác thực", code);
	doc_add(&d, NULL, "verify_url", "Địa chỉ kiểm tra", url);
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", c.receipt);
	doc_add(&d, NULL, "issued_at", "Ngày cấp", c.issued_at);
	doc_add(&d, NULL, "expires_at", "Có giá trị đến", c.expires_at);
	doc_add(&d, NULL, "purpose", NULL, c.purpose);
	doc_add(&d, NULL, "purpose_vi", "Mục đích sử dụng",
	    pw != NULL ? pw->vi : NULL);
	doc_add(&d, NULL, "purpose_en", NULL, pw != NULL ? pw->en : NULL);
	doc_add(&d, NULL, "purpose_text", "Ghi rõ mục đích", c.purpose_text);
	doc_add(&d, "person", "full_name", "Họ và tên", c.full_name);
	doc_add(&d, "person", "pid", "Số định danh cá nhân",
	    text_mask_pid(&r->arena, c.pid));
	doc_add(&d, "person", "birth_date", "Ngày sinh", c.birth_date);
	doc_add(&d, "person", "sex", "Giới tính", c.sex);
	doc_add(&d, "person", "marital_status", NULL, c.marital_status);
	doc_add(&d, "person", "marital_status_vi", "Tình trạng hôn nhân",
	    sw != NULL ? sw->vi : NULL);
	doc_add(&d, "person", "marital_status_en", NULL,
	    sw != NULL ? sw->en : NULL);
	doc_add(&d, "issuer", "commune_code", "Mã xã/phường", c.commune);
	doc_add(&d, "issuer", "commune", "Cơ quan cấp", c.commune_name);
	resp_doc(r, status, &d);
	return ERR_OK;
}

enum err
cv_confirm_issue(struct req *r)
{
	struct issue is;

	/* "other" says what it is in words */
	if (r->val[CK_PURPOSE].i == PU_OTHER &&
	    REQ_S(r, CK_PURPOSE_TEXT) == NULL) {
		req_bad(r, "purpose_text", "required");
		return ERR_MISSING_FIELD;
	}
	memset(&is, 0, sizeof(is));
	is.r = r;
	is.key = REQ_S(r, CK_IDEM);
	return paper_issue(
	    r, issue_txn, &is, &is.out, "/civil/confirmations", render);
}

enum err
cv_confirm_verify(struct req *r)
{
	return render(r, REQ_S(r, CK_VCODE), 200);
}
