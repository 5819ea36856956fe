/*
 * motcua-gendemo: a deterministic demo population.
 *
 *   motcua-gendemo -n N [-s SEED] -c communes.csv -o OUTDIR [-p] [-l K]
 *
 * Writes household.tsv, citizen.tsv, citizen_pid.tsv, residence.tsv,
 * parent_link.tsv, marriage.tsv, civil_record.tsv, civil_book_seq.tsv,
 * official.tsv and load.sql into OUTDIR (created if missing).  The same N,
 * SEED and communes file always give byte-identical output (gendemo.h
 * says how).  This file reads the options, runs the generator into the
 * writers and prints the summary.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "gendemo.h"
#include "log.h"

static const char *progname = "motcua-gendemo";

struct opts {
	unsigned long long n, list_k, seed;
	const char *csv, *outdir;
	int summary;
};

struct stats {
	uint64_t households, citizens, pid_rows, cmnd_rows, res_rows, temps;
	uint64_t officials, female;
	uint64_t hh_size[GD_HH_MAX + 1];
	uint64_t age_band[10]; /* 0-9, 10-19, ..., 90+ */
	struct gd_famstats fam;
};

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
	    progname, GD_MAX_N);
	exit(1);
}

/* An unsigned number in base (0: C prefixes), or -1. */
static int
number(const char *s, int base, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end || end == s || s[0] == '-' ? -1 : 0;
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	int opt;

	memset(o, 0, sizeof(*o));
	o->seed = 1;
	while ((opt = getopt(argc, argv, "n:s:c:o:pl:h")) != -1) {
		switch (opt) {
		case 'n':
			if (number(optarg, 10, &o->n) < 0 || o->n < 1 ||
			    o->n > GD_MAX_N)
				fatal("-n: want an integer 1..%llu, got '%s'",
				    GD_MAX_N, optarg);
			break;
		case 's':
			if (number(optarg, 0, &o->seed) < 0)
				fatal("-s: want an unsigned 64-bit integer, "
				      "got '%s'",
				    optarg);
			break;
		case 'c':
			o->csv = optarg;
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case 'p':
			o->summary = 1;
			break;
		case 'l':
			if (number(optarg, 10, &o->list_k) < 0)
				fatal("-l: want a non-negative integer, "
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
	if (o->n == 0 || o->csv == NULL || o->outdir == NULL) {
		fprintf(stderr, "%s: -n, -c and -o are required\n", progname);
		usage();
	}
}

static void
make_outdir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		fatal("cannot create %s: %s", dir, strerror(errno));
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		fatal("%s is not a directory", dir);
}

static void
count_person(struct stats *st, const struct gd_person *p)
{
	st->cmnd_rows += p->cmnd != 0;
	st->temps += p->temp != 0;
	st->female += p->m->female;
	st->age_band[p->m->age >= 90 ? 9 : p->m->age / 10]++;
}

/*
 * The citizens, household by household (its people, then their family),
 * then the officials.
 */
static void
generate(const struct opts *o, struct gd_gen *g, struct gd_family *f,
    struct stats *st)
{
	struct gd_writer w;
	struct gd_household h;
	struct gd_person p[GD_HH_MAX];
	struct gd_famout fam;
	struct gd_official of;
	struct gd_out fo;
	char d[11];
	size_t i;
	int k;

	gd_write_open(&w, g->cs, o->outdir);
	while (g->citizens < o->n) {
		gd_next_household(g, &h, o->n - g->citizens);
		st->hh_size[h.size]++;
		gd_write_household(&w, &h);
		for (k = 0; k < h.size; k++)
			gd_next_person(g, &h, k, &p[k]);
		gd_family(f, &h, p, &fam);
		for (k = 0; k < h.size; k++) {
			gd_write_person(&w, &h, &p[k]);
			if (p[k].id <= o->list_k)
				printf("%s\t%s\t%c\t%s\t%d\n", p[k].pid,
				    gd_fmt_date(d, p[k].birth),
				    p[k].m->female ? 'F' : 'M',
				    g->cs->v[h.commune].code, p[k].temp);
			count_person(st, &p[k]);
		}
		gd_write_family(&w, &fam);
	}
	gd_write_books(&w, f);
	st->fam = f->st;
	st->households = g->households;
	st->citizens = g->citizens;
	st->pid_rows = w.pid_rows;
	st->res_rows = w.res_rows;
	gd_write_close(&w);

	gd_out_open(&fo, o->outdir, "official.tsv");
	for (i = 0; i < gd_officials(g); i++) {
		gd_next_official(g, i, &of);
		gd_write_official(&fo, &of);
		st->officials++;
	}
	gd_out_close(&fo);
}

static void
print_summary(const struct opts *o, size_t ncommunes, const struct stats *st)
{
	int i;

	fprintf(stderr,
	    "%s: seed %llu, %zu communes\n"
	    "  households   %llu (size 1..6: %llu %llu %llu %llu "
	    "%llu %llu)\n"
	    "  citizens     %llu (%llu female)\n"
	    "  citizen_pid  %llu (%llu cmnd)\n"
	    "  residence    %llu (%llu temporary, %.2f%%)\n"
	    "  officials    %llu\n"
	    "  ages",
	    progname, o->seed, ncommunes, (unsigned long long)st->households,
	    (unsigned long long)st->hh_size[1],
	    (unsigned long long)st->hh_size[2],
	    (unsigned long long)st->hh_size[3],
	    (unsigned long long)st->hh_size[4],
	    (unsigned long long)st->hh_size[5],
	    (unsigned long long)st->hh_size[6],
	    (unsigned long long)st->citizens, (unsigned long long)st->female,
	    (unsigned long long)st->pid_rows, (unsigned long long)st->cmnd_rows,
	    (unsigned long long)st->res_rows, (unsigned long long)st->temps,
	    100.0 * (double)st->temps / (double)st->citizens,
	    (unsigned long long)st->officials);
	for (i = 0; i < 10; i++)
		fprintf(stderr, " %d%s:%llu", i * 10, i == 9 ? "+" : "s",
		    (unsigned long long)st->age_band[i]);
	fprintf(stderr,
	    "\n  parent_link  %llu (%llu born to a mother not married)\n"
	    "  marriage     %llu (%llu divorces, %llu remarried)\n"
	    "  deaths       %llu\n"
	    "  civil_record %llu\n"
	    "  status       single %llu, married %llu, divorced %llu, "
	    "widowed %llu, unknown %llu (%.2f%%)\n",
	    (unsigned long long)st->fam.links,
	    (unsigned long long)st->fam.unwed_births,
	    (unsigned long long)st->fam.marriages,
	    (unsigned long long)st->fam.divorces,
	    (unsigned long long)st->fam.remarried,
	    (unsigned long long)st->fam.deaths,
	    (unsigned long long)st->fam.records,
	    (unsigned long long)st->fam.status[0],
	    (unsigned long long)st->fam.status[1],
	    (unsigned long long)st->fam.status[2],
	    (unsigned long long)st->fam.status[3],
	    (unsigned long long)st->fam.status[4],
	    100.0 * (double)st->fam.status[4] / (double)st->citizens);
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct gd_communes cs;
	struct gd_gen *g;
	struct gd_family *f;
	struct stats st;

	log_init(progname, 0);
	parse_opts(argc, argv, &o);
	gd_communes_load(&cs, o.csv);
	make_outdir(o.outdir);
	if ((g = malloc(sizeof(*g))) == NULL ||
	    (f = malloc(sizeof(*f))) == NULL)
		fatal("out of memory");
	gd_gen_init(g, &cs, o.seed);
	gd_family_init(f, &cs, o.seed);
	memset(&st, 0, sizeof(st));
	generate(&o, g, f, &st);
	gd_write_load_sql(o.outdir);
	if (fflush(stdout) != 0 || ferror(stdout))
		fatal("error writing standard output");
	if (o.summary)
		print_summary(&o, cs.n, &st);
	gd_family_free(f);
	free(f);
	free(g);
	gd_communes_free(&cs);
	return 0;
}
