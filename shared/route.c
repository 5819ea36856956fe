/*
 * Route table checks, route matching, the declared caller and
 * declared-field validation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "conf.h"
#include "form.h"
#include "log.h"
#include "metrics.h"
#include "route.h"

#define ROUTE_MAX 32

static pcre2_code *route_re[ROUTE_MAX];
static pcre2_match_data *route_md;
static pcre2_match_context *route_mctx;
static const struct field *route_keys; /* the module's field table */
static size_t route_nkeys;

static int
key_ok(int k, size_t nkeys, const struct field *keys)
{
	return k > 0 && (size_t)k < nkeys && keys[k].name != NULL;
}

/* Why a field of the table is not usable, or NULL. */
static const char *
field_check(const struct field *f)
{
	size_t i;

	if (f->kind < 0 || f->kind >= VALID__MAX)
		return "a field of no known kind";
	if ((f->kind == VALID_CHOICE) != (f->choices != NULL))
		return "a choice without its values, or values on no choice";
	for (i = 0; f->choices != NULL && f->choices[i] != NULL; i++) {
		const char *v = f->choices[i];

		if (valid_field(VALID_CHOICE, NULL, &v) != NULL)
			return "a choice value that VALID_CHOICE refuses";
	}
	return NULL;
}

const char *
route_check(const struct route *routes, size_t n, const struct field *keys,
    size_t nkeys, size_t *bad)
{
	const char *why;
	size_t i, k;

	if (n > ROUTE_MAX)
		return "too many routes";
	if (nkeys > REQ_MAXKEYS)
		return "more fields than a request holds (REQ_MAXKEYS)";
	for (k = 1; k < nkeys; k++)
		if (keys[k].name != NULL &&
		    (why = field_check(&keys[k])) != NULL)
			return why;
	for (i = 0; i < n; i++) {
		const struct take *t;

		if (bad != NULL)
			*bad = i;
		if (routes[i].caller <= ROUTE_UNDECLARED ||
		    routes[i].caller >= ROUTE__MAX)
			return "no declared caller";
		if (routes[i].caller != ROUTE_OFFICIAL &&
		    (routes[i].right != 0 || routes[i].act != NULL))
			return "a right on a route for no official";
		/* a replica takes no writes: only what reads may lag */
		if (routes[i].lag_ok && strcmp(routes[i].method, "GET") != 0)
			return "a route that may read from a replica is a GET";
		for (t = routes[i].takes; t != NULL && t->need != TAKE_END; t++)
			if (!key_ok(t->key, nkeys, keys))
				return "a field that is not in the table";
		for (k = 0; k < REQ_MAXARGS && routes[i].args[k] != 0; k++)
			if (!key_ok(routes[i].args[k], nkeys, keys))
				return "a capture that is not in the table";
	}
	return NULL;
}

void
route_init(const struct route *routes, size_t n, const struct field *keys,
    size_t nkeys)
{
	const char *why;
	size_t i = 0;

	if ((why = route_check(routes, n, keys, nkeys, &i)) != NULL)
		fatal("route table: %s (route %zu, %s)", why, i,
		    i < n && routes[i].name != NULL ? routes[i].name : "-");
	route_keys = keys;
	route_nkeys = nkeys;
	if (route_md == NULL)
		route_md = pcre2_match_data_create(REQ_MAXARGS + 1, NULL);
	if (route_mctx == NULL)
		route_mctx = pcre2_match_context_create(NULL);
	if (route_md == NULL || route_mctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(route_mctx, 100000);
	for (i = 0; i < n; i++) {
		uint32_t ncap;
		size_t k;
		int err;
		PCRE2_SIZE off;

		if (route_re[i] != NULL)
			pcre2_code_free(route_re[i]);
		route_re[i] = pcre2_compile((PCRE2_SPTR)routes[i].pattern,
		    PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err, &off,
		    NULL);
		if (route_re[i] == NULL)
			fatal("route %s: bad pattern", routes[i].name);
		/* every capture is declared, and only those */
		for (k = 0; k < REQ_MAXARGS && routes[i].args[k] != 0; k++)
			continue;
		if (pcre2_pattern_info(
		        route_re[i], PCRE2_INFO_CAPTURECOUNT, &ncap) != 0 ||
		    ncap != k)
			fatal("route %s: %u captures, %zu declared",
			    routes[i].name, ncap, k);
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
	case ROUTE_ANYONE:
	case ROUTE_CLIENT: /* client_admit() has taken the verdict */
		return ERR_OK;
	case ROUTE_MONITOR:
		return metrics_allowed(r->remote_addr,
		           r->conf != NULL ? conf_get(r->conf, "metrics_allow",
		                                 METRICS_ALLOW_DEFAULT)
		                           : METRICS_ALLOW_DEFAULT)
		    ? ERR_OK
		    : ERR_FORBIDDEN;
	default:
		return ERR_INTERNAL; /* route_init refuses such a table */
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

/*
 * Checks value v as field k into r->val[k].  Returns NULL or the reason
 * it is refused.
 */
static const char *
check_value(struct req *r, int k, const char *v)
{
	const struct field *f = &route_keys[k];
	const char *why;
	size_t i;

	if ((why = valid_field(f->kind, &r->arena, &v)) != NULL)
		return why;
	r->val[k].s = v;
	r->val[k].i = 0;
	switch (f->kind) {
	case VALID_YEAR:
	case VALID_PAGE:
		r->val[k].i = strtoll(v, NULL, 10);
		break;
	case VALID_DATE:
		r->val[k].i = valid_days(v);
		break;
	case VALID_CHOICE:
		for (i = 0; f->choices[i] != NULL; i++)
			if (strcmp(f->choices[i], v) == 0)
				break;
		if (f->choices[i] == NULL) {
			r->val[k].s = NULL;
			return "unknown_choice";
		}
		r->val[k].i = (long long)i;
		break;
	default:
		break;
	}
	return NULL;
}

enum err
route_args(struct req *r)
{
	const int *args = r->route->args;
	size_t k;

	for (k = 0; k < REQ_MAXARGS && args[k] != 0; k++)
		if (r->arg[k] == NULL ||
		    check_value(r, args[k], r->arg[k]) != NULL)
			return ERR_NOT_FOUND;
	return ERR_OK;
}

void
req_bad(struct req *r, const char *name, const char *reason)
{
	if (r->nbad < REQ_MAXBAD) {
		r->bad[r->nbad].name = name;
		r->bad[r->nbad].reason = reason;
		r->nbad++;
	}
}

enum err
route_fields(struct req *r, const struct form *f)
{
	const struct take *t;
	enum err e = ERR_OK;

	r->nbad = 0;
	for (t = r->route->takes; t != NULL && t->need != TAKE_END; t++) {
		const char *name = route_keys[t->key].name;
		const char *v = form_get(f, name), *why;

		if (v == NULL || *v == '\0') {
			if (t->need == TAKE_REQUIRED) {
				req_bad(r, name, "required");
				if (e == ERR_OK)
					e = ERR_MISSING_FIELD;
			}
			continue;
		}
		if (t->need == TAKE_REFUSED)
			why = "not_allowed";
		else
			why = check_value(r, t->key, v);
		if (why != NULL) {
			req_bad(r, name, why);
			e = ERR_INVALID_FIELD;
		}
	}
	return e;
}

const char *
route_taken_in(const struct route *rt, const struct form *f)
{
	const struct take *t;

	for (t = rt->takes; t != NULL && t->need != TAKE_END; t++)
		if (form_get(f, route_keys[t->key].name) != NULL)
			return route_keys[t->key].name;
	return NULL;
}

int
route_field_kind(int key)
{
	return key > 0 && (size_t)key < route_nkeys ? (int)route_keys[key].kind
	                                            : -1;
}

const char *
route_field_name(int key)
{
	return key > 0 && (size_t)key < route_nkeys ? route_keys[key].name
	                                            : NULL;
}

const char *const *
route_field_choices(int key)
{
	return key > 0 && (size_t)key < route_nkeys ? route_keys[key].choices
	                                            : NULL;
}
