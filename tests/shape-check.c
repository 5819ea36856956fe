/*
 * Prepares the residence module's statements on the test database with
 * its shapes (sql.h), or with one of them made wrong, to show that a
 * statement and its fetcher cannot drift apart unnoticed.
 *
 *   shape-check settings-file ok|columns|params
 *
 * Exits 0 when every statement was prepared and matched; the check of a
 * wrong shape is fatal (exit 1, the statement named on stderr).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "residence.h"

int
main(int argc, char **argv)
{
	static struct sql_shape shapes[RS__MAX];
	struct db_settings ds;
	struct db *db;
	size_t i;

	if (argc != 3)
		return 2;
	log_init("shape-check", 1);
	for (i = 0; rs_shapes[i].id >= 0 && i < RS__MAX - 1; i++)
		shapes[i] = rs_shapes[i];
	shapes[i].id = -1;
	for (i = 0; shapes[i].id >= 0; i++)
		if (shapes[i].id == RS_CITIZEN) {
			if (strcmp(argv[2], "columns") == 0)
				shapes[i].cols++;
			else if (strcmp(argv[2], "params") == 0)
				shapes[i].params--;
		}
	memset(&ds, 0, sizeof(ds));
	ds.file = argv[1];
	ds.group = "client-residence";
	ds.connect_timeout = 3;
	ds.rw_timeout = 10;
	ds.lock_wait_timeout = 5;
	ds.statement_timeout = 8;
	db = db_new(&ds, rs_sql, RS__MAX - SQ__MAX);
	db_shapes(db, shapes);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "shape-check: database unavailable\n");
		return 3;
	}
	printf("statements match their fetchers\n");
	db_free(db);
	return 0;
}
