/*
 * Families: the civil facts of a household once its people are drawn.
 * Parent links where the ages fit (a mother 18 to 45 at the child's
 * birth, a father 20 to 55): a child to the head and the spouse, the head
 * to the head's parents, a grandchild to the first of the head's children
 * who could be their parent.  The head and the spouse are married (a few
 * only live together), as are the head's parents when both live in;
 * marriages start once the man is 20 and the woman 18, mostly before the
 * first child, sometimes after.  A lone adult is sometimes divorced from
 * someone of an earlier household who has married again since (kept in a
 * pool of married people), so a few are remarried.  Outside the first
 * GD_ALIVE_FIRST citizens some spouses and parents have died (older ones
 * more often): the death ends their residences and their marriage, and
 * their spouse is widowed.  People who are neither married nor were, and
 * whom nothing shows single (some grown children, most lone parents of
 * the head), have no marital status: the database does not know it.
 * Births from GD_BIRTH_REC_Y on, every marriage and every death have a
 * civil-status record in the household's commune, numbered from 1 in the
 * commune's book of its kind each year of registration, as the civil
 * module numbers them, the declarant's relation named as it names it
 * (parent, spouse, child).
 *
 * All draws come from the families' stream, in household order, so the
 * citizens' own draws are those they were without families.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gendemo.h"
#include "log.h"

enum {
	ST_NONE = -1,
	ST_SINGLE,
	ST_MARRIED,
	ST_DIVORCED,
	ST_WIDOWED,
	ST_UNKNOWN
};

static const char *const status_name[] = { "single", "married", "divorced",
	"widowed", NULL };

/* One household being worked on. */
struct fam {
	struct gd_family *f;
	const struct gd_household *h;
	struct gd_person *p;
	struct gd_famout *o;
	int n, spouse, fa, mo; /* indices, or -1 */
	int st[GD_HH_MAX];
	int mother[GD_HH_MAX], father[GD_HH_MAX]; /* indices, or -1 */
	int mar[GD_HH_MAX]; /* the open marriage in o->mar, or -1 */
	int64_t last; /* the last day: 2025-12-31 */
};

void
gd_family_init(struct gd_family *f, const struct gd_communes *cs, uint64_t seed)
{
	memset(f, 0, sizeof(*f));
	f->cs = cs;
	gd_rng_seed(&f->r, seed, 3);
	f->books = calloc(cs->n * GD_REC__N * GD_BOOK_NY, sizeof(*f->books));
	if (f->books == NULL)
		fatal("out of memory");
}

void
gd_family_free(struct gd_family *f)
{
	free(f->books);
}

const char *
gd_book(int kind)
{
	return kind == GD_REC_BIRTH   ? "KS"
	    : kind == GD_REC_MARRIAGE ? "KH"
	                              : "KT";
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int
role_is(const struct gd_person *p, const char *role)
{
	return strcmp(p->m->role, role) == 0;
}

/* The day one may marry: a man at 20, a woman at 18. */
static int64_t
adult_day(const struct gd_person *p)
{
	return gd_add_years(p->birth, p->m->female ? 18 : 20);
}

static int
gap_ok(const struct gd_person *parent, const struct gd_person *child)
{
	int a = gd_age_on(parent->birth, child->birth);

	return parent->m->female ? a >= 18 && a <= 45 : a >= 20 && a <= 55;
}

static void
link(struct fam *fm, int child, int parent)
{
	int *slot =
	    fm->p[parent].m->female ? &fm->mother[child] : &fm->father[child];

	if (*slot < 0 && gap_ok(&fm->p[parent], &fm->p[child]))
		*slot = parent;
}

static void
links(struct fam *fm)
{
	int i, j;

	if (fm->fa >= 0)
		link(fm, 0, fm->fa);
	if (fm->mo >= 0)
		link(fm, 0, fm->mo);
	for (i = 1; i < fm->n; i++) {
		if (role_is(&fm->p[i], "con")) {
			link(fm, i, 0);
			if (fm->spouse >= 0)
				link(fm, i, fm->spouse);
		} else if (role_is(&fm->p[i], "cháu")) {
			for (j = 1; j < i; j++)
				if (role_is(&fm->p[j], "con") &&
				    gap_ok(&fm->p[j], &fm->p[i])) {
					link(fm, i, j);
					break;
				}
		}
	}
}

/* A marriage of a and b from on, open; returns its index in o->mar. */
static int
marry(struct fam *fm, const struct gd_person *a, const struct gd_person *b,
    int64_t on)
{
	struct gd_marriage *m = &fm->o->mar[fm->o->nm];

	m->id = ++fm->f->marriages;
	m->man = a->m->female ? b->id : a->id;
	m->woman = a->m->female ? a->id : b->id;
	m->on = on;
	m->ended = GD_NODAY;
	m->reason = NULL;
	m->record = 0;
	fm->f->st.marriages++;
	return fm->o->nm++;
}

/* The earliest birth of a child of a or b in the household, or
 * GD_NODAY. */
static int64_t
first_child(const struct fam *fm, int a, int b)
{
	int64_t first = GD_NODAY;
	int i;

	for (i = 0; i < fm->n; i++)
		if (fm->mother[i] == a || fm->mother[i] == b ||
		    fm->father[i] == a || fm->father[i] == b)
			if (first == GD_NODAY || fm->p[i].birth < first)
				first = fm->p[i].birth;
	return first;
}

/* a and b married (or not: a few only live together). */
static void
couple(struct fam *fm, int a, int b, unsigned cohabit_pm)
{
	struct gd_rng *r = &fm->f->r;
	int64_t lo = max64(adult_day(&fm->p[a]), adult_day(&fm->p[b]));
	int64_t first = first_child(fm, a, b), on;

	if (gd_rng_pm(r, cohabit_pm) || lo > fm->last) {
		fm->st[a] = fm->st[b] = ST_SINGLE;
		return;
	}
	if (first != GD_NODAY && gd_rng_pm(r, 80))
		on = first + gd_rng_range(r, 30, 900);
	else if (first != GD_NODAY)
		on = first - gd_rng_range(r, 60, 1500);
	else
		on = lo + gd_rng_below(r, 8 * 365 + 1);
	if (on < lo)
		on = lo;
	if (on > fm->last)
		on = fm->last;
	fm->mar[a] = fm->mar[b] = marry(fm, &fm->p[a], &fm->p[b], on);
	fm->st[a] = fm->st[b] = ST_MARRIED;
}

/*
 * Person d divorced from someone married since, from the pool of the
 * other sex: the earlier marriage ends a year or more before the later
 * one began.  0 when nobody fits.
 */
static int
divorced(struct fam *fm, int d)
{
	struct gd_family *f = fm->f;
	const struct gd_person *p = &fm->p[d];
	int s = !p->m->female, k;
	int64_t adult = adult_day(p), lo = 0, hi = 0, on, ended;
	struct gd_pooled e;
	struct gd_marriage *m;

	for (k = f->npool[s] - 1; k >= 0; k--) {
		lo = max64(adult, f->pool[s][k].adult);
		hi = f->pool[s][k].married_on - 365;
		if (hi - lo >= 365)
			break;
	}
	if (k < 0)
		return 0;
	e = f->pool[s][k];
	f->pool[s][k] = f->pool[s][--f->npool[s]];
	on = lo + gd_rng_below(&f->r, (uint32_t)((hi - lo) / 2 + 1));
	ended = on + 180 + gd_rng_below(&f->r, (uint32_t)(hi - on - 180 + 1));
	m = &fm->o->mar[fm->o->nm++];
	m->id = ++f->marriages;
	m->man = p->m->female ? e.id : p->id;
	m->woman = p->m->female ? p->id : e.id;
	m->on = on;
	m->ended = ended;
	m->reason = "divorce";
	m->record = 0;
	f->st.marriages++;
	f->st.divorces++;
	f->st.remarried++;
	fm->st[d] = ST_DIVORCED;
	return 1;
}

/* The marital status of everyone not in a couple. */
static void
statuses(struct fam *fm)
{
	struct gd_rng *r = &fm->f->r;
	int i, lone;

	for (i = 0; i < fm->n; i++) {
		if (fm->st[i] != ST_NONE)
			continue;
		if (fm->p[i].m->age < 18) {
			fm->st[i] = ST_SINGLE;
			continue;
		}
		lone = i == 0 || i == fm->fa || i == fm->mo;
		if (lone && fm->p[i].m->age >= 25 &&
		    gd_rng_pm(r, i == 0 ? 300 : 450) && divorced(fm, i))
			continue;
		if (lone && i != 0)
			fm->st[i] = gd_rng_pm(r, 700) ? ST_UNKNOWN : ST_SINGLE;
		else
			fm->st[i] = gd_rng_pm(r, i == 0 ? 80 : 40) ? ST_UNKNOWN
			                                           : ST_SINGLE;
	}
}

/* Death per mille by age, for a spouse or a parent of the head. */
static unsigned
death_pm(int age)
{
	return age >= 85 ? 350
	    : age >= 75  ? 180
	    : age >= 65  ? 80
	    : age >= 50  ? 25
	                 : 6;
}

/* The earliest day person i may have died, so that everything else about
 * them came before. */
static int64_t
death_floor(const struct fam *fm, int i)
{
	const struct gd_person *p = &fm->p[i];
	int64_t lo = max64(p->since, gd_days(GD_BIRTH_REC_Y, 1, 1));
	int j;

	if (p->temp)
		lo = max64(lo, p->temp_from);
	for (j = 0; j < fm->n; j++)
		if (fm->mother[j] == i || fm->father[j] == i)
			lo = max64(lo, fm->p[j].birth + 60);
	for (j = 0; j < fm->o->nm; j++)
		if (fm->o->mar[j].man == p->id || fm->o->mar[j].woman == p->id)
			lo = max64(
			    lo, max64(fm->o->mar[j].on, fm->o->mar[j].ended));
	return lo + 1;
}

static void
die(struct fam *fm, int i)
{
	struct gd_person *p = &fm->p[i];
	int64_t lo = death_floor(fm, i);
	struct gd_marriage *m;
	int j;

	if (lo > fm->last)
		return;
	p->death = lo + gd_rng_below(&fm->f->r, (uint32_t)(fm->last - lo + 1));
	fm->f->st.deaths++;
	if (fm->mar[i] < 0)
		return;
	m = &fm->o->mar[fm->mar[i]];
	m->ended = p->death;
	m->reason = "death";
	for (j = 0; j < fm->n; j++)
		if (j != i && fm->mar[j] == fm->mar[i]) {
			fm->st[j] = ST_WIDOWED;
			fm->mar[j] = -1;
		}
	fm->mar[i] = -1; /* married when they died: their status stays */
}

static void
deaths(struct fam *fm)
{
	struct gd_rng *r = &fm->f->r;
	int c[3] = { fm->spouse, fm->fa, fm->mo }, k, died = 0;
	struct gd_person *p;

	for (k = 0; k < 3; k++) {
		if (c[k] < 0)
			continue;
		p = &fm->p[c[k]];
		if (!gd_rng_pm(r, death_pm(p->m->age)) ||
		    p->id <= GD_ALIVE_FIRST || (k == 2 && died))
			continue;
		die(fm, c[k]);
		died = k == 1 && p->death != GD_NODAY;
	}
}

/* The living married head and spouse may later turn out divorced from
 * someone. */
static void
pool(struct fam *fm)
{
	struct gd_family *f = fm->f;
	int i, s;
	struct gd_pooled e;

	for (i = 0; i < fm->n; i++) {
		if (!(i == 0 || i == fm->spouse) || fm->mar[i] < 0)
			continue;
		e.id = fm->p[i].id;
		e.adult = adult_day(&fm->p[i]);
		e.married_on = fm->o->mar[fm->mar[i]].on;
		if (e.married_on - e.adult < 3 * 365)
			continue;
		s = fm->p[i].m->female;
		if (f->npool[s] < GD_POOL)
			f->pool[s][f->npool[s]++] = e;
		else
			f->pool[s][f->marriages % GD_POOL] = e;
	}
}

static struct gd_record *
record(struct fam *fm, int kind, uint64_t citizen, int64_t event, int64_t reg)
{
	struct gd_family *f = fm->f;
	struct gd_record *rc = &fm->o->rec[fm->o->nr++];
	int y, yi;

	if (reg > fm->last)
		reg = fm->last;
	if (reg < event)
		reg = event;
	y = gd_year(reg);
	memset(rc, 0, sizeof(*rc));
	rc->id = ++f->records;
	rc->kind = kind;
	rc->year = y;
	rc->commune = fm->h->commune;
	yi = y < GD_BOOK_Y0                ? 0
	    : y - GD_BOOK_Y0 >= GD_BOOK_NY ? GD_BOOK_NY - 1
	                                   : y - GD_BOOK_Y0;
	rc->number = ++f->books[(fm->h->commune * GD_REC__N + (size_t)kind) *
	        GD_BOOK_NY +
	    (size_t)yi];
	rc->citizen = citizen;
	rc->event = event;
	rc->reg = reg;
	rc->reg_min = 450 + (int)gd_rng_below(&f->r, 540);
	f->st.records++;
	return rc;
}

static int
alive_on(const struct gd_person *p, int64_t d)
{
	return p->death == GD_NODAY || p->death >= d;
}

static void
records(struct fam *fm)
{
	struct gd_rng *r = &fm->f->r;
	struct gd_record *rc;
	struct gd_link *l;
	uint64_t birth_rec[GD_HH_MAX];
	int64_t delay;
	int i, j, k;

	for (i = 0; i < fm->n; i++) {
		birth_rec[i] = 0;
		if (gd_year(fm->p[i].birth) < GD_BIRTH_REC_Y)
			continue;
		delay = gd_rng_pm(r, 920) ? gd_rng_below(r, 61)
		                          : 61 + gd_rng_below(r, 600);
		rc = record(fm, GD_REC_BIRTH, fm->p[i].id, fm->p[i].birth,
		    fm->p[i].birth + delay);
		rc->late = rc->reg - rc->event > 60;
		j = fm->mother[i] >= 0 &&
		        alive_on(&fm->p[fm->mother[i]], rc->reg)
		    ? fm->mother[i]
		    : fm->father[i];
		if (j >= 0 && alive_on(&fm->p[j], rc->reg)) {
			rc->declarant = fm->p[j].id;
			rc->relation = "parent";
		}
		birth_rec[i] = rc->id;
	}
	for (k = 0; k < fm->o->nm; k++) {
		rc = record(fm, GD_REC_MARRIAGE, fm->o->mar[k].man,
		    fm->o->mar[k].on, fm->o->mar[k].on);
		rc->other = fm->o->mar[k].woman;
		fm->o->mar[k].record = rc->id;
	}
	for (i = 0; i < fm->n; i++) {
		if (fm->p[i].death == GD_NODAY)
			continue;
		rc = record(fm, GD_REC_DEATH, fm->p[i].id, fm->p[i].death,
		    fm->p[i].death + gd_rng_below(r, 15));
		rc->declarant = fm->p[0].id;
		rc->relation = i == fm->spouse ? "spouse" : "child";
		/* a death locks the person's records */
		for (k = 0; k < fm->o->nr; k++)
			if (fm->o->rec[k].citizen == fm->p[i].id)
				fm->o->rec[k].locked = 1;
	}
	for (i = 0; i < fm->n; i++)
		for (k = 0; k < 2; k++) {
			j = k == 0 ? fm->mother[i] : fm->father[i];
			if (j < 0)
				continue;
			l = &fm->o->l[fm->o->nl++];
			l->child = fm->p[i].id;
			l->parent = fm->p[j].id;
			l->record = birth_rec[i];
			l->father = k;
			fm->f->st.links++;
		}
}

/* Whether the mother of child i was married when i was born. */
static int
born_married(const struct fam *fm, int i)
{
	const struct gd_marriage *m;
	int k;

	for (k = 0; k < fm->o->nm; k++) {
		m = &fm->o->mar[k];
		if (m->woman == fm->p[fm->mother[i]].id &&
		    m->on <= fm->p[i].birth &&
		    (m->ended == GD_NODAY || m->ended > fm->p[i].birth))
			return 1;
	}
	return 0;
}

void
gd_family(struct gd_family *f, const struct gd_household *h,
    struct gd_person *p, struct gd_famout *out)
{
	struct fam fm;
	int i;

	memset(&fm, 0, sizeof(fm));
	memset(out, 0, sizeof(*out));
	fm.f = f;
	fm.h = h;
	fm.p = p;
	fm.o = out;
	fm.n = h->size;
	fm.spouse = fm.fa = fm.mo = -1;
	fm.last = gd_days(GD_TODAY_Y, 1, 1) - 1;
	for (i = 0; i < fm.n; i++) {
		fm.st[i] = ST_NONE;
		fm.mother[i] = fm.father[i] = fm.mar[i] = -1;
		p[i].death = GD_NODAY;
		if (role_is(&p[i], "vợ") || role_is(&p[i], "chồng"))
			fm.spouse = i;
		else if (role_is(&p[i], "bố"))
			fm.fa = i;
		else if (role_is(&p[i], "mẹ"))
			fm.mo = i;
	}
	links(&fm);
	if (fm.spouse >= 0)
		couple(&fm, 0, fm.spouse, 30);
	if (fm.fa >= 0 && fm.mo >= 0)
		couple(&fm, fm.fa, fm.mo, 0);
	statuses(&fm);
	deaths(&fm);
	pool(&fm);
	records(&fm);
	for (i = 0; i < fm.n; i++) {
		p[i].marital = status_name[fm.st[i]];
		f->st.status[fm.st[i]]++;
		if (fm.mother[i] >= 0 && !born_married(&fm, i))
			f->st.unwed_births++;
	}
}
