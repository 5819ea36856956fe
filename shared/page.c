/*
 * The pages people see.  A module's templates and the shared ones are
 * loaded once, before the workers fork (tmpl.c checks every value's
 * context then); each HTML answer is a walk of one template over a scope
 * built from what the handler already gives the JSON and XML answers (a
 * struct doc), plus what every page has.  The stylesheet is inlined in
 * each page, and the Content-Security-Policy allows exactly that text by
 * its SHA-256: no request for it, no style from anywhere else.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "log.h"
#include "page.h"
#include "qr.h"
#include "resp.h"
#include "sha256.h"
#include "text.h"
#include "tmpl.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/share/motcua"
#endif

#define PAGE_MAXCSS (64 * 1024)

static struct tmpl_set *pages;
static char *style; /* <style>...</style>, as every page carries it */

/* base64 of the 32 bytes the 64 hex digits hold. */
static void
hex_to_b64(const char hex[65], char out[45])
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char bin[33];
	size_t i, o = 0;

	for (i = 0; i < 32; i++) {
		unsigned int v;

		sscanf(hex + 2 * i, "%2x", &v);
		bin[i] = (unsigned char)v;
	}
	bin[32] = 0;
	for (i = 0; i < 33; i += 3) {
		unsigned long w = ((unsigned long)bin[i] << 16) |
		    ((unsigned long)bin[i + 1] << 8) | bin[i + 2];

		out[o++] = b64[(w >> 18) & 63];
		out[o++] = b64[(w >> 12) & 63];
		out[o++] = i + 1 < 32 ? b64[(w >> 6) & 63] : '=';
		out[o++] = i + 2 < 32 ? b64[w & 63] : '=';
	}
	out[44] = '\0';
}

/* Reads the stylesheet into style and gives its hash to the CSP. */
static int
style_load(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b;
	char chunk[4096], hex[65], b64[45];
	size_t n, css;

	if (f == NULL) {
		log_warnx("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	buf_puts(&b, "<style>");
	css = b.len;
	while (
	    (n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len < PAGE_MAXCSS)
		buf_add(&b, chunk, n);
	fclose(f);
	if (b.len - css >= PAGE_MAXCSS || strstr(b.s + css, "</") != NULL ||
	    !text_utf8_valid(b.s + css, b.len - css)) {
		log_warnx("%s: larger than %d bytes, not UTF-8, or holding "
		          "\"</\"",
		    path, PAGE_MAXCSS);
		buf_free(&b);
		return -1;
	}
	sha256_hex_of(b.s + css, b.len - css, hex);
	hex_to_b64(hex, b64);
	resp_set_style_hash(b64);
	buf_puts(&b, "</style>");
	free(style);
	style = b.s; /* kept for the process's life */
	return 0;
}

int
page_load(const struct conf *c, const char *module)
{
	const char *base =
	    conf_get(c, "templates_dir", PKGDATADIR "/templates");
	char common[PATH_MAX], own[PATH_MAX], css[PATH_MAX], err[1024];
	const char *dirs[2] = { common, own };

	snprintf(common, sizeof(common), "%s/common", base);
	snprintf(own, sizeof(own), "%s/%s", base, module);
	snprintf(css, sizeof(css), "%s/common/style.css", base);
	tmpl_free(pages);
	if ((pages = tmpl_load_dirs(dirs, 2, err, sizeof(err))) == NULL) {
		log_warnx("templates: %s", err);
		return -1;
	}
	return style_load(css);
}

int
page_has(const char *name)
{
	return pages != NULL && tmpl_has(pages, name);
}

struct tv *
page_values(struct req *r, const char *name, const char *fallback)
{
	const char *lang = r->lang != NULL ? r->lang : "vi";
	const char *other = strcmp(lang, "en") == 0 ? "vi" : "en";
	const char *title;
	struct tv *v = tv_new(&r->arena);

	title =
	    tmpl_string(pages, lang, arena_printf(&r->arena, "title.%s", name));
	tv_set(v, "title", title != NULL ? title : fallback);
	tv_set(v, arena_printf(&r->arena, "lang.is.%s", lang), "1");
	tv_set(v, "lang_other", other);
	tv_set(v, "lang_other_name",
	    tmpl_string(
	        pages, other, arena_printf(&r->arena, "lang.%s", other)));
	/* a GET shows again in the other language; a POST's answer is not
	 * a place to come back to */
	if (r->path != NULL && r->method != NULL &&
	    strcmp(r->method, "GET") == 0)
		tv_set(v, "lang_url",
		    arena_printf(&r->arena, "%s?lang=%s", r->path, other));
	tv_set(v, "request_id", r->id);
	tv_set_html(v, "style", style);
	return v;
}

int
page_render(struct req *r, int status, const char *name, struct tv *v)
{
	if (!page_has(name))
		return -1;
	buf_reset(&r->body);
	if (tmpl_render(pages, name, r->lang != NULL ? r->lang : "vi", v,
	        &r->body) == -1)
		return -1;
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	return 0;
}

/* The QR code of a verification address: scheme and host in upper case
 * (they are case-blind) so that they, like the code, take the QR's
 * alphanumeric mode. */
static const char *
verify_qr(struct req *r, const char *url)
{
	char *u = arena_strdup(&r->arena, url), *host = strstr(u, "://"), *q;
	const char *svg;
	struct buf b;

	if (host != NULL)
		for (q = u; q < host + 3 + strcspn(host + 3, "/?#"); q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
	buf_init(&b);
	if (qr_svg(&b, u, "34mm",
	        tmpl_string(pages, r->lang != NULL ? r->lang : "vi",
	            "qr.label")) == -1) {
		buf_free(&b);
		return NULL;
	}
	svg = arena_strdup(&r->arena, b.s);
	buf_free(&b);
	return svg;
}

/* A short lower-case word: a state worth a flag. */
static int
is_word(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_') || n > 24)
			return 0;
	return n > 0;
}

/* The facts a template may branch on by their value (KEY.is.VALUE). */
static int
is_choice(const char *key)
{
	static const char *const keys[] = { "status", "state", "family",
		"action", "channel" };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

int
page_doc(struct req *r, int status, const struct doc *d,
    const struct doc_list *lists, size_t nlists)
{
	struct tv *v;
	size_t i, row, c;

	if (!page_has(d->root))
		return -1;
	v = page_values(r, d->root, d->title);
	for (i = 0; i < d->n; i++) {
		const struct doc_item *it = &d->item[i];
		const char *name = it->sect != NULL
		    ? arena_printf(&r->arena, "%s.%s", it->sect, it->key)
		    : it->key;

		tv_set(v, name, it->val);
		if (is_choice(it->key) && is_word(it->val))
			tv_set(v,
			    arena_printf(&r->arena, "%s.is.%s", name, it->val),
			    "1");
		if (strcmp(it->key, "verify_url") == 0)
			tv_set_html(v, "verify_qr", verify_qr(r, it->val));
	}
	for (i = 0; i < nlists; i++)
		for (row = 0; row < lists[i].nrow; row++) {
			struct tv *rv = tv_add_row(v, lists[i].key);

			for (c = 0; c < lists[i].ncol; c++) {
				const char *key = lists[i].col[c].key;
				const char *val =
				    lists[i].cell[row * lists[i].ncol + c];

				tv_set(rv, key, val);
				/* a row's state too, for what it allows */
				if (is_choice(key) && val != NULL &&
				    is_word(val))
					tv_set(rv,
					    arena_printf(&r->arena, "%s.is.%s",
					        key, val),
					    "1");
			}
		}
	return page_render(r, status, d->root, v);
}

int
page_error(
    struct req *r, int status, const char *code, const char *vi, const char *en)
{
	const char *lang = r->lang != NULL ? r->lang : "vi", *advice;
	struct tv *v;
	size_t i;

	if (!page_has("error"))
		return -1;
	v = page_values(r, "error", vi);
	tv_set(v, "message", strcmp(lang, "en") == 0 ? en : vi);
	tv_set(v, "message_other", strcmp(lang, "en") == 0 ? vi : en);
	tv_set(v, "code", code);
	tv_set(v, "status", arena_printf(&r->arena, "%d", status));
	advice = tmpl_string(
	    pages, lang, arena_printf(&r->arena, "advice.%s", code));
	tv_set(v, "advice",
	    advice != NULL ? advice
	                   : tmpl_string(pages, lang, "advice.default"));
	if (r->nbad > 0)
		tv_set(v, "has_fields", "1");
	for (i = 0; i < r->nbad; i++) {
		struct tv *f = tv_add_row(v, "fields");

		tv_set(f, "name", r->bad[i].name);
		tv_set(f, "reason", r->bad[i].reason);
	}
	return page_render(r, status, "error", v);
}
