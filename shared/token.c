/*
 * Verification codes from getrandom(2).
 */
#include "config.h"

#include <sys/random.h>

#include "token.h"

void
token_encode(const unsigned char src[15], char *dst)
{
	static const char alpha[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned long long acc = 0;
	int bits = 0, i, o = 0;

	for (i = 0; i < 15; i++) {
		acc = (acc << 8) | src[i];
		bits += 8;
		while (bits >= 5) {
			dst[o++] = alpha[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	dst[o] = '\0';
}

int
token_random(void *dst, size_t len)
{
	unsigned char *p = dst;
	size_t got = 0;

	while (got < len) {
		ssize_t n = getrandom(p + got, len - got, 0);

		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

int
token_new(char *dst)
{
	unsigned char raw[15];

	if (token_random(raw, sizeof(raw)) != 0)
		return -1;
	token_encode(raw, dst);
	return 0;
}
