/*
 * The answer of a route issuing a paper at once (paper.h).
 */
#include "config.h"

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "paper.h"
#include "resp.h"

enum err
paper_issue(struct req *r, int (*txn)(struct db *, struct arena *, void *),
    void *arg, struct paper_issue *out, const char *page,
    enum err (*render)(struct req *, const char *, int))
{
	int rc, tries;

	/* A concurrent twin with the same key loses on the unique key and
	 * finds the winner's paper on the second pass. */
	for (tries = 0; tries < 2; tries++) {
		rc = db_txn(r->db, txn, &r->arena, arg);
		if (rc != DB_DUP)
			break;
	}
	if (rc > 0)
		return out->why;
	if (rc != DB_OK)
		return db_err(rc);
	if (r->fmt == REQ_HTML) {
		resp_redirect(r,
		    arena_printf(&r->arena, "%s%s/%s",
		        conf_get(r->conf, "public_url", ""), page, out->code));
		return ERR_OK;
	}
	return render(r, out->code, out->replay ? 200 : 201);
}
