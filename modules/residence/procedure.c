/*
 * The residence procedures, the citizen's side (and the counter's):
 * permanent residence registration, temporary residence registration and
 * its extension, and the notice of temporary absence.
 *
 * Once-only: the form asks only what the population database cannot know.
 * GET .../forms/<procedure> lists what is known (prefilled, not editable)
 * and what to ask; a submission may re-send a known fact, but one that
 * differs from the database is refused (known_fact_mismatch).  A
 * submission carries an idempotency key: a double click is one dossier.
 * An official may file at the counter on a citizen's behalf: the dossier
 * records both and the channel.  The official's right to file for the
 * commune is decided first, from the request alone (the commune of the
 * new residence) or from the registration the procedure acts on (the
 * temporary residence extended, the permanent one left), before anything
 * about the citizen is compared, so an official of another commune gets
 * the same refusal whoever the citizen is; every refusal is recorded.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "resp.h"
#include "text.h"
#include "residence.h"

enum proc { P_PERMANENT, P_TEMPORARY, P_EXTENSION, P_ABSENCE, P__MAX };

struct ask {
	const char *name;
	const char *label;
	int required;
};

static const struct {
	const char *slug;
	const char *code;
	const char *name;
	int halves; /* the legal time limit in working half-days */
	struct ask ask[6];
} procs[P__MAX] = {
	[P_PERMANENT] = { "permanent", "1.004222", "Đăng ký thường trú", 14,
	    { { "commune_code", "Mã xã/phường nơi đăng ký thường trú", 1 },
	        { "address", "Địa chỉ chỗ ở hợp pháp", 1 },
	        { "basis", "Căn cứ (own_home, family, rented, other)", 1 },
	        { "household_head", "Số định danh của chủ hộ (khi nhập hộ)",
	            0 },
	        { "relation", "Quan hệ với chủ hộ", 0 } } },
	[P_TEMPORARY] = { "temporary", "1.004194", "Đăng ký tạm trú", 6,
	    { { "commune_code", "Mã xã/phường nơi tạm trú", 1 },
	        { "address", "Địa chỉ nơi tạm trú", 1 },
	        { "until", "Tạm trú đến ngày (tối đa 2 năm)", 1 } } },
	[P_EXTENSION] = { "extension", "1.004197", "Gia hạn tạm trú", 6,
	    { { "until", "Gia hạn đến ngày (tối đa 2 năm)", 1 } } },
	[P_ABSENCE] = { "absence", "1.003677", "Khai báo tạm vắng", 2,
	    { { "from", "Tạm vắng từ ngày", 1 }, { "until", "Đến ngày", 1 },
	        { "destination", "Nơi đến", 0 }, { "reason", "Lý do", 0 } } },
};

static const char *const bases[] = { "own_home", "family", "rented", "other" };

/* YYYY-MM-DD plus days (or years) into out. */
static void
date_add(const char *day, int days, int years, char out[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year += years - 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) + (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void
bad(struct req *r, const char *name, const char *reason)
{
	if (r->nbad < REQ_MAXFIELDS) {
		r->bad[r->nbad].name = name;
		r->bad[r->nbad].reason = reason;
		r->nbad++;
	}
}

/* Appends name=value, percent-encoded, to an urlencoded payload. */
static void
payload_put(struct buf *b, const char *name, const char *val)
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

struct submit {
	struct req *r;
	enum proc proc;
	int counter; /* filed by an official at the counter */
	const char *pid;
	long long id;
	const char *receipt;
	int existing;
	enum err why;
	const char *refused; /* why the official was refused: record it */
};

/* Refuses a re-sent known fact that differs from the database. */
static int
known_facts(struct submit *s, struct db_res *cz)
{
	struct req *r = s->r;
	const char *name = req_field(r, "full_name");
	const char *birth = req_field(r, "birth_date");
	const char *sex = req_field(r, "sex");

	if (name != NULL &&
	    strcmp(text_name_key(&r->arena, name),
	        text_name_key(&r->arena, DB_CELL(cz, 0, 2))) != 0)
		bad(r, "full_name", "differs_from_database");
	if (birth != NULL && strcmp(birth, DB_CELL(cz, 0, 3)) != 0)
		bad(r, "birth_date", "differs_from_database");
	if (sex != NULL && strcmp(sex, DB_CELL(cz, 0, 4)) != 0)
		bad(r, "sex", "differs_from_database");
	return r->nbad > 0 ? -1 : 0;
}

static int
refuse(struct submit *s, enum err why, const char *reason)
{
	s->why = why;
	s->refused = reason;
	return 1;
}

/*
 * The commune of the citizen's current registration that an extension
 * (the temporary residence) or a notice of absence (the permanent one)
 * acts on, or NULL when there is none or no such citizen.  Returns DB_OK
 * or an enum db_rc.
 */
static int
registration_commune(
    struct db *db, struct arena *a, struct submit *s, const char **commune)
{
	struct db_param p[] = { DBP_S(s->pid) };
	struct db_res cz, res;
	size_t i;
	int rc;

	*commune = NULL;
	if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &cz)) != DB_OK)
		return rc;
	if (cz.nrows != 1)
		return DB_OK;
	p[0].s = DB_CELL(&cz, 0, 0);
	if ((rc = db_exec(db, a,
	         s->proc == P_EXTENSION ? RS_CURRENT_TEMP : RS_RESIDENCES, p, 1,
	         &res)) != DB_OK)
		return rc;
	for (i = 0; i < res.nrows; i++)
		if (s->proc == P_EXTENSION ||
		    strcmp(DB_CELL(&res, i, 0), "permanent") == 0)
			*commune = DB_CELL(&res, i, 1);
	return DB_OK;
}

/*
 * At the counter: may this official file this dossier?  The commune is
 * the one the request names for a registration, else the commune of the
 * citizen's current registration the procedure acts on; an unknown number
 * and a citizen registered elsewhere are refused alike.  Returns 0, 1
 * (refused: s->why, s->refused) or a negative enum db_rc.
 */
static int
counter_right(struct db *db, struct arena *a, struct submit *s)
{
	struct req *r = s->r;
	struct rs_official off;
	const char *commune;
	int rc;

	if ((rc = rs_official_load(db, a, r->user, &off)) != DB_OK)
		return rc;
	if (!off.found)
		return refuse(s, ERR_FORBIDDEN, "not_an_official");
	if (!rs_may(off.role, RS_FILE))
		return refuse(s, ERR_ROLE, "role_not_allowed");
	if (s->proc == P_PERMANENT || s->proc == P_TEMPORARY)
		commune = req_field(r, "commune_code");
	else if ((rc = registration_commune(db, a, s, &commune)) != DB_OK)
		return rc;
	if (commune == NULL || strcmp(commune, off.commune) != 0)
		return refuse(s, ERR_FORBIDDEN, "other_commune");
	return 0;
}

static int
submit_txn(struct db *db, struct arena *a, void *arg)
{
	struct submit *s = arg;
	struct req *r = s->r;
	struct dossier_new n;
	struct db_res cz, res;
	struct buf pl;
	const char *now, *commune = NULL;
	char today[11], limit[11];
	long long cid;
	size_t i;
	int rc;

	if (s->counter && (rc = counter_right(db, a, s)) != 0)
		return rc;
	{
		struct db_param p[] = { DBP_S(s->pid) };

		if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &cz)) != DB_OK)
			return rc;
	}
	if (cz.nrows != 1) {
		s->why = ERR_UNKNOWN_CITIZEN;
		return 1;
	}
	cid = strtoll(DB_CELL(&cz, 0, 0), NULL, 10);
	if (known_facts(s, &cz) < 0) {
		s->why = ERR_KNOWN_FACT;
		return 1;
	}
	if ((rc = dossier_now(db, a, &now)) != DB_OK)
		return rc;
	snprintf(today, sizeof(today), "%.10s", now);
	date_add(today, 0, 2, limit); /* a term is at most 2 years */

	buf_init(&pl);
	switch (s->proc) {
	case P_PERMANENT:
	case P_TEMPORARY:
		commune = req_field(r, "commune_code");
		{
			struct db_param p[] = { DBP_S(commune) };

			if ((rc = db_exec(db, a, RS_COMMUNE, p, 1, &res)) !=
			    DB_OK)
				goto out;
		}
		if (res.nrows != 1)
			bad(r, "commune_code", "unknown_commune");
		if (s->proc == P_PERMANENT) {
			const char *basis = req_field(r, "basis");
			int known = 0;

			for (i = 0; i < sizeof(bases) / sizeof(*bases); i++)
				known |= strcmp(basis, bases[i]) == 0;
			if (!known)
				bad(r, "basis", "unknown_choice");
			if (req_field(r, "household_head") != NULL) {
				struct db_param p[] = { DBP_S(
				    req_field(r, "household_head")) };

				if ((rc = db_exec(db, a, RS_HOUSEHOLD_OF, p, 1,
				         &res)) != DB_OK)
					goto out;
				if (res.nrows != 1 ||
				    DB_CELL(&res, 0, 0) == NULL)
					bad(r, "household_head",
					    "unknown_household");
			}
		} else {
			const char *until = req_field(r, "until");

			if (strcmp(until, today) <= 0)
				bad(r, "until", "not_in_future");
			else if (strcmp(until, limit) > 0)
				bad(r, "until", "term_over_2_years");
		}
		payload_put(&pl, "commune_code", commune);
		payload_put(&pl, "address", req_field(r, "address"));
		payload_put(&pl, "basis", req_field(r, "basis"));
		payload_put(
		    &pl, "household_head", req_field(r, "household_head"));
		payload_put(&pl, "relation", req_field(r, "relation"));
		payload_put(&pl, "until", req_field(r, "until"));
		break;
	case P_EXTENSION: {
		struct db_param p[] = { DBP_I(cid) };
		const char *until = req_field(r, "until");
		char window[11];

		if ((rc = db_exec(db, a, RS_CURRENT_TEMP, p, 1, &res)) != DB_OK)
			goto out;
		/* only within the 15 days before the term ends */
		date_add(today, 15, 0, window);
		if (res.nrows != 1 || strcmp(DB_CELL(&res, 0, 2), window) > 0) {
			s->why = ERR_NOT_ELIGIBLE;
			rc = 1;
			goto out;
		}
		commune = DB_CELL(&res, 0, 1);
		if (strcmp(until, DB_CELL(&res, 0, 2)) <= 0)
			bad(r, "until", "not_after_current_term");
		else if (strcmp(until, limit) > 0)
			bad(r, "until", "term_over_2_years");
		payload_put(&pl, "residence_id", DB_CELL(&res, 0, 0));
		payload_put(&pl, "until", until);
		break;
	}
	case P_ABSENCE: {
		struct db_param p[] = { DBP_I(cid) };
		const char *from = req_field(r, "from"), *until;

		until = req_field(r, "until");
		if ((rc = db_exec(db, a, RS_RESIDENCES, p, 1, &res)) != DB_OK)
			goto out;
		for (i = 0; i < res.nrows; i++)
			if (strcmp(DB_CELL(&res, i, 0), "permanent") == 0)
				commune = DB_CELL(&res, i, 1);
		if (commune == NULL) {
			s->why = ERR_NO_RESIDENCE;
			rc = 1;
			goto out;
		}
		if (strcmp(from, today) < 0)
			bad(r, "from", "in_the_past");
		if (strcmp(until, from) < 0)
			bad(r, "until", "before_from");
		payload_put(&pl, "from", from);
		payload_put(&pl, "until", until);
		payload_put(&pl, "destination", req_field(r, "destination"));
		payload_put(&pl, "reason", req_field(r, "reason"));
		break;
	}
	default:
		break;
	}
	if (r->nbad > 0) {
		s->why = ERR_INVALID_FIELD;
		rc = 1;
		goto out;
	}
	memset(&n, 0, sizeof(n));
	n.agency = conf_get(r->conf, "agency", "");
	n.procedure = procs[s->proc].code;
	n.commune = commune;
	n.applicant_id = cid;
	n.channel = s->counter ? "counter" : "online";
	n.filed_by = s->counter ? r->user : NULL;
	n.actor = s->counter ? r->user : "citizen";
	n.idem_key = req_field(r, "idempotency_key");
	n.payload = pl.s != NULL ? pl.s : "";
	n.halves = procs[s->proc].halves;
	rc = dossier_create(db, a, &n, &s->id, &s->receipt, &s->existing);
out:
	buf_free(&pl);
	return rc;
}

static enum err render_dossier(struct req *, const char *, int, const char *);

static enum err
submit(struct req *r, enum proc proc, int counter)
{
	struct submit s;
	int rc, tries;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.proc = proc;
	s.counter = counter;
	/* the applicant's number is asked at the counter, never online */
	if (counter) {
		s.pid = req_field(r, "applicant_pid");
		if (s.pid == NULL) {
			bad(r, "applicant_pid", "required");
			return ERR_MISSING_FIELD;
		}
	} else {
		if (req_field(r, "applicant_pid") != NULL) {
			bad(r, "applicant_pid", "not_allowed");
			return ERR_INVALID_FIELD;
		}
		if (r->citizen == NULL)
			return ERR_UNAUTHENTICATED;
		s.pid = r->citizen;
	}
	/* a concurrent twin with the same key: the second pass finds it */
	for (tries = 0; tries < 2; tries++) {
		r->nbad = 0;
		rc = db_txn(r->db, submit_txn, &r->arena, &s);
		if (rc != DB_DUP)
			break;
	}
	if (s.refused != NULL)
		dossier_refusal(r->db, &r->arena, r->user, "file_at_counter",
		    procs[proc].code, s.refused);
	if (rc > 0)
		return s.why;
	if (rc != DB_OK)
		return rs_db_err(rc);
	if (r->fmt == REQ_HTML && !counter) {
		resp_redirect(r,
		    arena_printf(&r->arena, "/residence/citizen/dossiers/%s",
		        s.receipt));
		return ERR_OK;
	}
	return render_dossier(r, s.receipt, s.existing ? 200 : 201, NULL);
}

enum err
rs_submit_permanent(struct req *r)
{
	return submit(r, P_PERMANENT, 0);
}

enum err
rs_submit_temporary(struct req *r)
{
	return submit(r, P_TEMPORARY, 0);
}

enum err
rs_submit_extension(struct req *r)
{
	return submit(r, P_EXTENSION, 0);
}

enum err
rs_submit_absence(struct req *r)
{
	return submit(r, P_ABSENCE, 0);
}

enum err
rs_counter_permanent(struct req *r)
{
	return submit(r, P_PERMANENT, 1);
}

enum err
rs_counter_temporary(struct req *r)
{
	return submit(r, P_TEMPORARY, 1);
}

enum err
rs_counter_extension(struct req *r)
{
	return submit(r, P_EXTENSION, 1);
}

enum err
rs_counter_absence(struct req *r)
{
	return submit(r, P_ABSENCE, 1);
}

/* GET .../forms/<procedure>: what is known, what to ask. */
enum err
rs_form(struct req *r)
{
	struct db_res cz, res;
	struct doc d;
	size_t i;
	int p = -1, rc;

	for (i = 0; i < P__MAX; i++)
		if (r->arg[0] != NULL && strcmp(r->arg[0], procs[i].slug) == 0)
			p = (int)i;
	if (p < 0)
		return ERR_NOT_FOUND;
	if (r->citizen == NULL)
		return ERR_UNAUTHENTICATED;
	{
		struct db_param q[] = { DBP_S(r->citizen) };

		if ((rc = db_exec(r->db, &r->arena, RS_CITIZEN, q, 1, &cz)) !=
		    DB_OK)
			return rs_db_err(rc);
	}
	if (cz.nrows != 1)
		return ERR_UNKNOWN_CITIZEN;
	{
		struct db_param q[] = { DBP_S(DB_CELL(&cz, 0, 0)) };

		if ((rc = db_exec(
		         r->db, &r->arena, RS_RESIDENCES, q, 1, &res)) != DB_OK)
			return rs_db_err(rc);
	}
	doc_init(&d, "form", procs[p].name);
	doc_add(&d, NULL, "procedure", "Mã thủ tục", procs[p].code);
	doc_add(&d, NULL, "procedure_name", "Thủ tục", procs[p].name);
	/* known: from the database, shown but not asked */
	doc_add(&d, "known", "pid", "Số định danh cá nhân", DB_CELL(&cz, 0, 1));
	doc_add(&d, "known", "full_name", "Họ và tên", DB_CELL(&cz, 0, 2));
	doc_add(&d, "known", "birth_date", "Ngày sinh", DB_CELL(&cz, 0, 3));
	doc_add(&d, "known", "sex", "Giới tính", DB_CELL(&cz, 0, 4));
	for (i = 0; i < res.nrows; i++) {
		int perm = strcmp(DB_CELL(&res, i, 0), "permanent") == 0;

		doc_add(&d, "known",
		    perm ? "permanent_commune" : "temporary_commune",
		    perm ? "Xã/phường thường trú" : "Xã/phường tạm trú",
		    DB_CELL(&res, i, 1));
		doc_add(&d, "known",
		    perm ? "permanent_address" : "temporary_address",
		    perm ? "Nơi thường trú" : "Nơi tạm trú",
		    DB_CELL(&res, i, 4));
		if (!perm && DB_CELL(&res, i, 6) != NULL)
			doc_add(&d, "known", "temporary_until",
			    "Tạm trú đến ngày", DB_CELL(&res, i, 6));
	}
	/* to ask: name -> label; required ones listed apart */
	for (i = 0; i < 6 && procs[p].ask[i].name != NULL; i++)
		doc_add(&d, "ask", procs[p].ask[i].name, procs[p].ask[i].label,
		    procs[p].ask[i].label);
	for (i = 0; i < 6 && procs[p].ask[i].name != NULL; i++)
		doc_add_raw(&d, "required", procs[p].ask[i].name, NULL,
		    procs[p].ask[i].required ? "true" : "false");
	resp_doc(r, 200, &d);
	return ERR_OK;
}

/* The procedure's Vietnamese name by national code (decide.c, views). */
static const char *
proc_name(const char *code)
{
	size_t i;

	for (i = 0; i < P__MAX; i++)
		if (strcmp(procs[i].code, code) == 0)
			return procs[i].name;
	return strcmp(code, RS_PROC_CONFIRM) == 0
	    ? "Xác nhận thông tin về cư trú"
	    : code;
}

/*
 * Renders the dossier with this receipt code (state, due date, history)
 * with the given status.  When owner is not NULL, only that citizen's
 * dossier is shown; anything else is "not found".
 */
static const struct doc_col event_cols[] = {
	{ "at", "Thời điểm", 0 },
	{ "state", "Trạng thái", 0 },
	{ "reason", "Lý do", 0 },
};

static enum err
render_dossier(
    struct req *r, const char *receipt, int status, const char *owner)
{
	struct db_res dv, ev;
	struct doc_list events;
	struct doc d;
	size_t i;
	int rc;

	{
		struct db_param p[] = { DBP_S(receipt) };

		if ((rc = db_exec(r->db, &r->arena, RS_DOSSIER_VIEW, p, 1,
		         &dv)) != DB_OK)
			return rs_db_err(rc);
	}
	if (dv.nrows != 1 ||
	    (owner != NULL && strcmp(DB_CELL(&dv, 0, 9), owner) != 0))
		return ERR_NOT_FOUND;
	{
		struct db_param p[] = { DBP_S(DB_CELL(&dv, 0, 0)) };

		if ((rc = db_exec(r->db, &r->arena, RS_EVENTS, p, 1, &ev)) !=
		    DB_OK)
			return rs_db_err(rc);
	}
	doc_init(&d, "dossier", "Hồ sơ thủ tục cư trú");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", DB_CELL(&dv, 0, 1));
	doc_add(&d, NULL, "procedure", NULL, DB_CELL(&dv, 0, 2));
	doc_add(&d, NULL, "procedure_name", "Thủ tục",
	    proc_name(DB_CELL(&dv, 0, 2)));
	doc_add(&d, NULL, "state", "Trạng thái", DB_CELL(&dv, 0, 3));
	doc_add(&d, NULL, "submitted_at", "Ngày nộp", DB_CELL(&dv, 0, 4));
	doc_add(&d, NULL, "due_at", "Hạn giải quyết", DB_CELL(&dv, 0, 5));
	doc_add_raw(&d, NULL, "paused", NULL,
	    strcmp(DB_CELL(&dv, 0, 6), "1") == 0 ? "true" : "false");
	doc_add(&d, NULL, "channel", "Kênh", DB_CELL(&dv, 0, 7));
	doc_list_init(&r->arena, &events, "events", "event", "Quá trình xử lý",
	    event_cols, sizeof(event_cols) / sizeof(*event_cols), ev.nrows);
	for (i = 0; i < ev.nrows; i++) {
		doc_list_set(&events, i, "at", DB_CELL(&ev, i, 0));
		doc_list_set(&events, i, "state", DB_CELL(&ev, i, 2));
		doc_list_set(&events, i, "reason", DB_CELL(&ev, i, 3));
	}
	resp_doc_lists(r, status, &d, &events, 1);
	return ERR_OK;
}

/* GET /residence/citizen/dossiers/<receipt>: the applicant's own view. */
enum err
rs_dossier_view(struct req *r)
{
	const char *receipt = r->arg[0];

	if (receipt == NULL ||
	    valid_field(VALID_RECEIPT, &r->arena, &receipt) != NULL)
		return ERR_NOT_FOUND;
	return render_dossier(r, receipt, 200, r->citizen);
}

struct answer {
	struct req *r;
	enum err why;
};

static int
answer_txn(struct db *db, struct arena *a, void *arg)
{
	struct answer *an = arg;
	struct req *r = an->r;
	struct dossier d;
	struct db_res cz;
	int rc;

	{
		struct db_param p[] = { DBP_S(r->citizen) };

		if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &cz)) != DB_OK)
			return rc;
	}
	if ((rc = dossier_load(db, a, r->arg[0], &d)) != DB_OK)
		return rc;
	if (cz.nrows != 1 || d.id == 0 ||
	    strtoll(DB_CELL(&cz, 0, 0), NULL, 10) != d.applicant_id) {
		an->why = ERR_NOT_FOUND;
		return 1;
	}
	/* only a request for a supplement is answered: the citizen never
	 * moves a dossier on by themselves */
	if (strcmp(d.state, "supplement_requested") != 0) {
		an->why = ERR_STATE;
		return 1;
	}
	rc = dossier_move(
	    db, a, &d, "accepted", "citizen", req_field(r, "note"));
	if (rc > 0) {
		an->why = ERR_STATE;
		return 1;
	}
	return rc;
}

/* POST .../dossiers/<receipt>/supplement: the citizen answers a request
 * for a supplement; the clock restarts with what was left. */
enum err
rs_supplement_answer(struct req *r)
{
	struct answer an;
	const char *receipt = r->arg[0];
	int rc;

	if (receipt == NULL ||
	    valid_field(VALID_RECEIPT, &r->arena, &receipt) != NULL)
		return ERR_NOT_FOUND;
	memset(&an, 0, sizeof(an));
	an.r = r;
	rc = db_txn(r->db, answer_txn, &r->arena, &an);
	if (rc > 0)
		return an.why;
	if (rc != DB_OK)
		return rs_db_err(rc);
	if (r->fmt == REQ_HTML) {
		resp_redirect(r,
		    arena_printf(
		        &r->arena, "/residence/citizen/dossiers/%s", receipt));
		return ERR_OK;
	}
	return render_dossier(r, receipt, 200, r->citizen);
}
