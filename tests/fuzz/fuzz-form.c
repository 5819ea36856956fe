/*
 * libFuzzer target for the request parser: form_parse() under limits the
 * first input byte chooses, and form_content_length() on the same bytes
 * as a CONTENT_LENGTH value.  Beyond the sanitizers, it aborts when an
 * accepted form breaks what form.h promises: at most max_fields pairs,
 * no name twice, every name and value valid UTF-8 of at most max_len
 * bytes, form_get() finding each; and when a length is accepted that is
 * not plain digits within the maximum.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void
check_form(const struct form *f, const struct form_limits *lim)
{
	size_t i, j;

	if (f->n > lim->max_fields)
		abort();
	for (i = 0; i < f->n; i++) {
		const char *k = f->kv[i].name, *v = f->kv[i].val;

		if (strlen(k) > lim->max_len || strlen(v) > lim->max_len ||
		    !text_utf8_valid(k, strlen(k)) ||
		    !text_utf8_valid(v, strlen(v)) || form_get(f, k) != v)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(f->kv[j].name, k) == 0)
				abort();
	}
}

static void
check_length(const char *s)
{
	static const size_t maxes[] = { 0, 1, 65536, (size_t)-1 };
	size_t i, len, k;
	unsigned long long v;

	for (i = 0; i < sizeof(maxes) / sizeof(*maxes); i++) {
		len = 12345;
		if (form_content_length(s, maxes[i], &len) != ERR_OK)
			continue;
		if (*s == '\0')
			abort();
		for (k = 0, v = 0; s[k] != '\0'; k++) {
			if (s[k] < '0' || s[k] > '9')
				abort();
			v = v * 10 + (unsigned long long)(s[k] - '0');
		}
		if (k > 20 || v != len || len > maxes[i])
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct form_limits lim;
	struct form f;
	struct arena a;
	char *s;

	if (n < 1)
		return 0;
	/* limits from the first byte: 1 to 64 fields, 1 to 4096 bytes */
	lim.max_fields = (size_t)(data[0] & 63) + 1;
	lim.max_len = (size_t)1 << (data[0] >> 6) * 4;
	arena_init(&a);
	memset(&f, 0, sizeof(f));
	if (form_parse(&a, (const char *)data + 1, n - 1, &lim, &f) == ERR_OK)
		check_form(&f, &lim);
	arena_free(&a);

	s = malloc(n);
	memcpy(s, data + 1, n - 1);
	s[n - 1] = '\0';
	check_length(s);
	free(s);
	return 0;
}
