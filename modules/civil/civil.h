/*
 * The civil-status module (hộ tịch): private declarations shared by its
 * files: the fields by key and the statements.  Only the wiring exists
 * so far; the procedures add their keys, statements and handlers here.
 */
#ifndef CIVIL_H
#define CIVIL_H

#include <stddef.h>

#include "sql.h"

struct arena;
struct db;

/* The module's fields (main.c), by key. */
enum cv_key { CK_NONE, CK__MAX };

enum cv_sql {
	CV_OFFICIAL = SQ__MAX,
	CV_RULE,
	/* birth registration: pid.c */
	CV_PID_PROVINCE,
	CV_PID_HELD,
	CV_PID_RESERVE,
	CV_PID_BIND,
	CV__MAX
};

extern const char *const cv_sql[CV__MAX - SQ__MAX];
extern const struct sql_shape cv_shapes[];

/*
 * rule.c: the civil rule's value on the day (a date, or a time on that
 * day), from civil_rule (*value from the arena).  A rule without a row
 * for the day is a broken schema: DB_ERR.  Returns DB_OK or an enum db_rc.
 */
int cv_rule(struct db *, struct arena *, const char *rule, const char *day,
    const char **value);

/* The same, for a rule whose value is a whole number in [min, max]. */
int cv_rule_int(struct db *, struct arena *, const char *rule, const char *day,
    long min, long max, long *n);

/*
 * Birth registration.  pid.c: a child's new personal number.
 */

/* Draws of six random digits before a registration gives up. */
#define CV_PID_TRIES 32

/* The century-and-sex digit (19xx: 0 for "M", 1 for "F"; 20xx: 2/3;
 * 21xx: 4/5 ...), or -1 for a year or sex it has none for. */
int cv_pid_digit(int year, const char *sex);

/* Writes the number of a child born in year, of sex, for the pre-2025
 * province (two digits) and the six digits (0 to 999999).  0, or -1. */
int cv_pid_compose(char pid[13], const char *province, int year,
    const char *sex, unsigned long six);

/* Six random digits, each value equally likely.  0, or -1 without
 * entropy. */
int cv_pid_six(unsigned long *six);

/* The pre-2025 province of a commune in the code table in force on day.
 * Returns DB_OK or an enum db_rc (DB_ERR: the commune has none). */
int cv_pid_province(struct db *, struct arena *, const char *commune,
    const char *day, char province[3]);

/*
 * Inside a transaction: draws a new number for a child born on birth
 * (YYYY-MM-DD) of sex, registered by commune at now (YYYY-MM-DD
 * HH:MM:SS), one nobody holds or held, that the validator (valid_pid)
 * passes, and reserves it in pid_assignment; a collision draws again, at
 * most CV_PID_TRIES times.  Returns DB_OK or an enum db_rc.
 */
int cv_pid_assign(struct db *, struct arena *, const char *commune,
    const char *birth, const char *sex, const char *now, char pid[13]);

/* Ties the reserved number to the citizen given it.  DB_OK or a db_rc. */
int
cv_pid_bind(struct db *, struct arena *, const char *pid, long long citizen);

/*
 * dup.c: possible duplicate births.
 */

/* The key names are compared on: text_name_key() without diacritics
 * (marks dropped, đ as d).  NULL for invalid UTF-8. */
char *cv_name_fold(struct arena *, const char *name);

/* The Levenshtein distance between two strings, in code points (of the
 * first 100 of each). */
int cv_edit_distance(const char *, const char *);

/* The edits allowed between names of this many letters: 0 below 4, 1
 * for 4 to 6, 2 for 7 and more. */
int cv_name_allowance(size_t letters);

/* Whether two names are alike: their folded keys within the allowance of
 * the shorter's letters. */
int cv_name_similar(struct arena *, const char *, const char *);

/* The windows, in days (the civil rules birth_dup_days and
 * birth_dup_twin_days). */
struct cv_dup_rules {
	long dup_days; /* another child this close: a duplicate */
	long twin_days; /* this close: a duplicate only by a similar name */
};

/* A child the mother already has (or is declaring in another dossier). */
struct cv_sibling {
	const char *name;
	const char *birth; /* YYYY-MM-DD */
};

enum cv_dup {
	CV_DUP_NONE,
	CV_DUP_NAME, /* a similar name born within twin_days */
	CV_DUP_SIBLING, /* born more than twin_days, at most dup_days apart */
};

/*
 * Whether a child named name born on birth (YYYY-MM-DD) is possibly one
 * of the mother's children sib[0..nsib), and which one (*which).
 */
enum cv_dup cv_dup_check(struct arena *, const struct cv_dup_rules *,
    const char *name, const char *birth, const struct cv_sibling *sib,
    size_t nsib, size_t *which);

#endif
