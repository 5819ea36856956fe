/*
 * The dossier lifecycle: creation with idempotency and a due date,
 * checked transitions with events, and the supplement pause.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "receipt.h"
#include "sql.h"

const char *const dossier_state_name[DS__MAX] = {
	[DS_SUBMITTED] = "submitted",
	[DS_ACCEPTED] = "accepted",
	[DS_SUPPLEMENT_REQUESTED] = "supplement_requested",
	[DS_APPROVED] = "approved",
	[DS_REJECTED] = "rejected",
	[DS_RESULT_ISSUED] = "result_issued",
};

const char *const dossier_state_vi[DS__MAX] = {
	[DS_SUBMITTED] = "Đã tiếp nhận",
	[DS_ACCEPTED] = "Đang giải quyết",
	[DS_SUPPLEMENT_REQUESTED] = "Chờ bổ sung hồ sơ",
	[DS_APPROVED] = "Đã phê duyệt",
	[DS_REJECTED] = "Từ chối giải quyết",
	[DS_RESULT_ISSUED] = "Đã trả kết quả",
};

const char *const dossier_state_en[DS__MAX] = {
	[DS_SUBMITTED] = "Received",
	[DS_ACCEPTED] = "Being processed",
	[DS_SUPPLEMENT_REQUESTED] = "Waiting for a supplement",
	[DS_APPROVED] = "Approved",
	[DS_REJECTED] = "Rejected",
	[DS_RESULT_ISSUED] = "Result issued",
};

/* The lifecycle: 1 where a move is allowed, 2 where it needs a reason. */
static const unsigned char moves[DS__MAX][DS__MAX] = {
	[DS_SUBMITTED] = { [DS_ACCEPTED] = 1, [DS_REJECTED] = 2 },
	[DS_ACCEPTED] = { [DS_SUPPLEMENT_REQUESTED] = 2,
	    [DS_APPROVED] = 1,
	    [DS_REJECTED] = 2 },
	[DS_SUPPLEMENT_REQUESTED] = { [DS_ACCEPTED] = 1 },
	[DS_APPROVED] = { [DS_RESULT_ISSUED] = 1 },
};

int
dossier_state_of(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < DS__MAX; i++)
		if (strcmp(dossier_state_name[i], name) == 0)
			return i;
	return -1;
}

int
dossier_may_move(enum dossier_state from, enum dossier_state to, int *reason)
{
	if (from < 0 || from >= DS__MAX || to < 0 || to >= DS__MAX ||
	    moves[from][to] == 0)
		return 0;
	if (reason != NULL)
		*reason = moves[from][to] == 2;
	return 1;
}

const char *
dossier_now(struct arena *a)
{
	time_t t = time(NULL) + 7 * 3600;
	struct tm tm;
	char buf[20];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	return arena_strdup(a, buf);
}

int
dossier_calendar(
    struct db *db, struct arena *a, const char *from, struct workcal *cal)
{
	struct db_param p[] = { DBP_S(NULL), DBP_S(NULL) };
	struct db_res res;
	const char **days;
	char day[11];
	size_t i;
	int rc;

	snprintf(day, sizeof(day), "%.10s", from);
	p[0].s = p[1].s = day;
	if ((rc = db_exec(db, a, SQ_HOLIDAYS, p, 2, &res)) != DB_OK)
		return rc;
	days = arena_alloc(a, (res.nrows + 1) * sizeof(*days));
	for (i = 0; i < res.nrows; i++)
		days[i] = DB_CELL(&res, i, 0);
	cal->holidays = days;
	cal->n = res.nrows;
	return DB_OK;
}

static int
event(struct db *db, struct arena *a, long long id, const char *from,
    const char *to, const char *actor, const char *reason)
{
	struct db_param p[] = { DBP_I(id), DBP_SN(from), DBP_S(to),
		DBP_S(actor), DBP_SN(reason) };
	int rc;

	if ((rc = db_exec(db, a, SQ_DOSSIER_EVENT, p, 5, NULL)) != DB_OK)
		return rc;
	/* a note (the same state) tells the applicant nothing new */
	if (from != NULL && strcmp(from, to) == 0)
		return DB_OK;
	{
		struct db_param q[] = { DBP_I((long long)db_insert_id(db)),
			DBP_S(to), DBP_I(id) };

		return db_exec(db, a, SQ_NOTIFY_OUTBOX, q, 3, NULL);
	}
}

int
dossier_create(struct db *db, struct arena *a, const struct dossier_new *n,
    long long *id, const char **receipt, int *existing)
{
	struct workcal cal;
	struct db_res res;
	const char *now;
	char due[20];
	int rc;

	*existing = 0;
	{
		struct db_param p[] = { DBP_I(n->applicant_id),
			DBP_S(n->procedure), DBP_S(n->idem_key) };

		rc = db_exec(db, a, SQ_DOSSIER_BY_KEY, p, 3, &res);
		if (rc != DB_OK)
			return rc;
	}
	if (res.nrows == 1) {
		*id = strtoll(DB_CELL(&res, 0, 0), NULL, 10);
		*receipt = DB_CELL(&res, 0, 1);
		*existing = 1;
		return DB_OK;
	}
	now = n->received != NULL ? n->received : dossier_now(a);
	if ((rc = dossier_calendar(db, a, now, &cal)) != DB_OK)
		return rc;
	if (n->same_day ? workcal_same_day(&cal, now, n->cutoff, due) < 0
	                : workcal_due(&cal, now, n->halves, due) < 0)
		return DB_ERR;
	if ((rc = receipt_next(db, a, n->agency, receipt)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S(*receipt), DBP_S(n->agency),
			DBP_S(n->procedure), DBP_S(n->commune),
			DBP_I(n->applicant_id), DBP_SN(n->filed_by),
			DBP_S(n->channel), DBP_S(n->idem_key), DBP_S(now),
			DBP_S(due), DBP_SN(n->payload) };

		if ((rc = db_exec(db, a, SQ_DOSSIER_INSERT, p, 11, NULL)) !=
		    DB_OK)
			return rc;
	}
	*id = (long long)db_insert_id(db);
	return event(db, a, *id, NULL, "submitted", n->actor,
	    n->filed_by != NULL ? "filed at the counter" : NULL);
}

int
dossier_issue_at_once(struct db *db, struct arena *a,
    const struct dossier_new *n, const char *basis, long long *id,
    const char **receipt)
{
	static const enum dossier_state steps[] = { DS_ACCEPTED, DS_APPROVED,
		DS_RESULT_ISSUED };
	struct dossier d;
	size_t i;
	int rc, existing;

	if ((rc = dossier_create(db, a, n, id, receipt, &existing)) != DB_OK)
		return rc;
	if (existing)
		return DB_OK;
	if ((rc = dossier_load(db, a, *receipt, &d)) != DB_OK)
		return rc;
	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		if ((rc = dossier_move(db, a, &d, steps[i], "system",
		         steps[i] == DS_RESULT_ISSUED ? basis : NULL)) != DB_OK)
			return rc > 0 ? DB_ERR : rc;
	return DB_OK;
}

int
dossier_load(
    struct db *db, struct arena *a, const char *receipt, struct dossier *d)
{
	struct db_param p[] = { DBP_S(receipt) };
	struct db_res res;
	int rc, st;

	memset(d, 0, sizeof(*d));
	if ((rc = db_exec(db, a, SQ_DOSSIER_LOCK, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	d->id = strtoll(DB_CELL(&res, 0, SQ_DL_ID), NULL, 10);
	d->receipt = arena_strdup(a, receipt);
	if ((st = dossier_state_of(DB_CELL(&res, 0, SQ_DL_STATE))) < 0)
		return DB_ERR; /* a state the schema does not allow */
	d->state = (enum dossier_state)st;
	d->procedure = DB_CELL(&res, 0, SQ_DL_PROCEDURE);
	d->commune = DB_CELL(&res, 0, SQ_DL_COMMUNE);
	d->applicant_id = strtoll(DB_CELL(&res, 0, SQ_DL_APPLICANT), NULL, 10);
	d->payload = DB_CELL(&res, 0, SQ_DL_PAYLOAD);
	d->submitted_at = DB_CELL(&res, 0, SQ_DL_SUBMITTED);
	d->due_at = DB_CELL(&res, 0, SQ_DL_DUE);
	d->remaining_halves = DB_CELL(&res, 0, SQ_DL_REMAINING) != NULL
	    ? atoi(DB_CELL(&res, 0, SQ_DL_REMAINING))
	    : -1;
	d->version = strtoll(DB_CELL(&res, 0, SQ_DL_VERSION), NULL, 10);
	d->filed_by = DB_CELL(&res, 0, SQ_DL_FILED_BY);
	return DB_OK;
}

int
dossier_move(struct db *db, struct arena *a, struct dossier *d,
    enum dossier_state to, const char *actor, const char *reason)
{
	const char *from = dossier_state_name[d->state];
	const char *name = dossier_state_name[to];
	int rc, needs = 0, official;

	if (d->id == 0)
		return DOSSIER_ABSENT;
	if (!dossier_may_move(d->state, to, &needs))
		return DOSSIER_STATE;
	if (needs && (reason == NULL || *reason == '\0'))
		return DOSSIER_REASON;
	/* decisions are remembered on the dossier itself */
	official = to == DS_APPROVED || to == DS_REJECTED;
	{
		struct db_param p[] = { DBP_S(name),
			DBP_SN(official ? actor : NULL),
			DBP_SN(official ? reason : NULL), DBP_S(name),
			DBP_I(d->id), DBP_S(from), DBP_I(d->version) };

		if ((rc = db_exec(db, a, SQ_DOSSIER_MOVE, p, 7, NULL)) != DB_OK)
			return rc;
	}
	if (db_affected(db) != 1)
		return DOSSIER_STATE;
	if (to == DS_SUPPLEMENT_REQUESTED ||
	    (d->state == DS_SUPPLEMENT_REQUESTED && to == DS_ACCEPTED)) {
		struct workcal cal;
		const char *now;

		now = dossier_now(a);
		if ((rc = dossier_calendar(db, a, now, &cal)) != DB_OK)
			return rc;
		if (to == DS_SUPPLEMENT_REQUESTED) {
			/* stop the clock: keep what is left */
			int left = workcal_halves_left(&cal, now, d->due_at);
			struct db_param p[] = { DBP_I(left < 0 ? 0 : left),
				DBP_I(d->id) };

			rc = db_exec(db, a, SQ_DOSSIER_PAUSE, p, 2, NULL);
		} else {
			/* restart it with what was left (at least ½ day) */
			char due[20];
			int left =
			    d->remaining_halves > 0 ? d->remaining_halves : 1;
			struct db_param p[] = { DBP_S(due), DBP_I(d->id) };

			if (workcal_due(&cal, now, left, due) < 0)
				return DB_ERR;
			rc = db_exec(db, a, SQ_DOSSIER_RESUME, p, 2, NULL);
		}
		if (rc != DB_OK)
			return rc;
	}
	if ((rc = event(db, a, d->id, from, name, actor, reason)) != DB_OK)
		return rc;
	d->state = to;
	d->version++;
	return DB_OK;
}

int
dossier_note(struct db *db, struct arena *a, const struct dossier *d,
    const char *actor, const char *reason)
{
	const char *st = dossier_state_name[d->state];

	return event(db, a, d->id, st, st, actor, reason);
}

int
dossier_events(struct db *db, struct arena *a, int stmt, long long dossier,
    struct dossier_event **out, size_t *n)
{
	struct db_param p[] = { DBP_I(dossier) };
	struct dossier_event *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, stmt, p, 1, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].at = DB_CELL(&res, i, DOSSIER_EV_AT);
		v[i].from = DB_CELL(&res, i, DOSSIER_EV_FROM);
		v[i].to = DB_CELL(&res, i, DOSSIER_EV_TO);
		v[i].reason = DB_CELL(&res, i, DOSSIER_EV_REASON);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
dossier_refusal(struct db *db, struct arena *a, const char *actor,
    const char *action, const char *object, const char *reason)
{
	struct db_param p[] = { DBP_S(actor), DBP_S(action), DBP_S(object),
		DBP_S(reason) };

	return db_exec(db, a, SQ_REFUSAL, p, 4, NULL);
}
