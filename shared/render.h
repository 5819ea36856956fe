/*
 * Rendering documents (render.c), for resp.c.
 */
#ifndef MOTCUA_RENDER_H
#define MOTCUA_RENDER_H

#include <stddef.h>

#include "req.h"

struct buf;
struct doc;
struct doc_list;

/* The namespace of motcua's own XML answers and errors. */
#define RENDER_XMLNS "urn:motcua:1"

/* The Content-Type of an answer in format f. */
const char *render_ctype(enum req_fmt f);

/* Appends the doc's facts, then its lists, in format f. */
void render_doc(struct buf *, enum req_fmt f, const struct doc *,
    const struct doc_list *lists, size_t nlists);

/* Appends the head of an HTML page with this title, its <main> open. */
void render_html_head(struct buf *, const char *title);

#endif
