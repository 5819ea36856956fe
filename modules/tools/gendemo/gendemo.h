/*
 * motcua-gendemo's private header.  The tool is split by role: main.c
 * (options, the run, the summary), rng.c (the PRNG and civil dates),
 * names.c (names, ethnicities and addresses as weighted tables),
 * communes.c (the communes CSV and picking a commune), pid.c (birth
 * provinces and personal numbers), people.c (households, citizens and
 * officials), family.c (parent links, marriages, deaths, marital status
 * and the civil-status records) and write.c (the .tsv files and load.sql).
 *
 * Determinism is the contract: the same count, seed and communes file give
 * the same files byte for byte.  Every random choice comes from one of
 * three streams (citizens, officials, families) in a fixed order, so
 * whoever changes a generator must keep the order of its draws or accept
 * new output.  The families' stream is separate so that the citizens'
 * numbers, names and residences do not move when the families change.
 */
#ifndef MOTCUA_GENDEMO_H
#define MOTCUA_GENDEMO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "valid.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define GD_MAX_N 50000000ULL /* sanity bound on -n */
#define GD_OFFICIALS 20 /* communes that get officials */
#define GD_TODAY_Y 2026 /* reference date 2026-01-01 */
#define GD_HH_MAX 6 /* people in a household */
#define GD_ALIVE_FIRST 2000 /* the first citizens all live (sign-on set) */
#define GD_BIRTH_REC_Y 2000 /* births registered in the data from */
#define GD_POOL 64 /* married people kept for an earlier divorce */
#define GD_BOOK_Y0 1900 /* the books' years: GD_BOOK_Y0 + 0..GD_BOOK_NY-1 */
#define GD_BOOK_NY 128
#define GD_NODAY INT64_MIN /* no such day (day numbers go below 0) */

/* rng.c: xoshiro256** seeded by splitmix64 */
struct gd_rng {
	uint64_t s[4];
};

uint64_t gd_splitmix64(uint64_t *x);
void gd_rng_seed(struct gd_rng *, uint64_t seed, uint64_t stream);
uint64_t gd_rng_next(struct gd_rng *);
/* Uniform in [0, n), n > 0. */
uint32_t gd_rng_below(struct gd_rng *, uint32_t n);
/* Uniform in [lo, hi]. */
int gd_rng_range(struct gd_rng *, int lo, int hi);
/* True with probability permille/1000. */
int gd_rng_pm(struct gd_rng *, unsigned permille);

/* rng.c: civil dates as day numbers (days since 1970-01-01) */
int64_t gd_days(int y, int m, int d);
int gd_is_leap(int y);
/* Formats a day number as YYYY-MM-DD into buf; returns buf. */
char *gd_fmt_date(char buf[11], int64_t days);
/* The same calendar day n years later (29 Feb to 28 Feb if need be). */
int64_t gd_add_years(int64_t days, int n);
/* Completed years on day of someone born on birth. */
int gd_age_on(int64_t birth, int64_t day);
/* The year of a day number. */
int gd_year(int64_t days);

/* communes.c */
struct gd_commune {
	char code[6];
	int province; /* current (2025) province code, 0..99 */
	int urban; /* a ward (phường) */
};

struct gd_communes {
	struct gd_commune *v; /* in file order */
	size_t n;
	uint64_t *cum; /* cumulative weights */
	size_t prov_start[101]; /* by_prov[prov_start[p] .. prov_start[p+1]) */
	uint32_t *by_prov; /* indices into v, by province */
};

/* Reads the CSV at path into cs; any error is fatal. */
void gd_communes_load(struct gd_communes *cs, const char *path);
void gd_communes_free(struct gd_communes *cs);
/* A commune index, wards weighted above rural communes. */
size_t gd_pick_commune(const struct gd_communes *, struct gd_rng *);
/* A commune other than perm for a temporary residence; cs->n >= 2. */
size_t
gd_pick_temp_commune(const struct gd_communes *, struct gd_rng *, size_t perm);

/* names.c */
const char *gd_pick_family(struct gd_rng *);
const char *gd_pick_ethnicity(struct gd_rng *);
/* A full name into buf: family, middle (by sex and age), given. */
void gd_make_name(struct gd_rng *, char *buf, size_t n, const char *family,
    int female, int birth_year);
/* A permanent address in commune c. */
void gd_make_address(
    struct gd_rng *, char *buf, size_t n, const struct gd_commune *c);
/* A temporary address (often a rented room) in commune c. */
void gd_make_temp_address(
    struct gd_rng *, char *buf, size_t n, const struct gd_commune *c);

/* pid.c: personal numbers, by (pre-2025 province, sex, birth year) */
struct gd_pids {
	uint64_t seed;
	uint32_t counter[VALID_NPROVINCES_PRE2025][2][200];
	uint64_t cmnd_seq, cmnd_off; /* old 9-digit identity cards */
};

void gd_pids_init(struct gd_pids *, uint64_t seed);
/* Birth province, an index into valid_provinces_pre2025, for someone now
 * living in current province now: with probability local_pm/1000 one of
 * the provinces it was merged from. */
int gd_pick_birth_province(struct gd_rng *, int now, unsigned local_pm);
/* The next personal number of its bucket into buf (13 bytes). */
void
gd_make_pid(struct gd_pids *, char *buf, int prov_idx, int female, int year);
/* The next old identity card number, 0..999999999. */
uint64_t gd_next_cmnd(struct gd_pids *);

/* people.c */
struct gd_member {
	const char *role;
	const char *family;
	int age; /* at 2026-01-01 */
	int female;
};

struct gd_household {
	uint64_t id;
	size_t commune; /* index into the communes */
	char addr[256];
	int size;
	struct gd_member m[GD_HH_MAX]; /* head first */
	const char *eth; /* the head's ethnicity */
};

struct gd_person {
	uint64_t id;
	const struct gd_member *m;
	char pid[16];
	char name[128];
	int64_t birth;
	const char *eth;
	int cmnd; /* had an old identity card, replaced */
	uint64_t cmnd_num;
	int64_t cmnd_from, cmnd_to;
	int64_t since; /* permanent residence from */
	int temp; /* has a current temporary residence */
	size_t temp_commune;
	char temp_addr[256];
	int64_t temp_from, temp_to;
	/* family.c */
	int64_t death; /* day number, or GD_NODAY: alive */
	const char *marital; /* NULL: the database does not know */
};

struct gd_official {
	size_t id;
	char user[16];
	char name[128];
	const char *role;
	const struct gd_commune *c;
};

/* One run: the two streams, the number state, who got officials. */
struct gd_gen {
	const struct gd_communes *cs;
	struct gd_rng r; /* citizens */
	struct gd_rng ro; /* officials */
	struct gd_pids pids;
	uint64_t households, citizens;
	size_t off_codes[GD_OFFICIALS], n_off;
};

void gd_gen_init(struct gd_gen *, const struct gd_communes *, uint64_t seed);
/* The next household, cut to at most max people (max >= 1). */
void gd_next_household(struct gd_gen *, struct gd_household *, uint64_t max);
/* Member i of the household just made. */
void gd_next_person(
    struct gd_gen *, const struct gd_household *, int i, struct gd_person *);
/* The number of officials, and official i of them. */
size_t gd_officials(const struct gd_gen *);
void gd_next_official(struct gd_gen *, size_t i, struct gd_official *);

/* family.c: one household's civil facts */
struct gd_link {
	uint64_t child, parent, record; /* record 0: none */
	int father;
};

struct gd_marriage {
	uint64_t id, man, woman, record;
	int64_t on, ended; /* ended GD_NODAY: open */
	const char *reason;
};

struct gd_record {
	uint64_t id;
	int kind; /* GD_REC_* */
	int year; /* the book's */
	unsigned number;
	size_t commune;
	uint64_t citizen, other, declarant; /* 0: none */
	const char *relation;
	int64_t event, reg;
	int reg_min; /* minutes after midnight */
	int late, locked;
};

enum { GD_REC_BIRTH, GD_REC_MARRIAGE, GD_REC_DEATH, GD_REC__N };

struct gd_famout {
	struct gd_link l[2 * GD_HH_MAX];
	struct gd_marriage mar[GD_HH_MAX];
	struct gd_record rec[3 * GD_HH_MAX];
	int nl, nm, nr;
};

struct gd_pooled {
	uint64_t id;
	int64_t adult, married_on;
};

struct gd_famstats {
	uint64_t links, marriages, divorces, remarried, deaths, records;
	uint64_t status[5]; /* single, married, divorced, widowed, unknown */
	uint64_t unwed_births; /* a mother link, the mother not married */
};

struct gd_family {
	const struct gd_communes *cs;
	struct gd_rng r; /* families */
	uint64_t marriages, records;
	struct gd_pooled pool[2][GD_POOL]; /* by sex: 1 female */
	int npool[2];
	uint32_t *books; /* the last number by commune, kind and year */
	struct gd_famstats st;
};

void
gd_family_init(struct gd_family *, const struct gd_communes *, uint64_t seed);
void gd_family_free(struct gd_family *);
/* The civil facts of household h and its people p[0..h->size): sets each
 * one's death and marital status, and fills out. */
void gd_family(struct gd_family *, const struct gd_household *h,
    struct gd_person *p, struct gd_famout *out);
/* The book of a kind of record, as the civil module names it: KS
 * (births), KH (marriages), KT (deaths); a record's number in it is
 * "N/YEAR". */
const char *gd_book(int kind);

/* write.c */
struct gd_out {
	FILE *fp;
	char *path;
	char *buf;
};

struct gd_writer {
	const struct gd_communes *cs;
	struct gd_out hh, cit, pid, res, link, mar, rec, seq;
	uint64_t pid_rows, res_rows;
};

void
gd_write_open(struct gd_writer *, const struct gd_communes *, const char *dir);
void gd_write_household(struct gd_writer *, const struct gd_household *);
void gd_write_person(
    struct gd_writer *, const struct gd_household *, const struct gd_person *);
void gd_write_family(struct gd_writer *, const struct gd_famout *);
/* The last number of each book and year, so that registrations go on
 * from there. */
void gd_write_books(struct gd_writer *, const struct gd_family *);
void gd_write_close(struct gd_writer *);
void gd_out_open(struct gd_out *, const char *dir, const char *name);
void gd_out_close(struct gd_out *);
void gd_write_official(struct gd_out *, const struct gd_official *);
/* load.sql, naming the files by dir's absolute path. */
void gd_write_load_sql(const char *dir);

#endif
