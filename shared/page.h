/*
 * The pages people see (page.c): a module's HTML answers rendered from
 * its templates, in Vietnamese or English.
 */
#ifndef MOTCUA_PAGE_H
#define MOTCUA_PAGE_H

#include <stddef.h>

#include "req.h"

struct conf;
struct doc;
struct doc_list;
struct tv;

/*
 * Loads the templates every module shares (templates_dir/common) and the
 * module's own (templates_dir/MODULE), templates_dir defaulting to the
 * installed ones, and the one stylesheet (common/style.css), whose hash
 * the Content-Security-Policy then allows.  Once, before the workers
 * fork.  Returns 0, or -1 (logged) when a template or catalogue is not
 * valid: the module does not start.
 */
int page_load(const struct conf *, const char *module);

/* 1 when the module's pages include a template of this name. */
int page_has(const char *name);

/*
 * A scope for template name, in the request's arena, holding what every
 * page shows: the language and the link to the other one (GET only), the
 * page's title (the catalogue's title.NAME, else fallback), the request
 * id and the stylesheet.  The caller adds its own values.
 */
struct tv *page_values(struct req *, const char *name, const char *fallback);

/*
 * Renders template name with v as the answer (r->status, r->ctype,
 * r->body).  Returns 0, or -1 (nothing changed) without such a template.
 */
int page_render(struct req *, int status, const char *name, struct tv *v);

/*
 * The doc as a page, when the module has a template named by the doc's
 * root: each fact is a value named KEY or SECTION.KEY, each list a list
 * of rows by its key, a fact named status or state also sets
 * KEY.is.VALUE, and a fact named verify_url sets verify_qr, the QR code
 * of that address.  Returns 0, or -1 without such a template.
 */
int page_doc(struct req *, int status, const struct doc *,
    const struct doc_list *lists, size_t nlists);

/*
 * An error as a page (the template "error"): the message in the page's
 * language and in the other, the fields at fault in words, what to do
 * next (the catalogue's advice.CODE, else advice.default) and the codes.
 * Returns 0, or -1 without the template.
 */
int page_error(
    struct req *, int status, const char *code, const char *vi, const char *en);

#endif
