/*
 * A request as handlers see it: method, path, negotiated answer format,
 * the route's validated fields, path captures, the caller's identity as
 * the web server established it, and a per-request arena.  Handlers never
 * read raw FastCGI parameters or the raw body.
 */
#ifndef MOTCUA_REQ_H
#define MOTCUA_REQ_H

#include <stddef.h>

#include "buf.h"
#include "valid.h"

struct conf;
struct db;

#define REQ_MAXFIELDS 16 /* fields a route may declare */
#define REQ_MAXARGS 4 /* path captures */

enum req_fmt {
	REQ_HTML,
	REQ_JSON,
	REQ_XML,
};

/* Stable error identities; resp.c maps each to status, code and messages. */
enum err {
	ERR_OK = 0,
	ERR_BAD_REQUEST,
	ERR_LENGTH_REQUIRED,
	ERR_BAD_LENGTH,
	ERR_TOO_LARGE,
	ERR_MEDIA_TYPE,
	ERR_BAD_ESCAPE,
	ERR_BAD_UTF8,
	ERR_DUP_FIELD,
	ERR_TOO_MANY_FIELDS,
	ERR_FIELD_TOO_LONG,
	ERR_FIELD_IN_QUERY, /* a POST field sent in the query string */
	ERR_SECRET_IN_QUERY,
	ERR_INVALID_FIELD,
	ERR_MISSING_FIELD,
	ERR_UNAUTHENTICATED,
	ERR_FORBIDDEN,
	ERR_ROLE, /* the official's role does not allow the action */
	ERR_SEPARATION, /* who filed a dossier may not also approve it */
	ERR_NOT_FOUND,
	ERR_METHOD,
	ERR_CONFLICT,
	ERR_STATE,
	ERR_KNOWN_FACT,
	ERR_NOT_ELIGIBLE,
	ERR_TOO_MANY,
	ERR_NO_RESIDENCE,
	ERR_UNKNOWN_CITIZEN,
	ERR_DB_UNAVAILABLE,
	ERR_BUSY,
	ERR_INTERNAL,
	ERR__MAX
};

struct field {
	const char *name;
	enum valid_kind kind;
	int required;
};

struct req;
typedef enum err (*handler_fn)(struct req *);

/*
 * Who may call a route.  The request loop refuses a caller the route does
 * not have, after the route's fields are validated and before the handler
 * runs, so no handler checks identity itself.  Zero is "not declared": a
 * route that forgets to say is refused at start-up (route_init).
 */
enum route_caller {
	ROUTE_UNDECLARED = 0,
	ROUTE_ANYONE, /* no identity needed, or the module's admit hook
	               * judges it (the exchange's ministry clients) */
	ROUTE_CITIZEN, /* a signed-on citizen: req->citizen */
	ROUTE_OFFICIAL, /* an official: req->user; the role is the
	                 * handler's, per action */
	/* a signed-on citizen, refused by the handler: a refusal only it
	 * can make (an unknown procedure in the path, a field a citizen may
	 * not send) answers before a missing identity */
	ROUTE_CITIZEN_LATE,
};

struct route {
	const char *name; /* for the log */
	const char *method; /* GET, POST */
	const char *pattern; /* anchored PCRE2 on the path */
	const struct field *fields; /* NULL or ends with name NULL */
	handler_fn handler;
	int raw; /* the body is a document (XML), not a form: in_body */
	enum route_caller caller;
};

/* A field that failed validation, for the error answer. */
struct req_bad {
	const char *name;
	const char *reason;
};

struct req {
	struct arena arena;
	const char *id; /* request id */
	const char *method;
	const char *path;
	enum req_fmt fmt;
	const struct route *route;
	const char *val[REQ_MAXFIELDS]; /* by route field index */
	const char *arg[REQ_MAXARGS]; /* path captures */
	const char *log_path; /* the path with its captures masked */
	const char *citizen; /* signed-on citizen's valid number, or NULL */
	const char *user; /* REMOTE_USER, or NULL */
	const char *remote_addr; /* REMOTE_ADDR from the web server, or NULL */
	struct req_bad bad[REQ_MAXFIELDS];
	size_t nbad;
	const char *allow; /* Allow header for a 405 */

	/* the answer */
	int status;
	struct buf body;
	const char *ctype;
	const char *location; /* 303 target */
	int retry_after;

	/* a raw body (routes with raw set), and what came with it */
	const char *in_body;
	size_t in_len;
	const char *content_type;
	const char *soap_action; /* SOAPAction header, or NULL */
	const char *tls_verify; /* SSL_CLIENT_VERIFY from the web server */
	const char *tls_dn; /* SSL_CLIENT_S_DN from the web server */
	const char *tls_issuer; /* SSL_CLIENT_I_DN from the web server */

	/* process-lifetime objects */
	struct db *db;
	const struct conf *conf;
};

/* Returns the validated value of the named route field, or NULL. */
const char *req_field(const struct req *, const char *name);

#endif
