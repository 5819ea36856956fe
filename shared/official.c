/*
 * Resolving the official of a request, and refusing the ones whose role
 * does not have the route's right.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "official.h"
#include "resp.h"

/* Records the refusal, when the route names its action. */
static void
refused(struct req *r, const char *reason)
{
	const struct route *rt = r->route;
	const char *object = rt->object;

	if (rt->act == NULL)
		return;
	if (object == NULL)
		object = rt->args[0] != 0 ? r->val[rt->args[0]].s : "-";
	dossier_refusal(r->db, &r->arena, r->user, rt->act,
	    object != NULL ? object : "-", reason);
}

/* The columns of the module's official statement (official.h). */
enum { OF_ID, OF_COMMUNE, OF_ROLE, OF_COMMUNE_NAME };

enum err
official_check(struct req *r, int sql, int (*may)(const char *, int))
{
	struct db_param p[] = { DBP_S(r->user) };
	struct official *o;
	struct db_res res;
	int rc;

	if ((rc = db_exec(r->db, &r->arena, sql, p, 1, &res)) != DB_OK)
		return db_err(rc);
	if (res.nrows != 1 || res.ncols <= OF_ROLE) {
		refused(r, "not_an_official");
		return ERR_FORBIDDEN;
	}
	o = arena_alloc(&r->arena, sizeof(*o));
	memset(o, 0, sizeof(*o));
	o->id = strtoll(DB_CELL(&res, 0, OF_ID), NULL, 10);
	o->user = r->user;
	o->commune = DB_CELL(&res, 0, OF_COMMUNE);
	o->role = DB_CELL(&res, 0, OF_ROLE);
	o->commune_name = res.ncols > OF_COMMUNE_NAME
	    ? DB_CELL(&res, 0, OF_COMMUNE_NAME)
	    : NULL;
	if (r->route->right != 0 && may != NULL &&
	    !may(o->role, r->route->right)) {
		refused(r, "role_not_allowed");
		return ERR_ROLE;
	}
	r->official = o;
	return ERR_OK;
}
