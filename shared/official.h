/*
 * The official behind a request: resolved once by the request loop for
 * the routes that declare ROUTE_OFFICIAL, before their handler runs.
 */
#ifndef MOTCUA_OFFICIAL_H
#define MOTCUA_OFFICIAL_H

#include "req.h"

/*
 * Loads the active official named r->user with the module's statement sql
 * (columns id, commune_code, role and, optionally, the commune's name;
 * one parameter, the user name) into r->official, and checks that the
 * role has the route's right (may; NULL: every role has every right).
 * Returns ERR_OK, ERR_FORBIDDEN (no active official of that name),
 * ERR_ROLE, or the database's error.  A refusal is recorded when the
 * route names the action (route.act).
 */
enum err
official_check(struct req *, int sql, int (*may)(const char *role, int right));

#endif
