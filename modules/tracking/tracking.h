/*
 * The tracking module (tra cứu): private declarations shared by its
 * files: the statements, the handlers, the Vietnamese labels and the
 * rendering of answers that carry lists.
 */
#ifndef TRACKING_H
#define TRACKING_H

#include <stddef.h>

#include "req.h"
#include "resp.h"
#include "sql.h"

/* Page sizes of the official's queue and the citizen's reads list. */
#define TR_QUEUE_PAGE 50
#define TR_READS_PAGE 20
/* The module's fields (main.c), by key. */
enum tr_key {
	TK_NONE,
	TK_RECEIPT,
	TK_BIRTH_YEAR,
	TK_BIRTH_DATE,
	TK_PAGE,
	TK_FAMILY,
	TK_EMAIL,
	TK_PHONE,
	TK_CHANNEL,
	TK__MAX
};

/* The procedure families the queue may be limited to (TK_FAMILY), by
 * the family name the catalogue gives (procedure.h). */
enum tr_family { TF_RESIDENCE, TF_CIVIL, TF__MAX };

extern const char *const tr_families[TF__MAX + 1];

/* How a citizen is told of their dossiers (TK_CHANNEL; the schema's
 * citizen_contact.channel). */
extern const char *const tr_channels[];

enum tr_sql {
	TRQ_OFFICIAL = SQ__MAX,
	TRQ_FAILURE_LOCK,
	TRQ_FAILURE_GET,
	TRQ_FAILURE_ADD,
	TRQ_FAILURE_RESET,
	TRQ_FAILURE_PURGE,
	TRQ_DOSSIER,
	TRQ_DOSSIER_DATE,
	TRQ_EVENTS,
	TRQ_QUEUE,
	TRQ_STATS,
	TRQ_STATS_TOTAL,
	TRQ_CITIZEN,
	TRQ_READS_COUNT,
	TRQ_READS,
	TRQ_READ,
	TRQ_READ_DATE,
	TRQ_CONTACT,
	TRQ_CONTACT_SET,
	TRQ__MAX
};

extern const char *const tr_sql[TRQ__MAX - SQ__MAX];
extern const struct sql_shape tr_shapes[];

/*
 * sql.c: a fetcher for each statement that returns rows.  Each returns
 * DB_OK or an enum db_rc; strings are the result's, in the arena, NULL
 * for SQL NULL; arrays come from the arena.
 */
struct arena;
struct db;

/* A failure count of a code and factor (TRQ_FAILURE_GET). */
struct tr_failure {
	int all; /* the count of all clients, else the client's own */
	long long failures;
	long long waited_us; /* since the end of the last failure's second */
};

/* The counts of the client and of all clients, locked FOR UPDATE. */
int tr_failures_get(struct db *, struct arena *, const char *code,
    const char *factor, const char *client, struct tr_failure **, size_t *n);

/* A dossier as tracking shows it (TRQ_DOSSIER*); id 0: none. */
struct tr_dossier {
	long long id;
	const char *receipt;
	const char *procedure;
	const char *state;
	const char *submitted_at;
	const char *due_at;
	const char *completed_at; /* NULL: not finished */
	int paused;
	int overdue;
};

/* The dossier with this code whose applicant was born on date, or (date
 * NULL) in year. */
int tr_dossier_get(struct db *, struct arena *, const char *code,
    const char *date, long long year, struct tr_dossier *);

struct dossier_event;

/*
 * The dossier and its events (TRQ_READ*) in one statement, one snapshot,
 * when neither the client's nor all clients' count of failures for the
 * code and factor holds any: *clean is then 1.  When it is 0 (a count
 * holds failures, or the factor is wrong), nothing was read that may be
 * answered: the locked transaction decides.
 */
int tr_dossier_read(struct db *, struct arena *, const char *code,
    const char *date, long long year, const char *factor, const char *client,
    struct tr_dossier *, struct dossier_event **, size_t *nev, int *clean);

/* An open dossier of an official's queue (TRQ_QUEUE). */
struct tr_queued {
	const char *receipt;
	const char *procedure;
	const char *state;
	const char *submitted_at;
	const char *due_at;
	int paused;
	int overdue;
};

/* The page'th TR_QUEUE_PAGE open dossiers of the commune, soonest due
 * first; codes: a comma list of the procedure codes to show, "" for all. */
int tr_queue_get(struct db *, struct arena *, const char *commune,
    const char *codes, long page, struct tr_queued **, size_t *n);

/* A commune's figures (TRQ_STATS, TRQ_STATS_TOTAL), as the SQL gives
 * them: whole numbers, and the rate with one decimal or NULL. */
struct tr_stats {
	const char *procedure; /* NULL in the total */
	const char *open;
	const char *finished;
	const char *on_time;
	const char *on_time_rate;
};

/* Per procedure, in code order, of the procedures codes lists ("" all). */
int tr_stats_get(struct db *, struct arena *, const char *commune,
    const char *codes, struct tr_stats **, size_t *n);
/* In total: always one row, DB_ERR when not. */
int tr_stats_total_get(struct db *, struct arena *, const char *commune,
    const char *codes, struct tr_stats *);

/* The id of the citizen with this number (TRQ_CITIZEN); 0: none. */
int tr_citizen_get(
    struct db *, struct arena *, const char *pid, long long *citizen);

/* How many access-log rows are about the citizen (TRQ_READS_COUNT). */
int tr_reads_count(struct db *, struct arena *, long long citizen, long *total);

/* A read of the citizen's data (TRQ_READS). */
struct tr_read {
	const char *at; /* UTC */
	const char *actor_kind;
	const char *actor;
	const char *office; /* the official's commune; NULL otherwise */
	const char *fields;
	const char *purpose;
};

/* The page'th TR_READS_PAGE reads of the citizen, newest first. */
int tr_reads_get(struct db *, struct arena *, long long citizen, long page,
    struct tr_read **, size_t *n);

/* A citizen's contact (TRQ_CONTACT); id 0: no such citizen; the
 * channel "none" and the rest NULL when they never chose one. */
struct tr_contact {
	long long id;
	const char *email;
	const char *phone;
	const char *channel;
};

int tr_contact_get(
    struct db *, struct arena *, const char *pid, struct tr_contact *);
/* Sets the citizen's contact (TRQ_CONTACT_SET); NULL clears a field. */
int tr_contact_set(struct db *, struct arena *, const struct tr_contact *);

enum err tr_status(struct req *); /* status.c */
enum err tr_contact_page(struct req *); /* contact.c */
enum err tr_contact_save(struct req *);
enum err tr_contact_again(struct req *);
enum err tr_form(struct req *); /* form.c */
enum err tr_queue(struct req *); /* queue.c */
enum err tr_reads(struct req *); /* reads.c */

/* The page asked (VALID_PAGE), 1 when none (main.c). */
long tr_page(const struct req *);

/*
 * The Vietnamese name of a national procedure code, or NULL when the
 * module does not know it; the label of a dossier state or of a reader's
 * kind (the code itself when unknown).  Static strings (render.c).
 */
const char *tr_procedure_name(const char *code);
/* The family of a procedure code (residence, civil), or NULL. */
const char *tr_procedure_family(const char *code);
/* The Vietnamese name of a family: "Cư trú", "Hộ tịch" (or the name). */
const char *tr_family_label(const char *family);
/* The catalogue's codes of a family, a comma list from the arena. */
const char *tr_family_codes(struct arena *, const char *family);
const char *tr_state_label(const char *state);
const char *tr_actor_label(const char *kind);

/* "true" or "false": a JSON boolean. */
const char *tr_bool(int);

#endif
