/*
 * VerifyCivilStatus: was person X alive on date D (today when absent),
 * and what was their marital status then?  Answered from the database, so
 * a bank, a land office or an embassy need not ask the citizen for a
 * paper.  KetQua says whether the person was alive on the day (yes), had
 * died by then (no), or cannot be answered (unknown, with LyDo: not
 * found, another person described, a day before their birth).
 *
 * The marital status today is the citizen's own (citizen.marital_status);
 * on a past day it comes from their marriages, each from its registration
 * to its end (a divorce or a death).  Where the database does not know,
 * the answer says so (khong_ro): it never guesses.  The date of death and
 * the day the status began are shown only to a client whose right grants
 * the ho_tich field group.  The person found gets an access-log row
 * naming the client and the purpose, as every service's do.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "db.h"
#include "receipt.h"
#include "xml.h"
#include "exchange.h"

/* The TinhTrangHonNhan code of a citizen.marital_status value. */
static const char *
status_code(const char *held)
{
	static const struct {
		const char *held, *code;
	} codes[] = {
		{ "single", "chua_ket_hon" },
		{ "married", "dang_co_vo_chong" },
		{ "divorced", "da_ly_hon" },
		{ "widowed", "vo_chong_da_chet" },
	};
	size_t i;

	for (i = 0; held != NULL && i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(held, codes[i].held) == 0)
			return codes[i].code;
	return "khong_ro";
}

/* The status a marriage's end leaves a living party in. */
static const char *
end_code(const char *reason)
{
	if (reason != NULL && strcmp(reason, "divorce") == 0)
		return "da_ly_hon";
	if (reason != NULL && strcmp(reason, "death") == 0)
		return "vo_chong_da_chet";
	return "khong_ro";
}

/*
 * For a person alive on day, with their marriages m (latest first):
 * today, the status held and, from the marriages, since when; on a past
 * day, the marriage that held then (married), else the latest that had
 * ended by then (divorced or widowed), else single when the status held
 * is known and either is single or came with marriages all after the day
 * (single before the first); else not known.
 */
void
ex_marital_on(const struct ex_citizen *cz, const struct ex_marriage *m,
    size_t n, const char *day, const char *today, struct ex_marital *ms)
{
	const struct ex_marriage *ended = NULL;
	size_t i;

	ms->status = "khong_ro";
	ms->since = NULL;
	if (strcmp(day, today) >= 0) {
		ms->status = status_code(cz->marital_status);
		for (i = 0; i < n; i++) {
			if (strcmp(ms->status, "dang_co_vo_chong") == 0 &&
			    m[i].ended_on == NULL) {
				ms->since = m[i].married_on;
				break;
			}
			if (m[i].ended_on != NULL &&
			    strcmp(ms->status, end_code(m[i].end_reason)) ==
			        0 &&
			    (ms->since == NULL ||
			        strcmp(m[i].ended_on, ms->since) > 0))
				ms->since = m[i].ended_on;
		}
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].married_on, day) > 0)
			continue;
		if (m[i].ended_on == NULL || strcmp(m[i].ended_on, day) > 0) {
			ms->status = "dang_co_vo_chong";
			ms->since = m[i].married_on;
			return;
		}
		if (ended == NULL || strcmp(m[i].ended_on, ended->ended_on) > 0)
			ended = &m[i];
	}
	if (ended != NULL) {
		ms->status = end_code(ended->end_reason);
		if (strcmp(ms->status, "khong_ro") != 0)
			ms->since = ended->ended_on;
		return;
	}
	if (cz->marital_status != NULL &&
	    (strcmp(cz->marital_status, "single") == 0 || n > 0))
		ms->status = "chua_ket_hon";
}

int
ex_civil(struct db *db, struct arena *a, struct ex_call *c)
{
	const char *pid = ex_text(c, "SoDinhDanh");
	struct ex_identity id;
	struct ex_citizen cz;
	struct ex_marriage *m;
	struct ex_marital ms;
	char day[11], today[11];
	size_t n;
	int rc, kind;

	receipt_today(today);
	if ((kind = ex_date(c, day)) < 0) {
		c->fault = EXF_SCHEMA;
		return 1;
	}
	if (strcmp(day, today) > 0) {
		/* this year, asked as a year alone, is asked as of today */
		if (kind != 1 || strncmp(day, today, 4) != 0) {
			c->fault = EXF_DATE_FUTURE;
			return 1;
		}
		memcpy(day, today, sizeof(day));
	}
	if ((rc = ex_citizen_get(db, a, pid, &cz)) != DB_OK)
		return rc;
	if (cz.id == 0) {
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "not_found");
		ex_add(c->out, "NgayKiemTra", day);
		return 0;
	}
	ex_read(c, &cz.id, 1, "civil_status");
	if (ex_identity_check(c, &cz, &id)) {
		/* the number is not the person described: say nothing more */
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "identity_mismatch");
		ex_add(c->out, "NgayKiemTra", day);
		ex_identity_add(c, &id);
		return 0;
	}
	if (strcmp(day, cz.birth_date) < 0) {
		ex_add(c->out, "KetQua", "unknown");
		ex_add(c->out, "LyDo", "before_birth");
		ex_add(c->out, "NgayKiemTra", day);
		ex_identity_add(c, &id);
		return 0;
	}
	if (cz.death_date != NULL && strcmp(cz.death_date, day) <= 0) {
		ex_add(c->out, "KetQua", "no");
		ex_add(c->out, "NgayKiemTra", day);
		if (ex_has_group(c, EXG_CIVIL))
			ex_add(c->out, "NgayMat", cz.death_date);
		ex_identity_add(c, &id);
		return 0;
	}
	if ((rc = ex_marriages_get(db, a, cz.id, &m, &n)) != DB_OK)
		return rc;
	ex_marital_on(&cz, m, n, day, today, &ms);
	ex_add(c->out, "KetQua", "yes");
	ex_add(c->out, "NgayKiemTra", day);
	ex_add(c->out, "TinhTrangHonNhan", ms.status);
	if (ms.since != NULL && ex_has_group(c, EXG_CIVIL))
		ex_add(c->out, "TuNgay", ms.since);
	ex_identity_add(c, &id);
	return 0;
}
