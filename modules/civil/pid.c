/*
 * A child's new personal number, given at birth registration: 0, the
 * pre-2025 province of the registering commune (commune_pre2025), a
 * digit for the century and the sex, the year of birth's last two
 * digits, and six random digits from the kernel's CSPRNG.  The number
 * is reserved in pid_assignment, whose primary key makes two
 * registrations drawing the same digits collide: the loser draws again,
 * a bounded number of times.  A number held by anyone now or before
 * (citizen, citizen_pid) is never given again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "civil.h"
#include "db.h"
#include "log.h"
#include "token.h"
#include "valid.h"

int
cv_pid_digit(int year, const char *sex)
{
	int female;

	if (sex == NULL || (strcmp(sex, "M") != 0 && strcmp(sex, "F") != 0))
		return -1;
	female = sex[0] == 'F';
	/* 19xx: 0/1, 20xx: 2/3, 21xx: 4/5, 22xx: 6/7, 23xx: 8/9 */
	if (year < 1900 || year > 2399)
		return -1;
	return (year / 100 - 19) * 2 + female;
}

int
cv_pid_compose(char pid[13], const char *province, int year, const char *sex,
    unsigned long six)
{
	int g, i;

	if ((g = cv_pid_digit(year, sex)) < 0 || six > 999999 ||
	    !valid_province_pre2025(province))
		return -1;
	pid[0] = '0';
	pid[1] = province[0];
	pid[2] = province[1];
	pid[3] = (char)('0' + g);
	pid[4] = (char)('0' + year / 10 % 10);
	pid[5] = (char)('0' + year % 10);
	for (i = 11; i >= 6; i--, six /= 10)
		pid[i] = (char)('0' + six % 10);
	pid[12] = '\0';
	return 0;
}

int
cv_pid_six(unsigned long *six)
{
	/* the largest multiple of 10^6 that fits in 32 bits: values at or
	 * above it are drawn again, so every six digits are equally likely */
	const unsigned long limit = 4294000000UL;
	unsigned char b[4];
	unsigned long v;
	int i;

	for (i = 0; i < 16; i++) {
		if (token_random(b, sizeof(b)) != 0)
			return -1;
		v = (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
		    (unsigned long)b[2] << 8 | b[3];
		if (v < limit) {
			*six = v % 1000000;
			return 0;
		}
	}
	return -1; /* 16 draws in the top 0.02 %: a broken source */
}

int
cv_pid_province(struct db *db, struct arena *a, const char *commune,
    const char *day, char province[3])
{
	struct db_param p[] = { DBP_S(commune), DBP_S(NULL) };
	struct db_res res;
	char d[11];
	int rc;

	snprintf(d, sizeof(d), "%.10s", day);
	p[1].s = d;
	if ((rc = db_exec(db, a, CV_PID_PROVINCE, p, 2, &res)) != DB_OK)
		return rc;
	/* every commune of the code table has its row (023): none is a
	 * commune the module should never have been given */
	if (res.nrows != 1 || strlen(DB_CELL(&res, 0, 0)) != 2 ||
	    !valid_province_pre2025(DB_CELL(&res, 0, 0)))
		return DB_ERR;
	memcpy(province, DB_CELL(&res, 0, 0), 3);
	return DB_OK;
}

int
cv_pid_assign(struct db *db, struct arena *a, const char *commune,
    const char *birth, const char *sex, const char *now, char pid[13])
{
	char province[3];
	unsigned long six;
	int rc, tries, year = atoi(birth);
	const char *bad;

	if ((rc = cv_pid_province(db, a, commune, now, province)) != DB_OK)
		return rc;
	for (tries = 0; tries < CV_PID_TRIES; tries++) {
		struct db_param held[] = { DBP_S(pid), DBP_S(pid) };
		struct db_param ins[] = { DBP_S(pid), DBP_S(now),
			DBP_S(commune) };
		struct db_res res;

		if (cv_pid_six(&six) != 0) {
			log_warnx("no entropy for a personal number");
			return DB_ERR;
		}
		if (cv_pid_compose(pid, province, year, sex, six) != 0)
			return DB_ERR;
		/* what the project's validator refuses is never given */
		if ((bad = valid_pid(pid, birth, sex, atoi(now))) != NULL) {
			log_warnx("a new personal number fails %s", bad);
			return DB_ERR;
		}
		if ((rc = db_exec(db, a, CV_PID_HELD, held, 2, &res)) != DB_OK)
			return rc;
		if (res.nrows != 1)
			return DB_ERR;
		if (strcmp(DB_CELL(&res, 0, 0), "0") != 0)
			continue;
		rc = db_exec(db, a, CV_PID_RESERVE, ins, 3, NULL);
		if (rc != DB_DUP)
			return rc;
	}
	log_warnx("no free personal number after %d draws", CV_PID_TRIES);
	return DB_ERR;
}

int
cv_pid_bind(struct db *db, struct arena *a, const char *pid, long long citizen)
{
	struct db_param p[] = { DBP_I(citizen), DBP_S(pid) };
	int rc;

	if ((rc = db_exec(db, a, CV_PID_BIND, p, 2, NULL)) != DB_OK)
		return rc;
	return db_affected(db) == 1 ? DB_OK : DB_ERR;
}
