/*
 * The generator's randomness and calendar.  Its own PRNG (xoshiro256**,
 * seeded by splitmix64) and integer-only civil-date arithmetic, because
 * the output must not depend on the C library, the clock or floating
 * point: the same seed gives the same files everywhere.
 */
#include "config.h"

#include <stdio.h>

#include "gendemo.h"

uint64_t
gd_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Streams of one seed differ by a multiple of an odd constant. */
void
gd_rng_seed(struct gd_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = gd_splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
gd_rng_next(struct gd_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Multiply-shift on the top 32 bits: no division, no modulo bias worth
 * the name for the small n used here. */
uint32_t
gd_rng_below(struct gd_rng *r, uint32_t n)
{
	return (uint32_t)(((gd_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int
gd_rng_range(struct gd_rng *r, int lo, int hi)
{
	return lo + (int)gd_rng_below(r, (uint32_t)(hi - lo + 1));
}

int
gd_rng_pm(struct gd_rng *r, unsigned permille)
{
	return gd_rng_below(r, 1000) < permille;
}

/* Howard Hinnant's days_from_civil. */
int64_t
gd_days(int y, int m, int d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy =
	    (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* And its inverse, civil_from_days. */
static void
civil(int64_t z, int *yp, int *mp, int *dp)
{
	int64_t era, y;
	unsigned doe, yoe, doy, mp_, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp_ = (5 * doy + 2) / 153;
	d = doy - (153 * mp_ + 2) / 5 + 1;
	m = mp_ < 10 ? mp_ + 3 : mp_ - 9;
	*yp = (int)(y + (m <= 2));
	*mp = (int)m;
	*dp = (int)d;
}

int
gd_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

char *
gd_fmt_date(char buf[11], int64_t days)
{
	int y, m, d;

	civil(days, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

int64_t
gd_add_years(int64_t days, int n)
{
	int y, m, d;

	civil(days, &y, &m, &d);
	y += n;
	if (m == 2 && d == 29 && !gd_is_leap(y))
		d = 28;
	return gd_days(y, m, d);
}

int
gd_age_on(int64_t birth, int64_t day)
{
	int by, bm, bd, y, m, d;

	civil(birth, &by, &bm, &bd);
	civil(day, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

int
gd_year(int64_t days)
{
	int y, m, d;

	civil(days, &y, &m, &d);
	return y;
}
