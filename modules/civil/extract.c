/*
 * Copy extracts of civil-status records (trích lục, procedure 2.000635),
 * issued at once from the database.
 *
 * A signed-on citizen asks for an extract of their own birth or marriage
 * record, or of the death record of a relative: a parent or a child
 * (parent_link) or a spouse (marriage).  Asked about anyone else, or about
 * someone else's birth or marriage, the answer is "not found", the same
 * as for a number nobody has: a 403 would tell the asker that the number
 * is a person's.  An official of any commune may issue one for anyone
 * (Law 60/2014 Art. 63: regardless of residence), stating the purpose;
 * that is a read of personal data by an official, recorded in the access
 * log in the same transaction as the extract, so no row, no read.
 *
 * The paper's name is the civil rule's on the day of issue (paper_birth,
 * paper_marriage, paper_death), by the module's clock, and is kept with
 * the extract.  An extract never goes void when the person's status
 * changes: it is a copy of an event that was registered, and a later
 * divorce or death does not undo the marriage or the birth it records.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "civil.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "paper.h"
#include "procedure.h"
#include "resp.h"
#include "text.h"
#include "token.h"

const char *const cv_record_kinds[CX__MAX + 1] = {
	[CX_BIRTH] = "birth",
	[CX_MARRIAGE] = "marriage",
	[CX_DEATH] = "death",
	[CX__MAX] = NULL,
};

/* The rule naming each kind's paper, and the kind in words. */
static const struct {
	const char *rule, *vi;
} kinds[CX__MAX] = {
	[CX_BIRTH] = { "paper_birth", "Khai sinh" },
	[CX_MARRIAGE] = { "paper_marriage", "Kết hôn" },
	[CX_DEATH] = { "paper_death", "Khai tử" },
};

struct issue {
	struct paper_issue out;
	struct req *r;
	int official; /* issued by an official, for anyone */
	const char *key;
	int kind; /* enum cv_record_kind */
};

/* Whom the extract is about (*subject) and, for a citizen, how they are
 * related to the asker (*relation: "self", "parent", ...), applicant:
 * whose dossier it is.  Returns 1 with is->out.why set when refused. */
static int
subject(struct db *db, struct arena *a, struct issue *is, struct cv_citizen *s,
    long long *applicant, const char **relation)
{
	struct req *r = is->r;
	const char *pid = REQ_S(r, CK_PID);
	struct cv_citizen me;
	int rc;

	*relation = NULL;
	if (is->official) {
		if ((rc = cv_citizen_get(db, a, pid, s)) != DB_OK)
			return rc;
		if (s->id == 0) {
			is->out.why = ERR_UNKNOWN_CITIZEN;
			return 1;
		}
		*applicant = s->id;
		return DB_OK;
	}
	if ((rc = cv_citizen_get(db, a, r->citizen, &me)) != DB_OK)
		return rc;
	if (me.id == 0) {
		is->out.why = ERR_UNKNOWN_CITIZEN;
		return 1;
	}
	*applicant = me.id;
	if (pid == NULL || strcmp(pid, me.pid) == 0) {
		*s = me;
		*relation = "self";
		return DB_OK;
	}
	/* another person: only a relative's death */
	if (is->kind != CX_DEATH) {
		is->out.why = ERR_NOT_FOUND;
		return 1;
	}
	if ((rc = cv_citizen_get(db, a, pid, s)) != DB_OK)
		return rc;
	if (s->id != 0 &&
	    (rc = cv_relative(db, a, me.id, s->id, relation)) != DB_OK)
		return rc;
	if (*relation == NULL) {
		is->out.why = ERR_NOT_FOUND;
		return 1;
	}
	return DB_OK;
}

static int
issue_txn(struct db *db, struct arena *a, void *arg)
{
	struct issue *is = arg;
	struct req *r = is->r;
	struct cv_paper pp;
	struct cv_citizen s;
	const char *now, *paper, *relation, *commune;
	long long applicant, record;
	int rc;

	if ((rc = subject(db, a, is, &s, &applicant, &relation)) != DB_OK)
		return rc;
	if ((rc = cv_paper_by_key(db, a, CV_EXTRACT_BY_KEY, applicant,
	         PROC_EXTRACT, is->key, &is->out.code)) != DB_OK)
		return rc;
	if (is->out.code != NULL) {
		is->out.replay = 1;
		goto read;
	}
	if ((rc = cv_record_find(db, a, cv_record_kinds[is->kind], s.id,
	         &record, &commune)) != DB_OK)
		return rc;
	if (record == 0) {
		is->out.why = ERR_NO_RECORD;
		return 1;
	}
	now = dossier_now(a);
	if ((rc = cv_rule(db, a, kinds[is->kind].rule, now, &paper)) != DB_OK)
		return rc;

	/* the official's commune issues it at the counter; online, the
	 * registry that holds the record */
	memset(&pp, 0, sizeof(pp));
	pp.proc = PROC_ID_EXTRACT;
	pp.commune = is->official ? r->official->commune : commune;
	pp.applicant = applicant;
	pp.counter = is->official;
	pp.key = is->key;
	pp.basis = "record held by the civil-status database";
	if ((rc = cv_paper_dossier(db, a, r, now, &pp)) != DB_OK)
		return rc;
	{
		struct db_param p[] = {
			DBP_S(pp.code),
			DBP_I(pp.dossier),
			DBP_S(pp.receipt),
			DBP_S(paper),
			DBP_S(is->official ? "official" : "citizen"),
			DBP_I(is->official ? r->official->id : applicant),
			DBP_SN(relation),
			DBP_SN(REQ_S(r, CK_READ_PURPOSE)),
			DBP_S(now),
			DBP_I(s.id),
			DBP_I(record),
		};
		if ((rc = db_exec(db, a, CV_EXTRACT_INSERT, p, 11, NULL)) !=
		    DB_OK)
			return rc;
	}
	is->out.code = arena_strdup(a, pp.code);
read:
	/* every answer showing an official the record is a read, the
	 * retry of the same key too */
	if (is->official) {
		struct audit_read ar;

		memset(&ar, 0, sizeof(ar));
		ar.actor_kind = "official";
		ar.actor = r->user;
		ar.citizen_id = s.id;
		ar.fields =
		    arena_printf(a, "civil_record.%s,full_name,birth_date,sex",
		        cv_record_kinds[is->kind]);
		ar.purpose = REQ_S(r, CK_READ_PURPOSE);
		ar.request_id = r->id;
		return audit_record(db, a, &ar);
	}
	return 0;
}

/* Renders the extract with code as the answer, with the given status. */
static enum err
render(struct req *r, const char *code, int status)
{
	struct cv_extract e;
	struct doc d;
	const char *url, *kind_vi = NULL;
	size_t i;
	int rc;

	if ((rc = cv_extract_get(r->db, &r->arena, code, &e)) != DB_OK)
		return db_err(rc);
	if (e.code == NULL)
		return ERR_NOT_FOUND;
	for (i = 0; i < CX__MAX; i++)
		if (strcmp(cv_record_kinds[i], e.kind) == 0)
			kind_vi = kinds[i].vi;
	url = arena_printf(&r->arena, "%s/civil/extracts/%s",
	    conf_get(r->conf, "public_url", ""), code);

	doc_init(&d, "extract", e.paper);
	/* a copy of a registered event: it does not lapse */
	doc_add(&d, NULL, "status", NULL, "valid");
	doc_add(&d, NULL, "paper", "Tên giấy tờ", e.paper);
	doc_add(&d, NULL, "kind", NULL, e.kind);
	doc_add(&d, NULL, "kind_vi", "Sự kiện hộ tịch", kind_vi);
	doc_add(&d, NULL, "verification_code", "Mã xác thực", code);
	doc_add(&d, NULL, "verify_url", "Địa chỉ kiểm tra", url);
	doc_add(&d, NULL, "receipt_code", "Mã hồ sơ", e.receipt);
	doc_add(&d, NULL, "issued_at", "Ngày cấp", e.issued_at);
	doc_add(&d, "person", "full_name", "Họ và tên", e.full_name);
	doc_add(&d, "person", "pid", "Số định danh cá nhân",
	    text_mask_pid(&r->arena, e.pid));
	doc_add(&d, "person", "birth_date", "Ngày sinh", e.birth_date);
	doc_add(&d, "person", "sex", "Giới tính", e.sex);
	if (e.other_name != NULL) {
		doc_add(&d, "spouse", "full_name", "Họ và tên", e.other_name);
		doc_add(&d, "spouse", "pid", "Số định danh cá nhân",
		    text_mask_pid(&r->arena, e.other_pid));
	}
	doc_add(&d, "record", "book", "Quyển số", e.book);
	doc_add(&d, "record", "number", "Số", e.number);
	doc_add(&d, "record", "event_date", "Ngày xảy ra", e.event_date);
	doc_add(&d, "record", "event_place", "Nơi xảy ra", e.event_place);
	doc_add(&d, "record", "registered_at", "Ngày đăng ký", e.registered_at);
	doc_add(&d, "record", "commune_code", "Mã xã/phường", e.commune);
	doc_add(&d, "record", "commune", "Nơi đăng ký", e.commune_name);
	resp_doc(r, status, &d);
	return ERR_OK;
}

static enum err
issue(struct req *r, int official)
{
	struct issue is;

	memset(&is, 0, sizeof(is));
	is.r = r;
	is.official = official;
	is.key = REQ_S(r, CK_IDEM);
	is.kind = (int)r->val[CK_KIND].i;
	return paper_issue(
	    r, issue_txn, &is, &is.out, "/civil/extracts", render);
}

enum err
cv_extract_citizen(struct req *r)
{
	return issue(r, 0);
}

enum err
cv_extract_official(struct req *r)
{
	return issue(r, 1);
}

enum err
cv_extract_verify(struct req *r)
{
	return render(r, REQ_S(r, CK_VCODE), 200);
}
