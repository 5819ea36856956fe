/*
 * The module's listening socket (listen.c).
 */
#ifndef MOTCUA_LISTEN_H
#define MOTCUA_LISTEN_H

/*
 * Returns the listening socket for addr: 0 (the socket on fd 0) when addr
 * is NULL, a Unix socket for a path, a TCP socket for [host]:port; -1 with
 * a message on stderr naming the module when it cannot.
 */
int listen_open(const char *name, const char *addr);

#endif
