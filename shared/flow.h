/*
 * The dossier flow a procedure family builds on (dossier.h has the
 * lifecycle itself): the payload a submission writes for the effect to
 * read, the approval that runs the procedure's effect, an official's
 * decision under the row lock with its refusals recorded, and the
 * applicant's view of a dossier.  A family supplies its statements (the
 * view, the events, the separation-of-duties setting) by number, and its
 * procedures (procedure.h) as a table.
 */
#ifndef MOTCUA_FLOW_H
#define MOTCUA_FLOW_H

#include <stddef.h>

#include "buf.h"
#include "dossier.h"
#include "req.h"

struct form;
struct procedure;

/* Appends name=value (percent-encoded) to a payload; NULL: nothing. */
void flow_payload_put(struct buf *, const char *name, const char *val);

/* Reads a payload flow_payload_put() wrote into f (strings from the
 * arena).  Returns 0, or -1 when it does not parse. */
int flow_payload_parse(struct arena *, const char *payload, struct form *f);

/*
 * Inside a transaction, on approval: parses the dossier's payload and
 * runs the effect of its procedure (the one of procs with its code).
 * Returns DB_OK, or what the effect returns, or DB_ERR for a dossier no
 * procedure of procs runs or whose payload does not parse.
 */
int
flow_effect(struct db *, struct arena *, const struct procedure *const *procs,
    size_t nprocs, const struct dossier *);

/* The error of a positive enum dossier_rc. */
enum err flow_move_err(int rc);

/*
 * Whether the official who filed a dossier of this procedure at the
 * counter is barred from approving it (*on), read with the family's
 * statement stmt (procedure_setting by code; no row: on).  Returns DB_OK
 * or an enum db_rc.
 */
int flow_separate_duties(
    struct db *, struct arena *, int stmt, const char *procedure, int *on);

/* An official's decision on the dossier with the receipt code in hand. */
struct flow_decide {
	struct req *r;
	const char *receipt;
	enum dossier_state to; /* the state the action moves it to */
	const char *reason; /* the official's reason, or NULL */
	const struct procedure *const *procs; /* approval: whose effect */
	size_t nprocs;
	int separation_sql; /* flow_separate_duties()'s statement */
	/*
	 * An action that is not a move of the lifecycle (NULL: a move):
	 * runs under the lock once the official's commune is checked;
	 * returns like a procedure's hook (positive: refused, why set).
	 */
	int (*act)(struct db *, struct arena *, struct dossier *,
	    struct flow_decide *);
	void *arg; /* for act */
	/* the outcome */
	enum err why;
	const char *refused; /* why the official was refused: recorded */
	enum dossier_state state; /* the dossier's state after the action */
};

/* Refuses the decision: returns 1 with why and the recorded reason set
 * (reason NULL: nothing is recorded). */
int flow_refuse(struct flow_decide *, enum err why, const char *reason);

/*
 * Runs the decision in its own transaction: the dossier must be of the
 * official's commune; approval by the official who filed it at the
 * counter is refused where the procedure separates the duties; approval
 * runs the effect and issues the result.  Records a refusal, and answers
 * the decision (the route's act names the action).
 */
enum err flow_decide(struct flow_decide *);

/* A dossier as its applicant sees it; id 0: none. */
struct flow_view {
	long long id;
	const char *receipt;
	const char *procedure;
	const char *state;
	const char *submitted_at;
	const char *due_at;
	int paused;
	const char *channel;
	const char *applicant_pid;
};

/* The columns of a family's view statement, whose one parameter is the
 * receipt code. */
enum {
	FLOW_VIEW_ID,
	FLOW_VIEW_RECEIPT,
	FLOW_VIEW_PROCEDURE,
	FLOW_VIEW_STATE,
	FLOW_VIEW_SUBMITTED,
	FLOW_VIEW_DUE,
	FLOW_VIEW_PAUSED,
	FLOW_VIEW_CHANNEL,
	FLOW_VIEW_APPLICANT,
	FLOW_VIEW_PID,
	FLOW_VIEW_COLS
};

/* The view statement the dossier's view SQL is built from, by family. */
#define FLOW_VIEW_SQL \
	"SELECT d.id, d.receipt_code, d.procedure_code, d.state, " \
	"DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), " \
	"d.paused_at IS NOT NULL, d.channel, d.applicant_id, c.pid " \
	"FROM dossier d JOIN citizen c ON c.id = d.applicant_id " \
	"WHERE d.receipt_code = ?"

/* The events statement, by family. */
#define FLOW_EVENTS_SQL \
	"SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s'), from_state, " \
	"to_state, reason FROM dossier_event WHERE dossier_id = ? ORDER BY id"

int flow_view_get(struct db *, struct arena *, int stmt, const char *receipt,
    struct flow_view *);

/* How a family renders its dossiers. */
struct flow_render {
	int view_sql; /* FLOW_VIEW_SQL */
	int events_sql; /* FLOW_EVENTS_SQL */
	const char *title; /* the document's title */
	const char *citizen_path; /* "/residence/citizen/dossiers/" */
	/* the family's procedures: the view of a dossier of one with a
	 * view hook shows what it adds (NULL: none has) */
	const struct procedure *const *procs;
	size_t nprocs;
};

/*
 * Renders the dossier with this receipt code (state, due date, history)
 * with the given status.  When owner is not NULL, only that citizen's
 * dossier is shown; anything else is "not found".
 */
enum err flow_render_dossier(struct req *, const struct flow_render *,
    const char *receipt, int status, const char *owner);

/*
 * What every family's submission holds: the first member (f) of its
 * struct proc_submit, which its transaction fills in.
 */
struct flow_filing {
	struct req *r;
	const struct procedure *proc; /* the route's data */
	int counter; /* filed by an official at the counter */
	const char *pid; /* the applicant */
	struct buf payload; /* check: what the effect reads */
	/* the outcome */
	long long id;
	const char *receipt;
	int existing;
	enum err why; /* a refusal (the transaction returned 1) */
	const char *refused; /* an official's refusal: recorded */
};

/* Refuses the submission: returns 1 with why set. */
int flow_filing_refuse(struct flow_filing *, enum err why);

/*
 * Inside the filing's transaction, at the counter: may this official
 * file it?  Their role was checked by the request loop; the commune is
 * the procedure's counter_commune() (from the request, or from the
 * registration it acts on), and an unknown number and a person
 * registered elsewhere are refused alike (other_commune, recorded).  f
 * is the first member of the family's submission, which the hook gets.
 * Returns 0, 1 (refused) or a negative enum db_rc.
 */
int flow_counter_right(struct db *, struct arena *, struct flow_filing *f);

/*
 * Inside the filing's transaction: creates its dossier (dossier_create())
 * from n, in which the family set the deciding commune, the applicant's
 * id and the time limit; the rest comes from the filing and idem_key.
 */
int flow_create(struct db *, struct arena *, struct flow_filing *,
    const char *idem_key, struct dossier_new *n);

/*
 * Files the dossier of the route's procedure: online, the applicant is
 * the signed-on citizen; at the counter (an official's route), the one
 * whose number the field applicant_key holds, required here rather than by
 * the route so that a caller who is not an official is told so first.
 * Runs txn(arg), whose arg's member f is f, once more when a twin with
 * the same idempotency key committed first; records the official's
 * refusal; answers the refusal, or the dossier (201 when new; a
 * citizen's browser is sent to it).
 */
enum err flow_file(struct req *, const struct flow_render *, int applicant_key,
    struct flow_filing *f, int (*txn)(struct db *, struct arena *, void *),
    void *arg);

#endif
