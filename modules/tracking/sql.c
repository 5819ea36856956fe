/*
 * Every statement of the tracking module, prepared once per connection,
 * and the fetchers that read their rows into structs.  Each fetcher names
 * its statement's columns in an enum next to the SQL; tr_shapes tells
 * db_connect() how many parameters and columns each one has, so the two
 * cannot drift apart.  Times of dossiers are the database's local time;
 * access-log times are UTC (audit.c writes them so), hence the Z.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "tracking.h"

/* open, finished, finished on time, on-time rate in percent (or NULL) */
#define STATS_COLS \
	"COALESCE(SUM(state IN ('submitted', 'accepted', " \
	"'supplement_requested')), 0), " \
	"COALESCE(SUM(completed_at IS NOT NULL), 0), " \
	"COALESCE(SUM(completed_at IS NOT NULL AND completed_at <= due_at), " \
	"0), " \
	"ROUND(100 * SUM(completed_at IS NOT NULL AND completed_at <= " \
	"due_at) " \
	"/ NULLIF(SUM(completed_at IS NOT NULL), 0), 1)"

/*
 * A dossier by receipt code, the second factor's condition after it.
 * Overdue (the last column): open past the due date with the clock
 * running, or finished after it.
 */
#define DOSSIER_COLS \
	"SELECT d.id, d.receipt_code, d.procedure_code, d.state, " \
	"DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.completed_at, '%Y-%m-%dT%H:%i:%s'), " \
	"d.paused_at IS NOT NULL, " \
	"IF(d.completed_at IS NULL, " \
	"d.paused_at IS NULL AND d.due_at < NOW(), " \
	"d.completed_at > d.due_at) " \
	"FROM dossier d JOIN citizen c ON c.id = d.applicant_id " \
	"WHERE d.receipt_code = ? "

/*
 * The same dossier and, in the same snapshot, its events, after whether
 * a failure count of the code and factor, the client's or all clients',
 * holds any (the two parameters before the code): the read that needs
 * neither lock nor write when there is nothing to wait for or reset.
 * The events as TRQ_EVENTS has them, one a row.  An inner join: with the
 * dossier and citizen read by unique keys, MariaDB sorts the events alone
 * (an outer join sorted through a temporary table, which cost more than
 * the rest); a dossier without events (none is) reads as none, and the
 * locked transaction answers it.
 */
#define DOSSIER_READ \
	"SELECT d.id, d.receipt_code, d.procedure_code, d.state, " \
	"DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), " \
	"DATE_FORMAT(d.completed_at, '%Y-%m-%dT%H:%i:%s'), " \
	"d.paused_at IS NOT NULL, " \
	"IF(d.completed_at IS NULL, " \
	"d.paused_at IS NULL AND d.due_at < NOW(), " \
	"d.completed_at > d.due_at), " \
	"EXISTS (SELECT 1 FROM tracking_failure f " \
	"WHERE f.receipt_code = d.receipt_code AND f.factor = ? " \
	"AND f.client IN (?, '') AND f.failures > 0), " \
	"DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s'), e.from_state, e.to_state, " \
	"IF(e.to_state IN ('supplement_requested', 'rejected'), " \
	"e.reason, NULL) " \
	"FROM dossier d JOIN citizen c ON c.id = d.applicant_id " \
	"JOIN dossier_event e ON e.dossier_id = d.id " \
	"WHERE d.receipt_code = ? "
#define DOSSIER_READ_END "ORDER BY e.at, e.id LIMIT 200"

/* The procedures of a family: a comma list of codes (the parameter twice),
 * or "" for all of them */
#define FAMILY_COND "AND (? = '' OR FIND_IN_SET(procedure_code, ?) > 0) "

const char *const tr_sql[TRQ__MAX - SQ__MAX] = {
	[TRQ_OFFICIAL - SQ__MAX] =
	    "SELECT o.id, o.commune_code, o.role, u.full_name FROM official o "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = o.commune_code AND u.valid_to IS NULL "
	    "WHERE o.username = ? AND o.active = 1",
	/* the code's row for the factor, created (no failure yet) or
	 * locked: parallel attempts on a code queue here, before any gap
	 * lock of a missing row could make two of them deadlock */
	[TRQ_FAILURE_LOCK - SQ__MAX] =
	    "INSERT INTO tracking_failure "
	    "(receipt_code, factor, client, failures, last_at) "
	    "VALUES (?, ?, '', 0, NOW()) "
	    "ON DUPLICATE KEY UPDATE failures = failures",
	/* per factor, the rows of the client and of all clients (''):
	 * failures, and microseconds since the end of the second of the
	 * last one (last_at has whole seconds: never wait less than asked) */
	[TRQ_FAILURE_GET - SQ__MAX] =
	    "SELECT client, failures, TIMESTAMPDIFF(MICROSECOND, "
	    "last_at + INTERVAL 1 SECOND, NOW(6)) FROM tracking_failure "
	    "WHERE receipt_code = ? AND factor = ? AND client IN (?, '') "
	    "FOR UPDATE",
	[TRQ_FAILURE_ADD - SQ__MAX] =
	    "INSERT INTO tracking_failure "
	    "(receipt_code, factor, client, failures, last_at) "
	    "VALUES (?, ?, ?, 1, NOW()) ON DUPLICATE KEY UPDATE "
	    "failures = failures + 1, last_at = NOW()",
	[TRQ_FAILURE_RESET - SQ__MAX] =
	    "UPDATE tracking_failure SET failures = 0 "
	    "WHERE receipt_code = ? AND factor = ? AND client IN (?, '')",
	/* a bounded slice of day-old failures, on each new failure */
	[TRQ_FAILURE_PURGE - SQ__MAX] =
	    "DELETE FROM tracking_failure "
	    "WHERE last_at < NOW() - INTERVAL 1 DAY LIMIT 50",
	/* only with both factors: the code and the applicant's birth year,
	 * or (TRQ_DOSSIER_DATE) the whole birth date */
	[TRQ_DOSSIER - SQ__MAX] = DOSSIER_COLS "AND YEAR(c.birth_date) = ?",
	[TRQ_DOSSIER_DATE - SQ__MAX] = DOSSIER_COLS "AND c.birth_date = ?",
	/* the reason only where it is the applicant's business (what to
	 * supplement, why it was refused); never the actor */
	[TRQ_EVENTS - SQ__MAX] =
	    "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s'), "
	    "from_state, to_state, "
	    "IF(to_state IN ('supplement_requested', 'rejected'), "
	    "reason, NULL) "
	    "FROM dossier_event WHERE dossier_id = ? ORDER BY at, id LIMIT 200",
	[TRQ_QUEUE - SQ__MAX] =
	    "SELECT receipt_code, procedure_code, state, "
	    "DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(due_at, '%Y-%m-%dT%H:%i:%s'), paused_at IS NOT NULL, "
	    "paused_at IS NULL AND due_at < NOW() FROM dossier "
	    "WHERE commune_code = ? " FAMILY_COND
	    "AND state IN ('submitted', 'accepted', 'supplement_requested') "
	    "ORDER BY due_at, id LIMIT ? OFFSET ?",
	[TRQ_STATS - SQ__MAX] =
	    "SELECT procedure_code, " STATS_COLS
	    " FROM dossier WHERE commune_code = ? " FAMILY_COND
	    "GROUP BY procedure_code ORDER BY procedure_code",
	[TRQ_STATS_TOTAL - SQ__MAX] =
	    "SELECT " STATS_COLS
	    " FROM dossier WHERE commune_code = ? " FAMILY_COND,
	[TRQ_CITIZEN - SQ__MAX] = "SELECT id FROM citizen WHERE pid = ?",
	[TRQ_READS_COUNT - SQ__MAX] =
	    "SELECT COUNT(*) FROM access_log WHERE citizen_id = ?",
	/* a page of the citizen's reads, newest first; for an official
	 * reader, the current name of their commune (their office) */
	[TRQ_READ - SQ__MAX] =
	    DOSSIER_READ "AND YEAR(c.birth_date) = ? " DOSSIER_READ_END,
	[TRQ_READ_DATE - SQ__MAX] =
	    DOSSIER_READ "AND c.birth_date = ? " DOSSIER_READ_END,
	[TRQ_READS - SQ__MAX] =
	    "SELECT DATE_FORMAT(a.at, '%Y-%m-%dT%H:%i:%sZ'), a.actor_kind, "
	    "a.actor, u.full_name, a.fields, a.purpose FROM access_log a "
	    "LEFT JOIN official o ON a.actor_kind = 'official' "
	    "AND o.username = a.actor COLLATE utf8mb4_bin "
	    "LEFT JOIN admin_unit u ON u.level = 'commune' "
	    "AND u.code = o.commune_code AND u.valid_to IS NULL "
	    "WHERE a.citizen_id = ? ORDER BY a.at DESC, a.id DESC "
	    "LIMIT ? OFFSET ?",
	/* the signed-on citizen's own contact, and their id to set it */
	[TRQ_CONTACT - SQ__MAX] =
	    "SELECT c.id, k.email, k.phone, COALESCE(k.channel, 'none') "
	    "FROM citizen c LEFT JOIN citizen_contact k "
	    "ON k.citizen_id = c.id WHERE c.pid = ?",
	[TRQ_CONTACT_SET - SQ__MAX] =
	    "INSERT INTO citizen_contact (citizen_id, email, phone, channel) "
	    "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "email = VALUES(email), phone = VALUES(phone), "
	    "channel = VALUES(channel)",
};

/* clang-format off */
enum { FA_CLIENT, FA_FAILURES, FA_WAITED, FA__N };
enum { DO_ID, DO_RECEIPT, DO_PROCEDURE, DO_STATE, DO_SUBMITTED, DO_DUE,
	DO_COMPLETED, DO_PAUSED, DO_OVERDUE, DO__N };
/* TRQ_READ*: the dossier (DO_*), whether failures are counted, an event */
enum { RA_FAILED = DO__N, RA_AT, RA_FROM, RA_TO, RA_REASON, RA__N };
enum { QU_RECEIPT, QU_PROCEDURE, QU_STATE, QU_SUBMITTED, QU_DUE, QU_PAUSED,
	QU_OVERDUE, QU__N };
/* STATS_COLS; TRQ_STATS has the procedure code before them */
enum { ST_OPEN, ST_FINISHED, ST_ON_TIME, ST_RATE, ST__N };
enum { RD_AT, RD_KIND, RD_ACTOR, RD_OFFICE, RD_FIELDS, RD_PURPOSE, RD__N };
enum { CO_ID, CO_EMAIL, CO_PHONE, CO_CHANNEL, CO__N };

const struct sql_shape tr_shapes[] = {
	{ TRQ_OFFICIAL, 1, 4 }, /* official.c reads it */
	{ TRQ_FAILURE_LOCK, 2, 0 },
	{ TRQ_FAILURE_GET, 3, FA__N },
	{ TRQ_FAILURE_ADD, 3, 0 },
	{ TRQ_FAILURE_RESET, 3, 0 },
	{ TRQ_FAILURE_PURGE, 0, 0 },
	{ TRQ_DOSSIER, 2, DO__N },
	{ TRQ_DOSSIER_DATE, 2, DO__N },
	{ TRQ_EVENTS, 1, DOSSIER_EV_COLS },
	{ TRQ_QUEUE, 5, QU__N },
	{ TRQ_STATS, 3, 1 + ST__N },
	{ TRQ_STATS_TOTAL, 3, ST__N },
	{ TRQ_CITIZEN, 1, 1 },
	{ TRQ_READS_COUNT, 1, 1 },
	{ TRQ_READS, 3, RD__N },
	{ TRQ_READ, 4, RA__N },
	{ TRQ_READ_DATE, 4, RA__N },
	{ TRQ_CONTACT, 1, CO__N },
	{ TRQ_CONTACT_SET, 4, 0 },
	{ -1, 0, 0 },
};
/* clang-format on */

#define CELL(res, row, col) DB_CELL(res, row, col)

/* An SQL truth value: 1 is true; 0 and NULL are not. */
static int
truth(const char *v)
{
	return v != NULL && strcmp(v, "1") == 0;
}

int
tr_failures_get(struct db *db, struct arena *a, const char *code,
    const char *factor, const char *client, struct tr_failure **out, size_t *n)
{
	struct db_param p[] = { DBP_S(code), DBP_S(factor), DBP_S(client) };
	struct tr_failure *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, TRQ_FAILURE_GET, p, 3, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].all = CELL(&res, i, FA_CLIENT)[0] == '\0';
		v[i].failures = strtoll(CELL(&res, i, FA_FAILURES), NULL, 10);
		v[i].waited_us = strtoll(CELL(&res, i, FA_WAITED), NULL, 10);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

/* The dossier's columns of row 0 of a TRQ_DOSSIER* or TRQ_READ* result. */
static void
dossier_row(const struct db_res *res, struct tr_dossier *d)
{
	d->id = strtoll(CELL(res, 0, DO_ID), NULL, 10);
	d->receipt = CELL(res, 0, DO_RECEIPT);
	d->procedure = CELL(res, 0, DO_PROCEDURE);
	d->state = CELL(res, 0, DO_STATE);
	d->submitted_at = CELL(res, 0, DO_SUBMITTED);
	d->due_at = CELL(res, 0, DO_DUE);
	d->completed_at = CELL(res, 0, DO_COMPLETED);
	d->paused = truth(CELL(res, 0, DO_PAUSED));
	d->overdue = truth(CELL(res, 0, DO_OVERDUE));
}

int
tr_dossier_get(struct db *db, struct arena *a, const char *code,
    const char *date, long long year, struct tr_dossier *d)
{
	struct db_param p[] = { DBP_S(code), DBP_I(year) };
	int id = TRQ_DOSSIER;
	struct db_res res;
	int rc;

	memset(d, 0, sizeof(*d));
	if (date != NULL) {
		p[1] = (struct db_param)DBP_S(date);
		id = TRQ_DOSSIER_DATE;
	}
	if ((rc = db_exec(db, a, id, p, 2, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	dossier_row(&res, d);
	return DB_OK;
}

int
tr_dossier_read(struct db *db, struct arena *a, const char *code,
    const char *date, long long year, const char *factor, const char *client,
    struct tr_dossier *d, struct dossier_event **out, size_t *nev, int *clean)
{
	struct db_param p[] = { DBP_S(factor), DBP_S(client), DBP_S(code),
		DBP_I(year) };
	struct dossier_event *v;
	struct db_res res;
	size_t i, n = 0;
	int id = TRQ_READ, rc;

	memset(d, 0, sizeof(*d));
	*out = NULL;
	*nev = 0;
	*clean = 0;
	if (date != NULL) {
		p[3] = (struct db_param)DBP_S(date);
		id = TRQ_READ_DATE;
	}
	if ((rc = db_exec(db, a, id, p, 4, &res)) != DB_OK)
		return rc;
	if (res.nrows == 0 || truth(CELL(&res, 0, RA_FAILED)))
		return DB_OK;
	dossier_row(&res, d);
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[n].at = CELL(&res, i, RA_AT);
		v[n].from = CELL(&res, i, RA_FROM);
		v[n].to = CELL(&res, i, RA_TO);
		v[n].reason = CELL(&res, i, RA_REASON);
		n++;
	}
	*out = v;
	*nev = n;
	*clean = 1;
	return DB_OK;
}

int
tr_queue_get(struct db *db, struct arena *a, const char *commune,
    const char *codes, long page, struct tr_queued **out, size_t *n)
{
	struct db_param p[] = { DBP_S(commune), DBP_S(codes), DBP_S(codes),
		DBP_I(TR_QUEUE_PAGE), DBP_I((page - 1) * TR_QUEUE_PAGE) };
	struct tr_queued *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, TRQ_QUEUE, p, 5, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].receipt = CELL(&res, i, QU_RECEIPT);
		v[i].procedure = CELL(&res, i, QU_PROCEDURE);
		v[i].state = CELL(&res, i, QU_STATE);
		v[i].submitted_at = CELL(&res, i, QU_SUBMITTED);
		v[i].due_at = CELL(&res, i, QU_DUE);
		v[i].paused = truth(CELL(&res, i, QU_PAUSED));
		v[i].overdue = truth(CELL(&res, i, QU_OVERDUE));
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

/* The figures of STATS_COLS in row i, from column base on. */
static void
stats_row(const struct db_res *res, size_t i, size_t base, struct tr_stats *s)
{
	s->open = CELL(res, i, base + ST_OPEN);
	s->finished = CELL(res, i, base + ST_FINISHED);
	s->on_time = CELL(res, i, base + ST_ON_TIME);
	s->on_time_rate = CELL(res, i, base + ST_RATE);
}

int
tr_stats_get(struct db *db, struct arena *a, const char *commune,
    const char *codes, struct tr_stats **out, size_t *n)
{
	struct db_param p[] = { DBP_S(commune), DBP_S(codes), DBP_S(codes) };
	struct tr_stats *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, TRQ_STATS, p, 3, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].procedure = CELL(&res, i, 0);
		stats_row(&res, i, 1, &v[i]);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
tr_stats_total_get(struct db *db, struct arena *a, const char *commune,
    const char *codes, struct tr_stats *t)
{
	struct db_param p[] = { DBP_S(commune), DBP_S(codes), DBP_S(codes) };
	struct db_res res;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_exec(db, a, TRQ_STATS_TOTAL, p, 3, &res)) != DB_OK)
		return rc;
	/* an aggregate without GROUP BY: one row, whatever the data */
	if (res.nrows != 1)
		return DB_ERR;
	stats_row(&res, 0, 0, t);
	return DB_OK;
}

int
tr_citizen_get(
    struct db *db, struct arena *a, const char *pid, long long *citizen)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	*citizen = 0;
	if ((rc = db_exec(db, a, TRQ_CITIZEN, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*citizen = strtoll(CELL(&res, 0, 0), NULL, 10);
	return DB_OK;
}

int
tr_reads_count(struct db *db, struct arena *a, long long citizen, long *total)
{
	struct db_param p[] = { DBP_I(citizen) };
	struct db_res res;
	int rc;

	*total = 0;
	if ((rc = db_exec(db, a, TRQ_READS_COUNT, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*total = strtol(CELL(&res, 0, 0), NULL, 10);
	return DB_OK;
}

int
tr_reads_get(struct db *db, struct arena *a, long long citizen, long page,
    struct tr_read **out, size_t *n)
{
	struct db_param p[] = { DBP_I(citizen), DBP_I(TR_READS_PAGE),
		DBP_I((page - 1) * TR_READS_PAGE) };
	struct tr_read *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, TRQ_READS, p, 3, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].at = CELL(&res, i, RD_AT);
		v[i].actor_kind = CELL(&res, i, RD_KIND);
		v[i].actor = CELL(&res, i, RD_ACTOR);
		v[i].office = CELL(&res, i, RD_OFFICE);
		v[i].fields = CELL(&res, i, RD_FIELDS);
		v[i].purpose = CELL(&res, i, RD_PURPOSE);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
tr_contact_get(
    struct db *db, struct arena *a, const char *pid, struct tr_contact *c)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, TRQ_CONTACT, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->id = strtoll(CELL(&res, 0, CO_ID), NULL, 10);
	c->email = CELL(&res, 0, CO_EMAIL);
	c->phone = CELL(&res, 0, CO_PHONE);
	c->channel = CELL(&res, 0, CO_CHANNEL);
	return DB_OK;
}

int
tr_contact_set(struct db *db, struct arena *a, const struct tr_contact *c)
{
	struct db_param p[] = { DBP_I(c->id), DBP_SN(c->email),
		DBP_SN(c->phone), DBP_S(c->channel) };

	return db_exec(db, a, TRQ_CONTACT_SET, p, 4, NULL);
}
