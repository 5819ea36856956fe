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
	RS_CONFIRM_INSERT,
	RS_CONFIRM_BY_CODE,
	RS_OFFICIAL,
	RS_COMMUNE,
	RS_CURRENT_TEMP,
	RS_END_PERMANENT,
	RS_INSERT_RESIDENCE,
	RS_EXTEND,
	RS_HOUSEHOLD_OF,
	RS_HOUSEHOLD_NEW,
	RS_JOIN_HOUSEHOLD,
	RS_ABSENCE,
	RS_EVENTS,
	RS_DOSSIER_VIEW,
	RS_SEPARATION,
	RS__MAX
};

extern const char *const rs_sql[RS__MAX - SQ__MAX];

/* roles.c: who may do what */
enum rs_action {
	RS_FILE, /* file a dossier at the counter */
	RS_ACCEPT,
	RS_SUPPLEMENT, /* ask for a supplement */
	RS_APPROVE,
	RS_REJECT,
	RS_ACTION__MAX
};

/* An active official, as the request loop's REMOTE_USER names them. */
struct rs_official {
	int found; /* 0: no active official of that name */
	const char *commune;
	const char *role;
};

/* Loads the official named user.  Returns DB_OK or an enum db_rc. */
int rs_official_load(
    struct db *, struct arena *, const char *user, struct rs_official *);

/* Returns 1 when the role may take the action, else 0. */
int rs_may(const char *role, enum rs_action);

/*
 * Whether the official who filed a dossier of this procedure at the
 * counter is barred from approving it (*on).  Returns DB_OK or an enum
 * db_rc.
 */
int
rs_separate_duties(struct db *, struct arena *, const char *procedure, int *on);

/* procedure.c: the citizen's side of the residence procedures */
enum err rs_form(struct req *);
enum err rs_submit_permanent(struct req *);
enum err rs_submit_temporary(struct req *);
enum err rs_submit_extension(struct req *);
enum err rs_submit_absence(struct req *);
enum err rs_counter_permanent(struct req *);
enum err rs_counter_temporary(struct req *);
enum err rs_counter_extension(struct req *);
enum err rs_counter_absence(struct req *);
enum err rs_dossier_view(struct req *);
enum err rs_supplement_answer(struct req *);

/* decide.c: officials' decisions and the procedures' effects */
enum err rs_decide(struct req *);

enum err rs_confirm_issue(struct req *);
enum err rs_confirm_verify(struct req *);
enum err rs_official_lookup(struct req *);

/* Maps a negative enum db_rc to the error answered. */
enum err rs_db_err(int rc);

/* Masks a personal number for display to a third party: 001******789. */
const char *rs_mask_pid(struct arena *, const char *pid);

#endif
