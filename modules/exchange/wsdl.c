/*
 * The gateway's contract, served as static files: the WSDL, with the
 * public endpoint address written into it, and the schemas it imports.
 * All of them are read once at start-up (ex_wsdl_load), before the XML
 * library is locked down, and kept for the life of the process; a request
 * only copies one into its answer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "exchange.h"

/* process-lifetime: the WSDL as served, and the schema files */
static struct buf wsdl;
static struct {
	const char *name;
	struct buf text;
} xsd_files[] = {
	{ "common-v1.xsd", { NULL, 0, 0 } },
	{ "exchange-v1.xsd", { NULL, 0, 0 } },
	{ "qcvn109-dancu.xsd", { NULL, 0, 0 } },
};

#define NXSD (sizeof(xsd_files) / sizeof(xsd_files[0]))

static void
answer_file(struct req *r, const struct buf *b)
{
	buf_reset(&r->body);
	buf_add(&r->body, b->s, b->len);
	r->status = 200;
	r->ctype = "text/xml; charset=utf-8";
}

enum err
ex_get_wsdl(struct req *r)
{
	answer_file(r, &wsdl);
	return ERR_OK;
}

enum err
ex_get_xsd(struct req *r)
{
	size_t i;

	for (i = 0; i < NXSD; i++)
		if (strcmp(REQ_S(r, EK_XSD), xsd_files[i].name) == 0) {
			answer_file(r, &xsd_files[i].text);
			return ERR_OK;
		}
	return ERR_NOT_FOUND;
}

static int
slurp(const char *path, struct buf *b)
{
	char chunk[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL) {
		log_warnx("%s: cannot open", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
	return 0;
}

/* Copies src into dst with every @KEY@ replaced. */
static void
substitute(struct buf *dst, const char *src, const char *const *kv)
{
	while (*src != '\0') {
		size_t i;
		int hit = 0;

		for (i = 0; kv[i] != NULL; i += 2)
			if (strncmp(src, kv[i], strlen(kv[i])) == 0) {
				buf_puts(dst, kv[i + 1]);
				src += strlen(kv[i]);
				hit = 1;
				break;
			}
		if (!hit)
			buf_putc(dst, *src++);
	}
}

int
ex_wsdl_load(const char *dir, const char *url)
{
	struct arena a;
	struct buf raw;
	const char *kv[5];
	size_t i;
	int rc = -1;

	arena_init(&a);
	buf_init(&raw);
	for (i = 0; i < NXSD; i++) {
		buf_init(&xsd_files[i].text);
		if (slurp(arena_printf(&a, "%s/%s", dir, xsd_files[i].name),
		        &xsd_files[i].text) < 0)
			goto out;
	}
	if (slurp(arena_printf(&a, "%s/exchange-v1.wsdl", dir), &raw) < 0)
		goto out;
	kv[0] = "@ENDPOINT@";
	kv[1] = arena_printf(&a, "%s/exchange/v1/soap", url);
	kv[2] = "@XSDBASE@";
	kv[3] = arena_printf(&a, "%s/exchange/v1/xsd/", url);
	kv[4] = NULL;
	buf_init(&wsdl);
	substitute(&wsdl, raw.s, kv);
	rc = 0;
out:
	buf_free(&raw);
	arena_free(&a);
	return rc;
}
