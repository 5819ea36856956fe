/*
 * Households, the people in them and the officials.  A household is a
 * head, often a spouse, sometimes the head's parents, then children and
 * grandchildren, with ages that fit one another; each member then gets a
 * birth date, a birth province near where the household lives, a
 * personal number, a name, perhaps an old identity card, a permanent
 * residence and perhaps a temporary one elsewhere.
 *
 * "Today" is 2026-01-01: nobody is born after 2025-12-31, and current
 * temporary residences end 1 to 24 months after it.  Households come one
 * after another from one stream, so the first K citizens of a run do not
 * depend on N (except that the last household is cut to fit N).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gendemo.h"

/* A household being filled: m[0..n), left places still to fill. */
struct build {
	struct gd_member *m;
	int n, left;
	const char *family;
	int head_age, spouse_age;
};

void
gd_gen_init(struct gd_gen *g, const struct gd_communes *cs, uint64_t seed)
{
	memset(g, 0, sizeof(*g));
	g->cs = cs;
	gd_rng_seed(&g->r, seed, 1);
	gd_rng_seed(&g->ro, seed, 2);
	gd_pids_init(&g->pids, seed);
}

/* Age weight (permille) for adults: flat to 55, then tapering. */
static int
accept_age(struct gd_rng *r, int age)
{
	unsigned w = age <= 55 ? 1000 : (unsigned)(1000 - (age - 55) * 22);

	return gd_rng_pm(r, w);
}

static int
adult_age(struct gd_rng *r, int lo, int hi)
{
	int a;

	do
		a = gd_rng_range(r, lo, hi);
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
household_size(struct gd_rng *r)
{
	static const unsigned w[GD_HH_MAX] = { 120, 200, 240, 260, 110, 70 };
	unsigned x = gd_rng_below(r, 1000);
	int i;

	for (i = 0; i < GD_HH_MAX; i++) {
		if (x < w[i])
			return i + 1;
		x -= w[i];
	}
	return GD_HH_MAX;
}

static void
add(struct build *b, const char *role, const char *family, int age, int female)
{
	b->m[b->n++] = (struct gd_member){ role, family, age, female };
}

/* The head and, mostly, a spouse of a close age and another family. */
static void
head_and_spouse(struct gd_rng *r, struct build *b, int size)
{
	int head_female = gd_rng_pm(r, 300), d;

	b->head_age = size == 1 ? adult_age(r, 18, 95) : adult_age(r, 22, 85);
	add(b, "chủ hộ", b->family, b->head_age, head_female);
	b->spouse_age = -1;
	if (b->left > 0 && gd_rng_pm(r, 850)) {
		d = head_female ? gd_rng_range(r, -1, 8)
		                : -gd_rng_range(r, -1, 8);
		b->spouse_age = clampi(b->head_age + d, 18, 95);
		add(b, head_female ? "chồng" : "vợ", gd_pick_family(r),
		    b->spouse_age, !head_female);
		b->left--;
	}
}

/* Sometimes the head's father, mother or both live in. */
static void
parents(struct gd_rng *r, struct build *b)
{
	int both, fa, mo, want_fa, want_mo;

	if (!(b->left > 0 && b->head_age <= 55 && gd_rng_pm(r, 280)))
		return;
	both = b->left >= 2 && gd_rng_pm(r, 550);
	fa = b->head_age + gd_rng_range(r, 22, 36);
	mo = b->head_age + gd_rng_range(r, 20, 32);
	want_fa = both || gd_rng_pm(r, 400);
	want_mo = both || !want_fa;
	if (want_fa && fa <= 95) {
		add(b, "bố", b->family, fa, 0);
		b->left--;
	}
	if (want_mo && b->left > 0 && mo <= 95) {
		add(b, "mẹ", gd_pick_family(r), mo, 1);
		b->left--;
	}
}

/*
 * Children, the younger parent's age (pa) bounding them; returns the
 * first child's age or -1.  An old head's household stops early: the
 * rest are grandchildren.
 */
static int
children(struct gd_rng *r, struct build *b, int pa)
{
	int prev = -1, first = -1, nchild = 0, age;

	while (b->left > 0) {
		if (nchild >= 4 && pa >= 58)
			break;
		if (prev < 0)
			age = pa - gd_rng_range(r, 20, 32);
		else
			age = prev - gd_rng_range(r, 1, 6);
		if (age < 0)
			break;
		if (first < 0)
			first = age;
		add(b, "con", b->family, age, gd_rng_pm(r, 490));
		prev = age;
		nchild++;
		b->left--;
		if (pa >= 58 && nchild >= 1 && gd_rng_pm(r, 450))
			break;
	}
	return first;
}

/* Grandchildren (or nephews and nieces: "cháu" covers both) fill the
 * rest. */
static void
grandchildren(struct gd_rng *r, struct build *b, int pa, int first_child)
{
	int prev = -1, age;

	while (b->left > 0) {
		if (first_child >= 20)
			age = prev < 0 ? first_child - gd_rng_range(r, 20, 30)
			               : prev - gd_rng_range(r, 1, 5);
		else
			age = -1;
		if (age < 0)
			age = gd_rng_range(r, 0, clampi(pa - 12, 0, 25));
		add(b, "cháu", b->family, age, gd_rng_pm(r, 490));
		prev = age;
		b->left--;
	}
}

/*
 * Fills m[0..size) with a plausible family (head first); returns size.
 * Everyone but the spouse and the head's mother carries the head's
 * family name.
 */
static int
make_household(struct gd_rng *r, struct gd_member *m, int size)
{
	struct build b = { m, 0, size - 1, NULL, 0, -1 };
	int pa, first_child;

	b.family = gd_pick_family(r);
	head_and_spouse(r, &b, size);
	parents(r, &b);
	pa = b.spouse_age >= 0 && b.spouse_age < b.head_age ? b.spouse_age
	                                                    : b.head_age;
	first_child = children(r, &b, pa);
	grandchildren(r, &b, pa, first_child);
	return b.n;
}

void
gd_next_household(struct gd_gen *g, struct gd_household *h, uint64_t max)
{
	const struct gd_commune *c;
	size_t k;

	h->size = household_size(&g->r);
	h->commune = gd_pick_commune(g->cs, &g->r);
	c = &g->cs->v[h->commune];
	if ((uint64_t)h->size > max)
		h->size = (int)max;
	h->size = make_household(&g->r, h->m, h->size);
	gd_make_address(&g->r, h->addr, sizeof(h->addr), c);
	h->id = ++g->households;
	/* the first distinct communes get officials */
	if (g->n_off < GD_OFFICIALS) {
		for (k = 0; k < g->n_off; k++)
			if (g->off_codes[k] == h->commune)
				break;
		if (k == g->n_off)
			g->off_codes[g->n_off++] = h->commune;
	}
	h->eth = gd_pick_ethnicity(&g->r);
}

/* Some born before 1990 had a 9-digit card, replaced by 2016..2021. */
static void
old_card(struct gd_gen *g, struct gd_person *p, int year)
{
	int64_t d2016 = gd_days(2016, 1, 1), d2021 = gd_days(2021, 12, 31);
	int64_t lo, lo2, hi;

	p->cmnd = year < 1990 && p->m->age >= 18 && gd_rng_pm(&g->r, 10);
	if (!p->cmnd)
		return;
	p->cmnd_to = d2016 + gd_rng_below(&g->r, (uint32_t)(d2021 - d2016 + 1));
	lo = gd_add_years(p->birth, 14);
	lo2 = gd_add_years(p->cmnd_to, -15);
	hi = gd_add_years(p->cmnd_to, -1);
	p->cmnd_num = gd_next_cmnd(&g->pids);
	if (lo2 > lo)
		lo = lo2;
	if (hi < lo)
		hi = lo;
	p->cmnd_from = lo + gd_rng_below(&g->r, (uint32_t)(hi - lo + 1));
}

/* Children mostly registered from birth, adults since 18 (or 1980). */
static void
permanent_since(struct gd_gen *g, struct gd_person *p, int64_t today)
{
	const struct gd_member *m = p->m;
	int64_t floor_from = gd_days(1980, 1, 1), lo;

	if ((strcmp(m->role, "con") == 0 || strcmp(m->role, "cháu") == 0) &&
	    m->age < 18 && gd_rng_pm(&g->r, 750)) {
		p->since = p->birth;
		return;
	}
	lo = m->age >= 18 ? gd_add_years(p->birth, 18) : p->birth;
	if (lo < floor_from && m->age >= 18)
		lo = floor_from;
	if (lo > today - 1)
		lo = today - 1;
	p->since = lo + gd_rng_below(&g->r, (uint32_t)(today - lo));
}

/* Temporary residence probability by age (permille). */
static unsigned
temp_pm(int age)
{
	return age < 18 ? 40 : age <= 35 ? 160 : age <= 60 ? 65 : 25;
}

/* A current temporary residence, from 2024 at the earliest. */
static void
temporary(struct gd_gen *g, struct gd_person *p, size_t perm, int64_t today)
{
	int64_t d2024 = gd_days(2024, 1, 1), lo;

	p->temp = g->cs->n >= 2 && gd_rng_pm(&g->r, temp_pm(p->m->age));
	if (!p->temp)
		return;
	p->temp_commune = gd_pick_temp_commune(g->cs, &g->r, perm);
	lo = p->birth > d2024 ? p->birth : d2024;
	p->temp_from = lo + gd_rng_below(&g->r, (uint32_t)(today - lo));
	p->temp_to = today + gd_rng_range(&g->r, 31, 730);
	gd_make_temp_address(&g->r, p->temp_addr, sizeof(p->temp_addr),
	    &g->cs->v[p->temp_commune]);
}

void
gd_next_person(
    struct gd_gen *g, const struct gd_household *h, int i, struct gd_person *p)
{
	const struct gd_commune *c = &g->cs->v[h->commune];
	const int64_t today = gd_days(GD_TODAY_Y, 1, 1);
	const struct gd_member *m = &h->m[i];
	int year = GD_TODAY_Y - 1 - m->age;
	int prov;

	p->m = m;
	p->birth = gd_days(year, 1, 1) +
	    gd_rng_below(&g->r, (uint32_t)(gd_is_leap(year) ? 366 : 365));
	prov =
	    gd_pick_birth_province(&g->r, c->province, m->age < 18 ? 850 : 700);
	p->eth = gd_rng_pm(&g->r, 920) ? h->eth : gd_pick_ethnicity(&g->r);
	p->id = ++g->citizens;
	gd_make_pid(&g->pids, p->pid, prov, m->female, year);
	gd_make_name(
	    &g->r, p->name, sizeof(p->name), m->family, m->female, year);
	old_card(g, p, year);
	permanent_since(g, p, today);
	temporary(g, p, h->commune, today);
}

size_t
gd_officials(const struct gd_gen *g)
{
	return 2 * g->n_off + (g->n_off > 0);
}

/*
 * Official i: for each of the first distinct communes used, its head
 * (cb<code>, who decides), then its officer (tn<code>, who receives
 * dossiers); last, one province officer (tinh<PP>) in the first one's
 * province.  The heads come first, so their ids do not depend on the
 * others.  They come from their own stream.
 */
void
gd_next_official(struct gd_gen *g, size_t i, struct gd_official *o)
{
	int female = gd_rng_pm(&g->ro, 500);
	int year = GD_TODAY_Y - 1 - gd_rng_range(&g->ro, 24, 58);
	const char *family;

	o->id = i + 1;
	o->c = &g->cs->v[g->off_codes[i % g->n_off]];
	if (i < g->n_off) {
		snprintf(o->user, sizeof(o->user), "cb%s", o->c->code);
		o->role = "commune_head";
	} else if (i < 2 * g->n_off) {
		snprintf(o->user, sizeof(o->user), "tn%s", o->c->code);
		o->role = "commune_officer";
	} else {
		snprintf(o->user, sizeof(o->user), "tinh%02d", o->c->province);
		o->role = "province_officer";
	}
	family = gd_pick_family(&g->ro);
	gd_make_name(&g->ro, o->name, sizeof(o->name), family, female, year);
}
