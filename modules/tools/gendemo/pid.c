/*
 * Personal numbers (CCCD, 12 digits): 0, the pre-2025 birth province
 * (PPP's last two digits, valid_provinces_pre2025), a digit for century
 * and sex, two for the birth year, six for the person.  The six are drawn
 * without repeats within each (province, sex, year) bucket: a counter per
 * bucket walks a permutation of 0..999999 (multiplier 7919, prime to
 * 10^6) from an offset derived from the seed and the bucket, so the
 * numbers look scattered, never collide, and need no memory of the ones
 * given.  Old identity cards (CMND, 9 digits) walk one such permutation.
 */
#include "config.h"

#include <string.h>

#include "gendemo.h"
#include "log.h"

/*
 * The pre-2025 provinces merged into each current province (2025-07-01),
 * by code; each list ends at the first 0.
 */
static const struct {
	int now;
	int old[4];
} merged[] = {
	{ 1, { 1 } },
	{ 4, { 4 } },
	{ 8, { 2, 8 } },
	{ 11, { 11 } },
	{ 12, { 12 } },
	{ 14, { 14 } },
	{ 15, { 10, 15 } },
	{ 19, { 6, 19 } },
	{ 20, { 20 } },
	{ 22, { 22 } },
	{ 24, { 24, 27 } },
	{ 25, { 17, 25, 26 } },
	{ 31, { 30, 31 } },
	{ 33, { 33, 34 } },
	{ 37, { 35, 36, 37 } },
	{ 38, { 38 } },
	{ 40, { 40 } },
	{ 42, { 42 } },
	{ 44, { 44, 45 } },
	{ 46, { 46 } },
	{ 48, { 48, 49 } },
	{ 51, { 51, 62 } },
	{ 52, { 52, 64 } },
	{ 56, { 56, 58 } },
	{ 66, { 54, 66 } },
	{ 68, { 60, 67, 68 } },
	{ 75, { 70, 75 } },
	{ 79, { 74, 77, 79 } },
	{ 80, { 72, 80 } },
	{ 82, { 82, 87 } },
	{ 86, { 83, 84, 86 } },
	{ 91, { 89, 91 } },
	{ 92, { 92, 93, 94 } },
	{ 96, { 95, 96 } },
};

static int old_index[100]; /* pre-2025 code -> valid_provinces_pre2025, -1 */
static int merged_index[100]; /* current code -> merged[], or -1 */

static void
provinces_init(void)
{
	const char *c;
	int i;

	for (i = 0; i < 100; i++)
		old_index[i] = merged_index[i] = -1;
	for (i = 0; i < VALID_NPROVINCES_PRE2025; i++) {
		c = valid_provinces_pre2025[i].code;
		old_index[(c[0] - '0') * 10 + (c[1] - '0')] = i;
	}
	for (i = 0; i < (int)NELEM(merged); i++)
		merged_index[merged[i].now] = i;
}

void
gd_pids_init(struct gd_pids *p, uint64_t seed)
{
	uint64_t ps = seed ^ 0x5eedULL, x = seed ^ 0xc3dULL;

	provinces_init();
	memset(p->counter, 0, sizeof(p->counter));
	p->seed = gd_splitmix64(&ps);
	p->cmnd_seq = 0;
	p->cmnd_off = gd_splitmix64(&x) % 1000000000ULL;
}

int
gd_pick_birth_province(struct gd_rng *r, int now, unsigned local_pm)
{
	int mi = now >= 0 && now < 100 ? merged_index[now] : -1, n = 0;

	if (gd_rng_pm(r, local_pm)) {
		if (mi >= 0) {
			while (n < 4 && merged[mi].old[n] != 0)
				n++;
			return old_index[merged[mi].old[gd_rng_below(
			    r, (uint32_t)n)]];
		}
		if (now >= 0 && now < 100 && old_index[now] >= 0)
			return old_index[now];
	}
	return (int)gd_rng_below(r, VALID_NPROVINCES_PRE2025);
}

/* Writes v as exactly width decimal digits (zero-padded). */
static void
put_digits(char *p, unsigned v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
gd_make_pid(struct gd_pids *p, char *buf, int prov_idx, int female, int year)
{
	uint32_t *c = &p->counter[prov_idx][female][year - 1900];
	const char *code = valid_provinces_pre2025[prov_idx].code;
	uint64_t bucket = ((uint64_t)prov_idx * 2 + (uint64_t)female) * 200 +
	    (uint64_t)(year - 1900);
	uint64_t x = p->seed ^ (bucket * 0x9e3779b97f4a7c15ULL);
	uint64_t off = gd_splitmix64(&x) % 1000000, rr;
	int g = (year >= 2000 ? 2 : 0) + female;

	if (*c >= 1000000)
		fatal("personal number space exhausted for province %s, "
		      "year %d (N too large)",
		    code, year);
	rr = ((uint64_t)*c * 7919 + off) % 1000000;
	(*c)++;
	buf[0] = '0';
	buf[1] = code[0];
	buf[2] = code[1];
	put_digits(buf + 3, (unsigned)g, 1);
	put_digits(buf + 4, (unsigned)(year % 100), 2);
	put_digits(buf + 6, (unsigned)rr, 6);
	buf[12] = '\0';
}

uint64_t
gd_next_cmnd(struct gd_pids *p)
{
	return (p->cmnd_seq++ * 387420489ULL + p->cmnd_off) % 1000000000ULL;
}
