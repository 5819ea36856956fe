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
/* The highest page number accepted. */
#define TR_PAGE_MAX 100000

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
	TRQ__MAX
};

extern const char *const tr_sql[TRQ__MAX - SQ__MAX];

enum err tr_status(struct req *); /* status.c */
enum err tr_form(struct req *); /* form.c */
enum err tr_queue(struct req *); /* queue.c */
enum err tr_reads(struct req *); /* reads.c */

/*
 * Reads the optional "page" field (1 to TR_PAGE_MAX, default 1) into
 * *page.  Returns ERR_OK, or ERR_INVALID_FIELD with r->bad set (main.c).
 */
enum err tr_page(struct req *, long *page);

/*
 * The Vietnamese name of a national procedure code, or NULL when the
 * module does not know it; the label of a dossier state or of a reader's
 * kind (the code itself when unknown).  Static strings (render.c).
 */
const char *tr_procedure_name(const char *code);
const char *tr_state_label(const char *state);
const char *tr_actor_label(const char *kind);

/* "true" for an SQL truth value of 1, else "false": a JSON boolean. */
const char *tr_bool(const char *);

#endif
