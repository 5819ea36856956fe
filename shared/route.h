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
 * Checks a route table against its module's field table (keys[k] for
 * key k; nkeys is the enum's end, at most REQ_MAXKEYS): every route
 * declares its caller, a right only for officials, and fields and
 * captures that the table has; every choice carries valid values.
 * Returns NULL, or why not (*bad, if not NULL, is the offending route's
 * index).
 */
const char *route_check(const struct route *, size_t n,
    const struct field *keys, size_t nkeys, size_t *bad);

/* Checks the tables and compiles every route's pattern, whose captures
 * must be the ones declared; fatal on a bad table or pattern (start-up
 * only). */
void route_init(
    const struct route *, size_t n, const struct field *keys, size_t nkeys);

/*
 * Whether r's caller is the one its route declares.  Returns ERR_OK,
 * ERR_UNAUTHENTICATED, or ERR_FORBIDDEN (ROUTE_MONITOR: an address the
 * settings do not list).
 */
enum err route_caller(const struct req *);

/*
 * Finds the route for r->method and r->path.  Returns ERR_OK (r->route and
 * r->arg set), ERR_NOT_FOUND, or ERR_METHOD (r->allow set).
 */
enum err route_find(struct req *, const struct route *, size_t n);

/*
 * Validates the path captures of r's route as the fields it declares
 * into r->val.  Returns ERR_OK, or ERR_NOT_FOUND for a capture that fails
 * (a malformed code is as unknown as a wrong one).
 */
enum err route_args(struct req *);

/*
 * Validates the fields r's route takes from f into r->val.  Unknown fields
 * are ignored.  Returns ERR_OK, ERR_MISSING_FIELD or ERR_INVALID_FIELD
 * (r->bad lists the offending names and reasons).
 */
enum err route_fields(struct req *, const struct form *f);

/* The name of the module's field key, or NULL. */
const char *route_field_name(int key);
/* How field key is checked (VALID_TEXT and the like); -1 out of range. */
int route_field_kind(int key);
/* The choices of a VALID_CHOICE field key (NULL-terminated), or NULL. */
const char *const *route_field_choices(int key);

/* The name of a field the route takes that f holds, or NULL. */
const char *route_taken_in(const struct route *, const struct form *f);

#endif
