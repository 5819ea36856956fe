/*
 * Resolving the ministry system of a request from its client certificate.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "client.h"
#include "db.h"
#include "log.h"

enum err
client_admit(struct req *r)
{
	char verdict[24];

	if (r->tls_verify != NULL && strcmp(r->tls_verify, "SUCCESS") == 0 &&
	    r->tls_dn != NULL)
		return ERR_OK;
	/* the verdict is the web server's word (NONE, FAILED:reason) */
	log_info("refused a message without a verified client certificate "
	         "(%s)",
	    log_escape(verdict, sizeof(verdict),
	        r->tls_verify != NULL ? r->tls_verify : "-"));
	return ERR_UNAUTHENTICATED;
}

/* The columns of the module's client statement (client.h). */
enum { CL_ID, CL_NAME, CL__N };

enum err
client_check(struct req *r, int sql)
{
	struct db_param p[] = { DBP_S(r->tls_dn),
		DBP_S(r->tls_issuer != NULL ? r->tls_issuer : "") };
	struct client *c;
	struct db_res res;
	int rc;

	if ((rc = db_exec(r->db, &r->arena, sql, p, 2, &res)) != DB_OK)
		return db_err(rc);
	if (res.nrows != 1 || res.ncols < CL__N)
		return ERR_CLIENT_UNKNOWN;
	c = arena_alloc(&r->arena, sizeof(*c));
	c->id = strtoll(DB_CELL(&res, 0, CL_ID), NULL, 10);
	c->name = DB_CELL(&res, 0, CL_NAME);
	r->client = c;
	return ERR_OK;
}
