/*
 * Unguessable codes: 120 random bits from the kernel, written as 24
 * characters of Crockford base32 (no I, L, O, U).
 */
#ifndef MOTCUA_TOKEN_H
#define MOTCUA_TOKEN_H

#include <stddef.h>

#define TOKEN_LEN 24

/* Fills dst with len random bytes from the kernel's CSPRNG.  Returns 0,
 * or -1 without entropy. */
int token_random(void *dst, size_t len);

/* Fills dst (TOKEN_LEN + 1 bytes).  Returns 0, or -1 without entropy. */
int token_new(char *dst);

/* Encodes 15 bytes as TOKEN_LEN base32 characters plus NUL. */
void token_encode(const unsigned char src[15], char *dst);

#endif
