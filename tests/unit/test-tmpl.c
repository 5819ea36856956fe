/*
 * The template engine: values, escaping by context, sections, filters,
 * catalogues and partials from a set written to a temporary directory,
 * then one broken directory per load error, each of which must name the
 * file and the line.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "tmpl.h"
#include "tap.h"

static char dir[] = "/tmp/test-tmpl.XXXXXX";
static struct buf out;

/* Writes dir/name, or removes it when text is NULL. */
static void
put(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (text == NULL) {
		unlink(path);
		return;
	}
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void
clear(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

static const char *
render(const struct tmpl_set *set, const char *name, const char *lang,
    const struct tv *v)
{
	buf_reset(&out);
	if (tmpl_render(set, name, lang, v, &out) == -1)
		return NULL;
	return out.s != NULL ? out.s : "";
}

static const char strings_vi[] = "# Tiếng Việt\n"
                                 "title = Xác nhận cư trú\n"
                                 "\n"
                                 "sex.F = Nữ\n"
                                 "sex.M =   Nam  \n"
                                 "greet = Xin chào <bạn>\n";
static const char strings_en[] = "title = Residence confirmation\n"
                                 "sex.F = Female\n"
                                 "sex.M = Male\n"
                                 "greet = Hello <you>\n";

static const struct {
	const char *name, *text;
} good[] = {
	{ "plain", "<p>{{name}}</p>" },
	{ "attr", "<p title=\"{{name}}\" class='{{ name }}'>x</p>" },
	{ "url", "<a href=\"{{u}}\">x</a>" },
	{ "seg", "<a href=\"/x/{{code}}?q={{q}}\">x</a>" },
	{ "html", "{{svg}}<b title=\"{{svg}}\"></b>" },
	{ "rcdata",
	    "<textarea name=\"t\">{{svg}}</textarea>"
	    "<svg><title>{{svg}}</title></svg>" },
	{ "urlsect", "<a href=\"{{#a}}/x/{{/a}}{{u}}\">x</a>" },
	{ "list",
	    "<ul>{{#people}}<li>{{name}} ({{town}})</li>{{/people}}"
	    "{{^people}}none{{/people}}</ul>" },
	{ "nested",
	    "{{#groups}}[{{g}}:{{#items}}{{i}}/{{g}};{{/items}}]"
	    "{{/groups}}" },
	{ "inv", "{{^v}}empty{{/v}}{{#v}}set{{/v}}" },
	{ "check", "<input {{#x}}checked{{/x}} name=\"a\">" },
	{ "opt",
	    "<option value=\"{{v}}\"{{#sel}} selected{{/sel}}>o</option>" },
	{ "filters",
	    "{{d|date}}|{{dt|datetime}}|{{c|group4}}|{{u|upper}}|"
	    "{{s|@sex}}" },
	{ "strings",
	    "<p lang=\"{{lang}}\">{{@greet}}</p>\n{{! a comment }}"
	    "<title>{{@title}}</title>" },
	{ "page",
	    "<!DOCTYPE html>\n<main>{{>head}}{{#rows}}{{>row}}{{/rows}}"
	    "</main><script src=\"/a.js\"></script>"
	    "<style>p{color:red}</style><!-- note -->" },
	{ "head", "<h1>{{@title}}</h1>{{>sub}}" },
	{ "sub", "<small>{{name}}</small>" },
	{ "row", "<p>{{n}}</p>{{! a comment\n on two lines }}" },
	{ "htmlf", "{{svg|upper}}" },
};

static void
test_values(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a);

	tv_set(v, "name", "Nguyễn <script>\"'&");
	is_str(render(set, "plain", NULL, v),
	    "<p>Nguyễn &lt;script&gt;&quot;&#39;&amp;</p>", "text escaped");
	is_str(render(set, "attr", NULL, v),
	    "<p title=\"Nguyễn &lt;script&gt;&quot;&#39;&amp;\" "
	    "class='Nguyễn &lt;script&gt;&quot;&#39;&amp;'>x</p>",
	    "quoted attributes escaped");
	tv_set(v, "name", NULL);
	is_str(render(set, "plain", NULL, v), "<p></p>", "unset: nothing");
	ok(render(set, "nosuch", NULL, v) == NULL && out.len == 0,
	    "unknown template: -1, nothing appended");
	ok(tmpl_has(set, "page") && !tmpl_has(set, "nosuch"), "tmpl_has");
}

static void
url_is(const struct tmpl_set *set, struct arena *a, const char *u,
    const char *want)
{
	struct tv *v = tv_new(a);
	char what[128];
	size_t i;

	tv_set(v, "u", u);
	snprintf(what, sizeof(what), "href=\"%s\"", u);
	for (i = 0; what[i] != '\0'; i++)
		if (what[i] == '\n')
			what[i] = '?'; /* one TAP line */
	is_str(render(set, "url", NULL, v), want, what);
}

static void
test_urls(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a);

	url_is(set, a, "javascript:alert(1)", "<a href=\"#unsafe\">x</a>");
	url_is(
	    set, a, "/ok?x=1&y=\"", "<a href=\"/ok?x=1&amp;y=&quot;\">x</a>");
	url_is(set, a, "//evil.example", "<a href=\"#unsafe\">x</a>");
	url_is(set, a, "/\\evil.example", "<a href=\"#unsafe\">x</a>");
	url_is(set, a, "https://x", "<a href=\"https://x\">x</a>");
	url_is(set, a, "JaVaScRiPt:x", "<a href=\"#unsafe\">x</a>");
	url_is(set, a, "java\nscript:x", "<a href=\"#unsafe\">x</a>");
	url_is(set, a, "data:text/html,x", "<a href=\"#unsafe\">x</a>");
	url_is(set, a, "page/2?a=b:c", "<a href=\"page/2?a=b:c\">x</a>");
	url_is(set, a, "mailto:a@b.vn", "<a href=\"mailto:a@b.vn\">x</a>");
	tv_set(v, "code", "a/b?c");
	tv_set(v, "q", "Hà Nội&x=1");
	is_str(render(set, "seg", NULL, v),
	    "<a href=\"/x/a%2Fb%3Fc?q=H%C3%A0%20N%E1%BB%99i%26x%3D1\">x</a>",
	    "URL parts percent-encoded, UTF-8 by bytes");
	tv_set_html(v, "svg", "<svg id=\"i\"></svg>");
	is_str(render(set, "html", NULL, v),
	    "<svg id=\"i\"></svg><b title=\"&lt;svg id=&quot;i&quot;&gt;"
	    "&lt;/svg&gt;\"></b>",
	    "tv_set_html raw in text, escaped in an attribute");
	is_str(render(set, "rcdata", NULL, v),
	    "<textarea name=\"t\">&lt;svg id=&quot;i&quot;&gt;&lt;/svg&gt;"
	    "</textarea><svg><title>&lt;svg id=&quot;i&quot;&gt;&lt;/svg&gt;"
	    "</title></svg>",
	    "values in <textarea> and <title> escaped, even trusted markup");
	is_str(render(set, "htmlf", NULL, v),
	    "&lt;SVG ID=&quot;I&quot;&gt;&lt;/SVG&gt;",
	    "trusted markup through a filter is escaped");
	tv_set(v, "u", "javascript:x");
	is_str(render(set, "urlsect", NULL, v),
	    "<a href=\"javascript%3Ax\">x</a>",
	    "a value after a section in a URL is encoded as a part");
}

static void
test_lists(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a), *r, *g;

	tv_set(v, "town", "Huế");
	is_str(render(set, "list", NULL, v), "<ul>none</ul>",
	    "absent list: inverted section");
	r = tv_add_row(v, "people");
	tv_set(r, "name", "An");
	tv_set(r, "town", "Hà Nội");
	r = tv_add_row(v, "people");
	tv_set(r, "name", "B&o");
	is_str(render(set, "list", NULL, v),
	    "<ul><li>An (Hà Nội)</li><li>B&amp;o (Huế)</li></ul>",
	    "rows, and an outer value seen from a row");
	tv_set(r, "town", NULL);
	is_str(render(set, "list", NULL, v),
	    "<ul><li>An (Hà Nội)</li><li>B&amp;o ()</li></ul>",
	    "a value unset in a row hides the outer one");
	v = tv_new(a);
	g = tv_add_row(v, "groups");
	tv_set(g, "g", "1");
	tv_set(tv_add_row(g, "items"), "i", "a");
	tv_set(tv_add_row(g, "items"), "i", "b");
	g = tv_add_row(v, "groups");
	tv_set(g, "g", "2");
	tv_add_row(g, "items");
	is_str(render(set, "nested", NULL, v), "[1:a/1;b/1;][2:/2;]",
	    "nested lists");
	v = tv_new(a);
	tv_add_row(v, "people");
	tv_set(v, "people", "x");
	tv_add_row(v, "people");
	is_str(render(set, "list", NULL, v), "<ul><li> ()</li></ul>",
	    "tv_add_row after tv_set starts a new list");
}

static void
test_inverted(const struct tmpl_set *set, struct arena *a)
{
	static const struct {
		const char *val, *want;
	} cases[] = {
		{ NULL, "empty" },
		{ "", "empty" },
		{ "0", "empty" },
		{ "false", "empty" },
		{ "1", "set" },
		{ "no", "set" },
	};
	struct tv *v = tv_new(a);
	char what[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tv_set(v, "v", cases[i].val);
		snprintf(what, sizeof(what), "section on \"%s\"",
		    cases[i].val ? cases[i].val : "(unset)");
		is_str(render(set, "inv", NULL, v), cases[i].want, what);
	}
	tv_add_row(v, "v");
	is_str(render(set, "inv", NULL, v), "set", "section on a list");
	v = tv_new(a);
	tv_set(v, "x", "1");
	is_str(render(set, "check", NULL, v), "<input  checked  name=\"a\">",
	    "{{#x}}checked{{/x}} in a tag, set (spaces added)");
	tv_set(v, "x", "0");
	is_str(render(set, "check", NULL, v), "<input   name=\"a\">",
	    "{{#x}}checked{{/x}} in a tag, unset");
	tv_set(tv_add_row(v, "x"), "y", "");
	tv_add_row(v, "x");
	is_str(render(set, "check", NULL, v),
	    "<input  checked checked  name=\"a\">",
	    "a section in a tag repeated never glues names");
	tv_set(v, "v", "1");
	tv_set(v, "sel", "1");
	is_str(render(set, "opt", NULL, v),
	    "<option value=\"1\"  selected >o</option>",
	    "a section after a quoted value");
}

static void
test_filters(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a);

	tv_set(v, "d", "2025-07-01");
	tv_set(v, "dt", "2025-07-01 08:05:59");
	tv_set(v, "c", "ABCDEFGHIJ");
	tv_set(v, "u", "abc-đ<");
	tv_set(v, "s", "F");
	is_str(render(set, "filters", NULL, v),
	    "01/07/2025|01/07/2025 08:05|ABCD EFGH IJ|ABC-đ&lt;|Nữ",
	    "date, datetime, group4, upper, @sex");
	tv_set(v, "d", "2025-07-01T10:00:00");
	tv_set(v, "dt", "2025-07-01T08:05");
	tv_set(v, "c", "ĐĐĐĐĐ");
	tv_set(v, "u", "");
	tv_set(v, "s", "X<");
	is_str(render(set, "filters", "en", v),
	    "01/07/2025|01/07/2025 08:05|ĐĐĐĐ Đ||X&lt;",
	    "date with a time, datetime with T, group4 by characters, "
	    "@sex not found");
	tv_set(v, "dt", "2025-12-31T19:05:59Z");
	is_str(render(set, "filters", NULL, v),
	    "01/07/2025|01/01/2026 02:05|ĐĐĐĐ Đ||X&lt;",
	    "datetime in UTC: shown in Viet Nam's time, across a year");
	tv_set(v, "d", "2025-7-01");
	tv_set(v, "dt", "2025-07-01");
	tv_set(v, "c", "ABCD");
	tv_set(v, "s", "M");
	is_str(render(set, "filters", "en", v),
	    "2025-7-01|2025-07-01|ABCD||Male", "malformed dates unchanged");
	tv_set(v, "d", "01/07/2025");
	tv_set(v, "dt", "2025-07-01 8:05");
	is_str(render(set, "filters", "en", v),
	    "01/07/2025|2025-07-01 8:05|ABCD||Male",
	    "more malformed dates unchanged");
	tv_set(v, "s", "M,F,X");
	is_str(render(set, "filters", "en", v),
	    "01/07/2025|2025-07-01 8:05|ABCD||Male, Female, X",
	    "@sex on a list: each item in words");
	tv_set(v, "s", ",M,");
	is_str(render(set, "filters", NULL, v),
	    "01/07/2025|2025-07-01 8:05|ABCD||, Nam, ",
	    "@sex on a list with empty items");
}

static void
test_strings(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a);

	is_str(render(set, "strings", "vi", v),
	    "<p lang=\"vi\">Xin chào &lt;bạn&gt;</p>\n"
	    "<title>Xác nhận cư trú</title>",
	    "Vietnamese strings, lang built-in");
	is_str(render(set, "strings", "en", v),
	    "<p lang=\"en\">Hello &lt;you&gt;</p>\n"
	    "<title>Residence confirmation</title>",
	    "English strings");
	is_str(render(set, "strings", "fr", v),
	    "<p lang=\"vi\">Xin chào &lt;bạn&gt;</p>\n"
	    "<title>Xác nhận cư trú</title>",
	    "unknown language: Vietnamese");
	tv_set(v, "lang", "xx");
	is_str(render(set, "strings", "en", v),
	    "<p lang=\"xx\">Hello &lt;you&gt;</p>\n"
	    "<title>Residence confirmation</title>",
	    "a value hides a built-in");
	is_str(tmpl_string(set, "en", "sex.M"), "Male", "tmpl_string en");
	is_str(tmpl_string(set, "vi", "sex.M"), "Nam", "values trimmed");
	is_str(tmpl_string(set, "de", "greet"), "Xin chào <bạn>",
	    "tmpl_string falls back to vi, unescaped");
	ok(tmpl_string(set, "vi", "nokey") == NULL, "tmpl_string: no key");
	ok(tmpl_has_lang(set, "en") && tmpl_has_lang(set, "vi") &&
	        !tmpl_has_lang(set, "fr"),
	    "tmpl_has_lang");
}

static void
test_partials(const struct tmpl_set *set, struct arena *a)
{
	struct tv *v = tv_new(a);

	tv_set(v, "name", "<N>");
	tv_set(tv_add_row(v, "rows"), "n", "1");
	tv_set(tv_add_row(v, "rows"), "n", "2");
	is_str(render(set, "page", "en", v),
	    "<!DOCTYPE html>\n<main><h1>Residence confirmation</h1>"
	    "<small>&lt;N&gt;</small><p>1</p><p>2</p></main>"
	    "<script src=\"/a.js\"></script><style>p{color:red}</style>"
	    "<!-- note -->",
	    "partials, nested, and in a section's rows");
}

static void
test_good(void)
{
	struct tmpl_set *set;
	struct arena a;
	char err[256];
	size_t i;

	put("strings.vi", strings_vi);
	put("strings.en", strings_en);
	put("notes.txt", "ignored");
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s.html", good[i].name);
		put(name, good[i].text);
	}
	set = tmpl_load(dir, err, sizeof(err));
	if (!ok(set != NULL, "the good set loads")) {
		printf("# %s\n", err);
		return;
	}
	arena_init(&a);
	test_values(set, &a);
	test_urls(set, &a);
	test_lists(set, &a);
	test_inverted(set, &a);
	test_filters(set, &a);
	test_strings(set, &a);
	test_partials(set, &a);
	arena_free(&a);
	tmpl_free(set);
	clear();
}

/* Each: files written over strings.vi and strings.en ("title = T"); a
 * NULL text removes the file.  The message must hold want and want2. */
static const struct {
	const char *what;
	const char *file[3][2];
	const char *want, *want2;
} bad[] = {
	{ "unknown string key", { { "a.html", "<p>\n{{@nokey}}</p>" } },
	    "a.html:2:", "nokey" },
	{ "key missing from strings.en",
	    { { "strings.vi", "title = T\n\nonly = x\n" } },
	    "strings.vi:3:", "strings.en" },
	{ "key only in strings.en",
	    { { "strings.en", "title = T\nonly = x\n" } },
	    "strings.en:2:", "only" },
	{ "duplicate key", { { "strings.vi", "title = T\n# c\ntitle = U\n" } },
	    "strings.vi:3:", "duplicate" },
	{ "line without =", { { "strings.en", "title = T\nnothing\n" } },
	    "strings.en:2:", NULL },
	{ "missing strings.vi", { { "strings.vi", NULL } },
	    "strings.vi:", NULL },
	{ "unclosed section", { { "a.html", "a\n{{#x}}\nb" } },
	    "a.html:2:", "not closed" },
	{ "mismatched close", { { "a.html", "{{#a}}\n{{/b}}" } },
	    "a.html:2:", NULL },
	{ "close without open", { { "a.html", "x{{/b}}" } },
	    "a.html:1:", NULL },
	{ "unterminated {{", { { "a.html", "x\n\n{{name" } },
	    "a.html:3:", NULL },
	{ "tag across lines", { { "a.html", "x\n{{na\nme}}" } },
	    "a.html:2:", NULL },
	{ "unknown filter", { { "a.html", "\n{{x|nope}}" } },
	    "a.html:2:", "nope" },
	{ "line count after a comment",
	    { { "a.html", "{{! a\nb }}\n{{x|nope}}" } }, "a.html:3:", "nope" },
	{ "filter on a section", { { "a.html", "{{#x|upper}}{{/x}}" } },
	    "a.html:1:", NULL },
	{ "unknown partial", { { "a.html", "x\n{{>b}}" } },
	    "a.html:2:", "b.html" },
	{ "partial cycle",
	    { { "a.html", "{{>b}}" }, { "b.html", "x\n{{>a}}" } },
	    "b.html:2:", NULL },
	{ "partial including itself", { { "a.html", "{{>a}}" } },
	    "a.html:1:", NULL },
	{ "partial inside an attribute",
	    { { "a.html", "<p title=\"{{>b}}\">" }, { "b.html", "x" } },
	    "a.html:1:", NULL },
	{ "partial not ending in text",
	    { { "a.html", "{{>b}}" }, { "b.html", "<p\n title=\"" } },
	    "b.html:2:", NULL },
	{ "unquoted attribute", { { "a.html", "\n<p title={{x}}>" } },
	    "a.html:2:", "may not be placed" },
	{ "on* attribute", { { "a.html", "\n<p onclick=\"f({{x}})\">" } },
	    "a.html:2:", "may not be placed" },
	{ "style attribute", { { "a.html", "\n<p style=\"{{x}}\">" } },
	    "a.html:2:", "may not be placed" },
	{ "inside <script>",
	    { { "a.html", "<script src=\"/a.js\">\n{{x}}</script>" } },
	    "a.html:2:", "may not be placed" },
	{ "in a <script> tag",
	    { { "a.html", "<script src=\"{{u}}\"></script>" } },
	    "a.html:1:", NULL },
	{ "inside <style>", { { "a.html", "<style>\np{color:{{c}}}</style>" } },
	    "a.html:2:", "may not be placed" },
	{ "inside a comment", { { "a.html", "<!--\n{{x}} -->" } },
	    "a.html:2:", "may not be placed" },
	{ "inside a tag name", { { "a.html", "\n<h{{n}}>" } },
	    "a.html:2:", "may not be placed" },
	{ "after <", { { "a.html", "<{{n}}>" } }, "a.html:1:", NULL },
	{ "attribute name", { { "a.html", "<p {{n}}=\"1\">" } },
	    "a.html:1:", NULL },
	{ "section in an unquoted value", { { "a.html", "<p a={{#x}}>" } },
	    "a.html:1:", NULL },
	{ "inline script", { { "a.html", "<p>\n<script>\nalert(1)</script>" } },
	    "a.html:3:", "inline script" },
	{ "section changing the state",
	    { { "a.html", "<a {{#x}}href=\"{{/x}}\">" } }, "a.html:1:", NULL },
	{ "inverted section changing the state",
	    { { "a.html", "\n{{^x}}<b{{/x}}>" } }, "a.html:2:", NULL },
	{ "space before =", { { "a.html", "<a href =\"{{u}}\">" } },
	    "a.html:1:", NULL },
	{ "unclosed tag at the end", { { "a.html", "<p\nclass=\"x" } },
	    "a.html:2:", "ends" },
	{ "invalid UTF-8 in a template", { { "a.html", "ok\n\xff\n" } },
	    "a.html:2:", "UTF-8" },
	{ "invalid UTF-8 in strings", { { "strings.en", "title = \xc3(\n" } },
	    "strings.en:1:", "UTF-8" },
	{ "sections nested too deep",
	    { { "a.html",
	        "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
	        "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
	        "{{#a}}" } },
	    "a.html:1:", "deeper" },
	{ "<![CDATA[", { { "a.html", "<![CDATA[ x ]]>" } }, "a.html:1:", NULL },
	{ "abrupt comment", { { "a.html", "<!-->{{x}}" } }, "a.html:1:", NULL },
	{ "markup inside <title>",
	    { { "a.html", "<svg><title>\n<a href=\"{{u}}\"></title>" } },
	    "a.html:2:", "'<'" },
	{ "markup inside <style>", { { "a.html", "<style>a<b</style>" } },
	    "a.html:1:", "'<'" },
	{ "a value in <noscript>",
	    { { "a.html", "<noscript>{{x}}</noscript>" } }, "a.html:1:", NULL },
	{ "<plaintext>", { { "a.html", "\n<plaintext>" } }, "a.html:2:", NULL },
	{ "<meta content>", { { "a.html", "<meta content=\"{{u}}\">" } },
	    "a.html:1:", "may not be placed" },
	{ "SVG animation into href",
	    { { "a.html",
	        "<svg><a><set attributeName=\"href\" "
	        "to=\"{{u}}\"/></a></svg>" } },
	    "a.html:1:", "may not be placed" },
	{ "no space after a quoted value",
	    { { "a.html", "<a href=\"/\"title=\"x\">" } }, "a.html:1:", NULL },
	{ "attributes in an end tag", { { "a.html", "</p class=\"x\">" } },
	    "a.html:1:", NULL },
};

static void
test_bad(void)
{
	static char big[300 * 1024];
	char err[512];
	size_t i, j;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct tmpl_set *set;
		int refused;

		put("strings.vi", "title = T\n");
		put("strings.en", "title = T\n");
		for (j = 0; j < 3 && bad[i].file[j][0] != NULL; j++)
			put(bad[i].file[j][0], bad[i].file[j][1]);
		set = tmpl_load(dir, err, sizeof(err));
		refused = set == NULL && strstr(err, bad[i].want) != NULL &&
		    (bad[i].want2 == NULL || strstr(err, bad[i].want2) != NULL);
		if (!ok(refused, "load error: %s", bad[i].what))
			printf("# %s\n", set != NULL ? "loaded" : err);
		tmpl_free(set);
		clear();
	}
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	put("strings.vi", "title = T\n");
	put("a.html", big);
	ok(tmpl_load(dir, err, sizeof(err)) == NULL && strstr(err, "a.html"),
	    "load error: a template over 256 KiB");
	clear();
}

/* Two directories: the pages every module shares, then a module's own. */
static void
test_dirs(void)
{
	static const char *const names[] = { "a/head.html", "a/strings.vi",
		"a/strings.en", "b/page.html", "b/strings.vi", "b/strings.en",
		"b/head.html" };
	char a[512], b[512], err[512];
	const char *dirs[2] = { a, b };
	struct tmpl_set *set;
	struct arena ar;
	struct tv *v;
	size_t i;

	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	mkdir(a, 0700);
	mkdir(b, 0700);
	put("a/head.html", "<title>{{@site}}</title>\n");
	put("a/strings.vi", "site = Một cửa\n");
	put("a/strings.en", "site = One door\n");
	put("b/page.html", "{{>head}}<p>{{@hello}} {{x}}</p>\n");
	put("b/strings.vi", "hello = Xin chào\n");
	put("b/strings.en", "hello = Hello\n");
	arena_init(&ar);
	set = tmpl_load_dirs(dirs, 2, err, sizeof(err));
	ok(set != NULL, "two directories load (%s)", set ? "" : err);
	v = tv_new(&ar);
	tv_set(v, "x", "<b>");
	is_str(render(set, "page", "en", v),
	    "<title>One door</title>\n<p>Hello &lt;b&gt;</p>\n",
	    "a partial and strings from the first, the page from the second");
	is_str(render(set, "page", "vi", v),
	    "<title>Một cửa</title>\n<p>Xin chào &lt;b&gt;</p>\n",
	    "each language's strings merged");
	tmpl_free(set);
	put("b/strings.en", "hello = Hello\nsite = Again\n");
	put("b/strings.vi", "hello = Xin chào\nsite = Lại\n");
	set = tmpl_load_dirs(dirs, 2, err, sizeof(err));
	ok(set == NULL && strstr(err, "b/strings.") != NULL &&
	        strstr(err, "\"site\" is also in") != NULL,
	    "a key in two directories is refused (%s)", err);
	tmpl_free(set);
	put("b/strings.vi", "hello = Xin chào\n");
	put("b/strings.en", "hello = Hello\n");
	put("b/head.html", "<p>other</p>\n");
	set = tmpl_load_dirs(dirs, 2, err, sizeof(err));
	ok(set == NULL && strstr(err, "head.html is also in") != NULL,
	    "a template name in two directories is refused (%s)", err);
	tmpl_free(set);
	put("b/head.html", NULL);
	put("a/strings.en", NULL);
	set = tmpl_load_dirs(dirs, 2, err, sizeof(err));
	ok(set == NULL && strstr(err, "a/strings.vi:1:") != NULL &&
	        strstr(err, "missing from strings.en") != NULL,
	    "a shared key missing in one language, named where it is (%s)",
	    err);
	tmpl_free(set);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		put(names[i], NULL);
	rmdir(a);
	rmdir(b);
	arena_free(&ar);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	buf_init(&out);
	test_good();
	test_bad();
	test_dirs();
	buf_free(&out);
	rmdir(dir);
	return tap_done();
}
