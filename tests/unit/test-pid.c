/*
 * A child's new personal number, its pure part: the century-and-sex
 * digit, the number composed for a province, a year, a sex and six
 * digits, which the project's validator passes; the six random digits;
 * and the commune table the province digits come from (every current
 * commune mapped to a pre-2025 province, the CSV and the migration
 * agreeing row by row).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "valid.h"
#include "tap.h"

static void
digits(void)
{
	static const struct {
		int year;
		const char *sex;
		int digit;
	} t[] = {
		{ 1900, "M", 0 },
		{ 1999, "F", 1 },
		{ 2000, "M", 2 },
		{ 2026, "F", 3 },
		{ 2099, "M", 2 },
		{ 2100, "M", 4 },
		{ 2150, "F", 5 },
		{ 2199, "F", 5 },
		{ 2200, "M", 6 },
		{ 1899, "M", -1 },
		{ 2400, "F", -1 },
		{ 2026, "X", -1 },
		{ 2026, "", -1 },
		{ 2026, "MF", -1 },
		{ 2026, NULL, -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int got = cv_pid_digit(t[i].year, t[i].sex);

		if (!ok(got == t[i].digit, "century-and-sex digit for %d %s",
		        t[i].year, t[i].sex != NULL ? t[i].sex : "(null)"))
			printf("# got %d, want %d\n", got, t[i].digit);
	}
}

static void
compose(void)
{
	char pid[13];
	size_t i;
	int all = 1, pass = 1;

	ok(cv_pid_compose(pid, "01", 2026, "F", 42) == 0, "composes");
	is_str(pid, "001326000042", "Hà Nội, a girl of 2026, digits 000042");
	ok(cv_pid_compose(pid, "96", 1985, "M", 999999) == 0 &&
	        strcmp(pid, "096085999999") == 0,
	    "Cà Mau, a boy of 1985, digits 999999");
	ok(cv_pid_compose(pid, "79", 2100, "F", 7) == 0 &&
	        strcmp(pid, "079500000007") == 0,
	    "Hồ Chí Minh, a girl of 2100");
	ok(cv_pid_compose(pid, "03", 2026, "M", 1) == -1,
	    "03 was no province before 2025: refused");
	ok(cv_pid_compose(pid, "01", 2026, "M", 1000000) == -1,
	    "seven digits: refused");
	ok(cv_pid_compose(pid, "01", 1899, "M", 1) == -1,
	    "a year without a digit: refused");

	/* every province, both sexes, three centuries: the validator passes
	 * the number, with its birth year and sex, and the province digits
	 * are the province's */
	for (i = 0; i < VALID_NPROVINCES_PRE2025; i++) {
		static const int years[] = { 1950, 2026, 2100 };
		static const char *const sexes[] = { "M", "F" };
		const char *code = valid_provinces_pre2025[i].code;
		size_t y, s;

		for (y = 0; y < 3; y++)
			for (s = 0; s < 2; s++) {
				char birth[11];

				snprintf(
				    birth, sizeof(birth), "%d-06-15", years[y]);
				if (cv_pid_compose(pid, code, years[y],
				        sexes[s], 123456) != 0) {
					all = 0;
					continue;
				}
				if (pid[0] != '0' ||
				    strncmp(pid + 1, code, 2) != 0)
					all = 0;
				if (valid_pid(pid, birth, sexes[s], 2100) !=
				    NULL) {
					printf("# %s fails %s\n", pid,
					    valid_pid(
					        pid, birth, sexes[s], 2100));
					pass = 0;
				}
			}
	}
	ok(all, "the province digits are the province's, for all 63");
	ok(pass, "the validator passes every number, birth year and sex");
	cv_pid_compose(pid, "01", 2026, "F", 5);
	ok(valid_pid(pid, "2026-01-02", "M", 2026) != NULL,
	    "(the validator does check the sex)");
}

static void
random_six(void)
{
	/* 2,000 draws from 10^6 values: the expected number of equal pairs
	 * is 2000 * 1999 / 2 / 10^6 = 2.0 (Poisson); 14 or more happen with
	 * probability below 10^-7, while a stuck or narrow source collides
	 * on almost every draw */
	enum { draws = 2000 };
	static unsigned long seen[draws];
	unsigned long six, pairs = 0, ascending = 0;
	int range = 1, fails = 0;
	size_t i, j, n = 0;

	for (i = 0; i < draws; i++) {
		if (cv_pid_six(&six) != 0) {
			fails++;
			continue;
		}
		range &= six <= 999999;
		for (j = 0; j < n; j++)
			if (seen[j] == six)
				pairs++;
		if (n > 0 && six > seen[n - 1])
			ascending++;
		seen[n++] = six;
	}
	ok(fails == 0, "six random digits drawn 2000 times");
	ok(range, "each within 000000-999999");
	ok(pairs < 14, "and hardly ever the same twice");
	/* a counter would climb every time; random draws climb about half */
	ok(ascending > draws / 4 && ascending < draws * 3 / 4,
	    "and not in order");
}

/* Reads "a,b\n" rows of a CSV after its header into code[] and val[];
 * returns the number of rows, or -1. */
static int
read_csv(const char *name, const char *header, char (*code)[6], char (*val)[3],
    int max, int col)
{
	char path[4096], line[512];
	const char *src = getenv("top_srcdir");
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/conf/admin-units/%s",
	    src != NULL ? src : ".", name);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(line, sizeof(line), f) == NULL ||
	    strncmp(line, header, strlen(header)) != 0) {
		fclose(f);
		return -1;
	}
	while (n < max && fgets(line, sizeof(line), f) != NULL) {
		char *c = line;
		int k;

		snprintf(code[n], 6, "%.5s", line);
		for (k = 0; k < col && c != NULL; k++)
			if ((c = strchr(c, ',')) != NULL)
				c++;
		snprintf(val[n], 3, "%.2s", c != NULL ? c : "");
		n++;
	}
	fclose(f);
	return n;
}

/* The commune table the province digits come from. */
static void
communes(void)
{
	static char cc[4000][6], cp[4000][3], mc[4000][6], mp[4000][3];
	char path[4096], line[256];
	const char *src = getenv("top_srcdir");
	int nc, nm, i, nsql = 0, okprov = 1, same = 1, sqlsame = 1;
	FILE *f;

	nc = read_csv("communes.csv", "code,", cc, cp, 4000, 3);
	nm = read_csv(
	    "communes_pre2025.csv", "code,province_pre2025\n", mc, mp, 4000, 1);
	ok(nc == 3321 && nm == 3321, "3321 communes, 3321 mapped");
	for (i = 0; i < nm && i < nc; i++) {
		if (strcmp(cc[i], mc[i]) != 0)
			same = 0;
		if (!valid_province_pre2025(mp[i]))
			okprov = 0;
	}
	ok(same, "every current commune mapped, in the same order");
	ok(okprov, "each to a pre-2025 province");
	ok(nm > 0 && strcmp(mp[0], "01") == 0 && strcmp(mp[nm - 1], "96") == 0,
	    "Ba Đình to Hà Nội (01), the last commune to Cà Mau (96)");

	snprintf(path, sizeof(path), "%s/conf/sql/023_civil_birth.sql",
	    src != NULL ? src : ".");
	if (!ok((f = fopen(path, "r")) != NULL, "open 023_civil_birth.sql"))
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char c[6], p[3];

		if (sscanf(line, "('%5[0-9]', '2025-07-01', '%2[0-9]')", c,
		        p) != 2)
			continue;
		if (nsql >= nm || strcmp(c, mc[nsql]) != 0 ||
		    strcmp(p, mp[nsql]) != 0)
			sqlsame = 0;
		nsql++;
	}
	fclose(f);
	ok(sqlsame && nsql == nm, "the migration loads the CSV's rows (%d)",
	    nsql);
}

int
main(void)
{
	digits();
	compose();
	random_six();
	communes();
	return tap_done();
}
