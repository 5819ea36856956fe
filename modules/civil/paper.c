/*
 * What the civil papers issued at once share: their dossier through the
 * shared lifecycle, due the same working day, and their verification
 * code.
 */
#include "config.h"

#include <string.h>

#include "civil.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "procedure.h"

int
cv_paper_dossier(struct db *db, struct arena *a, struct req *r, const char *now,
    struct cv_paper *p)
{
	struct dossier_new n;
	int rc;

	memset(&n, 0, sizeof(n));
	n.agency = conf_get(r->conf, "agency", "");
	n.procedure = proc_catalog[p->proc].code;
	n.commune = p->commune;
	n.applicant_id = p->applicant;
	n.channel = p->counter ? "counter" : "online";
	n.filed_by = p->counter ? r->user : NULL;
	n.actor = p->counter ? "official" : "citizen";
	n.idem_key = p->key;
	n.halves = proc_catalog[p->proc].halves;
	n.same_day = proc_catalog[p->proc].same_day;
	n.received = now;
	if ((rc = cv_cutoff(db, a, now, &n.cutoff)) != DB_OK ||
	    (rc = dossier_issue_at_once(
	         db, a, &n, p->basis, &p->dossier, &p->receipt)) != DB_OK)
		return rc;
	return token_new(p->code) < 0 ? DB_ERR : DB_OK;
}
