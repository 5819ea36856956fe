/*
 * The residence module (cư trú): private declarations shared by its
 * files.
 */
#ifndef RESIDENCE_H
#define RESIDENCE_H

#include "buf.h"
#include "flow.h"
#include "procedure.h"
#include "req.h"
#include "sql.h"

struct dossier;
struct form;

/* The module's fields (main.c), by key; a route takes some of them. */
enum rs_key {
	RK_NONE,
	RK_IDEM, /* idempotency_key */
	RK_PID, /* the citizen an official looks up */
	RK_PURPOSE,
	RK_APPLICANT, /* applicant_pid, at the counter */
	RK_COMMUNE,
	RK_ADDRESS,
	RK_BASIS, /* a choice: rs_bases */
	RK_HEAD, /* household_head */
	RK_RELATION,
	RK_FULL_NAME, /* known facts, re-sent */
	RK_BIRTH_DATE,
	RK_SEX,
	RK_FROM,
	RK_UNTIL,
	RK_DESTINATION,
	RK_ABSENCE_REASON,
	RK_NOTE, /* the citizen's answer to a supplement request */
	RK_REASON, /* an official's reason */
	RK_VCODE, /* path: a confirmation's verification code */
	RK_RECEIPT, /* path: a dossier's receipt code */
	RK_PROCEDURE, /* path: a procedure's slug, a choice */
	RK__MAX
};

/* The bases of a permanent residence (RK_BASIS's choices). */
enum rs_basis { RB_OWN_HOME, RB_FAMILY, RB_RENTED, RB_OTHER, RB__MAX };
extern const char *const rs_bases[RB__MAX + 1];

/* Procedures filed through the shared submission (submit.c), in the
 * order of RK_PROCEDURE's choices. */
enum rs_proc { RP_PERMANENT, RP_TEMPORARY, RP_EXTENSION, RP_ABSENCE, RP__MAX };
extern const char *const rs_proc_slugs[RP__MAX + 1];
extern const struct procedure rs_permanent, rs_temporary, rs_extension,
    rs_absence;
extern const struct procedure *const rs_procs[RP__MAX];

/* roles.c: the rights a route may require (route.right) */
enum rs_right {
	RS_ANY = 0, /* any active official */
	RS_FILE, /* file a dossier at the counter */
	RS_ACCEPT,
	RS_SUPPLEMENT, /* ask for a supplement */
	RS_APPROVE,
	RS_REJECT,
	RS_RIGHT__MAX
};

/* Returns 1 when the role has the right, else 0. */
int rs_may(const char *role, int right);

/* sql.c: the statements, and a fetcher for each that reads rows */
enum rs_sql {
	RS_CITIZEN = SQ__MAX,
	RS_RESIDENCES,
	RS_CITIZEN_RESIDENCES,
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
	RS_COMMUNES_NEAR, /* the form's suggestions: communes, with names */
	RS__MAX
};

extern const char *const rs_sql[RS__MAX - SQ__MAX];
extern const struct sql_shape rs_shapes[];

/* A citizen's facts (RS_CITIZEN); id is 0 when there is none. */
struct rs_citizen {
	long long id;
	const char *pid;
	const char *full_name;
	const char *birth_date;
	const char *sex;
	const char *residence_version;
};

int rs_citizen_get(
    struct db *, struct arena *, const char *pid, struct rs_citizen *);

/* A current residence (RS_RESIDENCES). */
struct rs_residence {
	int permanent; /* else temporary */
	const char *commune;
	const char *commune_name; /* "" when unknown */
	const char *province_name; /* "" when unknown */
	const char *address;
	const char *since;
	const char *until; /* NULL: no end */
};

/* The citizen's current residences, permanent first, newest first in
 * each kind (an array from the arena). */
int rs_residences_get(struct db *, struct arena *, long long citizen,
    struct rs_residence **, size_t *n);

/* Both of the above in one statement (RS_CITIZEN_RESIDENCES). */
int rs_citizen_residences_get(struct db *, struct arena *, const char *pid,
    struct rs_citizen *, struct rs_residence **, size_t *n);

/* The current temporary residence (RS_CURRENT_TEMP); id 0: none. */
struct rs_temporary {
	long long id;
	const char *commune;
	const char *until;
};

int rs_current_temp_get(
    struct db *, struct arena *, long long citizen, struct rs_temporary *);

/* The commune's current name, or NULL when there is no such commune. */
int rs_commune_get(
    struct db *, struct arena *, const char *code, const char **name);

/* The household of the citizen with this number: 0 when none. */
int rs_household_of(
    struct db *, struct arena *, const char *pid, long long *household);

/* A confirmation as verified (RS_CONFIRM_BY_CODE); code NULL: none. */
struct rs_confirmation {
	const char *code;
	const char *receipt;
	const char *full_name;
	const char *pid;
	const char *birth_date;
	const char *sex;
	const char *perm_commune; /* NULL: no permanent residence */
	const char *perm_commune_name;
	const char *perm_address;
	const char *perm_since;
	const char *temp_commune; /* NULL: no temporary residence */
	const char *temp_commune_name;
	const char *temp_address;
	const char *temp_until;
	const char *issued_at;
	const char *expires_at;
	int expired;
	int changed; /* the residence changed since: void */
};

int rs_confirmation_get(
    struct db *, struct arena *, const char *code, struct rs_confirmation *);

/* The confirmation already issued for this key (RS_CONFIRM_BY_KEY):
 * its code, or NULL. */
int rs_confirmation_by_key(struct db *, struct arena *, long long citizen,
    const char *key, const char **code);

/*
 * submit.c: a submission of one of rs_procs, online by the signed-on
 * citizen or at the counter by an official, as the procedure's own file
 * sees it.
 */
struct proc_submit {
	struct flow_filing f; /* the request, the applicant, the outcome */
	struct rs_citizen cz;
	const char *today; /* the database's date, YYYY-MM-DD */
	long long today_days;
	char limit[11]; /* two years from today: the longest term */
	const char *commune; /* check: whose officials decide it */
};

/* Appends name=value (percent-encoded) to the payload; NULL: nothing. */
void rs_payload_put(struct proc_submit *, const char *name, const char *val);

/* Refuses the submission: returns 1 with why set. */
int rs_refuse(struct proc_submit *, enum err why);

/* A registration names its commune (RK_COMMUNE): the counter's right is
 * decided on the request alone (a procedure's counter_commune). */
int rs_counter_commune_asked(
    struct db *, struct arena *, struct proc_submit *, const char **);

/* The commune a registration names decides it; one the database does not
 * know is refused (unknown_commune). */
int rs_commune_asked(struct db *, struct arena *, struct proc_submit *);

/* The commune of the citizen's permanent residence (NULL: none). */
int rs_permanent_commune(
    struct db *, struct arena *, long long citizen, const char **commune);

enum err rs_form(struct req *);
enum err rs_confirm_form(struct req *);
enum err rs_form_again(struct req *);
enum err rs_file(struct req *);
enum err rs_dossier_view(struct req *);
enum err rs_supplement_answer(struct req *);

/* decide.c: officials' decisions, and the effects on approval */
enum err rs_decide(struct req *);

/* confirmation.c, lookup.c */
enum err rs_confirm_issue(struct req *);
enum err rs_confirm_verify(struct req *);
enum err rs_official_lookup(struct req *);
enum err rs_lookup_form(struct req *);
enum err rs_lookup_again(struct req *);

#endif
