/*
 * Officials decide residence dossiers of their own commune: accept, ask
 * for a supplement (with a reason; the clock stops), approve, or reject
 * (with a reason).  Approval applies the procedure's effect (in the
 * procedure's own file) in the same transaction: the residence rows
 * change, which changes the person's residence version (triggers), which
 * voids every confirmation issued before; then the result is issued.
 * The decision itself (the lock, the commune, separation of duties, the
 * refusals recorded) is the shared flow's (flow.c); the roles are in
 * roles.c.
 */
#include "config.h"

#include <string.h>

#include "flow.h"
#include "residence.h"

/* The state each right moves a dossier to. */
static const enum dossier_state moves_to[RS_RIGHT__MAX] = {
	[RS_ACCEPT] = DS_ACCEPTED,
	[RS_SUPPLEMENT] = DS_SUPPLEMENT_REQUESTED,
	[RS_APPROVE] = DS_APPROVED,
	[RS_REJECT] = DS_REJECTED,
};

/* POST /residence/official/dossiers/<receipt>/<action>: the action is
 * the route's right. */
enum err
rs_decide(struct req *r)
{
	struct flow_decide dc;

	memset(&dc, 0, sizeof(dc));
	dc.r = r;
	dc.receipt = REQ_S(r, RK_RECEIPT);
	dc.to = moves_to[r->route->right];
	dc.reason = REQ_S(r, RK_REASON);
	dc.procs = rs_procs;
	dc.nprocs = RP__MAX;
	dc.separation_sql = RS_SEPARATION;
	return flow_decide(&dc);
}
