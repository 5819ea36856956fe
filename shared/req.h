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
struct form;

#define REQ_MAXKEYS 48 /* fields a module's table may declare */
#define REQ_MAXBAD 16 /* offending fields an error answer lists */
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
	ERR_CROSS_SITE, /* a browser's POST from another site's page */
	ERR_CLIENT_UNKNOWN, /* a verified certificate no client has */
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
	/* civil papers: confirmations of marital status, extracts */
	ERR_MARITAL_UNKNOWN, /* the database holds no marital status */
	ERR_NO_RECORD, /* no civil-status record of that kind */
	ERR_DB_UNAVAILABLE,
	ERR_BUSY,
	ERR_INTERNAL,
	/* civil status: death registration */
	ERR_DECEASED, /* the person is deceased: their records are locked */
	ERR_DEATH_FUTURE, /* a date of death after the day of receipt */
	ERR_DEATH_BEFORE_BIRTH,
	/* online, a relation the database does not hold (or no such person) */
	ERR_NOT_RELATED,
	/* civil status: birth registration */
	ERR_MOTHER_UNKNOWN, /* the database has no such mother */
	ERR_MOTHER_DECEASED,
	ERR_BIRTH_FUTURE, /* a birth date after the day of receipt */
	ERR_NOT_PARENT, /* online, the filer is neither parent named */
	ERR_BIRTH_HELD, /* a possible duplicate, not cleared */
	/* marriage registration: a condition the law sets, each its own */
	ERR_MARRIAGE_MARRIED, /* a party is married */
	ERR_MARRIAGE_UNDERAGE, /* a party has not the completed years */
	ERR_MARRIAGE_SAME_SEX, /* the law does not recognise it */
	ERR_MARRIAGE_DIRECT_LINE, /* ancestor and descendant */
	ERR_MARRIAGE_KIN, /* kin within three generations */
	ERR_MARRIAGE_CONSENT_PENDING, /* the other party has not consented */
	ERR_MARRIAGE_CONSENT_EXPIRED, /* nor within the window */
	ERR__MAX
};

/*
 * A field of a module's table, indexed by the module's own enum of keys
 * (key 0 is "no key"): its name in a form and how its value is checked.
 * A choice (VALID_CHOICE) carries its values; the value's index in them
 * is the field's number.
 */
struct field {
	const char *name;
	enum valid_kind kind;
	const char *const *choices; /* VALID_CHOICE: NULL-terminated */
};

/* How a route takes a field of its module's table. */
enum take_need {
	TAKE_END = 0, /* ends a route's list */
	TAKE_OPTIONAL,
	TAKE_REQUIRED,
	TAKE_REFUSED, /* sent at all: refused ("not_allowed") */
};

struct take {
	int key;
	enum take_need need;
};

/*
 * A validated value: the string as normalised (NULL when the field was
 * not sent, or sent empty), and for numbers, dates and choices the value
 * already parsed.
 */
struct val {
	const char *s;
	long long i; /* VALID_YEAR, VALID_PAGE: the number; VALID_DATE: days
	              * since 1970-01-01; VALID_CHOICE: the index */
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
	ROUTE_ANYONE, /* no identity needed */
	ROUTE_CITIZEN, /* a signed-on citizen: req->citizen */
	ROUTE_OFFICIAL, /* an active official (req->official) whose role
	                 * has the route's right */
	/* a registered ministry system (req->client) behind a client
	 * certificate the web server verified; no verdict, no body read.
	 * Its right to a service, for a purpose, is in the message, so the
	 * handler checks it once the message is read. */
	ROUTE_CLIENT,
	/* the monitoring system: no identity, but the web server's
	 * REMOTE_ADDR must be one the module's metrics_allow setting lists
	 * (default 127.0.0.1 and ::1), behind the web server's own
	 * allow/deny; otherwise 403 */
	ROUTE_MONITOR,
	ROUTE__MAX,
};

/*
 * A route: everything a handler may rely on.  The request loop matches
 * the method and path, validates the path captures as the fields args[]
 * name (a capture that fails is "not found"), validates the fields the
 * route takes, and checks the caller, before the handler runs.
 */
struct route {
	const char *name; /* for the log */
	const char *method; /* GET, POST */
	const char *pattern; /* anchored PCRE2 on the path */
	const struct take *takes; /* NULL or ends with TAKE_END */
	int args[REQ_MAXARGS]; /* the captures' keys, in order; 0 ends */
	handler_fn handler;
	const void *data; /* the handler's own (e.g. the procedure) */
	int raw; /* the body is a document (XML), not a form: in_body */
	enum route_caller caller;
	/* ROUTE_OFFICIAL: the right the role must have (the module's own
	 * enum; 0: any active official), and what a refusal records: the
	 * action, and the object (NULL: the first capture) */
	int right;
	const char *act;
	const char *object;
	/* A plain form (HTML) refused for its fields (r->bad): shows the
	 * form again, the fields at fault marked and what was typed kept;
	 * run only once the route's caller is checked.  NULL: the error
	 * page. */
	handler_fn reform;
	/* The answer may lag the primary a little: with db_replica set,
	 * the handler's r->db is the replica while it is within
	 * db_replica_max_lag, else the primary.  Only for a handler that
	 * never writes (a replica is read-only). */
	int lag_ok;
};

/* A registered ministry system, as its client certificate names it. */
struct client {
	long long id;
	const char *name;
};

/* An active official, as REMOTE_USER names them. */
struct official {
	long long id;
	const char *user;
	const char *commune;
	const char *role;
	const char *commune_name; /* NULL when the statement has none */
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
	const char *lang; /* of an HTML answer: "vi" or "en" (resp_lang) */
	const struct route *route;
	struct val val[REQ_MAXKEYS]; /* by the module's field key */
	const char *arg[REQ_MAXARGS]; /* path captures, raw */
	const char *log_path; /* the path with its captures masked */
	const char *citizen; /* signed-on citizen's valid number, or NULL */
	const char *user; /* REMOTE_USER, or NULL */
	const struct official *official; /* ROUTE_OFFICIAL routes: who */
	const struct client *client; /* ROUTE_CLIENT routes: who */
	const char *remote_addr; /* REMOTE_ADDR from the web server, or NULL */
	struct req_bad bad[REQ_MAXBAD];
	size_t nbad;
	const char *allow; /* Allow header for a 405 */
	/* the fields as sent (decoded; GET: the query, POST: the body), so
	 * that a form refused for them is shown again as it was typed */
	const struct form *form;

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

/* The string of field key k, or NULL when it was not sent. */
#define REQ_S(r, k) ((r)->val[(k)].s)

/* Adds an offending field to r->bad (when there is room). */
void req_bad(struct req *, const char *name, const char *reason);

#endif
