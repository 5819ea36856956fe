/*
 * A signed-on citizen's or official's browser sends their sign-on with
 * any form post, also one that another site's page makes it send.  Every
 * browser that runs the portal names the page's origin in Origin on a
 * POST (and Sec-Fetch-Site where Origin is withheld), so a post whose
 * origin is not ours is refused before anything is read or written.
 * Ministry systems and scripts send neither header and are not affected.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "origin.h"

/* Whether origin (scheme://host[:port], no path) is the first n bytes of
 * url's scheme and authority, compared without case. */
static int
origin_is(const char *origin, const char *url, size_t n)
{
	return n > 0 && strlen(origin) == n && strncasecmp(origin, url, n) == 0;
}

/* The length of url's scheme://authority, or 0 when it has none. */
static size_t
origin_len(const char *url)
{
	const char *p = strstr(url, "://");

	if (p == NULL || p == url)
		return 0;
	p += 3;
	return (size_t)(p - url) + strcspn(p, "/?#");
}

/* Splits "host[:port]" (a bracketed IPv6 address keeps its brackets)
 * into the length of the host and the port, or NULL without one. */
static size_t
host_split(const char *s, const char **port)
{
	const char *c = *s == '[' ? strchr(s, ']') : s;
	const char *colon = c != NULL ? strrchr(c, ':') : NULL;

	*port = colon != NULL ? colon + 1 : NULL;
	return colon != NULL ? (size_t)(colon - s) : strlen(s);
}

/* Whether origin is this site: the same scheme, host and port (a port
 * left out is the scheme's own; nginx names the host without it, and the
 * port it listens on in SERVER_PORT). */
static int
own_origin(const struct origin_seen *s)
{
	const char *scheme = s->scheme, *oport, *hport, *dflt, *h;
	size_t sn, on, hn;

	if (s->host == NULL || *s->host == '\0')
		return 0;
	if (s->https != NULL && strcasecmp(s->https, "on") == 0)
		scheme = "https";
	if (scheme == NULL || *scheme == '\0')
		scheme = "http";
	sn = strlen(scheme);
	if (strncasecmp(s->origin, scheme, sn) != 0 ||
	    strncmp(s->origin + sn, "://", 3) != 0)
		return 0;
	h = s->origin + sn + 3;
	dflt = strcasecmp(scheme, "https") == 0 ? "443" : "80";
	on = host_split(h, &oport);
	hn = host_split(s->host, &hport);
	if (hport == NULL)
		hport = s->server_port != NULL && *s->server_port != '\0'
		    ? s->server_port
		    : dflt;
	if (oport == NULL)
		oport = dflt;
	return on == hn && strncasecmp(h, s->host, on) == 0 &&
	    strcmp(oport, hport) == 0;
}

int
origin_allowed(
    const struct origin_seen *s, const char *public_url, const char *allowed)
{
	const char *p;

	if (s->origin == NULL || *s->origin == '\0')
		return s->fetch_site == NULL ||
		    strcasecmp(s->fetch_site, "cross-site") != 0;
	if (strcmp(s->origin, "null") == 0)
		return 0;
	if (own_origin(s))
		return 1;
	if (public_url != NULL &&
	    origin_is(s->origin, public_url, origin_len(public_url)))
		return 1;
	for (p = allowed; p != NULL && *p != '\0';) {
		size_t n;

		p += strspn(p, " \t,");
		n = strcspn(p, " \t,");
		if (origin_is(s->origin, p, n))
			return 1;
		p += n;
	}
	return 0;
}
