/*
 * The conditions of marriage (Law 52/2014 on Marriage and Family, Art. 5
 * and 8), the part that needs no database: age in completed years on
 * the registration date, kinship from the parties' ancestors, and which
 * condition refuses a marriage.  marriage.c reads the facts these work
 * on; the unit tests give them directly.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "valid.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cv_age_years(const char *birth, const char *on)
{
	int by, bm, bd, y, m, d, years;
	char day[11];

	/* a time "YYYY-MM-DD HH:MM:SS" is on its day */
	if (birth == NULL || on == NULL || strlen(on) < 10)
		return -1;
	memcpy(day, on, 10);
	day[10] = '\0';
	if (!valid_date(birth) || !valid_date(day) ||
	    sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	/* a year of age is completed on the day and month of birth; one
	 * born on 29 February completes it on 28 February in a common
	 * year (Civil Code 2015 Art. 148: a term ending in a month without
	 * the day ends on that month's last day) */
	if (bm == 2 && bd == 29 && !leap(y))
		bd = 28;
	years = y - by;
	if (m < bm || (m == bm && d < bd))
		years--;
	return years < 0 ? -1 : years;
}

/* The depth at which id is among the ancestors, or 0. */
static int
depth_of(const struct cv_kin *anc, size_t n, long long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (anc[i].id == id)
			return anc[i].depth;
	return 0;
}

enum cv_kinship
cv_kinship(const struct cv_party *a, const struct cv_party *b)
{
	size_t i;
	int db;

	if (depth_of(a->anc, a->nanc, b->id) > 0 ||
	    depth_of(b->anc, b->nanc, a->id) > 0)
		return CV_KIN_DIRECT;
	/* within three generations: a common root no more than two
	 * generations above either (Art. 3.18: the parents are the first
	 * generation, their children the second, the grandchildren the
	 * third) */
	for (i = 0; i < a->nanc; i++) {
		if (a->anc[i].depth > 2)
			continue;
		db = depth_of(b->anc, b->nanc, a->anc[i].id);
		if (db > 0 && db <= 2)
			return CV_KIN_CLOSE;
	}
	return CV_KIN_NONE;
}

/* Whether the party has the completed years their sex needs. */
static int
of_age(const char *day, const struct cv_marriage_law *law,
    const struct cv_party *p)
{
	int years = cv_age_years(p->birth_date, day);
	int need = p->sex != NULL && strcmp(p->sex, "M") == 0 ? law->age_man
	                                                      : law->age_woman;

	return years >= 0 && years >= need;
}

static int
married(const struct cv_party *p)
{
	return p->open_marriages > 0 ||
	    (p->marital != NULL && strcmp(p->marital, "married") == 0);
}

enum err
cv_marriage_own_refusal(const char *day, const struct cv_marriage_law *law,
    const struct cv_party *a)
{
	if (a->death_date != NULL)
		return ERR_DECEASED;
	if (married(a))
		return ERR_MARRIAGE_MARRIED;
	if (!of_age(day, law, a))
		return ERR_MARRIAGE_UNDERAGE;
	return ERR_OK;
}

enum err
cv_marriage_refusal(const char *day, const struct cv_marriage_law *law,
    const struct cv_party *a, const struct cv_party *b)
{
	if (a->death_date != NULL || b->death_date != NULL)
		return ERR_DECEASED;
	if (married(a) || married(b))
		return ERR_MARRIAGE_MARRIED;
	if (!of_age(day, law, a) || !of_age(day, law, b))
		return ERR_MARRIAGE_UNDERAGE;
	if (!law->same_sex && a->sex != NULL && b->sex != NULL &&
	    strcmp(a->sex, b->sex) == 0)
		return ERR_MARRIAGE_SAME_SEX;
	switch (cv_kinship(a, b)) {
	case CV_KIN_DIRECT:
		return ERR_MARRIAGE_DIRECT_LINE;
	case CV_KIN_CLOSE:
		return ERR_MARRIAGE_KIN;
	case CV_KIN_NONE:
		break;
	}
	return ERR_OK;
}

void
cv_days_after(const char *t, long n, char out[20])
{
	char day[11];

	valid_day_str(valid_days(t) + n, day);
	snprintf(out, 20, "%s%s", day, strlen(t) >= 19 ? t + 10 : " 00:00:00");
}

enum err
cv_marriage_consent_state(const struct cv_consent *c, const char *now)
{
	if (c->party_pid == NULL)
		return ERR_INTERNAL; /* a marriage dossier always has one */
	if (c->confirmed_at != NULL)
		return ERR_OK;
	return strcmp(now, c->expires_at) > 0 ? ERR_MARRIAGE_CONSENT_EXPIRED
	                                      : ERR_MARRIAGE_CONSENT_PENDING;
}
