/*
 * libFuzzer target for the db_hosts list of the option file:
 * db_hosts_parse() on the input up to its first NUL.  Beyond the
 * sanitizers, it aborts when a refused list leaves anything behind or
 * says nothing; when an accepted one holds other than one host per entry
 * (1 to 8), a host that is not a name, an address or an absolute socket
 * path, or a port out of 1 to 65535; and when the hosts, written as the
 * log names them (db_host_name) and joined again, do not parse back to
 * the same hosts.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void
check_host(const struct db_host *h)
{
	const char *p;

	if ((h->host == NULL) == (h->socket == NULL))
		abort();
	if (h->socket != NULL) {
		if (h->socket[0] != '/' || strlen(h->socket) >= 108 ||
		    strchr(h->socket, ',') != NULL || h->port != 0)
			abort();
		return;
	}
	if (h->host[0] == '\0' || h->port < 1 || h->port > 65535)
		abort();
	for (p = h->host; *p != '\0'; p++)
		if (strchr("0123456789abcdefghijklmnopqrstuvwxyz"
		           "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-:",
		        *p) == NULL)
			abort();
}

static int
same_host(const struct db_host *a, const struct db_host *b)
{
	if (a->port != b->port)
		return 0;
	if (a->socket != NULL)
		return b->socket != NULL && strcmp(a->socket, b->socket) == 0;
	return b->host != NULL && strcmp(a->host, b->host) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct db_settings s, t;
	const char *why;
	char *list, *again;
	size_t i, len, entries = 1, at = 0;

	/* an exact-size copy, so ASan sees any read past the end */
	len = strnlen((const char *)data, n);
	list = malloc(len + 1);
	memcpy(list, data, len);
	list[len] = '\0';
	for (i = 0; i < len; i++)
		entries += list[i] == ',';

	memset(&s, 0, sizeof(s));
	s.nhosts = 99;
	why = db_hosts_parse(&s, list);
	if (why != NULL) {
		if (why[0] == '\0' || s.nhosts != 99)
			abort();
		free(list);
		return 0;
	}
	if (s.nhosts != entries || s.nhosts < 1 || s.nhosts > DB_MAXHOSTS)
		abort();
	for (i = 0; i < s.nhosts; i++)
		check_host(&s.hosts[i]);

	/* each name needs at most its host, [ ], : and five digits */
	again = malloc(len * 2 + 16 * DB_MAXHOSTS + 1);
	again[0] = '\0';
	for (i = 0; i < s.nhosts; i++) {
		if (i > 0)
			again[at++] = ',';
		db_host_name(&s.hosts[i], again + at, len + 16);
		at += strlen(again + at);
	}
	memset(&t, 0, sizeof(t));
	if (db_hosts_parse(&t, again) != NULL || t.nhosts != s.nhosts)
		abort();
	for (i = 0; i < s.nhosts; i++)
		if (!same_host(&s.hosts[i], &t.hosts[i]))
			abort();
	db_hosts_free(&t);
	db_hosts_free(&s);
	if (s.nhosts != 0)
		abort();
	free(again);
	free(list);
	return 0;
}
