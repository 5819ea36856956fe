/*
 * The output: household.tsv, citizen.tsv, citizen_pid.tsv, residence.tsv,
 * parent_link.tsv, marriage.tsv, civil_record.tsv, civil_book_seq.tsv and
 * official.tsv in the
 * default LOAD DATA format (tab-separated,
 * '\n'-terminated, \N for NULL, backslash escapes for tab, newline,
 * carriage return and backslash), with explicit ids, rows in primary-key
 * order; and load.sql, which loads them with LOAD DATA LOCAL INFILE.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gendemo.h"
#include "log.h"

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
		fatal("out of memory");
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* A 1 MiB buffer per file: millions of short rows. */
void
gd_out_open(struct gd_out *o, const char *dir, const char *name)
{
	o->path = path_join(dir, name);
	o->fp = fopen(o->path, "w");
	if (o->fp == NULL)
		fatal("cannot create %s: %s", o->path, strerror(errno));
	o->buf = malloc(1 << 20);
	if (o->buf != NULL)
		setvbuf(o->fp, o->buf, _IOFBF, 1 << 20);
}

void
gd_out_close(struct gd_out *o)
{
	int err = ferror(o->fp);

	errno = 0;
	if (fclose(o->fp) != 0 || err)
		fatal("error writing %s: %s", o->path,
		    errno ? strerror(errno) : "write error");
	free(o->buf);
	free(o->path);
}

void
gd_write_open(
    struct gd_writer *w, const struct gd_communes *cs, const char *dir)
{
	memset(w, 0, sizeof(*w));
	w->cs = cs;
	gd_out_open(&w->hh, dir, "household.tsv");
	gd_out_open(&w->cit, dir, "citizen.tsv");
	gd_out_open(&w->pid, dir, "citizen_pid.tsv");
	gd_out_open(&w->res, dir, "residence.tsv");
	gd_out_open(&w->link, dir, "parent_link.tsv");
	gd_out_open(&w->mar, dir, "marriage.tsv");
	gd_out_open(&w->rec, dir, "civil_record.tsv");
	gd_out_open(&w->seq, dir, "civil_book_seq.tsv");
}

void
gd_write_close(struct gd_writer *w)
{
	gd_out_close(&w->hh);
	gd_out_close(&w->cit);
	gd_out_close(&w->pid);
	gd_out_close(&w->res);
	gd_out_close(&w->link);
	gd_out_close(&w->mar);
	gd_out_close(&w->rec);
	gd_out_close(&w->seq);
}

void
gd_write_household(struct gd_writer *w, const struct gd_household *h)
{
	FILE *fp = w->hh.fp;

	fprintf(fp, "%llu\t%s\t", (unsigned long long)h->id,
	    w->cs->v[h->commune].code);
	put_field(fp, h->addr);
	fputc('\n', fp);
}

/* The deceased no longer belong to the household. */
static void
write_citizen(FILE *fp, const struct gd_household *h, const struct gd_person *p)
{
	char d[11];

	fprintf(fp, "%llu\t%s\t", (unsigned long long)p->id, p->pid);
	put_field(fp, p->name);
	fprintf(fp, "\t%s\t%c\t", gd_fmt_date(d, p->birth),
	    p->m->female ? 'F' : 'M');
	put_field(fp, p->eth);
	if (p->death != GD_NODAY)
		fprintf(fp, "\t\\N\t\\N\t1\t%s", gd_fmt_date(d, p->death));
	else {
		fprintf(fp, "\t%llu\t", (unsigned long long)h->id);
		put_field(fp, p->m->role);
		fputs("\t1\t\\N", fp);
	}
	fprintf(fp, "\t%s\n", p->marital != NULL ? p->marital : "\\N");
}

/* The personal number from birth and, before it, the old card. */
static void
write_numbers(struct gd_writer *w, const struct gd_person *p)
{
	FILE *fp = w->pid.fp;
	char d1[11], d2[11];

	fprintf(fp, "%llu\t%llu\t%s\tpid\t%s\t\\N\t\\N\n",
	    (unsigned long long)++w->pid_rows, (unsigned long long)p->id,
	    p->pid, gd_fmt_date(d1, p->birth));
	if (p->cmnd)
		fprintf(fp,
		    "%llu\t%llu\t%09llu\tcmnd\t%s\t%s\treplaced by CCCD\n",
		    (unsigned long long)++w->pid_rows,
		    (unsigned long long)p->id, (unsigned long long)p->cmnd_num,
		    gd_fmt_date(d1, p->cmnd_from), gd_fmt_date(d2, p->cmnd_to));
}

static void
write_residences(struct gd_writer *w, const struct gd_household *h,
    const struct gd_person *p)
{
	FILE *fp = w->res.fp;
	char d1[11], d2[11];

	fprintf(fp, "%llu\t%llu\tpermanent\t%s\t",
	    (unsigned long long)++w->res_rows, (unsigned long long)p->id,
	    w->cs->v[h->commune].code);
	put_field(fp, h->addr);
	fprintf(fp, "\t%llu\t%s\t%s\t1\n", (unsigned long long)h->id,
	    gd_fmt_date(d1, p->since),
	    p->death != GD_NODAY ? gd_fmt_date(d2, p->death) : "\\N");
	if (!p->temp)
		return;
	fprintf(fp, "%llu\t%llu\ttemporary\t%s\t",
	    (unsigned long long)++w->res_rows, (unsigned long long)p->id,
	    w->cs->v[p->temp_commune].code);
	put_field(fp, p->temp_addr);
	fprintf(fp, "\t\\N\t%s\t%s\t1\n", gd_fmt_date(d1, p->temp_from),
	    gd_fmt_date(d2, p->death != GD_NODAY ? p->death : p->temp_to));
}

void
gd_write_person(struct gd_writer *w, const struct gd_household *h,
    const struct gd_person *p)
{
	write_citizen(w->cit.fp, h, p);
	write_numbers(w, p);
	write_residences(w, h, p);
}

/* An id, or \N for 0. */
static void
put_id(FILE *fp, uint64_t id)
{
	if (id == 0)
		fputs("\\N", fp);
	else
		fprintf(fp, "%llu", (unsigned long long)id);
}

void
gd_write_family(struct gd_writer *w, const struct gd_famout *o)
{
	static const char *const kinds[] = { "birth", "marriage", "death" };
	const struct gd_record *rc;
	const struct gd_marriage *m;
	char d1[11], d2[11];
	int i;

	for (i = 0; i < o->nl; i++) {
		fprintf(w->link.fp, "%llu\t%llu\t%s\t",
		    (unsigned long long)o->l[i].child,
		    (unsigned long long)o->l[i].parent,
		    o->l[i].father ? "father" : "mother");
		put_id(w->link.fp, o->l[i].record);
		fputc('\n', w->link.fp);
	}
	for (i = 0; i < o->nm; i++) {
		m = &o->mar[i];
		fprintf(w->mar.fp, "%llu\t%llu\t%llu\t%s\t%s\t%s\t",
		    (unsigned long long)m->id, (unsigned long long)m->man,
		    (unsigned long long)m->woman, gd_fmt_date(d1, m->on),
		    m->ended != GD_NODAY ? gd_fmt_date(d2, m->ended) : "\\N",
		    m->reason != NULL ? m->reason : "\\N");
		put_id(w->mar.fp, m->record);
		fputc('\n', w->mar.fp);
	}
	for (i = 0; i < o->nr; i++) {
		rc = &o->rec[i];
		fprintf(w->rec.fp, "%llu\t%s\t%s\t%u/%d\t%s\t%llu\t",
		    (unsigned long long)rc->id, kinds[rc->kind],
		    gd_book(rc->kind), rc->number, rc->year,
		    w->cs->v[rc->commune].code,
		    (unsigned long long)rc->citizen);
		put_id(w->rec.fp, rc->other);
		fprintf(w->rec.fp, "\t%s\t%s %02d:%02d:00\t",
		    gd_fmt_date(d1, rc->event), gd_fmt_date(d2, rc->reg),
		    rc->reg_min / 60, rc->reg_min % 60);
		put_id(w->rec.fp, rc->declarant);
		fputc('\t', w->rec.fp);
		if (rc->relation != NULL)
			put_field(w->rec.fp, rc->relation);
		else
			fputs("\\N", w->rec.fp);
		fprintf(w->rec.fp, "\t%d\t%d\n", rc->late, rc->locked);
	}
}

void
gd_write_books(struct gd_writer *w, const struct gd_family *f)
{
	size_t c;
	int k, y;
	uint32_t last;

	for (c = 0; c < w->cs->n; c++)
		for (k = 0; k < GD_REC__N; k++)
			for (y = 0; y < GD_BOOK_NY; y++) {
				last = f->books[(c * GD_REC__N + (size_t)k) *
				        GD_BOOK_NY +
				    (size_t)y];
				if (last > 0)
					fprintf(w->seq.fp, "%s\t%s\t%d\t%u\n",
					    w->cs->v[c].code, gd_book(k),
					    GD_BOOK_Y0 + y, last);
			}
}

void
gd_write_official(struct gd_out *o, const struct gd_official *of)
{
	fprintf(o->fp, "%zu\t%s\t", of->id, of->user);
	put_field(o->fp, of->name);
	fprintf(o->fp, "\t%s\t%s\t1\n", of->role, of->c->code);
}

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

static const struct {
	const char *file, *table, *cols;
} loads[] = {
	{ "household.tsv", "household", "id, commune_code, address" },
	{ "citizen.tsv", "citizen",
	    "id, pid, full_name, birth_date, sex, ethnicity, "
	    "household_id, household_role, residence_version, death_date, "
	    "marital_status" },
	{ "citizen_pid.tsv", "citizen_pid",
	    "id, citizen_id, number, kind, valid_from, valid_to, reason" },
	{ "residence.tsv", "residence",
	    "id, citizen_id, kind, commune_code, address, "
	    "household_id, valid_from, valid_to, version" },
	{ "parent_link.tsv", "parent_link",
	    "child_id, parent_id, role, record_id" },
	{ "marriage.tsv", "marriage",
	    "id, party_a, party_b, married_on, ended_on, end_reason, "
	    "record_id" },
	{ "civil_record.tsv", "civil_record",
	    "id, kind, book, number, commune_code, citizen_id, other_id, "
	    "event_date, registered_at, declarant_id, declarant_relation, "
	    "late, locked" },
	{ "civil_book_seq.tsv", "civil_book_seq",
	    "commune_code, book, year, last" },
	{ "official.tsv", "official",
	    "id, username, full_name, role, commune_code, active" },
};

/*
 * @motcua_bulk_load makes the residence_ai trigger skip its per-row
 * version bump (the rows arrive with version 1) and the change feed's
 * triggers skip the rows (a load is not a change); key checks are off for
 * the load's speed, the rows being consistent by construction.
 */
void
gd_write_load_sql(const char *dir)
{
	char *abs = realpath(dir, NULL), *p;
	struct gd_out o;
	size_t i;

	if (abs == NULL)
		fatal("realpath %s: %s", dir, strerror(errno));
	gd_out_open(&o, dir, "load.sql");
	fputs("-- Generated by motcua-gendemo; load with\n"
	      "--   mariadb --local-infile=1 DB < load.sql\n"
	      "-- @motcua_bulk_load makes the residence_ai trigger skip its\n"
	      "-- per-row version bump (the rows arrive with version 1), and\n"
	      "-- the change feed's triggers skip the rows.\n"
	      "SET NAMES utf8mb4;\n"
	      "SET @motcua_bulk_load = 1;\n"
	      "SET @old_uc = @@unique_checks, @old_fkc = "
	      "@@foreign_key_checks;\n"
	      "SET unique_checks = 0;\n"
	      "SET foreign_key_checks = 0;\n",
	    o.fp);
	for (i = 0; i < NELEM(loads); i++) {
		p = path_join(abs, loads[i].file);
		fputs("LOAD DATA LOCAL INFILE ", o.fp);
		sql_quote_path(o.fp, p);
		fprintf(o.fp,
		    " INTO TABLE %s CHARACTER SET utf8mb4"
		    " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
		    " LINES TERMINATED BY '\\n' (%s);\n",
		    loads[i].table, loads[i].cols);
		free(p);
	}
	fputs("SET unique_checks = @old_uc;\n"
	      "SET foreign_key_checks = @old_fkc;\n"
	      "SET @motcua_bulk_load = NULL;\n",
	    o.fp);
	gd_out_close(&o);
	free(abs);
}
