/*
 * A permanent residence registered (đăng ký thường trú), as the residence
 * family's effect writes it, for every family whose procedure registers
 * one: the residence family's own registration, and the birth bundle's
 * child registered at a parent's residence.  The person's earlier
 * permanent residence ends, they join a household (or head a new one at
 * the address) with their relation to its head, and the new residence
 * begins.  The triggers on residence (001, 003) then change the person's
 * residence version, which voids their confirmations, and feed the
 * change log.
 *
 * Each family prepares the statements as its own, from the SQL below, so
 * that each holds only its own rights, and names them in a permres_sql.
 */
#ifndef MOTCUA_PERMRES_H
#define MOTCUA_PERMRES_H

struct arena;
struct db;

/* The person's current permanent residence ends yesterday; parameter:
 * the citizen. */
#define PERMRES_END_SQL \
	"UPDATE residence SET valid_to = CURDATE() - INTERVAL 1 DAY " \
	"WHERE citizen_id = ? AND kind = 'permanent' " \
	"AND (valid_to IS NULL OR valid_to >= CURDATE())"
/* A new household; parameters: the commune, the address. */
#define PERMRES_HOUSEHOLD_NEW_SQL \
	"INSERT INTO household (commune_code, address) VALUES (?, ?)"
/* The person joins a household; parameters: the household, the relation
 * to its head, the citizen. */
#define PERMRES_JOIN_SQL \
	"UPDATE citizen SET household_id = ?, household_role = ? " \
	"WHERE id = ?"
/* A residence begins today; parameters: the citizen, the kind, the
 * commune, the address, the household (or NULL), its end (or NULL). */
#define PERMRES_INSERT_SQL \
	"INSERT INTO residence (citizen_id, kind, commune_code, address, " \
	"household_id, valid_from, valid_to) " \
	"VALUES (?, ?, ?, ?, ?, CURDATE(), ?)"

/* A family's statements of the SQL above, by number; -1 for one the
 * family never needs (a newborn has no residence to end and joins a
 * parent's household). */
struct permres_sql {
	int end;
	int household_new;
	int join;
	int insert;
};

struct permres {
	long long citizen;
	const char *commune;
	const char *address;
	long long household; /* 0: they head a new one at the address */
	const char *role; /* their relation to the head ("chủ hộ": heads) */
};

/*
 * Inside a transaction: registers the permanent residence.  Returns DB_OK
 * or an enum db_rc (DB_ERR for a step the family has no statement for).
 */
int permres_register(struct db *, struct arena *, const struct permres_sql *,
    const struct permres *);

#endif
