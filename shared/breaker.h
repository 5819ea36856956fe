/*
 * The database breaker.  A prober process beside the workers asks the
 * database every second, with short timeouts of its own; after two
 * failures in a row it opens the breaker: every worker answers 503
 * database_unavailable at once, without touching the database, and the
 * requests a worker has in hand are cut (its connection's socket shut
 * down), so that none waits out db_timeout on a server that neither
 * fails nor answers.  The first answer closes it again.  The state is in
 * memory shared before the fork.
 */
#ifndef MOTCUA_BREAKER_H
#define MOTCUA_BREAKER_H

struct db_settings;

/* Maps the shared state; in the parent, before any fork.  0 or -1. */
int breaker_init(void);

/* 1 while the breaker is open (the prober finds no database). */
int breaker_open(void);

/*
 * The prober's loop, until *stop: probes the servers of s (db_hosts
 * too) with a 1 s connect and a 2 s read limit, opens and closes the
 * breaker, and on opening sends SIGUSR1 to the parent (which passes it
 * to the workers).  With heartbeat (the module's name; the module reads
 * from a replica), each probe that succeeds also writes the time into
 * the heartbeat table's row of that name, which the replica's lag guard
 * reads (db_replica_lag).  Never returns; exits 0.
 */
void breaker_run(
    const struct db_settings *s, const char *heartbeat, volatile int *stop);

#endif
