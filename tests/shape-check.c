/*
 * Prepares a module's statements on the test database with its shapes
 * (sql.h), or with one of them made wrong, to show that a statement and
 * its fetcher cannot drift apart unnoticed.
 *
 *   shape-check settings-file [residence|tracking|exchange|civil]
 *       ok|columns|params
 *
 * The module is residence when not named.  Exits 0 when the module lists
 * a shape for every one of its statements and every statement was
 * prepared and matched; 1 for a statement without a shape, and the check
 * of a wrong shape is fatal (exit 1, the statement named on stderr).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "residence.h"
#include "tracking.h"
#include "exchange.h"
/* each family defines its own submission (procedure.h); only one of
 * them can keep the name in one file */
#define proc_submit cv_proc_submit
#include "civil.h"
#undef proc_submit

struct mod {
	const char *name;
	const char *group;
	const char *const *sql;
	int end; /* the module's __MAX */
	const struct sql_shape *shapes;
	int wrong; /* the statement whose shape "columns" and "params" spoil */
};

static const struct mod mods[] = {
	{ "residence", "client-residence", rs_sql, RS__MAX, rs_shapes,
	    RS_CITIZEN },
	{ "tracking", "client-tracking", tr_sql, TRQ__MAX, tr_shapes,
	    TRQ_DOSSIER },
	{ "exchange", "client-exchange", ex_sql, EXQ__MAX, ex_shapes,
	    EXQ_CITIZEN },
	{ "civil", "client-civil", cv_sql, CV__MAX, cv_shapes, CV_OFFICIAL },
};

#define MAX_SHAPES 64

static const struct mod *
mod_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		if (strcmp(mods[i].name, name) == 0)
			return &mods[i];
	return NULL;
}

/* The statement of m without a shape, or -1 when every one has one. */
static int
unshaped(const struct mod *m)
{
	const struct sql_shape *sh;
	int id;

	for (id = SQ__MAX; id < m->end; id++) {
		for (sh = m->shapes; sh->id >= 0 && sh->id != id; sh++)
			continue;
		if (sh->id < 0)
			return id;
	}
	return -1;
}

/* m's shapes into shapes[], the one of m->wrong spoiled as how asks. */
static void
spoil(const struct mod *m, const char *how, struct sql_shape *shapes)
{
	size_t i;

	for (i = 0; m->shapes[i].id >= 0 && i < MAX_SHAPES - 1; i++) {
		shapes[i] = m->shapes[i];
		if (shapes[i].id != m->wrong)
			continue;
		if (strcmp(how, "columns") == 0)
			shapes[i].cols++;
		else if (strcmp(how, "params") == 0)
			shapes[i].params--;
	}
	shapes[i].id = -1;
}

int
main(int argc, char **argv)
{
	static struct sql_shape shapes[MAX_SHAPES];
	const struct mod *m;
	struct db_settings ds;
	struct db *db;
	int id;

	if (argc != 3 && argc != 4)
		return 2;
	if ((m = mod_named(argc == 4 ? argv[2] : "residence")) == NULL)
		return 2;
	log_init("shape-check", 1);
	if ((id = unshaped(m)) >= 0) {
		fprintf(stderr, "shape-check: %s statement %d has no shape\n",
		    m->name, id);
		return 1;
	}
	spoil(m, argv[argc - 1], shapes);
	memset(&ds, 0, sizeof(ds));
	ds.file = argv[1];
	ds.group = m->group;
	ds.connect_timeout = 3;
	ds.rw_timeout = 10;
	ds.lock_wait_timeout = 5;
	ds.statement_timeout = 8;
	db = db_new(&ds, m->sql, m->end - SQ__MAX);
	db_shapes(db, shapes);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "shape-check: database unavailable\n");
		return 3;
	}
	printf("statements match their fetchers\n");
	db_free(db);
	return 0;
}
