/*
 * The civil-status module (hộ tịch): private declarations shared by its
 * files: the fields by key and the statements.  Only the wiring exists
 * so far; the procedures add their keys, statements and handlers here.
 */
#ifndef CIVIL_H
#define CIVIL_H

#include "sql.h"

/* The module's fields (main.c), by key. */
enum cv_key { CK_NONE, CK__MAX };

enum cv_sql { CV_OFFICIAL = SQ__MAX, CV__MAX };

extern const char *const cv_sql[CV__MAX - SQ__MAX];
extern const struct sql_shape cv_shapes[];

#endif
