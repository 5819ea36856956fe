/*
 * Working-time arithmetic for legal time limits.  Time limits are counted
 * in working half-days (a "½ working day" is 1, a working day 2): mornings
 * end at 12:00 and afternoons at 17:00; Saturdays, Sundays and the days in
 * the holiday table are skipped.  The clock starts at the next half-day
 * after the dossier is received: a morning submission counts from the
 * afternoon, an afternoon or after-hours one from the next working
 * morning.  Times are local (UTC+7) "YYYY-MM-DD HH:MM:SS" strings.
 */
#ifndef MOTCUA_WORKCAL_H
#define MOTCUA_WORKCAL_H

#include <stddef.h>

struct workcal {
	const char *const *holidays; /* sorted "YYYY-MM-DD" */
	size_t n;
};

/* Returns 1 when day ("YYYY-MM-DD") is a working day. */
int workcal_is_working(const struct workcal *, const char *day);

/*
 * Writes into due (20 bytes) the end of the halves-th working half-day
 * after start.  Returns 0, or -1 when start is malformed or halves < 1.
 */
int workcal_due(
    const struct workcal *, const char *start, int halves, char due[20]);

/*
 * Returns the number of whole working half-days that begin after from and
 * end no later than to (what is left of a time limit when its clock
 * stops), or -1 when a time is malformed.
 */
int
workcal_halves_left(const struct workcal *, const char *from, const char *to);

/*
 * The civil-status default time limit: the same working day when received
 * on a working day before cutoff (minutes after midnight: 15:00 is 900),
 * else the next working day; due at 17:00 of that day, into due (20
 * bytes).  Returns 0, or -1 when received or cutoff is malformed.
 */
int workcal_same_day(
    const struct workcal *, const char *received, int cutoff, char due[20]);

#endif
