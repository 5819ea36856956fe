/*
 * The marriage conditions that need no database: age in completed
 * years on the registration date (29 February included), kinship from
 * the parties' ancestors, which condition refuses first, and the second
 * party's consent window.
 */
#include "config.h"

#include <string.h>

#include "civil.h"
#include "tap.h"

static void
party(struct cv_party *p, long long id, const char *birth, const char *sex)
{
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->birth_date = birth;
	p->sex = sex;
	p->marital = "single";
}

static void
anc(struct cv_party *p, long long id, int depth)
{
	p->anc[p->nanc].id = id;
	p->anc[p->nanc].depth = depth;
	p->nanc++;
}

int
main(void)
{
	static const struct cv_marriage_law law = { 20, 18, 0 };
	struct cv_marriage_law open = law;
	struct cv_party a, b;

	/* completed years */
	ok(cv_age_years("2006-03-15", "2026-03-14") == 19,
	    "the day before the 20th birthday: 19");
	ok(cv_age_years("2006-03-15", "2026-03-15") == 20,
	    "on the birthday: 20");
	ok(cv_age_years("2006-03-15", "2026-03-15 16:30:00") == 20,
	    "a time is on its day");
	ok(cv_age_years("2006-03-15", "2026-12-31") == 20, "later that year");
	ok(cv_age_years("2006-12-31", "2026-01-01") == 19,
	    "the year's number alone is not the age");
	ok(cv_age_years("2006-03-15", "2006-03-15") == 0, "born that day: 0");
	ok(cv_age_years("2006-03-15", "2006-03-14") == -1,
	    "before the birth: -1");
	ok(cv_age_years("2006-02-30", "2026-03-01") == -1 &&
	        cv_age_years("2006-03-15", "2026-13-01") == -1 &&
	        cv_age_years(NULL, "2026-03-01") == -1 &&
	        cv_age_years("2006-03-15", "2026") == -1,
	    "a malformed date: -1");
	/* born on 29 February */
	ok(cv_age_years("2004-02-29", "2024-02-28") == 19,
	    "29 Feb, a leap 20th year: 19 on the 28th");
	ok(cv_age_years("2004-02-29", "2024-02-29") == 20,
	    "and 20 on the 29th");
	ok(cv_age_years("2004-02-29", "2023-02-27") == 18,
	    "29 Feb, a common year: 18 on the 27th");
	ok(cv_age_years("2004-02-29", "2023-02-28") == 19,
	    "and 19 on the 28th, the month's last day");
	ok(cv_age_years("2004-02-29", "2023-03-01") == 19, "still on 1 March");
	ok(cv_age_years("2000-02-29", "2100-02-28") == 100,
	    "2100 is a common year");
	ok(cv_age_years("2004-02-28", "2023-02-28") == 19 &&
	        cv_age_years("2004-03-01", "2023-02-28") == 18,
	    "the neighbours of 29 Feb are unaffected");

	/* the ages by sex */
	party(&a, 1, "2006-03-15", "M");
	party(&b, 2, "2008-03-15", "F");
	ok(cv_marriage_refusal("2026-03-14", &law, &a, &b) ==
	        ERR_MARRIAGE_UNDERAGE,
	    "the man one day short of 20: under age");
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) == ERR_OK,
	    "on the day both have their years: no refusal");
	party(&a, 1, "2000-01-01", "M");
	party(&b, 2, "2008-03-16", "F");
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	        ERR_MARRIAGE_UNDERAGE,
	    "the woman one day short of 18: under age");
	party(&b, 2, "2008-03-15", "F");
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) == ERR_OK,
	    "on her 18th birthday: no refusal");
	party(&a, 1, "2007-03-15", "F");
	party(&b, 2, "2006-03-16", "M");
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	        ERR_MARRIAGE_UNDERAGE,
	    "a man of 19 filing with a woman of 19: under age");

	/* same sex, by the rule of the day */
	party(&a, 1, "1990-01-01", "F");
	party(&b, 2, "1991-01-01", "F");
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	        ERR_MARRIAGE_SAME_SEX,
	    "two women: not recognised");
	open.same_sex = 1;
	ok(cv_marriage_refusal("2026-03-15", &open, &a, &b) == ERR_OK,
	    "unless the rule of the day recognises it");

	/* married, deceased */
	party(&a, 1, "1990-01-01", "M");
	party(&b, 2, "1991-01-01", "F");
	b.marital = "married";
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	        ERR_MARRIAGE_MARRIED,
	    "married by marital status");
	b.marital = NULL;
	b.open_marriages = 1;
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	        ERR_MARRIAGE_MARRIED,
	    "married by a marriage not ended, whatever the status says");
	b.open_marriages = 0;
	b.marital = "widowed";
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) == ERR_OK,
	    "a widow may marry");
	a.death_date = "2025-01-01";
	a.marital = "married";
	ok(cv_marriage_refusal("2026-03-15", &law, &a, &b) == ERR_DECEASED,
	    "deceased comes first");

	/* kinship: ids 10.. are ancestors */
	party(&a, 1, "1990-01-01", "M");
	party(&b, 2, "1991-01-01", "F");
	ok(cv_kinship(&a, &b) == CV_KIN_NONE, "no links: not kin");
	anc(&b, 1, 1);
	ok(cv_kinship(&a, &b) == CV_KIN_DIRECT, "a parent: direct line");
	party(&b, 2, "1991-01-01", "F");
	anc(&a, 2, 4);
	ok(cv_kinship(&a, &b) == CV_KIN_DIRECT &&
	        cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	            ERR_MARRIAGE_DIRECT_LINE,
	    "a great-great-grandparent, the other way: direct line");
	party(&a, 1, "1990-01-01", "M");
	anc(&a, 10, 1);
	anc(&a, 11, 1);
	anc(&b, 11, 1);
	anc(&b, 12, 1);
	ok(cv_kinship(&a, &b) == CV_KIN_CLOSE &&
	        cv_marriage_refusal("2026-03-15", &law, &a, &b) ==
	            ERR_MARRIAGE_KIN,
	    "one parent in common (half-siblings): close kin");
	party(&a, 1, "1990-01-01", "M");
	party(&b, 2, "1991-01-01", "F");
	anc(&a, 10, 1);
	anc(&a, 20, 2);
	anc(&b, 11, 1);
	anc(&b, 20, 2);
	ok(cv_kinship(&a, &b) == CV_KIN_CLOSE, "first cousins: close kin");
	party(&b, 2, "1991-01-01", "F");
	anc(&b, 20, 1);
	ok(cv_kinship(&a, &b) == CV_KIN_CLOSE,
	    "an aunt and her nephew: close kin");
	party(&a, 1, "1990-01-01", "M");
	party(&b, 2, "1991-01-01", "F");
	anc(&a, 30, 3);
	anc(&b, 30, 3);
	ok(cv_kinship(&a, &b) == CV_KIN_NONE,
	    "second cousins (a common great-grandparent): not within three "
	    "generations");
	party(&b, 2, "1991-01-01", "F");
	anc(&b, 30, 2);
	ok(cv_kinship(&a, &b) == CV_KIN_NONE,
	    "three generations up on one side: not within three generations");

	/* the consent's window */
	{
		struct cv_consent c = { "001099000001", "2027-04-15 09:00:00",
			NULL, NULL };
		char t[20];

		cv_days_after("2027-03-16 09:00:00", 30, t);
		is_str(t, "2027-04-15 09:00:00",
		    "30 days after, at the same time");
		cv_days_after("2027-12-16 23:59:59", 30, t);
		is_str(t, "2028-01-15 23:59:59", "across a year");
		cv_days_after("2028-02-28", 1, t);
		is_str(t, "2028-02-29 00:00:00", "a date alone: its midnight");
		ok(cv_marriage_consent_state(&c, "2027-04-15 09:00:00") ==
		        ERR_MARRIAGE_CONSENT_PENDING,
		    "not given, at the last second: pending");
		ok(cv_marriage_consent_state(&c, "2027-04-15 09:00:01") ==
		        ERR_MARRIAGE_CONSENT_EXPIRED,
		    "a second later: expired");
		c.confirmed_at = "2027-03-18 15:30:00";
		ok(cv_marriage_consent_state(&c, "2027-05-01 09:00:00") ==
		        ERR_OK,
		    "given in time: given, whenever asked");
		c.party_pid = NULL;
		ok(cv_marriage_consent_state(&c, "2027-03-18 15:30:00") ==
		        ERR_INTERNAL,
		    "no consent asked: a broken dossier");
	}
	return tap_done();
}
