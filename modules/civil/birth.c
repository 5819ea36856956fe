/*
 * Birth registration (đăng ký khai sinh, 1.001193).
 *
 * Filed online by a parent signed on as a citizen (the filer must be the
 * mother or the father named), or at the counter by an official for a
 * declarant: a parent, or a grandparent, sibling, other relative or carer
 * when the parents cannot (the relation is recorded).  Asked: the child's
 * name, sex, date and place of birth (a health facility or an address),
 * optionally the hour and the birth certificate's code
 * (NNNNN.GCS.NNNNN.YY), the mother's and optionally the father's personal
 * numbers, and, when the parents' quê quán, ethnicity or nationality
 * differ, which parent's the child takes.  Nothing else about the
 * parents is asked: their name, year of birth, ethnicity, nationality and
 * residence come from the database.
 *
 * Online, the filer must be a parent named (not_a_parent), and the other
 * parent named their spouse as the database holds it (relation_not_found
 * otherwise, the same for a number nobody has: online_parents), so that
 * nobody learns about strangers from the answers.  Refused: a mother the
 * database does not know (mother_unknown), one deceased (mother_deceased),
 * a birth date after the day of receipt (birth_date_in_future).  Declared more than birth_late_days (a civil
 * rule: 60) days after the birth, the dossier is late: registered all the
 * same, without the fee exemption, and shown as such.
 *
 * Possible duplicates (dup.c) are held for an official instead of being
 * registered: another child of the mother, registered or declared in a
 * pending dossier, born within birth_dup_days (270), or, within
 * birth_dup_twin_days (5), one with a similar name.  The hold is kept
 * with the dossier (civil_birth_dossier) with the match; approval is
 * refused (possible_duplicate) until an official with the right to
 * approve clears it, with a reason (POST .../<receipt>/not-duplicate; an
 * event on the dossier); a real duplicate is rejected as any dossier is.
 * Approval checks the registered children again, one approval of the
 * mother's children at a time (her row locked), so a child registered
 * meanwhile refuses it too; clearing it then records that hold.
 *
 * While registration is tied to residence (civil rule residence_tied),
 * the commune of the mother's or the father's permanent residence
 * decides.  On approval, in the decision's one transaction: the child
 * becomes a citizen with a new personal number (pid.c: the province of
 * the registering commune), the parent links, the record numbered in the
 * commune's birth book of the year with its facts (civil_birth), and the
 * dossier's outcome.  Anything failing writes nothing.
 *
 * The bundle (Decree 63/2024 as amended), each part optional and its
 * outcome shown with the dossier: the child's permanent residence at the
 * named parent's current permanent residence, in their household,
 * through the residence family's own effect (permres.c), which the
 * residence triggers turn into the change log's residence event; and
 * the health-insurance card, a change-log event (the_bhyt) that the
 * social-insurance system pulls through the gateway's Changes.  A parent
 * without a permanent residence or household at approval leaves the
 * child's residence not registered (the birth is, all the same).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "form.h"
#include "permres.h"
#include "resp.h"
#include "civil.h"

/* clang-format off */
const char *const cv_parents[CB__MAX + 1] = {
	[CB_MOTHER] = "mother",
	[CB_FATHER] = "father",
};
const char *const cv_place_kinds[CPK__MAX + 1] = {
	[CPK_FACILITY] = "facility",
	[CPK_ADDRESS] = "address",
};
const char *const cv_yes_no[CYN__MAX + 1] = {
	[CYN_YES] = "yes",
	[CYN_NO] = "no",
};
/* clang-format on */

static const struct proc_ask ask[] = {
	{ CK_RELATION, "Quan hệ với người được khai sinh",
	    "Relation to the child", 1 },
	{ CK_CHILD_NAME, "Họ, chữ đệm và tên", "Child's full name", 1 },
	{ CK_CHILD_SEX, "Giới tính", "Sex", 1 },
	{ CK_BIRTH_DATE, "Ngày sinh", "Date of birth", 1 },
	{ CK_BIRTH_TIME, "Giờ sinh", "Hour of birth", 0 },
	{ CK_BIRTH_PLACE, "Nơi sinh", "Place of birth", 1 },
	{ CK_PLACE_KIND, "Nơi sinh là", "The place of birth is", 1 },
	{ CK_CERTIFICATE, "Số giấy chứng sinh (NNNNN.GCS.NNNNN.YY)",
	    "Birth certificate code (NNNNN.GCS.NNNNN.YY)", 0 },
	{ CK_MOTHER, "Số định danh cá nhân của mẹ", "Mother's personal number",
	    1 },
	{ CK_FATHER, "Số định danh cá nhân của cha", "Father's personal number",
	    0 },
	{ CK_TAKES_FROM,
	    "Khi cha mẹ khác nhau: quê quán, dân tộc, quốc tịch của trẻ "
	    "theo",
	    "When the parents differ: the child's quê quán, ethnicity and "
	    "nationality follow",
	    0 },
	{ CK_RESIDENCE_WITH,
	    "Đăng ký thường trú cho trẻ tại nơi thường trú của",
	    "Register the child's permanent residence at that of", 0 },
	{ CK_HEALTH_CARD, "Cấp thẻ bảo hiểm y tế cho trẻ",
	    "Issue the child's health-insurance card", 0 },
	{ 0, NULL, NULL, 0 },
};

/* A parent as the database holds them (CV_BIRTH_PARENT); id 0: none. */
struct parent {
	long long id;
	const char *pid;
	const char *name;
	const char *birth_date;
	const char *birth_year;
	const char *sex;
	const char *ethnicity;
	const char *hometown; /* NULL: not held */
	const char *nationality;
	const char *death_date; /* NULL: alive */
	long long household; /* 0: none */
	const char *role; /* in the household */
	const char *commune; /* the current permanent residence, or NULL */
	const char *address;
	const char *residence; /* the address with the commune's name */
};

enum {
	BP_ID,
	BP_PID,
	BP_NAME,
	BP_BIRTH,
	BP_YEAR,
	BP_SEX,
	BP_ETHNICITY,
	BP_HOMETOWN,
	BP_NATIONALITY,
	BP_DEATH,
	BP_HOUSEHOLD,
	BP_ROLE,
	BP_COMMUNE,
	BP_ADDRESS,
	BP_RESIDENCE,
	BP__N
};

/* The parent with this number (or, pid NULL, this id), with their
 * permanent residence on day; p->id 0: none. */
static int
parent_get(struct db *db, struct arena *a, const char *pid, long long id,
    const char *day, struct parent *p)
{
	struct db_param q[] = { DBP_S(day), DBP_S(day), DBP_S(pid) };
	struct db_res res;
	const char *h;
	int rc;

	memset(p, 0, sizeof(*p));
	if (pid == NULL && id == 0)
		return DB_OK;
	if (pid == NULL) {
		q[2].type = DBP_INT;
		q[2].i = id;
	}
	rc = db_exec(db, a, pid != NULL ? CV_BIRTH_PARENT : CV_BIRTH_PARENT_ID,
	    q, 3, &res);
	if (rc != DB_OK || res.nrows != 1)
		return rc;
	p->id = strtoll(DB_CELL(&res, 0, BP_ID), NULL, 10);
	p->pid = DB_CELL(&res, 0, BP_PID);
	p->name = DB_CELL(&res, 0, BP_NAME);
	p->birth_date = DB_CELL(&res, 0, BP_BIRTH);
	p->birth_year = DB_CELL(&res, 0, BP_YEAR);
	p->sex = DB_CELL(&res, 0, BP_SEX);
	p->ethnicity = DB_CELL(&res, 0, BP_ETHNICITY);
	p->hometown = DB_CELL(&res, 0, BP_HOMETOWN);
	p->nationality = DB_CELL(&res, 0, BP_NATIONALITY);
	p->death_date = DB_CELL(&res, 0, BP_DEATH);
	h = DB_CELL(&res, 0, BP_HOUSEHOLD);
	p->household = h != NULL ? strtoll(h, NULL, 10) : 0;
	p->role = DB_CELL(&res, 0, BP_ROLE);
	p->commune = DB_CELL(&res, 0, BP_COMMUNE);
	p->address = DB_CELL(&res, 0, BP_ADDRESS);
	p->residence = DB_CELL(&res, 0, BP_RESIDENCE);
	return DB_OK;
}

/* NULL-safe string equality. */
static int
same(const char *x, const char *y)
{
	return (x == NULL && y == NULL) ||
	    (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* Whether the parents differ in what the child takes from one. */
static int
parents_differ(const struct parent *m, const struct parent *f)
{
	return f->id != 0 &&
	    (!same(m->hometown, f->hometown) ||
	        !same(m->ethnicity, f->ethnicity) ||
	        !same(m->nationality, f->nationality));
}

/* Who a sibling is: a registered child (kind 'c', the citizen's id) or
 * one declared in a pending dossier (kind 'd', the dossier's id). */
struct sibling {
	char kind;
	long long id;
};

/* The mother's other children, registered and, when pending is set,
 * declared in her pending dossiers (arrays from the arena). */
static int
siblings(struct db *db, struct arena *a, long long mother, int pending,
    struct cv_sibling **out, struct sibling **who, size_t *n)
{
	struct db_param p[] = { DBP_I(mother) };
	struct db_res c, d;
	size_t i, k = 0;
	int rc;

	*n = 0;
	memset(&d, 0, sizeof(d));
	if ((rc = db_exec(db, a, CV_BIRTH_CHILDREN, p, 1, &c)) != DB_OK)
		return rc;
	if (pending &&
	    (rc = db_exec(db, a, CV_BIRTH_PENDING, p, 1, &d)) != DB_OK)
		return rc;
	*out = arena_alloc(a, (c.nrows + d.nrows + 1) * sizeof(**out));
	*who = arena_alloc(a, (c.nrows + d.nrows + 1) * sizeof(**who));
	for (i = 0; i < c.nrows + d.nrows; i++, k++) {
		const struct db_res *r = i < c.nrows ? &c : &d;
		size_t row = i < c.nrows ? i : i - c.nrows;

		(*who)[k].kind = i < c.nrows ? 'c' : 'd';
		(*who)[k].id = strtoll(DB_CELL(r, row, 0), NULL, 10);
		(*out)[k].name = DB_CELL(r, row, 1);
		(*out)[k].birth = DB_CELL(r, row, 2);
	}
	*n = k;
	return DB_OK;
}

/*
 * Locks the mother's row: approvals (and clearings) of her children one
 * at a time.  Taken before the transaction's first plain read (the
 * dossier's is a locking one), so the snapshot its later reads see holds
 * every child registered by an approval that held the lock before.  A
 * share lock on her children's links instead would lock the index gaps
 * next to them, where the approval of a neighbouring mother inserts.
 */
static int
mother_lock(struct db *db, struct arena *a, const char *mother)
{
	struct db_param p[] = { DBP_I(strtoll(mother, NULL, 10)) };
	struct db_res res;
	int rc;

	if ((rc = db_exec(db, a, CV_BIRTH_MOTHER_LOCK, p, 1, &res)) != DB_OK)
		return rc;
	return res.nrows == 1 ? DB_OK : DB_ERR;
}

/* The duplicate checks' windows on the day. */
static int
dup_rules(
    struct db *db, struct arena *a, const char *day, struct cv_dup_rules *rules)
{
	int rc;

	if ((rc = cv_rule_int(db, a, "birth_dup_days", day, 0, 3650,
	         &rules->dup_days)) != DB_OK)
		return rc;
	return cv_rule_int(
	    db, a, "birth_dup_twin_days", day, 0, 60, &rules->twin_days);
}

/*
 * Whether the declared child is possibly one of the mother's others:
 * *hold the rule's name (NULL: none), *with the match.
 */
static int
duplicate(struct db *db, struct arena *a, const char *day, long long mother,
    const char *name, const char *birth, int pending, const char **hold,
    struct sibling *with)
{
	struct cv_dup_rules rules;
	struct cv_sibling *sib;
	struct sibling *who;
	size_t n, which;
	int rc;

	*hold = NULL;
	if ((rc = dup_rules(db, a, day, &rules)) != DB_OK ||
	    (rc = siblings(db, a, mother, pending, &sib, &who, &n)) != DB_OK)
		return rc;
	switch (cv_dup_check(a, &rules, name, birth, sib, n, &which)) {
	case CV_DUP_NAME:
		*hold = "similar_name";
		break;
	case CV_DUP_SIBLING:
		*hold = "recent_child";
		break;
	default:
		return DB_OK;
	}
	*with = who[which];
	return DB_OK;
}

/*
 * At the counter while registration is tied to residence: the commune of
 * the parent's residence, the father's when it is the official's own.
 */
static int
counter_commune(
    struct db *db, struct arena *a, struct proc_submit *s, const char **c)
{
	struct parent m, f;
	int rc;

	*c = NULL;
	if ((rc = parent_get(
	         db, a, REQ_S(s->f.r, CK_FATHER), 0, s->today, &f)) != DB_OK)
		return rc;
	if (f.id != 0 && f.commune != NULL &&
	    strcmp(f.commune, s->f.r->official->commune) == 0) {
		*c = f.commune;
		return DB_OK;
	}
	if ((rc = parent_get(
	         db, a, REQ_S(s->f.r, CK_MOTHER), 0, s->today, &m)) != DB_OK)
		return rc;
	*c = m.id != 0 ? m.commune : NULL;
	return DB_OK;
}

/* The declarant's relation, against who they are. */
static void
relation(struct proc_submit *s, const struct parent *m, const struct parent *f)
{
	struct req *r = s->f.r;
	long long rel = r->val[CK_RELATION].i;
	int parent = s->declarant.id == m->id ||
	    (f->id != 0 && s->declarant.id == f->id);

	if (parent != (rel == CR_PARENT))
		req_bad(r, "relation", parent ? "is_parent" : "not_parent");
	else if (rel == CR_SPOUSE || rel == CR_CHILD)
		req_bad(r, "relation", "not_for_birth");
}

/* The payload's yes/no. */
static const char *
flag(int on)
{
	return on ? "1" : "0";
}

/*
 * What the declaration holds once its checks pass: whether it is late,
 * whether it is possibly a duplicate, and the payload the approval reads.
 */
static int
declare(struct db *db, struct arena *a, struct proc_submit *s,
    const struct parent *m, const struct parent *f, const char *takes, int card)
{
	struct req *r = s->f.r;
	const char *birth = REQ_S(r, CK_BIRTH_DATE), *hold;
	const char *with = REQ_S(r, CK_RESIDENCE_WITH);
	struct sibling match;
	long late_days;
	int rc, late;

	/* late: declared more than birth_late_days after the birth */
	if ((rc = cv_rule_int(db, a, "birth_late_days", s->today, 0, 3650,
	         &late_days)) != DB_OK)
		return rc;
	late = s->today_days - r->val[CK_BIRTH_DATE].i > late_days;
	if ((rc = duplicate(db, a, s->today, m->id, REQ_S(r, CK_CHILD_NAME),
	         birth, 1, &hold, &match)) != DB_OK)
		return rc;
	cv_payload_put(s, "child_name", REQ_S(r, CK_CHILD_NAME));
	cv_payload_put(s, "child_sex", REQ_S(r, CK_CHILD_SEX));
	cv_payload_put(s, "birth_date", birth);
	cv_payload_put(s, "birth_time", REQ_S(r, CK_BIRTH_TIME));
	cv_payload_put(s, "birth_place", REQ_S(r, CK_BIRTH_PLACE));
	cv_payload_put(
	    s, "place_kind", cv_place_kinds[r->val[CK_PLACE_KIND].i]);
	cv_payload_put(s, "certificate", REQ_S(r, CK_CERTIFICATE));
	cv_payload_put(s, "mother", arena_printf(a, "%lld", m->id));
	if (f->id != 0)
		cv_payload_put(s, "father", arena_printf(a, "%lld", f->id));
	cv_payload_put(s, "takes_from", takes);
	cv_payload_put(s, "late", flag(late));
	cv_payload_put(s, "residence_with",
	    with != NULL ? cv_parents[r->val[CK_RESIDENCE_WITH].i] : NULL);
	cv_payload_put(s, "health_card", flag(card));
	cv_payload_put(s, "hold", hold);
	if (hold != NULL)
		cv_payload_put(s,
		    match.kind == 'c' ? "hold_citizen" : "hold_dossier",
		    arena_printf(a, "%lld", match.id));
	return 0;
}

/*
 * Online, before anything about the people named: the filer is the
 * mother or the father named (else not_a_parent), and the other parent
 * named, if any, is their spouse as the database holds it (an open
 * marriage, or one a death ended).  A stranger's number, or one nobody
 * has, gets the same relation_not_found, so that a citizen cannot learn
 * from a declaration whether someone exists, has died or is a man; a
 * father not married to the mother declares at the counter, where an
 * official sees the papers.  Returns 0, 1 (refused) or a negative enum
 * db_rc.
 */
static int
online_parents(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *mp = REQ_S(r, CK_MOTHER), *fp = REQ_S(r, CK_FATHER), *other;
	struct cv_citizen o;
	struct db_res res;
	int rc;

	if (strcmp(s->declarant.pid, mp) != 0 &&
	    (fp == NULL || strcmp(s->declarant.pid, fp) != 0))
		return cv_refuse(s, ERR_NOT_PARENT);
	other = strcmp(s->declarant.pid, mp) == 0 ? fp : mp;
	if (other == NULL)
		return 0;
	if ((rc = cv_citizen_get(db, a, other, &o)) != DB_OK)
		return rc;
	if (o.id == 0 || o.id == s->declarant.id)
		return cv_refuse(s, ERR_NOT_RELATED);
	{
		long long d = s->declarant.id;
		struct db_param p[] = { DBP_I(d), DBP_I(o.id), DBP_I(d),
			DBP_I(o.id), DBP_I(d), DBP_I(o.id), DBP_I(d),
			DBP_I(o.id), DBP_I(d), DBP_I(o.id) };

		if ((rc = db_exec(db, a, CV_RELATED, p, 10, &res)) != DB_OK)
			return rc;
	}
	if (res.nrows != 1)
		return DB_ERR;
	if (DB_CELL(&res, 0, CR_SPOUSE) == NULL ||
	    strcmp(DB_CELL(&res, 0, CR_SPOUSE), "1") != 0)
		return cv_refuse(s, ERR_NOT_RELATED);
	return 0;
}

static int
check(struct db *db, struct arena *a, struct proc_submit *s)
{
	struct req *r = s->f.r;
	const char *with = REQ_S(r, CK_RESIDENCE_WITH);
	const char *takes = REQ_S(r, CK_TAKES_FROM);
	struct parent m, f;
	int rc, card;

	if (!s->f.counter && (rc = online_parents(db, a, s)) != 0)
		return rc;
	if ((rc = parent_get(db, a, REQ_S(r, CK_MOTHER), 0, s->today, &m)) !=
	    DB_OK)
		return rc;
	if (m.id == 0)
		return cv_refuse(s, ERR_MOTHER_UNKNOWN);
	if (REQ_S(r, CK_FATHER) != NULL) {
		if ((rc = parent_get(
		         db, a, REQ_S(r, CK_FATHER), 0, s->today, &f)) != DB_OK)
			return rc;
		if (f.id == 0)
			req_bad(r, "father_pid", "unknown_citizen");
		else if (strcmp(f.sex, "M") != 0)
			req_bad(r, "father_pid", "not_male");
	} else
		memset(&f, 0, sizeof(f));
	if (m.death_date != NULL)
		return cv_refuse(s, ERR_MOTHER_DECEASED);
	if (strcmp(m.sex, "F") != 0)
		req_bad(r, "mother_pid", "not_female");
	if (r->val[CK_BIRTH_DATE].i > s->today_days)
		return cv_refuse(s, ERR_BIRTH_FUTURE);
	if (r->val[CK_BIRTH_DATE].i <= valid_days(m.birth_date))
		req_bad(r, "birth_date", "before_mother_birth");
	relation(s, &m, &f);
	if (takes != NULL && r->val[CK_TAKES_FROM].i == CB_FATHER && f.id == 0)
		req_bad(r, "takes_from", "no_father");
	else if (takes == NULL && parents_differ(&m, &f))
		req_bad(r, "takes_from", "parents_differ");
	if (takes == NULL || f.id == 0)
		takes = cv_parents[CB_MOTHER];
	if (with != NULL) {
		const struct parent *home =
		    r->val[CK_RESIDENCE_WITH].i == CB_FATHER ? &f : &m;

		if (home->id == 0)
			req_bad(r, "residence_with", "no_father");
		else if (home->commune == NULL || home->household == 0)
			req_bad(r, "residence_with", "no_permanent_residence");
	}
	card = REQ_S(r, CK_HEALTH_CARD) != NULL &&
	    r->val[CK_HEALTH_CARD].i == CYN_YES;
	/* the registering commune while tied: the commune of a parent's
	 * residence (the one named, when it is the father's) */
	s->commune = m.commune;
	if (f.id != 0 && f.commune != NULL &&
	    ((s->f.counter && strcmp(f.commune, r->official->commune) == 0) ||
	        (!s->f.counter && REQ_S(r, CK_COMMUNE) != NULL &&
	            strcmp(f.commune, REQ_S(r, CK_COMMUNE)) == 0) ||
	        m.commune == NULL))
		s->commune = f.commune;
	if (r->nbad > 0)
		return 0;
	return declare(db, a, s, &m, &f, takes, card);
}

/* Once the dossier exists: its own state, which the view, the checks of
 * later declarations and the approval read. */
static int
created(
    struct db *db, struct arena *a, struct proc_submit *s, const struct form *f)
{
	const char *hc = form_get(f, "hold_citizen");
	const char *hd = form_get(f, "hold_dossier");
	const char *with = form_get(f, "residence_with");
	const char *need[] = { "mother", "child_name", "birth_date", "late",
		"health_card" };
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(*need); i++)
		if (form_get(f, need[i]) == NULL)
			return DB_ERR;
	{
		struct db_param p[] = { DBP_I(s->f.id),
			DBP_I(strtoll(form_get(f, "mother"), NULL, 10)),
			DBP_S(form_get(f, "child_name")),
			DBP_S(form_get(f, "birth_date")),
			DBP_I(atoi(form_get(f, "late"))),
			DBP_SN(form_get(f, "hold")), DBP_SN(hc), DBP_SN(hd),
			DBP_S(with != NULL ? "asked" : "not_asked"),
			DBP_SN(with),
			DBP_S(strcmp(form_get(f, "health_card"), "1") == 0
			        ? "asked"
			        : "not_asked") };

		return db_exec(db, a, CV_BIRTH_OPEN, p, 11, NULL);
	}
}

/* The birth dossier's own state (CV_BIRTH_STATE). */
enum {
	BS_HOLD,
	BS_CLEARED,
	BS_LATE,
	BS_RESIDENCE,
	BS_RESIDENCE_PARENT,
	BS_RESIDENCE_NOTE,
	BS_CARD,
	BS_CHILD_PID,
	BS_BOOK,
	BS_NUMBER,
	BS__N
};

static int
state_get(struct db *db, struct arena *a, long long dossier, int lock,
    struct db_res *res)
{
	struct db_param p[] = { DBP_I(dossier) };

	return db_exec(db, a, lock ? CV_BIRTH_LOCK : CV_BIRTH_STATE, p, 1, res);
}

/* The child's relation to the head of the parent's household. */
static const char *
child_role(const char *parent_role)
{
	if (parent_role == NULL)
		return "thành viên";
	if (strcmp(parent_role, "chủ hộ") == 0 ||
	    strcmp(parent_role, "vợ") == 0 || strcmp(parent_role, "chồng") == 0)
		return "con";
	if (strncmp(parent_role, "con", 3) == 0)
		return "cháu";
	return "thành viên";
}

/* The statements of the residence effect the bundle needs (permres.h):
 * a newborn has no residence to end and joins a household. */
static const struct permres_sql residence_sql = {
	.end = -1,
	.household_new = -1,
	.join = CV_BIRTH_JOIN,
	.insert = CV_BIRTH_RESIDENCE,
};

/* An approval in hand: what the payload says, the parents as they are
 * now, and what it registers. */
struct approval {
	const struct dossier *d;
	const struct form *f;
	const char *now; /* the module's clock */
	const char *today;
	struct parent m, fa;
	const struct parent *from; /* whom the child takes after */
	long long child, record;
	char pid[13];
};

/* Whether the dossier may be registered: not held (or cleared), no
 * child registered since who is possibly this one, the mother alive.
 * Returns 0, a positive enum err, or a negative enum db_rc. */
static int
approvable(struct db *db, struct arena *a, struct approval *ap)
{
	const struct form *f = ap->f;
	const char *mother = form_get(f, "mother"),
	           *fid = form_get(f, "father");
	const char *takes = form_get(f, "takes_from"), *hold;
	struct sibling match;
	struct db_res st;
	int rc;

	/* one approval of the mother's children at a time, so two alike
	 * cannot both pass the checks below */
	if ((rc = mother_lock(db, a, mother)) != DB_OK)
		return rc;
	if ((rc = state_get(db, a, ap->d->id, 1, &st)) != DB_OK)
		return rc;
	if (st.nrows != 1)
		return DB_ERR;
	if (DB_CELL(&st, 0, BS_CLEARED) == NULL) {
		if (DB_CELL(&st, 0, BS_HOLD) != NULL)
			return ERR_BIRTH_HELD;
		/* a child registered since the declaration */
		if ((rc = duplicate(db, a, ap->today, strtoll(mother, NULL, 10),
		         form_get(f, "child_name"), form_get(f, "birth_date"),
		         0, &hold, &match)) != DB_OK)
			return rc;
		if (hold != NULL)
			return ERR_BIRTH_HELD;
	}
	if ((rc = parent_get(db, a, NULL, strtoll(mother, NULL, 10), ap->today,
	         &ap->m)) != DB_OK ||
	    (rc = parent_get(db, a, NULL,
	         fid != NULL ? strtoll(fid, NULL, 10) : 0, ap->today,
	         &ap->fa)) != DB_OK)
		return rc;
	if (ap->m.id == 0 || (fid != NULL && ap->fa.id == 0))
		return DB_ERR;
	if (ap->m.death_date != NULL)
		return ERR_MOTHER_DECEASED;
	ap->from =
	    strcmp(takes, "father") == 0 && ap->fa.id != 0 ? &ap->fa : &ap->m;
	return 0;
}

/* The child, a citizen with a new number and its history. */
static int
child_add(struct db *db, struct arena *a, struct approval *ap)
{
	const char *birth = form_get(ap->f, "birth_date");
	const char *sex = form_get(ap->f, "child_sex");
	int rc;

	if ((rc = cv_pid_assign(
	         db, a, ap->d->commune, birth, sex, ap->now, ap->pid)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S(ap->pid),
			DBP_S(form_get(ap->f, "child_name")), DBP_S(birth),
			DBP_S(sex), DBP_S(ap->from->ethnicity),
			DBP_SN(ap->from->hometown),
			DBP_S(ap->from->nationality) };

		if ((rc = db_exec(db, a, CV_BIRTH_CITIZEN, p, 7, NULL)) !=
		    DB_OK)
			return rc;
		ap->child = (long long)db_insert_id(db);
	}
	if ((rc = cv_pid_bind(db, a, ap->pid, ap->child)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_I(ap->child), DBP_S(ap->pid),
			DBP_S(ap->today) };

		return db_exec(db, a, CV_BIRTH_PID_HISTORY, p, 3, NULL);
	}
}

/* The record, numbered in the commune's birth book of the year, the
 * parent links from it, and its facts. */
static int
record_add(struct db *db, struct arena *a, struct approval *ap)
{
	const struct form *f = ap->f;
	const struct parent *m = &ap->m, *fa = &ap->fa;
	const char *number;
	int rc;

	if ((rc = cv_book_next(
	         db, a, ap->d->commune, "KS", atoi(ap->now), &number)) != DB_OK)
		return rc;
	{
		struct db_param p[] = { DBP_S("birth"), DBP_S("KS"),
			DBP_S(number), DBP_S(ap->d->commune), DBP_I(ap->child),
			DBP_S(form_get(f, "birth_date")),
			DBP_SN(form_get(f, "birth_time")),
			DBP_S(form_get(f, "birth_place")), DBP_S(ap->now),
			DBP_I(ap->d->applicant_id),
			DBP_SN(form_get(f, "relation")), DBP_I(ap->d->id),
			DBP_I(strcmp(form_get(f, "late"), "1") == 0),
			DBP_I(0) };

		if ((rc = db_exec(db, a, CV_RECORD_INSERT, p, 14, NULL)) !=
		    DB_OK)
			return rc;
		ap->record = (long long)db_insert_id(db);
	}
	{
		struct db_param pm[] = { DBP_I(ap->child), DBP_I(m->id),
			DBP_S("mother"), DBP_I(ap->record) };
		struct db_param pf[] = { DBP_I(ap->child), DBP_I(fa->id),
			DBP_S("father"), DBP_I(ap->record) };

		if ((rc = db_exec(db, a, CV_BIRTH_PARENT_LINK, pm, 4, NULL)) !=
		    DB_OK)
			return rc;
		if (fa->id != 0 &&
		    (rc = db_exec(db, a, CV_BIRTH_PARENT_LINK, pf, 4, NULL)) !=
		        DB_OK)
			return rc;
	}
	{
		struct db_param p[] = { DBP_I(ap->record),
			DBP_S(form_get(f, "place_kind")),
			DBP_SN(form_get(f, "certificate")),
			DBP_S(form_get(f, "takes_from")),
			DBP_SN(ap->from->hometown), DBP_S(ap->from->ethnicity),
			DBP_S(ap->from->nationality), DBP_I(m->id),
			DBP_S(m->name), DBP_S(m->birth_year),
			DBP_S(m->ethnicity), DBP_S(m->nationality),
			DBP_SN(m->residence),
			DBP_SN(fa->id != 0 ? arena_printf(a, "%lld", fa->id)
			                   : NULL),
			DBP_SN(fa->name), DBP_SN(fa->birth_year),
			DBP_SN(fa->ethnicity), DBP_SN(fa->nationality),
			DBP_SN(fa->residence) };

		return db_exec(db, a, CV_BIRTH_FACTS, p, 19, NULL);
	}
}

/* The bundle's parts asked, and the dossier's outcome. */
static int
bundle(struct db *db, struct arena *a, struct approval *ap)
{
	const char *with = form_get(ap->f, "residence_with");
	const char *res_state = "not_asked", *res_note = NULL;
	const char *card = "not_asked";
	int rc;

	/* the child's permanent residence at the parent's, in their
	 * household, unless they no longer have one */
	if (with != NULL) {
		const struct parent *home =
		    strcmp(with, "father") == 0 ? &ap->fa : &ap->m;

		if (home->id == 0 || home->commune == NULL ||
		    home->household == 0) {
			res_state = "not_registered";
			res_note = "no_permanent_residence";
		} else {
			struct permres pr;

			pr.citizen = ap->child;
			pr.commune = home->commune;
			pr.address = home->address;
			pr.household = home->household;
			pr.role = child_role(home->role);
			if ((rc = permres_register(
			         db, a, &residence_sql, &pr)) != DB_OK)
				return rc;
			res_state = "registered";
		}
	}
	/* the health-insurance card, for the social-insurance system to
	 * pull */
	if (strcmp(form_get(ap->f, "health_card"), "1") == 0) {
		struct db_param p[] = { DBP_I(ap->child),
			DBP_S(ap->d->commune) };

		if ((rc = db_exec(db, a, CV_BIRTH_CARD, p, 2, NULL)) != DB_OK)
			return rc;
		card = "sent";
	}
	{
		struct db_param p[] = { DBP_I(ap->child), DBP_I(ap->record),
			DBP_S(res_state), DBP_SN(res_note), DBP_S(card),
			DBP_I(ap->d->id) };

		return db_exec(db, a, CV_BIRTH_DONE, p, 6, NULL);
	}
}

/* On approval, in the decision's transaction: all of it, or a refusal
 * (positive) or an error, and nothing written. */
static int
effect(struct db *db, struct arena *a, const struct dossier *d,
    const struct form *f)
{
	static const char *const need[] = { "mother", "child_name", "child_sex",
		"birth_date", "birth_place", "place_kind", "takes_from", "late",
		"health_card" };
	struct approval ap;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(need) / sizeof(*need); i++)
		if (form_get(f, need[i]) == NULL)
			return DB_ERR;
	memset(&ap, 0, sizeof(ap));
	ap.d = d;
	ap.f = f;
	ap.now = dossier_now(a);
	ap.today = arena_strndup(a, ap.now, 10);
	if ((rc = approvable(db, a, &ap)) != 0 ||
	    (rc = child_add(db, a, &ap)) != DB_OK ||
	    (rc = record_add(db, a, &ap)) != DB_OK)
		return rc;
	return bundle(db, a, &ap);
}

/* What the dossier's view adds for a birth: lateness, the hold, the
 * bundle's outcomes and, once registered, the number and the record. */
static int
view(struct db *db, struct arena *a, long long dossier, struct doc *d)
{
	struct db_res st;
	int rc, late;

	if ((rc = state_get(db, a, dossier, 0, &st)) != DB_OK)
		return rc;
	if (st.nrows != 1)
		return DB_OK;
	late = strcmp(DB_CELL(&st, 0, BS_LATE), "1") == 0;
	doc_add_raw(d, "birth", "late", "Đăng ký khai sinh quá hạn",
	    late ? "true" : "false");
	doc_add_raw(
	    d, "birth", "fee_exempt", "Miễn lệ phí", late ? "false" : "true");
	doc_add(d, "birth", "hold", "Tạm dừng: có thể trùng lặp",
	    DB_CELL(&st, 0, BS_HOLD));
	doc_add_raw(d, "birth", "hold_cleared", "Đã xác minh không trùng",
	    DB_CELL(&st, 0, BS_CLEARED) != NULL ? "true" : "false");
	doc_add(d, "birth", "residence", "Đăng ký thường trú cho trẻ",
	    DB_CELL(&st, 0, BS_RESIDENCE));
	doc_add(d, "birth", "residence_with", "Thường trú theo",
	    DB_CELL(&st, 0, BS_RESIDENCE_PARENT));
	doc_add(d, "birth", "residence_note", "Lý do",
	    DB_CELL(&st, 0, BS_RESIDENCE_NOTE));
	doc_add(d, "birth", "health_card", "Cấp thẻ bảo hiểm y tế",
	    DB_CELL(&st, 0, BS_CARD));
	doc_add(d, "birth", "child_pid", "Số định danh cá nhân của trẻ",
	    DB_CELL(&st, 0, BS_CHILD_PID));
	if (DB_CELL(&st, 0, BS_NUMBER) != NULL)
		doc_add(d, "birth", "record_number", "Số đăng ký",
		    arena_printf(a, "%s %s", DB_CELL(&st, 0, BS_BOOK),
		        DB_CELL(&st, 0, BS_NUMBER)));
	return DB_OK;
}

const struct procedure cv_birth = {
	.info = &proc_catalog[PROC_ID_BIRTH],
	.ask = ask,
	.facts = "mother,father:full_name,birth_year,ethnicity,nationality,"
	         "hometown,residence",
	.counter_commune = counter_commune,
	.check = check,
	.created = created,
	.effect = effect,
	.view = view,
};

/* Clears a hold: the official found it no duplicate (reason required). */
static int
clear(struct db *db, struct arena *a, struct dossier *d, struct flow_decide *dc)
{
	struct db_res st;
	int rc;

	if (strcmp(d->procedure, PROC_BIRTH) != 0)
		return flow_refuse(dc, ERR_NOT_FOUND, NULL);
	if (d->state != DS_SUBMITTED && d->state != DS_ACCEPTED)
		return flow_refuse(dc, ERR_STATE, NULL);
	if (dc->reason == NULL) {
		req_bad(dc->r, "reason", "required");
		return flow_refuse(dc, ERR_MISSING_FIELD, NULL);
	}
	if ((rc = state_get(db, a, d->id, 1, &st)) != DB_OK)
		return rc;
	if (st.nrows != 1 || DB_CELL(&st, 0, BS_CLEARED) != NULL)
		return flow_refuse(dc, ERR_STATE, NULL);
	/* not held at its declaration, it may be now: a child registered
	 * since refuses the approval (effect), and the hold is recorded
	 * here with its clearing */
	if (DB_CELL(&st, 0, BS_HOLD) == NULL) {
		const char *mother, *hold;
		struct sibling match;
		struct form f;

		if (flow_payload_parse(a, d->payload, &f) != 0 ||
		    (mother = form_get(&f, "mother")) == NULL ||
		    form_get(&f, "child_name") == NULL ||
		    form_get(&f, "birth_date") == NULL)
			return DB_ERR;
		if ((rc = mother_lock(db, a, mother)) != DB_OK ||
		    (rc = duplicate(db, a, arena_strndup(a, dossier_now(a), 10),
		         strtoll(mother, NULL, 10), form_get(&f, "child_name"),
		         form_get(&f, "birth_date"), 0, &hold, &match)) !=
		        DB_OK)
			return rc;
		if (hold == NULL)
			return flow_refuse(dc, ERR_STATE, NULL);
		{
			struct db_param p[] = { DBP_S(hold), DBP_I(match.id),
				DBP_I(d->id) };

			if ((rc = db_exec(db, a, CV_BIRTH_HOLD, p, 3, NULL)) !=
			    DB_OK)
				return rc;
		}
	}
	{
		struct db_param p[] = { DBP_S(dc->r->user),
			DBP_S(dossier_now(a)), DBP_S(dc->reason),
			DBP_I(d->id) };

		if ((rc = db_exec(db, a, CV_BIRTH_CLEAR, p, 4, NULL)) != DB_OK)
			return rc;
	}
	return dossier_note(db, a, d, dc->r->user,
	    arena_printf(a, "not a duplicate: %s", dc->reason));
}

/* POST /civil/official/dossiers/<receipt>/not-duplicate */
enum err
cv_birth_clear(struct req *r)
{
	struct flow_decide dc;

	memset(&dc, 0, sizeof(dc));
	dc.r = r;
	dc.receipt = REQ_S(r, CK_RECEIPT);
	dc.reason = REQ_S(r, CK_REASON);
	dc.procs = cv_procs;
	dc.nprocs = CP__MAX;
	dc.separation_sql = CV_SEPARATION;
	dc.act = clear;
	return flow_decide(&dc);
}
