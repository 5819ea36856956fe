/*
 * Routing: a module's table of {name, method, path pattern, field table,
 * handler, raw body, declared caller}.  Patterns are anchored PCRE2 compiled once per process; their
 * capture groups become req->arg[].
 */
#ifndef MOTCUA_ROUTE_H
#define MOTCUA_ROUTE_H

#include <stddef.h>

#include "req.h"

struct form;

/* A path capture for a dossier receipt code, <agency>-YYMMDD-NNNN
 * (receipt.h); the same shape VALID_RECEIPT checks. */
#define ROUTE_RECEIPT "([A-Za-z0-9.]{1,20}-[0-9]{6}-[0-9]{4,6})"

/*
 * Checks a route table: every route declares its caller, and no route
 * declares more fields than REQ_MAXFIELDS.  Returns NULL, or why not
 * (*bad, if not NULL, is the offending route's index).
 */
const char *route_check(const struct route *, size_t n, size_t *bad);

/* Checks the table and compiles every route's pattern; fatal on a bad
 * table or pattern (start-up only). */
void route_init(const struct route *, size_t n);

/*
 * Whether r's caller is the one its route declares.  Returns ERR_OK or
 * ERR_UNAUTHENTICATED.
 */
enum err route_caller(const struct req *);

/*
 * Finds the route for r->method and r->path.  Returns ERR_OK (r->route and
 * r->arg set), ERR_NOT_FOUND, or ERR_METHOD (r->allow set).
 */
enum err route_find(struct req *, const struct route *, size_t n);

/*
 * Validates the route's declared fields from f into r->val.  Unknown fields
 * are ignored.  Returns ERR_OK, ERR_MISSING_FIELD or ERR_INVALID_FIELD
 * (r->bad lists the offending names and reasons).
 */
enum err route_fields(struct req *, const struct form *f);

#endif
