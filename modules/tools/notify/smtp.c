/*
 * E-mail over SMTP (RFC 5321) to the configured relay, one message per
 * connection: EHLO (HELO when refused), MAIL FROM, RCPT TO, DATA with
 * the message dot-stuffed, QUIT.  Replies are read whole (multi-line
 * ones too), each within the timeout.  Only a 250 after the end of DATA
 * counts as sent; a 5xx to RCPT is a permanent refusal of the address;
 * anything else (no connection, a 4xx, a timeout) is tried again later.
 * The Message-ID names the notification, so a relay that saw it once
 * already (an answer lost on the way back) can drop the second copy.
 * No TLS, no AUTH: the relay is on loopback or the province's network.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "notify.h"

struct conv {
	int fd, timeout;
	char in[4096];
	size_t len; /* bytes in in[] */
	int eightbit; /* the relay announced 8BITMIME */
};

/* The next line into line (without CRLF): 0, or -1. */
static int
read_line(struct conv *c, char *line, size_t cap)
{
	char *nl;
	long n;

	while ((nl = memchr(c->in, '\n', c->len)) == NULL) {
		if (c->len == sizeof(c->in))
			return -1; /* a line too long for any reply */
		n = nt_read(
		    c->fd, c->in + c->len, sizeof(c->in) - c->len, c->timeout);
		if (n <= 0)
			return -1;
		c->len += (size_t)n;
	}
	n = nl - c->in;
	snprintf(line, cap, "%.*s", (int)(n > 0 && nl[-1] == '\r' ? n - 1 : n),
	    c->in);
	memmove(c->in, nl + 1, c->len - (size_t)n - 1);
	c->len -= (size_t)n + 1;
	return 0;
}

/* A whole reply: its code (e.g. 250), or -1 when none came. */
static int
reply(struct conv *c)
{
	char line[1024];
	int code;

	do {
		if (read_line(c, line, sizeof(line)) < 0 || strlen(line) < 3 ||
		    !isdigit((unsigned char)line[0]) ||
		    !isdigit((unsigned char)line[1]) ||
		    !isdigit((unsigned char)line[2]))
			return -1;
		code = atoi(line);
		if (strncmp(line + 3, "-8BITMIME", 9) == 0 ||
		    strncmp(line + 3, " 8BITMIME", 9) == 0)
			c->eightbit = 1;
	} while (line[3] == '-');
	return code;
}

/* Sends a command and reads its reply's code, or -1. */
static int
command(struct conv *c, const char *s)
{
	if (nt_write(c->fd, s, strlen(s), c->timeout) < 0)
		return -1;
	return reply(c);
}

/* Only a plain address goes into a command or a header: printable
 * ASCII, no space, no angle brackets, one '@' not at either end. */
static int
plain_address(const char *s)
{
	const char *at = strchr(s, '@');
	const char *p;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>')
			return 0;
	return p - s <= 254;
}

static void
base64(struct buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		buf_putc(b, tab[s[i] >> 2]);
		buf_putc(b, tab[(s[i] & 3) << 4 | s[i + 1] >> 4]);
		buf_putc(b, tab[(s[i + 1] & 15) << 2 | s[i + 2] >> 6]);
		buf_putc(b, tab[s[i + 2] & 63]);
	}
	if (n - i == 1) {
		buf_putc(b, tab[s[i] >> 2]);
		buf_putc(b, tab[(s[i] & 3) << 4]);
		buf_puts(b, "==");
	} else if (n - i == 2) {
		buf_putc(b, tab[s[i] >> 2]);
		buf_putc(b, tab[(s[i] & 3) << 4 | s[i + 1] >> 4]);
		buf_putc(b, tab[(s[i + 1] & 15) << 2]);
		buf_putc(b, '=');
	}
}

/* The subject as RFC 2047 encoded-words of at most 39 bytes each, split
 * between UTF-8 characters, on folded lines within 76 characters. */
static void
subject_words(struct buf *b, const char *s)
{
	size_t n = strlen(s), take;

	buf_puts(b, "Subject:");
	while (n > 0) {
		take = n > 39 ? 39 : n;
		while (take < n && take > 0 &&
		    ((unsigned char)s[take] & 0xc0) == 0x80)
			take--;
		buf_puts(b, " =?UTF-8?B?");
		base64(b, (const unsigned char *)s, take);
		buf_puts(b, "?=");
		s += take;
		n -= take;
		if (n > 0)
			buf_puts(b, "\r\n");
	}
	buf_puts(b, "\r\n");
}

void
nt_smtp_message(struct buf *b, const struct nt_settings *set,
    const struct nt_message *m, const char *subject, const char *body)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	const char *p;
	int bol = 1;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(b, "From: <%s>\r\nTo: <%s>\r\n", set->smtp_from, m->address);
	subject_words(b, subject);
	buf_printf(b,
	    "Date: %s\r\n"
	    "Message-ID: <notification-%lld@motcua>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "\r\n",
	    date, m->id);
	for (p = body; *p != '\0'; p++) {
		if (bol && *p == '.')
			buf_putc(b, '.');
		if (*p == '\n')
			buf_puts(b, "\r\n");
		else if (*p != '\r')
			buf_putc(b, *p);
		bol = *p == '\n';
	}
	if (!bol)
		buf_puts(b, "\r\n");
	buf_puts(b, ".\r\n");
}

static void
outcome(struct nt_outcome *out, enum nt_result r, const char *step, int code)
{
	out->result = r;
	if (code < 0)
		snprintf(out->detail, sizeof(out->detail), "smtp %s: no reply",
		    step);
	else
		snprintf(out->detail, sizeof(out->detail), "smtp %s: %d", step,
		    code);
}

void
nt_smtp_send(const struct nt_settings *set, const struct nt_message *m,
    const char *subject, const char *body, struct nt_outcome *out)
{
	struct conv c;
	struct buf b;
	int code;

	if (!plain_address(m->address)) {
		out->result = NT_PERMANENT;
		snprintf(out->detail, sizeof(out->detail), "bad address");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.timeout = set->timeout;
	if ((c.fd = nt_connect(set->smtp_host, set->smtp_port, set->timeout)) <
	    0) {
		out->result = NT_TEMPORARY;
		snprintf(out->detail, sizeof(out->detail), "smtp connect");
		return;
	}
	buf_init(&b);
	if ((code = reply(&c)) != 220) {
		outcome(out, NT_TEMPORARY, "greeting", code);
		goto done;
	}
	if ((code = command(&c, "EHLO motcua\r\n")) != 250 &&
	    (code = command(&c, "HELO motcua\r\n")) != 250) {
		outcome(out, NT_TEMPORARY, "helo", code);
		goto done;
	}
	buf_printf(&b, "MAIL FROM:<%s>%s\r\n", set->smtp_from,
	    c.eightbit ? " BODY=8BITMIME" : "");
	if ((code = command(&c, b.s)) / 100 != 2) {
		outcome(out, NT_TEMPORARY, "mail", code);
		goto done;
	}
	buf_reset(&b);
	buf_printf(&b, "RCPT TO:<%s>\r\n", m->address);
	if ((code = command(&c, b.s)) / 100 != 2) {
		outcome(out, code / 100 == 5 ? NT_PERMANENT : NT_TEMPORARY,
		    "rcpt", code);
		goto done;
	}
	if ((code = command(&c, "DATA\r\n")) != 354) {
		outcome(out, NT_TEMPORARY, "data", code);
		goto done;
	}
	buf_reset(&b);
	nt_smtp_message(&b, set, m, subject, body);
	code = nt_write(c.fd, b.s, b.len, c.timeout) < 0 ? -1 : reply(&c);
	outcome(out, code == 250 ? NT_SENT : NT_TEMPORARY, "end of data", code);
	if (code == 250)
		(void)command(&c, "QUIT\r\n");
done:
	buf_free(&b);
	close(c.fd);
}
