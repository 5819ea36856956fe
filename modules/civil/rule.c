/*
 * The civil rules by effective date (civil_rule): a time limit, a
 * paper's name, a procedure's code or competence is the row valid on the
 * day in question, so that a dossier received on 2027-02-28 follows Law
 * 60/2014 and one received on 2027-03-01 follows Law 03/2026, whatever
 * day it is decided.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "civil.h"

int
cv_rule(struct db *db, struct arena *a, const char *rule, const char *day,
    const char **value)
{
	struct db_param p[] = { DBP_S(rule), DBP_S(NULL), DBP_S(NULL) };
	struct db_res res;
	char d[11];
	int rc;

	/* a time "YYYY-MM-DD HH:MM:SS" is on its day */
	memcpy(d, day, 10);
	d[10] = '\0';
	p[1].s = p[2].s = d;
	*value = NULL;
	if ((rc = db_exec(db, a, CV_RULE, p, 3, &res)) != DB_OK)
		return rc;
	/* every rule the module reads has a row for every day since the
	 * old law began: a gap is a broken migration, not a refusal */
	if (res.nrows != 1)
		return DB_ERR;
	*value = DB_CELL(&res, 0, 0);
	return DB_OK;
}

int
cv_rule_int(struct db *db, struct arena *a, const char *rule, const char *day,
    long min, long max, long *n)
{
	const char *v;
	char *end;
	int rc;

	if ((rc = cv_rule(db, a, rule, day, &v)) != DB_OK)
		return rc;
	*n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || *n < min || *n > max)
		return DB_ERR;
	return DB_OK;
}

int
cv_cutoff(struct db *db, struct arena *a, const char *day, int *minutes)
{
	const char *v;
	int rc, h, m;
	char end;

	if ((rc = cv_rule(db, a, "cutoff", day, &v)) != DB_OK)
		return rc;
	if (sscanf(v, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 23 ||
	    m < 0 || m > 59)
		return DB_ERR;
	*minutes = h * 60 + m;
	return DB_OK;
}
