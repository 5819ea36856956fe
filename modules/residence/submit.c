/*
 * The residence procedures, the citizen's side (and the counter's): what
 * every procedure of rs_procs shares; each procedure's own checks and
 * effect are in its file (permanent.c, temporary.c, extension.c,
 * absence.c).
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
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "form.h"
#include "resp.h"
#include "route.h"
#include "text.h"
#include "token.h"
#include "valid.h"
#include "residence.h"

/* clang-format off */
const char *const rs_proc_slugs[RP__MAX + 1] = {
	[RP_PERMANENT] = "permanent",
	[RP_TEMPORARY] = "temporary",
	[RP_EXTENSION] = "extension",
	[RP_ABSENCE] = "absence",
};

const struct procedure *const rs_procs[RP__MAX] = {
	[RP_PERMANENT] = &rs_permanent,
	[RP_TEMPORARY] = &rs_temporary,
	[RP_EXTENSION] = &rs_extension,
	[RP_ABSENCE] = &rs_absence,
};
/* clang-format on */

void
rs_payload_put(struct proc_submit *s, const char *name, const char *val)
{
	flow_payload_put(&s->f.payload, name, val);
}

int
rs_refuse(struct proc_submit *s, enum err why)
{
	return flow_filing_refuse(&s->f, why);
}

int
rs_counter_commune_asked(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	*c = REQ_S(s->f.r, RK_COMMUNE);
	return DB_OK;
}

int
rs_commune_asked(struct db *db, struct arena *a, struct proc_submit *s)
{
	const char *name;
	int rc;

	s->commune = REQ_S(s->f.r, RK_COMMUNE);
	if ((rc = rs_commune_get(db, a, s->commune, &name)) != DB_OK)
		return rc;
	if (name == NULL)
		req_bad(s->f.r, "commune_code", "unknown_commune");
	return DB_OK;
}

int
rs_permanent_commune(
    struct db *db, struct arena *a, long long cid, const char **commune)
{
	struct rs_residence *res;
	size_t i, n;
	int rc;

	*commune = NULL;
	if ((rc = rs_residences_get(db, a, cid, &res, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (res[i].permanent)
			*commune = res[i].commune;
	return DB_OK;
}

/* Refuses a re-sent known fact that differs from the database. */
static int
known_facts(struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *name = REQ_S(r, RK_FULL_NAME);
	const char *birth = REQ_S(r, RK_BIRTH_DATE);
	const char *sex = REQ_S(r, RK_SEX);

	if (name != NULL &&
	    strcmp(text_name_key(&r->arena, name),
	        text_name_key(&r->arena, s->cz.full_name)) != 0)
		req_bad(r, "full_name", "differs_from_database");
	if (birth != NULL && strcmp(birth, s->cz.birth_date) != 0)
		req_bad(r, "birth_date", "differs_from_database");
	if (sex != NULL && strcmp(sex, s->cz.sex) != 0)
		req_bad(r, "sex", "differs_from_database");
	return r->nbad > 0 ? -1 : 0;
}

/* The day two years after today: the longest term of a residence. */
static void
two_years_on(const char *today, char out[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	sscanf(today, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year += 2 - 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int
submit_txn(struct db *db, struct arena *a, void *arg)
{
	struct proc_submit *s = arg;
	struct req *r = s->f.r;
	struct dossier_new n;
	const char *now;
	int rc;

	buf_free(&s->f.payload);
	s->commune = NULL;
	if (s->f.counter && (rc = flow_counter_right(db, a, &s->f)) != 0)
		return rc;
	if ((rc = rs_citizen_get(db, a, s->f.pid, &s->cz)) != DB_OK)
		return rc;
	if (s->cz.id == 0)
		return rs_refuse(s, ERR_UNKNOWN_CITIZEN);
	if (known_facts(s) < 0)
		return rs_refuse(s, ERR_KNOWN_FACT);
	now = dossier_now(a);
	s->today = arena_strndup(a, now, 10);
	s->today_days = valid_days(s->today);
	two_years_on(s->today, s->limit);
	if ((rc = s->f.proc->check(db, a, s)) != 0)
		return rc;
	if (r->nbad > 0)
		return rs_refuse(s, ERR_INVALID_FIELD);
	memset(&n, 0, sizeof(n));
	n.commune = s->commune;
	n.applicant_id = s->cz.id;
	n.halves = s->f.proc->info->halves;
	return flow_create(db, a, &s->f, REQ_S(r, RK_IDEM), &n);
}

static const struct flow_render render = {
	.view_sql = RS_DOSSIER_VIEW,
	.events_sql = RS_EVENTS,
	.title = "Hồ sơ thủ tục cư trú",
	.citizen_path = "/residence/citizen/dossiers/",
};

/*
 * POST /residence/citizen/dossiers/<procedure>, and at the counter POST
 * /residence/official/dossiers/<procedure> for the applicant named by
 * applicant_pid.
 */
enum err
rs_file(struct req *r)
{
	struct proc_submit s;

	memset(&s, 0, sizeof(s));
	return flow_file(r, &render, RK_APPLICANT, &s.f, submit_txn, &s);
}

/* The reason a field was refused for, or NULL. */
static const char *
bad_reason(const struct req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nbad; i++)
		if (strcmp(r->bad[i].name, name) == 0)
			return r->bad[i].reason;
	return NULL;
}

/*
 * What is known, what to ask, as status: for the form first opened, or
 * (status 422) shown again after a post refused for its fields, with
 * what was typed and why each field at fault was refused.
 */
static enum err
form_page(struct req *r, const struct procedure *p, int status)
{
	const struct proc_ask *ask;
	struct rs_residence *res;
	struct rs_citizen cz;
	struct doc d;
	size_t i, n;
	int rc;

	if ((rc = rs_citizen_get(r->db, &r->arena, r->citizen, &cz)) != DB_OK)
		return db_err(rc);
	if (cz.id == 0)
		return ERR_UNKNOWN_CITIZEN;
	if ((rc = rs_residences_get(r->db, &r->arena, cz.id, &res, &n)) !=
	    DB_OK)
		return db_err(rc);
	doc_init(&d, "form", p->info->name_vi);
	doc_add(&d, NULL, "procedure", "Mã thủ tục", p->info->code);
	doc_add(&d, NULL, "procedure_name", "Thủ tục", p->info->name_vi);
	/* known: from the database, shown but not asked */
	doc_add(&d, "known", "pid", "Số định danh cá nhân", cz.pid);
	doc_add(&d, "known", "full_name", "Họ và tên", cz.full_name);
	doc_add(&d, "known", "birth_date", "Ngày sinh", cz.birth_date);
	doc_add(&d, "known", "sex", "Giới tính", cz.sex);
	for (i = 0; i < n; i++) {
		int perm = res[i].permanent;

		doc_add(&d, "known",
		    perm ? "permanent_commune" : "temporary_commune",
		    perm ? "Xã/phường thường trú" : "Xã/phường tạm trú",
		    res[i].commune);
		doc_add(&d, "known",
		    perm ? "permanent_address" : "temporary_address",
		    perm ? "Nơi thường trú" : "Nơi tạm trú", res[i].address);
		if (!perm && res[i].until != NULL)
			doc_add(&d, "known", "temporary_until",
			    "Tạm trú đến ngày", res[i].until);
	}
	/* to ask: name -> label; required ones listed apart */
	for (ask = p->ask; ask->key != 0; ask++)
		doc_add(&d, "ask", route_field_name(ask->key), ask->label_vi,
		    ask->label_vi);
	for (ask = p->ask; ask->key != 0; ask++)
		doc_add_raw(&d, "required", route_field_name(ask->key), NULL,
		    ask->required ? "true" : "false");
	/* for the page: the fields with both labels and their kind, where to
	 * post, and a key that makes a double post one dossier */
	{
		static const struct doc_col cols[] = {
			{ "name", NULL, 0 },
			{ "label_vi", NULL, 0 },
			{ "label_en", NULL, 0 },
			{ "date", NULL, 1 },
			{ "commune", NULL, 1 },
			{ "required", NULL, 1 },
			{ "value", NULL, 0 },
			{ "error", NULL, 0 },
		};
		const char *sent = status == 422 && r->form != NULL
		    ? form_get(r->form, "idempotency_key")
		    : NULL;
		static const struct doc_col commune_cols[] = {
			{ "code", NULL, 0 },
			{ "name", NULL, 0 },
		};
		struct doc_list l[2];
		char key[TOKEN_LEN + 1];
		int communes = 0;

		for (n = 0, ask = p->ask; ask->key != 0; ask++)
			n++;
		doc_list_init(&r->arena, &l[0], "fields", "field", NULL, cols,
		    sizeof(cols) / sizeof(*cols), n);
		for (i = 0, ask = p->ask; ask->key != 0; ask++, i++) {
			int kind = route_field_kind(ask->key);

			communes |= kind == VALID_COMMUNE;
			doc_list_set(
			    &l[0], i, "name", route_field_name(ask->key));
			doc_list_set(&l[0], i, "label_vi", ask->label_vi);
			doc_list_set(&l[0], i, "label_en", ask->label_en);
			doc_list_set(&l[0], i, "date",
			    kind == VALID_DATE ? "true" : "false");
			doc_list_set(&l[0], i, "commune",
			    kind == VALID_COMMUNE ? "true" : "false");
			doc_list_set(&l[0], i, "required",
			    ask->required ? "true" : "false");
			if (status != 422)
				continue;
			doc_list_set(&l[0], i, "value",
			    r->form != NULL
			        ? form_get(r->form, route_field_name(ask->key))
			        : NULL);
			doc_list_set(&l[0], i, "error",
			    bad_reason(r, route_field_name(ask->key)));
		}
		/* the page suggests the communes of the provinces the citizen
		 * lives in, by name, for a code still typed (any commune of
		 * the country may be the one) */
		if (communes && r->fmt == REQ_HTML) {
			struct db_param q[] = { DBP_I(cz.id) };
			struct db_res cr;

			if ((rc = db_exec(r->db, &r->arena, RS_COMMUNES_NEAR, q,
			         1, &cr)) != DB_OK)
				return db_err(rc);
			doc_list_init(&r->arena, &l[1], "communes", "commune",
			    NULL, commune_cols,
			    sizeof(commune_cols) / sizeof(*commune_cols),
			    cr.nrows);
			for (i = 0; i < cr.nrows; i++) {
				doc_list_set(
				    &l[1], i, "code", DB_CELL(&cr, i, 0));
				doc_list_set(
				    &l[1], i, "name", DB_CELL(&cr, i, 1));
			}
			doc_add_raw(&d, NULL, "suggest_communes", NULL, "true");
		} else
			communes = 0;
		/* a form shown again keeps its key: nothing was filed with it,
		 * and a post of the first form and of this one stay one */
		if (sent == NULL ||
		    valid_field(VALID_IDEMKEY, &r->arena, &sent) != NULL) {
			if (token_new(key) < 0)
				return ERR_INTERNAL;
			sent = arena_strdup(&r->arena, key);
		}
		doc_add(&d, NULL, "idempotency_key", NULL, sent);
		if (status == 422)
			doc_add(&d, NULL, "refused", NULL, "true");
		doc_add(&d, NULL, "action", NULL,
		    arena_printf(&r->arena, "/residence/citizen/dossiers/%s",
		        p->info->slug));
		resp_doc_lists(r, status, &d, l, communes ? 2 : 1);
	}
	return ERR_OK;
}

/* GET .../forms/<procedure>: what is known, what to ask. */
enum err
rs_form(struct req *r)
{
	return form_page(r, rs_procs[r->val[RK_PROCEDURE].i], 200);
}

/* A citizen's form post refused for its fields: the form again. */
enum err
rs_form_again(struct req *r)
{
	return form_page(r, r->route->data, 422);
}

/* GET /residence/citizen/dossiers/<receipt>: the applicant's own view. */
enum err
rs_dossier_view(struct req *r)
{
	return flow_render_dossier(
	    r, &render, REQ_S(r, RK_RECEIPT), 200, r->citizen);
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
	struct rs_citizen cz;
	struct dossier d;
	int rc;

	if ((rc = rs_citizen_get(db, a, r->citizen, &cz)) != DB_OK ||
	    (rc = dossier_load(db, a, REQ_S(r, RK_RECEIPT), &d)) != DB_OK)
		return rc;
	if (cz.id == 0 || d.id == 0 || cz.id != d.applicant_id) {
		an->why = ERR_NOT_FOUND;
		return 1;
	}
	/* only a request for a supplement is answered: the citizen never
	 * moves a dossier on by themselves */
	if (d.state != DS_SUPPLEMENT_REQUESTED) {
		an->why = ERR_STATE;
		return 1;
	}
	rc = dossier_move(db, a, &d, DS_ACCEPTED, "citizen", REQ_S(r, RK_NOTE));
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
	const char *receipt = REQ_S(r, RK_RECEIPT);
	struct answer an;
	int rc;

	memset(&an, 0, sizeof(an));
	an.r = r;
	rc = db_txn(r->db, answer_txn, &r->arena, &an);
	if (rc > 0)
		return an.why;
	if (rc != DB_OK)
		return db_err(rc);
	if (r->fmt == REQ_HTML) {
		resp_redirect(r,
		    arena_printf(
		        &r->arena, "/residence/citizen/dossiers/%s", receipt));
		return ERR_OK;
	}
	return flow_render_dossier(r, &render, receipt, 200, r->citizen);
}
