/*
 * Route table checks, route matching, the declared caller and
 * declared-field validation.
 */
#include "config.h"

#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "form.h"
#include "log.h"
#include "route.h"

#define ROUTE_MAX 32

static pcre2_code *route_re[ROUTE_MAX];
static pcre2_match_data *route_md;
static pcre2_match_context *route_mctx;
static const struct route *route_tab;

const char *
route_check(const struct route *routes, size_t n, size_t *bad)
{
	size_t i, k;

	if (n > ROUTE_MAX)
		return "too many routes";
	for (i = 0; i < n; i++) {
		if (bad != NULL)
			*bad = i;
		if (routes[i].caller <= ROUTE_UNDECLARED ||
		    routes[i].caller > ROUTE_CITIZEN_LATE)
			return "no declared caller";
		for (k = 0; routes[i].fields != NULL &&
		     routes[i].fields[k].name != NULL;
		     k++)
			if (k >= REQ_MAXFIELDS)
				return "more fields than REQ_MAXFIELDS";
	}
	return NULL;
}

void
route_init(const struct route *routes, size_t n)
{
	const char *why;
	size_t i = 0;

	if ((why = route_check(routes, n, &i)) != NULL)
		fatal("route table: %s (route %zu, %s)", why, i,
		    i < n && routes[i].name != NULL ? routes[i].name : "-");
	route_tab = routes;
	route_md = pcre2_match_data_create(REQ_MAXARGS + 1, NULL);
	route_mctx = pcre2_match_context_create(NULL);
	if (route_md == NULL || route_mctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(route_mctx, 100000);
	for (i = 0; i < n; i++) {
		int err;
		PCRE2_SIZE off;

		route_re[i] = pcre2_compile((PCRE2_SPTR)routes[i].pattern,
		    PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err, &off,
		    NULL);
		if (route_re[i] == NULL)
			fatal("route %s: bad pattern", routes[i].name);
	}
}

enum err
route_caller(const struct req *r)
{
	switch (r->route->caller) {
	case ROUTE_CITIZEN:
		return r->citizen != NULL ? ERR_OK : ERR_UNAUTHENTICATED;
	case ROUTE_OFFICIAL:
		return r->user != NULL ? ERR_OK : ERR_UNAUTHENTICATED;
	default:
		return ERR_OK;
	}
}

/*
 * The path as the request log shows it: every capture (a confirmation's
 * verification code, a receipt code, a procedure) replaced by "*", so that
 * no code a caller holds as a secret reaches a log line.
 */
static const char *
log_path(struct req *r, const PCRE2_SIZE *ov, int rc)
{
	struct buf b;
	const char *out;
	size_t at = 0;
	int k;

	buf_init(&b);
	for (k = 1; k < rc && k <= REQ_MAXARGS; k++) {
		if (ov[2 * k] == PCRE2_UNSET || ov[2 * k] < at)
			continue;
		buf_add(&b, r->path + at, ov[2 * k] - at);
		buf_putc(&b, '*');
		at = ov[2 * k + 1];
	}
	buf_puts(&b, r->path + at);
	out = arena_strdup(&r->arena, b.s != NULL ? b.s : "");
	buf_free(&b);
	return out;
}

enum err
route_find(struct req *r, const struct route *routes, size_t n)
{
	size_t i;
	int rc, path_seen = 0;
	struct buf allow;

	buf_init(&allow);
	for (i = 0; i < n; i++) {
		PCRE2_SIZE *ov;
		int k;

		rc = pcre2_match(route_re[i], (PCRE2_SPTR)r->path,
		    strlen(r->path), 0, 0, route_md, route_mctx);
		if (rc < 0)
			continue;
		if (strcmp(routes[i].method, r->method) != 0) {
			path_seen = 1;
			if (allow.len > 0)
				buf_puts(&allow, ", ");
			buf_puts(&allow, routes[i].method);
			continue;
		}
		ov = pcre2_get_ovector_pointer(route_md);
		for (k = 1; k < rc && k <= REQ_MAXARGS; k++)
			r->arg[k - 1] = arena_strndup(&r->arena,
			    r->path + ov[2 * k], ov[2 * k + 1] - ov[2 * k]);
		r->log_path = log_path(r, ov, rc);
		r->route = &routes[i];
		buf_free(&allow);
		return ERR_OK;
	}
	if (path_seen) {
		r->allow = arena_strdup(&r->arena, allow.s);
		buf_free(&allow);
		return ERR_METHOD;
	}
	buf_free(&allow);
	return ERR_NOT_FOUND;
}

enum err
route_fields(struct req *r, const struct form *f)
{
	const struct field *fl = r->route->fields;
	enum err e = ERR_OK;
	size_t i;

	r->nbad = 0;
	for (i = 0; fl != NULL && fl[i].name != NULL && i < REQ_MAXFIELDS;
	     i++) {
		const char *v = form_get(f, fl[i].name), *why;

		r->val[i] = NULL;
		if (v == NULL || *v == '\0') {
			if (fl[i].required) {
				r->bad[r->nbad].name = fl[i].name;
				r->bad[r->nbad++].reason = "required";
				if (e == ERR_OK)
					e = ERR_MISSING_FIELD;
			}
			continue;
		}
		if ((why = valid_field(fl[i].kind, &r->arena, &v)) != NULL) {
			r->bad[r->nbad].name = fl[i].name;
			r->bad[r->nbad++].reason = why;
			e = ERR_INVALID_FIELD;
			continue;
		}
		r->val[i] = v;
	}
	return e;
}

const char *
req_field(const struct req *r, const char *name)
{
	const struct field *fl = r->route->fields;
	size_t i;

	for (i = 0; fl != NULL && fl[i].name != NULL && i < REQ_MAXFIELDS; i++)
		if (strcmp(fl[i].name, name) == 0)
			return r->val[i];
	return NULL;
}
