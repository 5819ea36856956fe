/*
 * Marriage registration (đăng ký kết hôn, 1.000894).  Both parties take
 * part: one files online, naming the other by personal number and
 * nothing else (who they are, their status and their parents come from
 * the database), and the other consents with their own sign-on within
 * marriage_consent_days; or an official files at the counter with both
 * present, and the consent is recorded as given in person.  No decision
 * registers it before both have taken part.
 *
 * The conditions (Law 52/2014 on Marriage and Family, Art. 5 and 8;
 * cond.c decides them) are checked when the dossier is filed at the
 * counter, where both are present; online, the filer is answered only
 * about themself, and whatever the number they name (a person married,
 * deceased, under age, of their kin, of their sex, or nobody), the
 * filing is answered alike, so that nobody learns another's civil status
 * by naming them: the conditions on both are checked when the other
 * consents, which refuses with the condition's own code to them and
 * closes the dossier for a reason that names no condition.  They are
 * checked again inside the approval's transaction, with both parties' rows locked, so
 * a marriage registered meanwhile (or a death) refuses the second.  The
 * ages and whether a marriage of two persons of the same sex is
 * recognised are civil rules by date.
 *
 * Due the same working day (the flow's cut-off), counted from the
 * consent that completes an online dossier; marriage_verify_halves when
 * an official marks it for verification.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "civil.h"
#include "dossier.h"
#include "flow.h"
#include "form.h"
#include "procedure.h"
#include "resp.h"
#include "workcal.h"
#include "valid.h"

/* The columns of CV_M_PARTY. */
enum {
	MP_ID,
	MP_PID,
	MP_NAME,
	MP_BIRTH,
	MP_SEX,
	MP_DEATH,
	MP_MARITAL,
	MP_ETHNICITY,
	MP_OPEN,
};

int
cv_marriage_law_get(struct db *db, struct arena *a, const char *day,
    struct cv_marriage_law *law)
{
	long man, woman, same;
	int rc;

	if ((rc = cv_rule_int(db, a, "marriage_age_man", day, 0, 150, &man)) !=
	        DB_OK ||
	    (rc = cv_rule_int(
	         db, a, "marriage_age_woman", day, 0, 150, &woman)) != DB_OK ||
	    (rc = cv_rule_int(db, a, "marriage_same_sex", day, 0, 1, &same)) !=
	        DB_OK)
		return rc;
	law->age_man = (int)man;
	law->age_woman = (int)woman;
	law->same_sex = (int)same;
	return DB_OK;
}

static int
ancestors_get(struct db *db, struct arena *a, struct cv_party *p)
{
	struct db_param q[] = { DBP_I(p->id) };
	struct db_res res;
	size_t i;
	int rc;

	p->nanc = 0;
	if ((rc = db_exec(db, a, CV_M_ANCESTORS, q, 1, &res)) != DB_OK)
		return rc;
	/* more than a family tree of four generations holds: the links
	 * are broken (a cycle reaches one person at several depths, but
	 * GROUP BY keeps each once) */
	if (res.nrows > CV_KIN_MAX)
		return DB_ERR;
	for (i = 0; i < res.nrows; i++) {
		p->anc[i].id = strtoll(DB_CELL(&res, i, 0), NULL, 10);
		p->anc[i].depth = atoi(DB_CELL(&res, i, 1));
	}
	p->nanc = res.nrows;
	return DB_OK;
}

int
cv_party_get(
    struct db *db, struct arena *a, const char *pid, struct cv_party *p)
{
	struct db_param q[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_exec(db, a, CV_M_PARTY, q, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	p->id = strtoll(DB_CELL(&res, 0, MP_ID), NULL, 10);
	p->pid = DB_CELL(&res, 0, MP_PID);
	p->full_name = DB_CELL(&res, 0, MP_NAME);
	p->birth_date = DB_CELL(&res, 0, MP_BIRTH);
	p->sex = DB_CELL(&res, 0, MP_SEX);
	p->death_date = DB_CELL(&res, 0, MP_DEATH);
	p->marital = DB_CELL(&res, 0, MP_MARITAL);
	p->ethnicity = DB_CELL(&res, 0, MP_ETHNICITY);
	p->open_marriages = atoi(DB_CELL(&res, 0, MP_OPEN));
	return ancestors_get(db, a, p);
}

int
cv_marriage_check(struct db *db, struct arena *a, const char *day,
    const char *pid_a, const char *pid_b, struct cv_party *pa,
    struct cv_party *pb, enum err *why)
{
	struct cv_marriage_law law;
	int first_a, rc;

	*why = ERR_OK;
	if (strcmp(pid_a, pid_b) == 0) {
		memset(pa, 0, sizeof(*pa));
		memset(pb, 0, sizeof(*pb));
		*why = ERR_INVALID_FIELD;
		return DB_OK;
	}
	/* always the lower number first: two approvals sharing a party
	 * queue on it rather than deadlock */
	first_a = strcmp(pid_a, pid_b) < 0;
	if ((rc = cv_party_get(
	         db, a, first_a ? pid_a : pid_b, first_a ? pa : pb)) != DB_OK ||
	    (rc = cv_party_get(
	         db, a, first_a ? pid_b : pid_a, first_a ? pb : pa)) != DB_OK)
		return rc;
	if (pa->id == 0 || pb->id == 0) {
		*why = ERR_UNKNOWN_CITIZEN;
		return DB_OK;
	}
	if ((rc = cv_marriage_law_get(db, a, day, &law)) != DB_OK)
		return rc;
	*why = cv_marriage_refusal(day, &law, pa, pb);
	return DB_OK;
}

int
cv_marriage_consent_ask(struct db *db, struct arena *a, long long dossier,
    long long party, const char *now, int in_person)
{
	char until[20];
	long days;
	int rc;

	if ((rc = cv_rule_int(
	         db, a, "marriage_consent_days", now, 1, 365, &days)) != DB_OK)
		return rc;
	cv_days_after(now, days, until);
	{
		struct db_param p[] = { DBP_I(dossier), DBP_I(party),
			DBP_S(now), DBP_S(until),
			DBP_SN(in_person ? now : NULL),
			DBP_SN(in_person ? "in_person" : NULL) };

		return db_exec(db, a, CV_M_CONSENT_ASK, p, 6, NULL);
	}
}

int
cv_marriage_consent_get(
    struct db *db, struct arena *a, long long dossier, struct cv_consent *c)
{
	struct db_param p[] = { DBP_I(dossier) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, CV_M_CONSENT_GET, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->party_pid = DB_CELL(&res, 0, 0);
	c->expires_at = DB_CELL(&res, 0, 1);
	c->confirmed_at = DB_CELL(&res, 0, 2);
	c->how = DB_CELL(&res, 0, 3);
	return DB_OK;
}

/*
 * The procedure on the flow (submit.c, decide.c).
 */

static const struct proc_ask ask[] = {
	{ CK_OTHER, "Số định danh cá nhân của bên kia",
	    "Personal number of the other party", 1 },
	{ 0, NULL, NULL, 0 },
};

/*
 * While registration is tied to residence, the commune where either
 * party lives registers (Law 60/2014 Art. 17): the counter's own when
 * the second party lives there, else the filer's.
 */
static int
commune_of(struct db *db, struct arena *a, struct proc_submit *s,
    const char *mine, const char **c)
{
	struct cv_citizen ca, cb;
	const char *other = NULL;
	int rc;

	*c = NULL;
	if ((rc = cv_citizen_get(db, a, s->f.pid, &ca)) != DB_OK ||
	    (rc = cv_citizen_get(db, a, REQ_S(s->f.r, CK_OTHER), &cb)) != DB_OK)
		return rc;
	if (cb.id != 0 &&
	    (rc = cv_permanent_commune(db, a, cb.id, &other)) != DB_OK)
		return rc;
	if (ca.id != 0 && (rc = cv_permanent_commune(db, a, ca.id, c)) != DB_OK)
		return rc;
	if (other != NULL && mine != NULL && strcmp(other, mine) == 0)
		*c = other;
	else if (*c == NULL)
		*c = other;
	return DB_OK;
}

static int
counter_commune(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	return commune_of(db, a, s, s->f.r->official->commune, c);
}

/* Online: the filer's own conditions only (see the top of the file). */
static int
check_online(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *other = REQ_S(r, CK_OTHER);
	struct cv_marriage_law law;
	struct cv_party pa;
	enum err why;
	int rc;

	if (strcmp(s->f.pid, other) == 0) {
		req_bad(r, "other_pid", "is_applicant");
		return 0;
	}
	if ((rc = cv_party_get(db, a, s->f.pid, &pa)) != DB_OK)
		return rc;
	if (pa.id == 0)
		return cv_refuse(s, ERR_UNKNOWN_CITIZEN);
	if ((rc = cv_marriage_law_get(db, a, s->today, &law)) != DB_OK)
		return rc;
	if ((why = cv_marriage_own_refusal(s->today, &law, &pa)) != ERR_OK)
		return cv_refuse(s, why);
	if ((rc = commune_of(db, a, s, REQ_S(r, CK_COMMUNE), &s->commune)) !=
	    DB_OK)
		return rc;
	cv_payload_put(s, "party_a", pa.pid);
	cv_payload_put(s, "party_b", other);
	return 0;
}

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	struct cv_party pa, pb;
	enum err why;
	int rc;

	if (!s->f.counter)
		return check_online(db, a, s);
	if ((rc = cv_marriage_check(db, a, s->today, s->f.pid,
	         REQ_S(r, CK_OTHER), &pa, &pb, &why)) != DB_OK)
		return rc;
	if (why == ERR_INVALID_FIELD) {
		req_bad(r, "other_pid", "is_applicant");
		return 0;
	}
	if (why != ERR_OK)
		return cv_refuse(s, why);
	if ((rc = commune_of(db, a, s,
	         s->f.counter ? r->official->commune : REQ_S(r, CK_COMMUNE),
	         &s->commune)) != DB_OK)
		return rc;
	cv_payload_put(s, "party_a", pa.pid);
	cv_payload_put(s, "party_b", pb.pid);
	return 0;
}

/* The second party's consent, once the dossier exists: asked of them
 * online, given in person at the counter, where both are present. */
static int
created(struct db *db, struct arena *a, struct proc_submit *s,
    const struct form *payload)
{
	const char *other = form_get(payload, "party_b");
	struct cv_citizen cb;
	int rc;

	if (other == NULL)
		return DB_ERR;
	if ((rc = cv_citizen_get(db, a, other, &cb)) != DB_OK)
		return rc;
	/* online, a number nobody has is asked of nobody (party 0): the
	 * dossier waits as for anyone who does not consent */
	if (cb.id == 0 && s->f.counter)
		return DB_ERR; /* check found them in this transaction */
	return cv_marriage_consent_ask(
	    db, a, s->f.id, cb.id, s->received, s->f.counter);
}

/*
 * On approval, in the decision's transaction: the consent given and the
 * conditions met on the day of registration (either party may have
 * married or died since the filing), the marriage is numbered in the
 * commune's marriage book of the year and recorded (a trigger feeds the
 * marriage change), the certificate's facts are kept with the paper's
 * name and the law of the day, and both parties become married, which
 * changes their civil_version and voids every confirmation of their
 * marital status.  Returns DB_OK, a positive enum err (refused) or a
 * negative enum db_rc.
 */
static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	const char *now = dossier_now(a), *number, *paper, *law;
	struct cv_party pa, pb;
	struct cv_consent c;
	long long record;
	char today[11];
	enum err why;
	int rc;

	if (form_get(f, "party_a") == NULL || form_get(f, "party_b") == NULL)
		return DB_ERR;
	snprintf(today, sizeof(today), "%.10s", now);
	if ((rc = cv_marriage_consent_get(db, a, d->id, &c)) != DB_OK)
		return rc;
	if ((why = cv_marriage_consent_state(&c, now)) != ERR_OK)
		return (int)why;
	if ((rc = cv_marriage_check(db, a, today, form_get(f, "party_a"),
	         form_get(f, "party_b"), &pa, &pb, &why)) != DB_OK)
		return rc;
	if (why != ERR_OK)
		return (int)why;
	if ((rc = cv_rule(db, a, "paper_marriage", today, &paper)) != DB_OK ||
	    (rc = cv_rule(db, a, "law", today, &law)) != DB_OK ||
	    (rc = cv_book_next(
	         db, a, d->commune, "KH", atoi(today), &number)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S(number), DBP_S(d->commune),
			DBP_I(pa.id), DBP_I(pb.id), DBP_S(today), DBP_S(now),
			DBP_I(d->applicant_id), DBP_I(d->id) };

		if ((rc = db_exec(db, a, CV_M_RECORD_INSERT, p, 8, NULL)) !=
		    DB_OK)
			return rc;
		record = (long long)db_insert_id(db);
	}
	{
		struct db_param m[] = { DBP_I(pa.id), DBP_I(pb.id),
			DBP_S(today), DBP_I(record) };
		struct db_param p[] = { DBP_I(record), DBP_S(paper), DBP_S(law),
			DBP_S(today), DBP_S(d->commune), DBP_S(pa.pid),
			DBP_S(pa.full_name), DBP_S(pa.birth_date),
			DBP_S(pa.ethnicity), DBP_S(pb.pid), DBP_S(pb.full_name),
			DBP_S(pb.birth_date), DBP_S(pb.ethnicity) };
		struct db_param s[] = { DBP_I(pa.id), DBP_I(pb.id) };

		if ((rc = db_exec(db, a, CV_M_MARRIAGE_INSERT, m, 4, NULL)) !=
		        DB_OK ||
		    (rc = db_exec(
		         db, a, CV_M_CERTIFICATE_INSERT, p, 13, NULL)) != DB_OK)
			return rc;
		return db_exec(db, a, CV_M_MARRIED, s, 2, NULL);
	}
}

const struct procedure cv_marriage = {
	.info = &proc_catalog[PROC_ID_MARRIAGE],
	.ask = ask,
	.facts = "full_name,birth_date,sex,marital_status,parents",
	.counter_commune = counter_commune,
	.check = check,
	.effect = effect,
	.created = created,
};

/* The consent of the second party, given online. */
struct consent {
	struct req *r;
	enum err why;
	int existing;
	const char *expires_at;
	const char *confirmed_at;
	const char *due_at;
};

/*
 * The dossier is complete once both have taken part: its time limit, the
 * same working day (the cut-off of the day), runs from the consent,
 * unless an official has marked it for verification.  due is set to the
 * dossier's due date either way (its own when it stands).
 */
static int
due_from(struct db *db, struct arena *a, long long dossier, const char *now,
    char due[20])
{
	struct db_param q[] = { DBP_I(dossier) };
	struct workcal cal;
	struct db_res res;
	const char *cutoff;
	int h, m, rc;

	/* marked for verification: its own limit stands */
	if ((rc = db_exec(db, a, CV_VERIFIED, q, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1 && strcmp(DB_CELL(&res, 0, 0), "0") != 0)
		return DB_OK;
	if ((rc = cv_rule(db, a, "cutoff", now, &cutoff)) != DB_OK)
		return rc;
	if (sscanf(cutoff, "%2d:%2d", &h, &m) != 2)
		return DB_ERR;
	if ((rc = dossier_calendar(db, a, now, &cal)) != DB_OK)
		return rc;
	if (workcal_same_day(&cal, now, h * 60 + m, due) < 0)
		return DB_ERR;
	{
		struct db_param p[] = { DBP_S(due), DBP_I(dossier) };

		return db_exec(db, a, CV_DUE_SET, p, 2, NULL);
	}
}

static int
consent_txn(struct db *db, struct arena *a, void *arg)
{
	struct consent *t = arg;
	struct req *r = t->r;
	const char *now = dossier_now(a);
	struct cv_consent c;
	struct dossier d;
	char *due;
	int rc;

	t->why = ERR_OK;
	t->existing = 0;
	if ((rc = dossier_load(db, a, REQ_S(r, CK_RECEIPT), &d)) != DB_OK)
		return rc;
	if (d.id == 0 || strcmp(d.procedure, PROC_MARRIAGE) != 0)
		goto absent;
	if ((rc = cv_marriage_consent_get(db, a, d.id, &c)) != DB_OK)
		return rc;
	/* only the party asked may consent; to anyone else the dossier
	 * does not exist, whether or not it does */
	if (c.party_pid == NULL || strcmp(c.party_pid, r->citizen) != 0)
		goto absent;
	t->expires_at = c.expires_at;
	if (c.confirmed_at != NULL) {
		t->existing = 1;
		t->confirmed_at = c.confirmed_at;
		t->due_at = d.due_at;
		return 0;
	}
	if (cv_marriage_consent_state(&c, now) ==
	    ERR_MARRIAGE_CONSENT_EXPIRED) {
		/* too late: the dossier cannot go on, and is closed */
		t->why = ERR_MARRIAGE_CONSENT_EXPIRED;
		if (d.state != DS_SUBMITTED && d.state != DS_ACCEPTED)
			return 1;
		return dossier_move(db, a, &d, DS_REJECTED, "system",
		    "the other party did not consent in time");
	}
	if (d.state != DS_SUBMITTED && d.state != DS_ACCEPTED) {
		t->why = ERR_STATE;
		return 1;
	}
	/* the conditions on both, now that both take part: the consenting
	 * party is told which fails; the dossier closes for a reason that
	 * names none */
	{
		struct cv_party pa, pb;
		struct form f;
		char today[11];
		enum err why;

		if (d.payload == NULL ||
		    flow_payload_parse(a, d.payload, &f) != 0 ||
		    form_get(&f, "party_a") == NULL ||
		    form_get(&f, "party_b") == NULL)
			return DB_ERR;
		snprintf(today, sizeof(today), "%.10s", now);
		if ((rc = cv_marriage_check(db, a, today,
		         form_get(&f, "party_a"), form_get(&f, "party_b"), &pa,
		         &pb, &why)) != DB_OK)
			return rc;
		if (why != ERR_OK) {
			t->why = why;
			return dossier_move(db, a, &d, DS_REJECTED, "system",
			    "the conditions of marriage are not met (Điều "
			    "kiện kết hôn không được đáp ứng)");
		}
	}
	{
		struct db_param p[] = { DBP_S(now), DBP_I(d.id) };

		if ((rc = db_exec(db, a, CV_M_CONSENT_GIVE, p, 2, NULL)) !=
		    DB_OK)
			return rc;
	}
	due = arena_alloc(a, 20);
	snprintf(due, 20, "%s", d.due_at != NULL ? d.due_at : "");
	if ((rc = due_from(db, a, d.id, now, due)) != DB_OK)
		return rc;
	t->confirmed_at = now;
	t->due_at = due;
	return 0;
absent:
	t->why = ERR_NOT_FOUND;
	return 1;
}

/* POST /civil/citizen/dossiers/<receipt>/consent */
enum err
cv_marriage_consent(struct req *r)
{
	struct consent t;
	struct doc d;
	int rc;

	memset(&t, 0, sizeof(t));
	t.r = r;
	rc = db_txn(r->db, consent_txn, &r->arena, &t);
	if (rc > 0 || (rc == DB_OK && t.why != ERR_OK))
		return t.why;
	if (rc != DB_OK)
		return db_err(rc);
	doc_init(&d, "consent", "Đã xác nhận đồng ý kết hôn");
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", REQ_S(r, CK_RECEIPT));
	doc_add(&d, NULL, "consent", NULL, "given");
	doc_add(&d, NULL, "confirmed_at", "Thời điểm xác nhận", t.confirmed_at);
	doc_add(&d, NULL, "due_at", "Hạn giải quyết", t.due_at);
	resp_doc(r, t.existing ? 200 : 201, &d);
	return ERR_OK;
}

static const struct doc_col consent_cols[] = {
	{ "receipt_code", "Mã hồ sơ", 0 },
	{ "filed_by", "Người nộp hồ sơ", 0 },
	{ "asked_at", "Ngày nộp", 0 },
	{ "expires_at", "Hạn xác nhận", 0 },
};

/* GET /civil/citizen/consents: how the other party learns what to
 * consent to, without being told a receipt code. */
enum err
cv_marriage_consents(struct req *r)
{
	struct db_param p[] = { DBP_S(r->citizen) };
	struct doc_list l;
	struct db_res res;
	struct doc d;
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, &r->arena, CV_M_CONSENTS_OF, p, 1, &res)) !=
	    DB_OK)
		return db_err(rc);
	doc_init(&d, "consents", "Hồ sơ đăng ký kết hôn chờ bạn xác nhận");
	doc_add_raw(
	    &d, NULL, "count", NULL, arena_printf(&r->arena, "%zu", res.nrows));
	doc_list_init(&r->arena, &l, "consents", "consent",
	    "Chờ xác nhận đồng ý kết hôn", consent_cols,
	    sizeof(consent_cols) / sizeof(consent_cols[0]), res.nrows);
	for (i = 0; i < res.nrows; i++) {
		doc_list_set(&l, i, "receipt_code", DB_CELL(&res, i, 0));
		doc_list_set(&l, i, "filed_by", DB_CELL(&res, i, 1));
		doc_list_set(&l, i, "asked_at", DB_CELL(&res, i, 2));
		doc_list_set(&l, i, "expires_at", DB_CELL(&res, i, 3));
	}
	resp_doc_lists(r, 200, &d, &l, 1);
	return ERR_OK;
}
