/*
 * Decoding of query strings and application/x-www-form-urlencoded bodies
 * under limits, and the strict parse of CONTENT_LENGTH.  Pure functions:
 * the unit tests drive them directly.
 */
#ifndef MOTCUA_FORM_H
#define MOTCUA_FORM_H

#include <stddef.h>

#include "req.h"

struct form_kv {
	const char *name;
	const char *val;
};

#define FORM_MAXKV 64

struct form {
	struct form_kv kv[FORM_MAXKV];
	size_t n;
};

struct form_limits {
	size_t max_fields; /* at most FORM_MAXKV */
	size_t max_len; /* bytes of a decoded name or value */
};

/*
 * Decodes s[0..n) and appends its pairs to f.  Returns ERR_OK, or
 * ERR_BAD_ESCAPE, ERR_DUP_FIELD, ERR_TOO_MANY_FIELDS, ERR_FIELD_TOO_LONG or
 * ERR_BAD_UTF8; on error f may hold a prefix of the pairs.  Strings come
 * from the arena.
 */
enum err form_parse(struct arena *, const char *s, size_t n,
    const struct form_limits *, struct form *f);

/* Returns the value of name in f, or NULL. */
const char *form_get(const struct form *, const char *name);

/*
 * Parses CONTENT_LENGTH strictly: digits only, no sign or space, no
 * overflow.  NULL or "" gives ERR_LENGTH_REQUIRED; malformed gives
 * ERR_BAD_LENGTH; over max gives ERR_TOO_LARGE.  Sets *len on ERR_OK.
 */
enum err form_content_length(const char *cl, size_t max, size_t *len);

#endif
