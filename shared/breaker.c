/*
 * The database breaker (breaker.h).  Why a process of its own: a worker
 * that asks a frozen server waits its db_timeout, and while every worker
 * waits nobody answers at all; the prober's own limits are short, and it
 * waits for nobody's request.
 */
#include "config.h"

#include <sys/mman.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "breaker.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "sql.h"

#define BREAKER_FAILURES 2 /* in a row, to open */

static struct breaker_state {
	int open;
	uint64_t opened; /* times it opened */
} * state;

int
breaker_init(void)
{
	void *p;

	if (state != NULL)
		return 0;
	p = mmap(NULL, sizeof(*state), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	state = p;
	memset(state, 0, sizeof(*state));
	return 0;
}

int
breaker_open(void)
{
	return state != NULL && __atomic_load_n(&state->open, __ATOMIC_ACQUIRE);
}

/* the prober's one statement (numbered SQ__MAX: own_only) */
static const char *const beat_sql[] = {
	"INSERT INTO heartbeat (module, at) VALUES (?, UTC_TIMESTAMP(6))"
	" ON DUPLICATE KEY UPDATE at = VALUES(at)",
};

/* The heartbeat, for a replica's lag guard; its failure is logged once
 * in a row, and does not count as the database's. */
static void
beat(struct db *db, const char *module, int *failing)
{
	struct db_param p[] = { DBP_S(module) };
	struct arena a;
	int rc;

	arena_init(&a);
	rc = db_exec(db, &a, SQ__MAX, p, 1, NULL);
	arena_free(&a);
	if (rc != DB_OK && !*failing)
		log_warnx("the heartbeat for the replica's lag guard could "
		          "not be written (%d): the replica will be left",
		    rc);
	*failing = rc != DB_OK;
}

void
breaker_run(
    const struct db_settings *s, const char *heartbeat, volatile int *stop)
{
	struct db_settings ps = *s;
	struct timespec second = { 1, 0 };
	struct db *db;
	int failures = 0, beat_failing = 0;

	ps.connect_timeout = 1;
	ps.rw_timeout = 2;
	ps.statement_timeout = 1;
	ps.own_only = 1; /* no statement of the modules' prepared */
	db =
	    heartbeat != NULL ? db_new(&ps, beat_sql, 1) : db_new(&ps, NULL, 0);
	while (!*stop) {
		if (db_ping(db) == DB_OK) {
			if (heartbeat != NULL)
				beat(db, heartbeat, &beat_failing);
			failures = 0;
			if (breaker_open()) {
				__atomic_store_n(
				    &state->open, 0, __ATOMIC_RELEASE);
				log_info("the database answers again: the "
				         "breaker is closed");
			}
		} else if (++failures >= BREAKER_FAILURES && !breaker_open()) {
			__atomic_store_n(&state->open, 1, __ATOMIC_RELEASE);
			__atomic_add_fetch(&state->opened, 1, __ATOMIC_RELAXED);
			log_warnx("the database does not answer: every request "
			          "is answered 503 until it does, and the "
			          "requests in hand are cut");
			kill(getppid(), SIGUSR1);
		}
		nanosleep(&second, NULL);
	}
	db_free(db);
	_exit(0);
}
