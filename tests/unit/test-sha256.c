/*
 * The SHA-256 wrapper against the FIPS 180-4 examples, one call and
 * incremental.
 */
#include "config.h"

#include <string.h>

#include "sha256.h"
#include "tap.h"

int
main(void)
{
	static const char *const two =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65], block[1000];
	struct sha256 s;
	int i;

	sha256_hex_of("abc", 3, hex);
	is_str(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "\"abc\"");
	sha256_hex_of("", 0, hex);
	is_str(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "empty string");
	sha256_hex_of(two, strlen(two), hex);
	is_str(hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "two-block message");
	memset(block, 'a', sizeof(block));
	sha256_init(&s);
	for (i = 0; i < 1000; i++)
		sha256_update(&s, block, sizeof(block));
	sha256_hex(&s, hex);
	is_str(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "one million 'a' in pieces");
	/* an empty body may come without a buffer */
	sha256_hex_of(NULL, 0, hex);
	is_str(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "no buffer, no bytes");
	/* a finished digest can start again, and pieces of one byte add up */
	sha256_init(&s);
	for (i = 0; two[i] != '\0'; i++)
		sha256_update(&s, two + i, 1);
	sha256_hex(&s, hex);
	is_str(hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "two-block message a byte at a time, the context reused");
	return tap_done();
}
