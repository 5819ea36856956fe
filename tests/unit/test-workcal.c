/*
 * Working half-days across weekends and Tết 2026.
 */
#include "config.h"

#include <string.h>

#include "workcal.h"
#include "tap.h"

int
main(void)
{
	/* the working days among the 2026 holidays (004_procedures.sql) */
	static const char *const hol[] = { "2026-01-01", "2026-02-16",
		"2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
		"2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01",
		"2026-09-02" };
	struct workcal c = { hol, sizeof(hol) / sizeof(*hol) };
	struct workcal none = { NULL, 0 };
	char due[20];

	ok(workcal_is_working(&c, "2026-11-26"), "a Thursday works");
	ok(!workcal_is_working(&c, "2026-11-28"), "Saturday does not");
	ok(!workcal_is_working(&c, "2026-02-18"), "Tết does not");
	ok(workcal_is_working(&none, "2026-02-18"),
	    "without holidays it would");

	workcal_due(&c, "2026-11-26 09:00:00", 1, due);
	is_str(
	    due, "2026-11-26 17:00:00", "½ day from a morning: that afternoon");
	workcal_due(&c, "2026-11-26 14:00:00", 1, due);
	is_str(
	    due, "2026-11-27 12:00:00", "½ day from an afternoon: next noon");
	workcal_due(&c, "2026-11-27 14:00:00", 1, due);
	is_str(due, "2026-11-30 12:00:00", "Friday afternoon: Monday noon");
	workcal_due(&c, "2026-11-28 10:00:00", 2, due);
	is_str(due, "2026-11-30 17:00:00", "Saturday: counts from Monday");
	workcal_due(&c, "2026-11-26 09:00:00", 6, due);
	is_str(due, "2026-12-01 12:00:00", "3 days from Thursday morning");
	workcal_due(&c, "2026-11-26 15:00:00", 14, due);
	is_str(due, "2026-12-07 17:00:00", "7 days from Thursday afternoon");

	/* Tết: Friday 13 February 2026, 7 working days.  Feb 14-22 is the
	 * holiday (16-20 are weekdays), so the count resumes on 23 Feb. */
	workcal_due(&c, "2026-02-13 10:00:00", 14, due);
	is_str(due, "2026-03-03 12:00:00", "7 days across Tết 2026");
	workcal_due(&none, "2026-02-13 10:00:00", 14, due);
	is_str(
	    due, "2026-02-24 12:00:00", "the same without the holiday table");
	workcal_due(&c, "2026-04-29 16:00:00", 2, due);
	is_str(due, "2026-05-04 17:00:00", "across 30 April and 1 May");

	{
		static const char *const starts[] = { "2026-11-26 09:00:00",
			"2026-11-26 15:00:00", "2026-02-13 10:00:00",
			"2026-04-29 16:00:00", "2026-12-31 23:00:00" };
		size_t i;
		int n;

		for (i = 0; i < sizeof(starts) / sizeof(*starts); i++)
			for (n = 1; n <= 14; n += 13) {
				workcal_due(&c, starts[i], n, due);
				ok(workcal_halves_left(&c, starts[i], due) == n,
				    "halves left from %s to its %d-half due "
				    "date",
				    starts[i], n);
			}
	}
	/* a supplement request on Monday 30 Nov at 10:00 stops a clock due
	 * Monday 7 Dec at 17:00: Mon pm .. Mon 7 pm is 11 halves */
	ok(workcal_halves_left(
	       &c, "2026-11-30 10:00:00", "2026-12-07 17:00:00") == 11,
	    "what is left when a clock stops");
	ok(workcal_halves_left(
	       &c, "2026-12-07 18:00:00", "2026-12-07 17:00:00") == 0,
	    "nothing left after the due time");
	ok(workcal_due(&c, "nonsense", 2, due) < 0, "malformed start");
	ok(workcal_due(&c, "2026-11-26 09:00:00", 0, due) < 0, "no time limit");

	/* civil status: the same working day, before a 15:00 cut-off */
	ok(workcal_same_day(&c, "2026-11-26 14:59:59", 900, due) == 0,
	    "same day: received Thursday 14:59");
	is_str(due, "2026-11-26 17:00:00", "due that day at 17:00");
	workcal_same_day(&c, "2026-11-26 15:00:00", 900, due);
	is_str(
	    due, "2026-11-27 17:00:00", "at 15:00: due the next working day");
	workcal_same_day(&c, "2026-11-27 16:30:00", 900, due);
	is_str(due, "2026-11-30 17:00:00", "Friday after 15:00: due Monday");
	workcal_same_day(&c, "2026-11-28 09:00:00", 900, due);
	is_str(due, "2026-11-30 17:00:00", "on a Saturday morning: due Monday");
	workcal_same_day(&c, "2026-02-13 15:30:00", 900, due);
	is_str(due, "2026-02-23 17:00:00",
	    "Friday before Tết, after 15:00: due after the holidays");
	workcal_same_day(&c, "2026-02-13 08:00:00", 600, due);
	is_str(due, "2026-02-13 17:00:00", "the cut-off is a setting (10:00)");
	ok(workcal_same_day(&c, "nonsense", 900, due) < 0 &&
	        workcal_same_day(&c, "2026-11-26 09:00:00", -1, due) < 0,
	    "malformed time or cut-off");
	return tap_done();
}
