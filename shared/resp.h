/*
 * Answers.  A handler describes its result as a struct doc (an ordered list
 * of facts, optionally grouped in sections) and resp.c renders it as JSON,
 * XML or HTML according to the negotiated format; or it returns an enum err
 * and resp_error() renders that.  resp_status() is the one place that maps
 * internal results to HTTP status.
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

void doc_init(struct doc *, const char *root, const char *title);
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

int resp_status(enum err);
const char *resp_code(enum err);

/* The error answered for a negative enum db_rc (db.h): the database gone
 * is 503 "database_unavailable", a deadlock or lock wait 503 "busy",
 * anything else 500. */
enum err db_err(int rc);

void resp_doc(struct req *, int status, const struct doc *);
/* The facts of the doc followed by the lists. */
void resp_doc_lists(struct req *, int status, const struct doc *,
    const struct doc_list *lists, size_t nlists);
void resp_redirect(struct req *, const char *location);
void resp_error(struct req *, enum err);

#endif
