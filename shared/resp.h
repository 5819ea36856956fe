/*
 * Answers.  A handler describes its result as a struct doc (an ordered list
 * of facts, optionally grouped in sections) and resp.c renders it as JSON,
 * XML or HTML according to the negotiated format; or it returns an enum err
 * and resp_error() renders that.  resp_status() is the one place that maps
 * internal results to HTTP status; the exchange gateway's XML faults take
 * theirs from it too.  Nothing here allocates but from the request's arena
 * and into its body: the caller frees nothing.
 */
#ifndef MOTCUA_RESP_H
#define MOTCUA_RESP_H

#include "req.h"

#define DOC_MAXITEMS 64

struct doc_item {
	const char *sect; /* NULL for top level */
	const char *key; /* JSON key / XML element */
	const char *label; /* Vietnamese label for HTML */
	const char *val;
	int raw; /* number or boolean: unquoted JSON */
};

struct doc {
	const char *root; /* XML root element */
	const char *title; /* HTML heading (Vietnamese) */
	struct doc_item item[DOC_MAXITEMS];
	size_t n;
};

/*
 * Starts an empty doc.  The strings given here and to doc_add() are kept
 * by pointer, not copied: they must live until the doc is rendered (static,
 * or from the request's arena).
 */
void doc_init(struct doc *, const char *root, const char *title);

/*
 * Appends a fact under section sect (NULL: the top level; a section is
 * its consecutive items).  A NULL label keeps it out of HTML; a NULL val
 * adds nothing, nor does a doc already holding DOC_MAXITEMS facts.
 * doc_add_raw: val goes unquoted into JSON (a number, true or false).
 */
void doc_add(struct doc *, const char *sect, const char *key, const char *label,
    const char *val);
void doc_add_raw(struct doc *, const char *sect, const char *key,
    const char *label, const char *val);

/* A column of a list: JSON key / XML element, HTML heading, unquoted. */
struct doc_col {
	const char *key;
	const char *label; /* NULL: not shown in HTML */
	int raw; /* a number, or a boolean "true" / "false" */
};

/*
 * A list in an answer: rows of cells, cell[row * ncol + col], NULL for an
 * absent value.  JSON: "key": [ {...}, ... ]; XML: <key><item>...</item>
 * </key>; HTML: a table under the heading label.
 */
struct doc_list {
	const char *key;
	const char *item;
	const char *label;
	const struct doc_col *col;
	size_t ncol;
	const char **cell;
	size_t nrow;
};

/* Allocates the cells of a list of nrow rows from the arena, all NULL. */
void doc_list_init(struct arena *, struct doc_list *, const char *key,
    const char *item, const char *label, const struct doc_col *col, size_t ncol,
    size_t nrow);

/* Sets the cell of a row, by column key (the key must exist). */
void
doc_list_set(struct doc_list *, size_t row, const char *key, const char *val);

/*
 * The answer format an Accept header asks for, by its q-values (RFC 9110
 * 12.5.1): HTML, JSON or XML, whichever it ranks highest; at equal q an
 * explicit media type beats a wildcard, then HTML, JSON, XML in that
 * order.  No header, or nothing we can answer, is HTML.  A browser lists
 * application/xml;q=0.9 below text/html and gets HTML.
 */
enum req_fmt resp_negotiate(const char *accept);

/*
 * The language of an HTML answer, "vi" or "en" (static strings): the
 * page's own switch (a lang field of "vi" or "en") if given, else the
 * language Accept-Language ranks highest by q (RFC 9110 12.5.4; "en-GB"
 * is English; at equal q the first listed), else Vietnamese.
 */
const char *resp_lang(const char *param, const char *accept_language);

/*
 * The headers every answer carries, appended to h: nosniff, a
 * Content-Security-Policy that allows no script, no third-party asset and
 * only the page style whose hash resp_set_style_hash() gave (none before),
 * no framing, posts to this origin only, and no Referer sent to another site (a
 * verification code or receipt in a URL must not leak to another site).
 */
void resp_security_headers(struct buf *h);
/* Sets the base64 SHA-256 of the one inline <style> the pages carry. */
void resp_set_style_hash(const char *b64);

/* The HTTP status of an error (200 for ERR_OK; 500 out of range). */
int resp_status(enum err);
/* Its stable machine code, a static string ("internal_error" out of
 * range). */
const char *resp_code(enum err);

/*
 * Renders the doc as the answer in the negotiated format: sets r->status,
 * r->ctype and r->body (replacing what it held); the doc may go after.
 */
void resp_doc(struct req *, int status, const struct doc *);
/* The same: the facts of the doc followed by the lists. */
void resp_doc_lists(struct req *, int status, const struct doc *,
    const struct doc_list *lists, size_t nlists);
/*
 * Answers 303 See Other with a small HTML page linking to location, which
 * r->location keeps by pointer: it must live until the answer is written.
 */
void resp_redirect(struct req *, const char *location);
/*
 * Renders an error as the answer in the negotiated format: its status,
 * code and both messages, the fields in r->bad and the request id, never
 * a value from the request.  ERR_OK or a value out of range answers
 * ERR_INTERNAL.  Clears r->location; sets Retry-After (1 s busy, 5 s
 * database unavailable) unless the handler set one.
 */
void resp_error(struct req *, enum err);

#endif
