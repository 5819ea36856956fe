/*
 * Validators.  The patterns are compiled once per process, anchored
 * (PCRE2_ANCHORED | PCRE2_ENDANCHORED) and matched with a match limit of
 * 100,000 so a hostile value fails in about a millisecond.  Invalid UTF-8
 * is refused by PCRE2 itself (PCRE2_NO_UTF_CHECK is never set).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "valid.h"

/*
 * max: the longest value in characters, the length of the column the
 * value lands in (0 where the pattern fixes the length).  The patterns of
 * the text kinds leave the upper bound to max, so there is one place for
 * it; the length is checked before the pattern runs.
 */
static const struct {
	const char *pattern;
	int nfc;
	size_t max;
	const char *reason;
} valid_defs[VALID__MAX] = {
	[VALID_PID] = { "[0-9]{12}", 0, 0, "pid_format" },
	[VALID_DATE] = { "[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, "date_format" },
	[VALID_SEX] = { "[MF]", 0, 0, "sex_format" },
	/* citizen.full_name VARCHAR(100) */
	[VALID_NAME] = { "\\p{L}[\\p{L}\\p{M} '.-]*", 1, 100, "name_format" },
	/* citizen.household_role VARCHAR(30) */
	[VALID_RELATION] = { "\\p{L}[\\p{L}\\p{M} '.-]*", 1, 30,
	    "relation_format" },
	/* residence.address, household.address, absence.destination:
	 * VARCHAR(255) */
	[VALID_ADDRESS] = { "[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} "
	                    ",./'()#-]*",
	    1, 255, "address_format" },
	[VALID_COMMUNE] = { "[0-9]{5}", 0, 0, "commune_format" },
	[VALID_IDEMKEY] = { "[A-Za-z0-9_.:-]{8,64}", 0, 0,
	    "idempotency_key_format" },
	/* access_log.purpose VARCHAR(255); a ministry's purpose is matched
	 * against exchange_right.purpose VARCHAR(200) */
	[VALID_PURPOSE] = { "[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} "
	                    ",./'()-]{2,}",
	    1, 200, "purpose_format" },
	[VALID_VCODE] = { "[0-9A-HJKMNP-TV-Z]{24}", 0, 0, "code_format" },
	[VALID_CHOICE] = { "[a-z_]{1,32}", 0, 0, "choice_format" },
	/* dossier_event.reason, dossier.decision_reason: VARCHAR(500) */
	[VALID_REASON] = { "[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} "
	                   ",.;:!?/'()%-]{2,}",
	    1, 500, "reason_format" },
	/* absence.reason VARCHAR(255) */
	[VALID_ABSENCE_REASON] = { "[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} "
	                           ",.;:!?/'()%-]{2,}",
	    1, 255, "reason_format" },
	[VALID_YEAR] = { "(?:19|20)[0-9]{2}|2100", 0, 0, "year_format" },
	[VALID_PAGE] = { "[1-9][0-9]{0,5}", 0, 0, "page_format" },
	[VALID_FILE] = { "[a-z0-9][a-z0-9._-]{0,63}", 0, 0, "file_format" },
	[VALID_TIME] = { "(?:[01][0-9]|2[0-3]):[0-5][0-9]", 0, 0,
	    "time_format" },
	/* civil_death.notice_number VARCHAR(30) */
	[VALID_DOCNO] = { "[A-Za-z0-9][A-Za-z0-9./-]*", 0, 30,
	    "number_format" },
	/* the facility's code, GCS, the certificate's number, the year */
	[VALID_GCS] = { "[0-9]{5}\\.GCS\\.[0-9]{5}\\.[0-9]{2}", 0, 0,
	    "certificate_format" },
	/* citizen_contact.email VARCHAR(254): an address a relay without
	 * SMTPUTF8 takes, so ASCII; its domain's labels as DNS has them */
	[VALID_EMAIL] = { "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,"
	                  "61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,"
	                  "61}[A-Za-z0-9])?)+",
	    0, 254, "email_format" },
	/* citizen_contact.phone VARCHAR(20): 0 or +84, then 9 or 10 digits */
	[VALID_PHONE] = { "(?:\\+84|0)[1-9][0-9]{8,9}", 0, 0, "phone_format" },
	[VALID_RECEIPT] = { "[A-Za-z0-9.]{1,20}-[0-9]{6}-[0-9]{4,6}", 0, 0,
	    "receipt_format" },
};

static pcre2_code *valid_re[VALID__MAX];
static pcre2_match_context *valid_mctx;
static pcre2_match_data *valid_md;

/* The 63 provinces before 2025-07-01; tests/unit/test-valid.c checks them
 * against conf/admin-units/provinces_pre2025.csv. */
const struct valid_province
    valid_provinces_pre2025[VALID_NPROVINCES_PRE2025] = {
	    { "01", "Hà Nội" },
	    { "02", "Hà Giang" },
	    { "04", "Cao Bằng" },
	    { "06", "Bắc Kạn" },
	    { "08", "Tuyên Quang" },
	    { "10", "Lào Cai" },
	    { "11", "Điện Biên" },
	    { "12", "Lai Châu" },
	    { "14", "Sơn La" },
	    { "15", "Yên Bái" },
	    { "17", "Hoà Bình" },
	    { "19", "Thái Nguyên" },
	    { "20", "Lạng Sơn" },
	    { "22", "Quảng Ninh" },
	    { "24", "Bắc Giang" },
	    { "25", "Phú Thọ" },
	    { "26", "Vĩnh Phúc" },
	    { "27", "Bắc Ninh" },
	    { "30", "Hải Dương" },
	    { "31", "Hải Phòng" },
	    { "33", "Hưng Yên" },
	    { "34", "Thái Bình" },
	    { "35", "Hà Nam" },
	    { "36", "Nam Định" },
	    { "37", "Ninh Bình" },
	    { "38", "Thanh Hóa" },
	    { "40", "Nghệ An" },
	    { "42", "Hà Tĩnh" },
	    { "44", "Quảng Bình" },
	    { "45", "Quảng Trị" },
	    { "46", "Huế" },
	    { "48", "Đà Nẵng" },
	    { "49", "Quảng Nam" },
	    { "51", "Quảng Ngãi" },
	    { "52", "Bình Định" },
	    { "54", "Phú Yên" },
	    { "56", "Khánh Hòa" },
	    { "58", "Ninh Thuận" },
	    { "60", "Bình Thuận" },
	    { "62", "Kon Tum" },
	    { "64", "Gia Lai" },
	    { "66", "Đắk Lắk" },
	    { "67", "Đắk Nông" },
	    { "68", "Lâm Đồng" },
	    { "70", "Bình Phước" },
	    { "72", "Tây Ninh" },
	    { "74", "Bình Dương" },
	    { "75", "Đồng Nai" },
	    { "77", "Bà Rịa - Vũng Tàu" },
	    { "79", "Hồ Chí Minh" },
	    { "80", "Long An" },
	    { "82", "Tiền Giang" },
	    { "83", "Bến Tre" },
	    { "84", "Trà Vinh" },
	    { "86", "Vĩnh Long" },
	    { "87", "Đồng Tháp" },
	    { "89", "An Giang" },
	    { "91", "Kiên Giang" },
	    { "92", "Cần Thơ" },
	    { "93", "Hậu Giang" },
	    { "94", "Sóc Trăng" },
	    { "95", "Bạc Liêu" },
	    { "96", "Cà Mau" },
    };

void
valid_init(void)
{
	size_t i;

	if (valid_mctx != NULL)
		return;
	valid_mctx = pcre2_match_context_create(NULL);
	if (valid_mctx == NULL)
		fatal("pcre2_match_context_create");
	pcre2_set_match_limit(valid_mctx, 100000);
	pcre2_set_depth_limit(valid_mctx, 10000);
	valid_md = pcre2_match_data_create(4, NULL);
	if (valid_md == NULL)
		fatal("pcre2_match_data_create");
	for (i = 0; i < VALID__MAX; i++) {
		int err;
		PCRE2_SIZE off;

		valid_re[i] = pcre2_compile((PCRE2_SPTR)valid_defs[i].pattern,
		    PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
		    &err, &off, NULL);
		if (valid_re[i] == NULL)
			fatal("pattern %zu does not compile (%d at %zu)", i,
			    err, (size_t)off);
	}
}

static int
valid_match(enum valid_kind k, const char *s)
{
	int rc;

	valid_init();
	rc = pcre2_match(
	    valid_re[k], (PCRE2_SPTR)s, strlen(s), 0, 0, valid_md, valid_mctx);
	return rc >= 0;
}

int
valid_province_pre2025(const char *code2)
{
	size_t i;

	for (i = 0; i < VALID_NPROVINCES_PRE2025; i++)
		if (strncmp(valid_provinces_pre2025[i].code, code2, 2) == 0)
			return 1;
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y, m, d, dim, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	/* digits only: sscanf's %d would take a sign or a space, and stop
	 * at the first byte not a digit ("2024-01-1-") */
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	dim = mdays[m - 1] + (m == 2 && leap(y));
	return d <= dim;
}

/* Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
long long
valid_days(const char *ymd)
{
	int y, m, d;
	long long era, yoe, doy, doe;

	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
valid_day_str(long long days, char out[11])
{
	long long z = days + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 0 || y > 9999)
		y = 0; /* beyond what any valid date reaches */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000,
	    (unsigned)m % 100, (unsigned)d % 100);
}

int
valid_flexdate(const char *in, char out[11])
{
	size_t n = strlen(in), i;

	for (i = 0; i < n; i++)
		if (!(in[i] >= '0' && in[i] <= '9') && in[i] != '-' &&
		    in[i] != '/')
			return -1;
	if (n == 4 && strspn(in, "0123456789") == 4) {
		if (atoi(in) < 1900 || atoi(in) > 2999)
			return -1;
		memcpy(out, in, 5);
		return 1;
	}
	if (n == 10 && in[4] == '-')
		memcpy(out, in, 11);
	else if (n == 10 && in[2] == '/' && in[5] == '/')
		snprintf(out, 11, "%.4s-%.2s-%.2s", in + 6, in + 3, in);
	else if (n == 8 && strspn(in, "0123456789") == 8)
		snprintf(out, 11, "%.4s-%.2s-%.2s", in + 4, in + 2, in);
	else
		return -1;
	return valid_date(out) ? 0 : -1;
}

const char *
valid_pid(const char *pid, const char *birth, const char *sex, int now_year)
{
	int g, year, i;

	if (strlen(pid) != 12)
		return "pid_format";
	for (i = 0; i < 12; i++)
		if (pid[i] < '0' || pid[i] > '9')
			return "pid_format";
	if (pid[0] != '0' || !valid_province_pre2025(pid + 1))
		return "pid_province";
	g = pid[3] - '0';
	year = 1900 + (g / 2) * 100 + (pid[4] - '0') * 10 + (pid[5] - '0');
	if (1900 + (g / 2) * 100 > now_year)
		return "pid_century";
	if (year > now_year)
		return "pid_birth_year";
	if (birth != NULL && (strlen(birth) < 4 || atoi(birth) != year))
		return "pid_birth_mismatch";
	if (sex != NULL && sex[0] != ((g % 2) ? 'F' : 'M'))
		return "pid_sex_mismatch";
	return NULL;
}

static int
current_year(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

size_t
valid_max(enum valid_kind k)
{
	return valid_defs[k].max;
}

/* The number of characters (code points) of valid UTF-8. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

const char *
valid_field(enum valid_kind k, struct arena *a, const char **val)
{
	const char *v = *val;

	if (!text_utf8_valid(v, strlen(v)))
		return "invalid_utf8";
	if (valid_defs[k].nfc) {
		v = text_nfc(a, v);
		if (v == NULL)
			return "invalid_utf8";
		*val = v;
	}
	if (valid_defs[k].max > 0 && chars(v) > valid_defs[k].max)
		return "too_long";
	if (!valid_match(k, v))
		return valid_defs[k].reason;
	switch (k) {
	case VALID_PID:
		return valid_pid(v, NULL, NULL, current_year());
	case VALID_DATE:
		return valid_date(v) ? NULL : "date_invalid";
	case VALID_PAGE:
		return atol(v) <= VALID_PAGE_MAX ? NULL : "page_range";
	default:
		return NULL;
	}
}
