/*
 * A document's facts and lists, rendered as JSON, XML or HTML (resp.h);
 * every value escaped for where it lands.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "log.h"
#include "render.h"
#include "resp.h"
#include "text.h"

void
doc_init(struct doc *d, const char *root, const char *title)
{
	d->root = root;
	d->title = title;
	d->n = 0;
}

static void
doc_put(struct doc *d, const char *sect, const char *key, const char *label,
    const char *val, int raw)
{
	if (d->n == DOC_MAXITEMS || val == NULL)
		return;
	d->item[d->n].sect = sect;
	d->item[d->n].key = key;
	d->item[d->n].label = label;
	d->item[d->n].val = val;
	d->item[d->n].raw = raw;
	d->n++;
}

void
doc_add(struct doc *d, const char *sect, const char *key, const char *label,
    const char *val)
{
	doc_put(d, sect, key, label, val, 0);
}

void
doc_add_raw(struct doc *d, const char *sect, const char *key, const char *label,
    const char *val)
{
	doc_put(d, sect, key, label, val, 1);
}

void
doc_list_init(struct arena *a, struct doc_list *l, const char *key,
    const char *item, const char *label, const struct doc_col *col, size_t ncol,
    size_t nrow)
{
	size_t i;

	l->key = key;
	l->item = item;
	l->label = label;
	l->col = col;
	l->ncol = ncol;
	l->nrow = nrow;
	l->cell = arena_alloc(a, (nrow * ncol + 1) * sizeof(*l->cell));
	for (i = 0; i < nrow * ncol; i++)
		l->cell[i] = NULL;
}

void
doc_list_set(struct doc_list *l, size_t row, const char *key, const char *val)
{
	size_t c;

	for (c = 0; c < l->ncol; c++)
		if (strcmp(l->col[c].key, key) == 0) {
			l->cell[row * l->ncol + c] = val;
			return;
		}
	fatal("list %s has no column %s", l->key, key);
}

static void
list_json(struct buf *b, const struct doc_list *l)
{
	size_t i, c;
	int first;

	text_json(b, l->key);
	buf_puts(b, ":[");
	for (i = 0; i < l->nrow; i++) {
		buf_puts(b, i > 0 ? ",{" : "{");
		first = 1;
		for (c = 0; c < l->ncol; c++) {
			const char *v = l->cell[i * l->ncol + c];

			if (v == NULL)
				continue;
			if (!first)
				buf_putc(b, ',');
			first = 0;
			text_json(b, l->col[c].key);
			buf_putc(b, ':');
			if (l->col[c].raw)
				buf_puts(b, v);
			else
				text_json(b, v);
		}
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
list_xml(struct buf *b, const struct doc_list *l)
{
	size_t i, c;

	buf_printf(b, "<%s>", l->key);
	for (i = 0; i < l->nrow; i++) {
		buf_printf(b, "<%s>", l->item);
		for (c = 0; c < l->ncol; c++) {
			const char *v = l->cell[i * l->ncol + c];

			if (v == NULL)
				continue;
			buf_printf(b, "<%s>", l->col[c].key);
			text_xml(b, v);
			buf_printf(b, "</%s>", l->col[c].key);
		}
		buf_printf(b, "</%s>", l->item);
	}
	buf_printf(b, "</%s>", l->key);
}

/* A cell for a person to read: booleans in words. */
static const char *
html_cell(const struct doc_col *col, const char *v)
{
	if (v == NULL)
		return "";
	if (col->raw && strcmp(v, "true") == 0)
		return "có";
	if (col->raw && strcmp(v, "false") == 0)
		return "không";
	return v;
}

static void
list_html(struct buf *b, const struct doc_list *l)
{
	size_t i, c;

	buf_puts(b, "<h2>");
	text_html(b, l->label);
	buf_puts(b, "</h2>\n");
	if (l->nrow == 0) {
		buf_puts(b, "<p>Không có.</p>\n");
		return;
	}
	buf_puts(b, "<table>\n<thead><tr>");
	for (c = 0; c < l->ncol; c++) {
		if (l->col[c].label == NULL)
			continue;
		buf_puts(b, "<th>");
		text_html(b, l->col[c].label);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < l->nrow; i++) {
		buf_puts(b, "<tr>");
		for (c = 0; c < l->ncol; c++) {
			if (l->col[c].label == NULL)
				continue;
			buf_puts(b, "<td>");
			text_html(
			    b, html_cell(&l->col[c], l->cell[i * l->ncol + c]));
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
render_json(struct buf *b, const struct doc *d, const struct doc_list *lists,
    size_t nlists)
{
	const char *cur = NULL;
	size_t i;
	int first = 1, sfirst = 1;

	buf_putc(b, '{');
	for (i = 0; i < d->n; i++) {
		const struct doc_item *it = &d->item[i];

		if (!same(cur, it->sect)) {
			if (cur != NULL)
				buf_putc(b, '}');
			cur = it->sect;
			if (cur != NULL) {
				if (!first)
					buf_putc(b, ',');
				first = 0;
				text_json(b, cur);
				buf_puts(b, ":{");
				sfirst = 1;
			}
		}
		if (cur != NULL) {
			if (!sfirst)
				buf_putc(b, ',');
			sfirst = 0;
		} else {
			if (!first)
				buf_putc(b, ',');
			first = 0;
		}
		text_json(b, it->key);
		buf_putc(b, ':');
		if (it->raw)
			buf_puts(b, it->val);
		else
			text_json(b, it->val);
	}
	if (cur != NULL)
		buf_putc(b, '}');
	for (i = 0; i < nlists; i++) {
		if (!first || i > 0)
			buf_putc(b, ',');
		list_json(b, &lists[i]);
	}
	buf_puts(b, "}\n");
}

static void
render_xml(struct buf *b, const struct doc *d, const struct doc_list *lists,
    size_t nlists)
{
	const char *cur = NULL;
	size_t i;

	buf_printf(b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<%s xmlns=\"" RENDER_XMLNS "\">",
	    d->root);
	for (i = 0; i < d->n; i++) {
		const struct doc_item *it = &d->item[i];

		if (!same(cur, it->sect)) {
			if (cur != NULL)
				buf_printf(b, "</%s>", cur);
			cur = it->sect;
			if (cur != NULL)
				buf_printf(b, "<%s>", cur);
		}
		buf_printf(b, "<%s>", it->key);
		text_xml(b, it->val);
		buf_printf(b, "</%s>", it->key);
	}
	if (cur != NULL)
		buf_printf(b, "</%s>", cur);
	for (i = 0; i < nlists; i++)
		list_xml(b, &lists[i]);
	buf_printf(b, "</%s>\n", d->root);
}

void
render_html_head(struct buf *b, const char *title)
{
	buf_puts(b,
	    "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width\">"
	    "<title>");
	text_html(b, title);
	buf_puts(b,
	    "</title><style>body{font:1.1rem/1.5 sans-serif;"
	    "max-width:40rem;margin:1rem auto;padding:0 1rem}"
	    "dt{font-weight:bold}dd{margin:0 0 .6rem 0}</style>"
	    "</head><body><main><h1>");
	text_html(b, title);
	buf_puts(b, "</h1>\n");
}

static void
render_html(struct buf *b, const struct doc *d, const struct doc_list *lists,
    size_t nlists)
{
	const char *cur = NULL;
	size_t i;

	render_html_head(b, d->title);
	buf_puts(b, "<dl>\n");
	for (i = 0; i < d->n; i++) {
		const struct doc_item *it = &d->item[i];

		if (it->label == NULL)
			continue;
		if (!same(cur, it->sect)) {
			cur = it->sect;
			buf_puts(b, "</dl>\n<h2>");
			text_html(b, cur != NULL ? cur : "");
			buf_puts(b, "</h2>\n<dl>\n");
		}
		buf_puts(b, "<dt>");
		text_html(b, it->label);
		buf_puts(b, "</dt><dd>");
		text_html(b, it->val);
		buf_puts(b, "</dd>\n");
	}
	buf_puts(b, "</dl>\n");
	for (i = 0; i < nlists; i++)
		list_html(b, &lists[i]);
	buf_puts(b, "</main></body></html>\n");
}

const char *
render_ctype(enum req_fmt f)
{
	switch (f) {
	case REQ_JSON:
		return "application/json; charset=utf-8";
	case REQ_XML:
		return "application/xml; charset=utf-8";
	default:
		return "text/html; charset=utf-8";
	}
}

void
render_doc(struct buf *b, enum req_fmt f, const struct doc *d,
    const struct doc_list *lists, size_t nlists)
{
	switch (f) {
	case REQ_JSON:
		render_json(b, d, lists, nlists);
		break;
	case REQ_XML:
		render_xml(b, d, lists, nlists);
		break;
	default:
		render_html(b, d, lists, nlists);
		break;
	}
}
