/*
 * Every statement of the exchange gateway, prepared once per connection,
 * and the fetchers that read their rows into structs.  Each fetcher names
 * its statement's columns in an enum next to the SQL; ex_shapes tells
 * db_connect() how many parameters and columns each one has, so the two
 * cannot drift apart.  The field groups a right grants are here too: the
 * names are what exchange_right stores.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "exchange.h"

#define P10 "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define P100 \
	P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 ", " P10 \
	    ", " P10 ", " P10

#define CITIZEN_COLS \
	"c.id, c.pid, c.full_name, c.birth_date, c.sex, c.death_date, " \
	"c.marital_status, c.ethnicity, " \
	"c.household_id, c.household_role "

const char *const ex_sql[EXQ__MAX - SQ__MAX] = {
	/* the issuer, when recorded, must match too */
	[EXQ_CLIENT - SQ__MAX] = "SELECT id, name FROM exchange_client "
	                         "WHERE subject_dn = ? AND active = 1 "
	                         "AND (issuer_dn IS NULL OR issuer_dn = ?)",
	[EXQ_RIGHT - SQ__MAX] = "SELECT field_groups FROM exchange_right "
	                        "WHERE client_id = ? AND service = ? "
	                        "AND purpose = ?",
	[EXQ_MSG_INSERT - SQ__MAX] =
	    "INSERT INTO exchange_message (client_id, subject_dn, service, "
	    "message_id, id_owner, wire, received_at, request_sha256, outcome, "
	    "http_status) VALUES (?, ?, ?, ?, 1, ?, NOW(3), ?, 'processing', "
	    "0)",
	[EXQ_MSG_DONE - SQ__MAX] =
	    "UPDATE exchange_message SET response = ?, content_type = ?, "
	    "response_sha256 = ?, outcome = ?, http_status = ? WHERE id = ?",
	[EXQ_MSG_STORED - SQ__MAX] =
	    "SELECT request_sha256, response, content_type, http_status "
	    "FROM exchange_message WHERE client_id = ? AND message_id = ? "
	    "AND id_owner = 1",
	[EXQ_MSG_LOG - SQ__MAX] =
	    "INSERT INTO exchange_message (client_id, subject_dn, service, "
	    "message_id, wire, received_at, request_sha256, response_sha256, "
	    "outcome, http_status) "
	    "VALUES (?, ?, ?, ?, ?, NOW(3), ?, ?, ?, ?)",
	/* a bounded slice of the messages past their retention (walks
	 * exchange_message_time); EX_PURGE_BATCH rows */
	[EXQ_MSG_PURGE - SQ__MAX] =
	    "DELETE FROM exchange_message "
	    "WHERE received_at < NOW(3) - INTERVAL ? DAY "
	    "ORDER BY received_at LIMIT 500",
	[EXQ_CITIZEN - SQ__MAX] =
	    "SELECT " CITIZEN_COLS "FROM citizen c WHERE c.pid = ?",
	[EXQ_CITIZEN_OLD - SQ__MAX] =
	    "SELECT " CITIZEN_COLS "FROM citizen_pid p "
	    "JOIN citizen c ON c.id = p.citizen_id "
	    "WHERE p.number = ? AND p.kind = 'pid'",
	/* permanent sorts before temporary (ENUM order) */
	[EXQ_RES_AT - SQ__MAX] =
	    "SELECT kind, valid_from, valid_to, address FROM residence "
	    "WHERE citizen_id = ? AND commune_code = ? AND valid_from <= ? "
	    "AND (valid_to IS NULL OR valid_to >= ?) ORDER BY kind LIMIT 1",
	[EXQ_RES_CURRENT - SQ__MAX] =
	    "SELECT kind, commune_code, address FROM residence "
	    "WHERE citizen_id = ? AND valid_from <= CURDATE() "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY kind, valid_from DESC",
	[EXQ_CMND - SQ__MAX] =
	    "SELECT number FROM citizen_pid WHERE citizen_id = ? "
	    "AND kind = 'cmnd' ORDER BY valid_from DESC LIMIT 1",
	[EXQ_HEAD - SQ__MAX] = "SELECT pid FROM citizen WHERE household_id = ? "
	                       "AND household_role = 'chủ hộ' LIMIT 1",
	/* a chunk of a batch: every residence valid on the date (2 params)
	 * of up to EX_BATCH_CHUNK citizens */
	[EXQ_BATCH - SQ__MAX] =
	    "SELECT c.id, c.pid, r.commune_code, r.kind FROM citizen c "
	    "LEFT JOIN residence r ON r.citizen_id = c.id "
	    "AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?) "
	    "WHERE c.pid IN (" P100 ")",
	/* the same, by numbers that were replaced (asked only for numbers the
	 * first query did not find) */
	[EXQ_BATCH_OLD - SQ__MAX] =
	    "SELECT c.id, p.number, r.commune_code, r.kind FROM citizen_pid p "
	    "JOIN citizen c ON c.id = p.citizen_id "
	    "LEFT JOIN residence r ON r.citizen_id = c.id "
	    "AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?) "
	    "WHERE p.kind = 'pid' AND p.number <> c.pid AND p.number IN (" P100
	    ")",
	/* the civil-status kinds only for a client whose right grants
	 * ho_tich (the third parameter, 1 or 0) */
	[EXQ_CHANGES - SQ__MAX] =
	    "SELECT cl.id, cl.kind, c.pid, cl.commune_code, "
	    "DATE_FORMAT(cl.at, '%Y-%m-%dT%H:%i:%sZ'), c.id "
	    "FROM change_log cl "
	    "JOIN exchange_subscription s ON s.commune_code = cl.commune_code "
	    "AND s.client_id = ? "
	    "JOIN citizen c ON c.id = cl.citizen_id "
	    "WHERE cl.id > ? AND (? = 1 OR cl.kind IN ('dang_ky_thuong_tru', "
	    "'dang_ky_tam_tru', 'thay_doi_cu_tru', 'cham_dut_cu_tru')) "
	    "ORDER BY cl.id LIMIT ?",
	/* a person is either party of a marriage */
	[EXQ_MARRIAGES - SQ__MAX] =
	    "SELECT married_on, ended_on, end_reason FROM marriage "
	    "WHERE party_a = ? UNION ALL "
	    "SELECT married_on, ended_on, end_reason FROM marriage "
	    "WHERE party_b = ? ORDER BY married_on DESC LIMIT 100",
	/* the father first (ENUM order, descending) */
	[EXQ_PARENTS - SQ__MAX] =
	    "SELECT p.id, l.role, p.pid, p.full_name FROM parent_link l "
	    "JOIN citizen p ON p.id = l.parent_id WHERE l.child_id = ? "
	    "ORDER BY l.role DESC",
};

/* clang-format off */
enum { CL_ID, CL_NAME, CL__N }; /* EXQ_CLIENT, read by client_check() */
enum { RI_GROUPS, RI__N };
enum { MS_REQUEST_SHA256, MS_RESPONSE, MS_CTYPE, MS_STATUS, MS__N };
enum { CI_ID, CI_PID, CI_NAME, CI_BIRTH, CI_SEX, CI_DEATH, CI_MARITAL,
	CI_ETHNICITY, CI_HOUSEHOLD, CI_ROLE, CI__N };
enum { RA_KIND, RA_SINCE, RA_UNTIL, RA_ADDRESS, RA__N };
enum { RC_KIND, RC_COMMUNE, RC_ADDRESS, RC__N };
enum { BA_CID, BA_PID, BA_COMMUNE, BA_KIND, BA__N };
enum { CH_ID, CH_KIND, CH_PID, CH_COMMUNE, CH_AT, CH_CID, CH__N };
enum { MA_MARRIED, MA_ENDED, MA_REASON, MA__N };
enum { PA_ID, PA_ROLE, PA_PID, PA_NAME, PA__N };

#define BATCH_PARAMS (2 + EX_BATCH_CHUNK) /* the day twice, the numbers */

const struct sql_shape ex_shapes[] = {
	{ EXQ_CLIENT, 2, CL__N },
	{ EXQ_RIGHT, 3, RI__N },
	{ EXQ_MSG_INSERT, 6, 0 },
	{ EXQ_MSG_DONE, 6, 0 },
	{ EXQ_MSG_STORED, 2, MS__N },
	{ EXQ_MSG_LOG, 9, 0 },
	{ EXQ_MSG_PURGE, 1, 0 },
	{ EXQ_CITIZEN, 1, CI__N },
	{ EXQ_CITIZEN_OLD, 1, CI__N },
	{ EXQ_RES_AT, 4, RA__N },
	{ EXQ_RES_CURRENT, 1, RC__N },
	{ EXQ_CMND, 1, 1 },
	{ EXQ_HEAD, 1, 1 },
	{ EXQ_BATCH, BATCH_PARAMS, BA__N },
	{ EXQ_BATCH_OLD, BATCH_PARAMS, BA__N },
	{ EXQ_CHANGES, 4, CH__N },
	{ EXQ_MARRIAGES, 2, MA__N },
	{ EXQ_PARENTS, 1, PA__N },
	{ -1, 0, 0 },
};

const struct ex_group_name ex_groups[EXG__MAX] = {
	[EXG_BASIC] = { "co_ban", "name, sex and date of birth" },
	[EXG_PERSONAL] = { "nhan_than", "ethnicity, old identity card number" },
	[EXG_RESIDENCE] = { "cu_tru", "permanent and current residence" },
	[EXG_HOUSEHOLD] = { "ho_gia_dinh", "head of household, relation to them" },
	[EXG_PARENTS] = { "cha_me", "the parents' personal numbers and names" },
	[EXG_CIVIL] = { "ho_tich", "marital status and since when, date of death" },
};
/* clang-format on */

#define CELL(res, row, col) DB_CELL(res, row, col)

enum ex_group
ex_group_named(const char *name)
{
	int g;

	for (g = 0; g < EXG__MAX; g++)
		if (strcmp(name, ex_groups[g].name) == 0)
			return (enum ex_group)g;
	return EXG__MAX;
}

unsigned
ex_groups_parse(const char *list)
{
	unsigned set = 0;
	const char *p = list, *end;
	int g;

	while (p != NULL && *p != '\0') {
		size_t n;

		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		for (g = 0; g < EXG__MAX; g++)
			if (strncmp(p, ex_groups[g].name, n) == 0 &&
			    ex_groups[g].name[n] == '\0')
				set |= 1u << g;
		p = end != NULL ? end + 1 : NULL;
	}
	return set;
}

int
ex_right_get(struct db *db, struct arena *a, long long client,
    const char *service, const char *purpose, struct ex_right *rt)
{
	struct db_param p[] = { DBP_I(client), DBP_S(service), DBP_S(purpose) };
	struct db_res res;
	int rc;

	memset(rt, 0, sizeof(*rt));
	if ((rc = db_exec(db, a, EXQ_RIGHT, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows == 0)
		return DB_OK;
	rt->found = 1;
	rt->groups = ex_groups_parse(CELL(&res, 0, RI_GROUPS));
	return DB_OK;
}

int
ex_stored_get(struct db *db, struct arena *a, long long client,
    const char *msgid, struct ex_stored *st)
{
	struct db_param p[] = { DBP_I(client), DBP_S(msgid) };
	struct db_res res;
	int rc;

	memset(st, 0, sizeof(*st));
	if ((rc = db_exec(db, a, EXQ_MSG_STORED, p, 2, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	st->found = 1;
	st->request_sha256 = CELL(&res, 0, MS_REQUEST_SHA256);
	st->response = CELL(&res, 0, MS_RESPONSE);
	st->content_type = CELL(&res, 0, MS_CTYPE);
	st->http_status = atoi(CELL(&res, 0, MS_STATUS));
	return DB_OK;
}

int
ex_citizen_get(
    struct db *db, struct arena *a, const char *pid, struct ex_citizen *c)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, EXQ_CITIZEN, p, 1, &res)) != DB_OK)
		return rc;
	/* a number that was replaced still finds its holder */
	if (res.nrows == 0 &&
	    (rc = db_exec(db, a, EXQ_CITIZEN_OLD, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->id = strtoll(CELL(&res, 0, CI_ID), NULL, 10);
	c->pid = CELL(&res, 0, CI_PID);
	c->full_name = CELL(&res, 0, CI_NAME);
	c->birth_date = CELL(&res, 0, CI_BIRTH);
	c->sex = CELL(&res, 0, CI_SEX);
	c->death_date = CELL(&res, 0, CI_DEATH);
	c->marital_status = CELL(&res, 0, CI_MARITAL);
	c->ethnicity = CELL(&res, 0, CI_ETHNICITY);
	if (CELL(&res, 0, CI_HOUSEHOLD) != NULL)
		c->household = strtoll(CELL(&res, 0, CI_HOUSEHOLD), NULL, 10);
	c->household_role = CELL(&res, 0, CI_ROLE);
	return DB_OK;
}

int
ex_residence_at_get(struct db *db, struct arena *a, long long cid,
    const char *commune, const char *day, struct ex_residence_at *ra)
{
	struct db_param p[] = { DBP_I(cid), DBP_S(commune), DBP_S(day),
		DBP_S(day) };
	struct db_res res;
	int rc;

	memset(ra, 0, sizeof(*ra));
	if ((rc = db_exec(db, a, EXQ_RES_AT, p, 4, &res)) != DB_OK)
		return rc;
	if (res.nrows == 0)
		return DB_OK;
	ra->found = 1;
	ra->permanent = strcmp(CELL(&res, 0, RA_KIND), "permanent") == 0;
	ra->since = CELL(&res, 0, RA_SINCE);
	ra->until = CELL(&res, 0, RA_UNTIL);
	ra->address = CELL(&res, 0, RA_ADDRESS);
	return DB_OK;
}

int
ex_residences_get(struct db *db, struct arena *a, long long cid,
    struct ex_residence **out, size_t *n)
{
	struct db_param p[] = { DBP_I(cid) };
	struct ex_residence *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, EXQ_RES_CURRENT, p, 1, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].permanent =
		    strcmp(CELL(&res, i, RC_KIND), "permanent") == 0;
		v[i].commune = CELL(&res, i, RC_COMMUNE);
		v[i].address = CELL(&res, i, RC_ADDRESS);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
ex_cmnd_get(struct db *db, struct arena *a, long long cid, const char **number)
{
	struct db_param p[] = { DBP_I(cid) };
	struct db_res res;
	int rc;

	*number = NULL;
	if ((rc = db_exec(db, a, EXQ_CMND, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*number = CELL(&res, 0, 0);
	return DB_OK;
}

int
ex_head_get(
    struct db *db, struct arena *a, long long household, const char **pid)
{
	struct db_param p[] = { DBP_I(household) };
	struct db_res res;
	int rc;

	*pid = NULL;
	if ((rc = db_exec(db, a, EXQ_HEAD, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*pid = CELL(&res, 0, 0);
	return DB_OK;
}

/* Room in hs for n more rows: doubling, from the arena. */
static void
held_grow(struct arena *a, struct ex_heldset *hs, size_t n)
{
	struct ex_held *bigger;

	if (hs->n + n <= hs->cap)
		return;
	if (hs->cap == 0)
		hs->cap = 256;
	while (hs->cap < hs->n + n)
		hs->cap *= 2;
	bigger = arena_alloc(a, hs->cap * sizeof(*bigger));
	if (hs->n > 0)
		memcpy(bigger, hs->rows, hs->n * sizeof(*bigger));
	hs->rows = bigger;
}

int
ex_batch_get(struct db *db, struct arena *a, int replaced, const char *day,
    const char *const *pids, size_t n, struct ex_heldset *hs)
{
	struct db_param p[BATCH_PARAMS];
	struct db_res res;
	struct ex_held *h;
	size_t q, r;
	int rc;

	if (n == 0)
		return DB_OK;
	if (n > EX_BATCH_CHUNK)
		return DB_ERR;
	p[0] = (struct db_param)DBP_S(day);
	p[1] = (struct db_param)DBP_S(day);
	for (q = 0; q < EX_BATCH_CHUNK; q++) /* the last one repeats */
		p[2 + q] = (struct db_param)DBP_S(pids[q < n ? q : n - 1]);
	rc = db_exec(
	    db, a, replaced ? EXQ_BATCH_OLD : EXQ_BATCH, p, BATCH_PARAMS, &res);
	if (rc != DB_OK)
		return rc;
	held_grow(a, hs, res.nrows);
	for (r = 0; r < res.nrows; r++) {
		h = &hs->rows[hs->n++];
		h->cid = strtoll(CELL(&res, r, BA_CID), NULL, 10);
		h->pid = CELL(&res, r, BA_PID);
		h->commune = CELL(&res, r, BA_COMMUNE);
		h->kind = CELL(&res, r, BA_KIND);
	}
	return DB_OK;
}

int
ex_changes_get(struct db *db, struct arena *a, long long client, int civil,
    long long cursor, long limit, struct ex_change **out, size_t *n)
{
	struct db_param p[] = { DBP_I(client), DBP_I(cursor),
		DBP_I(civil ? 1 : 0), DBP_I(limit) };
	struct ex_change *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, EXQ_CHANGES, p, 4, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].id = strtoll(CELL(&res, i, CH_ID), NULL, 10);
		v[i].kind = CELL(&res, i, CH_KIND);
		v[i].pid = CELL(&res, i, CH_PID);
		v[i].commune = CELL(&res, i, CH_COMMUNE);
		v[i].at = CELL(&res, i, CH_AT);
		v[i].cid = strtoll(CELL(&res, i, CH_CID), NULL, 10);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
ex_marriages_get(struct db *db, struct arena *a, long long citizen,
    struct ex_marriage **out, size_t *n)
{
	struct db_param p[] = { DBP_I(citizen), DBP_I(citizen) };
	struct ex_marriage *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, EXQ_MARRIAGES, p, 2, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].married_on = CELL(&res, i, MA_MARRIED);
		v[i].ended_on = CELL(&res, i, MA_ENDED);
		v[i].end_reason = CELL(&res, i, MA_REASON);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
ex_parents_get(struct db *db, struct arena *a, long long citizen,
    struct ex_parent **out, size_t *n)
{
	struct db_param p[] = { DBP_I(citizen) };
	struct ex_parent *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, EXQ_PARENTS, p, 1, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++) {
		v[i].id = strtoll(CELL(&res, i, PA_ID), NULL, 10);
		v[i].father = strcmp(CELL(&res, i, PA_ROLE), "father") == 0;
		v[i].pid = CELL(&res, i, PA_PID);
		v[i].full_name = CELL(&res, i, PA_NAME);
	}
	*out = v;
	*n = res.nrows;
	return DB_OK;
}
