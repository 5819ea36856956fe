/*
 * libFuzzer target for routing: route_find() over a route table shaped
 * like the residence module's (literal paths, a code capture, a receipt
 * capture, two captures, the same path under two methods), then
 * route_fields() with a form parsed from the rest of the input.  Input:
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

/* clang-format off */
static const struct field f_confirm[] = {
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ NULL, 0, 0 },
};
static const struct field f_lookup[] = {
	{ "pid", VALID_PID, 1 },
	{ "purpose", VALID_PURPOSE, 1 },
	{ NULL, 0, 0 },
};
static const struct field f_temporary[] = {
	{ "applicant_pid", VALID_PID, 0 },
	{ "idempotency_key", VALID_IDEMKEY, 1 },
	{ "commune_code", VALID_COMMUNE, 1 },
	{ "address", VALID_ADDRESS, 1 },
	{ "until", VALID_DATE, 1 },
	{ "full_name", VALID_NAME, 0 },
	{ "birth_date", VALID_DATE, 0 },
	{ "sex", VALID_SEX, 0 },
	{ NULL, 0, 0 },
};
static const struct field f_decide[] = {
	{ "reason", VALID_REASON, 0 },
	{ NULL, 0, 0 },
};

static const struct route routes[] = {
	{ "health", "GET", "/residence/health", NULL, stub, 0, ROUTE_ANYONE },
	{ "confirm.issue", "POST", "/residence/citizen/confirmations",
	    f_confirm, stub, 0, ROUTE_CITIZEN },
	{ "confirm.verify", "GET", "/residence/confirmations/([^/]{1,64})",
	    NULL, stub, 0, ROUTE_ANYONE },
	{ "official.lookup", "POST", "/residence/official/lookup", f_lookup,
	    stub, 0, ROUTE_OFFICIAL },
	{ "form", "GET", "/residence/citizen/forms/([a-z]{1,16})", NULL,
	    stub, 0, ROUTE_CITIZEN_LATE },
	{ "submit.temporary", "POST", "/residence/citizen/dossiers/temporary",
	    f_temporary, stub, 0, ROUTE_CITIZEN_LATE },
	{ "dossier.view", "GET", "/residence/citizen/dossiers/" ROUTE_RECEIPT,
	    NULL, stub, 0, ROUTE_CITIZEN },
	{ "dossier.supplement", "POST",
	    "/residence/citizen/dossiers/" ROUTE_RECEIPT "/supplement",
	    f_decide, stub, 0, ROUTE_CITIZEN },
	{ "decide", "POST",
	    "/residence/official/dossiers/" ROUTE_RECEIPT
	    "/(accept|supplement|approve|reject)",
	    f_decide, stub, 0, ROUTE_OFFICIAL },
	{ "xsd", "GET", "/exchange/v1/xsd/([a-z0-9-]{1,40}\\.xsd)", NULL,
	    stub, 0, ROUTE_ANYONE },
	{ "soap", "POST", "/exchange/v1/soap", NULL, stub, 1, ROUTE_ANYONE },
	{ "wsdl", "GET", "/exchange/v1/soap", NULL, stub, 0, ROUTE_ANYONE },
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
	route_init(routes, NROUTES);
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

/* Validated fields: every required one is there.  (Reads req->val.) */
static void
check_fields(const struct req *r, enum err e)
{
	const struct field *fl = r->route->fields;
	size_t i;

	if (r->nbad > REQ_MAXFIELDS)
		abort();
	if (e != ERR_OK)
		return;
	if (r->nbad != 0)
		abort();
	for (i = 0; fl != NULL && fl[i].name != NULL; i++)
		if (fl[i].required && r->val[i] == NULL)
			abort();
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
