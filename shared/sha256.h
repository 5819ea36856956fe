/*
 * SHA-256 for the access log's hash chain and message digests computed in
 * the module rather than row by row in SQL: a thin wrapper over OpenSSL's
 * libcrypto (EVP), so callers need no OpenSSL header and get hex digests.
 */
#ifndef MOTCUA_SHA256_H
#define MOTCUA_SHA256_H

#include <stddef.h>

struct evp_md_ctx_st;

/* An incremental digest: sha256_init, any sha256_update, one sha256_hex. */
struct sha256 {
	struct evp_md_ctx_st *ctx;
};

/* Allocates the digest context; sha256_hex frees it. */
void sha256_init(struct sha256 *);
void sha256_update(struct sha256 *, const void *, size_t);
/*
 * Writes the digest as 64 lower-case hex digits and a NUL into hex, and
 * frees the context: the struct may be passed to sha256_init again.
 */
void sha256_hex(struct sha256 *, char hex[65]);
/* One call: the hex digest of p[0..n). */
void sha256_hex_of(const void *p, size_t n, char hex[65]);

#endif
