/*
 * The exchange gateway (liên thông): private declarations.
 */
#ifndef EXCHANGE_H
#define EXCHANGE_H

#include <libxml/tree.h>

#include "req.h"
#include "sql.h"
#include "xml.h"

#define EX_NS "urn:motcua:exchange:v1"
#define EX_DC_NS "http://www.mic.gov.vn/dancu/1.0"
#define EX_SOAP11_NS "http://schemas.xmlsoap.org/soap/envelope/"
#define EX_SOAP12_NS "http://www.w3.org/2003/05/soap-envelope"

struct arena;
struct db;

/* The module's fields (main.c): only a path capture. */
enum ex_key { EK_NONE, EK_XSD, EK__MAX };

enum ex_service {
	EX_VERIFY,
	EX_GETCITIZEN,
	EX_BATCH,
	EX_CHANGES,
	EX_CIVIL, /* VerifyCivilStatus */
	EX__MAX
};

/* Faults: each has a stable code, the enum err whose HTTP status a plain
 * POST answers, whether the client or the server is at fault, and
 * messages (fault.c). */
enum ex_fault {
	EXF_NONE = 0,
	EXF_CLIENT_UNVERIFIED,
	EXF_CLIENT_UNKNOWN,
	EXF_NOT_PERMITTED,
	EXF_MEDIA_TYPE,
	EXF_SOAP_VERSION,
	EXF_SOAP_MUST_UNDERSTAND,
	EXF_SOAP_ENVELOPE,
	EXF_SOAP_ACTION,
	EXF_XML_DOCTYPE,
	EXF_XML_MALFORMED,
	EXF_XML_ENCODING,
	EXF_XML_INVALID_ENCODING,
	EXF_XML_TOO_DEEP,
	EXF_XML_LIMIT,
	EXF_XML_EXTERNAL,
	EXF_SCHEMA,
	EXF_UNKNOWN_SERVICE,
	EXF_MESSAGE_ID_REUSED,
	EXF_BATCH_TOO_LARGE,
	EXF_TOO_LARGE,
	EXF_BAD_REQUEST,
	EXF_DB_UNAVAILABLE,
	EXF_BUSY,
	EXF_TOO_COSTLY,
	EXF_INTERNAL,
	EXF_DATE_FUTURE,
	EXF__MAX
};

/* One message being answered. */
struct ex_call {
	struct req *r;
	enum ex_service svc;
	long long client_id;
	const char *client_name;
	unsigned groups; /* the field groups the right grants, 1 << g */
	xmlNodePtr in; /* the request element */
	const char *msgid;
	const char *purpose; /* NFC */
	xmlNodePtr out; /* the response element the handler builds */
	enum ex_fault fault; /* a refusal found by the handler */
	/* the citizens read, logged by the pipeline at the very end of the
	 * transaction: the access log's chain head is locked only then */
	const long long *read_ids;
	size_t nread;
	const char *read_fields;
	/* others read along with them (a citizen's parents), with which
	 * of their facts */
	const long long *also_ids;
	size_t nalso;
	const char *also_fields;
};

/* Handlers run inside the message's transaction: they build c->out under
 * the response element and write the access-log rows.  They return 0, a
 * negative enum db_rc, or 1 with c->fault set. */
int ex_verify(struct db *, struct arena *, struct ex_call *);
int ex_batch(struct db *, struct arena *, struct ex_call *);
int ex_getcitizen(struct db *, struct arena *, struct ex_call *);
int ex_changes(struct db *, struct arena *, struct ex_call *);
int ex_civil(struct db *, struct arena *, struct ex_call *);

/* envelope.c: the request element of a plain document (the root) or of a
 * SOAP 1.1 envelope; NULL with *f set when the envelope is refused. */
xmlNodePtr ex_payload(xmlNodePtr root, int soap, enum ex_fault *f);

/* fault.c: faults and the documents that carry answers */
const char *ex_fault_code(enum ex_fault);
/* The fault answering a shared error: ERR_TOO_LARGE, ERR_DB_UNAVAILABLE,
 * ERR_BUSY and ERR_INTERNAL have their own, anything else is bad_request. */
enum ex_fault ex_fault_of(enum err);
/* The fault answering a document the hardened parser refused. */
enum ex_fault ex_fault_of_xml(enum xml_err);
void ex_render_fault(struct req *, int soap, enum ex_fault, const char *msgid);
xmlNodePtr ex_soap_body(xmlDocPtr); /* a new SOAP 1.1 envelope's Body */
void ex_serialize(struct req *, xmlDocPtr, int status);

/* wire.c: the pipeline, its routes and hooks.  ex_wire_init keeps the
 * limits and the retention, and loads the schema from xsd_dir; 0 or -1. */
int ex_wire_init(
    const struct xml_limits *, long retention_days, const char *xsd_dir);
enum err ex_post_soap(struct req *);
enum err ex_post_xml(struct req *);
void ex_error(struct req *, enum err);
void ex_over_budget(struct req *);
void ex_out_of_memory(struct req *);

/* wsdl.c: the WSDL and schemas, served as read once from dir by
 * ex_wsdl_load (0 or -1, logged), the WSDL with url written into it. */
int ex_wsdl_load(const char *dir, const char *url);
enum err ex_get_wsdl(struct req *);
enum err ex_get_xsd(struct req *);

/* call.c: helpers for handlers; what they return lives in the request's
 * arena or the answer's document.  ex_read: the citizens this answer reads
 * (ids from the arena, or one id), with which facts; written to the access
 * log in the same transaction, after the answer is built. */
void
ex_read(struct ex_call *, const long long *ids, size_t n, const char *fields);
/* ex_read_also: others whose facts the answer shows along with them (a
 * citizen's parents), with which facts; logged like the first. */
void ex_read_also(
    struct ex_call *, const long long *ids, size_t n, const char *fields);
const char *ex_text(struct ex_call *, const char *name);
/* The day asked about (NgayKiemTra; today, Vietnam time, when absent):
 * 0, 1 for a year alone (its last day), -1 for no such date. */
int ex_date(struct ex_call *, char out[11]);
xmlNodePtr ex_add(xmlNodePtr parent, const char *name, const char *text);

/*
 * The field groups a right grants (exchange_right.field_groups, a comma
 * list), in the order GetCitizen names them.  ex_groups (sql.c) holds
 * each one's name as stored, which is also its name in a request and an
 * answer, and a label; a name not there grants nothing.
 */
enum ex_group {
	EXG_BASIC, /* co_ban */
	EXG_PERSONAL, /* nhan_than */
	EXG_RESIDENCE, /* cu_tru */
	EXG_HOUSEHOLD, /* ho_gia_dinh */
	EXG_PARENTS, /* cha_me */
	EXG_CIVIL, /* ho_tich */
	EXG__MAX
};

struct ex_group_name {
	const char *name;
	const char *label;
};

extern const struct ex_group_name ex_groups[EXG__MAX];

/* The group named so, or EXG__MAX. */
enum ex_group ex_group_named(const char *name);
/* The groups a stored comma list names, 1 << g each. */
unsigned ex_groups_parse(const char *list);
int ex_has_group(const struct ex_call *, enum ex_group);

enum ex_sql {
	EXQ_CLIENT = SQ__MAX,
	EXQ_RIGHT,
	EXQ_MSG_INSERT,
	EXQ_MSG_DONE,
	EXQ_MSG_STORED,
	EXQ_MSG_LOG,
	EXQ_MSG_PURGE,
	EXQ_CITIZEN,
	EXQ_CITIZEN_OLD,
	EXQ_RES_AT,
	EXQ_RES_CURRENT,
	EXQ_CMND,
	EXQ_HEAD,
	EXQ_BATCH,
	EXQ_BATCH_OLD,
	EXQ_CHANGES,
	EXQ_MARRIAGES,
	EXQ_PARENTS,
	EXQ__MAX
};

#define EX_BATCH_CHUNK 100
#define EX_PURGE_BATCH 500 /* exchange_message rows a purge deletes */
#define EX_BATCH_MAX 10000

extern const char *const ex_sql[EXQ__MAX - SQ__MAX];
extern const struct sql_shape ex_shapes[];

/*
 * The fetchers (sql.c): each runs its statement and reads its rows into a
 * struct, strings from the arena.  They return DB_OK or a negative enum
 * db_rc; a row not found is DB_OK with the struct zeroed (or n 0).
 */

/* The right of a client for a service and purpose (EXQ_RIGHT). */
struct ex_right {
	int found;
	unsigned groups; /* 1 << enum ex_group */
};

int ex_right_get(struct db *, struct arena *, long long client,
    const char *service, const char *purpose, struct ex_right *);

/* A message's stored answer, for a replay (EXQ_MSG_STORED). */
struct ex_stored {
	int found;
	const char *request_sha256;
	const char *response; /* NULL: not answered yet */
	const char *content_type;
	int http_status;
};

int ex_stored_get(struct db *, struct arena *, long long client,
    const char *msgid, struct ex_stored *);

/* A citizen (EXQ_CITIZEN, EXQ_CITIZEN_OLD); id is 0 when there is none. */
struct ex_citizen {
	long long id;
	const char *pid; /* the current number */
	const char *full_name;
	const char *birth_date; /* YYYY-MM-DD */
	const char *sex; /* M or F */
	const char *death_date; /* NULL: alive */
	const char *marital_status; /* today's; NULL: not known */
	const char *ethnicity;
	long long household; /* 0: none */
	const char *household_role; /* NULL: none */
};

/* The citizen with this personal number, current or replaced (a number
 * held by more than one is nobody's). */
int ex_citizen_get(
    struct db *, struct arena *, const char *pid, struct ex_citizen *);

/* The residence in a commune on a day, permanent first (EXQ_RES_AT). */
struct ex_residence_at {
	int found;
	int permanent; /* else temporary */
	const char *since;
	const char *until; /* NULL: no end */
	const char *address;
};

int ex_residence_at_get(struct db *, struct arena *, long long citizen,
    const char *commune, const char *day, struct ex_residence_at *);

/* A current residence (EXQ_RES_CURRENT). */
struct ex_residence {
	int permanent; /* else temporary */
	const char *commune;
	const char *address;
};

/* The citizen's current residences, permanent first, newest first in
 * each kind (an array from the arena). */
int ex_residences_get(struct db *, struct arena *, long long citizen,
    struct ex_residence **, size_t *n);

/* The citizen's latest old identity card number, or NULL (EXQ_CMND). */
int ex_cmnd_get(
    struct db *, struct arena *, long long citizen, const char **number);

/* The personal number of the household's head, or NULL (EXQ_HEAD). */
int
ex_head_get(struct db *, struct arena *, long long household, const char **pid);

/* A residence valid on a batch's day (EXQ_BATCH, EXQ_BATCH_OLD): the
 * number as asked, its holder, and commune and kind (NULL for a holder
 * with none). */
struct ex_held {
	const char *pid;
	long long cid;
	const char *commune;
	const char *kind; /* "permanent" or "temporary" */
};

/* Rows grown from the arena. */
struct ex_heldset {
	struct ex_held *rows;
	size_t n, cap;
};

/* Appends to hs the residences valid on day of the holders of up to
 * EX_BATCH_CHUNK numbers: current ones, or replaced ones (a number that
 * is also its holder's current one is not found again). */
int ex_batch_get(struct db *, struct arena *, int replaced, const char *day,
    const char *const *pids, size_t n, struct ex_heldset *hs);

/* A change after the cursor, for a commune the client subscribes to
 * (EXQ_CHANGES). */
struct ex_change {
	long long id; /* the cursor */
	const char *kind;
	const char *pid;
	const char *commune;
	const char *at; /* UTC, ...Z */
	long long cid;
};

/* Up to limit changes after cursor, oldest first (an array from the
 * arena); the civil-status kinds only when civil is set. */
int ex_changes_get(struct db *, struct arena *, long long client, int civil,
    long long cursor, long limit, struct ex_change **, size_t *n);

/* One of a person's marriages (EXQ_MARRIAGES). */
struct ex_marriage {
	const char *married_on; /* YYYY-MM-DD */
	const char *ended_on; /* NULL: not ended */
	const char *end_reason; /* "divorce", "death", or NULL */
};

/* The person's marriages, latest first (an array from the arena). */
int ex_marriages_get(struct db *, struct arena *, long long citizen,
    struct ex_marriage **, size_t *n);

/* A parent (EXQ_PARENTS). */
struct ex_parent {
	long long id;
	int father; /* else the mother */
	const char *pid;
	const char *full_name;
};

/* The person's known parents, at most two (an array from the arena). */
int ex_parents_get(struct db *, struct arena *, long long citizen,
    struct ex_parent **, size_t *n);

/* call.c: the request's HoVaTen and NgaySinh, when given, against the
 * citizen's: "match", "mismatch", or NULL when not asked. */
struct ex_identity {
	const char *name;
	const char *birth;
};

/* Fills id; 1 when either one is a mismatch. */
int ex_identity_check(
    struct ex_call *, const struct ex_citizen *, struct ex_identity *);
/* Adds KhopHoTen and KhopNgaySinh for the ones asked. */
void ex_identity_add(struct ex_call *, const struct ex_identity *);

/* civil.c: the marital status a person's records give for a day. */
struct ex_marital {
	const char *status; /* a TinhTrangHonNhan code: khong_ro unknown */
	const char *since; /* when it began, NULL when not known */
};

void ex_marital_on(const struct ex_citizen *, const struct ex_marriage *,
    size_t n, const char *day, const char *today, struct ex_marital *);

#endif
