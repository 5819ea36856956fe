/*
 * The db_hosts list of the option file: entries separated by commas, each
 * a host, host:port, [IPv6 address]:port or an absolute socket path.  No
 * database here: the parser is a pure function of its text (and fuzzed as
 * one).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "buf.h"
#include "db.h"

/* A port: digits only, 1 to 65535; 0 when it is not one. */
static unsigned
parse_port(const char *p, size_t n)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return 0;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	return v >= 1 && v <= 65535 ? (unsigned)v : 0;
}

static char *
xstrndup(const char *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		xnomem(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* One entry of the list, p[0..n) without its spaces, into *h. */
static const char *
parse_host(struct db_host *h, const char *p, size_t n)
{
	const char *colon;
	size_t hn, i;

	memset(h, 0, sizeof(*h));
	if (n == 0)
		return "an empty entry";
	if (p[0] == '/') {
		if (n >= sizeof(((struct sockaddr_un *)0)->sun_path))
			return "a socket path too long";
		h->socket = xstrndup(p, n);
		return NULL;
	}
	h->port = 3306;
	if (p[0] == '[') {
		const char *end = memchr(p, ']', n);

		if (end == NULL || end == p + 1)
			return "an IPv6 address without its closing ]";
		for (i = 1; p + i < end; i++)
			if (!isxdigit((unsigned char)p[i]) && p[i] != ':' &&
			    p[i] != '.')
				return "an IPv6 address with a character that "
				       "is not hexadecimal, : or .";
		hn = (size_t)(end - p);
		if (p + hn + 1 < p + n) {
			if (p[hn + 1] != ':' ||
			    (h->port = parse_port(p + hn + 2, n - hn - 2)) == 0)
				return "a port that is not 1 to 65535";
		}
		h->host = xstrndup(p + 1, hn - 1);
		return NULL;
	}
	colon = memchr(p, ':', n);
	hn = colon != NULL ? (size_t)(colon - p) : n;
	if (colon != NULL && memchr(colon + 1, ':', n - hn - 1) != NULL)
		return "an IPv6 address not in [ ]";
	if (hn == 0)
		return "a port without its host";
	for (i = 0; i < hn; i++)
		if (!isalnum((unsigned char)p[i]) && p[i] != '.' && p[i] != '-')
			return "a host name with a character other than "
			       "letters, digits, . and - (an IPv6 address "
			       "goes in [ ])";
	if (colon != NULL && (h->port = parse_port(colon + 1, n - hn - 1)) == 0)
		return "a port that is not 1 to 65535";
	h->host = xstrndup(p, hn);
	return NULL;
}

const char *
db_hosts_parse(struct db_settings *s, const char *list)
{
	struct db_host hosts[DB_MAXHOSTS];
	const char *p = list, *why = NULL;
	size_t n = 0, i;

	for (;;) {
		const char *end = strchr(p, ','), *b, *e;

		if (end == NULL)
			end = p + strlen(p);
		for (b = p; b < end && isspace((unsigned char)*b); b++)
			;
		for (e = end; e > b && isspace((unsigned char)e[-1]); e--)
			;
		if (n == DB_MAXHOSTS) {
			why = "more than 8 hosts";
			break;
		}
		if ((why = parse_host(&hosts[n], b, (size_t)(e - b))) != NULL)
			break;
		n++;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	if (why != NULL) {
		for (i = 0; i < n; i++) {
			free(hosts[i].host);
			free(hosts[i].socket);
		}
		return why;
	}
	memcpy(s->hosts, hosts, n * sizeof(hosts[0]));
	s->nhosts = n;
	return NULL;
}

void
db_hosts_free(struct db_settings *s)
{
	size_t i;

	for (i = 0; i < s->nhosts; i++) {
		free(s->hosts[i].host);
		free(s->hosts[i].socket);
	}
	s->nhosts = 0;
}

void
db_host_name(const struct db_host *h, char *out, size_t n)
{
	if (h->socket != NULL)
		snprintf(out, n, "%s", h->socket);
	else if (strchr(h->host, ':') != NULL)
		snprintf(out, n, "[%s]:%u", h->host, h->port);
	else
		snprintf(out, n, "%s:%u", h->host, h->port);
}
