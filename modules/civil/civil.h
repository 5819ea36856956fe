/*
 * The civil-status module (hộ tịch): private declarations shared by its
 * files: the fields by key and the statements.  Only the wiring exists
 * so far; the procedures add their keys, statements and handlers here.
 */
#ifndef CIVIL_H
#define CIVIL_H

#include "sql.h"

struct arena;
struct db;

/* The module's fields (main.c), by key. */
enum cv_key { CK_NONE, CK__MAX };

enum cv_sql {
	CV_OFFICIAL = SQ__MAX,
	CV_RULE,
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
int cv_rule_int(struct db *, struct arena *, const char *rule,
    const char *day, long min, long max, long *n);

#endif
