/*
 * Growable byte buffers and the per-request arena.
 *
 * A struct buf is a NUL-terminated growable string; an arena hands out
 * memory that lives until arena_free() at the end of a request.  Both abort
 * on allocation failure: a worker that cannot allocate is replaced by its
 * parent, which is safer than serving half an answer.
 */
#ifndef MOTCUA_BUF_H
#define MOTCUA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_reset(struct buf *);
void buf_add(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

void arena_init(struct arena *);
void arena_free(struct arena *);
void *arena_alloc(struct arena *, size_t);
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_strdup(struct arena *, const char *);
char *arena_printf(struct arena *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

#endif
