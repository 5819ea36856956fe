/*
 * Officials decide residence dossiers of their own commune: accept, ask
 * for a supplement (with a reason; the clock stops), approve, or reject
 * (with a reason).  Approval applies the procedure's effect (in the
 * procedure's own file) in the same transaction: the residence rows
 * change, which changes the person's residence version (triggers), which
 * voids every confirmation issued before; then the result is issued.  The dossier row is locked and its
 * state and version checked, so of two officials deciding at once exactly
 * one succeeds and the other gets 409.  The official's role must allow
 * the action (roles.c; the request loop checks the route's right); an
 * official of another commune is refused; the
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
	enum dossier_state to;
	enum err why;
	const char *refused; /* why the official was refused: record it */
	enum dossier_state state; /* the dossier's state after the action */
};

/* The state each right moves a dossier to. */
static const enum dossier_state moves_to[RS_RIGHT__MAX] = {
	[RS_ACCEPT] = DS_ACCEPTED,
	[RS_SUPPLEMENT] = DS_SUPPLEMENT_REQUESTED,
	[RS_APPROVE] = DS_APPROVED,
	[RS_REJECT] = DS_REJECTED,
};

/* The procedure's effect on the population data, on approval. */
static int
apply(struct db *db, struct arena *a, const struct dossier *d)
{
	const struct procedure *p = NULL;
	struct form_limits lim;
	struct form f;
	size_t i;

	for (i = 0; i < RP__MAX; i++)
		if (strcmp(rs_procs[i]->info->code, d->procedure) == 0)
			p = rs_procs[i];
	if (p == NULL || d->payload == NULL)
		return DB_ERR;
	/* the payload is what submission validated: no value in it is
	 * longer than the payload itself */
	lim.max_fields = FORM_MAXKV;
	lim.max_len = strlen(d->payload);
	memset(&f, 0, sizeof(f));
	if (form_parse(a, d->payload, strlen(d->payload), &lim, &f) != ERR_OK)
		return DB_ERR;
	return p->effect(db, a, d, &f);
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
	const char *reason = REQ_S(r, RK_REASON);
	struct dossier d;
	int rc, separate;

	if ((rc = dossier_load(db, a, REQ_S(r, RK_RECEIPT), &d)) != DB_OK)
		return rc;
	if (d.id == 0) {
		dc->why = ERR_NOT_FOUND;
		return 1;
	}
	if (d.commune == NULL || strcmp(d.commune, r->official->commune) != 0)
		return refuse(dc, ERR_FORBIDDEN, "other_commune");
	/* who filed at the counter does not also approve, where the
	 * procedure separates the duties */
	if (dc->to == DS_APPROVED && d.filed_by != NULL &&
	    strcmp(d.filed_by, r->user) == 0) {
		if ((rc = rs_separate_duties(db, a, d.procedure, &separate)) !=
		    DB_OK)
			return rc;
		if (separate)
			return refuse(
			    dc, ERR_SEPARATION, "separation_of_duties");
	}
	if ((rc = dossier_move(db, a, &d, dc->to, r->user, reason)) != DB_OK)
		goto moved;
	if (dc->to == DS_APPROVED) {
		if ((rc = apply(db, a, &d)) != DB_OK)
			return rc;
		rc = dossier_move(db, a, &d, DS_RESULT_ISSUED, "system",
		    "registered in the population database");
	}
moved:
	dc->state = d.state;
	if (rc > 0) {
		if (rc == DOSSIER_REASON) {
			r->nbad = 0;
			req_bad(r, "reason", "required");
		}
		dc->why = move_err(rc);
		return 1;
	}
	return rc;
}

/* POST /residence/official/dossiers/<receipt>/<action>: the action is
 * the route's right. */
enum err
rs_decide(struct req *r)
{
	const char *receipt = REQ_S(r, RK_RECEIPT);
	struct decide dc;
	struct doc d;
	int rc;

	memset(&dc, 0, sizeof(dc));
	dc.r = r;
	dc.to = moves_to[r->route->right];
	rc = db_txn(r->db, decide_txn, &r->arena, &dc);
	if (dc.refused != NULL)
		dossier_refusal(r->db, &r->arena, r->user, r->route->act,
		    receipt, dc.refused);
	if (rc > 0)
		return dc.why;
	if (rc != DB_OK)
		return db_err(rc);
	doc_init(&d, "decision", "Đã xử lý hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", receipt);
	doc_add(&d, NULL, "action", "Thao tác", r->route->act);
	doc_add(&d, NULL, "state", "Trạng thái", dossier_state_name[dc.state]);
	resp_doc(r, 200, &d);
	return ERR_OK;
}
