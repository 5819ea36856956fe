/*
 * The tracking module (tra cứu): private declarations.
 */
#ifndef TRACKING_H
#define TRACKING_H

#include "req.h"
#include "sql.h"

enum tr_sql { TRQ_OFFICIAL = SQ__MAX, TRQ__MAX };

extern const char *const tr_sql[TRQ__MAX - SQ__MAX];

#endif
