/*
 * Every statement of the residence module, prepared once per connection,
 * and the fetchers that read their rows into structs.  Each fetcher names
 * its statement's columns in an enum next to the SQL; rs_shapes tells
 * db_connect() how many parameters and columns each one has, so the two
 * cannot drift apart.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dossier.h"
#include "flow.h"
#include "permres.h"
#include "residence.h"

/* Current residence rows with the commune's current name. */
#define RESIDENCE_COLS \
	"r.kind, r.commune_code, COALESCE(u.full_name, ''), " \
	"COALESCE(p.full_name, ''), r.address, r.valid_from, r.valid_to "
#define RESIDENCE_NAMES \
	"LEFT JOIN admin_unit u ON u.level = 'commune' " \
	"AND u.code = r.commune_code AND u.valid_to IS NULL " \
	"LEFT JOIN admin_unit p ON p.level = 'province' " \
	"AND p.code = u.province_code AND p.valid_to IS NULL "
#define RESIDENCE_CURRENT \
	"r.valid_from <= CURDATE() " \
	"AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) "
#define CITIZEN_COLS "id, pid, full_name, birth_date, sex, residence_version"
#define CURRENT_RESIDENCES \
	"SELECT " RESIDENCE_COLS "FROM residence r " RESIDENCE_NAMES \
	"WHERE r.citizen_id = ? AND " RESIDENCE_CURRENT \
	"ORDER BY r.kind, r.valid_from DESC"

const char *const rs_sql[RS__MAX - SQ__MAX] = {
	[RS_CITIZEN - SQ__MAX] =
	    "SELECT " CITIZEN_COLS " FROM citizen WHERE pid = ?",
	[RS_RESIDENCES - SQ__MAX] = CURRENT_RESIDENCES,
	/* the citizen's columns on every residence row, on one row with
	 * NULLs when there is none */
	[RS_CITIZEN_RESIDENCES - SQ__MAX] =
	    "SELECT z.id, z.pid, z.full_name, z.birth_date, z.sex, "
	    "z.residence_version, " RESIDENCE_COLS "FROM citizen z "
	    "LEFT JOIN residence r ON r.citizen_id = z.id "
	    "AND " RESIDENCE_CURRENT RESIDENCE_NAMES "WHERE z.pid = ? "
	    "ORDER BY r.kind, r.valid_from DESC",
	[RS_CONFIRM_BY_KEY - SQ__MAX] =
	    "SELECT c.code FROM dossier d "
	    "JOIN confirmation c ON c.dossier_id = d.id "
	    "WHERE d.applicant_id = ? AND d.procedure_code = ? "
	    "AND d.idempotency_key = ?",
	/* the facts as of today, commune names included */
	[RS_CONFIRM_INSERT - SQ__MAX] =
	    "INSERT INTO confirmation (code, dossier_id, receipt_code, "
	    "citizen_id, residence_version, full_name, pid, birth_date, sex, "
	    "perm_commune, perm_commune_name, perm_address, perm_since, "
	    "temp_commune, temp_commune_name, temp_address, temp_until, "
	    "issued_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "(SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL), ?, ?, ?, "
	    "(SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL), ?, ?, NOW(), "
	    "NOW() + INTERVAL ? DAY)",
	/* the verification: one row by a unique key, and the citizen's
	 * current residence version by primary key */
	[RS_CONFIRM_BY_CODE - SQ__MAX] =
	    "SELECT c.code, c.receipt_code, c.full_name, c.pid, c.birth_date, "
	    "c.sex, c.perm_commune, COALESCE(c.perm_commune_name, ''), "
	    "c.perm_address, c.perm_since, c.temp_commune, "
	    "COALESCE(c.temp_commune_name, ''), c.temp_address, c.temp_until, "
	    "DATE_FORMAT(c.issued_at, '%Y-%m-%dT%H:%i:%s'), "
	    "DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%s'), "
	    "c.expires_at < NOW(), z.residence_version <> c.residence_version "
	    "FROM confirmation c JOIN citizen z ON z.id = c.citizen_id "
	    "WHERE c.code = ?",
	[RS_COMMUNE - SQ__MAX] =
	    "SELECT full_name FROM admin_unit WHERE level = 'commune' "
	    "AND code = ? AND valid_to IS NULL",
	/* the current temporary residence, newest first */
	[RS_CURRENT_TEMP - SQ__MAX] =
	    "SELECT id, commune_code, DATE_FORMAT(valid_to, '%Y-%m-%d') "
	    "FROM residence WHERE citizen_id = ? AND kind = 'temporary' "
	    "AND valid_from <= CURDATE() AND valid_to >= CURDATE() "
	    "ORDER BY valid_to DESC LIMIT 1",
	[RS_END_PERMANENT - SQ__MAX] = PERMRES_END_SQL,
	[RS_INSERT_RESIDENCE - SQ__MAX] = PERMRES_INSERT_SQL,
	[RS_EXTEND - SQ__MAX] =
	    "UPDATE residence SET valid_to = ? WHERE id = ? AND citizen_id = ? "
	    "AND kind = 'temporary'",
	[RS_HOUSEHOLD_OF - SQ__MAX] =
	    "SELECT household_id FROM citizen WHERE pid = ?",
	[RS_HOUSEHOLD_NEW - SQ__MAX] = PERMRES_HOUSEHOLD_NEW_SQL,
	[RS_JOIN_HOUSEHOLD - SQ__MAX] = PERMRES_JOIN_SQL,
	[RS_ABSENCE - SQ__MAX] =
	    "INSERT INTO absence (citizen_id, dossier_id, valid_from, "
	    "valid_to, "
	    "destination, reason) VALUES (?, ?, ?, ?, ?, ?)",
	[RS_EVENTS - SQ__MAX] = FLOW_EVENTS_SQL,
	[RS_DOSSIER_VIEW - SQ__MAX] = FLOW_VIEW_SQL,
	[RS_OFFICIAL - SQ__MAX] = "SELECT id, commune_code, role FROM official "
	                          "WHERE username = ? AND active = 1",
	[RS_SEPARATION - SQ__MAX] =
	    "SELECT separate_duties FROM "
	    "procedure_setting WHERE procedure_code = ?",
	/* the form's suggestions for a commune's code: the communes of
	 * the provinces the citizen lives in now, with their names */
	[RS_COMMUNES_NEAR - SQ__MAX] =
	    "SELECT u.code, CONCAT(u.full_name, ', ', COALESCE(p.full_name, "
	    "'')) FROM admin_unit u "
	    "LEFT JOIN admin_unit p ON p.level = 'province' "
	    "AND p.code = u.province_code AND p.valid_to IS NULL "
	    "WHERE u.level = 'commune' AND u.valid_to IS NULL "
	    "AND u.province_code IN (SELECT h.province_code FROM residence r "
	    "JOIN admin_unit h ON h.level = 'commune' "
	    "AND h.code = r.commune_code AND h.valid_to IS NULL "
	    "WHERE r.citizen_id = ? AND " RESIDENCE_CURRENT ") "
	    "ORDER BY u.province_code, u.code LIMIT 400",
};

/* clang-format off */
enum { CZ_ID, CZ_PID, CZ_NAME, CZ_BIRTH, CZ_SEX, CZ_VERSION, CZ__N };
enum { RE_KIND, RE_COMMUNE, RE_COMMUNE_NAME, RE_PROVINCE_NAME, RE_ADDRESS,
	RE_SINCE, RE_UNTIL, RE__N };
enum { CO_CODE, CO_RECEIPT, CO_NAME, CO_PID, CO_BIRTH, CO_SEX, CO_PCOMMUNE,
	CO_PCOMMUNE_NAME, CO_PADDRESS, CO_PSINCE, CO_TCOMMUNE,
	CO_TCOMMUNE_NAME, CO_TADDRESS, CO_TUNTIL, CO_ISSUED, CO_EXPIRES,
	CO_EXPIRED, CO_CHANGED, CO__N };
enum { TT_ID, TT_COMMUNE, TT_UNTIL, TT__N };

const struct sql_shape rs_shapes[] = {
	{ RS_CITIZEN, 1, CZ__N },
	{ RS_RESIDENCES, 1, RE__N },
	{ RS_CITIZEN_RESIDENCES, 1, CZ__N + RE__N },
	{ RS_CONFIRM_BY_KEY, 3, 1 },
	{ RS_CONFIRM_INSERT, 18, 0 },
	{ RS_CONFIRM_BY_CODE, 1, CO__N },
	{ RS_OFFICIAL, 1, 3 },
	{ RS_COMMUNE, 1, 1 },
	{ RS_CURRENT_TEMP, 1, TT__N },
	{ RS_END_PERMANENT, 1, 0 },
	{ RS_INSERT_RESIDENCE, 6, 0 },
	{ RS_EXTEND, 3, 0 },
	{ RS_HOUSEHOLD_OF, 1, 1 },
	{ RS_HOUSEHOLD_NEW, 2, 0 },
	{ RS_JOIN_HOUSEHOLD, 3, 0 },
	{ RS_ABSENCE, 6, 0 },
	{ RS_EVENTS, 1, DOSSIER_EV_COLS },
	{ RS_DOSSIER_VIEW, 1, FLOW_VIEW_COLS },
	{ RS_SEPARATION, 1, 1 },
	{ RS_COMMUNES_NEAR, 1, 2 },
	{ -1, 0, 0 },
};
/* clang-format on */

#define CELL(res, row, col) DB_CELL(res, row, col)

/* The citizen of the row's first CZ__N columns. */
static void
citizen_of(const struct db_res *res, size_t row, struct rs_citizen *c)
{
	c->id = strtoll(CELL(res, row, CZ_ID), NULL, 10);
	c->pid = CELL(res, row, CZ_PID);
	c->full_name = CELL(res, row, CZ_NAME);
	c->birth_date = CELL(res, row, CZ_BIRTH);
	c->sex = CELL(res, row, CZ_SEX);
	c->residence_version = CELL(res, row, CZ_VERSION);
}

/* The residence of the row's RE__N columns from column off. */
static void
residence_of(
    const struct db_res *res, size_t row, size_t off, struct rs_residence *v)
{
	v->permanent = strcmp(CELL(res, row, off + RE_KIND), "permanent") == 0;
	v->commune = CELL(res, row, off + RE_COMMUNE);
	v->commune_name = CELL(res, row, off + RE_COMMUNE_NAME);
	v->province_name = CELL(res, row, off + RE_PROVINCE_NAME);
	v->address = CELL(res, row, off + RE_ADDRESS);
	v->since = CELL(res, row, off + RE_SINCE);
	v->until = CELL(res, row, off + RE_UNTIL);
}

int
rs_citizen_get(
    struct db *db, struct arena *a, const char *pid, struct rs_citizen *c)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, RS_CITIZEN, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		citizen_of(&res, 0, c);
	return DB_OK;
}

int
rs_residences_get(struct db *db, struct arena *a, long long cid,
    struct rs_residence **out, size_t *n)
{
	struct db_param p[] = { DBP_I(cid) };
	struct rs_residence *v;
	struct db_res res;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, RS_RESIDENCES, p, 1, &res)) != DB_OK)
		return rc;
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++)
		residence_of(&res, i, 0, &v[i]);
	*out = v;
	*n = res.nrows;
	return DB_OK;
}

int
rs_citizen_residences_get(struct db *db, struct arena *a, const char *pid,
    struct rs_citizen *c, struct rs_residence **out, size_t *n)
{
	struct db_param p[] = { DBP_S(pid) };
	struct rs_residence *v;
	struct db_res res;
	size_t i;
	int rc;

	memset(c, 0, sizeof(*c));
	*out = NULL;
	*n = 0;
	if ((rc = db_exec(db, a, RS_CITIZEN_RESIDENCES, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 0)
		return DB_OK;
	citizen_of(&res, 0, c);
	v = arena_alloc(a, (res.nrows + 1) * sizeof(*v));
	for (i = 0; i < res.nrows; i++)
		if (CELL(&res, i, CZ__N + RE_KIND) != NULL)
			residence_of(&res, i, CZ__N, &v[(*n)++]);
	*out = v;
	return DB_OK;
}

int
rs_current_temp_get(
    struct db *db, struct arena *a, long long cid, struct rs_temporary *t)
{
	struct db_param p[] = { DBP_I(cid) };
	struct db_res res;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_exec(db, a, RS_CURRENT_TEMP, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	t->id = strtoll(CELL(&res, 0, TT_ID), NULL, 10);
	t->commune = CELL(&res, 0, TT_COMMUNE);
	t->until = CELL(&res, 0, TT_UNTIL);
	return DB_OK;
}

int
rs_commune_get(
    struct db *db, struct arena *a, const char *code, const char **name)
{
	struct db_param p[] = { DBP_S(code) };
	struct db_res res;
	int rc;

	*name = NULL;
	if ((rc = db_exec(db, a, RS_COMMUNE, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*name = CELL(&res, 0, 0) != NULL ? CELL(&res, 0, 0) : "";
	return DB_OK;
}

int
rs_household_of(
    struct db *db, struct arena *a, const char *pid, long long *household)
{
	struct db_param p[] = { DBP_S(pid) };
	struct db_res res;
	int rc;

	*household = 0;
	if ((rc = db_exec(db, a, RS_HOUSEHOLD_OF, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1 && CELL(&res, 0, 0) != NULL)
		*household = strtoll(CELL(&res, 0, 0), NULL, 10);
	return DB_OK;
}

int
rs_confirmation_get(
    struct db *db, struct arena *a, const char *code, struct rs_confirmation *c)
{
	struct db_param p[] = { DBP_S(code) };
	struct db_res res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_exec(db, a, RS_CONFIRM_BY_CODE, p, 1, &res)) != DB_OK)
		return rc;
	if (res.nrows != 1)
		return DB_OK;
	c->code = CELL(&res, 0, CO_CODE);
	c->receipt = CELL(&res, 0, CO_RECEIPT);
	c->full_name = CELL(&res, 0, CO_NAME);
	c->pid = CELL(&res, 0, CO_PID);
	c->birth_date = CELL(&res, 0, CO_BIRTH);
	c->sex = CELL(&res, 0, CO_SEX);
	c->perm_commune = CELL(&res, 0, CO_PCOMMUNE);
	c->perm_commune_name = CELL(&res, 0, CO_PCOMMUNE_NAME);
	c->perm_address = CELL(&res, 0, CO_PADDRESS);
	c->perm_since = CELL(&res, 0, CO_PSINCE);
	c->temp_commune = CELL(&res, 0, CO_TCOMMUNE);
	c->temp_commune_name = CELL(&res, 0, CO_TCOMMUNE_NAME);
	c->temp_address = CELL(&res, 0, CO_TADDRESS);
	c->temp_until = CELL(&res, 0, CO_TUNTIL);
	c->issued_at = CELL(&res, 0, CO_ISSUED);
	c->expires_at = CELL(&res, 0, CO_EXPIRES);
	c->expired = strcmp(CELL(&res, 0, CO_EXPIRED), "1") == 0;
	c->changed = strcmp(CELL(&res, 0, CO_CHANGED), "1") == 0;
	return DB_OK;
}

int
rs_confirmation_by_key(struct db *db, struct arena *a, long long cid,
    const char *key, const char **code)
{
	struct db_param p[] = { DBP_I(cid), DBP_S(PROC_RESIDENCE_CONFIRMATION),
		DBP_S(key) };
	struct db_res res;
	int rc;

	*code = NULL;
	if ((rc = db_exec(db, a, RS_CONFIRM_BY_KEY, p, 3, &res)) != DB_OK)
		return rc;
	if (res.nrows == 1)
		*code = CELL(&res, 0, 0);
	return DB_OK;
}
