/*
 * The request parser: form decoding and CONTENT_LENGTH.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "form.h"
#include "tap.h"

static const struct form_limits lim = { 8, 32 };

static enum err
parse(struct arena *a, const char *s, struct form *f)
{
	memset(f, 0, sizeof(*f));
	return form_parse(a, s, strlen(s), &lim, f);
}

int
main(void)
{
	static const struct {
		const char *in;
		enum err want;
		const char *what;
	} cases[] = {
		{ "a=1&b=2", ERR_OK, "two fields" },
		{ "", ERR_OK, "empty body" },
		{ "a=1&&b=2&", ERR_OK, "empty segments skipped" },
		{ "a=%41%42", ERR_OK, "escapes" },
		{ "a=%4", ERR_BAD_ESCAPE, "truncated escape" },
		{ "a=%", ERR_BAD_ESCAPE, "lone percent" },
		{ "a=%zz", ERR_BAD_ESCAPE, "non-hex escape" },
		{ "a=%00", ERR_BAD_ESCAPE, "escaped NUL" },
		{ "a=1&a=2", ERR_DUP_FIELD, "duplicate field" },
		{ "a=1&b=2&a", ERR_DUP_FIELD, "duplicate without value" },
		{ "a=%C3%28", ERR_BAD_UTF8, "invalid UTF-8 value" },
		{ "%FF=1", ERR_BAD_UTF8, "invalid UTF-8 name" },
		{ "a=%ED%A0%80", ERR_BAD_UTF8, "UTF-16 surrogate" },
		{ "a=%C0%AF", ERR_BAD_UTF8, "overlong encoding" },
		{ "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1", ERR_OK, "8 fields" },
		{ "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1", ERR_TOO_MANY_FIELDS,
		    "9 fields over a limit of 8" },
		{ "a=0123456789012345678901234567890123", ERR_FIELD_TOO_LONG,
		    "value over 32 bytes" },
		{ "a=%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1"
		  "%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1%C3%A1",
		    ERR_OK, "32 bytes of escaped UTF-8" },
	};
	static const struct {
		const char *in;
		enum err want;
		size_t len;
	} cl[] = {
		{ NULL, ERR_LENGTH_REQUIRED, 0 },
		{ "", ERR_LENGTH_REQUIRED, 0 },
		{ "0", ERR_OK, 0 },
		{ "100", ERR_OK, 100 },
		{ "1000", ERR_OK, 1000 },
		{ "1001", ERR_TOO_LARGE, 0 },
		{ "-1", ERR_BAD_LENGTH, 0 },
		{ "+5", ERR_BAD_LENGTH, 0 },
		{ " 5", ERR_BAD_LENGTH, 0 },
		{ "5 ", ERR_BAD_LENGTH, 0 },
		{ "0x10", ERR_BAD_LENGTH, 0 },
		{ "1e3", ERR_BAD_LENGTH, 0 },
		{ "99999999999999999999999", ERR_BAD_LENGTH, 0 },
		{ "18446744073709551616", ERR_BAD_LENGTH, 0 },
		{ "9999999999", ERR_TOO_LARGE, 0 },
	};
	struct arena a;
	struct form f;
	size_t i, len;

	arena_init(&a);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		ok(parse(&a, cases[i].in, &f) == cases[i].want, "%s",
		    cases[i].what);

	ok(parse(&a, "name=Nguy%E1%BB%85n+V%C4%83n+A&x=&y", &f) == ERR_OK &&
	        f.n == 3,
	    "three pairs decoded");
	is_str(form_get(&f, "name"), "Nguyễn Văn A", "plus and UTF-8 escapes");
	is_str(form_get(&f, "x"), "", "empty value");
	is_str(form_get(&f, "y"), "", "name without '='");
	ok(form_get(&f, "z") == NULL, "absent field is NULL");
	ok(parse(&a, "q=%27%3B+DROP+TABLE+citizen%3B--", &f) == ERR_OK,
	    "SQL metacharacters are just text");
	is_str(
	    form_get(&f, "q"), "'; DROP TABLE citizen;--", "decoded verbatim");

	for (i = 0; i < sizeof(cl) / sizeof(*cl); i++) {
		len = 12345;
		ok(form_content_length(cl[i].in, 1000, &len) == cl[i].want &&
		        (cl[i].want != ERR_OK || len == cl[i].len),
		    "CONTENT_LENGTH \"%s\"", cl[i].in ? cl[i].in : "(unset)");
	}
	arena_free(&a);
	return tap_done();
}
