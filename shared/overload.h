/*
 * Refusing a request that waited too long for a worker.  The web server
 * stamps each request with the time it handed it on (nginx: the
 * X-Request-Start parameter "t=${msec}", seconds with milliseconds;
 * Apache's mod_headers "%t": "t=" and microseconds); a worker that takes
 * it up more than max_wait_ms later answers 503 with Retry-After, before
 * any database work: its caller has likely given up already, and serving
 * it would only make every later request wait longer.
 */
#ifndef MOTCUA_OVERLOAD_H
#define MOTCUA_OVERLOAD_H

#include <fcgiapp.h>

#include "req.h"

struct conf;

/* The default of max_wait_ms, and the Retry-After of a refusal. */
#define OVERLOAD_WAIT_MS 1000
#define OVERLOAD_RETRY_AFTER 2

/*
 * Reads max_wait_ms (0: never refuse) from the module's settings, for
 * every worker forked after.  -1 (logged) when out of range.
 */
int overload_conf(const struct conf *, const char *path);

/*
 * The stamp's time in microseconds since the epoch: "t=" (any number of
 * times) then seconds with an optional fraction, or a whole number of
 * seconds, milliseconds or microseconds told apart by their magnitude.
 * -1 when there is none or it is malformed.
 */
long long overload_stamp_us(const char *stamp);

/*
 * ERR_BUSY, with r->retry_after set, when the request stamped with stamp
 * (the X-Request-Start parameter, NULL when absent) waited longer than
 * max_wait_ms at now_us (microseconds since the epoch, 0 for the
 * clock's); ERR_OK otherwise, and always without a valid stamp or when a
 * stamp lies in the future (another host's clock).
 */
enum err overload_admit(struct req *, const char *stamp, long long now_us);

/*
 * Ends the request, its answer written, like FCGX_Finish_r() but without
 * libfcgi's lingering close: libfcgi shuts down its side and then waits
 * up to 2 s for the web server to close the connection, and a web server
 * busy refusing a flood is slow to, so every worker sat idle in that
 * wait while requests queued.  Here the rest of the request's stdin is
 * read when its body was read whole (body_read: only the record that
 * ends stdin is left, and the web server sends it with the request),
 * otherwise only what has already arrived; when that reaches its end the
 * connection is closed at once, otherwise (a body still withheld)
 * libfcgi closes it as before.  A connection the web server keeps open (FCGI_KEEP_CONN) is
 * left as FCGX_Finish_r() leaves it.
 */
void overload_finish(FCGX_Request *, int body_read);

#endif
