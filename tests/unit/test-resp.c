/*
 * The answer renderer: facts, sections and lists in JSON, XML and HTML,
 * escaped; errors with status, code and both messages, never a value.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "origin.h"
#include "resp.h"
#include "tap.h"

static const struct doc_col cols[] = {
	{ "at", "Thời điểm", 0 },
	{ "n", "Số", 1 },
};

static void
build(struct req *r, enum req_fmt fmt)
{
	struct doc d;
	struct doc_list l;

	r->fmt = fmt;
	doc_init(&d, "answer", "Tiêu đề <b>");
	doc_add(&d, NULL, "name", "Họ và tên", "Nguyễn \"A\" <b>");
	doc_add_raw(&d, NULL, "ok", NULL, "true");
	doc_add(&d, "place", "code", "Mã", "00004");
	doc_list_init(&r->arena, &l, "rows", "row", "Danh sách", cols, 2, 2);
	doc_list_set(&l, 0, "at", "2026-11-26");
	doc_list_set(&l, 0, "n", "1");
	doc_list_set(&l, 1, "at", "x&y");
	resp_doc_lists(r, 200, &d, &l, 1);
}

int
main(void)
{
	struct req r;

	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.body);

	build(&r, REQ_JSON);
	is_str(r.body.s,
	    "{\"name\":\"Nguyễn \\\"A\\\" \\u003cb>\",\"ok\":true,"
	    "\"place\":{\"code\":\"00004\"},"
	    "\"rows\":[{\"at\":\"2026-11-26\",\"n\":1},{\"at\":\"x&y\"}]}\n",
	    "JSON: facts, a section and a list");
	ok(strstr(r.ctype, "application/json") != NULL, "JSON content type");

	build(&r, REQ_XML);
	ok(strstr(r.body.s, "<name>Nguyễn &quot;A&quot; &lt;b&gt;</name>") !=
	        NULL,
	    "XML: escaped fact");
	ok(strstr(r.body.s,
	       "<rows><row><at>2026-11-26</at><n>1</n></row>"
	       "<row><at>x&amp;y</at></row></rows></answer>") != NULL,
	    "XML: the list inside the root");

	build(&r, REQ_HTML);
	ok(strstr(r.body.s, "<title>Tiêu đề &lt;b&gt;</title>") != NULL,
	    "HTML: escaped title");
	ok(strstr(r.body.s, "<th>Thời điểm</th><th>Số</th>") != NULL,
	    "HTML: a table for the list");
	ok(strstr(r.body.s, "<td>x&amp;y</td>") != NULL, "HTML: escaped cell");

	r.fmt = REQ_JSON;
	r.id = "req-1";
	r.nbad = 1;
	r.bad[0].name = "pid";
	r.bad[0].reason = "pid_province";
	resp_error(&r, ERR_INVALID_FIELD);
	ok(r.status == 422, "invalid field: 422");
	ok(strstr(r.body.s, "\"code\":\"invalid_field\"") != NULL &&
	        strstr(r.body.s, "\"message_vi\":") != NULL &&
	        strstr(r.body.s, "\"message_en\":") != NULL,
	    "error: code and both messages");
	ok(strstr(r.body.s,
	       "\"fields\":[{\"name\":\"pid\",\"reason\":\"pid_province\"}]") !=
	        NULL,
	    "error: the field and its reason");
	r.nbad = 0;
	resp_error(&r, ERR_DB_UNAVAILABLE);
	ok(r.status == 503 && r.retry_after > 0,
	    "database down: 503, Retry-After");
	ok(resp_status(ERR_TOO_LARGE) == 413 &&
	        resp_status(ERR_LENGTH_REQUIRED) == 411 &&
	        resp_status(ERR_TOO_MANY) == 429,
	    "413, 411, 429 mapped");

	/* negotiation by q-values: what browsers and clients send */
	{
		static const struct {
			const char *accept;
			enum req_fmt want;
			const char *who;
		} acc[] = {
			{ "text/html,application/xhtml+xml,application/"
			  "xml;q=0.9,"
			  "image/avif,image/webp,image/apng,*/*;q=0.8,"
			  "application/signed-exchange;v=b3;q=0.7",
			    REQ_HTML, "Chromium" },
			{ "text/html,application/xhtml+xml,application/"
			  "xml;q=0.9,"
			  "*/*;q=0.8",
			    REQ_HTML, "Firefox, Safari" },
			{ "text/html,application/xhtml+xml,application/"
			  "xml;q=0.9,"
			  "image/avif,image/webp,image/png,image/svg+xml,*/"
			  "*;q=0.8",
			    REQ_HTML, "Firefox 128" },
			{ "*/*", REQ_HTML, "*/*" },
			{ NULL, REQ_HTML, "no Accept" },
			{ "", REQ_HTML, "an empty Accept" },
			{ "application/json", REQ_JSON, "application/json" },
			{ "application/xml", REQ_XML, "application/xml" },
			{ "text/xml", REQ_XML, "text/xml" },
			{ "application/json, */*", REQ_JSON,
			    "application/json beside */* (explicit wins)" },
			{ "application/json;q=0.5, application/xml", REQ_XML,
			    "the higher q wins" },
			{ "application/xml;q=0.2, application/json;q=0.3",
			    REQ_JSON, "q below 1 compared" },
			{ "application/json;q=0, */*", REQ_HTML,
			    "q=0 refuses JSON" },
			{ "application/*", REQ_JSON,
			    "application/*: JSON first" },
			{ "APPLICATION/JSON", REQ_JSON, "case-insensitive" },
			{ "application/json ; q=0.9 , text/html ; q=0.8",
			    REQ_JSON, "spaces around parameters" },
			{ "image/png", REQ_HTML,
			    "nothing we can answer: HTML" },
			{ "application/jsonx, application/json-seq", REQ_HTML,
			    "no prefix match" },
			{ "application/json;q=1.5", REQ_JSON,
			    "q above 1 capped" },
			{ "application/json;q=abc", REQ_HTML,
			    "a malformed q is not acceptable" },
		};
		size_t i;

		for (i = 0; i < sizeof(acc) / sizeof(*acc); i++) {
			char what[160];

			snprintf(what, sizeof(what), "Accept: %s", acc[i].who);
			ok(resp_negotiate(acc[i].accept) == acc[i].want, what);
		}
	}

	{
		static const struct {
			const char *param, *al, *want;
		} lg[] = {
			{ NULL, NULL, "vi" },
			{ NULL, "", "vi" },
			{ NULL, "en-US,en;q=0.9", "en" },
			{ NULL, "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi" },
			{ NULL, "fr-FR,fr;q=0.9,en;q=0.5", "en" },
			{ NULL, "fr, de", "vi" },
			{ NULL, "en;q=0, vi;q=0.1", "vi" },
			{ NULL, "en;q=0", "vi" },
			{ NULL, "vi;q=0.4, en;q=0.6", "en" },
			{ NULL, "EN-gb", "en" },
			{ NULL, "eng", "vi" }, /* not English's tag */
			{ NULL, "*", "vi" },
			{ "en", "vi", "en" }, /* the page's switch wins */
			{ "vi", "en", "vi" },
			{ "fr", "en", "en" }, /* an unknown switch is ignored */
			{ "EN", "vi", "vi" },
		};
		size_t i;

		for (i = 0; i < sizeof(lg) / sizeof(*lg); i++)
			is_str(resp_lang(lg[i].param, lg[i].al), lg[i].want,
			    lg[i].al != NULL ? lg[i].al
			                     : "(no Accept-Language)");
	}
	{
		struct buf h;

		buf_init(&h);
		resp_security_headers(&h);
		ok(strstr(h.s, "style-src 'none'") != NULL,
		    "no style allowed before a hash is set");
		buf_reset(&h);
		resp_set_style_hash("abc+/=");
		resp_security_headers(&h);
		ok(strstr(h.s,
		       "Content-Security-Policy: default-src 'none'; "
		       "style-src 'sha256-abc+/='; ") != NULL,
		    "the style's hash is the one style allowed");
		ok(strstr(h.s, "script-src") == NULL,
		    "no script source: default-src 'none' forbids script");
		ok(strstr(h.s, "Referrer-Policy: same-origin\r\n") != NULL,
		    "no Referer sent onward");
		ok(strstr(h.s, "X-Content-Type-Options: nosniff\r\n") != NULL,
		    "nosniff");
		ok(strstr(h.s, "frame-ancestors 'none'") != NULL, "not framed");
		buf_free(&h);
	}
	{
		static const struct {
			struct origin_seen s;
			const char *pub, *allowed;
			int want;
			const char *what;
		} og[] = {
			{ { NULL, NULL, "x.vn", NULL, "http", NULL }, NULL,
			    NULL, 1,
			    "no Origin, no Sec-Fetch-Site: not a browser" },
			{ { NULL, "cross-site", "x.vn", NULL, NULL, NULL },
			    NULL, NULL, 0, "no Origin but cross-site" },
			{ { NULL, "same-origin", "x.vn", NULL, NULL, NULL },
			    NULL, NULL, 1, "no Origin, same-origin" },
			{ { "http://x.vn", NULL, "x.vn", NULL, "http", NULL },
			    NULL, NULL, 1, "own origin" },
			{ { "http://X.VN", NULL, "x.vn", NULL, "http", NULL },
			    NULL, NULL, 1, "own origin, other case" },
			{ { "https://x.vn", NULL, "x.vn", "on", "http", NULL },
			    NULL, NULL, 1, "own origin behind TLS" },
			{ { "http://x.vn", NULL, "x.vn", "on", NULL, NULL },
			    NULL, NULL, 0, "http origin to a TLS site" },
			{ { "http://127.0.0.1:8080", NULL, "127.0.0.1:8080",
			      NULL, "http", NULL },
			    NULL, NULL, 1, "own origin with a port" },
			{ { "http://127.0.0.1:8081", NULL, "127.0.0.1:8080",
			      NULL, "http", NULL },
			    NULL, NULL, 0, "another port is another origin" },
			{ { "https://evil.example", NULL, "x.vn", NULL, NULL,
			      NULL },
			    NULL, NULL, 0, "another site" },
			{ { "https://evil.example", "same-origin", "x.vn", NULL,
			      NULL, NULL },
			    NULL, NULL, 0,
			    "an Origin outranks Sec-Fetch-Site" },
			{ { "null", NULL, "x.vn", NULL, NULL, NULL }, NULL,
			    NULL, 0, "Origin null" },
			{ { "https://x.vn.evil.example", NULL, "x.vn", NULL,
			      "https", NULL },
			    "https://x.vn", NULL, 0,
			    "a longer name is not ours" },
			{ { "https://dichvu.x.vn", NULL, "api.x.vn", NULL,
			      "https", NULL },
			    "https://dichvu.x.vn/residence", NULL, 1,
			    "public_url's origin" },
			{ { "https://dichvu.x.vn", NULL, "api.x.vn", NULL,
			      "https", NULL },
			    "https://dichvu.x.vn.evil", NULL, 0,
			    "public_url is compared whole" },
			{ { "https://portal.x.vn", NULL, "api.x.vn", NULL,
			      "https", NULL },
			    NULL, "https://a.vn https://portal.x.vn", 1,
			    "an allowed origin" },
			{ { "https://portal.x.vn", NULL, "api.x.vn", NULL,
			      "https", NULL },
			    NULL, "https://portal.x.vn.evil https://portal", 0,
			    "allowed origins are compared whole" },
			{ { "https://evil", NULL, NULL, NULL, NULL, NULL },
			    NULL, NULL, 0, "no Host: only a listed origin" },
			{ { "http://127.0.0.1:8080", NULL, "127.0.0.1", NULL,
			      "http", "8080" },
			    NULL, NULL, 1,
			    "nginx's host without the port, and SERVER_PORT" },
			{ { "http://127.0.0.1:8081", NULL, "127.0.0.1", NULL,
			      "http", "8080" },
			    NULL, NULL, 0, "another port than SERVER_PORT" },
			{ { "http://127.0.0.1", NULL, "127.0.0.1", NULL, "http",
			      "8080" },
			    NULL, NULL, 0,
			    "the default port is not SERVER_PORT" },
			{ { "https://x.vn", NULL, "x.vn", "on", NULL, "443" },
			    NULL, NULL, 1, "the scheme's own port left out" },
			{ { "https://x.vn:443", NULL, "x.vn", "on", NULL,
			      NULL },
			    NULL, NULL, 1, "the scheme's own port given" },
			{ { "http://[::1]:8080", NULL, "[::1]", NULL, "http",
			      "8080" },
			    NULL, NULL, 1, "an IPv6 host" },
			{ { "http://[::1]:8081", NULL, "[::1]:8080", NULL,
			      "http", NULL },
			    NULL, NULL, 0, "an IPv6 host, another port" },
		};
		size_t i;

		for (i = 0; i < sizeof(og) / sizeof(*og); i++)
			ok(origin_allowed(&og[i].s, og[i].pub, og[i].allowed) ==
			        og[i].want,
			    "origin: %s", og[i].what);
	}

	buf_free(&r.body);
	arena_free(&r.arena);
	return tap_done();
}
