/*
 * The ministry system behind a request: for the routes that declare
 * ROUTE_CLIENT, the request loop takes the web server's verdict on the
 * client certificate before the body is read, and the registered client
 * it names once the body is in hand.
 */
#ifndef MOTCUA_CLIENT_H
#define MOTCUA_CLIENT_H

#include "req.h"

/*
 * Before the body: ERR_OK when the web server verified a client
 * certificate (SSL_CLIENT_VERIFY SUCCESS, with a subject), else
 * ERR_UNAUTHENTICATED, logged with the verdict alone: an anonymous
 * client costs no read, no digest and no row.
 */
enum err client_admit(struct req *);

/*
 * Loads the active client registered for the certificate's subject (and
 * issuer) with the module's statement sql (columns id, name; parameters
 * subject, issuer) into r->client.  Returns ERR_OK, ERR_CLIENT_UNKNOWN,
 * or the database's error (r->client stays NULL).
 */
enum err client_check(struct req *, int sql);

#endif
