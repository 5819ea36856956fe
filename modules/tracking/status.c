/*
 * Dossier status by receipt code, for anyone who also knows the
 * applicant's birth year (the second factor), so that receipt codes,
 * which are sequential, cannot be walked for personal data.
 *
 * The answer is the dossier's progress only: procedure, state, dates,
 * whether it is late, and its history with the reasons the applicant
 * must know (what to supplement, why it was refused).  Never the
 * applicant's name or number, nor who handled it.
 *
 * An unknown code and a wrong year are the same 404, and both count as a
 * failure against the code (tracking_failure), else the throttle itself
 * would tell which codes exist.  From the third failure on, every attempt
 * within 2^(failures-3) seconds of the last failure (at most an hour) is
 * answered 429 with Retry-After, without looking at the year; a right
 * year after the wait clears the count.  The row is read FOR UPDATE and
 * written with one upsert in the same transaction, so parallel guesses
 * queue behind each other instead of slipping through together.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "tracking.h"

#define WAIT_MAX 3600 /* seconds */
#define FREE_TRIES 3

struct status {
	const char *code;
	long long year;
	struct db_res dos; /* the dossier, when both factors are right */
	struct db_res ev; /* its events */
	enum err why; /* ERR_NOT_FOUND, ERR_TOO_MANY, or ERR_OK */
	int retry_after;
};

/* The wait after n failures, in seconds. */
static long long
wait_after(long long n)
{
	if (n < FREE_TRIES)
		return 0;
	if (n - FREE_TRIES >= 12) /* 2^12 s is past the cap */
		return WAIT_MAX;
	n = 1LL << (n - FREE_TRIES);
	return n < WAIT_MAX ? n : WAIT_MAX;
}

static int
status_txn(struct db *db, struct arena *a, void *arg)
{
	struct status *st = arg;
	struct db_param code[] = { DBP_S(st->code) };
	struct db_res f;
	long long failures = 0, waited_us, wait_us;
	int rc;

	st->why = ERR_OK;
	if ((rc = db_exec(db, a, TRQ_FAILURE_GET, code, 1, &f)) != DB_OK)
		return rc;
	if (f.nrows == 1) {
		failures = strtoll(DB_CELL(&f, 0, 0), NULL, 10);
		waited_us = strtoll(DB_CELL(&f, 0, 1), NULL, 10);
		wait_us = wait_after(failures) * 1000000;
		if (wait_us > 0 && waited_us < wait_us) {
			st->why = ERR_TOO_MANY;
			st->retry_after =
			    (int)((wait_us - waited_us + 999999) / 1000000);
			return 0;
		}
	}
	{
		struct db_param p[] = { DBP_S(st->code), DBP_I(st->year) };
		if ((rc = db_exec(db, a, TRQ_DOSSIER, p, 2, &st->dos)) != DB_OK)
			return rc;
	}
	if (st->dos.nrows != 1) {
		st->why = ERR_NOT_FOUND;
		if ((rc = db_exec(db, a, TRQ_FAILURE_PURGE, NULL, 0, NULL)) !=
		    DB_OK)
			return rc;
		return db_exec(db, a, TRQ_FAILURE_ADD, code, 1, NULL);
	}
	if (failures > 0 &&
	    (rc = db_exec(db, a, TRQ_FAILURE_RESET, code, 1, NULL)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S(DB_CELL(&st->dos, 0, 0)) };
		return db_exec(db, a, TRQ_EVENTS, p, 1, &st->ev);
	}
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
	const struct db_res *s = &st->dos;
	const char *proc = DB_CELL(s, 0, 2), *state = DB_CELL(s, 0, 3);
	const char *paused = tr_bool(DB_CELL(s, 0, 7));
	const char *overdue = tr_bool(DB_CELL(s, 0, 8));
	struct doc_list ev;
	struct doc d;
	size_t i;

	doc_init(&d, "dossier", "Tình trạng hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", DB_CELL(s, 0, 1));
	doc_add(&d, NULL, "procedure_code", "Mã thủ tục", proc);
	doc_add(&d, NULL, "procedure", "Thủ tục", tr_procedure_name(proc));
	doc_add(&d, NULL, "state", NULL, state);
	doc_add(&d, NULL, "state_vi", "Trạng thái", tr_state_label(state));
	doc_add(&d, NULL, "submitted_at", "Ngày tiếp nhận", DB_CELL(s, 0, 4));
	doc_add(&d, NULL, "due_at", "Hạn giải quyết", DB_CELL(s, 0, 5));
	doc_add(&d, NULL, "completed_at", "Ngày hoàn thành", DB_CELL(s, 0, 6));
	doc_add_raw(&d, NULL, "paused", NULL, paused);
	doc_add_raw(&d, NULL, "overdue", NULL, overdue);
	doc_add(&d, NULL, "timing_vi", "Thời hạn",
	    timing(strcmp(paused, "true") == 0, strcmp(overdue, "true") == 0,
	        DB_CELL(s, 0, 6) != NULL));

	doc_list_init(&r->arena, &ev, "history", "event", "Quá trình xử lý",
	    event_cols, sizeof(event_cols) / sizeof(event_cols[0]),
	    st->ev.nrows);
	for (i = 0; i < st->ev.nrows; i++) {
		const char *from = DB_CELL(&st->ev, i, 1),
		           *to = DB_CELL(&st->ev, i, 2);

		doc_list_set(&ev, i, "at", DB_CELL(&st->ev, i, 0));
		doc_list_set(&ev, i, "from_state", from);
		doc_list_set(&ev, i, "from_state_vi",
		    from != NULL ? tr_state_label(from) : NULL);
		doc_list_set(&ev, i, "to_state", to);
		doc_list_set(&ev, i, "to_state_vi", tr_state_label(to));
		doc_list_set(&ev, i, "reason", DB_CELL(&st->ev, i, 3));
	}
	resp_doc_lists(r, 200, &d, &ev, 1);
	return ERR_OK;
}

/* Returns the year, or 0 when v is not a year from 1900 to 2100. */
static long long
birth_year(const char *v)
{
	long long y;

	if (v == NULL || strlen(v) != 4 || strspn(v, "0123456789") != 4)
		return 0;
	y = strtoll(v, NULL, 10);
	return y >= 1900 && y <= 2100 ? y : 0;
}

enum err
tr_status(struct req *r)
{
	struct status st;
	int rc;

	memset(&st, 0, sizeof(st));
	st.code = r->arg[0];
	if ((st.year = birth_year(req_field(r, "birth_year"))) == 0) {
		r->bad[0].name = "birth_year";
		r->bad[0].reason = "birth_year_format";
		r->nbad = 1;
		return ERR_INVALID_FIELD;
	}
	if (st.code == NULL)
		return ERR_NOT_FOUND;
	rc = db_txn(r->db, status_txn, &r->arena, &st);
	if (rc != DB_OK)
		return tr_db_err(rc);
	if (st.why == ERR_TOO_MANY)
		r->retry_after = st.retry_after;
	if (st.why != ERR_OK)
		return st.why;
	return render(r, &st);
}
