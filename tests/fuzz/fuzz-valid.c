/*
 * libFuzzer target for the field validators: valid_field() for the kind
 * the first input byte chooses, on the rest of the input up to a NUL,
 * split at newlines into a value, a birth date and a sex; valid_pid() on
 * the three, valid_date() and valid_flexdate() on the value, and
 * valid_days()/valid_day_str() both ways.  Beyond the sanitizers, it
 * aborts when a value is accepted that breaks what valid.h promises: a
 * date not YYYY-MM-DD in digits or not a calendar day, a personal number
 * whose province, century, year, birth date or sex do not agree, a
 * normalised value not in NFC or longer than its kind allows; and when a
 * day does not survive the way to its string and back.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "text.h"
#include "valid.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

/* valid_pid()'s own checks run for a fixed year; valid_field() checks
 * against the clock's */
#define NOW_YEAR 2026
static int clock_year;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	time_t t = time(NULL);
	struct tm tm;

	(void)argc;
	(void)argv;
	localtime_r(&t, &tm);
	clock_year = tm.tm_year + 1900;
	valid_init();
	return 0;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* YYYY-MM-DD in digits, 1900 to 2999, a day its month has. */
static int
strict_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return 0;
	y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 ||
	    (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static void
check_date(const char *s)
{
	char out[11], back[11];

	if (valid_date(s) != strict_date(s))
		abort();
	if (valid_date(s)) {
		valid_day_str(valid_days(s), back);
		if (strcmp(back, s) != 0)
			abort();
	}
	memset(out, 'x', sizeof(out));
	switch (valid_flexdate(s, out)) {
	case 0:
		if (!strict_date(out))
			abort();
		break;
	case 1:
		if (strlen(out) != 4 || !digits(out, 4) || atoi(out) < 1900 ||
		    atoi(out) > 2999)
			abort();
		break;
	case -1:
		break;
	default:
		abort();
	}
}

static void
check_pid(const char *pid, const char *birth, const char *sex)
{
	int g, year;

	if (valid_pid(pid, birth, sex, NOW_YEAR) != NULL)
		return;
	if (strlen(pid) != 12 || !digits(pid, 12) || pid[0] != '0' ||
	    !valid_province_pre2025(pid + 1))
		abort();
	g = pid[3] - '0';
	year = 1900 + g / 2 * 100 + atoi(pid + 4) / 1000000;
	if (year > NOW_YEAR)
		abort();
	if (birth != NULL && atoi(birth) != year)
		abort();
	if (sex != NULL && sex[0] != (g % 2 ? 'F' : 'M'))
		abort();
}

static void
check_field(enum valid_kind k, const char *s)
{
	struct arena a;
	const char *v = s, *nfc;
	size_t max = valid_max(k), chars = 0, i;

	arena_init(&a);
	if (valid_field(k, &a, &v) == NULL) {
		if (!text_utf8_valid(v, strlen(v)) ||
		    (nfc = text_nfc(&a, v)) == NULL || strcmp(nfc, v) != 0)
			abort();
		for (i = 0; v[i] != '\0'; i++)
			chars += ((unsigned char)v[i] & 0xc0) != 0x80;
		if (max > 0 && chars > max)
			abort();
		if (k == VALID_PID &&
		    valid_pid(v, NULL, NULL, clock_year + 1) != NULL)
			abort();
		if (k == VALID_DATE && !strict_date(v))
			abort();
	}
	arena_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s, *birth, *sex;
	long long day;
	char str[11];

	if (n < 1)
		return 0;
	s = malloc(n);
	memcpy(s, data + 1, n - 1);
	s[n - 1] = '\0';
	check_field((enum valid_kind)(data[0] % VALID__MAX), s);
	check_date(s);

	/* value, birth date, sex */
	if ((birth = strchr(s, '\n')) != NULL) {
		*birth++ = '\0';
		if ((sex = strchr(birth, '\n')) != NULL)
			*sex++ = '\0';
	} else
		sex = NULL;
	check_pid(s, birth, sex);
	check_pid(s, NULL, NULL);

	/* a day from 1900-01-01 to 2999-12-31, from the first bytes */
	if (n >= 4) {
		day = -25567 +
		    (long long)((uint32_t)data[1] << 16 |
		        (uint32_t)data[2] << 8 | data[3]) %
		        401767;
		valid_day_str(day, str);
		if (!valid_date(str) || valid_days(str) != day)
			abort();
	}
	free(s);
	return 0;
}
