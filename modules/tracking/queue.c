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
 *
 * Residence and civil status are handled by different officials of the
 * commune: family=residence or family=civil limits the queue and the
 * figures to the procedures of that family (the catalogue's,
 * procedure.h); each dossier says which family it is of.
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
	{ "family", NULL, 0 },
	{ "family_vi", "Lĩnh vực", 0 },
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
	{ "family", NULL, 0 },
	{ "family_vi", "Lĩnh vực", 0 },
	{ "open", "Đang giải quyết", 1 },
	{ "finished", "Đã giải quyết", 1 },
	{ "on_time", "Đúng hạn", 1 },
	{ "on_time_rate", "Tỷ lệ đúng hạn (%)", 1 },
};

/* The queue's rows as a list. */
static void
queue_list(
    struct arena *a, const struct tr_queued *q, size_t n, struct doc_list *l)
{
	const char *family;
	size_t i;

	doc_list_init(a, l, "dossiers", "dossier", "Hồ sơ đang giải quyết",
	    dossier_cols, sizeof(dossier_cols) / sizeof(dossier_cols[0]), n);
	for (i = 0; i < n; i++) {
		doc_list_set(l, i, "receipt_code", q[i].receipt);
		doc_list_set(l, i, "procedure_code", q[i].procedure);
		doc_list_set(
		    l, i, "procedure", tr_procedure_name(q[i].procedure));
		family = tr_procedure_family(q[i].procedure);
		doc_list_set(l, i, "family", family);
		doc_list_set(l, i, "family_vi", tr_family_label(family));
		doc_list_set(l, i, "state", q[i].state);
		doc_list_set(l, i, "state_vi", tr_state_label(q[i].state));
		doc_list_set(l, i, "submitted_at", q[i].submitted_at);
		doc_list_set(l, i, "due_at", q[i].due_at);
		doc_list_set(l, i, "paused", tr_bool(q[i].paused));
		doc_list_set(l, i, "overdue", tr_bool(q[i].overdue));
	}
}

/* The per-procedure figures as a list. */
static void
stats_list(
    struct arena *a, const struct tr_stats *s, size_t n, struct doc_list *l)
{
	const char *family;
	size_t i;

	doc_list_init(a, l, "procedures", "procedure", "Theo thủ tục",
	    stats_cols, sizeof(stats_cols) / sizeof(stats_cols[0]), n);
	for (i = 0; i < n; i++) {
		doc_list_set(l, i, "procedure_code", s[i].procedure);
		doc_list_set(
		    l, i, "procedure", tr_procedure_name(s[i].procedure));
		family = tr_procedure_family(s[i].procedure);
		doc_list_set(l, i, "family", family);
		doc_list_set(l, i, "family_vi", tr_family_label(family));
		doc_list_set(l, i, "open", s[i].open);
		doc_list_set(l, i, "finished", s[i].finished);
		doc_list_set(l, i, "on_time", s[i].on_time);
		doc_list_set(l, i, "on_time_rate", s[i].on_time_rate);
	}
}

struct queue {
	struct req *r;
	long page;
	const char *codes; /* the family's procedure codes; "" for all */
	struct tr_queued *q; /* a page of the queue */
	size_t nq;
	struct tr_stats *s; /* figures per procedure */
	size_t ns;
	struct tr_stats t; /* figures in total */
};

/* One snapshot: the figures agree with the queue. */
static int
queue_txn(struct db *db, struct arena *a, void *arg)
{
	struct queue *qu = arg;
	const char *commune = qu->r->official->commune;
	int rc;

	rc = tr_queue_get(db, a, commune, qu->codes, qu->page, &qu->q, &qu->nq);
	if (rc != DB_OK)
		return rc;
	rc = tr_stats_get(db, a, commune, qu->codes, &qu->s, &qu->ns);
	if (rc != DB_OK)
		return rc;
	return tr_stats_total_get(db, a, commune, qu->codes, &qu->t);
}

enum err
tr_queue(struct req *r)
{
	struct queue qu;
	struct doc_list lists[2];
	struct doc d;
	const char *family;
	long open, pages;
	int rc;

	memset(&qu, 0, sizeof(qu));
	qu.r = r;
	qu.page = tr_page(r);
	family = REQ_S(r, TK_FAMILY);
	qu.codes = family != NULL ? tr_family_codes(&r->arena, family) : "";
	if ((rc = db_txn(r->db, queue_txn, &r->arena, &qu)) != DB_OK)
		return db_err(rc);
	open = strtol(qu.t.open, NULL, 10);
	pages = open > 0 ? (open + TR_QUEUE_PAGE - 1) / TR_QUEUE_PAGE : 1;

	doc_init(&d, "queue", "Hồ sơ của xã/phường");
	doc_add(&d, NULL, "commune_code", "Mã xã/phường", r->official->commune);
	doc_add(&d, NULL, "commune", "Xã/phường", r->official->commune_name);
	if (family != NULL) {
		doc_add(&d, NULL, "family", NULL, family);
		doc_add(
		    &d, NULL, "family_vi", "Lĩnh vực", tr_family_label(family));
	}
	doc_add_raw(
	    &d, NULL, "page", "Trang", arena_printf(&r->arena, "%ld", qu.page));
	doc_add_raw(&d, NULL, "pages", "Số trang",
	    arena_printf(&r->arena, "%ld", pages));
	doc_add_raw(&d, NULL, "per_page", NULL,
	    arena_printf(&r->arena, "%d", TR_QUEUE_PAGE));
	doc_add_raw(&d, "total", "open", "Đang giải quyết", qu.t.open);
	doc_add_raw(&d, "total", "finished", "Đã giải quyết", qu.t.finished);
	doc_add_raw(&d, "total", "on_time", "Đúng hạn", qu.t.on_time);
	doc_add_raw(&d, "total", "on_time_rate", "Tỷ lệ đúng hạn (%)",
	    qu.t.on_time_rate);
	queue_list(&r->arena, qu.q, qu.nq, &lists[0]);
	stats_list(&r->arena, qu.s, qu.ns, &lists[1]);
	resp_doc_lists(r, 200, &d, lists, 2);
	return ERR_OK;
}
