/*
 * The one map from database results to answered errors (db_err), and the
 * status each of those answers (resp_status).  No database: the map is a
 * pure function.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "db.h"
#include "resp.h"
#include "tap.h"

/* db_hosts: what each entry becomes, and the lists refused whole */
static void
hosts_cases(void)
{
	struct db_settings s;
	const char *why;
	static const char *const bad[] = {
		"",
		"a,,b",
		"db1:0",
		"db1:65536",
		"db1:33x",
		":3306",
		"fe80::1",
		"[fe80::1",
		"[fe80::1]x",
		"[fe80::g]:3306",
		"db 1",
		"db1;DROP",
		"a,b,c,d,e,f,g,h,i",
	};
	size_t i;

	memset(&s, 0, sizeof(s));
	why = db_hosts_parse(&s,
	    " db1.example.vn:3307 , 10.0.0.2,[::1]:3308,/run/mysqld/g1.sock ");
	ok(why == NULL && s.nhosts == 4, "a list of four hosts is taken");
	ok(s.nhosts == 4 && strcmp(s.hosts[0].host, "db1.example.vn") == 0 &&
	        s.hosts[0].port == 3307 && s.hosts[0].socket == NULL,
	    "host:port, spaces trimmed");
	ok(s.nhosts == 4 && strcmp(s.hosts[1].host, "10.0.0.2") == 0 &&
	        s.hosts[1].port == 3306,
	    "a host alone takes port 3306");
	ok(s.nhosts == 4 && strcmp(s.hosts[2].host, "::1") == 0 &&
	        s.hosts[2].port == 3308,
	    "[IPv6]:port");
	ok(s.nhosts == 4 && s.hosts[3].host == NULL &&
	        strcmp(s.hosts[3].socket, "/run/mysqld/g1.sock") == 0,
	    "an absolute path is a socket");
	db_hosts_free(&s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s.nhosts = 99;
		why = db_hosts_parse(&s, bad[i]);
		ok(why != NULL && s.nhosts == 99, "refused: \"%s\" (%s)",
		    bad[i], why != NULL ? why : "taken");
	}
}

int
main(void)
{
	static const struct {
		int rc;
		enum err want;
		int status;
		const char *what;
	} cases[] = {
		{ DB_GONE, ERR_DB_UNAVAILABLE, 503, "connection lost" },
		{ DB_DEADLOCK, ERR_BUSY, 503, "deadlock past its retries" },
		{ DB_LOCKWAIT, ERR_BUSY, 503,
		    "lock wait or statement timeout" },
		{ DB_ERR, ERR_INTERNAL, 500, "any other error" },
		{ DB_DUP, ERR_INTERNAL, 500, "a duplicate nobody expected" },
		{ -99, ERR_INTERNAL, 500, "a value out of range" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum err e = db_err(cases[i].rc);

		ok(e == cases[i].want && resp_status(e) == cases[i].status,
		    "%s: %s, %d", cases[i].what, resp_code(e), resp_status(e));
	}
	hosts_cases();
	return tap_done();
}
