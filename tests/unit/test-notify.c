/*
 * motcua-notify's pure parts: the gateway URL taken apart, a text for
 * every state of the lifecycle (receipt code, words, link, nothing
 * else), the SMS body escaped as its content type needs, and the e-mail
 * as sent after DATA (encoded-word subject, dot-stuffing, CRLF).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "dossier.h"
#include "notify.h"
#include "tap.h"

static void
urls(void)
{
	static const struct {
		const char *url;
		int rc;
		const char *host;
		int port;
		const char *path;
	} t[] = {
		{ "http://127.0.0.1:8080/sms", 0, "127.0.0.1", 8080, "/sms" },
		{ "http://gw.example/a/b?x=1", 0, "gw.example", 80,
		    "/a/b?x=1" },
		{ "http://gw.example", 0, "gw.example", 80, "/" },
		{ "https://gw.example/sms", -1, NULL, 0, NULL },
		{ "http://:80/sms", -1, NULL, 0, NULL },
		{ "http://gw:0/sms", -1, NULL, 0, NULL },
		{ "http://gw:99999/sms", -1, NULL, 0, NULL },
		{ "http://gw:80x/sms", -1, NULL, 0, NULL },
		{ "ftp://gw/sms", -1, NULL, 0, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		struct nt_settings set;
		int rc;

		memset(&set, 0, sizeof(set));
		set.sms_url = t[i].url;
		rc = nt_parse_url(&set);
		ok(rc == t[i].rc, "%s: %s", t[i].url, rc ? "refused" : "taken");
		if (rc == 0 && t[i].rc == 0)
			ok(strcmp(set.sms_host, t[i].host) == 0 &&
			        set.sms_port == t[i].port &&
			        strcmp(set.sms_path, t[i].path) == 0,
			    "%s: host %s port %d path %s", t[i].url,
			    set.sms_host, set.sms_port, set.sms_path);
	}
}

static void
texts(struct arena *a)
{
	struct nt_settings set = { .public_url = "https://dvc.example" };
	struct nt_message m = { .id = 7,
		.receipt = "000.00.15.H26-261202-0001" };
	const char *subject, *body;
	int i;

	for (i = 0; i < DS__MAX; i++) {
		m.state = dossier_state_name[i];
		ok(nt_text(a, &set, &m, &subject, &body) == 0, "a text for %s",
		    m.state);
		ok(strstr(body,
		       "Hồ sơ 000.00.15.H26-261202-0001 đã chuyển sang "
		       "trạng thái: ") == body,
		    "%s: the Vietnamese line first", m.state);
		ok(strstr(body, dossier_state_vi[i]) != NULL &&
		        strstr(subject, dossier_state_vi[i]) != NULL,
		    "%s: the state in words", m.state);
		ok(strstr(body,
		       "Xem tại: https://dvc.example/tracking/dossiers/"
		       "000.00.15.H26-261202-0001\n") != NULL,
		    "%s: the link", m.state);
		ok(strstr(body,
		       "\nDossier 000.00.15.H26-261202-0001 has moved "
		       "to the state: ") != NULL,
		    "%s: English below", m.state);
	}
	m.state = "archived";
	ok(nt_text(a, &set, &m, &subject, &body) == -1, "no text: -1");
}

static void
sms(void)
{
	struct nt_settings set = { .sms_body =
		                       "{\"to\":\"{to}\",\"m\":\"{text}\"}",
		.sms_content_type = "application/json" };
	struct buf b;

	buf_init(&b);
	nt_sms_body(&b, &set, "+84901", "a \"b\" \\ c\nd\x01");
	is_str(b.s,
	    "{\"to\":\"+84901\",\"m\":\"a \\\"b\\\" \\\\ c\\nd\\u0001\"}",
	    "JSON: quotes, backslash, newline and control bytes escaped");
	buf_reset(&b);
	set.sms_body = "to={to}&text={text}";
	set.sms_content_type = "application/x-www-form-urlencoded";
	nt_sms_body(&b, &set, "+84901", "Hồ sơ a&b=c");
	is_str(b.s, "to=%2B84901&text=H%E1%BB%93%20s%C6%A1%20a%26b%3Dc",
	    "a form: percent-encoded");
	buf_reset(&b);
	set.sms_body = "{to} {text} {other}";
	set.sms_content_type = "text/plain";
	nt_sms_body(&b, &set, "1", "x");
	is_str(b.s, "1 x {other}", "other braces kept as they are");
	buf_free(&b);
}

static void
mail(void)
{
	struct nt_settings set = { .smtp_from = "tb@dvc.example" };
	struct nt_message m = { .id = 42, .address = "c1@example.org" };
	struct buf b;

	buf_init(&b);
	nt_smtp_message(&b, &set, &m, "Hồ sơ X: Đã phê duyệt",
	    "line one\n.dot first\n..two\nlast");
	ok(strstr(b.s, "From: <tb@dvc.example>\r\nTo: <c1@example.org>\r\n") ==
	        b.s,
	    "From and To first");
	ok(strstr(b.s,
	       "\r\nSubject: "
	       "=?UTF-8?B?SOG7kyBzxqEgWDogxJDDoyBwaMOqIGR1eeG7h3Q=?=\r\n") !=
	        NULL,
	    "the subject as a UTF-8 base64 encoded-word");
	ok(strstr(b.s, "\r\nMessage-ID: <notification-42@motcua>\r\n") != NULL,
	    "the Message-ID names the notification");
	ok(strstr(b.s, "\r\nContent-Type: text/plain; charset=utf-8\r\n") !=
	        NULL,
	    "plain UTF-8 text");
	ok(strstr(b.s,
	       "\r\n\r\nline one\r\n..dot first\r\n...two\r\nlast\r\n"
	       ".\r\n") != NULL,
	    "the body dot-stuffed with CRLF, ended by a lone dot");
	{
		const char *p;
		int bare = 0;

		for (p = b.s; (p = strchr(p, '\n')) != NULL; p++)
			bare += p == b.s || p[-1] != '\r';
		ok(bare == 0, "no bare LF");
	}
	buf_reset(&b);
	nt_smtp_message(&b, &set, &m,
	    "Hồ sơ 000.00.15.H26-261202-0001: Chờ bổ sung hồ sơ", "x");
	ok(strstr(b.s, "?=\r\n =?UTF-8?B?") != NULL,
	    "a long subject: several words on folded lines");
	{
		const char *p = strstr(b.s, "Subject:"), *e;
		int longest = 0;

		for (; (e = strstr(p, "\r\n")) != NULL && *p != '\r' &&
		     strncmp(p, "Date:", 5) != 0;
		     p = e + 2)
			if (e - p > longest)
				longest = (int)(e - p);
		ok(longest <= 76, "each subject line within 76 (%d)", longest);
	}
	buf_free(&b);
}

int
main(void)
{
	struct arena a;

	arena_init(&a);
	urls();
	texts(&a);
	sms();
	mail();
	arena_free(&a);
	return tap_done();
}
