/*
 * SMS through the configured HTTP gateway: one HTTP/1.1 POST per message
 * over a plain TCP socket (http:// only: the gateway is on the province's
 * network), the body made from the sms_body template with {to} and {text}
 * replaced (JSON-escaped when the content type is application/json,
 * percent-encoded when it is a form), Connection: close.  A 2xx is sent;
 * a 4xx other than 408, 425 and 429 refuses the message for good; any
 * other answer, or none, is tried again later.  The Idempotency-Key
 * header names the notification, so a gateway can drop a second copy.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "notify.h"

int
nt_parse_url(struct nt_settings *set)
{
	const char *u = set->sms_url, *host, *end, *colon;
	size_t n;

	if (u == NULL || strncmp(u, "http://", 7) != 0)
		return -1;
	host = u + 7;
	end = host + strcspn(host, "/");
	colon = memchr(host, ':', (size_t)(end - host));
	n = (size_t)((colon != NULL ? colon : end) - host);
	if (n == 0 || n >= sizeof(set->sms_host))
		return -1;
	memcpy(set->sms_host, host, n);
	set->sms_host[n] = '\0';
	set->sms_port = 80;
	if (colon != NULL) {
		char *e;
		long p = strtol(colon + 1, &e, 10);

		if (e != end || p < 1 || p > 65535)
			return -1;
		set->sms_port = (int)p;
	}
	snprintf(set->sms_path, sizeof(set->sms_path), "%s",
	    *end == '\0' ? "/" : end);
	return strlen(end) < sizeof(set->sms_path) ? 0 : -1;
}

/* A value placed in the body as its content type needs. */
static void
put_value(struct buf *b, const char *ct, const char *s)
{
	int json = strncmp(ct, "application/json", 16) == 0;
	int form = strncmp(ct, "application/x-www-form-urlencoded", 33) == 0;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (json && (*p == '"' || *p == '\\'))
			buf_printf(b, "\\%c", *p);
		else if (json && *p == '\n')
			buf_puts(b, "\\n");
		else if (json && *p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else if (form && !isalnum(*p) && !strchr("-._~", *p))
			buf_printf(b, "%%%02X", *p);
		else
			buf_putc(b, (char)*p);
	}
}

void
nt_sms_body(struct buf *b, const struct nt_settings *set, const char *to,
    const char *text)
{
	const char *p = set->sms_body;

	while (*p != '\0') {
		if (strncmp(p, "{to}", 4) == 0) {
			put_value(b, set->sms_content_type, to);
			p += 4;
		} else if (strncmp(p, "{text}", 6) == 0) {
			put_value(b, set->sms_content_type, text);
			p += 6;
		} else
			buf_putc(b, *p++);
	}
}

/* A phone number: an optional '+', then 3 to 15 digits. */
static int
plain_phone(const char *s)
{
	size_t n;

	if (*s == '+')
		s++;
	n = strspn(s, "0123456789");
	return s[n] == '\0' && n >= 3 && n <= 15;
}

void
nt_http_send(const struct nt_settings *set, const struct nt_message *m,
    const char *text, struct nt_outcome *out)
{
	struct buf body, req;
	char in[512];
	size_t len = 0;
	long n;
	int fd, status = -1;

	if (!plain_phone(m->address)) {
		out->result = NT_PERMANENT;
		snprintf(out->detail, sizeof(out->detail), "bad address");
		return;
	}
	if ((fd = nt_connect(set->sms_host, set->sms_port, set->timeout)) < 0) {
		out->result = NT_TEMPORARY;
		snprintf(out->detail, sizeof(out->detail), "http connect");
		return;
	}
	buf_init(&body);
	buf_init(&req);
	nt_sms_body(&body, set, m->address, text);
	buf_printf(&req,
	    "POST %s HTTP/1.1\r\n"
	    "Host: %s:%d\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Idempotency-Key: notification-%lld\r\n"
	    "Connection: close\r\n"
	    "\r\n",
	    set->sms_path, set->sms_host, set->sms_port, set->sms_content_type,
	    body.len, m->id);
	buf_add(&req, body.s, body.len);
	if (nt_write(fd, req.s, req.len, set->timeout) == 0) {
		/* the status line is all we need of the answer */
		while (len < sizeof(in) - 1 && memchr(in, '\n', len) == NULL &&
		    (n = nt_read(
		         fd, in + len, sizeof(in) - 1 - len, set->timeout)) > 0)
			len += (size_t)n;
		in[len] = '\0';
		if (strncmp(in, "HTTP/1.", 7) == 0 && in[8] == ' ' &&
		    isdigit((unsigned char)in[9]) &&
		    isdigit((unsigned char)in[10]) &&
		    isdigit((unsigned char)in[11]))
			status = atoi(in + 9);
	}
	close(fd);
	buf_free(&body);
	buf_free(&req);
	if (status < 0) {
		out->result = NT_TEMPORARY;
		snprintf(out->detail, sizeof(out->detail), "http: no answer");
		return;
	}
	if (status / 100 == 2)
		out->result = NT_SENT;
	else if (status / 100 == 4 && status != 408 && status != 425 &&
	    status != 429)
		out->result = NT_PERMANENT;
	else
		out->result = NT_TEMPORARY;
	snprintf(out->detail, sizeof(out->detail), "http %d", status);
}
