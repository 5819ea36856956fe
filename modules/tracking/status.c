/*
 * Dossier status by receipt code, for anyone who also knows the
 * applicant's birth year or full birth date (the second factor), so that
 * receipt codes, which are sequential, cannot be walked for personal
 * data.  The factor comes in a POST body (form.c refuses it in a URL).
 *
 * The answer is the dossier's progress only: procedure, state, dates,
 * whether it is late, and its history with the reasons the applicant
 * must know (what to supplement, why it was refused).  Never the
 * applicant's name or number, nor who handled it.
 *
 * An unknown code and a wrong factor are the same 404, and both count as
 * a failure against the code (tracking_failure), else the throttle itself
 * would tell which codes exist.  A wrong year counts twice: against the
 * client's address for that code, and against the code from all
 * addresses; a wrong date only against the code (its own count).  Each
 * count allows a few failures, then every attempt within 2^(n-free)
 * seconds of the last failure (at most WAIT_MAX) is answered 429 with
 * Retry-After without looking at the factor: evaluating it would tell
 * the guesser what a 404 tells.  So one address guessing a code slows
 * itself only; many addresses guessing one code close the year for
 * everyone for minutes, and the applicant can still give the full date
 * (365 times as many values to guess); both counts closed is the
 * only lock-out, and it lasts minutes.  A right factor clears the counts
 * it read.  The code's row is created (or locked) first and the rows
 * read FOR UPDATE and written in the same transaction, so parallel
 * guesses queue behind each other instead of slipping through together
 * or deadlocking on the gap where a row is missing.
 *
 * The common case, a right factor for a code that no count holds
 * failures against, needs none of that: nothing to wait for, nothing to
 * reset.  One statement reads whether a count holds any, the dossier and
 * its events in one snapshot, without a lock or a write; only when a
 * count holds failures, or the factor is wrong, does the locked
 * transaction run (and decide from its own reads).  A failure counted
 * meanwhile by another request is as though it came after this one,
 * which it might have under the lock too.
 */
#include "config.h"

#include <arpa/inet.h>

#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "tracking.h"

#define WAIT_MAX 300 /* seconds: a lock-out lasts minutes, never more */
#define FREE_CLIENT 3 /* wrong years from one address, for one code */
#define FREE_CODE 10 /* wrong years, or dates, from all addresses */

struct status {
	const char *code;
	const char *factor; /* "year" or "date" */
	const char *client; /* the address's key; "" for the date */
	long long year;
	const char *date; /* YYYY-MM-DD, or NULL for the year */
	struct tr_dossier dos; /* the dossier, when both factors are right */
	struct dossier_event *ev; /* its events */
	size_t nev;
	enum err why; /* ERR_NOT_FOUND, ERR_TOO_MANY, or ERR_OK */
	int retry_after;
};

/* The wait after n failures with the first ones free, in seconds. */
static long long
wait_after(long long n, long long nfree)
{
	if (n < nfree)
		return 0;
	if (n - nfree >= 12) /* 2^12 s is past the cap */
		return WAIT_MAX;
	n = 1LL << (n - nfree);
	return n < WAIT_MAX ? n : WAIT_MAX;
}

/*
 * Reads the counts of the attempt (FOR UPDATE); when one of them is in
 * its wait, sets st->why and the longest remaining wait.  Sums the
 * failures into *failures.
 */
static int
waiting(struct db *db, struct arena *a, struct status *st, long long *failures)
{
	struct db_param p[] = { DBP_S(st->code), DBP_S(st->factor) };
	struct tr_failure *f;
	long long wait_us, left;
	size_t i, n;
	int rc;

	*failures = 0;
	if ((rc = db_exec(db, a, TRQ_FAILURE_LOCK, p, 2, NULL)) != DB_OK)
		return rc;
	rc = tr_failures_get(db, a, st->code, st->factor, st->client, &f, &n);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		long long nfree = f[i].all ? FREE_CODE : FREE_CLIENT;

		wait_us = wait_after(f[i].failures, nfree) * 1000000;
		*failures += f[i].failures;
		if (wait_us > 0 && f[i].waited_us < wait_us) {
			left = (wait_us - f[i].waited_us + 999999) / 1000000;
			st->why = ERR_TOO_MANY;
			if (left > st->retry_after)
				st->retry_after = (int)left;
		}
	}
	return DB_OK;
}

/* Counts a failure against the code, and the client's address if any. */
static int
failed(struct db *db, struct arena *a, struct status *st)
{
	struct db_param mine[] = { DBP_S(st->code), DBP_S(st->factor),
		DBP_S(st->client) };
	struct db_param all[] = { DBP_S(st->code), DBP_S(st->factor),
		DBP_S("") };
	int rc;

	st->why = ERR_NOT_FOUND;
	if ((rc = db_exec(db, a, TRQ_FAILURE_PURGE, NULL, 0, NULL)) != DB_OK)
		return rc;
	if (st->client[0] != '\0' &&
	    (rc = db_exec(db, a, TRQ_FAILURE_ADD, mine, 3, NULL)) != DB_OK)
		return rc;
	return db_exec(db, a, TRQ_FAILURE_ADD, all, 3, NULL);
}

static int
status_txn(struct db *db, struct arena *a, void *arg)
{
	struct status *st = arg;
	long long failures;
	int rc;

	st->why = ERR_OK;
	st->retry_after = 0;
	if ((rc = waiting(db, a, st, &failures)) != DB_OK || st->why != ERR_OK)
		return rc;
	rc = tr_dossier_get(db, a, st->code, st->date, st->year, &st->dos);
	if (rc != DB_OK)
		return rc;
	if (st->dos.id == 0)
		return failed(db, a, st);
	if (failures > 0) {
		struct db_param p[] = { DBP_S(st->code), DBP_S(st->factor),
			DBP_S(st->client) };
		if ((rc = db_exec(db, a, TRQ_FAILURE_RESET, p, 3, NULL)) !=
		    DB_OK)
			return rc;
	}
	return dossier_events(db, a, TRQ_EVENTS, st->dos.id, &st->ev, &st->nev);
}

/* Where the dossier stands against its time limit, in words. */
static const char *
timing(int paused, int overdue, int completed)
{
	if (overdue)
		return completed ? "Hoàn thành quá hạn" : "Quá hạn";
	if (paused)
		return "Tạm dừng tính thời hạn, chờ bổ sung hồ sơ";
	return completed ? "Hoàn thành đúng hạn" : "Trong hạn";
}

static const struct doc_col event_cols[] = {
	{ "at", "Thời điểm", 0 },
	{ "from_state", NULL, 0 },
	{ "from_state_vi", "Từ trạng thái", 0 },
	{ "to_state", NULL, 0 },
	{ "to_state_vi", "Sang trạng thái", 0 },
	{ "reason", "Lý do", 0 },
};

static enum err
render(struct req *r, const struct status *st)
{
	const struct tr_dossier *s = &st->dos;
	struct doc_list ev;
	struct doc d;
	size_t i;

	doc_init(&d, "dossier", "Tình trạng hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", s->receipt);
	doc_add(&d, NULL, "procedure_code", "Mã thủ tục", s->procedure);
	doc_add(
	    &d, NULL, "procedure", "Thủ tục", tr_procedure_name(s->procedure));
	doc_add(&d, NULL, "state", NULL, s->state);
	doc_add(&d, NULL, "state_vi", "Trạng thái", tr_state_label(s->state));
	doc_add(&d, NULL, "submitted_at", "Ngày tiếp nhận", s->submitted_at);
	doc_add(&d, NULL, "due_at", "Hạn giải quyết", s->due_at);
	doc_add(&d, NULL, "completed_at", "Ngày hoàn thành", s->completed_at);
	doc_add_raw(&d, NULL, "paused", NULL, tr_bool(s->paused));
	doc_add_raw(&d, NULL, "overdue", NULL, tr_bool(s->overdue));
	doc_add(&d, NULL, "timing_vi", "Thời hạn",
	    timing(s->paused, s->overdue, s->completed_at != NULL));

	doc_list_init(&r->arena, &ev, "history", "event", "Quá trình xử lý",
	    event_cols, sizeof(event_cols) / sizeof(event_cols[0]), st->nev);
	for (i = 0; i < st->nev; i++) {
		const struct dossier_event *e = &st->ev[i];

		doc_list_set(&ev, i, "at", e->at);
		doc_list_set(&ev, i, "from_state", e->from);
		doc_list_set(&ev, i, "from_state_vi",
		    e->from != NULL ? tr_state_label(e->from) : NULL);
		doc_list_set(&ev, i, "to_state", e->to);
		doc_list_set(&ev, i, "to_state_vi", tr_state_label(e->to));
		doc_list_set(&ev, i, "reason", e->reason);
	}
	resp_doc_lists(r, 200, &d, &ev, 1);
	return ERR_OK;
}

/*
 * The key of a client address in tracking_failure: an IPv4 address as it
 * is, an IPv6 one as its /64 (one subscriber holds a whole /64, and could
 * otherwise take a fresh address for every guess), "-" when the web
 * server gave none or something else.
 */
static const char *
client_key(struct arena *a, const char *addr)
{
	unsigned char in6[16];
	struct in_addr in4;
	char s[INET6_ADDRSTRLEN];

	if (addr == NULL)
		return "-";
	if (inet_pton(AF_INET, addr, &in4) == 1 &&
	    inet_ntop(AF_INET, &in4, s, sizeof(s)) != NULL)
		return arena_strdup(a, s);
	if (inet_pton(AF_INET6, addr, in6) == 1) {
		memset(in6 + 8, 0, 8);
		if (inet_ntop(AF_INET6, in6, s, sizeof(s)) != NULL)
			return arena_printf(a, "%s/64", s);
	}
	return "-";
}

static enum err
bad(struct req *r, enum err e, const char *name, const char *reason)
{
	r->nbad = 0;
	req_bad(r, name, reason);
	return e;
}

enum err
tr_status(struct req *r)
{
	const char *y = REQ_S(r, TK_BIRTH_YEAR);
	struct status st;
	int rc, clean;

	memset(&st, 0, sizeof(st));
	st.code = REQ_S(r, TK_RECEIPT);
	st.date = REQ_S(r, TK_BIRTH_DATE);
	st.year = r->val[TK_BIRTH_YEAR].i;
	/* one of the two factors, whichever the citizen knows */
	if (st.date == NULL && y == NULL)
		return bad(r, ERR_MISSING_FIELD, "birth_year", "required");
	/* both given (a form with both boxes filled): they must agree */
	if (st.date != NULL && y != NULL && strncmp(st.date, y, 4) != 0)
		return bad(r, ERR_INVALID_FIELD, "birth_year",
		    "birth_year_date_mismatch");
	st.factor = st.date != NULL ? "date" : "year";
	st.client =
	    st.date != NULL ? "" : client_key(&r->arena, r->remote_addr);
	rc = tr_dossier_read(r->db, &r->arena, st.code, st.date, st.year,
	    st.factor, st.client, &st.dos, &st.ev, &st.nev, &clean);
	if (rc != DB_OK)
		return db_err(rc);
	if (clean)
		return render(r, &st);
	rc = db_txn(r->db, status_txn, &r->arena, &st);
	if (rc != DB_OK)
		return db_err(rc);
	if (st.why == ERR_TOO_MANY)
		r->retry_after = st.retry_after;
	if (st.why != ERR_OK)
		return st.why;
	return render(r, &st);
}
