/*
 * The dossier lifecycle every procedure family shares:
 *
 *   submitted -> accepted -> (supplement_requested <-> accepted)
 *             -> approved -> result_issued
 *   submitted | accepted -> rejected
 *
 * Every transition is an event row with actor, time and reason; a
 * transition happens only from the state the caller saw, under the row
 * lock and a version check, so of two officials deciding at once exactly
 * one succeeds.  The due date is the legal time limit in working
 * half-days (workcal.h); a supplement request stops the clock and the
 * citizen's answer restarts it with what was left.  A submission carries
 * an idempotency key: the same key twice yields the same dossier.
 */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include "workcal.h"

struct arena;
struct db;

/* A dossier's states, as dossier.state stores them by name. */
enum dossier_state {
	DS_SUBMITTED,
	DS_ACCEPTED,
	DS_SUPPLEMENT_REQUESTED,
	DS_APPROVED,
	DS_REJECTED,
	DS_RESULT_ISSUED,
	DS__MAX
};

/* The state's name as stored ("supplement_requested"), and its label for
 * people in Vietnamese and in English. */
extern const char *const dossier_state_name[DS__MAX];
extern const char *const dossier_state_vi[DS__MAX];
extern const char *const dossier_state_en[DS__MAX];

/* The state of that stored name, or -1. */
int dossier_state_of(const char *name);

/* Whether the lifecycle allows the move (and whether it needs a
 * reason, *reason, when not NULL). */
int
dossier_may_move(enum dossier_state from, enum dossier_state to, int *reason);

enum dossier_rc {
	DOSSIER_OK = 0,
	DOSSIER_STATE = 1, /* not in a state that allows the move */
	DOSSIER_REASON = 2, /* the move needs a reason */
	DOSSIER_ABSENT = 3, /* no such dossier */
};

struct dossier_new {
	const char *agency;
	const char *procedure;
	const char *commune; /* whose officials decide it */
	long long applicant_id;
	const char *channel; /* "online", "counter" */
	const char *filed_by; /* the official at the counter, or NULL */
	const char *actor; /* for the first event */
	const char *idem_key;
	const char *payload; /* the procedure's fields, urlencoded */
	int halves; /* the legal time limit in working half-days */
	/* instead (same_day = 1): due the same working day when received
	 * before cutoff (minutes after midnight), else the next one */
	int same_day;
	int cutoff;
	/* the time of receipt (NULL: now), so that a family that read
	 * its rules for the day of receipt dates the dossier alike */
	const char *received;
};

/* A dossier as loaded (and locked) for an action. */
struct dossier {
	long long id;
	const char *receipt;
	enum dossier_state state;
	const char *procedure;
	const char *commune;
	long long applicant_id;
	const char *payload;
	const char *submitted_at;
	const char *due_at;
	int remaining_halves; /* -1 when the clock runs */
	long long version;
	const char *filed_by; /* the official at the counter, or NULL */
};

/*
 * Inside a transaction: the working calendar from date from (holidays of
 * the next three years), allocated from the arena.  Returns DB_OK or an
 * enum db_rc.
 */
int dossier_calendar(
    struct db *, struct arena *, const char *from, struct workcal *);

/*
 * The time now, local (UTC+7, Vietnam keeps no summer time), as
 * "YYYY-MM-DD HH:MM:SS" from the arena: the module's own clock, the one
 * receipt codes are dated by, so a dossier's receipt, its time of receipt
 * and its due date agree.
 */
const char *dossier_now(struct arena *);

/*
 * Inside a transaction: creates the dossier (receipt code, due date, its
 * "submitted" event), or finds the one with the same idempotency key
 * (*existing = 1).  Returns DB_OK or an enum db_rc (DB_DUP when a twin
 * with the same key committed first: run the transaction again).
 */
int dossier_create(struct db *, struct arena *, const struct dossier_new *,
    long long *id, const char **receipt, int *existing);

/*
 * Inside a transaction: creates the dossier and moves it at once through
 * accepted and approved to result_issued, as the system, the last move
 * with basis as its reason: a paper issued from facts the database
 * holds.  A dossier the key already has is left as it is.  Returns DB_OK
 * or an enum db_rc (DB_DUP as dossier_create).
 */
int
dossier_issue_at_once(struct db *, struct arena *, const struct dossier_new *,
    const char *basis, long long *id, const char **receipt);

/*
 * Inside a transaction: loads and locks the dossier with this receipt
 * code.  Returns DB_OK (d->id is 0 when there is none) or an enum db_rc.
 */
int dossier_load(
    struct db *, struct arena *, const char *receipt, struct dossier *d);

/*
 * Inside a transaction: moves d to state to, recording actor and reason,
 * pausing the clock on a supplement request and restarting it when the
 * dossier goes back to accepted.  Returns DB_OK, a positive enum
 * dossier_rc, or a negative enum db_rc.
 */
int dossier_move(struct db *, struct arena *, struct dossier *d,
    enum dossier_state to, const char *actor, const char *reason);

/*
 * Inside a transaction: records an event on d that does not move it (its
 * state stays; actor and reason say what happened).  Returns DB_OK or an
 * enum db_rc.
 */
int dossier_note(struct db *, struct arena *, const struct dossier *d,
    const char *actor, const char *reason);

/* A dossier's event, as a module's history statement reads it. */
struct dossier_event {
	const char *at;
	const char *from; /* NULL: the first */
	const char *to;
	const char *reason; /* NULL: none, or none the reader may see */
};

/* The columns of such a statement, whose one parameter is the dossier. */
enum {
	DOSSIER_EV_AT,
	DOSSIER_EV_FROM,
	DOSSIER_EV_TO,
	DOSSIER_EV_REASON,
	DOSSIER_EV_COLS
};

/*
 * The events statement stmt reads for the dossier (an array from the
 * arena, *n of them).  Returns DB_OK or an enum db_rc.
 */
int dossier_events(struct db *, struct arena *, int stmt, long long dossier,
    struct dossier_event **, size_t *n);

/* Inside a transaction (or not): records an action refused for lack of
 * rights.  Returns DB_OK or an enum db_rc. */
int dossier_refusal(struct db *, struct arena *, const char *actor,
    const char *action, const char *object, const char *reason);

#endif
