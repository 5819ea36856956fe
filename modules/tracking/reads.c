/*
 * The signed-on citizen's own record of who read their data: every
 * access-log row about them, newest first, a page at a time: when, who
 * (an official's username and their commune, or the ministry system's
 * name), which facts and for what purpose.
 *
 * The citizen is who the web server's sign-on says (citizen_param), and
 * the rows are selected by their citizen id alone.  Reading one's own
 * record is not a read of personal data by an official or a ministry, so
 * it writes no access-log row.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "tracking.h"

static const struct doc_col read_cols[] = {
	{ "at", "Thời điểm (UTC)", 0 },
	{ "actor_kind", NULL, 0 },
	{ "actor_kind_vi", "Bên truy cập", 0 },
	{ "actor", "Người / hệ thống", 0 },
	{ "office", "Cơ quan", 0 },
	{ "fields", "Thông tin đã đọc", 0 },
	{ "purpose", "Mục đích", 0 },
};

struct reads {
	const char *pid;
	long page;
	long total;
	struct tr_read *rows;
	size_t nrows;
};

/* One snapshot: the count agrees with the page.  1: no such citizen. */
static int
reads_txn(struct db *db, struct arena *a, void *arg)
{
	struct reads *rd = arg;
	long long cid;
	int rc;

	if ((rc = tr_citizen_get(db, a, rd->pid, &cid)) != DB_OK)
		return rc;
	if (cid == 0)
		return 1;
	if ((rc = tr_reads_count(db, a, cid, &rd->total)) != DB_OK)
		return rc;
	return tr_reads_get(db, a, cid, rd->page, &rd->rows, &rd->nrows);
}

enum err
tr_reads(struct req *r)
{
	struct reads rd;
	struct doc_list l;
	struct doc d;
	const struct tr_read *v;
	size_t i;
	int rc;

	memset(&rd, 0, sizeof(rd));
	rd.pid = r->citizen;
	rd.page = tr_page(r);
	if ((rc = db_txn(r->db, reads_txn, &r->arena, &rd)) > 0)
		return ERR_UNKNOWN_CITIZEN;
	if (rc != DB_OK)
		return db_err(rc);

	doc_init(&d, "read_record", "Ai đã truy cập thông tin của tôi");
	doc_add_raw(&d, NULL, "total", "Tổng số lần truy cập",
	    arena_printf(&r->arena, "%ld", rd.total));
	doc_add_raw(
	    &d, NULL, "page", "Trang", arena_printf(&r->arena, "%ld", rd.page));
	doc_add_raw(&d, NULL, "pages", "Số trang",
	    arena_printf(&r->arena, "%ld",
	        rd.total > 0 ? (rd.total + TR_READS_PAGE - 1) / TR_READS_PAGE
	                     : 1));
	doc_add_raw(&d, NULL, "per_page", NULL,
	    arena_printf(&r->arena, "%d", TR_READS_PAGE));

	doc_list_init(&r->arena, &l, "reads", "read", "Các lần truy cập",
	    read_cols, sizeof(read_cols) / sizeof(read_cols[0]), rd.nrows);
	for (i = 0; i < rd.nrows; i++) {
		v = &rd.rows[i];
		doc_list_set(&l, i, "at", v->at);
		doc_list_set(&l, i, "actor_kind", v->actor_kind);
		doc_list_set(
		    &l, i, "actor_kind_vi", tr_actor_label(v->actor_kind));
		doc_list_set(&l, i, "actor", v->actor);
		doc_list_set(&l, i, "office", v->office);
		doc_list_set(&l, i, "fields", v->fields);
		doc_list_set(&l, i, "purpose", v->purpose);
	}
	resp_doc_lists(r, 200, &d, &l, 1);
	return ERR_OK;
}
