/*
 * Module settings, read from a MariaDB-style option file ("[group]" and
 * "key = value" lines).  A module reads its own group; the database
 * connection reads "[client-<module>]" from the same file through
 * Connector/C itself.
 */
#ifndef MOTCUA_CONF_H
#define MOTCUA_CONF_H

#include <stddef.h>

struct conf;

/*
 * Reads group from path.  Returns a new conf, or NULL when the file cannot
 * be read or a line is malformed (a message is logged).  Free with
 * conf_free().
 */
struct conf *conf_load(const char *path, const char *group);
/*
 * The same from the n bytes at text (no NUL needed), name standing for
 * the file in messages and in conf_path().  conf_load() reads the file
 * whole and calls it.
 */
struct conf *
conf_parse(const char *name, const char *text, size_t n, const char *group);
void conf_free(struct conf *);
const char *conf_path(const struct conf *);
const char *conf_get(const struct conf *, const char *key, const char *dflt);
/* Returns the integer value, dflt when absent, -1 when out of [min,max]. */
long
conf_int(const struct conf *, const char *key, long dflt, long min, long max);

#endif
