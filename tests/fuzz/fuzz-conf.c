/*
 * libFuzzer target for the option-file reader: conf_parse() on the input
 * as a file's bytes (no NUL after them), for a group the first input byte
 * chooses.  Beyond the sanitizers, it aborts when the reader refuses a
 * file whose every line is short, NUL-free and no unclosed group header,
 * or accepts one that is not; and when a key named in the file reads
 * back as something no line could hold, or conf_int() returns other than
 * the default, -1 or a value in range.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

/* Whether the reader must accept the n bytes at p: every line at most
 * 1023 bytes, without a NUL, and no line whose first non-space byte is
 * '[' without a ']' after it. */
static int
acceptable(const char *p, size_t n)
{
	const char *end = p + n, *nl, *q;
	size_t len;

	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (len > 1023 || memchr(p, '\0', len) != NULL)
			return 0;
		for (q = p; q < p + len && isspace((unsigned char)*q); q++)
			;
		if (q < p + len && *q == '[' &&
		    memchr(q, ']', (size_t)(p + len - q)) == NULL)
			return 0;
	}
	return 1;
}

/* The key each of the first lines of the file names, as the reader would
 * trim it, is read back; what it reads is what a line can hold (1022
 * bytes, after an empty key's '=').  Only the first 16 lines: every
 * look-up scans all the settings. */
static void
check_keys(const struct conf *c, const char *p, size_t n)
{
	const char *end = p + n, *nl, *v;
	char key[1024];
	size_t len, a, b;
	long i;
	int lines = 0;

	for (; p < end && lines < 16; p = nl != NULL ? nl + 1 : end, lines++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (len > 1023)
			abort();
		memcpy(key, p, len);
		key[len] = '\0';
		key[strcspn(key, "=")] = '\0';
		for (a = 0; isspace((unsigned char)key[a]); a++)
			;
		for (b = strlen(key);
		     b > a && isspace((unsigned char)key[b - 1]); b--)
			;
		key[b] = '\0';
		v = conf_get(c, key + a, NULL);
		if (v != NULL && (strlen(v) > 1022 || strchr(v, '\n') != NULL))
			abort();
		i = conf_int(c, key + a, 7, -5, 1000);
		if (v == NULL && i != 7)
			abort();
		if (i != 7 && i != -1 && (i < -5 || i > 1000))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const groups[] = { "residence", "exchange",
		"client-residence", "" };
	struct conf *c;
	char *text;

	if (n < 1)
		return 0;
	/* an exact-size copy, so ASan sees any read past the end */
	text = malloc(n - 1 > 0 ? n - 1 : 1);
	memcpy(text, data + 1, n - 1);
	c = conf_parse("fuzz.cnf", text, n - 1, groups[data[0] & 3]);
	if ((c != NULL) != acceptable(text, n - 1))
		abort();
	if (c != NULL) {
		if (strcmp(conf_path(c), "fuzz.cnf") != 0)
			abort();
		check_keys(c, text, n - 1);
	}
	conf_free(c);
	free(text);
	return 0;
}
