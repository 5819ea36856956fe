/*
 * Dossier receipt codes, Circular 01/2018/TT-VPCP: <agency>-YYMMDD-NNNN,
 * the reception date and a daily sequence per agency.
 */
#ifndef MOTCUA_RECEIPT_H
#define MOTCUA_RECEIPT_H

#include <stddef.h>

struct arena;
struct db;

/*
 * Writes agency-YYMMDD-NNNN into dst (the sequence has at least four
 * digits).  Returns 0, or -1 when dst is too small, the date is not
 * YYYY-MM-DD or seq is 0.
 */
int receipt_format(char *dst, size_t dstsz, const char *agency, const char *day,
    unsigned long seq);

/* The numbers a worker reserves at once for (agency, day). */
#define RECEIPT_BLOCK 20

/*
 * Inside a transaction: takes the agency's next number for today (UTC+7)
 * from this process's block and sets *code to the receipt code (arena
 * memory).  No lock is taken: when the block is used up, or was for
 * another day, it queues the reservation of a new one (db_before()) and
 * returns DB_AGAIN, which db_txn() answers by running the transaction
 * again after it.  A number taken by a transaction that rolls back is
 * not given back: the day's numbers may have gaps, and are in time order
 * only within one worker.  Returns DB_OK or a negative enum db_rc.
 */
int receipt_next(
    struct db *, struct arena *, const char *agency, const char **code);

/*
 * Checks a receiving agency's code (a module's "agency" setting), the
 * prefix of its receipt codes: 1 to 20 letters, digits and dots.  Returns
 * NULL, or why not, for the settings check to log.
 */
const char *receipt_agency_invalid(const char *agency);

/*
 * The settings check every module that issues receipt codes makes: its
 * "agency" setting, logged under [module] when it is not valid.  Returns 0
 * or -1.
 */
struct conf;
int receipt_agency_check(const struct conf *, const char *module);

/* Today's date in Vietnam (UTC+7, no daylight saving) as YYYY-MM-DD. */
void receipt_today(char dst[11]);

#endif
