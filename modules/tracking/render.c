/*
 * How tracking answers read: the Vietnamese names of procedures, dossier
 * states and readers, and answers that carry lists (a dossier's history,
 * a queue, the reads of one's data).
 *
 * The shared renderer (resp.h) draws a struct doc of single facts, with
 * no lists.  tr_answer() has it draw the facts, then opens the closing
 * tail it wrote (checked byte for byte, so a change there fails loudly
 * rather than producing a broken answer), appends each list in the same
 * format with the same escaping (text.h), and closes the document again.
 * When resp.h learns lists this file keeps only the labels.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "tracking.h"

static const struct {
	const char *code;
	const char *name;
} procedures[] = {
	{ "1.010041", "Xác nhận thông tin về cư trú" },
	{ "1.004222", "Đăng ký thường trú" },
	{ "1.004194", "Đăng ký tạm trú" },
	{ "1.004197", "Gia hạn tạm trú" },
	{ "1.003677", "Khai báo tạm vắng" },
};

static const struct {
	const char *code;
	const char *label;
} states[] = {
	{ "submitted", "Đã tiếp nhận" },
	{ "accepted", "Đang giải quyết" },
	{ "supplement_requested", "Chờ bổ sung hồ sơ" },
	{ "approved", "Đã phê duyệt" },
	{ "rejected", "Từ chối giải quyết" },
	{ "result_issued", "Đã trả kết quả" },
}, actors[] = {
	{ "official", "Cán bộ" },
	{ "exchange", "Hệ thống của bộ, ngành" },
	{ "citizen", "Công dân" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
tr_procedure_name(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < NELEM(procedures); i++)
		if (strcmp(procedures[i].code, code) == 0)
			return procedures[i].name;
	return NULL;
}

const char *
tr_state_label(const char *state)
{
	size_t i;

	for (i = 0; state != NULL && i < NELEM(states); i++)
		if (strcmp(states[i].code, state) == 0)
			return states[i].label;
	return state;
}

const char *
tr_actor_label(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < NELEM(actors); i++)
		if (strcmp(actors[i].code, kind) == 0)
			return actors[i].label;
	return kind;
}

const char *
tr_bool(const char *v)
{
	return v != NULL && strcmp(v, "1") == 0 ? "true" : "false";
}

void
tr_list_init(struct arena *a, struct tr_list *l, const char *key,
    const char *item, const char *label, const struct tr_col *col, size_t ncol,
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
tr_list_set(struct tr_list *l, size_t row, const char *key, const char *val)
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
list_json(struct buf *b, const struct tr_list *l)
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
list_xml(struct buf *b, const struct tr_list *l)
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
html_cell(const struct tr_col *col, const char *v)
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
list_html(struct buf *b, const struct tr_list *l)
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

/* Removes tail from the end of b.  Returns 0, or -1 when b does not end so. */
static int
untail(struct buf *b, const char *tail)
{
	size_t n = strlen(tail);

	if (b->len < n || strcmp(b->s + b->len - n, tail) != 0)
		return -1;
	b->len -= n;
	b->s[b->len] = '\0';
	return 0;
}

enum err
tr_answer(struct req *r, int status, const struct doc *d,
    const struct tr_list *lists, size_t nlists)
{
	static const char html_tail[] = "</dl>\n</main></body></html>\n";
	struct buf *b = &r->body;
	const char *xml_tail;
	size_t i;

	resp_doc(r, status, d);
	switch (r->fmt) {
	case REQ_JSON:
		if (untail(b, "}\n") < 0)
			break;
		for (i = 0; i < nlists; i++) {
			if (b->len > 0 && b->s[b->len - 1] != '{')
				buf_putc(b, ',');
			list_json(b, &lists[i]);
		}
		buf_puts(b, "}\n");
		return ERR_OK;
	case REQ_XML:
		xml_tail = arena_printf(&r->arena, "</%s>\n", d->root);
		if (untail(b, xml_tail) < 0)
			break;
		for (i = 0; i < nlists; i++)
			list_xml(b, &lists[i]);
		buf_puts(b, xml_tail);
		return ERR_OK;
	default:
		if (untail(b, html_tail) < 0)
			break;
		buf_puts(b, "</dl>\n");
		for (i = 0; i < nlists; i++)
			list_html(b, &lists[i]);
		buf_puts(b, "</main></body></html>\n");
		return ERR_OK;
	}
	log_warnx("the shared renderer's document ends unexpectedly");
	return ERR_INTERNAL;
}
