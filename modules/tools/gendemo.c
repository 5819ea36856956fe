/*
 * motcua-gendemo: deterministic demo population generator.
 *
 *   motcua-gendemo -n N [-s SEED] -c communes.csv -o OUTDIR [-p] [-l K]
 *
 * Writes household.tsv, citizen.tsv, citizen_pid.tsv, residence.tsv,
 * official.tsv and load.sql into OUTDIR (created if missing).  The .tsv
 * files are in the default LOAD DATA format: tab-separated, '\n'-terminated,
 * \N for NULL, backslash escapes for tab, newline and backslash; explicit
 * ids, rows in primary-key order.  load.sql loads them with LOAD DATA LOCAL
 * INFILE, naming the files by the absolute path of OUTDIR.
 *
 * The same N, SEED and communes file always give byte-identical output: the
 * generator uses its own PRNG (xoshiro256** seeded by splitmix64), integer
 * arithmetic only, and never reads the clock.  Households are generated one
 * after another from a single stream, so the first K citizens of a run do
 * not depend on N (except that the last household is cut to fit N).
 *
 * "Today" is fixed at 2026-01-01: nobody is born after 2025-12-31, and the
 * current temporary residences end 1 to 24 months after 2026-01-01.
 *
 * Only libc (plus POSIX getopt/mkdir/realpath).  All string literals below
 * are UTF-8 in Unicode normalisation form C (precomposed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_N 50000000ULL /* sanity bound on -n */
#define N_OFFICIALS 20
#define TODAY_Y 2026 /* reference date 2026-01-01 */

static const char *progname = "motcua-gendemo";

static void
die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: %s -n N [-s SEED] -c communes.csv -o OUTDIR [-p] [-l K]\n"
	    "  -n N     number of citizens (1..%llu)\n"
	    "  -s SEED  PRNG seed, unsigned 64-bit (default 1)\n"
	    "  -c FILE  communes CSV (header code,name,full_name,"
	    "province_code,unit_type)\n"
	    "  -o DIR   output directory (created if missing)\n"
	    "  -p       print a summary to stderr\n"
	    "  -l K     print the first K citizens to stdout as\n"
	    "           pid<TAB>birth_date<TAB>sex<TAB>perm_commune<TAB>"
	    "has_temp\n",
	    progname, MAX_N);
	exit(1);
}

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64 for seeding, xoshiro256** for the streams.          */

typedef struct {
	uint64_t s[4];
} rng_t;

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(rng_t *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(rng_t *r)
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

/* Uniform in [0, n), n > 0 (multiply-shift on the top 32 bits). */
static uint32_t
rng_below(rng_t *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int
rng_range(rng_t *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability permille/1000. */
static int
rng_pm(rng_t *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

/* ------------------------------------------------------------------ */
/* Civil dates as day numbers (days since 1970-01-01).                  */

static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy =
	    (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *yp, int *mp, int *dp)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp_ = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp_ + 2) / 5 + 1;
	unsigned m = mp_ < 10 ? mp_ + 3 : mp_ - 9;

	*yp = (int)(y + (m <= 2));
	*mp = (int)m;
	*dp = (int)d;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Formats a day number as YYYY-MM-DD into buf (at least 11 bytes). */
static char *
fmt_date(char *buf, int64_t days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

/* Same calendar day n years later (29 Feb -> 28 Feb in a common year). */
static int64_t
add_years(int64_t days, int n)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	y += n;
	if (m == 2 && d == 29 && !is_leap(y))
		d = 28;
	return days_from_civil(y, m, d);
}

/* ------------------------------------------------------------------ */
/* Output helpers.                                                      */

typedef struct {
	FILE *fp;
	char *path;
	char *buf;
} out_t;

/* Writes s escaped for LOAD DATA (FIELDS ESCAPED BY '\\'). */
static void
put_field(FILE *fp, const char *s)
{
	const char *p = s;

	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\\' || *p == '\r') {
			fwrite(s, 1, (size_t)(p - s), fp);
			fputc('\\', fp);
			fputc(*p == '\t'     ? 't'
			        : *p == '\n' ? 'n'
			        : *p == '\r' ? 'r'
			                     : '\\',
			    fp);
			s = p + 1;
		}
	}
	fwrite(s, 1, (size_t)(p - s), fp);
}

static char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p == NULL)
		die("out of memory");
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void
out_open(out_t *o, const char *dir, const char *name)
{
	o->path = path_join(dir, name);
	o->fp = fopen(o->path, "w");
	if (o->fp == NULL)
		die("cannot create %s: %s", o->path, strerror(errno));
	o->buf = malloc(1 << 20);
	if (o->buf != NULL)
		setvbuf(o->fp, o->buf, _IOFBF, 1 << 20);
}

static void
out_close(out_t *o)
{
	int err = ferror(o->fp);

	errno = 0;
	if (fclose(o->fp) != 0 || err)
		die("error writing %s: %s", o->path,
		    errno ? strerror(errno) : "write error");
	free(o->buf);
	free(o->path);
}

/* ------------------------------------------------------------------ */
/* Communes.                                                            */

typedef struct {
	char code[6];
	int province; /* current (2025) province code, 0..99 */
	int urban; /* ward (phường) */
} commune_t;

static commune_t *communes;
static size_t ncommunes;
static uint64_t *commune_cum; /* cumulative weights */
static size_t prov_start[101]; /* by_prov[prov_start[p] .. prov_start[p+1]) */
static uint32_t *by_prov;

/* Splits one CSV record starting at *pp (RFC 4180 quoting).  Fields are
 * unquoted in place; returns the number of fields, *pp moves past the
 * record.  Returns -1 at end of input. */
static int
csv_record(char **pp, char *end, char **fields, int maxf)
{
	char *p = *pp;
	int nf = 0;

	if (p >= end)
		return -1;
	for (;;) {
		char *w = p, *start = p;

		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end)
					break;
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
		} else {
			while (p < end && *p != ',' && *p != '\n' && *p != '\r')
				p++;
			w = p;
		}
		int sep = p < end ? *p : '\0';

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
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(
	    ((const commune_t *)a)->code, ((const commune_t *)b)->code);
}

static void
load_communes(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *data, *p, *end;
	long size;
	char *f[32];
	int nf, ci_code = -1, ci_prov = -1, ci_type = -1, ci_full = -1;
	size_t cap = 4096, line = 1;

	if (fp == NULL)
		die("cannot open %s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		die("cannot read %s: %s", path, strerror(errno));
	data = malloc((size_t)size + 1);
	if (data == NULL)
		die("out of memory");
	if (fread(data, 1, (size_t)size, fp) != (size_t)size || ferror(fp))
		die("cannot read %s: %s", path, strerror(errno));
	fclose(fp);
	data[size] = '\0';
	p = data;
	end = data + size;
	if (size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;

	nf = csv_record(&p, end, f, (int)NELEM(f));
	if (nf < 1)
		die("%s: empty file", path);
	for (int i = 0; i < nf && i < (int)NELEM(f); i++) {
		if (strcmp(f[i], "code") == 0)
			ci_code = i;
		else if (strcmp(f[i], "province_code") == 0)
			ci_prov = i;
		else if (strcmp(f[i], "unit_type") == 0)
			ci_type = i;
		else if (strcmp(f[i], "full_name") == 0)
			ci_full = i;
	}
	if (ci_code < 0 || ci_prov < 0)
		die("%s: header must have columns code and province_code",
		    path);

	communes = malloc(cap * sizeof *communes);
	if (communes == NULL)
		die("out of memory");
	while ((nf = csv_record(&p, end, f, (int)NELEM(f))) >= 0) {
		commune_t *c;

		line++;
		if (nf == 1 && f[0][0] == '\0')
			continue; /* blank line */
		if (nf <= ci_code || nf <= ci_prov ||
		    (ci_type >= 0 && nf <= ci_type))
			die("%s:%zu: too few fields", path, line);
		if (!all_digits(f[ci_code], 5))
			die("%s:%zu: bad commune code '%s' (want 5 digits)",
			    path, line, f[ci_code]);
		if (!all_digits(f[ci_prov], 2))
			die("%s:%zu: bad province_code '%s' (want 2 digits)",
			    path, line, f[ci_prov]);
		if (ncommunes == cap) {
			cap *= 2;
			communes = realloc(communes, cap * sizeof *communes);
			if (communes == NULL)
				die("out of memory");
		}
		c = &communes[ncommunes++];
		memcpy(c->code, f[ci_code], 6);
		c->province = atoi(f[ci_prov]);
		c->urban = 0;
		if (ci_type >= 0) {
			const char *t = f[ci_type];

			c->urban = strcmp(t, "ward") == 0 ||
			    strncmp(t, "Phường", strlen("Phường")) == 0 ||
			    strncmp(t, "phường", strlen("phường")) == 0;
		} else if (ci_full >= 0 && nf > ci_full) {
			c->urban = strncmp(f[ci_full], "Phường",
			               strlen("Phường")) == 0;
		}
	}
	free(data);
	if (ncommunes == 0)
		die("%s: no communes", path);

	/* Reject duplicate codes (on a sorted copy; input order is kept). */
	{
		commune_t *s = malloc(ncommunes * sizeof *s);

		if (s == NULL)
			die("out of memory");
		memcpy(s, communes, ncommunes * sizeof *s);
		qsort(s, ncommunes, sizeof *s, cmp_code);
		for (size_t i = 1; i < ncommunes; i++)
			if (strcmp(s[i - 1].code, s[i].code) == 0)
				die("%s: duplicate commune code %s", path,
				    s[i].code);
		free(s);
	}

	/* Weights: wards are denser than rural communes. */
	commune_cum = malloc(ncommunes * sizeof *commune_cum);
	if (commune_cum == NULL)
		die("out of memory");
	uint64_t acc = 0;

	for (size_t i = 0; i < ncommunes; i++) {
		acc += communes[i].urban ? 3 : 2;
		commune_cum[i] = acc;
	}

	/* Stable counting sort by province. */
	size_t cnt[101] = { 0 };

	by_prov = malloc(ncommunes * sizeof *by_prov);
	if (by_prov == NULL)
		die("out of memory");
	for (size_t i = 0; i < ncommunes; i++)
		cnt[communes[i].province]++;
	prov_start[0] = 0;
	for (int pr = 0; pr < 100; pr++)
		prov_start[pr + 1] = prov_start[pr] + cnt[pr];
	size_t fill[100];

	memcpy(fill, prov_start, sizeof fill);
	for (size_t i = 0; i < ncommunes; i++)
		by_prov[fill[communes[i].province]++] = (uint32_t)i;
}

static size_t
pick_commune(rng_t *r)
{
	uint64_t total = commune_cum[ncommunes - 1];
	uint64_t x = rng_next(r) % total;
	size_t lo = 0, hi = ncommunes - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (commune_cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ------------------------------------------------------------------ */
/* Provinces before 2025 (the PPP of a personal number).               */

static const int old_provinces[63] = {
	1,
	2,
	4,
	6,
	8,
	10,
	11,
	12,
	14,
	15,
	17,
	19,
	20,
	22,
	24,
	25,
	26,
	27,
	30,
	31,
	33,
	34,
	35,
	36,
	37,
	38,
	40,
	42,
	44,
	45,
	46,
	48,
	49,
	51,
	52,
	54,
	56,
	58,
	60,
	62,
	64,
	66,
	67,
	68,
	70,
	72,
	74,
	75,
	77,
	79,
	80,
	82,
	83,
	84,
	86,
	87,
	89,
	91,
	92,
	93,
	94,
	95,
	96,
};

/* The pre-2025 provinces merged into each current province (2025-07-01).
 * Each list is terminated by 0. */
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

static int old_index[100]; /* old province code -> index, or -1 */
static int merged_index[100]; /* current province code -> merged[], -1 */

static void
init_provinces(void)
{
	for (int i = 0; i < 100; i++)
		old_index[i] = merged_index[i] = -1;
	for (int i = 0; i < 63; i++)
		old_index[old_provinces[i]] = i;
	for (int i = 0; i < (int)NELEM(merged); i++)
		merged_index[merged[i].now] = i;
}

/* Birth province (index into old_provinces) for someone now living in
 * current province `now`: mostly one of the provinces it was merged from. */
static int
pick_birth_province(rng_t *r, int now, unsigned local_pm)
{
	int mi = now >= 0 && now < 100 ? merged_index[now] : -1;

	if (rng_pm(r, local_pm)) {
		if (mi >= 0) {
			int n = 0;

			while (n < 4 && merged[mi].old[n] != 0)
				n++;
			return old_index[merged[mi]
			                     .old[rng_below(r, (uint32_t)n)]];
		}
		if (now >= 0 && now < 100 && old_index[now] >= 0)
			return old_index[now];
	}
	return (int)rng_below(r, 63);
}

/* ------------------------------------------------------------------ */
/* Names.                                                               */

typedef struct {
	const char *s;
	unsigned w;
} wstr_t;

static const wstr_t family_names[] = {
	{ "Nguyễn", 380 },
	{ "Trần", 110 },
	{ "Lê", 95 },
	{ "Phạm", 70 },
	{ "Hoàng", 30 },
	{ "Huỳnh", 20 },
	{ "Phan", 45 },
	{ "Vũ", 25 },
	{ "Võ", 15 },
	{ "Đặng", 21 },
	{ "Bùi", 20 },
	{ "Đỗ", 14 },
	{ "Hồ", 13 },
	{ "Ngô", 13 },
	{ "Dương", 10 },
	{ "Lý", 5 },
	{ "Đinh", 8 },
	{ "Trương", 10 },
	{ "Lâm", 5 },
	{ "Mai", 5 },
	{ "Trịnh", 5 },
	{ "Đào", 5 },
	{ "Cao", 4 },
	{ "Lương", 4 },
	{ "Hà", 5 },
	{ "Lưu", 3 },
	{ "Tạ", 3 },
	{ "Châu", 3 },
	{ "Tô", 2 },
	{ "Quách", 2 },
	{ "Kiều", 2 },
	{ "Thái", 2 },
};

static const char *const middle_m[] = {
	"Văn",
	"Hữu",
	"Đức",
	"Minh",
	"Quang",
	"Công",
	"Thành",
	"Xuân",
	"Ngọc",
	"Anh",
	"Gia",
	"Trọng",
	"Đình",
	"Mạnh",
	"Tiến",
	"Bảo",
	"Quốc",
	"Huy",
	"Thanh",
	"Nhật",
};

static const char *const middle_f[] = {
	"Thị",
	"Ngọc",
	"Thu",
	"Thanh",
	"Phương",
	"Minh",
	"Hồng",
	"Kim",
	"Bảo",
	"Khánh",
	"Mai",
	"Thùy",
	"Hoài",
	"Diệu",
	"Quỳnh",
	"Thảo",
	"Lan",
	"Hải",
	"Tuyết",
	"Bích",
};

static const char *const given_m[] = {
	"Hùng",
	"Dũng",
	"Tuấn",
	"Nam",
	"Long",
	"Khoa",
	"Minh",
	"Đức",
	"Hải",
	"Sơn",
	"Thắng",
	"Cường",
	"Phúc",
	"Huy",
	"Quân",
	"Bình",
	"Tùng",
	"Trung",
	"Hiếu",
	"Việt",
	"Thành",
	"Khánh",
	"Phong",
	"Hưng",
	"Toàn",
	"Kiên",
	"Vinh",
	"Lâm",
	"An",
	"Bảo",
	"Đạt",
	"Duy",
	"Hoàng",
	"Quang",
	"Tài",
	"Nghĩa",
	"Thịnh",
	"Lộc",
	"Hòa",
	"Hậu",
	"Khải",
	"Tâm",
	"Thái",
	"Trí",
	"Vũ",
	"Hiển",
	"Đông",
	"Lực",
};

static const char *const given_f[] = {
	"Lan",
	"Hương",
	"Mai",
	"Linh",
	"Trang",
	"Thảo",
	"Ngọc",
	"Hà",
	"Anh",
	"Hằng",
	"Hạnh",
	"Hoa",
	"Huyền",
	"Loan",
	"Nga",
	"Nhung",
	"Oanh",
	"Phương",
	"Quỳnh",
	"Thủy",
	"Tâm",
	"Trinh",
	"Uyên",
	"Vân",
	"Yến",
	"Chi",
	"Giang",
	"Hiền",
	"Nhi",
	"Thư",
	"Vy",
	"My",
	"Diệp",
	"Hồng",
	"Dung",
	"Liên",
	"Châu",
	"Thúy",
	"Xuân",
	"Ánh",
	"Tuyết",
	"Hậu",
	"Lý",
	"Trâm",
	"Nhàn",
	"Duyên",
	"Thanh",
	"Khánh",
};

static const wstr_t ethnicities[] = {
	{ "Kinh", 8530 },
	{ "Tày", 190 },
	{ "Thái", 185 },
	{ "Mường", 150 },
	{ "Khmer", 135 },
	{ "Mông", 140 },
	{ "Nùng", 110 },
	{ "Hoa", 80 },
	{ "Dao", 90 },
	{ "Gia Rai", 55 },
	{ "Ê Đê", 40 },
	{ "Ba Na", 30 },
	{ "Sán Chay", 20 },
	{ "Chăm", 18 },
	{ "Cơ Ho", 20 },
	{ "Xơ Đăng", 20 },
	{ "Sán Dìu", 18 },
	{ "Hrê", 15 },
	{ "Ra Glai", 14 },
	{ "Mnông", 13 },
};

static const char *
pick_w(rng_t *r, const wstr_t *t, size_t n)
{
	unsigned total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += t[i].w;
	x = rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[n - 1].s;
}

#define PICK(r, a) ((a)[rng_below((r), (uint32_t)NELEM(a))])

static const char *
pick_family(rng_t *r)
{
	return pick_w(r, family_names, NELEM(family_names));
}

/* Full name into buf: family, middle (by sex, "Văn"/"Thị" more common for
 * older people), given. */
static void
make_name(rng_t *r, char *buf, size_t n, const char *family, int female,
    int birth_year)
{
	unsigned classic = birth_year < 1970 ? 700
	    : birth_year < 1990              ? 450
	    : birth_year < 2005              ? 200
	                                     : 80;
	const char *mid, *given;

	if (female)
		mid = rng_pm(r, classic) ? "Thị" : PICK(r, middle_f);
	else
		mid = rng_pm(r, classic) ? "Văn" : PICK(r, middle_m);
	do
		given = female ? PICK(r, given_f) : PICK(r, given_m);
	while (strcmp(given, mid) == 0 || strcmp(given, family) == 0);
	snprintf(buf, n, "%s %s %s", family, mid, given);
}

/* ------------------------------------------------------------------ */
/* Addresses.                                                           */

static const char *const streets[] = {
	"Lê Lợi",
	"Trần Hưng Đạo",
	"Nguyễn Huệ",
	"Hai Bà Trưng",
	"Lý Thường Kiệt",
	"Quang Trung",
	"Trần Phú",
	"Phan Chu Trinh",
	"Nguyễn Trãi",
	"Hùng Vương",
	"Lê Duẩn",
	"Điện Biên Phủ",
	"Võ Thị Sáu",
	"Nguyễn Du",
	"Bà Triệu",
	"Hoàng Diệu",
	"Phan Đình Phùng",
	"Nguyễn Thị Minh Khai",
	"Cách Mạng Tháng Tám",
	"Lê Thánh Tông",
	"Ngô Quyền",
	"Đinh Tiên Hoàng",
	"Nguyễn Văn Cừ",
	"Võ Văn Kiệt",
	"Tôn Đức Thắng",
	"Lê Hồng Phong",
	"Trường Chinh",
	"Phạm Văn Đồng",
	"Nguyễn Chí Thanh",
	"Lạc Long Quân",
	"Âu Cơ",
	"Hoàng Hoa Thám",
	"Xô Viết Nghệ Tĩnh",
	"Bạch Đằng",
	"Chu Văn An",
	"Pasteur",
	"Yersin",
	"Nguyễn Đình Chiểu",
};

static const char *const hamlets[] = {
	"Đông",
	"Tây",
	"Nam",
	"Bắc",
	"Trung",
	"Thượng",
	"Hạ",
	"Tân Lập",
	"Đồng Tâm",
	"Hòa Bình",
	"Phú Mỹ",
	"An Lạc",
	"Bình An",
	"Tân Thành",
	"Quyết Tiến",
	"Thắng Lợi",
	"Đoàn Kết",
	"Hưng Thịnh",
};

static void
make_address(rng_t *r, char *buf, size_t n, const commune_t *c)
{
	unsigned x = rng_below(r, 100);

	if (c->urban) {
		if (x < 45)
			snprintf(buf, n, "Số %d, ngõ %d, đường %s",
			    rng_range(r, 1, 199), rng_range(r, 1, 350),
			    PICK(r, streets));
		else if (x < 60)
			snprintf(buf, n, "Số %d/%d, đường %s",
			    rng_range(r, 1, 120), rng_range(r, 1, 60),
			    PICK(r, streets));
		else if (x < 85)
			snprintf(buf, n, "Số %d, đường %s",
			    rng_range(r, 1, 450), PICK(r, streets));
		else
			snprintf(buf, n, "Tổ %d, khu phố %d",
			    rng_range(r, 1, 40), rng_range(r, 1, 12));
	} else {
		/* Hamlets are "ấp" in the South, "thôn"/"xóm"/"bản" north
		 * and centre. */
		int south = c->province >= 75;

		if (x < 40)
			snprintf(buf, n, "%s %d", south ? "Ấp" : "Thôn",
			    rng_range(r, 1, 15));
		else if (x < 55)
			snprintf(buf, n, "%s %s", south ? "Ấp" : "Thôn",
			    PICK(r, hamlets));
		else if (x < 70)
			snprintf(buf, n, "Số nhà %d, %s %d",
			    rng_range(r, 1, 250), south ? "ấp" : "thôn",
			    rng_range(r, 1, 15));
		else if (x < 85)
			snprintf(buf, n, "%s %d", south ? "Tổ" : "Xóm",
			    rng_range(r, 1, 20));
		else
			snprintf(buf, n, "Tổ %d", rng_range(r, 1, 30));
	}
}

/* Rented rooms for temporary residence. */
static void
make_temp_address(rng_t *r, char *buf, size_t n, const commune_t *c)
{
	if (c->urban && rng_pm(r, 600))
		snprintf(buf, n, "Phòng %d, số %d, ngõ %d, đường %s",
		    rng_range(r, 1, 5) * 100 + rng_range(r, 1, 12),
		    rng_range(r, 1, 199), rng_range(r, 1, 350),
		    PICK(r, streets));
	else
		make_address(r, buf, n, c);
}

/* ------------------------------------------------------------------ */
/* People and households.                                              */

typedef struct {
	const char *role;
	const char *family;
	int age; /* at 2026-01-01 */
	int female;
} member_t;

/* Age weight (permille) for adults: flat to 55, then tapering. */
static int
accept_age(rng_t *r, int age)
{
	unsigned w = age <= 55 ? 1000 : (unsigned)(1000 - (age - 55) * 22);

	return rng_pm(r, w);
}

static int
adult_age(rng_t *r, int lo, int hi)
{
	int a;

	do
		a = rng_range(r, lo, hi);
	while (!accept_age(r, a));
	return a;
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Household size 1..6. */
static int
household_size(rng_t *r)
{
	static const unsigned w[6] = { 120, 200, 240, 260, 110, 70 };
	unsigned x = rng_below(r, 1000);

	for (int i = 0; i < 6; i++) {
		if (x < w[i])
			return i + 1;
		x -= w[i];
	}
	return 6;
}

/* Fills m[0..size) with a plausible family (head first) and returns size.
 * Everyone but the spouse and the head's mother carries the head's family
 * name. */
static int
make_household(rng_t *r, member_t *m, int size)
{
	int n = 0, r_left = size - 1;
	int head_age, head_female, spouse_age = -1, pa;
	const char *family = pick_family(r);

	head_female = rng_pm(r, 300);
	head_age = size == 1 ? adult_age(r, 18, 95) : adult_age(r, 22, 85);
	m[n++] = (member_t){ "chủ hộ", family, head_age, head_female };

	if (r_left > 0 && rng_pm(r, 850)) {
		int d =
		    head_female ? rng_range(r, -1, 8) : -rng_range(r, -1, 8);

		spouse_age = clampi(head_age + d, 18, 95);
		m[n++] = (member_t){ head_female ? "chồng" : "vợ",
			pick_family(r), spouse_age, !head_female };
		r_left--;
	}
	if (r_left > 0 && head_age <= 55 && rng_pm(r, 280)) {
		int both = r_left >= 2 && rng_pm(r, 550);
		int fa = head_age + rng_range(r, 22, 36);
		int mo = head_age + rng_range(r, 20, 32);

		int want_fa = both || rng_pm(r, 400);
		int want_mo = both || !want_fa;

		if (want_fa && fa <= 95) {
			m[n++] = (member_t){ "bố", family, fa, 0 };
			r_left--;
		}
		if (want_mo && r_left > 0 && mo <= 95) {
			m[n++] = (member_t){ "mẹ", pick_family(r), mo, 1 };
			r_left--;
		}
	}

	/* Children: the younger parent's age bounds them. */
	pa = spouse_age >= 0 && spouse_age < head_age ? spouse_age : head_age;
	int prev = -1, first_child = -1, nchild = 0;

	while (r_left > 0) {
		int age;

		if (nchild >= 4 && pa >= 58)
			break; /* the rest are grandchildren */
		if (prev < 0)
			age = pa - rng_range(r, 20, 32);
		else
			age = prev - rng_range(r, 1, 6);
		if (age < 0)
			break;
		if (first_child < 0)
			first_child = age;
		m[n++] = (member_t){ "con", family, age, rng_pm(r, 490) };
		prev = age;
		nchild++;
		r_left--;
		if (pa >= 58 && nchild >= 1 && rng_pm(r, 450))
			break; /* old head: grandchildren too */
	}
	/* Grandchildren (or nephews/nieces: "cháu" covers both). */
	prev = -1;
	while (r_left > 0) {
		int age;

		if (first_child >= 20)
			age = prev < 0 ? first_child - rng_range(r, 20, 30)
			               : prev - rng_range(r, 1, 5);
		else
			age = -1;
		if (age < 0)
			age = rng_range(r, 0, clampi(pa - 12, 0, 25));
		m[n++] = (member_t){ "cháu", family, age, rng_pm(r, 490) };
		prev = age;
		r_left--;
	}
	return n;
}

/* Temporary residence probability by age (permille). */
static unsigned
temp_pm(int age)
{
	return age < 18 ? 40 : age <= 35 ? 160 : age <= 60 ? 65 : 25;
}

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

static size_t
pick_temp_commune(rng_t *r, size_t perm)
{
	for (int tries = 0; tries < 100; tries++) {
		size_t c;

		if (rng_pm(r, 700)) {
			unsigned total = 0, x;
			int p = hubs[0].prov;

			for (size_t i = 0; i < NELEM(hubs); i++)
				total += hubs[i].w;
			x = rng_below(r, total);
			for (size_t i = 0; i < NELEM(hubs); i++) {
				if (x < hubs[i].w) {
					p = hubs[i].prov;
					break;
				}
				x -= hubs[i].w;
			}
			size_t cnt = prov_start[p + 1] - prov_start[p];

			if (cnt == 0)
				continue;
			c = by_prov[prov_start[p] +
			    rng_below(r, (uint32_t)cnt)];
		} else {
			c = pick_commune(r);
		}
		if (c != perm)
			return c;
	}
	return perm == 0 ? 1 : 0; /* ncommunes >= 2 here */
}

/* ------------------------------------------------------------------ */
/* Personal numbers.                                                    */

/* Per (province index, sex, birth year 1900..2099) counters. */
static uint32_t pid_counter[63][2][200];
static uint64_t pid_seed;

/* Writes v as exactly `width` decimal digits (zero-padded). */
static void
put_digits(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void
make_pid(char *buf, int prov_idx, int female, int year)
{
	uint32_t *c = &pid_counter[prov_idx][female][year - 1900];
	uint64_t bucket = ((uint64_t)prov_idx * 2 + (uint64_t)female) * 200 +
	    (uint64_t)(year - 1900);
	uint64_t x = pid_seed ^ (bucket * 0x9e3779b97f4a7c15ULL);
	uint64_t off = splitmix64(&x) % 1000000;
	int g = (year >= 2000 ? 2 : 0) + female;

	if (*c >= 1000000)
		die("personal number space exhausted for province %02d, "
		    "year %d (N too large)",
		    old_provinces[prov_idx], year);
	uint64_t rr = ((uint64_t)*c * 7919 + off) % 1000000;

	(*c)++;
	put_digits(buf, 0, 1);
	put_digits(buf + 1, (unsigned)old_provinces[prov_idx], 2);
	put_digits(buf + 3, (unsigned)g, 1);
	put_digits(buf + 4, (unsigned)(year % 100), 2);
	put_digits(buf + 6, (unsigned)rr, 6);
	buf[12] = '\0';
}

/* ------------------------------------------------------------------ */

typedef struct {
	uint64_t households, citizens, pid_rows, cmnd_rows, res_rows, temps;
	uint64_t officials, female;
	uint64_t hh_size[7];
	uint64_t age_band[10]; /* 0-9, 10-19, ..., 90+ */
} stats_t;

static void
sql_quote_path(FILE *fp, const char *s)
{
	fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('\'', fp);
}

static void
write_load_sql(const char *dir)
{
	static const struct {
		const char *file, *table, *cols;
	} t[] = {
		{ "household.tsv", "household", "id, commune_code, address" },
		{ "citizen.tsv", "citizen",
		    "id, pid, full_name, birth_date, sex, ethnicity, "
		    "household_id, household_role, residence_version" },
		{ "citizen_pid.tsv", "citizen_pid",
		    "id, citizen_id, number, kind, valid_from, valid_to, "
		    "reason" },
		{ "residence.tsv", "residence",
		    "id, citizen_id, kind, commune_code, address, "
		    "household_id, valid_from, valid_to, version" },
		{ "official.tsv", "official",
		    "id, username, full_name, role, commune_code, active" },
	};
	char *abs = realpath(dir, NULL);
	out_t o;

	if (abs == NULL)
		die("realpath %s: %s", dir, strerror(errno));
	out_open(&o, dir, "load.sql");
	fputs(
	    "-- Generated by motcua-gendemo; load with\n"
	    "--   mariadb --local-infile=1 DB < load.sql\n"
	    "-- @motcua_bulk_load makes the residence_ai trigger skip its\n"
	    "-- per-row version bump (the rows arrive with version 1).\n"
	    "SET NAMES utf8mb4;\n"
	    "SET @motcua_bulk_load = 1;\n"
	    "SET @old_uc = @@unique_checks, @old_fkc = @@foreign_key_checks;\n"
	    "SET unique_checks = 0;\n"
	    "SET foreign_key_checks = 0;\n",
	    o.fp);
	for (size_t i = 0; i < NELEM(t); i++) {
		char *p = path_join(abs, t[i].file);

		fputs("LOAD DATA LOCAL INFILE ", o.fp);
		sql_quote_path(o.fp, p);
		fprintf(o.fp,
		    " INTO TABLE %s CHARACTER SET utf8mb4"
		    " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
		    " LINES TERMINATED BY '\\n' (%s);\n",
		    t[i].table, t[i].cols);
		free(p);
	}
	fputs("SET unique_checks = @old_uc;\n"
	      "SET foreign_key_checks = @old_fkc;\n"
	      "SET @motcua_bulk_load = NULL;\n",
	    o.fp);
	out_close(&o);
	free(abs);
}

int
main(int argc, char **argv)
{
	unsigned long long n = 0, list_k = 0, seed = 1;
	const char *csv = NULL, *outdir = NULL;
	int summary = 0, opt;
	char *endp;

	while ((opt = getopt(argc, argv, "n:s:c:o:pl:h")) != -1) {
		switch (opt) {
		case 'n':
			errno = 0;
			n = strtoull(optarg, &endp, 10);
			if (errno || *endp || endp == optarg ||
			    optarg[0] == '-' || n < 1 || n > MAX_N)
				die("-n: want an integer 1..%llu, got '%s'",
				    MAX_N, optarg);
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &endp, 0);
			if (errno || *endp || endp == optarg ||
			    optarg[0] == '-')
				die("-s: want an unsigned 64-bit integer, "
				    "got '%s'",
				    optarg);
			break;
		case 'c':
			csv = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'p':
			summary = 1;
			break;
		case 'l':
			errno = 0;
			list_k = strtoull(optarg, &endp, 10);
			if (errno || *endp || endp == optarg ||
			    optarg[0] == '-')
				die("-l: want a non-negative integer, "
				    "got '%s'",
				    optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", progname,
		    argv[optind]);
		usage();
	}
	if (n == 0 || csv == NULL || outdir == NULL) {
		fprintf(stderr, "%s: -n, -c and -o are required\n", progname);
		usage();
	}

	init_provinces();
	load_communes(csv);
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", outdir, strerror(errno));
	{
		struct stat st;

		if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode))
			die("%s is not a directory", outdir);
	}

	rng_t r, ro;
	uint64_t ps = seed ^ 0x5eedULL;

	rng_seed(&r, seed, 1);
	rng_seed(&ro, seed, 2);
	pid_seed = splitmix64(&ps);

	out_t fh, fc, fp, fr, fo;

	out_open(&fh, outdir, "household.tsv");
	out_open(&fc, outdir, "citizen.tsv");
	out_open(&fp, outdir, "citizen_pid.tsv");
	out_open(&fr, outdir, "residence.tsv");

	stats_t st;
	uint64_t citizen_id = 0, hh_id = 0, pid_id = 0, res_id = 0;
	uint64_t cmnd_seq = 0, cmnd_off;
	size_t off_codes[N_OFFICIALS], n_off = 0;
	const int64_t today = days_from_civil(TODAY_Y, 1, 1);
	const int64_t floor_from = days_from_civil(1980, 1, 1);
	const int64_t d2016 = days_from_civil(2016, 1, 1);
	const int64_t d2021 = days_from_civil(2021, 12, 31);
	const int64_t d2024 = days_from_civil(2024, 1, 1);

	memset(&st, 0, sizeof st);
	{
		uint64_t x = seed ^ 0xc3dULL;

		cmnd_off = splitmix64(&x) % 1000000000ULL;
	}

	while (citizen_id < n) {
		member_t m[6];
		char addr[256], name[128], pid[16], d1[11], d2[11];
		int size = household_size(&r);
		size_t ci = pick_commune(&r);
		const commune_t *c = &communes[ci];

		if ((uint64_t)size > n - citizen_id)
			size = (int)(n - citizen_id);
		size = make_household(&r, m, size);
		make_address(&r, addr, sizeof addr, c);
		hh_id++;
		st.households++;
		st.hh_size[size]++;

		if (n_off < N_OFFICIALS) {
			size_t k;

			for (k = 0; k < n_off; k++)
				if (off_codes[k] == ci)
					break;
			if (k == n_off)
				off_codes[n_off++] = ci;
		}

		fprintf(
		    fh.fp, "%llu\t%s\t", (unsigned long long)hh_id, c->code);
		put_field(fh.fp, addr);
		fputc('\n', fh.fp);

		const char *eth_head =
		    pick_w(&r, ethnicities, NELEM(ethnicities));

		for (int i = 0; i < size; i++) {
			member_t *p = &m[i];
			int year = TODAY_Y - 1 - p->age;
			int ylen = is_leap(year) ? 366 : 365;
			int64_t birth = days_from_civil(year, 1, 1) +
			    rng_below(&r, (uint32_t)ylen);
			int prov = pick_birth_province(
			    &r, c->province, p->age < 18 ? 850 : 700);
			const char *eth = rng_pm(&r, 920)
			    ? eth_head
			    : pick_w(&r, ethnicities, NELEM(ethnicities));
			int has_temp;

			citizen_id++;
			make_pid(pid, prov, p->female, year);
			make_name(
			    &r, name, sizeof name, p->family, p->female, year);

			fprintf(fc.fp, "%llu\t%s\t",
			    (unsigned long long)citizen_id, pid);
			put_field(fc.fp, name);
			fprintf(fc.fp, "\t%s\t%c\t", fmt_date(d1, birth),
			    p->female ? 'F' : 'M');
			put_field(fc.fp, eth);
			fprintf(fc.fp, "\t%llu\t", (unsigned long long)hh_id);
			put_field(fc.fp, p->role);
			fputs("\t1\n", fc.fp);

			/* Personal numbers. */
			fprintf(fp.fp, "%llu\t%llu\t%s\tpid\t%s\t\\N\t\\N\n",
			    (unsigned long long)++pid_id,
			    (unsigned long long)citizen_id, pid,
			    fmt_date(d1, birth));
			if (year < 1990 && p->age >= 18 && rng_pm(&r, 10)) {
				int64_t vto = d2016 +
				    rng_below(
				        &r, (uint32_t)(d2021 - d2016 + 1));
				int64_t lo = add_years(birth, 14);
				int64_t lo2 = add_years(vto, -15);
				int64_t hi = add_years(vto, -1);
				int64_t vfrom;
				uint64_t num =
				    (cmnd_seq++ * 387420489ULL + cmnd_off) %
				    1000000000ULL;

				if (lo2 > lo)
					lo = lo2;
				if (hi < lo)
					hi = lo;
				vfrom =
				    lo + rng_below(&r, (uint32_t)(hi - lo + 1));
				fprintf(fp.fp,
				    "%llu\t%llu\t%09llu\tcmnd\t%s\t"
				    "%s\treplaced by CCCD\n",
				    (unsigned long long)++pid_id,
				    (unsigned long long)citizen_id,
				    (unsigned long long)num,
				    fmt_date(d1, vfrom), fmt_date(d2, vto));
				st.cmnd_rows++;
			}

			/* Permanent residence. */
			int64_t since;

			if ((strcmp(p->role, "con") == 0 ||
			        strcmp(p->role, "cháu") == 0) &&
			    p->age < 18 && rng_pm(&r, 750)) {
				since = birth;
			} else {
				int64_t lo =
				    p->age >= 18 ? add_years(birth, 18) : birth;

				if (lo < floor_from && p->age >= 18)
					lo = floor_from;
				if (lo > today - 1)
					lo = today - 1;
				since =
				    lo + rng_below(&r, (uint32_t)(today - lo));
			}
			fprintf(fr.fp, "%llu\t%llu\tpermanent\t%s\t",
			    (unsigned long long)++res_id,
			    (unsigned long long)citizen_id, c->code);
			put_field(fr.fp, addr);
			fprintf(fr.fp, "\t%llu\t%s\t\\N\t1\n",
			    (unsigned long long)hh_id, fmt_date(d1, since));

			/* Current temporary residence. */
			has_temp =
			    ncommunes >= 2 && rng_pm(&r, temp_pm(p->age));
			if (has_temp) {
				size_t tc = pick_temp_commune(&r, ci);
				char taddr[256];
				int64_t lo = birth > d2024 ? birth : d2024;
				int64_t tfrom =
				    lo + rng_below(&r, (uint32_t)(today - lo));
				int64_t tto = today + rng_range(&r, 31, 730);

				make_temp_address(
				    &r, taddr, sizeof taddr, &communes[tc]);
				fprintf(fr.fp, "%llu\t%llu\ttemporary\t%s\t",
				    (unsigned long long)++res_id,
				    (unsigned long long)citizen_id,
				    communes[tc].code);
				put_field(fr.fp, taddr);
				fprintf(fr.fp, "\t\\N\t%s\t%s\t1\n",
				    fmt_date(d1, tfrom), fmt_date(d2, tto));
				st.temps++;
			}

			if (citizen_id <= list_k)
				printf("%s\t%s\t%c\t%s\t%d\n", pid,
				    fmt_date(d1, birth), p->female ? 'F' : 'M',
				    c->code, has_temp);

			st.female += p->female;
			st.age_band[p->age >= 90 ? 9 : p->age / 10]++;
		}
	}
	st.citizens = citizen_id;
	st.pid_rows = pid_id;
	st.res_rows = res_id;

	out_close(&fh);
	out_close(&fc);
	out_close(&fp);
	out_close(&fr);

	/*
	 * Officials, for each of the first distinct communes used: its head
	 * (cb<code>, who decides), then its officer (tn<code>, who receives
	 * dossiers); and one province officer (tinh<PP>) in the first one's
	 * province.  The heads come first, so their ids do not depend on the
	 * others.
	 */
	out_open(&fo, outdir, "official.tsv");
	for (size_t i = 0; i < 2 * n_off + (n_off > 0); i++) {
		const commune_t *c = &communes[off_codes[i % n_off]];
		int female = rng_pm(&ro, 500);
		int year = TODAY_Y - 1 - rng_range(&ro, 24, 58);
		char name[128], user[16];
		const char *role;

		if (i < n_off) {
			snprintf(user, sizeof user, "cb%s", c->code);
			role = "commune_head";
		} else if (i < 2 * n_off) {
			snprintf(user, sizeof user, "tn%s", c->code);
			role = "commune_officer";
		} else {
			snprintf(user, sizeof user, "tinh%02d", c->province);
			role = "province_officer";
		}
		make_name(
		    &ro, name, sizeof name, pick_family(&ro), female, year);
		fprintf(fo.fp, "%zu\t%s\t", i + 1, user);
		put_field(fo.fp, name);
		fprintf(fo.fp, "\t%s\t%s\t1\n", role, c->code);
		st.officials++;
	}
	out_close(&fo);

	write_load_sql(outdir);

	if (fflush(stdout) != 0 || ferror(stdout))
		die("error writing standard output");

	if (summary) {
		fprintf(stderr,
		    "%s: seed %llu, %zu communes\n"
		    "  households   %llu (size 1..6: %llu %llu %llu %llu "
		    "%llu %llu)\n"
		    "  citizens     %llu (%llu female)\n"
		    "  citizen_pid  %llu (%llu cmnd)\n"
		    "  residence    %llu (%llu temporary, %.2f%%)\n"
		    "  officials    %llu\n"
		    "  ages",
		    progname, seed, ncommunes,
		    (unsigned long long)st.households,
		    (unsigned long long)st.hh_size[1],
		    (unsigned long long)st.hh_size[2],
		    (unsigned long long)st.hh_size[3],
		    (unsigned long long)st.hh_size[4],
		    (unsigned long long)st.hh_size[5],
		    (unsigned long long)st.hh_size[6],
		    (unsigned long long)st.citizens,
		    (unsigned long long)st.female,
		    (unsigned long long)st.pid_rows,
		    (unsigned long long)st.cmnd_rows,
		    (unsigned long long)st.res_rows,
		    (unsigned long long)st.temps,
		    100.0 * (double)st.temps / (double)st.citizens,
		    (unsigned long long)st.officials);
		for (int i = 0; i < 10; i++)
			fprintf(stderr, " %d%s:%llu", i * 10,
			    i == 9 ? "+" : "s",
			    (unsigned long long)st.age_band[i]);
		fputc('\n', stderr);
	}
	return 0;
}
