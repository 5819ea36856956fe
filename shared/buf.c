/*
 * Growable buffers and a chunked bump arena for per-request memory, and
 * the allocator all of our own allocations go through: x*alloc never
 * return NULL; a failure goes to the hook the request loop sets, or is
 * fatal.  In a build configured with --enable-alloc-seam (tests only) the
 * allocator also counts a request's allocations and fails the one
 * MOTCUA_FAIL_ALLOC names, so tests can walk every failure point.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"

static void (*oom_hook)(size_t);

#ifdef MOTCUA_ALLOC_SEAM
static struct {
	unsigned long fail_at; /* 0: none */
	unsigned long n; /* allocations of the request in hand */
	int set; /* MOTCUA_FAIL_ALLOC was given */
	int counting; /* a request is being served */
} seam;

void
buf_seam_init(void)
{
	const char *v = getenv("MOTCUA_FAIL_ALLOC");
	char *end;

	if (v == NULL || *v == '\0')
		return;
	seam.fail_at = strtoul(v, &end, 10);
	if (*end != '\0')
		fatal("MOTCUA_FAIL_ALLOC=%s: not a number", v);
	seam.set = 1;
	log_info(
	    "alloc seam: failing allocation %lu of each request", seam.fail_at);
}

void
buf_seam_begin(void)
{
	seam.n = 0;
	seam.counting = 1;
}

void
buf_seam_end(void)
{
	if (seam.counting && seam.set)
		log_info(
		    "alloc seam: the request made %lu allocations", seam.n);
	seam.counting = 0;
}

/* Whether the seam fails this allocation. */
static int
seam_fails(void)
{
	if (!seam.counting)
		return 0;
	if (++seam.n != seam.fail_at)
		return 0;
	seam.counting = 0; /* the answer to the failure allocates too */
	log_info("alloc seam: failing allocation %lu", seam.n);
	return 1;
}
#else
void
buf_seam_init(void)
{
}

void
buf_seam_begin(void)
{
}

void
buf_seam_end(void)
{
}

#define seam_fails() 0
#endif

void
buf_on_oom(void (*hook)(size_t))
{
	oom_hook = hook;
}

void
xnomem(size_t n)
{
	void (*hook)(size_t) = oom_hook;

	oom_hook = NULL; /* a failure in the hook itself is fatal */
	if (hook != NULL)
		hook(n);
	fatal("out of memory (%zu bytes)", n);
}

void *
xrealloc(void *p, size_t n)
{
	void *q = seam_fails() ? NULL : realloc(p, n);

	if (q == NULL)
		xnomem(n);
	return q;
}

void *
xmalloc(size_t n)
{
	return xrealloc(NULL, n);
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#ifdef MOTCUA_ALLOC_SEAM
/* small chunks: nearly every arena_alloc() is an allocation the seam can
 * fail, so a walk over them reaches every place that allocates */
#define ARENA_CHUNK 64
#else
#define ARENA_CHUNK 8192
#endif

void
arena_init(struct arena *a)
{
	a->head = NULL;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = xrealloc(NULL, sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
