/*
 * An official's queue: the open dossiers (submitted, accepted, waiting
 * for a supplement) of their own commune, soonest due first, a page at a
 * time, with what is late; and for the commune, per procedure and in
 * total, how many are open, how many finished and the share finished on
 * time (completed_at no later than due_at, over all finished).
 *
 * A dossier is late when its due date has passed while its clock runs; a
 * supplement request stops the clock (paused), so a paused dossier is not
 * late.  The queue names no applicant: reading a citizen's data is a
 * lookup, which writes the access log (residence.fcgi), not a list.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "tracking.h"

static const struct doc_col dossier_cols[] = {
	{ "receipt_code", "Mã hồ sơ", 0 },
	{ "procedure_code", "Mã thủ tục", 0 },
	{ "procedure", "Thủ tục", 0 },
	{ "state", NULL, 0 },
	{ "state_vi", "Trạng thái", 0 },
	{ "submitted_at", "Ngày tiếp nhận", 0 },
	{ "due_at", "Hạn giải quyết", 0 },
	{ "paused", "Tạm dừng", 1 },
	{ "overdue", "Quá hạn", 1 },
};

static const struct doc_col stats_cols[] = {
	{ "procedure_code", "Mã thủ tục", 0 },
	{ "procedure", "Thủ tục", 0 },
	{ "open", "Đang giải quyết", 1 },
	{ "finished", "Đã giải quyết", 1 },
	{ "on_time", "Đúng hạn", 1 },
	{ "on_time_rate", "Tỷ lệ đúng hạn (%)", 1 },
};

/* The queue's rows as a list. */
static void
queue_list(struct arena *a, const struct db_res *q, struct doc_list *l)
{
	size_t i;

	doc_list_init(a, l, "dossiers", "dossier", "Hồ sơ đang giải quyết",
	    dossier_cols, sizeof(dossier_cols) / sizeof(dossier_cols[0]),
	    q->nrows);
	for (i = 0; i < q->nrows; i++) {
		doc_list_set(l, i, "receipt_code", DB_CELL(q, i, 0));
		doc_list_set(l, i, "procedure_code", DB_CELL(q, i, 1));
		doc_list_set(
		    l, i, "procedure", tr_procedure_name(DB_CELL(q, i, 1)));
		doc_list_set(l, i, "state", DB_CELL(q, i, 2));
		doc_list_set(
		    l, i, "state_vi", tr_state_label(DB_CELL(q, i, 2)));
		doc_list_set(l, i, "submitted_at", DB_CELL(q, i, 3));
		doc_list_set(l, i, "due_at", DB_CELL(q, i, 4));
		doc_list_set(l, i, "paused", tr_bool(DB_CELL(q, i, 5)));
		doc_list_set(l, i, "overdue", tr_bool(DB_CELL(q, i, 6)));
	}
}

/* The per-procedure figures as a list. */
static void
stats_list(struct arena *a, const struct db_res *s, struct doc_list *l)
{
	size_t i;

	doc_list_init(a, l, "procedures", "procedure", "Theo thủ tục",
	    stats_cols, sizeof(stats_cols) / sizeof(stats_cols[0]), s->nrows);
	for (i = 0; i < s->nrows; i++) {
		doc_list_set(l, i, "procedure_code", DB_CELL(s, i, 0));
		doc_list_set(
		    l, i, "procedure", tr_procedure_name(DB_CELL(s, i, 0)));
		doc_list_set(l, i, "open", DB_CELL(s, i, 1));
		doc_list_set(l, i, "finished", DB_CELL(s, i, 2));
		doc_list_set(l, i, "on_time", DB_CELL(s, i, 3));
		doc_list_set(l, i, "on_time_rate", DB_CELL(s, i, 4));
	}
}

struct queue {
	struct req *r;
	long page;
	struct db_res off; /* the official: id, commune, role, its name */
	struct db_res q; /* a page of the queue */
	struct db_res s; /* figures per procedure */
	struct db_res t; /* figures in total */
};

/* One snapshot: the figures agree with the queue.  1: not an official. */
static int
queue_txn(struct db *db, struct arena *a, void *arg)
{
	struct queue *qu = arg;
	const char *commune;
	int rc;

	{
		struct db_param p[] = { DBP_S(qu->r->user) };
		if ((rc = db_exec(db, a, TRQ_OFFICIAL, p, 1, &qu->off)) !=
		    DB_OK)
			return rc;
	}
	if (qu->off.nrows != 1)
		return 1;
	commune = DB_CELL(&qu->off, 0, 1);
	{
		struct db_param p[] = { DBP_S(commune), DBP_I(TR_QUEUE_PAGE),
			DBP_I((qu->page - 1) * TR_QUEUE_PAGE) };
		if ((rc = db_exec(db, a, TRQ_QUEUE, p, 3, &qu->q)) != DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_S(commune) };
		if ((rc = db_exec(db, a, TRQ_STATS, p, 1, &qu->s)) != DB_OK)
			return rc;
		if ((rc = db_exec(db, a, TRQ_STATS_TOTAL, p, 1, &qu->t)) !=
		    DB_OK)
			return rc;
	}
	return qu->t.nrows == 1 ? 0 : DB_ERR;
}

enum err
tr_queue(struct req *r)
{
	struct queue qu;
	struct doc_list lists[2];
	struct doc d;
	long open, pages;
	enum err e;
	int rc;

	memset(&qu, 0, sizeof(qu));
	qu.r = r;
	if ((e = tr_page(r, &qu.page)) != ERR_OK)
		return e;
	if ((rc = db_txn(r->db, queue_txn, &r->arena, &qu)) > 0)
		return ERR_FORBIDDEN;
	if (rc != DB_OK)
		return db_err(rc);
	open = strtol(DB_CELL(&qu.t, 0, 0), NULL, 10);
	pages = open > 0 ? (open + TR_QUEUE_PAGE - 1) / TR_QUEUE_PAGE : 1;

	doc_init(&d, "queue", "Hồ sơ của xã/phường");
	doc_add(
	    &d, NULL, "commune_code", "Mã xã/phường", DB_CELL(&qu.off, 0, 1));
	doc_add(&d, NULL, "commune", "Xã/phường", DB_CELL(&qu.off, 0, 3));
	doc_add_raw(
	    &d, NULL, "page", "Trang", arena_printf(&r->arena, "%ld", qu.page));
	doc_add_raw(&d, NULL, "pages", "Số trang",
	    arena_printf(&r->arena, "%ld", pages));
	doc_add_raw(&d, NULL, "per_page", NULL,
	    arena_printf(&r->arena, "%d", TR_QUEUE_PAGE));
	doc_add_raw(
	    &d, "total", "open", "Đang giải quyết", DB_CELL(&qu.t, 0, 0));
	doc_add_raw(
	    &d, "total", "finished", "Đã giải quyết", DB_CELL(&qu.t, 0, 1));
	doc_add_raw(&d, "total", "on_time", "Đúng hạn", DB_CELL(&qu.t, 0, 2));
	doc_add_raw(&d, "total", "on_time_rate", "Tỷ lệ đúng hạn (%)",
	    DB_CELL(&qu.t, 0, 3));
	queue_list(&r->arena, &qu.q, &lists[0]);
	stats_list(&r->arena, &qu.s, &lists[1]);
	resp_doc_lists(r, 200, &d, lists, 2);
	return ERR_OK;
}
