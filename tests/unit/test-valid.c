/*
 * Validators: personal numbers, dates, names and the other field kinds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"
#include "valid.h"

static const struct {
	const char *pid, *birth, *sex, *want;
} pids[] = {
	{ "001090123456", NULL, NULL, NULL }, /* Hà Nội, male 1990 */
	{ "079185000001", NULL, NULL, NULL }, /* HCMC, female 1985 */
	{ "096203999999", NULL, NULL, NULL }, /* Cà Mau, female 2003 */
	{ "001225000000", NULL, NULL, NULL }, /* male 2025 */
	{ "001090123456", "1990-05-01", "M", NULL },
	{ "001190123456", "1990-05-01", "F", NULL },
	{ "001090123456", "1991-05-01", NULL, "pid_birth_mismatch" },
	{ "001090123456", NULL, "F", "pid_sex_mismatch" },
	{ "001190123456", NULL, "M", "pid_sex_mismatch" },
	{ "001490123456", NULL, NULL, "pid_century" }, /* 2190 */
	{ "001590123456", NULL, NULL, "pid_century" },
	{ "001890123456", NULL, NULL, "pid_century" }, /* 2390 */
	{ "001990123456", NULL, NULL, "pid_century" },
	{ "001230123456", NULL, NULL, "pid_birth_year" }, /* 2030 */
	{ "003090123456", NULL, NULL, "pid_province" }, /* no 03 */
	{ "005090123456", NULL, NULL, "pid_province" },
	{ "097090123456", NULL, NULL, "pid_province" }, /* past 96 */
	{ "000090123456", NULL, NULL, "pid_province" },
	{ "101090123456", NULL, NULL, "pid_province" }, /* PPP not 0xx */
	{ "00109012345", NULL, NULL, "pid_format" }, /* 11 digits */
	{ "0010901234567", NULL, NULL, "pid_format" },
	{ "00109012345a", NULL, NULL, "pid_format" },
	{ "", NULL, NULL, "pid_format" },
	{ "123456789", NULL, NULL, "pid_format" }, /* a CMND */
};

static const struct {
	enum valid_kind k;
	const char *in;
	int good;
} fields[] = {
	{ VALID_DATE, "2024-02-29", 1 },
	{ VALID_DATE, "2023-02-29", 0 },
	{ VALID_DATE, "1900-02-29", 0 },
	{ VALID_DATE, "2000-02-29", 1 },
	{ VALID_DATE, "2024-04-31", 0 },
	{ VALID_DATE, "2024-13-01", 0 },
	{ VALID_DATE, "2024-00-10", 0 },
	{ VALID_DATE, "24-01-01", 0 },
	{ VALID_DATE, "2024-1-1", 0 },
	{ VALID_DATE, "01/02/2024", 0 },
	{ VALID_SEX, "M", 1 },
	{ VALID_SEX, "F", 1 },
	{ VALID_SEX, "X", 0 },
	{ VALID_SEX, "MF", 0 },
	{ VALID_NAME, "Nguyễn Văn An", 1 },
	{ VALID_NAME, "Đặng Thị Thu Hà", 1 },
	{ VALID_NAME, "H'Hen Niê", 1 },
	{ VALID_NAME, "Nguyen Van An", 1 },
	{ VALID_NAME, " Nguyễn", 0 },
	{ VALID_NAME, "Nguyễn <script>", 0 },
	{ VALID_NAME, "Robert'); DROP TABLE citizen;--", 0 },
	{ VALID_NAME, "An1", 0 },
	{ VALID_NAME, "", 0 },
	{ VALID_COMMUNE, "00004", 1 },
	{ VALID_COMMUNE, "0004", 0 },
	{ VALID_COMMUNE, "000045", 0 },
	{ VALID_IDEMKEY, "a1b2c3d4", 1 },
	{ VALID_IDEMKEY, "short", 0 },
	{ VALID_IDEMKEY, "has space here", 0 },
	{ VALID_PURPOSE, "Giải quyết thủ tục đăng ký thường trú", 1 },
	{ VALID_PURPOSE, "x", 0 },
	{ VALID_PURPOSE, "a;b<c>", 0 },
	{ VALID_VCODE, "0123456789ABCDEFGHJKMNPQ", 1 },
	{ VALID_VCODE, "0123456789ABCDEFGHJKMNPI", 0 }, /* I excluded */
	{ VALID_VCODE, "0123456789abcdefghjkmnpq", 0 },
	{ VALID_VCODE, "0123456789ABCDEFGHJKMNP", 0 },
	{ VALID_ADDRESS, "Số 12, ngõ 45, đường Lê Lợi", 1 },
	{ VALID_ADDRESS, "Thôn 3 (xóm Đình)", 1 },
	{ VALID_ADDRESS, "<b>", 0 },
	{ VALID_YEAR, "1990", 1 },
	{ VALID_YEAR, "2100", 1 },
	{ VALID_YEAR, "2101", 0 },
	{ VALID_YEAR, "1899", 0 },
	{ VALID_YEAR, "-199", 0 },
	{ VALID_PAGE, "1", 1 },
	{ VALID_PAGE, "0", 0 },
	{ VALID_PAGE, "-1", 0 },
	{ VALID_PAGE, "1234567", 0 },
	{ VALID_RECEIPT, "000.00.15.H26-261126-0001", 1 },
	{ VALID_RECEIPT, "000.00.15.H26-261126-001", 0 },
	{ VALID_RECEIPT, "a b-261126-0001", 0 },
	{ VALID_CHOICE, "own_home", 1 },
	{ VALID_CHOICE, "Own", 0 },
	{ VALID_REASON, "Thiếu hợp đồng thuê nhà; bổ sung trước 5/12.", 1 },
	{ VALID_REASON, "<script>", 0 },
	{ VALID_PID, "001090123456", 1 },
	{ VALID_RELATION, "con dâu", 1 },
	{ VALID_RELATION, "con; DROP", 0 },
	{ VALID_ABSENCE_REASON, "Đi làm việc tại TP. Hồ Chí Minh", 1 },
	{ VALID_ABSENCE_REASON, "<b>", 0 },
	{ VALID_PID, "003090123456", 0 },
	{ VALID_PID, "0010901234５6", 0 }, /* a full-width digit */
	{ VALID_TIME, "08:30", 1 },
	{ VALID_TIME, "23:59", 1 },
	{ VALID_TIME, "24:00", 0 },
	{ VALID_TIME, "8:30", 0 },
	{ VALID_TIME, "08:60", 0 },
	{ VALID_DOCNO, "GBT-12/2026", 1 },
	{ VALID_DOCNO, "12.BV.2026", 1 },
	{ VALID_DOCNO, "-12", 0 },
	{ VALID_DOCNO, "12 34", 0 },
	{ VALID_DOCNO, "1234567890123456789012345678901", 0 }, /* 31 */
	{ VALID_EMAIL, "nguyen.van-a+hs@mail.example.vn", 1 },
	{ VALID_EMAIL, "a@b", 0 },
	{ VALID_EMAIL, "a@-b.vn", 0 },
	{ VALID_EMAIL, "a b@c.vn", 0 },
	{ VALID_EMAIL, "an@đ.vn", 0 },
	{ VALID_EMAIL, "a@b.vn\r\nBcc: x@y.vn", 0 },
	{ VALID_EMAIL, "<a@b.vn>", 0 },
	{ VALID_PHONE, "0912345678", 1 },
	{ VALID_PHONE, "+84912345678", 1 },
	{ VALID_PHONE, "02438123456", 1 },
	{ VALID_PHONE, "091234567", 0 },
	{ VALID_PHONE, "84912345678", 0 },
	{ VALID_PHONE, "0912 345 678", 0 },
	{ VALID_PHONE, "0012345678", 0 },
};

/*
 * conf/admin-units/provinces_pre2025.csv and the compiled table are the
 * same list: row i of the CSV is entry i of valid_provinces_pre2025, code
 * and name.  The CSV is upstream data the migrations are derived from, so
 * the table follows it, and this is what keeps the two from drifting.
 */
static void
provinces_match_csv(void)
{
	char path[4096], line[512];
	const char *src = getenv("top_srcdir");
	FILE *f;
	int n = 0, agree = 1;

	snprintf(path, sizeof(path),
	    "%s/conf/admin-units/provinces_pre2025.csv",
	    src != NULL ? src : ".");
	if (!ok((f = fopen(path, "r")) != NULL, "open provinces_pre2025.csv"))
		return;
	if (fgets(line, sizeof(line), f) == NULL ||
	    strcmp(line, "code,name,full_name\n") != 0)
		agree = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *name = strchr(line, ','), *end;
		const struct valid_province *p;

		if (name == NULL || (end = strchr(name + 1, ',')) == NULL) {
			printf("# row %d: not code,name,full_name\n", n + 1);
			agree = 0;
			continue;
		}
		*name++ = '\0';
		*end = '\0';
		if (n >= VALID_NPROVINCES_PRE2025) {
			printf("# row %d (%s): past the table's end\n", n + 1,
			    line);
			agree = 0;
			n++;
			continue;
		}
		p = &valid_provinces_pre2025[n++];
		if (strcmp(p->code, line) != 0 || strcmp(p->name, name) != 0) {
			printf("# row %d: csv %s %s, table %s %s\n", n, line,
			    name, p->code, p->name);
			agree = 0;
		}
	}
	fclose(f);
	ok(n == VALID_NPROVINCES_PRE2025, "63 provinces in the CSV (%d)", n);
	ok(agree, "the compiled province table is the CSV's, row by row");
}

/* The lookup accepts exactly the table's codes among 00..99. */
static void
provinces_lookup(void)
{
	int i, j, agree = 1, ordered = 1;

	for (i = 0; i < 100; i++) {
		char c[3] = { (char)('0' + i / 10), (char)('0' + i % 10), 0 };
		int in = 0;

		for (j = 0; j < VALID_NPROVINCES_PRE2025; j++)
			in |= strcmp(valid_provinces_pre2025[j].code, c) == 0;
		if (valid_province_pre2025(c) != in) {
			agree = 0;
			printf("# code %s: lookup %d, table %d\n", c,
			    valid_province_pre2025(c), in);
		}
	}
	ok(agree, "valid_province_pre2025 answers from the table");
	for (i = 1; i < VALID_NPROVINCES_PRE2025; i++)
		if (strcmp(valid_provinces_pre2025[i - 1].code,
		        valid_provinces_pre2025[i].code) >= 0)
			ordered = 0;
	ok(ordered, "the table is in code order, each code once");
}

int
main(void)
{
	struct arena a;
	const char *v, *why;
	size_t i;

	valid_init();
	arena_init(&a);
	for (i = 0; i < sizeof(pids) / sizeof(*pids); i++) {
		why = valid_pid(pids[i].pid, pids[i].birth, pids[i].sex, 2026);
		is_str(why, pids[i].want, pids[i].pid);
	}
	for (i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		v = fields[i].in;
		why = valid_field(fields[i].k, &a, &v);
		if (!ok((why == NULL) == fields[i].good, "kind %d \"%s\" %s",
		        (int)fields[i].k, fields[i].in,
		        fields[i].good ? "valid" : "invalid"))
			printf("# reason %s\n", why ? why : "(none)");
	}

	/* NFC: "Nguyễn" with a combining circumflex + tilde becomes one
	 * precomposed letter */
	v = "Nguye\xcc\x82\xcc\x83n";
	ok(valid_field(VALID_NAME, &a, &v) == NULL, "decomposed name valid");
	is_str(v, "Nguyễn", "name normalised to NFC");
	v = "Nguy\xe1\xbb\x85n \xff";
	is_str(valid_field(VALID_NAME, &a, &v), "invalid_utf8",
	    "invalid UTF-8 in a name");

	/* a hostile value fails quickly through the match limit */
	{
		char big[3000];

		memset(big, 'a', sizeof(big) - 2);
		big[sizeof(big) - 2] = '!';
		big[sizeof(big) - 1] = '\0';
		v = big;
		ok(valid_field(VALID_NAME, &a, &v) != NULL,
		    "long hostile name refused");
	}
	{
		char out[11];

		ok(valid_flexdate("2024-02-29", out) == 0 &&
		        strcmp(out, "2024-02-29") == 0,
		    "flexible date yyyy-mm-dd");
		ok(valid_flexdate("29/02/2024", out) == 0 &&
		        strcmp(out, "2024-02-29") == 0,
		    "flexible date dd/MM/yyyy");
		ok(valid_flexdate("29022024", out) == 0 &&
		        strcmp(out, "2024-02-29") == 0,
		    "flexible date ddmmyyyy");
		ok(valid_flexdate("1990", out) == 1 && strcmp(out, "1990") == 0,
		    "flexible date: a year alone");
		ok(valid_flexdate("30/02/2024", out) < 0,
		    "30 February refused");
		ok(valid_flexdate("2024/02/01", out) < 0, "yyyy/mm/dd refused");
		ok(valid_flexdate("1800", out) < 0, "year 1800 refused");
		ok(valid_flexdate("", out) < 0, "empty refused");
		/* found by fuzzing: sscanf's %2d stopped at the first byte
		 * not a digit, so a day or month of one digit and junk, or
		 * with a sign or a space, read as a date */
		ok(valid_flexdate("1-/01/2024", out) < 0,
		    "a day of one digit and a dash refused");
		ok(valid_flexdate("2024-01-1-", out) < 0, "yyyy-mm-d- refused");
	}
	ok(valid_date("2024-01-15"), "valid_date: a date");
	ok(!valid_date("2024-04-3\xb1"),
	    "valid_date: a day of a digit and a byte refused");
	ok(!valid_date("2024-01-1-"),
	    "valid_date: a day of a digit and a dash");
	ok(!valid_date("2024- 1-05"), "valid_date: a space in the month");
	ok(!valid_date("2024-+1-05"), "valid_date: a sign in the month");
	ok(!valid_date("+024-01-05"), "valid_date: a sign in the year");
	ok(!valid_date(" 2024-1-05"), "valid_date: a space before the year");
	/* each text kind up to its column's length in characters, with a
	 * three-byte letter (bytes are not characters), and not one more */
	{
		static const struct {
			enum valid_kind k;
			size_t max;
		} lens[] = {
			{ VALID_NAME, 100 }, /* citizen.full_name */
			{ VALID_RELATION, 30 }, /* citizen.household_role */
			{ VALID_ADDRESS, 255 }, /* residence.address */
			{ VALID_PURPOSE, 200 },
			{ VALID_REASON, 500 }, /* dossier_event.reason */
			{ VALID_ABSENCE_REASON, 255 }, /* absence.reason */
		};
		char s[4 * 501 + 1];
		size_t j, n;

		for (i = 0; i < sizeof(lens) / sizeof(*lens); i++) {
			ok(valid_max(lens[i].k) == lens[i].max,
			    "kind %d: at most %zu characters", (int)lens[i].k,
			    lens[i].max);
			for (n = lens[i].max; n <= lens[i].max + 1; n++) {
				for (j = 0; j < n; j++)
					memcpy(s + 3 * j, "\xe1\xbb\x87", 3);
				s[3 * n] = '\0';
				v = s;
				why = valid_field(lens[i].k, &a, &v);
				if (n == lens[i].max)
					ok(why == NULL,
					    "kind %d: %zu letters ệ "
					    "(%zu bytes) valid",
					    (int)lens[i].k, n, 3 * n);
				else
					ok(why != NULL &&
					        strcmp(why, "too_long") == 0,
					    "kind %d: one letter more is too "
					    "long",
					    (int)lens[i].k);
			}
		}
		ok(valid_max(VALID_PID) == 0, "a fixed-length kind has no max");
	}
	provinces_match_csv();
	provinces_lookup();
	arena_free(&a);
	return tap_done();
}
