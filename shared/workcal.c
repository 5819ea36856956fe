/*
 * Working half-days.  Dates are walked with timegm/gmtime_r on a UTC
 * calendar (the strings are already local time; only the calendar matters).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "workcal.h"

struct slot {
	time_t day; /* midnight of the day, calendar-wise */
	int half; /* 0 morning, 1 afternoon */
};

static int
parse(const char *s, time_t *day, int *hour, int *min)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0;

	if (s == NULL ||
	    sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) <
	        3)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	*day = timegm(&tm);
	*hour = h;
	*min = mi;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
working(const struct workcal *c, time_t day)
{
	struct tm tm;
	char key[11];
	const char *k = key;

	gmtime_r(&day, &tm);
	if (tm.tm_wday == 0 || tm.tm_wday == 6)
		return 0;
	strftime(key, sizeof(key), "%Y-%m-%d", &tm);
	return c->n == 0 ||
	    bsearch(&k, c->holidays, c->n, sizeof(*c->holidays), cmp_str) ==
	    NULL;
}

int
workcal_is_working(const struct workcal *c, const char *day)
{
	time_t d;
	int h, m;

	if (parse(day, &d, &h, &m) < 0)
		return 0;
	return working(c, d);
}

static void
next_slot(const struct workcal *c, struct slot *s)
{
	if (s->half == 0) {
		s->half = 1;
	} else {
		s->half = 0;
		s->day += 86400;
	}
	while (!working(c, s->day)) {
		s->day += 86400;
		s->half = 0;
	}
}

/* The first half-day counted for something received at t. */
static int
first_slot(const struct workcal *c, const char *t, struct slot *s)
{
	int h, m;

	if (parse(t, &s->day, &h, &m) < 0)
		return -1;
	if (working(c, s->day) && h < 12) {
		s->half = 1; /* received in the morning: from the afternoon */
		return 0;
	}
	s->half = 1;
	next_slot(c, s); /* the next working morning */
	return 0;
}

static time_t
slot_end(const struct slot *s)
{
	return s->day + (s->half == 0 ? 12 : 17) * 3600;
}

int
workcal_due(
    const struct workcal *c, const char *start, int halves, char due[20])
{
	struct slot s;
	struct tm tm;
	time_t end;
	int i;

	if (halves < 1 || first_slot(c, start, &s) < 0)
		return -1;
	for (i = 1; i < halves; i++)
		next_slot(c, &s);
	end = slot_end(&s);
	gmtime_r(&end, &tm);
	strftime(due, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

int
workcal_halves_left(const struct workcal *c, const char *from, const char *to)
{
	struct slot s;
	time_t tday, limit;
	int th, tm, n = 0;

	if (first_slot(c, from, &s) < 0 || parse(to, &tday, &th, &tm) < 0)
		return -1;
	limit = tday + th * 3600 + tm * 60;
	while (slot_end(&s) <= limit && n < 100000) {
		n++;
		next_slot(c, &s);
	}
	return n;
}

int
workcal_same_day(
    const struct workcal *c, const char *received, int cutoff, char due[20])
{
	struct tm tm;
	time_t day, end;
	int h, m, n;

	if (cutoff < 0 || cutoff > 24 * 60 || parse(received, &day, &h, &m) < 0)
		return -1;
	/* after the cut-off, or on a day off: the next working day */
	if (!working(c, day) || h * 60 + m >= cutoff)
		for (day += 86400, n = 0; !working(c, day) && n < 3660; n++)
			day += 86400;
	end = day + 17 * 3600;
	gmtime_r(&end, &tm);
	strftime(due, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}
