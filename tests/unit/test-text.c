/*
 * JSON, HTML and XML escaping, UTF-8 checks and the log escaper.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "tap.h"

int
main(void)
{
	struct buf b;
	char logbuf[64];

	buf_init(&b);
	text_json(&b, "a\"b\\c\n</script>\x01");
	is_str(
	    b.s, "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"", "JSON escaping");
	buf_reset(&b);
	text_json(&b, "Nguyễn");
	is_str(b.s, "\"Nguyễn\"", "JSON keeps UTF-8");
	buf_reset(&b);
	text_html(&b, "<a href=\"x\">'&'</a>");
	is_str(b.s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
	    "HTML escaping");
	buf_reset(&b);
	text_xml(&b, "<x a='1'>&\x02</x>");
	is_str(b.s, "&lt;x a=&apos;1&apos;&gt;&amp;\xef\xbf\xbd&lt;/x&gt;",
	    "XML escaping replaces control bytes");
	buf_free(&b);

	ok(text_utf8_valid("Đặng", strlen("Đặng")), "UTF-8 valid");
	ok(!text_utf8_valid("\xc3", 1), "truncated sequence");
	ok(!text_utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF");
	ok(!text_utf8_valid("\xe0\x80\xaf", 3), "overlong 3-byte");
	ok(!text_utf8_valid("a\0b", 3), "NUL refused");
	ok(text_utf8_valid("\xf0\x9f\x98\x80", 4), "4-byte emoji");

	is_str(log_escape(logbuf, sizeof(logbuf), "GET /x\r\nforged \"q\""),
	    "GET /x\\x0d\\x0aforged \\x22q\\x22", "log escaping");
	is_str(log_escape(logbuf, 8, "abcdefghijkl"), "abcdefg",
	    "log escaping truncates");
	{
		struct arena a;
		const char *k1, *k2;

		arena_init(&a);
		k1 = text_name_key(&a, "Nguyễn Văn Hòa");
		k2 = text_name_key(&a, "nguyễn  văn hoà ");
		is_str(
		    k1, k2, "Hòa and Hoà give one key, case and spaces aside");
		k1 = text_name_key(&a, "Thủy");
		k2 = text_name_key(&a, "Thuỷ");
		is_str(k1, k2, "Thủy and Thuỷ give one key");
		ok(strcmp(text_name_key(&a, "Hùng"),
		       text_name_key(&a, "Hưng")) != 0,
		    "Hùng and Hưng differ");
		ok(strcmp(text_name_key(&a, "Hùng"),
		       text_name_key(&a, "Hung")) != 0,
		    "Hùng and Hung differ");
		k1 = text_name_key(&a, "Nguye\xcc\x82\xcc\x83n");
		is_str(k1, text_name_key(&a, "Nguyễn"), "decomposed input");
		ok(text_name_key(&a, "\xff") == NULL, "invalid UTF-8");
		arena_free(&a);
	}
	return tap_done();
}
