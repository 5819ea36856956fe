/*
 * Officials decide residence dossiers of their own commune: accept, ask
 * for a supplement (with a reason; the clock stops), approve, or reject
 * (with a reason).  Approval applies the procedure's effect in the same
 * transaction: the residence rows change, which changes the person's
 * residence version (triggers), which voids every confirmation issued
 * before; then the result is issued.  The dossier row is locked and its
 * state and version checked, so of two officials deciding at once exactly
 * one succeeds and the other gets 409.  The official's role must allow
 * the action (roles.c); an official of another commune is refused; the
 * official who filed the dossier at the counter may not approve it where
 * the procedure separates those duties.  Every refusal is recorded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "form.h"
#include "resp.h"
#include "residence.h"

struct decide {
	struct req *r;
	const char *action;
	enum err why;
	const char *refused; /* why the official was refused: record it */
	const char *state; /* the dossier's state after the action */
};

static const struct {
	const char *action;
	enum rs_action right;
	const char *to;
} actions[] = {
	{ "accept", RS_ACCEPT, "accepted" },
	{ "supplement", RS_SUPPLEMENT, "supplement_requested" },
	{ "approve", RS_APPROVE, "approved" },
	{ "reject", RS_REJECT, "rejected" },
};

/* The procedure's effect on the population data, on approval. */
static int
apply(struct db *db, struct arena *a, const struct dossier *d)
{
	struct db_param np = { DBP_NULL, NULL, 0 };
	struct form_limits lim;
	struct form f;
	const char *v;
	int rc;

	if (d->payload == NULL)
		return DB_ERR;
	/* the payload is what submission validated: no value in it is
	 * longer than the payload itself */
	lim.max_fields = FORM_MAXKV;
	lim.max_len = strlen(d->payload);
	memset(&f, 0, sizeof(f));
	if (form_parse(a, d->payload, strlen(d->payload), &lim, &f) != ERR_OK)
		return DB_ERR;
	if (strcmp(d->procedure, "1.004222") == 0) {
		long long hid;
		struct db_res res;

		/* the old permanent residence ends, the new one begins */
		{
			struct db_param p[] = { DBP_I(d->applicant_id) };

			if ((rc = db_exec(
			         db, a, RS_END_PERMANENT, p, 1, NULL)) != DB_OK)
				return rc;
		}
		if ((v = form_get(&f, "household_head")) != NULL) {
			struct db_param p[] = { DBP_S(v) };

			if ((rc = db_exec(
			         db, a, RS_HOUSEHOLD_OF, p, 1, &res)) != DB_OK)
				return rc;
			if (res.nrows != 1 || DB_CELL(&res, 0, 0) == NULL)
				return DB_ERR;
			hid = strtoll(DB_CELL(&res, 0, 0), NULL, 10);
		} else {
			struct db_param p[] = { DBP_S(form_get(
				                    &f, "commune_code")),
				DBP_S(form_get(&f, "address")) };

			if ((rc = db_exec(
			         db, a, RS_HOUSEHOLD_NEW, p, 2, NULL)) != DB_OK)
				return rc;
			hid = (long long)db_insert_id(db);
		}
		{
			const char *rel = form_get(&f, "household_head") != NULL
			    ? (form_get(&f, "relation") != NULL
			              ? form_get(&f, "relation")
			              : "thành viên")
			    : "chủ hộ";
			struct db_param p[] = { DBP_I(hid), DBP_S(rel),
				DBP_I(d->applicant_id) };

			if ((rc = db_exec(db, a, RS_JOIN_HOUSEHOLD, p, 3,
			         NULL)) != DB_OK)
				return rc;
		}
		{
			struct db_param p[] = { DBP_I(d->applicant_id),
				DBP_S("permanent"),
				DBP_S(form_get(&f, "commune_code")),
				DBP_S(form_get(&f, "address")), DBP_I(hid),
				np };

			return db_exec(db, a, RS_INSERT_RESIDENCE, p, 6, NULL);
		}
	}
	if (strcmp(d->procedure, "1.004194") == 0) {
		struct db_param p[] = { DBP_I(d->applicant_id),
			DBP_S("temporary"), DBP_S(form_get(&f, "commune_code")),
			DBP_S(form_get(&f, "address")), np,
			DBP_S(form_get(&f, "until")) };

		return db_exec(db, a, RS_INSERT_RESIDENCE, p, 6, NULL);
	}
	if (strcmp(d->procedure, "1.004197") == 0) {
		struct db_param p[] = { DBP_S(form_get(&f, "until")),
			DBP_S(form_get(&f, "residence_id")),
			DBP_I(d->applicant_id) };

		if ((rc = db_exec(db, a, RS_EXTEND, p, 3, NULL)) != DB_OK)
			return rc;
		return db_affected(db) == 1 ? DB_OK : DB_ERR;
	}
	if (strcmp(d->procedure, "1.003677") == 0) {
		const char *dest = form_get(&f, "destination");
		const char *why = form_get(&f, "reason");
		struct db_param p[] = { DBP_I(d->applicant_id), DBP_I(d->id),
			DBP_S(form_get(&f, "from")),
			DBP_S(form_get(&f, "until")),
			dest != NULL ? (struct db_param)DBP_S(dest) : np,
			why != NULL ? (struct db_param)DBP_S(why) : np };

		return db_exec(db, a, RS_ABSENCE, p, 6, NULL);
	}
	return DB_ERR;
}

static enum err
move_err(int rc)
{
	switch (rc) {
	case DOSSIER_STATE:
		return ERR_STATE;
	case DOSSIER_REASON:
		return ERR_MISSING_FIELD;
	case DOSSIER_ABSENT:
		return ERR_NOT_FOUND;
	default:
		return ERR_INTERNAL;
	}
}

static int
refuse(struct decide *dc, enum err why, const char *reason)
{
	dc->why = why;
	dc->refused = reason;
	return 1;
}

static int
decide_txn(struct db *db, struct arena *a, void *arg)
{
	struct decide *dc = arg;
	struct req *r = dc->r;
	const char *reason = req_field(r, "reason"), *to = NULL;
	enum rs_action right = RS_ACTION__MAX;
	struct rs_official off;
	struct dossier d;
	size_t i;
	int rc, separate;

	for (i = 0; i < sizeof(actions) / sizeof(*actions); i++)
		if (strcmp(actions[i].action, dc->action) == 0) {
			to = actions[i].to;
			right = actions[i].right;
		}
	if (to == NULL) {
		dc->why = ERR_NOT_FOUND;
		return 1;
	}
	if ((rc = rs_official_load(db, a, r->user, &off)) != DB_OK)
		return rc;
	if (!off.found)
		return refuse(dc, ERR_FORBIDDEN, "not_an_official");
	if (!rs_may(off.role, right))
		return refuse(dc, ERR_ROLE, "role_not_allowed");
	if ((rc = dossier_load(db, a, r->arg[0], &d)) != DB_OK)
		return rc;
	if (d.id == 0) {
		dc->why = ERR_NOT_FOUND;
		return 1;
	}
	if (d.commune == NULL || strcmp(d.commune, off.commune) != 0)
		return refuse(dc, ERR_FORBIDDEN, "other_commune");
	/* who filed at the counter does not also approve, where the
	 * procedure separates the duties */
	if (right == RS_APPROVE && d.filed_by != NULL &&
	    strcmp(d.filed_by, r->user) == 0) {
		if ((rc = rs_separate_duties(db, a, d.procedure, &separate)) !=
		    DB_OK)
			return rc;
		if (separate)
			return refuse(
			    dc, ERR_SEPARATION, "separation_of_duties");
	}
	if ((rc = dossier_move(db, a, &d, to, r->user, reason)) != DB_OK)
		goto moved;
	if (strcmp(to, "approved") == 0) {
		if ((rc = apply(db, a, &d)) != DB_OK)
			return rc;
		rc = dossier_move(db, a, &d, "result_issued", "system",
		    "registered in the population database");
	}
moved:
	dc->state = d.state;
	if (rc > 0) {
		if (rc == DOSSIER_REASON) {
			r->bad[0].name = "reason";
			r->bad[0].reason = "required";
			r->nbad = 1;
		}
		dc->why = move_err(rc);
		return 1;
	}
	return rc;
}

/* POST /residence/official/dossiers/<receipt>/<action> */
enum err
rs_decide(struct req *r)
{
	struct decide dc;
	const char *receipt = r->arg[0];
	struct doc d;
	int rc;

	if (receipt == NULL ||
	    valid_field(VALID_RECEIPT, &r->arena, &receipt) != NULL)
		return ERR_NOT_FOUND;
	memset(&dc, 0, sizeof(dc));
	dc.r = r;
	dc.action = r->arg[1];
	rc = db_txn(r->db, decide_txn, &r->arena, &dc);
	if (dc.refused != NULL)
		dossier_refusal(
		    r->db, &r->arena, r->user, dc.action, receipt, dc.refused);
	if (rc > 0)
		return dc.why;
	if (rc != DB_OK)
		return rs_db_err(rc);
	doc_init(&d, "decision", "Đã xử lý hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", receipt);
	doc_add(&d, NULL, "action", "Thao tác", dc.action);
	doc_add(&d, NULL, "state", "Trạng thái", dc.state);
	resp_doc(r, 200, &d);
	return ERR_OK;
}
