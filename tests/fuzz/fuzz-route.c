/*
 * libFuzzer target for routing: route_find() over a route table shaped
 * like the residence module's (literal paths, a code capture, a receipt
 * capture, a choice capture, the same path under two methods), then
 * route_args() and route_fields() with a form parsed from the rest of the
 * input.  Input:
 * the first byte chooses the method, the bytes up to the first newline
 * are the path, the rest is the form.  Beyond the sanitizers, it aborts
 * when a match breaks what route.h promises: the route's method, its
 * captures taken from the path, the logged path without them, the Allow
 * list for a 405; and when validation accepts a request without one of
 * its required fields.
 *
 * The table is the module's in shape only (handlers are stubs): when the
 * route or field types change, only the table and check_fields() follow.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "route.h"
#include "valid.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static enum err
stub(struct req *r)
{
	(void)r;
	return ERR_OK;
}

enum {
	K_NONE,
	K_IDEM,
	K_PID,
	K_PURPOSE,
	K_APPLICANT,
	K_COMMUNE,
	K_ADDRESS,
	K_UNTIL,
	K_NAME,
	K_BIRTH,
	K_SEX,
	K_REASON,
	K_BASIS,
	K_VCODE,
	K_RECEIPT,
	K_PROCEDURE,
	K_XSD,
	K__MAX
};

static const char *const bases[] = { "own_home", "family", "rented", "other",
	NULL };
static const char *const procs[] = { "permanent", "temporary", "extension",
	"absence", NULL };

/* clang-format off */
static const struct field keys[K__MAX] = {
	[K_IDEM] = { "idempotency_key", VALID_IDEMKEY, NULL },
	[K_PID] = { "pid", VALID_PID, NULL },
	[K_PURPOSE] = { "purpose", VALID_PURPOSE, NULL },
	[K_APPLICANT] = { "applicant_pid", VALID_PID, NULL },
	[K_COMMUNE] = { "commune_code", VALID_COMMUNE, NULL },
	[K_ADDRESS] = { "address", VALID_ADDRESS, NULL },
	[K_UNTIL] = { "until", VALID_DATE, NULL },
	[K_NAME] = { "full_name", VALID_NAME, NULL },
	[K_BIRTH] = { "birth_date", VALID_DATE, NULL },
	[K_SEX] = { "sex", VALID_SEX, NULL },
	[K_REASON] = { "reason", VALID_REASON, NULL },
	[K_BASIS] = { "basis", VALID_CHOICE, bases },
	[K_VCODE] = { "code", VALID_VCODE, NULL },
	[K_RECEIPT] = { "receipt", VALID_RECEIPT, NULL },
	[K_PROCEDURE] = { "procedure", VALID_CHOICE, procs },
	[K_XSD] = { "xsd", VALID_FILE, NULL },
};

static const struct take t_confirm[] = { { K_IDEM, TAKE_REQUIRED },
	{ 0, TAKE_END } };
static const struct take t_lookup[] = { { K_PID, TAKE_REQUIRED },
	{ K_PURPOSE, TAKE_REQUIRED }, { 0, TAKE_END } };
static const struct take t_permanent[] = { { K_APPLICANT, TAKE_REFUSED },
	{ K_IDEM, TAKE_REQUIRED }, { K_COMMUNE, TAKE_REQUIRED },
	{ K_ADDRESS, TAKE_REQUIRED }, { K_BASIS, TAKE_REQUIRED },
	{ K_NAME, TAKE_OPTIONAL }, { K_BIRTH, TAKE_OPTIONAL },
	{ K_SEX, TAKE_OPTIONAL }, { 0, TAKE_END } };
static const struct take t_temporary[] = { { K_APPLICANT, TAKE_OPTIONAL },
	{ K_IDEM, TAKE_REQUIRED }, { K_COMMUNE, TAKE_REQUIRED },
	{ K_ADDRESS, TAKE_REQUIRED }, { K_UNTIL, TAKE_REQUIRED },
	{ K_NAME, TAKE_OPTIONAL }, { K_BIRTH, TAKE_OPTIONAL },
	{ K_SEX, TAKE_OPTIONAL }, { 0, TAKE_END } };
static const struct take t_decide[] = { { K_REASON, TAKE_OPTIONAL },
	{ 0, TAKE_END } };

#define R(n, m, p) .name = (n), .method = (m), .pattern = (p), .handler = stub
static const struct route routes[] = {
	{ R("health", "GET", "/residence/health"), .caller = ROUTE_ANYONE },
	{ R("confirm.issue", "POST", "/residence/citizen/confirmations"),
	  .takes = t_confirm, .caller = ROUTE_CITIZEN },
	{ R("confirm.verify", "GET", "/residence/confirmations/([^/]{1,64})"),
	  .args = { K_VCODE }, .caller = ROUTE_ANYONE },
	{ R("official.lookup", "POST", "/residence/official/lookup"),
	  .takes = t_lookup, .caller = ROUTE_OFFICIAL },
	{ R("form", "GET", "/residence/citizen/forms/([a-z]{1,16})"),
	  .args = { K_PROCEDURE }, .caller = ROUTE_CITIZEN },
	{ R("submit.permanent", "POST",
	    "/residence/citizen/dossiers/permanent"),
	  .takes = t_permanent, .caller = ROUTE_CITIZEN },
	{ R("counter.temporary", "POST",
	    "/residence/official/dossiers/temporary"),
	  .takes = t_temporary, .caller = ROUTE_OFFICIAL, .right = 1,
	  .act = "file_at_counter", .object = "1.004194" },
	{ R("dossier.view", "GET", "/residence/citizen/dossiers/" ROUTE_RECEIPT),
	  .args = { K_RECEIPT }, .caller = ROUTE_CITIZEN },
	{ R("dossier.supplement", "POST",
	    "/residence/citizen/dossiers/" ROUTE_RECEIPT "/supplement"),
	  .takes = t_decide, .args = { K_RECEIPT }, .caller = ROUTE_CITIZEN },
	{ R("decide.approve", "POST",
	    "/residence/official/dossiers/" ROUTE_RECEIPT "/approve"),
	  .takes = t_decide, .args = { K_RECEIPT }, .caller = ROUTE_OFFICIAL,
	  .right = 2, .act = "approve" },
	{ R("xsd", "GET", "/exchange/v1/xsd/([a-z0-9-]{1,40}\\.xsd)"),
	  .args = { K_XSD }, .caller = ROUTE_ANYONE },
	{ R("soap", "POST", "/exchange/v1/soap"), .raw = 1,
	  .caller = ROUTE_CLIENT },
	{ R("wsdl", "GET", "/exchange/v1/soap"), .caller = ROUTE_ANYONE },
};
/* clang-format on */
#define NROUTES (sizeof(routes) / sizeof(*routes))

static const struct form_limits lim = { 32, 2048 };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	valid_init();
	route_init(routes, NROUTES, keys, K__MAX);
	return 0;
}

/* A 405's Allow is a list of other methods than the request's. */
static void
check_allow(const char *allow, const char *method)
{
	const char *p = allow;
	size_t k, m = strlen(method);

	if (allow == NULL || *allow == '\0')
		abort();
	for (;;) {
		k = strcspn(p, ",");
		if (k == m && strncmp(p, method, m) == 0)
			abort();
		if (p[k] == '\0')
			break;
		if (p[k + 1] != ' ')
			abort();
		p += k + 2;
	}
}

static void
check_match(const struct req *r)
{
	const struct route *rt = r->route;
	size_t i, masked = 0;

	if (rt < routes || rt >= routes + NROUTES ||
	    strcmp(rt->method, r->method) != 0 || r->log_path == NULL)
		abort();
	for (i = 0; i < REQ_MAXARGS && r->arg[i] != NULL; i++) {
		if (strstr(r->path, r->arg[i]) == NULL)
			abort();
		masked += strlen(r->arg[i]);
	}
	/* each capture became one '*' */
	if (strlen(r->log_path) + masked != strlen(r->path) + i)
		abort();
	if (i == 0 && strcmp(r->log_path, r->path) != 0)
		abort();
}

/* Validated fields: every required one is there, typed as its kind
 * says; a choice's index names its value. */
static void
check_fields(const struct req *r, enum err e)
{
	const struct take *t;

	if (r->nbad > REQ_MAXBAD)
		abort();
	if (e != ERR_OK)
		return;
	if (r->nbad != 0)
		abort();
	for (t = r->route->takes; t != NULL && t->need != TAKE_END; t++) {
		const struct val *v = &r->val[t->key];
		const struct field *f = &keys[t->key];

		if (t->need == TAKE_REQUIRED && v->s == NULL)
			abort();
		if (v->s != NULL && t->need == TAKE_REFUSED)
			abort();
		if (v->s != NULL && f->kind == VALID_CHOICE &&
		    strcmp(f->choices[v->i], v->s) != 0)
			abort();
	}
}

/* Captures: valid ones land in their keys, a choice by its index. */
static void
check_args(const struct req *r, enum err e)
{
	size_t k;

	if (e != ERR_OK)
		return;
	for (k = 0; k < REQ_MAXARGS && r->route->args[k] != 0; k++) {
		const struct val *v = &r->val[r->route->args[k]];
		const struct field *f = &keys[r->route->args[k]];

		if (v->s == NULL)
			abort();
		if (f->kind == VALID_CHOICE &&
		    strcmp(f->choices[v->i], v->s) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const methods[] = { "GET", "POST", "HEAD", "PUT" };
	const char *nl;
	struct req r;
	struct form f;
	enum err e;
	char *path;

	if (n < 1)
		return 0;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	r.method = methods[data[0] & 3];
	data++, n--;
	nl = memchr(data, '\n', n);
	path = arena_strndup(&r.arena, (const char *)data,
	    nl != NULL ? (size_t)(nl - (const char *)data) : n);
	r.path = path;
	e = route_find(&r, routes, NROUTES);
	if (e == ERR_METHOD)
		check_allow(r.allow, r.method);
	if (e == ERR_OK) {
		check_match(&r);
		e = route_args(&r);
		check_args(&r, e);
	}
	if (e == ERR_OK) {
		memset(&f, 0, sizeof(f));
		if (nl != NULL &&
		    form_parse(&r.arena, nl + 1,
		        n - (size_t)(nl + 1 - (const char *)data), &lim,
		        &f) != ERR_OK)
			memset(&f, 0, sizeof(f));
		check_fields(&r, route_fields(&r, &f));
	}
	arena_free(&r.arena);
	return 0;
}
