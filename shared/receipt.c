/*
 * Receipt codes.  The daily number comes from receipt_seq under the row
 * lock of an INSERT ... ON DUPLICATE KEY UPDATE, so two workers never hand
 * out the same number, and a rolled-back transaction gives its number back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "receipt.h"
#include "sql.h"
#include "valid.h"

int
receipt_format(char *dst, size_t dstsz, const char *agency, const char *day,
    unsigned long seq)
{
	int n;

	if (seq == 0 || day == NULL || !valid_date(day))
		return -1;
	n = snprintf(dst, dstsz, "%s-%.2s%.2s%.2s-%04lu", agency, day + 2,
	    day + 5, day + 8, seq);
	return n < 0 || (size_t)n >= dstsz ? -1 : 0;
}

void
receipt_today(char dst[11])
{
	time_t t = time(NULL) + 7 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(dst, 11, "%Y-%m-%d", &tm);
}

int
receipt_next(
    struct db *db, struct arena *a, const char *agency, const char **code)
{
	struct db_param p[] = { DBP_S(agency), DBP_S(NULL) };
	struct db_res res;
	char day[11], buf[64];
	int rc;

	receipt_today(day);
	p[1].s = day;
	if ((rc = db_exec(db, a, SQ_RECEIPT_BUMP, p, 2, NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(db, a, SQ_RECEIPT_GET, p, 2, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1 ||
	    receipt_format(buf, sizeof(buf), agency, day,
	        strtoul(DB_CELL(&res, 0, 0), NULL, 10)) < 0)
		return DB_ERR;
	*code = arena_strdup(a, buf);
	return DB_OK;
}

const char *
receipt_agency_invalid(const char *agency)
{
	if (agency == NULL || *agency == '\0' || strlen(agency) > 20)
		return "the receiving agency's code (at most 20 characters) is "
		       "required";
	if (strspn(agency,
	        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "abcdefghijklmnopqrstuvwxyz.") != strlen(agency))
		return "letters, digits and dots only";
	return NULL;
}

int
receipt_agency_check(const struct conf *c, const char *module)
{
	const char *why = receipt_agency_invalid(conf_get(c, "agency", NULL));

	if (why == NULL)
		return 0;
	log_warnx("[%s] agency: %s", module, why);
	return -1;
}
