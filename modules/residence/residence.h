/*
 * The residence module (cư trú): private declarations shared by its
 * procedure files.
 */
#ifndef RESIDENCE_H
#define RESIDENCE_H

#include "req.h"
#include "sql.h"

/* The national procedure code of the confirmation of residence (CT07). */
#define RS_PROC_CONFIRM "1.010041"

enum rs_sql {
	RS_CITIZEN = SQ__MAX,
	RS_RESIDENCES,
	RS_CONFIRM_BY_KEY,
	RS_DOSSIER_INSERT,
	RS_EVENT_INSERT,
	RS_CONFIRM_INSERT,
	RS_CONFIRM_BY_CODE,
	RS_OFFICIAL,
	RS__MAX
};

extern const char *const rs_sql[RS__MAX - SQ__MAX];

enum err rs_confirm_issue(struct req *);
enum err rs_confirm_verify(struct req *);
enum err rs_official_lookup(struct req *);

/* Maps a negative enum db_rc to the error answered. */
enum err rs_db_err(int rc);

/* Masks a personal number for display to a third party: 001******789. */
const char *rs_mask_pid(struct arena *, const char *pid);

#endif
