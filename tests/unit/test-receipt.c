/*
 * Receipt codes and verification codes.
 */
#include "config.h"

#include <string.h>

#include "receipt.h"
#include "token.h"
#include "tap.h"
#include "buf.h"
#include "valid.h"

int
main(void)
{
	char buf[64], t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1], day[11];
	unsigned char zero[15], ones[15];
	const char *v;
	struct arena a;

	ok(receipt_format(buf, sizeof(buf), "000.00.15.H26", "2026-11-26", 7) ==
	        0,
	    "format");
	is_str(buf, "000.00.15.H26-261126-0007", "agency-YYMMDD-NNNN");
	receipt_format(buf, sizeof(buf), "X", "2026-01-02", 12345);
	is_str(buf, "X-260102-12345", "sequence past 9999 widens");
	ok(receipt_format(buf, sizeof(buf), "X", "2026-02-30", 1) < 0,
	    "impossible date refused");
	ok(receipt_format(buf, sizeof(buf), "X", "2026-02-01", 0) < 0,
	    "sequence 0 refused");
	ok(receipt_format(buf, 10, "X", "2026-02-01", 1) < 0,
	    "small buffer refused");
	receipt_today(day);
	ok(valid_date(day), "today is a date (%s)", day);

	memset(zero, 0, sizeof(zero));
	memset(ones, 0xff, sizeof(ones));
	token_encode(zero, t1);
	is_str(t1, "000000000000000000000000", "base32 of zeros");
	token_encode(ones, t1);
	is_str(t1, "ZZZZZZZZZZZZZZZZZZZZZZZZ", "base32 of ones");
	ok(token_new(t1) == 0 && token_new(t2) == 0, "tokens drawn");
	ok(strlen(t1) == TOKEN_LEN && strcmp(t1, t2) != 0,
	    "24 characters, two draws differ");
	arena_init(&a);
	v = t1;
	ok(valid_field(VALID_VCODE, &a, &v) == NULL,
	    "a drawn token passes the code validator");
	arena_free(&a);

	/* the agency setting every receipt-issuing module checks */
	ok(receipt_agency_invalid("000.00.15.H26") == NULL,
	    "an agency code of letters, digits and dots");
	ok(receipt_agency_invalid("abcdefghij0123456789") == NULL,
	    "20 characters");
	ok(receipt_agency_invalid("abcdefghij0123456789x") != NULL,
	    "21 characters: refused");
	ok(receipt_agency_invalid("") != NULL && receipt_agency_invalid(NULL),
	    "none: refused");
	is_str(receipt_agency_invalid("bad agency!"),
	    "letters, digits and dots only", "a space or punctuation: refused");
	ok(receipt_agency_invalid("a-b") != NULL,
	    "a hyphen, the receipt code's separator: refused");
	return tap_done();
}
