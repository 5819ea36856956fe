/*
 * Cross-site form posts refused (origin.c).
 */
#ifndef MOTCUA_ORIGIN_H
#define MOTCUA_ORIGIN_H

/*
 * What a browser says of where a POST comes from, as the web server
 * passed it: the Origin and Sec-Fetch-Site headers, and this site's own
 * Host and scheme.  Any may be NULL.
 */
struct origin_seen {
	const char *origin; /* HTTP_ORIGIN */
	const char *fetch_site; /* HTTP_SEC_FETCH_SITE */
	const char *host; /* HTTP_HOST: with or without a port (nginx's
	                   * $host has none) */
	const char *https; /* HTTPS: "on" behind TLS */
	const char *scheme; /* REQUEST_SCHEME */
	const char *server_port; /* SERVER_PORT: where Host names none */
};

/*
 * Whether a POST may be taken: 1, or 0 when a browser sent it from
 * another site's page (cross-site request forgery: the citizen's or the
 * official's sign-on travels with it).  An Origin is taken when it is this
 * site's own (the scheme and Host of the request), the origin of
 * public_url, or one of allowed (space-separated origins, the province's
 * portal when it is served from elsewhere); "null" never is.  Without an
 * Origin, Sec-Fetch-Site "cross-site" is refused; a client that sends
 * neither header is not a browser's form and is taken.
 */
int origin_allowed(
    const struct origin_seen *, const char *public_url, const char *allowed);

#endif
