/*
 * Procedures: the catalogue every module reads names and codes from (the
 * family that runs a procedure, the tracking pages, the gateway), and the
 * descriptor a family's procedure file fills in.  Adding a procedure
 * means a row here and one file in its family.
 */
#ifndef MOTCUA_PROCEDURE_H
#define MOTCUA_PROCEDURE_H

struct arena;
struct db;
struct doc;
struct dossier;
struct form;

/* A procedure as the national catalogue names it. */
struct proc_info {
	const char *family; /* the module that runs it: "residence" */
	const char *slug; /* in its family's paths: "permanent" */
	const char *code; /* the national procedure code: "1.004222" */
	const char *name_vi;
	const char *name_en;
	int halves; /* the legal time limit in working half-days */
	/* the civil family's default instead: due the same working day when
	 * received before the cut-off, else the next (civil_rule, by date) */
	int same_day;
};

/* The national code of the confirmation of residence (CT07). */
#define PROC_RESIDENCE_CONFIRMATION "1.010041"
#define PROC_PERMANENT "1.004222"
#define PROC_TEMPORARY "1.004194"
#define PROC_EXTENSION "1.004197"
#define PROC_ABSENCE "1.003677"
#define PROC_BIRTH "1.001193"
#define PROC_DEATH "1.000656"
#define PROC_MARRIAGE "1.000894"
#define PROC_MARITAL_CONFIRMATION "1.004873"
#define PROC_EXTRACT "2.000635"

/* The catalogue's rows, by name. */
enum proc_id {
	PROC_ID_RESIDENCE_CONFIRMATION,
	PROC_ID_PERMANENT,
	PROC_ID_TEMPORARY,
	PROC_ID_EXTENSION,
	PROC_ID_ABSENCE,
	PROC_ID_BIRTH,
	PROC_ID_DEATH,
	PROC_ID_MARRIAGE,
	PROC_ID_MARITAL_CONFIRMATION,
	PROC_ID_EXTRACT,
	PROC_ID__MAX
};

/* The procedure with this national code, or NULL. */
const struct proc_info *proc_by_code(const char *code);

/* The catalogue, by enum proc_id. */
extern const struct proc_info proc_catalog[PROC_ID__MAX];

/* A field a procedure asks (its family's field key), with its label. */
struct proc_ask {
	int key; /* 0 ends a list */
	const char *label_vi;
	const char *label_en;
	int required;
};

/* The submission in hand: each family defines it. */
struct proc_submit;

/*
 * A procedure as its family runs it.  The functions run inside the
 * submission's or the approval's transaction and return 0, a positive
 * value (refused: the family's submission says why) or a negative enum
 * db_rc.
 */
struct procedure {
	const struct proc_info *info;
	const struct proc_ask *ask; /* what the form asks */
	/* the facts it takes from the database instead of asking */
	const char *facts;
	/*
	 * At the counter, before anything about the citizen is compared:
	 * the commune whose officials may file it (*commune; NULL when the
	 * citizen has no registration it could act on).
	 */
	int (*counter_commune)(
	    struct db *, struct arena *, struct proc_submit *, const char **);
	/*
	 * The submission's checks against what the database holds: sets
	 * the commune that decides the dossier, and writes the payload the
	 * effect reads.
	 */
	int (*check)(struct db *, struct arena *, struct proc_submit *);
	/* On approval: the effect on the population data, from the
	 * payload that check wrote; positive: refused, an enum err. */
	int (*effect)(struct db *, struct arena *, const struct dossier *,
	    const struct form *payload);
	/*
	 * Optional.  Once a new dossier exists (the submission holds its
	 * id), in the submission's transaction: what the procedure keeps
	 * of it besides the payload.
	 */
	int (*created)(struct db *, struct arena *, struct proc_submit *,
	    const struct form *payload);
	/* Optional: what the dossier's view adds (DB_OK or a db_rc). */
	int (*view)(
	    struct db *, struct arena *, long long dossier, struct doc *);
};

#endif
