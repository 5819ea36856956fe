/*
 * Receipt codes.  No submission holds a lock on receipt_seq until its
 * commit (that row would cap a whole agency at one submission per log
 * flush): each worker process reserves a block of RECEIPT_BLOCK numbers
 * for (agency, day) in one statement of its own, committed at once,
 * before a transaction begins (db_before()), and hands them out from
 * memory.  Two workers, on one host or several, never hold the same
 * number: each block is taken from the row by one atomic increment.
 *
 * What follows, and is documented in the README and the modules' pages:
 * numbers are not gapless (a rolled-back or retried submission does not
 * give its number back; a worker that exits, or sees the day change,
 * drops what is left of its block), and codes are not in time order
 * across workers (one worker may hand out 0041 after another's 0057).
 * They stay unique per agency and day.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/*
 * This process's block: numbers next to last of agency's day.  The pid
 * tells a block of this process from one a fork inherited.
 */
static struct {
	pid_t pid;
	char agency[21];
	char day[11];
	unsigned long next, last;
} blk;

/* What the next reservation is for: the agency asked last. */
static char want[21];

static int
reserve(struct db *db, struct arena *a, void *arg)
{
	struct db_param p[] = { DBP_S(want), DBP_S(NULL), DBP_I(RECEIPT_BLOCK),
		DBP_I(RECEIPT_BLOCK) };
	unsigned long long last;
	char day[11];
	int rc;

	(void)arg;
	receipt_today(day);
	p[1].s = day;
	if ((rc = db_exec(db, a, SQ_RECEIPT_RESERVE, p, 4, NULL)) != DB_OK)
		return rc;
	/* LAST_INSERT_ID(expr): the row's new value, as this statement
	 * left it */
	last = db_insert_id(db);
	if (last < RECEIPT_BLOCK)
		return DB_ERR;
	blk.pid = getpid();
	snprintf(blk.agency, sizeof(blk.agency), "%s", want);
	snprintf(blk.day, sizeof(blk.day), "%s", day);
	blk.next = (unsigned long)(last - RECEIPT_BLOCK + 1);
	blk.last = (unsigned long)last;
	return DB_OK;
}

int
receipt_next(
    struct db *db, struct arena *a, const char *agency, const char **code)
{
	char day[11], buf[64];

	receipt_today(day);
	if (blk.pid != getpid() || strcmp(blk.agency, agency) != 0 ||
	    strcmp(blk.day, day) != 0 || blk.next > blk.last) {
		/* none left for today: reserve outside the transaction and
		 * run it again */
		if (strlen(agency) >= sizeof(want))
			return DB_ERR;
		snprintf(want, sizeof(want), "%s", agency);
		blk.pid = 0;
		db_before(db, reserve, NULL);
		return DB_AGAIN;
	}
	if (receipt_format(buf, sizeof(buf), agency, day, blk.next) < 0)
		return DB_ERR;
	blk.next++;
	if (blk.next > blk.last) {
		/* the last one: the next block before the next transaction */
		snprintf(want, sizeof(want), "%s", agency);
		db_before(db, reserve, NULL);
	}
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
