/*
 * The communes citizens live in: read from the admin-units CSV (RFC 4180,
 * columns found by name in the header, so provinces.csv's layout or a
 * smaller hand-made file will do), then weighted (wards are denser than
 * rural communes) and indexed by province for the migration hubs.
 * Input order is kept: it decides which commune a draw lands on.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gendemo.h"
#include "log.h"

/* The columns found in the header, or -1. */
struct cols {
	int code, prov, type, full;
};

/* Migration destinations for temporary residence (current codes). */
static const struct {
	int prov;
	unsigned w;
} hubs[] = {
	{ 79, 350 },
	{ 1, 250 },
	{ 75, 80 },
	{ 24, 60 },
	{ 48, 50 },
	{ 31, 50 },
	{ 92, 30 },
	{ 19, 30 },
	{ 33, 30 },
	{ 56, 30 },
	{ 66, 20 },
	{ 82, 20 },
};

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

/* Unquotes one quoted field starting at p (on the quote) into w. */
static char *
csv_quoted(char *p, char *end, char **wp)
{
	char *w = *wp;

	p++;
	while (p < end) {
		if (*p == '"') {
			if (p + 1 < end && p[1] == '"') {
				*w++ = '"';
				p += 2;
				continue;
			}
			p++;
			break;
		}
		*w++ = *p++;
	}
	while (p < end && *p != ',' && *p != '\n' && *p != '\r')
		*w++ = *p++;
	*wp = w;
	return p;
}

/*
 * Splits one CSV record starting at *pp (RFC 4180 quoting).  Fields are
 * unquoted in place; returns the number of fields, *pp moves past the
 * record.  Returns -1 at end of input.
 */
static int
csv_record(char **pp, char *end, char **fields, int maxf)
{
	char *p = *pp;
	int nf = 0, sep;

	if (p >= end)
		return -1;
	for (;;) {
		char *w = p, *start = p;

		if (p < end && *p == '"') {
			p = csv_quoted(p, end, &w);
		} else {
			while (p < end && *p != ',' && *p != '\n' && *p != '\r')
				p++;
			w = p;
		}
		sep = p < end ? *p : '\0';
		if (nf < maxf)
			fields[nf] = start;
		nf++;
		*w = '\0'; /* w <= p; data[size] is a NUL */
		if (sep == ',') {
			p++;
			continue;
		}
		if (sep == '\r') {
			p++;
			if (p < end && *p == '\n')
				p++;
		} else if (sep == '\n') {
			p++;
		}
		break;
	}
	*pp = p;
	return nf;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct gd_commune *)a)->code,
	    ((const struct gd_commune *)b)->code);
}

/* The whole file, NUL-terminated; *sizep is its length. */
static char *
slurp(const char *path, long *sizep)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long size;

	if (fp == NULL)
		fatal("cannot open %s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		fatal("cannot read %s: %s", path, strerror(errno));
	data = xmalloc((size_t)size + 1);
	if (fread(data, 1, (size_t)size, fp) != (size_t)size || ferror(fp))
		fatal("cannot read %s: %s", path, strerror(errno));
	fclose(fp);
	data[size] = '\0';
	*sizep = size;
	return data;
}

static struct cols
header(const char *path, char **f, int nf, int maxf)
{
	struct cols c = { -1, -1, -1, -1 };
	int i;

	if (nf < 1)
		fatal("%s: empty file", path);
	for (i = 0; i < nf && i < maxf; i++) {
		if (strcmp(f[i], "code") == 0)
			c.code = i;
		else if (strcmp(f[i], "province_code") == 0)
			c.prov = i;
		else if (strcmp(f[i], "unit_type") == 0)
			c.type = i;
		else if (strcmp(f[i], "full_name") == 0)
			c.full = i;
	}
	if (c.code < 0 || c.prov < 0)
		fatal("%s: header must have columns code and province_code",
		    path);
	return c;
}

/* A ward by its unit type, else by its full name. */
static int
is_urban(const struct cols *c, char **f, int nf)
{
	const char *t;

	if (c->type >= 0) {
		t = f[c->type];
		return strcmp(t, "ward") == 0 ||
		    strncmp(t, "Phường", strlen("Phường")) == 0 ||
		    strncmp(t, "phường", strlen("phường")) == 0;
	}
	if (c->full >= 0 && nf > c->full)
		return strncmp(f[c->full], "Phường", strlen("Phường")) == 0;
	return 0;
}

static void
add_row(struct gd_communes *cs, size_t *cap, const char *path, size_t line,
    const struct cols *c, char **f, int nf)
{
	struct gd_commune *cm;

	if (nf <= c->code || nf <= c->prov || (c->type >= 0 && nf <= c->type))
		fatal("%s:%zu: too few fields", path, line);
	if (!all_digits(f[c->code], 5))
		fatal("%s:%zu: bad commune code '%s' (want 5 digits)", path,
		    line, f[c->code]);
	if (!all_digits(f[c->prov], 2))
		fatal("%s:%zu: bad province_code '%s' (want 2 digits)", path,
		    line, f[c->prov]);
	if (cs->n == *cap) {
		*cap *= 2;
		cs->v = realloc(cs->v, *cap * sizeof(*cs->v));
		if (cs->v == NULL)
			fatal("out of memory");
	}
	cm = &cs->v[cs->n++];
	memcpy(cm->code, f[c->code], 6);
	cm->province = atoi(f[c->prov]);
	cm->urban = is_urban(c, f, nf);
}

/* Rejects duplicate codes, on a sorted copy: input order is kept. */
static void
no_duplicates(const struct gd_communes *cs, const char *path)
{
	struct gd_commune *s = xmalloc(cs->n * sizeof(*s));
	size_t i;

	memcpy(s, cs->v, cs->n * sizeof(*s));
	qsort(s, cs->n, sizeof(*s), cmp_code);
	for (i = 1; i < cs->n; i++)
		if (strcmp(s[i - 1].code, s[i].code) == 0)
			fatal("%s: duplicate commune code %s", path, s[i].code);
	free(s);
}

/* The weights, and a stable counting sort by province. */
static void
index_communes(struct gd_communes *cs)
{
	size_t cnt[101] = { 0 }, fill[100], i;
	uint64_t acc = 0;
	int pr;

	cs->cum = xmalloc(cs->n * sizeof(*cs->cum));
	for (i = 0; i < cs->n; i++) {
		acc += cs->v[i].urban ? 3 : 2;
		cs->cum[i] = acc;
	}
	cs->by_prov = xmalloc(cs->n * sizeof(*cs->by_prov));
	for (i = 0; i < cs->n; i++)
		cnt[cs->v[i].province]++;
	cs->prov_start[0] = 0;
	for (pr = 0; pr < 100; pr++)
		cs->prov_start[pr + 1] = cs->prov_start[pr] + cnt[pr];
	memcpy(fill, cs->prov_start, sizeof(fill));
	for (i = 0; i < cs->n; i++)
		cs->by_prov[fill[cs->v[i].province]++] = (uint32_t)i;
}

void
gd_communes_load(struct gd_communes *cs, const char *path)
{
	char *data, *p, *end, *f[32];
	long size;
	int nf;
	size_t cap = 4096, line = 1;
	struct cols c;

	memset(cs, 0, sizeof(*cs));
	data = slurp(path, &size);
	p = data;
	end = data + size;
	if (size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	nf = csv_record(&p, end, f, (int)NELEM(f));
	c = header(path, f, nf, (int)NELEM(f));
	cs->v = xmalloc(cap * sizeof(*cs->v));
	while ((nf = csv_record(&p, end, f, (int)NELEM(f))) >= 0) {
		line++;
		if (nf == 1 && f[0][0] == '\0')
			continue; /* blank line */
		add_row(cs, &cap, path, line, &c, f, nf);
	}
	free(data);
	if (cs->n == 0)
		fatal("%s: no communes", path);
	no_duplicates(cs, path);
	index_communes(cs);
}

void
gd_communes_free(struct gd_communes *cs)
{
	free(cs->v);
	free(cs->cum);
	free(cs->by_prov);
}

size_t
gd_pick_commune(const struct gd_communes *cs, struct gd_rng *r)
{
	uint64_t total = cs->cum[cs->n - 1];
	uint64_t x = gd_rng_next(r) % total;
	size_t lo = 0, hi = cs->n - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cs->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int
pick_hub(struct gd_rng *r)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < NELEM(hubs); i++)
		total += hubs[i].w;
	x = gd_rng_below(r, total);
	for (i = 0; i < NELEM(hubs); i++) {
		if (x < hubs[i].w)
			return hubs[i].prov;
		x -= hubs[i].w;
	}
	return hubs[0].prov;
}

/* Mostly a commune of a hub province, else anywhere. */
size_t
gd_pick_temp_commune(
    const struct gd_communes *cs, struct gd_rng *r, size_t perm)
{
	int tries, p;
	size_t c, cnt;

	for (tries = 0; tries < 100; tries++) {
		if (gd_rng_pm(r, 700)) {
			p = pick_hub(r);
			cnt = cs->prov_start[p + 1] - cs->prov_start[p];
			if (cnt == 0)
				continue;
			c = cs->by_prov[cs->prov_start[p] +
			    gd_rng_below(r, (uint32_t)cnt)];
		} else {
			c = gd_pick_commune(cs, r);
		}
		if (c != perm)
			return c;
	}
	return perm == 0 ? 1 : 0; /* cs->n >= 2 here */
}
