/*
 * The dossier flow every procedure family shares (flow.h): the payload,
 * the approval's effect, officials' decisions, the applicant's view.
 *
 * A decision locks the dossier row and checks its state and version, so
 * of two officials deciding at once exactly one succeeds and the other
 * gets 409.  The official's role must allow the action (the family's
 * table; the request loop checks the route's right); an official of
 * another commune is refused; the official who filed the dossier at the
 * counter may not approve it where the procedure separates those duties.
 * Every refusal is recorded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "flow.h"
#include "form.h"
#include "procedure.h"
#include "resp.h"
#include "route.h"

void
flow_payload_put(struct buf *b, const char *name, const char *val)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (val == NULL)
		return;
	if (b->len > 0)
		buf_putc(b, '&');
	buf_puts(b, name);
	buf_putc(b, '=');
	for (p = (const unsigned char *)val; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_')
			buf_putc(b, (char)*p);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

int
flow_payload_parse(struct arena *a, const char *payload, struct form *f)
{
	struct form_limits lim;

	/* the payload is what submission validated: no value in it is
	 * longer than the payload itself */
	lim.max_fields = FORM_MAXKV;
	lim.max_len = strlen(payload);
	memset(f, 0, sizeof(*f));
	return form_parse(a, payload, strlen(payload), &lim, f) == ERR_OK ? 0
	                                                                  : -1;
}

/* The procedure of procs with this code, or NULL. */
static const struct procedure *
find(const struct procedure *const *procs, size_t nprocs, const char *code)
{
	size_t i;

	for (i = 0; i < nprocs; i++)
		if (strcmp(procs[i]->info->code, code) == 0)
			return procs[i];
	return NULL;
}

int
flow_effect(struct db *db, struct arena *a,
    const struct procedure *const *procs, size_t nprocs,
    const struct dossier *d)
{
	const struct procedure *p = find(procs, nprocs, d->procedure);
	struct form f;

	if (p == NULL || d->payload == NULL ||
	    flow_payload_parse(a, d->payload, &f) != 0)
		return DB_ERR;
	return p->effect(db, a, d, &f);
}

enum err
flow_move_err(int rc)
{
	switch (rc) {
	case DOSSIER_STATE:
		return ERR_STATE;
	case DOSSIER_REASON:
		return ERR_MISSING_FIELD;
	case DOSSIER_ABSENT:
		return ERR_NOT_FOUND;
	default:
		return ERR_INTERNAL;
	}
}

int
flow_separate_duties(
    struct db *db, struct arena *a, int stmt, const char *procedure, int *on)
{
	struct db_param p[] = { DBP_S(procedure) };
	struct db_res res;
	int rc;

	*on = 1; /* a procedure without a setting: on */
	if ((rc = db_exec(db, a, stmt, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1 && DB_CELL(&res, 0, 0) != NULL)
		*on = strcmp(DB_CELL(&res, 0, 0), "0") != 0;
	return DB_OK;
}

int
flow_refuse(struct flow_decide *dc, enum err why, const char *reason)
{
	dc->why = why;
	dc->refused = reason;
	return 1;
}

static int
decide_txn(struct db *db, struct arena *a, void *arg)
{
	struct flow_decide *dc = arg;
	struct req *r = dc->r;
	const char *reason = dc->reason;
	struct dossier d;
	int rc, separate;

	dc->why = ERR_OK;
	dc->refused = NULL;
	if ((rc = dossier_load(db, a, dc->receipt, &d)) != DB_OK)
		return rc;
	if (d.id == 0) {
		dc->why = ERR_NOT_FOUND;
		return 1;
	}
	if (d.commune == NULL || strcmp(d.commune, r->official->commune) != 0)
		return flow_refuse(dc, ERR_FORBIDDEN, "other_commune");
	if (dc->act != NULL) {
		rc = dc->act(db, a, &d, dc);
		dc->state = d.state;
		return rc;
	}
	/* who filed at the counter does not also approve, where the
	 * procedure separates the duties */
	if (dc->to == DS_APPROVED && d.filed_by != NULL &&
	    strcmp(d.filed_by, r->user) == 0) {
		if ((rc = flow_separate_duties(db, a, dc->separation_sql,
		         d.procedure, &separate)) != DB_OK)
			return rc;
		if (separate)
			return flow_refuse(
			    dc, ERR_SEPARATION, "separation_of_duties");
	}
	if ((rc = dossier_move(db, a, &d, dc->to, r->user, reason)) != DB_OK)
		goto moved;
	if (dc->to == DS_APPROVED) {
		/* an effect may still refuse: what held at submission may
		 * not hold now (a positive enum err) */
		rc = flow_effect(db, a, dc->procs, dc->nprocs, &d);
		if (rc > 0) {
			dc->why = (enum err)rc;
			return 1;
		}
		if (rc != DB_OK)
			return rc;
		rc = dossier_move(db, a, &d, DS_RESULT_ISSUED, "system",
		    "registered in the population database");
	}
moved:
	dc->state = d.state;
	if (rc > 0) {
		if (rc == DOSSIER_REASON) {
			r->nbad = 0;
			req_bad(r, "reason", "required");
		}
		dc->why = flow_move_err(rc);
		return 1;
	}
	return rc;
}

enum err
flow_decide(struct flow_decide *dc)
{
	struct req *r = dc->r;
	struct doc d;
	int rc;

	rc = db_txn(r->db, decide_txn, &r->arena, dc);
	if (dc->refused != NULL)
		dossier_refusal(r->db, &r->arena, r->user, r->route->act,
		    dc->receipt, dc->refused);
	if (rc > 0)
		return dc->why;
	if (rc != DB_OK)
		return db_err(rc);
	doc_init(&d, "decision", "Đã xử lý hồ sơ");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", dc->receipt);
	doc_add(&d, NULL, "action", "Thao tác", r->route->act);
	doc_add(&d, NULL, "state", "Trạng thái", dossier_state_name[dc->state]);
	resp_doc(r, 200, &d);
	return ERR_OK;
}

int
flow_view_get(struct db *db, struct arena *a, int stmt, const char *receipt,
    struct flow_view *v)
{
	struct db_param p[] = { DBP_S(receipt) };
	struct db_res res;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = db_exec(db, a, stmt, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	v->id = strtoll(DB_CELL(&res, 0, FLOW_VIEW_ID), NULL, 10);
	v->receipt = DB_CELL(&res, 0, FLOW_VIEW_RECEIPT);
	v->procedure = DB_CELL(&res, 0, FLOW_VIEW_PROCEDURE);
	v->state = DB_CELL(&res, 0, FLOW_VIEW_STATE);
	v->submitted_at = DB_CELL(&res, 0, FLOW_VIEW_SUBMITTED);
	v->due_at = DB_CELL(&res, 0, FLOW_VIEW_DUE);
	v->paused = strcmp(DB_CELL(&res, 0, FLOW_VIEW_PAUSED), "1") == 0;
	v->channel = DB_CELL(&res, 0, FLOW_VIEW_CHANNEL);
	v->applicant_pid = DB_CELL(&res, 0, FLOW_VIEW_PID);
	return DB_OK;
}

/* The procedure's Vietnamese name by national code, for the views. */
static const char *
proc_name(const char *code)
{
	const struct proc_info *p = proc_by_code(code);

	return p != NULL ? p->name_vi : code;
}

static const struct doc_col event_cols[] = {
	{ "at", "Thời điểm", 0 },
	{ "state", "Trạng thái", 0 },
	{ "reason", "Lý do", 0 },
};

enum err
flow_render_dossier(struct req *r, const struct flow_render *how,
    const char *receipt, int status, const char *owner)
{
	struct flow_view dv;
	struct dossier_event *ev;
	struct doc_list events;
	struct doc d;
	size_t i, n;
	int rc;

	if ((rc = flow_view_get(
	         r->db, &r->arena, how->view_sql, receipt, &dv)) != DB_OK)
		return db_err(rc);
	if (dv.id == 0 || (owner != NULL && strcmp(dv.applicant_pid, owner)))
		return ERR_NOT_FOUND;
	if ((rc = dossier_events(
	         r->db, &r->arena, how->events_sql, dv.id, &ev, &n)) != DB_OK)
		return db_err(rc);
	doc_init(&d, "dossier", how->title);
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", dv.receipt);
	doc_add(&d, NULL, "procedure", NULL, dv.procedure);
	doc_add(&d, NULL, "procedure_name", "Thủ tục", proc_name(dv.procedure));
	doc_add(&d, NULL, "state", "Trạng thái", dv.state);
	doc_add(&d, NULL, "submitted_at", "Ngày nộp", dv.submitted_at);
	doc_add(&d, NULL, "due_at", "Hạn giải quyết", dv.due_at);
	doc_add_raw(&d, NULL, "paused", NULL, dv.paused ? "true" : "false");
	doc_add(&d, NULL, "channel", "Kênh", dv.channel);
	{
		const struct procedure *p =
		    find(how->procs, how->nprocs, dv.procedure);

		if (p != NULL && p->view != NULL &&
		    (rc = p->view(r->db, &r->arena, dv.id, &d)) != DB_OK)
			return db_err(rc);
	}
	doc_list_init(&r->arena, &events, "events", "event", "Quá trình xử lý",
	    event_cols, sizeof(event_cols) / sizeof(*event_cols), n);
	for (i = 0; i < n; i++) {
		doc_list_set(&events, i, "at", ev[i].at);
		doc_list_set(&events, i, "state", ev[i].to);
		doc_list_set(&events, i, "reason", ev[i].reason);
	}
	resp_doc_lists(r, status, &d, &events, 1);
	return ERR_OK;
}

int
flow_filing_refuse(struct flow_filing *f, enum err why)
{
	f->why = why;
	return 1;
}

int
flow_counter_right(struct db *db, struct arena *a, struct flow_filing *f)
{
	/* f begins the family's submission: a pointer to it is one to
	 * the whole */
	struct proc_submit *s = (struct proc_submit *)(void *)f;
	const char *commune;
	int rc;

	if ((rc = f->proc->counter_commune(db, a, s, &commune)) != DB_OK)
		return rc;
	if (commune == NULL || strcmp(commune, f->r->official->commune) != 0) {
		f->refused = "other_commune";
		return flow_filing_refuse(f, ERR_FORBIDDEN);
	}
	return 0;
}

int
flow_create(struct db *db, struct arena *a, struct flow_filing *f,
    const char *idem_key, struct dossier_new *n)
{
	struct req *r = f->r;

	n->agency = conf_get(r->conf, "agency", "");
	n->procedure = f->proc->info->code;
	n->channel = f->counter ? "counter" : "online";
	n->filed_by = f->counter ? r->user : NULL;
	n->actor = f->counter ? r->user : "citizen";
	n->idem_key = idem_key;
	n->payload = f->payload.s != NULL ? f->payload.s : "";
	return dossier_create(db, a, n, &f->id, &f->receipt, &f->existing);
}

enum err
flow_file(struct req *r, const struct flow_render *how, int applicant_key,
    struct flow_filing *f, int (*txn)(struct db *, struct arena *, void *),
    void *arg)
{
	int counter = r->route->caller == ROUTE_OFFICIAL;
	int rc, tries;

	if (counter && REQ_S(r, applicant_key) == NULL) {
		r->nbad = 0;
		req_bad(r, "applicant_pid", "required");
		return ERR_MISSING_FIELD;
	}
	f->r = r;
	f->proc = r->route->data;
	f->counter = counter;
	/* the applicant's number is asked at the counter, never online
	 * (the online routes refuse it) */
	f->pid = counter ? REQ_S(r, applicant_key) : r->citizen;
	buf_init(&f->payload);
	/* a concurrent twin with the same key: the second pass finds it */
	for (tries = 0; tries < 2; tries++) {
		r->nbad = 0;
		rc = db_txn(r->db, txn, &r->arena, arg);
		if (rc != DB_DUP)
			break;
	}
	buf_free(&f->payload);
	if (f->refused != NULL)
		dossier_refusal(r->db, &r->arena, r->user, "file_at_counter",
		    f->proc->info->code, f->refused);
	if (rc > 0)
		return f->why;
	if (rc != DB_OK)
		return db_err(rc);
	if (r->fmt == REQ_HTML && !counter) {
		resp_redirect(r,
		    arena_printf(
		        &r->arena, "%s%s", how->citizen_path, f->receipt));
		return ERR_OK;
	}
	return flow_render_dossier(
	    r, how, f->receipt, f->existing ? 200 : 201, NULL);
}
