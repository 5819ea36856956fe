/*
 * Civil-status records' numbers: each commune keeps a book of each kind
 * ("KS" births, "KT" deaths), numbered from 1 each year.  The row of
 * civil_book_seq is bumped under its lock, so two registrations never
 * draw the same number, and a registration rolled back gives its number
 * back.  Not reserved in blocks as receipt codes are (shared/receipt.c):
 * a register is numbered without gaps and in the order of registration,
 * like the paper book it mirrors (the legal base), and the row locked is
 * one commune's book of one kind for a year, not the whole service's.
 */
#include "config.h"

#include "buf.h"
#include "db.h"
#include "civil.h"

int
cv_book_next(struct db *db, struct arena *a, const char *commune,
    const char *book, int year, const char **number)
{
	struct db_param p[] = { DBP_S(commune), DBP_S(book), DBP_I(year) };
	struct db_res res;
	int rc;

	if ((rc = db_exec(db, a, CV_BOOK_BUMP, p, 3, NULL)) != DB_OK ||
	    (rc = db_exec(db, a, CV_BOOK_GET, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_ERR;
	*number = arena_printf(a, "%s/%d", DB_CELL(&res, 0, 0), year);
	return DB_OK;
}
