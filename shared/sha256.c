/*
 * SHA-256 through libcrypto's EVP interface (the low-level SHA256_*
 * functions are deprecated since OpenSSL 3.0).  libcrypto only fails here
 * when it cannot allocate, and a digest the caller cannot have is no
 * answer to give: like an arena that cannot grow, that ends the process.
 */
#include "config.h"

#include <openssl/evp.h>

#include "log.h"
#include "sha256.h"

static void
sha256_tohex(const unsigned char md[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

void
sha256_init(struct sha256 *s)
{
	s->ctx = EVP_MD_CTX_new();
	if (s->ctx == NULL ||
	    EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1)
		fatal("cannot start a SHA-256 digest");
}

void
sha256_update(struct sha256 *s, const void *p, size_t n)
{
	if (EVP_DigestUpdate(s->ctx, p, n) != 1)
		fatal("EVP_DigestUpdate");
}

void
sha256_hex(struct sha256 *s, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(s->ctx, md, &len) != 1 || len != 32)
		fatal("EVP_DigestFinal_ex");
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
	sha256_tohex(md, hex);
}

void
sha256_hex_of(const void *p, size_t n, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32)
		fatal("cannot compute a SHA-256 digest");
	sha256_tohex(md, hex);
}
