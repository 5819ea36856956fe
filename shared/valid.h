/*
 * Field validators.  Each is a pure function of its input (and, for the
 * personal number, of the current year) built on anchored PCRE2 patterns
 * compiled once per process with a match limit, plus semantic checks.
 * They return NULL when the value is valid, else a stable reason code
 * (e.g. "pid_province") that error answers carry.  A text kind carries
 * its maximum length in characters, the length of the column its values
 * are stored in: a value the validator accepts can always be stored.
 */
#ifndef MOTCUA_VALID_H
#define MOTCUA_VALID_H

#include <stddef.h>

struct arena;

enum valid_kind {
	VALID_PID, /* 12-digit personal number */
	VALID_DATE, /* YYYY-MM-DD, a real calendar date */
	VALID_SEX, /* M or F */
	VALID_NAME, /* a person's name; normalised to NFC */
	VALID_RELATION, /* a relation to the household's head; NFC */
	VALID_ADDRESS, /* a street address; normalised to NFC */
	VALID_COMMUNE, /* 5-digit commune code */
	VALID_IDEMKEY, /* client-chosen idempotency key */
	VALID_PURPOSE, /* declared purpose of a read; NFC */
	VALID_VCODE, /* verification code (Crockford base32) */
	VALID_CHOICE, /* one of a field's choices (req.h), [a-z_]{1,32} */
	VALID_REASON, /* an official's reason or a note; NFC */
	VALID_ABSENCE_REASON, /* why a citizen is away; NFC */
	VALID_RECEIPT, /* a dossier receipt code */
	VALID_YEAR, /* a year, 1900 to 2100 */
	VALID_PAGE, /* a page number, 1 to VALID_PAGE_MAX */
	VALID_FILE, /* a file's name: [a-z0-9][a-z0-9._-]{0,63} */
	VALID_TIME, /* a time of day, HH:MM */
	VALID_DOCNO, /* a paper's number, as its issuer wrote it */
	VALID_GCS, /* a birth certificate's code, NNNNN.GCS.NNNNN.YY */
	VALID_EMAIL, /* an e-mail address, ASCII */
	VALID_PHONE, /* a Vietnamese phone number, 0... or +84... */
	VALID__MAX
};

/*
 * Checks *val as kind k.  Kinds that normalise replace *val with the NFC
 * form allocated from the arena.  Returns NULL or a reason code.
 */
const char *valid_field(enum valid_kind k, struct arena *, const char **val);

/*
 * Returns the longest value of kind k in characters (Unicode code points,
 * after NFC), or 0 for a kind whose pattern fixes its length.
 */
size_t valid_max(enum valid_kind k);

/*
 * Checks a personal number's structure and plausibility: 12 digits, PPP a
 * pre-2025 province, the century digit and year not in the future (now_year),
 * and, when given (non-NULL), consistency with a birth date (YYYY-MM-DD) and
 * a sex ("M"/"F").  Returns NULL or a reason code.
 */
const char *
valid_pid(const char *pid, const char *birth, const char *sex, int now_year);

/*
 * The 63 provinces as coded before 2025-07-01, in code order: a personal
 * number's PPP is 0 and one of these codes.  The one table of them in C;
 * conf/admin-units/provinces_pre2025.csv (upstream data, which the
 * migrations are derived from) must agree with it row by row, and a unit
 * test checks that it does.
 */
#define VALID_NPROVINCES_PRE2025 63

struct valid_province {
	char code[3]; /* two digits */
	const char *name; /* as in the CSV's name column */
};

extern const struct valid_province
    valid_provinces_pre2025[VALID_NPROVINCES_PRE2025];

/* Returns 1 when the two-digit code is one of the 63 pre-2025 provinces. */
int valid_province_pre2025(const char *code2);

/* Returns 1 for a real calendar date YYYY-MM-DD between 1900 and 2999. */
int valid_date(const char *);

/* The highest page number VALID_PAGE accepts ("page_range" above it). */
#define VALID_PAGE_MAX 100000

/* Days since 1970-01-01 of a valid date YYYY-MM-DD (its first ten
 * characters), and back: writes YYYY-MM-DD into out. */
long long valid_days(const char *ymd);
void valid_day_str(long long days, char out[11]);

/*
 * Reads a date as ministries send it: yyyy-mm-dd, dd/MM/yyyy, ddmmyyyy or
 * a year alone.  Writes YYYY-MM-DD (or YYYY for a year alone) into out.
 * Returns 0 for a full date, 1 for a year alone, -1 when invalid.
 */
int valid_flexdate(const char *in, char out[11]);

/* Compiles every pattern; call once per process (workers do, after fork). */
void valid_init(void);

#endif
