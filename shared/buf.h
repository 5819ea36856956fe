/*
 * Growable byte buffers and the per-request arena.
 *
 * A struct buf is a NUL-terminated growable string; an arena hands out
 * memory that lives until arena_free() at the end of a request.  Neither
 * returns on allocation failure: while a request is served, the request
 * loop's hook (buf_on_oom) answers it with a prepared error and ends the
 * worker, which its parent replaces (safer than unwinding half a handler);
 * at start-up the failure is fatal().
 */
#ifndef MOTCUA_BUF_H
#define MOTCUA_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* Never NULL: a failure calls the buf_on_oom hook, or fatal(). */
void *xmalloc(size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
/* An allocation of n bytes failed (ours, or a library's that we asked
 * for): calls the buf_on_oom hook, or fatal(). */
void xnomem(size_t n) __attribute__((noreturn));

/* Sets what an allocation failure calls (NULL: fatal()).  The hook must not
 * return; it is unset before it is called, so a failure inside it is
 * fatal. */
void buf_on_oom(void (*)(size_t));

/*
 * The allocation-failure seam, for tests: only in a build configured with
 * --enable-alloc-seam (no-ops otherwise).  buf_seam_init() reads
 * MOTCUA_FAIL_ALLOC=N at worker start; between buf_seam_begin() and
 * buf_seam_end() (one request) the Nth allocation fails, once, and the
 * request's count is logged at its end.
 */
void buf_seam_init(void);
void buf_seam_begin(void);
void buf_seam_end(void);

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
