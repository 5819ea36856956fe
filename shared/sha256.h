/*
 * SHA-256 (FIPS 180-4), for the access log's hash chain and message
 * digests computed in the module rather than row by row in SQL.
 */
#ifndef MOTCUA_SHA256_H
#define MOTCUA_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *);
void sha256_update(struct sha256 *, const void *, size_t);
/* Writes the digest as 64 lower-case hex digits and a NUL into hex. */
void sha256_hex(struct sha256 *, char hex[65]);
/* One call: the hex digest of p[0..n). */
void sha256_hex_of(const void *p, size_t n, char hex[65]);

#endif
